"""Links to named routes: root-relative, so they stay right behind any proxy."""

from __future__ import annotations

from typing import Any

from starlette.requests import Request


def path_for(request: Request, name: str, /, **path_params: Any) -> str:
    """The path of the route called `name`, with the application's root path in front."""
    return request.scope.get("root_path", "") + str(request.app.url_path_for(name, **path_params))
