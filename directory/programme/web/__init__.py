"""The partners' space on the web: routes, error mapping and template helpers, installed once."""

from __future__ import annotations

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse, RedirectResponse, Response

from directory.errors import _wants_json
from directory.programme.errors import PasswordChangeRequiredError, SignInRequiredError
from directory.programme.figures_service import IndicatorCache
from directory.programme.search_gaps import SeenToday
from directory.programme.web import (
    admin,
    auth,
    events,
    followup,
    home,
    indicators,
    records,
    reports,
    unmet,
)
from directory.programme.web.desk_hook import count_action
from directory.programme.web.render import HEADERS
from directory.programme.web.templating import FILTERS, GLOBALS
from directory.urls import path_for

ROUTERS = (
    auth.router,
    home.router,
    records.router,
    followup.router,
    events.router,
    indicators.router,
    unmet.router,
    reports.router,
    admin.router,
)


def install(app: FastAPI) -> None:
    for router in ROUTERS:
        app.include_router(router)
    app.state.programme_cache = IndicatorCache()
    app.state.search_gaps_seen = SeenToday()
    env = app.state.templates.env
    env.filters.update(FILTERS)
    env.globals.update(GLOBALS, programme_count_action=count_action)

    @app.exception_handler(SignInRequiredError)
    def on_sign_in_required(request: Request, error: SignInRequiredError) -> Response:
        if _wants_json(request):
            return JSONResponse({"erreur": error.title, "message": error.message}, 401)
        target = path_for(request, "programme_login")
        if request.method == "GET":
            target += "?suite=" + request.url.path
        return RedirectResponse(target, 303, headers=HEADERS)

    @app.exception_handler(PasswordChangeRequiredError)
    def on_password_change(request: Request, error: PasswordChangeRequiredError) -> Response:
        if _wants_json(request):
            return JSONResponse({"erreur": error.title, "message": error.message}, 403)
        return RedirectResponse(path_for(request, "programme_password"), 303, headers=HEADERS)
