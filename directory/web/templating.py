"""Jinja2 set-up: the templates folder, filters, globals and the static assets' version."""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

from fastapi.templating import Jinja2Templates
from jinja2 import StrictUndefined, pass_context

from directory.config import PROJECT_ROOT, Settings
from directory.urls import path_for
from directory.web.facet_form import FacetChecks
from directory.web.filters import FILTERS

TEMPLATES_DIR = PROJECT_ROOT / "templates"
STATIC_DIR = Path(__file__).parent / "static"


def assets_version(folder: Path = STATIC_DIR) -> str:
    """A short hash of every static file, appended to asset URLs so caches can keep them."""
    digest = hashlib.sha256()
    for path in sorted(folder.rglob("*")):
        if path.is_file():
            digest.update(path.name.encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:10]


@pass_context
def url_for(context: dict[str, Any], name: str, /, **path_params: Any) -> str:
    """Root-relative links: they stay right behind any proxy and never name another host."""
    return path_for(context["request"], name, **path_params)


def create_templates(settings: Settings) -> Jinja2Templates:
    templates = Jinja2Templates(directory=TEMPLATES_DIR)
    env = templates.env
    env.undefined = StrictUndefined  # a typo in a template fails the tests, not silently
    env.trim_blocks = True
    env.lstrip_blocks = True
    # Templates change with the code, and the code only with a restart: checking every
    # template file's date on each page cost a file-system call per template used.
    env.auto_reload = False
    env.filters.update(FILTERS)
    env.globals.update(
        url_for=url_for,
        asset_version=assets_version(),
        report_error_email=settings.report_error_email,
        facet_checks=FacetChecks(env),
    )
    return templates
