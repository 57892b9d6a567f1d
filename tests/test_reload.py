"""A new catalogue version is built from the previous one's indexes, off the request path: the
result must be the one a build from scratch gives, and the previous version keeps answering."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from directory.app import create_app
from directory.config import Settings
from directory.geo import Geography
from directory.matching.index import MatchIndex, index_for, prepare_index
from directory.search.model import SearchQuery
from directory.search.runtime import SearchRuntime
from directory.search.settings import load_search_settings
from directory.snapshot import Delta, Snapshot
from directory.vocabulary import ServiceState
from directory.zones import place_keys

from .conftest import DATA_DIR, FIXTURES, eventually, sync_folder
from .search_support import ENTRIES, catalogue, make_solution

LODEVE, BEZIERS = "34142", "34032"
QUERIES = [
    SearchQuery(),
    SearchQuery(page=2, per_page=3),
    SearchQuery(text="garage"),
    SearchQuery(text="funiculaire"),
    SearchQuery(text="voiture", filters={"frais": ("payant",)}),
    SearchQuery(text="covoitrage"),
    SearchQuery(filters={"categorie": ("vehicule", "covoiturage")}),
]


def versions(geo: Geography) -> tuple[Snapshot, Snapshot, Delta]:
    """Version 1: the search fixtures. Version 2: one entry renamed, one removed, one added,
    one probably closed; the others are the very objects of version 1."""
    first = {s.id: s for s in sorted(catalogue(geo), key=lambda s: s.id)}  # as read
    second = dict(first)
    renamed = {**ENTRIES["garage-associatif-beziers"], "nom": "Funiculaire associatif de Béziers"}
    second["garage-associatif-beziers"] = make_solution("garage-associatif-beziers", renamed, geo)
    del second["garage-solidaire-lodevois"]
    added = {**ENTRIES["garage-solidaire-lodevois"], "nom": "Funiculaire du Lodévois"}
    second["funiculaire-lodevois"] = make_solution("funiculaire-lodevois", added, geo)
    closed = "covoiturage-coeur-herault"
    second[closed] = second[closed].model_copy(update={"etat": ServiceState.PROBABLEMENT_ARRETE})
    v1 = Snapshot(1, None, first)
    v2 = Snapshot(2, None, dict(sorted(second.items())))
    changed = ("covoiturage-coeur-herault", "funiculaire-lodevois", "garage-associatif-beziers")
    return v1, v2, Delta(v1, changed, ("garage-solidaire-lodevois",))


def answers(runtime: SearchRuntime, snapshot: Snapshot, geo: Geography) -> list[object]:
    queries = [*QUERIES, SearchQuery(commune_keys=tuple(place_keys(geo, LODEVE)))]
    queries.append(SearchQuery(text="garage", commune_keys=tuple(place_keys(geo, BEZIERS))))
    return [
        (result.ids, result.total, result.facets)
        for result in (runtime.search(snapshot, query) for query in queries)
    ]


def test_an_updated_search_index_answers_like_one_built_from_scratch(geo: Geography) -> None:
    runtime = SearchRuntime(load_search_settings(DATA_DIR))
    v1, v2, delta = versions(geo)
    runtime.index_snapshot(v1, geo)
    before = answers(runtime, v1, geo)
    runtime.index_snapshot(v2, geo, delta)
    scratch = Snapshot(2, None, dict(v2.solutions))
    runtime.index_snapshot(scratch, geo)
    assert answers(runtime, v2, geo) == answers(runtime, scratch, geo)
    found = runtime.search(v2, SearchQuery(text="funiculaire"))
    assert set(found.ids) == {"funiculaire-lodevois", "garage-associatif-beziers"}
    assert "covoiturage-coeur-herault" not in runtime.search(v2, SearchQuery()).ids
    # Requests that took version 1 before the swap still get version 1's answers.
    assert answers(runtime, v1, geo) == before
    assert runtime.search(v1, SearchQuery(text="funiculaire")).total == 0


def test_a_search_index_left_behind_by_a_failed_build_is_not_updated(geo: Geography) -> None:
    """Version 2 was indexed, then its build failed: version 3 starts again from version 1's
    snapshot, so its engine is built anew rather than from an index that moved on."""
    runtime = SearchRuntime(load_search_settings(DATA_DIR))
    v1, v2, delta = versions(geo)
    runtime.index_snapshot(v1, geo)
    runtime.index_snapshot(v2, geo, delta)  # the match index then failed: v2 never served
    v3 = Snapshot(3, None, dict(v1.solutions))
    runtime.index_snapshot(v3, geo, Delta(v1))
    assert answers(runtime, v3, geo) == answers(runtime, v1, geo)


def test_an_updated_matching_index_is_the_one_built_from_scratch(geo: Geography) -> None:
    v1, v2, delta = versions(geo)
    prepare_index(v1)
    prepare_index(v2, delta)
    updated = v2.extras["matching"]
    assert isinstance(updated, MatchIndex)
    assert updated == index_for(Snapshot(2, None, dict(v2.solutions)))
    assert "garage-solidaire-lodevois" in {c.id for c in index_for(v1).candidates}


@pytest.mark.parametrize(
    "database", ["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)]
)
def test_a_running_site_serves_a_new_version_once_built_in_the_background(
    request: pytest.FixtureRequest, database: str, tmp_path: Path
) -> None:
    url = request.getfixturevalue("sqlite_url" if database == "sqlite" else "postgres_url")
    settings = Settings(database_url=url, data_dir=DATA_DIR, catalogue_refresh_s=0.05)
    sync_folder(settings, FIXTURES / "valid")
    folder = tmp_path / "v2"
    shutil.copytree(FIXTURES / "valid", folder)
    path = folder / "aide-test-region.yaml"
    path.write_text(path.read_text("utf-8").replace("d'essai", "renouvelée"), "utf-8")
    with TestClient(create_app(settings)) as client:
        assert client.get("/api/solutions/aide-test-region").json()["nom"].endswith("d'essai")
        sync_folder(settings, folder)
        assert eventually(lambda: client.get("/api/solutions?q=renouvelée").json()["total"] == 1)
        assert client.get("/api/solutions/aide-test-region").json()["nom"] == (
            "Aide régionale renouvelée"
        )
        assert client.get("/health").json()["catalogue"] == {"version": 2, "fiches": 2}
