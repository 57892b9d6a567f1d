"""Safe by default: security headers everywhere, cached static assets, escaped text."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient
from starlette.routing import Route

from directory.app import create_app
from directory.config import Settings
from directory.security import _local

from .conftest import FIXTURES, sync_folder


@pytest.mark.parametrize(
    "path",
    [
        "/",
        "/solutions/transport-test-lodeve",
        "/api/solutions/transport-test-lodeve",
        "/nulle-part",
        "/static/css/site.css",
    ],
)
def test_every_response_carries_the_security_headers(client: TestClient, path: str) -> None:
    headers = client.get(path).headers
    csp = headers["content-security-policy"]
    assert "script-src 'self'" in csp and "style-src 'self'" in csp
    assert "'unsafe-inline'" not in csp
    assert "frame-ancestors 'none'" in csp
    assert headers["x-content-type-options"] == "nosniff"
    # An error's address may carry what someone typed: it is never sent on as a Referer.
    expected = "no-referrer" if path == "/nulle-part" else "same-origin"
    assert headers["referrer-policy"] == expected


def test_pages_have_no_inline_script_or_style(client: TestClient) -> None:
    for path in ("/", "/solutions/transport-test-lodeve", "/a-propos", "/nulle-part"):
        html = client.get(path).text
        assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", html), path
        assert "<style" not in html and " style=" not in html, path


def test_versioned_static_assets_are_cached_for_a_year(client: TestClient) -> None:
    html = client.get("/").text
    href = re.search(r'href="(/static/css/site\.css\?v=[0-9a-f]+)"', html)
    assert href, "the stylesheet link carries the assets' version"
    response = client.get(href.group(1))
    assert response.headers["cache-control"] == "public, max-age=31536000, immutable"
    assert "etag" in response.headers


def test_every_response_says_how_long_the_server_took(client: TestClient) -> None:
    timing = client.get("/recherche?q=bus").headers["server-timing"]
    assert re.fullmatch(r"app;dur=\d+\.\d", timing)


# --- every response, the unexpected error included ------------------------------------------


@pytest.fixture
def failing_client(settings: Settings) -> Iterator[TestClient]:
    """The real app, with one route that fails as a bug would."""
    sync_folder(settings, FIXTURES / "valid")
    app = create_app(settings)

    @app.get("/conseiller/panne")
    def broken() -> None:
        raise RuntimeError("a bug")

    with TestClient(app, raise_server_exceptions=False) as test_client:
        yield test_client


@pytest.mark.parametrize("accept", ["text/html", "application/json"])
def test_an_unexpected_error_keeps_the_security_headers_and_is_never_stored(
    failing_client: TestClient, accept: str
) -> None:
    response = failing_client.get(
        "/conseiller/panne?commune=Lodève&age=68", headers={"accept": accept}
    )
    assert response.status_code == 500
    assert "Un problème technique" in response.text
    headers = response.headers
    assert "script-src 'self'" in headers["content-security-policy"]
    assert headers["x-content-type-options"] == "nosniff"
    assert headers["x-frame-options"] == "DENY"
    assert headers["cache-control"] == "no-store"
    assert headers["referrer-policy"] == "no-referrer"  # the situation in the URL goes nowhere


@pytest.mark.parametrize(
    "path", ["/", "/recherche?q=bus", "/api/solutions", "/health", "/nulle-part"]
)
def test_pages_and_answers_are_not_stored_unless_they_say_so(client: TestClient, path: str) -> None:
    assert client.get(path).headers["cache-control"] == "no-store"


# --- redirects ---------------------------------------------------------------------------


@pytest.mark.parametrize("host", ["evil.example", "evil.example:8443", "127.0.0.1:8000"])
def test_a_redirect_never_names_the_host_the_request_gave(client: TestClient, host: str) -> None:
    response = client.get("/recherche/?q=bus", headers={"host": host}, follow_redirects=False)
    assert response.status_code in {307, 308}
    assert response.headers["location"] == "/recherche?q=bus"


def test_a_redirect_can_never_be_read_as_another_host() -> None:
    assert _local(b"http://evil.example//evil.example/x?a=1") == b"/evil.example/x?a=1"
    assert _local(b"/\\evil.example") == b"/evil.example"
    assert _local(b"https://site.test/recherche") == b"/recherche"


# --- HEAD --------------------------------------------------------------------------------


def get_routes(routes: list[Any]) -> list[str]:
    """Every GET path without parameters, included routers too."""
    paths = []
    for route in routes:
        if hasattr(route, "original_router"):  # FastAPI's included router
            paths += get_routes(route.original_router.routes)
        elif isinstance(route, Route) and "GET" in (route.methods or set()):
            paths += [route.path] if "{" not in route.path else []
    return paths


def test_head_answers_on_every_get_route_with_the_get_headers(client: TestClient) -> None:
    app: Any = client.app
    paths = [*get_routes(app.routes), "/solutions/transport-test-lodeve", "/static/css/site.css"]
    assert len(paths) > 15
    for path in paths:
        got = client.get(path)
        head = client.head(path)
        assert head.status_code == got.status_code, path
        assert head.content == b"", path
        assert head.headers["content-type"] == got.headers["content-type"], path
        assert head.headers["content-security-policy"], path


def test_head_on_an_address_no_get_serves_answers_like_the_get(client: TestClient) -> None:
    head, got = client.head("/nulle-part"), client.get("/nulle-part")
    assert head.status_code == got.status_code == 404
    assert head.content == b"" and head.headers["cache-control"] == "no-store"


# --- API documentation -------------------------------------------------------------------


@pytest.mark.parametrize("path", ["/docs", "/redoc"])
def test_the_api_documentation_uses_only_files_of_this_site(client: TestClient, path: str) -> None:
    page = client.get(path)
    assert page.status_code == 200
    sources = re.findall(r'(?:src|href)="([^"]+)"', page.text)
    assert sources and all(s.startswith("/") and not s.startswith("//") for s in sources), sources
    assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", page.text)  # no inline script
    assert "<style" not in page.text
    for source in sources:
        assert client.get(source).status_code == 200, source
    csp = page.headers["content-security-policy"]
    assert "script-src 'self'" in csp and "cdn" not in csp


def test_only_redoc_may_style_itself_inline(client: TestClient) -> None:
    assert "style-src 'self'" in client.get("/docs").headers["content-security-policy"]
    assert "'unsafe-inline'" not in client.get("/docs").headers["content-security-policy"]
    assert (
        "style-src 'self' 'unsafe-inline'"
        in client.get("/redoc").headers["content-security-policy"]
    )
