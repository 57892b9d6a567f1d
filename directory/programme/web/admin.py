"""Administration of the partners' space: accounts of one's structure, and the CSV import."""

from __future__ import annotations

from datetime import timedelta

from fastapi import APIRouter, Request, UploadFile
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from directory.dependencies import GeoDep, SettingsDep
from directory.errors import InvalidInputError
from directory.programme import csrf
from directory.programme.access import require
from directory.programme.accounts import (
    create_account,
    deactivate,
    get_account,
    list_accounts,
    reactivate,
    reset_password,
    revoke_sessions,
)
from directory.programme.clock import today, utcnow
from directory.programme.errors import RecordNotFoundError
from directory.programme.importer import COLUMNS, SEPARATOR, import_activity, template_csv
from directory.programme.structures import structure_names
from directory.programme.vocabulary import Role
from directory.programme.web.deps import DbDep, FormDep, StaffDep, checked_nonce, first
from directory.programme.web.render import HEADERS, render
from directory.urls import path_for

router = APIRouter(default_response_class=HTMLResponse, include_in_schema=False)
ACTIONS = ("desactiver", "reactiver", "reinitialiser", "deconnecter")


def _accounts_page(
    request: Request,
    db: DbDep,
    staff: StaffDep,
    errors: list[str] | None = None,
    issued: object = None,
    status_code: int = 200,
) -> HTMLResponse:
    return render(
        request,
        "programme/comptes.html",
        {
            "accounts": list_accounts(db, staff.account.structure),
            "roles": [(r.value, r.label) for r in Role],
            "errors": errors or [],
            "issued": issued,
        },
        staff,
        status_code,
    )


@router.get("/programme/comptes", name="programme_accounts")
def accounts(request: Request, db: DbDep, staff: StaffDep) -> HTMLResponse:
    require(staff, Role.ADMINISTRATION)
    return _accounts_page(request, db, staff)


@router.post("/programme/comptes", name="programme_accounts_post")
def change_accounts(
    request: Request,
    db: DbDep,
    staff: StaffDep,
    form: FormDep,
    settings: SettingsDep,
    geo: GeoDep,
) -> Response:
    require(staff, Role.ADMINISTRATION)
    nonce = checked_nonce(staff, form, settings)
    now = utcnow()
    action = first(form, "action")
    structure = staff.account.structure  # an administrator manages only their structure
    try:
        if action == "creer":
            try:
                role = Role(first(form, "role"))
            except ValueError as error:
                raise InvalidInputError("role", "Choisissez un rôle.") from error
            csrf.spend(db, nonce, now, timedelta(hours=settings.session_max_hours))
            issued = create_account(
                db, first(form, "identifiant"), structure, role, set(structure_names(geo)), now
            )
            return _accounts_page(request, db, staff, issued=issued)
        if action not in ACTIONS:
            raise InvalidInputError("action", "Action inconnue.")
        target = get_account(db, first(form, "identifiant"))
        if target.structure != structure:
            raise RecordNotFoundError("Ce compte n'existe pas dans votre structure.")
        if target.id == staff.id and action in ("desactiver", "reinitialiser"):
            raise InvalidInputError(
                "identifiant", "Vous ne pouvez pas désactiver ou réinitialiser votre propre compte."
            )
        csrf.spend(db, nonce, now, timedelta(hours=settings.session_max_hours))
        if action == "desactiver":
            deactivate(db, target)
        elif action == "reactiver":
            reactivate(db, target)
        elif action == "deconnecter":
            assert target.id is not None
            revoke_sessions(db, target.id)
            db.commit()
        else:
            return _accounts_page(request, db, staff, issued=reset_password(db, target, now))
    except InvalidInputError as error:
        db.rollback()
        return _accounts_page(request, db, staff, [error.message], status_code=422)
    return RedirectResponse(
        path_for(request, "programme_accounts") + "?info=compte", 303, headers=HEADERS
    )


@router.get("/programme/import", name="programme_import")
def import_form(request: Request, staff: StaffDep) -> HTMLResponse:
    require(staff, Role.COORDINATION)
    return render(
        request,
        "programme/import.html",
        {"columns": COLUMNS, "separator": SEPARATOR, "report": None, "errors": []},
        staff,
    )


@router.get("/programme/import/modele.csv", name="programme_import_template")
def import_template(staff: StaffDep) -> Response:
    require(staff, Role.COORDINATION)
    return Response(
        "\ufeff" + template_csv(),
        media_type="text/csv; charset=utf-8",
        headers={**HEADERS, "content-disposition": 'attachment; filename="modele-import.csv"'},
    )


@router.post("/programme/import", name="programme_import_post")
async def import_file(
    request: Request,
    staff: StaffDep,
    db: DbDep,
    geo: GeoDep,
    settings: SettingsDep,
    fichier: UploadFile | None = None,
) -> HTMLResponse:
    require(staff, Role.COORDINATION)
    form = await request.form()
    token = form.get(csrf.FIELD)
    nonce = checked_nonce(staff, {csrf.FIELD: [token if isinstance(token, str) else ""]}, settings)
    raw = await fichier.read(5_000_001) if fichier is not None else b""
    now = utcnow()
    if not raw:
        report_errors = ["Choisissez un fichier CSV."]
        report = None
    else:
        from starlette.concurrency import run_in_threadpool

        def work() -> object:
            found = import_activity(db, raw, staff.account.structure, staff.id, geo, now, today())
            if found.ok:
                csrf.spend(db, nonce, now, timedelta(hours=settings.session_max_hours))
                db.commit()
            return found

        report = await run_in_threadpool(work)
        report_errors = []
    return render(
        request,
        "programme/import.html",
        {"columns": COLUMNS, "separator": SEPARATOR, "report": report, "errors": report_errors},
        staff,
        200 if report is not None and report.ok else 422,  # type: ignore[attr-defined]
    )
