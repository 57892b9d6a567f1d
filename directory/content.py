"""The site's information pages (à propos, accessibilité), kept as data in data/pages.yaml."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import yaml
from pydantic import BaseModel

from directory.errors import NotFoundError


class Section(BaseModel):
    titre: str
    texte: str


class InfoPage(BaseModel):
    id: str
    titre: str
    sections: list[Section]


@lru_cache(maxsize=4)
def _pages(data_dir: Path) -> dict[str, InfoPage]:
    raw = yaml.safe_load((data_dir / "pages.yaml").read_text(encoding="utf-8"))
    return {key: InfoPage(id=key, **value) for key, value in raw.items()}


def info_page(data_dir: Path, page_id: str) -> InfoPage:
    page = _pages(data_dir).get(page_id)
    if page is None:
        raise NotFoundError(f"Aucune page « {page_id} ».")
    return page
