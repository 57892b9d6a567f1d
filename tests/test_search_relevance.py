"""The free-text need of a desk session, scored by the search layer for the matching."""

from __future__ import annotations

from pathlib import Path

import pytest

from directory.catalogue.loader import load_catalogue
from directory.config import Settings
from directory.geo import Geography
from directory.matching.relevance import TextRelevance
from directory.search.relevance import need_terms, search_relevance
from directory.search.runtime import SearchRuntime
from directory.snapshot import Snapshot

from .conftest import DATA_DIR


@pytest.fixture(scope="module")
def indexed(geo: Geography) -> tuple[SearchRuntime, Snapshot]:
    load = load_catalogue(DATA_DIR / "solutions", geo)
    snapshot = Snapshot(1, None, {e.id: e.to_record() for e in load.entries})
    runtime = SearchRuntime.from_settings(Settings(data_dir=DATA_DIR))
    runtime.index_snapshot(snapshot, geo)
    return runtime, snapshot


@pytest.fixture(scope="module")
def catalogue(indexed: tuple[SearchRuntime, Snapshot]) -> tuple[TextRelevance, list[str]]:
    runtime, snapshot = indexed
    return search_relevance(runtime, snapshot), list(snapshot.solutions)


def ranked(relevance: TextRelevance, ids: list[str], need: str) -> list[str]:
    scores = relevance(need, ids)
    assert all(0 < score <= 1 for score in scores.values())
    return sorted(scores, key=lambda i: -scores[i])


def test_need_terms_read_needs_and_drop_stop_words_and_frequencies(
    indexed: tuple[SearchRuntime, Snapshot],
) -> None:
    """The desk's need goes through the public search's understanding (data/besoins.yaml)."""
    runtime, snapshot = indexed
    understanding = runtime.understanding(snapshot)
    terms = need_terms("Dialyse à Béziers trois fois par semaine", understanding)
    assert terms[0].need == "besoinrendezvousmedical"
    assert {t.typed for t in terms[1:]} == {"Béziers", "Dialyse"}  # the words still rank
    assert need_terms("rdv à l'hôpital", understanding)[0].need == "besoinrendezvousmedical"


def test_a_health_need_finds_health_trips(catalogue: tuple[TextRelevance, list[str]]) -> None:
    relevance, ids = catalogue
    assert ranked(relevance, ids, "rendez-vous à l'hôpital")[0] in {
        "navette-clermont-herault-comptoir-medical",
        "apije-transport-a-la-demande-insertion",
    }


def test_a_car_repair_need_finds_vehicle_help(catalogue: tuple[TextRelevance, list[str]]) -> None:
    relevance, ids = catalogue
    top = ranked(relevance, ids, "ma voiture est en panne, il faut la réparer")[:4]
    assert "garage-solidaire-passerelles-coeur-herault" in top


def test_only_the_solutions_in_play_are_scored(catalogue: tuple[TextRelevance, list[str]]) -> None:
    relevance, _ = catalogue
    assert set(
        relevance(
            "permis de conduire", ["cles-de-route-auto-ecole-montpellier", "voie-verte-passa-pais"]
        )
    ) == {"cles-de-route-auto-ecole-montpellier"}
    assert relevance("", ["cles-de-route-auto-ecole-montpellier"]) == {}
    assert relevance("xyzzy plugh", ["cles-de-route-auto-ecole-montpellier"]) == {}


def test_the_desk_page_uses_it(catalogue_client: object, tmp_path: Path) -> None:
    client = catalogue_client
    plain = client.get("/api/match", params={"commune": "Clermont-l'Hérault"}).json()  # type: ignore[attr-defined]
    with_need = client.get(  # type: ignore[attr-defined]
        "/api/match", params={"commune": "Clermont-l'Hérault", "besoin": "rendez-vous à l'hôpital"}
    ).json()
    assert plain != with_need


def test_a_need_never_reaches_meilisearch(geo: Geography, monkeypatch: pytest.MonkeyPatch) -> None:
    load = load_catalogue(DATA_DIR / "solutions", geo)
    snapshot = Snapshot(1, None, {e.id: e.to_record() for e in load.entries})
    runtime = SearchRuntime.from_settings(
        Settings(data_dir=DATA_DIR, meili_url="http://127.0.0.1:9")
    )
    runtime.index_snapshot(snapshot, geo)
    assert runtime.meili is not None

    def refuse(*_: object) -> None:
        raise AssertionError("the need was sent to Meilisearch")

    monkeypatch.setattr(runtime.meili, "search", refuse)
    scores = search_relevance(runtime, snapshot)("dialyse à l'hôpital", list(snapshot.solutions))
    assert scores  # answered by the embedded engine
