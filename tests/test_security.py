"""Safe by default: security headers everywhere, cached static assets, escaped text."""

from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient


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
    assert headers["referrer-policy"] == "same-origin"


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
