"""The partners' space home: what to do next, and the structure's latest figures."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from directory.programme.clock import utcnow
from directory.programme.records import list_records
from directory.programme.web.deps import DbDep, StaffDep
from directory.programme.web.render import render

router = APIRouter(default_response_class=HTMLResponse, include_in_schema=False)


@router.get("/programme", name="programme_home")
def home(request: Request, db: DbDep, staff: StaffDep) -> HTMLResponse:
    views, total = list_records(db, staff, utcnow())
    mine = [v for v in views if v.record.author_id == staff.id][:5]
    return render(request, "programme/accueil.html", {"mine": mine, "total": total}, staff)
