"""Security headers on every response (500s included), redirects that never name a host, and
long-lived caching of versioned static assets.

The app wraps these around Starlette's own error layer (see app.DirectoryApp), so the page of
an unexpected error carries them too.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from starlette.staticfiles import StaticFiles
from starlette.types import ASGIApp, Message, Receive, Scope, Send

CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
        "base-uri 'none'",
        "object-src 'none'",
    ]
)

# Answers that carry a person's situation (the desk and its API): no cache keeps them, and
# their address (with the situation in it) is never sent on as a Referer to a proxy's log.
PRIVATE_HEADERS = {"cache-control": "no-store", "referrer-policy": "no-referrer"}

SECURITY_HEADERS = [
    (b"content-security-policy", CONTENT_SECURITY_POLICY.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"same-origin"),
    (b"x-frame-options", b"DENY"),
    (b"permissions-policy", b"geolocation=(), camera=(), microphone=(), interest-cohort=()"),
    (b"cross-origin-opener-policy", b"same-origin"),
]


# An answer that says nothing of its caching is not kept: only static assets opt in. An error
# is never kept, and its address (maybe a desk situation) is never sent on as a Referer.
DEFAULT_CACHE = (b"cache-control", b"no-store")
ERROR_OVERRIDES = {b"cache-control": b"no-store", b"referrer-policy": b"no-referrer"}


class SecurityHeadersMiddleware:
    """Pure ASGI middleware: adds the headers without buffering the response."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                message["headers"] = with_security_headers(
                    list(message.get("headers", [])), int(message["status"])
                )
            await send(message)

        await self.app(scope, receive, send_with_headers)


def with_security_headers(
    headers: list[tuple[bytes, bytes]], status: int
) -> list[tuple[bytes, bytes]]:
    if status >= 400:
        headers = [(n, v) for n, v in headers if n.lower() not in ERROR_OVERRIDES]
        headers += list(ERROR_OVERRIDES.items())
    present = {name.lower() for name, _ in headers}
    return headers + [h for h in [*SECURITY_HEADERS, DEFAULT_CACHE] if h[0] not in present]


class RelativeRedirects:
    """Every redirect points to a path of this site, never to a host taken from the request.

    Starlette builds absolute redirect URLs (a missing trailing slash…) from the `Host` header,
    which anyone can forge: `Location` keeps only the path and query, with one leading slash so
    that it can never be read as another host (`//evil.example`).
    """

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_relative(message: Message) -> None:
            if message["type"] == "http.response.start":
                message["headers"] = [
                    (name, _local(value) if name.lower() == b"location" else value)
                    for name, value in message.get("headers", [])
                ]
            await send(message)

        await self.app(scope, receive, send_relative)


def _local(location: bytes) -> bytes:
    parts = urlsplit(location.decode("latin-1"))
    path = "/" + parts.path.lstrip("/\\")
    return (path + (f"?{parts.query}" if parts.query else "")).encode("latin-1")


class CachedStaticFiles(StaticFiles):
    """Static files; a versioned URL (?v=…) is cached for a year, others for an hour."""

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        versioned = b"v=" in scope.get("query_string", b"")
        cache = b"public, max-age=31536000, immutable" if versioned else b"public, max-age=3600"

        async def send_with_cache(message: Message) -> None:
            if message["type"] == "http.response.start":
                message["headers"] = [*message.get("headers", []), (b"cache-control", cache)]
            await send(message)

        await super().__call__(scope, receive, send_with_cache)
