"""Meilisearch payloads against an HTTP mock: these prove the shape of what we send, no more.

The behaviour of a real server is checked by test_search_engines.py when MEILI_URL is set.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any

import pytest
import responses
from requests import PreparedRequest

from directory.geo import Geography
from directory.search import meili_index
from directory.search.document import SearchDocument, search_document
from directory.search.meili import MeiliEngine, filter_expression, sent_text
from directory.search.meili_index import MeiliIndexingError, meili_settings, reindex
from directory.search.model import QueryTerm, SearchQuery, SearchUnavailableError
from directory.search.settings import SearchSettings, load_search_settings
from directory.zones import place_keys

from .conftest import DATA_DIR
from .search_support import LODEVE, catalogue

URL = "http://meili.test"
Call = tuple[str, str, Any]


class MeiliMock:
    """Answers the routes the client uses and records each call; tasks succeed unless told."""

    def __init__(self, mock: responses.RequestsMock, indexes: set[str]) -> None:
        self.indexes = set(indexes)
        self.calls: list[Call] = []
        self.tasks: dict[int, dict[str, Any]] = {}
        self.fail: dict[str, str] = {}  # task type -> error message
        self.stuck: set[str] = set()  # task types that never finish
        self.search_results: list[list[dict[str, Any]]] = []
        index = re.compile(rf"{URL}/indexes/([^/]+)$")
        mock.add_callback("GET", index, self._get_index)
        mock.add_callback("DELETE", index, self._task("indexDeletion"))
        mock.add_callback("POST", f"{URL}/indexes", self._task("indexCreation"))
        mock.add_callback(
            "PATCH", re.compile(rf"{URL}/indexes/[^/]+/settings"), self._task("settingsUpdate")
        )
        mock.add_callback(
            "POST",
            re.compile(rf"{URL}/indexes/[^/]+/documents.*"),
            self._task("documentAdditionOrUpdate"),
        )
        mock.add_callback("POST", f"{URL}/swap-indexes", self._task("indexSwap"))
        mock.add_callback("GET", re.compile(rf"{URL}/tasks/(\d+)"), self._get_task)
        mock.add_callback("POST", f"{URL}/multi-search", self._multi_search)

    def writes(self) -> list[Call]:
        return [c for c in self.calls if c[0] != "GET" and "multi-search" not in c[1]]

    def _record(self, request: PreparedRequest) -> tuple[str, Any]:
        path = (request.path_url or "").split("?")[0]
        body = json.loads(request.body) if request.body else None
        self.calls.append((str(request.method), path, body))
        return path, body

    def _get_index(self, request: PreparedRequest) -> tuple[int, dict[str, str], str]:
        path, _ = self._record(request)
        uid = path.rsplit("/", 1)[-1]
        if uid in self.indexes:
            return 200, {}, json.dumps({"uid": uid, "primaryKey": "id"})
        error = {"message": f"Index `{uid}` not found.", "code": "index_not_found"}
        return 404, {}, json.dumps({**error, "type": "invalid_request", "link": "x"})

    def _task(self, kind: str) -> Any:
        def answer(request: PreparedRequest) -> tuple[int, dict[str, str], str]:
            path, body = self._record(request)
            uid = len(self.tasks)
            parts = path.split("/")
            target = body.get("uid") if kind == "indexCreation" else (parts[2:3] or [None])[0]
            self.tasks[uid] = {"kind": kind, "index": target}
            info = {
                "taskUid": uid,
                "indexUid": target,
                "status": "enqueued",
                "type": kind,
                "enqueuedAt": datetime.now(UTC).isoformat(),
            }
            return 202, {}, json.dumps(info)

        return answer

    def _get_task(self, request: PreparedRequest) -> tuple[int, dict[str, str], str]:
        path, _ = self._record(request)
        uid = int(path.rsplit("/", 1)[-1])
        task = self.tasks[uid]
        status, error = "succeeded", None
        if task["kind"] in self.stuck:
            status = "processing"
        elif task["kind"] in self.fail:
            status, error = "failed", {"message": self.fail[task["kind"]], "code": "x"}
        elif task["kind"] == "indexCreation":
            self.indexes.add(task["index"])
        body = {
            "uid": uid,
            "indexUid": task["index"],
            "status": status,
            "type": task["kind"],
            "error": error,
            "enqueuedAt": datetime.now(UTC).isoformat(),
        }
        return 200, {}, json.dumps(body)

    def _multi_search(self, request: PreparedRequest) -> tuple[int, dict[str, str], str]:
        self._record(request)
        return 200, {}, json.dumps({"results": self.search_results.pop(0)})


@pytest.fixture
def settings() -> SearchSettings:
    return load_search_settings(DATA_DIR)


@pytest.fixture
def documents(geo: Geography, settings: SearchSettings) -> list[SearchDocument]:
    return [search_document(s, geo, settings) for s in catalogue(geo)[:5]]


@pytest.fixture
def server() -> Iterator[MeiliMock]:
    with responses.RequestsMock(assert_all_requests_are_fired=False) as mock:
        yield MeiliMock(mock, indexes={"solutions"})


def client() -> Any:
    from meilisearch import Client

    return Client(URL, "admin-key")


# --- settings and filters -----------------------------------------------------------------


def test_settings_come_from_recherche_yaml(settings: SearchSettings) -> None:
    payload = meili_settings(settings)
    # The ranked fields, the name's stems with the name, the other stems and the needs last.
    assert payload["searchableAttributes"] == [
        settings.fields[0],
        "nom_racines",
        *settings.fields[1:],
        "racines",
        "besoins",
    ]
    assert payload["searchableAttributes"][0] == "nom"
    assert payload["localizedAttributes"][0]["locales"] == ["fra"]
    assert {"l", "d", "qu", "j", "n", "s", "c", "m", "t", "de", "la"} <= set(payload["stopWords"])
    # Synonyms are keyed by what queries send (words and stems) and name words as written.
    assert "velo assistance electrique" in payload["synonyms"]["vae"]
    assert "car" not in payload["synonyms"]["bus"]
    assert "aide financiere" in payload["synonyms"]["subvention"]
    assert "aides financieres" in payload["synonyms"]["subvention"]  # as entries say it
    # A need's token finds the words of its « mots » (data/besoins.yaml), by their stems.
    assert "garag" in payload["synonyms"]["besoinreparervehicule"]
    assert payload["typoTolerance"]["minWordSizeForTypos"] == {"oneTypo": 5, "twoTypos": 9}
    assert payload["typoTolerance"]["disableOnAttributes"] == ["besoins"]
    assert "besoinsansvoiture" in payload["typoTolerance"]["disableOnWords"]
    assert set(payload["filterableAttributes"]) == {
        "categorie",
        "territoire",
        "public",
        "frais",
        "acces",
        "zone_keys",
        "destination_keys",
        "prerequis",
    }
    assert payload["sortableAttributes"] == ["portee", "categorie_ordre", "nom_tri", "id"]
    assert payload["pagination"]["maxTotalHits"] >= 100_000
    json.dumps(payload)  # serialisable as sent


def test_filter_expression_ors_within_and_ands_across() -> None:
    expression = filter_expression(
        {"categorie": ("velo", "permis"), "frais": ("gratuit",), "public": ()},
        ("com:34142", "france"),
    )
    assert expression == (
        'categorie IN ["velo", "permis"] AND frais IN ["gratuit"] '
        'AND zone_keys IN ["com:34142", "france"]'
    )
    assert filter_expression({"categorie": ("velo",)}, without="categorie") is None
    assert filter_expression({"public": ('a"b',)}) == 'public IN ["a\\"b"]'


# --- re-indexing --------------------------------------------------------------------------


def test_reindex_builds_next_waits_swaps_then_deletes(
    server: MeiliMock, settings: SearchSettings, documents: list[SearchDocument]
) -> None:
    assert reindex(client(), "solutions", documents, settings) == 5
    writes = server.writes()
    assert [(method, path) for method, path, _ in writes] == [
        ("POST", "/indexes"),
        ("PATCH", "/indexes/solutions_next/settings"),
        ("POST", "/indexes/solutions_next/documents"),
        ("POST", "/swap-indexes"),
        ("DELETE", "/indexes/solutions_next"),
    ]
    assert writes[0][2] == {"uid": "solutions_next", "primaryKey": "id"}
    assert writes[1][2] == meili_settings(settings)
    assert [d["id"] for d in writes[2][2]] == [d.id for d in documents]
    assert writes[3][2] == [{"indexes": ["solutions", "solutions_next"]}]
    # Every task is waited for before the next write: no write to the live index at all.
    polled = [path for method, path, _ in server.calls if path.startswith("/tasks/")]
    assert polled == [f"/tasks/{uid}" for uid in range(5)]
    assert not any(path.startswith("/indexes/solutions/") for _, path, _ in writes)


def test_reindex_clears_a_leftover_next_and_creates_a_missing_live_index(
    settings: SearchSettings, documents: list[SearchDocument]
) -> None:
    with responses.RequestsMock(assert_all_requests_are_fired=False) as mock:
        server = MeiliMock(mock, indexes={"solutions_next"})
        reindex(client(), "solutions", documents, settings)
    assert [(method, path) for method, path, _ in server.writes()] == [
        ("DELETE", "/indexes/solutions_next"),
        ("POST", "/indexes"),
        ("PATCH", "/indexes/solutions_next/settings"),
        ("POST", "/indexes/solutions_next/documents"),
        ("POST", "/indexes"),
        ("POST", "/swap-indexes"),
        ("DELETE", "/indexes/solutions_next"),
    ]
    assert server.writes()[4][2] == {"uid": "solutions", "primaryKey": "id"}


def test_documents_are_sent_in_batches(
    server: MeiliMock,
    settings: SearchSettings,
    documents: list[SearchDocument],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(meili_index, "BATCH_SIZE", 2)
    reindex(client(), "solutions", documents, settings)
    batches = [body for _, path, body in server.writes() if path.endswith("/documents")]
    assert [len(batch) for batch in batches] == [2, 2, 1]


def test_a_failed_task_stops_before_the_swap_with_a_clear_error(
    server: MeiliMock, settings: SearchSettings, documents: list[SearchDocument]
) -> None:
    server.fail["documentAdditionOrUpdate"] = "Document identifier `é` is invalid."
    with pytest.raises(MeiliIndexingError) as caught:
        reindex(client(), "solutions", documents, settings)
    message = str(caught.value)
    assert "ajout des fiches" in message
    assert "Document identifier `é` is invalid." in message
    assert "L'index en ligne n'a pas changé." in message
    assert not any(path == "/swap-indexes" for _, path, _ in server.calls)


def test_a_task_that_never_ends_times_out_with_a_clear_error(
    server: MeiliMock, settings: SearchSettings, documents: list[SearchDocument]
) -> None:
    server.stuck.add("settingsUpdate")
    with pytest.raises(MeiliIndexingError, match="n'a pas terminé la tâche 1"):
        reindex(client(), "solutions", documents, settings, timeout_s=0.3)
    assert not any(path == "/swap-indexes" for _, path, _ in server.calls)


def test_an_unreachable_server_is_an_indexing_error(
    settings: SearchSettings, documents: list[SearchDocument]
) -> None:
    # No route registered: every request fails as a refused connection would.
    with (
        responses.RequestsMock(),
        pytest.raises(MeiliIndexingError, match="Meilisearch injoignable"),
    ):
        reindex(client(), "solutions", documents, settings)


# --- searching ----------------------------------------------------------------------------


def result(ids: list[str], total: int, facets: dict[str, dict[str, int]]) -> dict[str, Any]:
    return {
        "hits": [{"id": i, "_rankingScore": 0.9} for i in ids],
        "totalHits": total,
        "facetDistribution": facets,
    }


def test_search_sends_one_query_plus_one_per_filtered_facet(
    server: MeiliMock, settings: SearchSettings
) -> None:
    server.search_results.append(
        [
            result(["a", "b"], 7, {"territoire": {"t1": 7}, "public": {}, "acces": {}}),
            result([], 9, {"categorie": {"velo": 7, "permis": 2}}),
            result([], 8, {"frais": {"payant": 7, "gratuit": 1}}),
        ]
    )
    engine = MeiliEngine(URL, "solutions", settings, api_key="search-key")
    query = SearchQuery(
        text="vélo",
        terms=(QueryTerm(("velo",), typed="vélo"),),
        commune_keys=("com:1", "france"),
        filters={"categorie": ("velo",), "frais": ("payant",)},
        page=2,
        per_page=5,
    )
    found = engine.search(query)
    assert found.ids == ["a", "b"]
    assert found.total == 7
    assert [(c.value, c.count) for c in found.facets["categorie"]] == [("velo", 7), ("permis", 2)]
    assert found.engine == "meilisearch"
    [(_, _, body)] = server.calls
    main, by_category, by_fees = body["queries"]
    assert main == {
        "indexUid": "solutions",
        "q": "velo ",  # the understood term, complete: not a prefix
        "matchingStrategy": "last",
        "filter": 'categorie IN ["velo"] AND frais IN ["payant"] '
        'AND zone_keys IN ["com:1", "france"]',
        "page": 2,
        "hitsPerPage": 5,
        "attributesToRetrieve": ["id"],
        "showRankingScore": True,
        "showRankingScoreDetails": True,
        "sort": ["portee:asc"],  # with a commune: the most local first at equal relevance
        "facets": ["territoire", "public", "acces"],
    }
    assert by_category["filter"] == 'frais IN ["payant"] AND zone_keys IN ["com:1", "france"]'
    assert by_category["facets"] == ["categorie"]
    assert by_category["hitsPerPage"] == 0
    assert by_fees["filter"] == 'categorie IN ["velo"] AND zone_keys IN ["com:1", "france"]'


def test_needs_places_and_constraints_reach_meilisearch(
    server: MeiliMock, settings: SearchSettings
) -> None:
    """« pas de permis pour aller à Montpellier »: the need's token, where the person goes (and
    entries that are not trips), and no entry that needs a licence."""
    server.search_results.append(
        [
            {
                **result(["a"], 1, {}),
                "hits": [
                    {
                        "id": "a",
                        "_rankingScore": 0.8,
                        "_rankingScoreDetails": {
                            "words": {"matchingWords": 1, "maxMatchingWords": 2}
                        },
                    }
                ],
            }
        ]
    )
    engine = MeiliEngine(URL, "solutions", settings)
    query = SearchQuery(
        text="pas de permis trucmuche",
        terms=(
            QueryTerm((), need="besoinpasserlepermis", typed="passer le permis"),
            QueryTerm(("trucmuch",), typed="trucmuche"),
        ),
        destination_keys=("com:34172", "fr"),
        excluded_prerequisites=("permis-b",),
        with_facets=False,
    )
    found = engine.search(query)
    [(_, _, body)] = server.calls
    [main] = body["queries"]
    assert main["q"] == "besoinpasserlepermis trucmuch "
    assert main["filter"] == (
        'destination_keys IN ["com:34172", "fr", "*"] AND NOT prerequis IN ["permis-b"]'
    )
    assert found.matched_terms == 1  # the best result holds the need, not the second word


def test_a_query_that_relates_to_nothing_is_not_sent(settings: SearchSettings) -> None:
    with responses.RequestsMock():  # any request would fail: none is made
        engine = MeiliEngine(URL, "solutions", settings)
        found = engine.search(SearchQuery(text="xyzzy", terms=(), nothing=True))
    assert (found.ids, found.total) == ([], 0)


def test_browse_around_a_commune_counts_buckets_then_fetches_slices(
    server: MeiliMock, settings: SearchSettings, geo: Geography
) -> None:
    keys = tuple(place_keys(geo, LODEVE))
    counts = [1, 0, 0, 3, 0, 4]
    server.search_results.append(
        [result([], n, {}) for n in counts]
        + [result([], 8, {f: {} for f in ("categorie", "territoire", "public", "frais", "acces")})]
    )
    server.search_results.append([result(["c1"], 1, {}), result(["d1", "d2"], 3, {})])
    engine = MeiliEngine(URL, "solutions", settings, api_key="search-key")
    found = engine.search(SearchQuery(terms=(), commune_keys=keys, per_page=3))
    assert found.ids == ["c1", "d1", "d2"]
    assert found.total == 8
    counting, fetching = (body["queries"] for _, _, body in server.calls)
    assert counting[3]["filter"] == (
        'zone_keys = "dep:34" AND NOT zone_keys IN '
        '["com:34142", "epci:200017341", "ter:pays-coeur-d-herault"]'
    )
    assert [q["hitsPerPage"] for q in counting[:6]] == [0] * 6
    assert [(q["offset"], q["limit"]) for q in fetching] == [(0, 1), (0, 2)]
    assert fetching[0]["sort"] == ["portee:asc", "categorie_ordre:asc", "nom_tri:asc", "id:asc"]


def test_a_server_error_makes_the_engine_unavailable(settings: SearchSettings) -> None:
    with responses.RequestsMock() as mock:
        mock.add("POST", f"{URL}/multi-search", status=503, json={"message": "down"})
        engine = MeiliEngine(URL, "solutions", settings)
        with pytest.raises(SearchUnavailableError, match="down"):
            engine.search(SearchQuery(text="vélo", terms=(QueryTerm(("velo",)),)))
        assert not engine.health().ok


def test_only_a_word_still_being_typed_is_sent_as_a_prefix(settings: SearchSettings) -> None:
    typing = SearchQuery(terms=(QueryTerm(("garag",)), QueryTerm(("sol",), prefix=True)))
    done = SearchQuery(terms=(QueryTerm(("sol",), prefix=True), QueryTerm(("garag",))))
    assert sent_text(typing) == "garag sol"
    assert sent_text(done) == "sol garag "
