"""A start reads the kept catalogue and brings it up to date instead of building it; a kept
catalogue that is behind, damaged or made by other code is never served as it is."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from directory import catalogue_cache
from directory.app import create_app
from directory.catalogue import store
from directory.config import Settings
from directory.search.browse_order import BrowseOrder

from .conftest import FIXTURES, eventually, sync_folder


@pytest.fixture
def cached(settings: Settings, tmp_path: Path) -> Settings:
    """The fixture catalogue synced, and kept in a cache of its own."""
    configured = settings.model_copy(update={"cache_dir": tmp_path / "cache"})
    sync_folder(configured, FIXTURES / "valid")
    assert catalogue_cache.build(configured)
    assert catalogue_cache.kept_version(configured) == 1
    return configured


def changed_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "v2"
    shutil.copytree(FIXTURES / "valid", folder)
    path = folder / "aide-test-region.yaml"
    path.write_text(path.read_text("utf-8").replace("d'essai", "renouvelée"), "utf-8")
    return folder


def read_ids(monkeypatch: pytest.MonkeyPatch) -> list[list[str] | None]:
    """Which entries the start reads from the database (None: all of them)."""
    calls: list[list[str] | None] = []
    real = store.read_solutions

    def spy(session: object, ids: list[str] | None = None) -> object:
        calls.append(None if ids is None else sorted(ids))
        return real(session, ids)  # type: ignore[arg-type]

    monkeypatch.setattr("directory.snapshot.read_solutions", spy)
    return calls


def test_a_start_reads_only_what_changed_since_the_catalogue_was_kept(
    cached: Settings, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    sync_folder(cached, changed_folder(tmp_path))
    calls = read_ids(monkeypatch)
    with TestClient(create_app(cached)) as client:
        assert client.get("/health").json()["catalogue"] == {"version": 2, "fiches": 2}
        assert client.get("/api/solutions?q=renouvelée").json()["total"] == 1
        assert client.get("/api/solutions?q=lodève").json()["total"] >= 1  # kept, not re-read
    assert calls == [["aide-test-region"]]


def test_a_catalogue_kept_by_other_code_is_not_used(
    cached: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(catalogue_cache, "context", lambda settings: "une autre version")
    calls = read_ids(monkeypatch)
    with TestClient(create_app(cached)) as client:
        assert client.get("/health").json()["catalogue"] == {"version": 1, "fiches": 2}
    assert calls == [None]  # every entry read from the database


def test_a_damaged_kept_catalogue_only_means_a_slower_start(
    cached: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    state = catalogue_cache.folder(cached) / catalogue_cache.STATE_FILE
    state.write_bytes(state.read_bytes()[:100])
    calls = read_ids(monkeypatch)
    with TestClient(create_app(cached)) as client:
        assert client.get("/api/solutions/aide-test-region").json()["nom"] == (
            "Aide régionale d'essai"
        )
    assert calls == [None]


def test_each_server_updates_its_own_copy_of_the_kept_index(
    cached: Settings, tmp_path: Path
) -> None:
    """Two servers on one cache: a reload in each leaves the kept index as it was."""
    kept_index = catalogue_cache.folder(cached) / catalogue_cache.INDEX_DIR
    before = sorted(p.name for p in kept_index.iterdir())
    quick = cached.model_copy(update={"catalogue_refresh_s": 0.05})
    with TestClient(create_app(quick)) as first, TestClient(create_app(quick)) as second:
        sync_folder(cached, changed_folder(tmp_path))
        for client in (first, second):
            assert eventually(
                lambda c=client: c.get("/api/solutions?q=renouvelée").json()["total"] == 1
            )
    assert sorted(p.name for p in kept_index.iterdir()) == before
    assert not list(cached.cache_dir.glob("processus-*"))  # each copy went with its server


def test_a_server_with_a_large_catalogue_has_it_kept_by_another_process(
    settings: Settings, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    configured = settings.model_copy(update={"cache_dir": tmp_path / "cache"})
    sync_folder(configured, FIXTURES / "valid")
    monkeypatch.setattr(catalogue_cache, "MIN_ENTRIES", 2)  # « large » for this test
    with TestClient(create_app(configured)):
        assert eventually(lambda: catalogue_cache.kept_version(configured) == 1, timeout_s=60)
    calls = read_ids(monkeypatch)
    with TestClient(create_app(configured)) as client:  # the next start reads it
        assert client.get("/health").json()["catalogue"] == {"version": 1, "fiches": 2}
    assert calls == [[]]  # nothing read again from the database


def test_a_kept_catalogue_updated_into_a_new_search_index_answers_right(
    cached: Settings, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An update whose entries find no rank left in the browse order needs a new index: it
    is built in a folder of its own, not on top of the kept one, and kept in its place. The
    site then answers as one that built its catalogue from the database."""
    sync_folder(cached, changed_folder(tmp_path))
    with monkeypatch.context() as patch:
        patch.setattr(BrowseOrder, "changed", lambda self, removed, added: None)
        assert catalogue_cache.build(cached)
    assert catalogue_cache.kept_version(cached) == 2
    searches = ["", "renouvelée", "essai", "lodève", "aide"]

    def answers(settings: Settings) -> list[tuple[int, list[str]]]:
        with TestClient(create_app(settings)) as client:
            assert client.get("/health").json()["catalogue"] == {"version": 2, "fiches": 2}
            found = [client.get("/api/solutions", params={"q": q}).json() for q in searches]
        return [(page["total"], [hit["id"] for hit in page["resultats"]]) for page in found]

    calls = read_ids(monkeypatch)
    kept = answers(cached)
    assert None not in calls  # served from the kept catalogue, not rebuilt from the database
    assert kept == answers(cached.model_copy(update={"cache_dir": tmp_path / "sans-cache"}))
    assert kept[0][0] == 2 and kept[1][0] == 1
