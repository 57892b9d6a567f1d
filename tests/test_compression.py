"""Pages travel compressed to whoever accepts gzip (a phone on a weak network), as ordinary
gzip that any browser reads, and the compressed page is the very page."""

from __future__ import annotations

import gzip
from typing import Any

import pytest
from fastapi.testclient import TestClient
from isal import isal_zlib

from directory.web import compression


def raw(client: TestClient, path: str, accept: str | None) -> tuple[dict[str, str], bytes]:
    """The response's headers and its body as it travels (the client inflates otherwise)."""
    headers = {"Accept-Encoding": accept} if accept is not None else {"Accept-Encoding": ""}
    with client.stream("GET", path, headers=headers) as response:
        assert response.status_code == 200
        return dict(response.headers), b"".join(response.iter_raw())


def test_a_results_page_is_sent_as_gzip_and_inflates_to_the_same_page(
    client: TestClient,
) -> None:
    headers, body = raw(client, "/recherche?q=transport", "gzip, deflate, br")
    plain_headers, plain = raw(client, "/recherche?q=transport", None)

    assert headers["content-encoding"] == "gzip"
    assert "accept-encoding" in headers["vary"].lower()
    assert int(headers["content-length"]) == len(body) < len(plain) / 2
    assert gzip.decompress(body) == plain
    assert "content-encoding" not in plain_headers
    # Compression keeps the page's protections.
    assert "default-src" in headers["content-security-policy"]


def test_pages_are_compressed_by_isa_l(client: TestClient, monkeypatch: pytest.MonkeyPatch) -> None:
    """ISA-L compresses a results page five times faster than zlib (docs/performance.md)."""
    made: list[int] = []
    real = isal_zlib.compressobj

    def counted(*args: Any) -> Any:
        made.append(args[0])
        return real(*args)

    monkeypatch.setattr(isal_zlib, "compressobj", counted)
    headers, body = raw(client, "/recherche?q=transport", "gzip")
    assert headers["content-encoding"] == "gzip" and gzip.decompress(body)
    assert made == [compression.LEVEL]


def test_the_json_twin_is_compressed_too(client: TestClient) -> None:
    headers, body = raw(client, "/api/solutions?q=transport", "gzip")
    assert headers["content-encoding"] == "gzip"
    assert gzip.decompress(body).startswith(b"{")


def test_small_answers_are_not_compressed(client: TestClient) -> None:
    headers, _ = raw(client, "/health", "gzip")
    assert "content-encoding" not in headers
