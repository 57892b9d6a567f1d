"""Follow-up by reference: find the session, record what changed (thin routes)."""

from __future__ import annotations

from datetime import timedelta
from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from pydantic import ValidationError

from directory.dependencies import SettingsDep
from directory.programme import csrf
from directory.programme.clock import today, utcnow
from directory.programme.errors import RecordNotFoundError
from directory.programme.followup import (
    MAX_TRIPS,
    FollowUpIn,
    follow_up_of,
    save_follow_up,
    trips_from_form,
)
from directory.programme.records import by_reference
from directory.programme.references import display
from directory.programme.sessions import Staff
from directory.programme.tables import DeskRecord
from directory.programme.vocabulary import Employment, SolutionUse, TripMode
from directory.programme.web.deps import DbDep, FormDep, StaffDep, checked_nonce, first
from directory.programme.web.forms import french_errors
from directory.programme.web.render import HEADERS, render
from directory.urls import path_for

router = APIRouter(default_response_class=HTMLResponse, include_in_schema=False)

CHOICES = {
    "solution_utilisee": [(u.value, u.label) for u in SolutionUse],
    "emploi": [(e.value, e.label) for e in Employment],
    "mode": [(m.value, m.label) for m in TripMode],
}


def _page(
    request: Request,
    staff: Staff,
    reference: str,
    record: DeskRecord | None,
    values: dict[str, Any] | None,
    errors: list[str],
    status_code: int = 200,
) -> HTMLResponse:
    return render(
        request,
        "programme/suivi.html",
        {
            "reference": reference,
            "record": record,
            "shown_reference": display(record.reference) if record and record.reference else "",
            "values": values or {},
            "errors": errors,
            "choices": CHOICES,
            "trip_rows": range(1, MAX_TRIPS + 1),
        },
        staff,
        status_code,
    )


def _stored_values(db: DbDep, record: DeskRecord) -> dict[str, Any]:
    found, trips = follow_up_of(db, record)
    values: dict[str, Any] = {"jour": today().isoformat(), "solution_utilisee": "", "emploi": ""}
    if found is not None:
        values.update(
            jour=found.jour.isoformat(),
            solution_utilisee=found.solution_utilisee.value,
            emploi=found.emploi.value if found.emploi else "",
        )
    for index, trip in enumerate(trips, start=1):
        values[f"trajet-{index}-distance_km"] = str(trip.distance_km)
        values[f"trajet-{index}-par_semaine"] = str(trip.par_semaine)
        values[f"trajet-{index}-mode"] = trip.mode.value
    values["existing"] = found is not None
    return values


@router.get("/programme/suivi", name="programme_follow_up")
def follow_up_page(
    request: Request,
    db: DbDep,
    staff: StaffDep,
    reference: Annotated[str, Query(max_length=40)] = "",
) -> HTMLResponse:
    if not reference.strip():
        return _page(request, staff, "", None, None, [])
    try:
        record = by_reference(db, staff, reference)
    except RecordNotFoundError as error:
        return _page(request, staff, reference, None, None, [error.message], 404)
    return _page(request, staff, reference, record, _stored_values(db, record), [])


@router.post("/programme/suivi/{record_id}", name="programme_follow_up_post")
def save(
    request: Request,
    record_id: int,
    db: DbDep,
    staff: StaffDep,
    form: FormDep,
    settings: SettingsDep,
) -> Response:
    from directory.programme.records import record_of

    nonce = checked_nonce(staff, form, settings)
    record = record_of(db, staff, record_id)
    if record.reference is None:
        raise RecordNotFoundError("Cet entretien n'a pas de référence : pas de suivi possible.")
    data = {
        "jour": first(form, "jour"),
        "solution_utilisee": first(form, "solution_utilisee"),
        "emploi": first(form, "emploi"),
        "trajets": trips_from_form(form),
    }
    try:
        parsed = FollowUpIn.model_validate(
            data, context={"today": today(), "session_day": record.jour}
        )
    except ValidationError as error:
        values = {k: first(form, k) for k in form}
        return _page(request, staff, record.reference, record, values, french_errors(error), 422)
    now = utcnow()
    csrf.spend(db, nonce, now, timedelta(hours=settings.session_max_hours))
    save_follow_up(db, staff, record, parsed, now)
    return RedirectResponse(
        path_for(request, "programme_follow_up") + "?info=suivi", 303, headers=HEADERS
    )
