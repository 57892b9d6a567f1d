"""Public searches that found nothing: counted per day, word and commune, never the query.

`note_unanswered_search` is the hook the search pages call when a search returns nothing. It
keeps only the words of the search vocabulary (data/recherche.yaml's synonyms and the
categories' names), so names, addresses or anything personal typed in the box are dropped.
A client counts once per word and day (an in-memory, salted hash, never stored), so that
live search while typing or reloading does not inflate the figures.
"""

from __future__ import annotations

import hashlib
import re
import secrets
import threading
from datetime import date
from functools import lru_cache
from pathlib import Path

import yaml
from sqlalchemy import Engine
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlmodel import Session

from directory.programme.tables import SearchGap
from directory.text import fold
from directory.vocabulary import Category

MIN_SEEN = 5  # a word is shown only once searched at least this many times
MAX_WORDS = 5  # per search


@lru_cache(maxsize=4)
def search_vocabulary(data_dir: Path) -> frozenset[str]:
    """Folded words of the search settings' synonyms and of the categories' names."""
    raw = yaml.safe_load((data_dir / "recherche.yaml").read_text(encoding="utf-8"))
    stop = {fold(str(w)) for w in raw.get("mots_vides", [])}
    phrases = [str(p) for group in raw.get("synonymes", []) for p in group]
    for key, values in (raw.get("synonymes_a_sens_unique") or {}).items():
        phrases += [str(key), *map(str, values)]
    phrases += [c.label for c in Category]
    words = {w for phrase in phrases for w in _words(phrase)}
    return frozenset(w for w in words if w not in stop and len(w) >= 3)


def _words(text: str) -> list[str]:
    return [w for w in re.split(r"[^a-z0-9]+", fold(text)) if w]


class SeenToday:
    """Which (client, word) pairs were counted today, in memory only, with a daily salt."""

    def __init__(self) -> None:
        self._day: date | None = None
        self._salt = b""
        self._seen: set[str] = set()
        self._lock = threading.Lock()

    def first_time(self, client: str, word: str, day: date) -> bool:
        with self._lock:
            if day != self._day:
                self._day, self._salt, self._seen = day, secrets.token_bytes(16), set()
            key = hashlib.sha256(self._salt + f"{client}|{word}".encode()).hexdigest()
            if key in self._seen or len(self._seen) > 200_000:
                return False
            self._seen.add(key)
            return True


def note_unanswered_search(
    engine: Engine,
    data_dir: Path,
    query: str,
    commune: str | None,
    client: str,
    day: date,
    seen: SeenToday,
) -> list[str]:
    """Count the vocabulary words of a search that found nothing; returns the words kept."""
    vocabulary = search_vocabulary(data_dir)
    kept = list(dict.fromkeys(w for w in _words(query[:200]) if w in vocabulary))[:MAX_WORDS]
    kept = [w for w in kept if seen.first_time(client, w, day)]
    if not kept:
        return []
    code = commune if commune and re.fullmatch(r"\d[\dAB]\d{3}", commune) else ""
    insert = pg_insert if engine.dialect.name == "postgresql" else sqlite_insert
    table = SearchGap.__table__  # type: ignore[attr-defined]
    with Session(engine) as db:
        for word in kept:
            statement = insert(table).values(jour=day, mot=word, commune=code, nombre=1)
            db.execute(
                statement.on_conflict_do_update(
                    index_elements=["jour", "mot", "commune"],
                    set_={"nombre": table.c.nombre + 1},
                )
            )
        db.commit()
    return kept
