"""The API's documentation pages, /docs (Swagger UI) and /redoc, from assets served here.

FastAPI's own pages load their scripts from a CDN and start them with an inline script: both
are refused by our content security policy. The assets come from the `fastapi-offline` package
and are served under /static-docs; Swagger UI starts from a script file (js/api-docs.js).
"""

from __future__ import annotations

from pathlib import Path

import fastapi_offline
from fastapi import APIRouter, FastAPI, Request
from fastapi.responses import HTMLResponse

from directory.dependencies import TemplatesDep
from directory.security import CachedStaticFiles

ASSETS_DIR = Path(fastapi_offline.__file__).parent / "static"
# ReDoc styles its page by inserting <style> elements: that page alone allows them.
REDOC_STYLE_SRC = "style-src 'self' 'unsafe-inline'"

router = APIRouter(default_response_class=HTMLResponse, include_in_schema=False)


def install_api_docs(app: FastAPI) -> None:
    """Mount the assets and the two pages (the app is created with docs_url=None)."""
    app.mount("/static-docs", CachedStaticFiles(directory=ASSETS_DIR), name="docs_assets")
    app.include_router(router)


@router.get("/docs", name="api_docs")
def swagger_ui(request: Request, templates: TemplatesDep) -> HTMLResponse:
    return templates.TemplateResponse(request, "docs/swagger.html", _context(request))


@router.get("/redoc", name="api_redoc")
def redoc(request: Request, templates: TemplatesDep) -> HTMLResponse:
    response = templates.TemplateResponse(request, "docs/redoc.html", _context(request))
    response.headers["content-security-policy"] = _csp_allowing_inline_styles()
    return response


def _context(request: Request) -> dict[str, object]:
    openapi_url = request.app.openapi_url or "/openapi.json"
    return {
        "title": request.app.title,
        "openapi_url": request.scope.get("root_path", "") + openapi_url,
    }


def _csp_allowing_inline_styles() -> str:
    from directory.security import CONTENT_SECURITY_POLICY

    policies = [p for p in CONTENT_SECURITY_POLICY.split("; ") if not p.startswith("style-src")]
    return "; ".join([*policies, REDOC_STYLE_SRC, "worker-src 'self' blob:"])
