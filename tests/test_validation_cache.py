"""An unchanged file is not validated twice, and no real change is ever missed."""

from __future__ import annotations

import io
import os
import shutil
from datetime import date
from pathlib import Path

import pytest

from directory.catalogue.checks import TEMPLATE_PATH
from directory.catalogue.loader import CatalogueLoad, load_catalogue
from directory.catalogue.validation_cache import ValidationCache
from directory.cli import main
from directory.config import Settings
from directory.geo import Geography

from .conftest import DATA_DIR, FIXTURES

TODAY = date(2026, 11, 30)


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    copy = tmp_path / "solutions"
    shutil.copytree(FIXTURES / "valid", copy)
    return copy


def load(folder: Path, geo: Geography, cache_dir: Path, today: date = TODAY) -> CatalogueLoad:
    """As `directory check` and `sync` do: with the folder's cache, saved afterwards."""
    cache = ValidationCache.for_folder(cache_dir, folder, DATA_DIR, TEMPLATE_PATH)
    result = load_catalogue(folder, geo, today=today, cache=cache)
    cache.save()
    result.files = cache.hits  # what came from the cache, for these tests
    return result


def summary(result: CatalogueLoad) -> object:
    return (
        sorted((e.id, e.fingerprint, e.entry) for e in result.entries),
        sorted((p.file, p.message, p.field, p.line, p.severity) for p in result.problems),
    )


def test_a_second_run_takes_every_unchanged_file_from_the_cache_with_the_same_result(
    folder: Path, geo: Geography, tmp_path: Path
) -> None:
    first = load(folder, geo, tmp_path / "cache")
    second = load(folder, geo, tmp_path / "cache")
    assert (first.files, second.files) == (0, 2)
    assert summary(second) == summary(first) == summary(load_catalogue(folder, geo, TODAY))


def test_a_change_of_the_same_size_and_time_is_still_seen(
    folder: Path, geo: Geography, tmp_path: Path
) -> None:
    load(folder, geo, tmp_path / "cache")
    path = folder / "aide-test-region.yaml"
    before = path.stat()
    text = path.read_text("utf-8")
    path.write_text(text.replace("d'essai", "d'eSSai"), "utf-8")  # same length
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    again = load(folder, geo, tmp_path / "cache")
    assert again.files == 1  # only the other file came from the cache
    names = {e.id: e.entry.nom for e in again.entries}
    assert names["aide-test-region"] == "Aide régionale d'eSSai"


def test_dates_are_checked_again_on_every_run(folder: Path, geo: Geography, tmp_path: Path) -> None:
    """A device that ended since the last run blocks the sync, though its file is cached."""
    path = folder / "aide-test-region.yaml"
    path.write_text(path.read_text("utf-8") + "valide_jusqu_au: 2027-01-31\n", "utf-8")
    assert load(folder, geo, tmp_path / "cache").ok
    later = load(folder, geo, tmp_path / "cache", today=date(2027, 3, 1))
    assert later.files == 2
    assert [p.message[:36] for p in later.errors] == ["le dispositif a pris fin le 31/01/20"]
    assert later.errors[0].line is not None  # still pointed at in the file


def test_a_cache_made_by_other_code_or_data_is_not_used(
    folder: Path, geo: Geography, tmp_path: Path
) -> None:
    load(folder, geo, tmp_path / "cache")
    cache = ValidationCache.for_folder(tmp_path / "cache", folder, DATA_DIR, TEMPLATE_PATH)
    path = next((tmp_path / "cache").iterdir())
    other = ValidationCache(path, context="autre version du code")
    load_catalogue(folder, geo, TODAY, cache=other)
    assert other.hits == 0
    load_catalogue(folder, geo, TODAY, cache=cache)
    assert cache.hits == 2


def test_an_unreadable_cache_only_means_validating_again(
    folder: Path, geo: Geography, tmp_path: Path
) -> None:
    load(folder, geo, tmp_path / "cache")
    for path in (tmp_path / "cache").iterdir():
        path.write_bytes(b"pas un cache")
    result = load(folder, geo, tmp_path / "cache")
    assert result.ok and result.files == 0 and len(result.entries) == 2


def test_sync_and_check_keep_their_cache_in_cache_dir(
    folder: Path, settings: Settings, tmp_path: Path
) -> None:
    configured = settings.model_copy(update={"cache_dir": tmp_path / "mon-cache"})
    assert main(["check", str(folder)], out=io.StringIO(), settings=configured) == 0
    assert main(["sync", str(folder)], out=io.StringIO(), settings=configured) == 0
    assert [p.suffix for p in (tmp_path / "mon-cache").iterdir()] == [".pickle"]
