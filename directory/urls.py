"""Links to named routes: root-relative, so they stay right behind any proxy."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from starlette.requests import Request


def path_for(request: Request, name: str, /, **path_params: Any) -> str:
    """The path of the route called `name`, with the application's root path in front."""
    route_path = _route_path(request.app, name, tuple(sorted(path_params.items())))
    return request.scope.get("root_path", "") + route_path


@lru_cache(maxsize=8192)
def _route_path(app: Any, name: str, path_params: tuple[tuple[str, Any], ...]) -> str:
    # Starlette looks routes up one by one; a page asks for the same few links many times.
    return str(app.url_path_for(name, **dict(path_params)))
