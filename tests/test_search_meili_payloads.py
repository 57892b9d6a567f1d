"""The Meilisearch path without a server: what we send, against a double that refuses what the
real server refuses (tests/meili_double.py): keys, versions, unknown settings, bad filters,
missing indexes in a swap, swap tasks hidden from index-scoped keys.

The behaviour of a real server is checked by test_search_engines.py when MEILI_URL is set.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import pytest
import responses
from meilisearch import Client

from directory.geo import Geography
from directory.search import meili_index
from directory.search.document import SearchDocument, search_document
from directory.search.embedded import EmbeddedEngine
from directory.search.facets import FACETS
from directory.search.meili import MeiliEngine, bucket_clauses, filter_expression, sent_text
from directory.search.meili_index import MeiliIndexingError, meili_settings, reindex
from directory.search.meili_server import meili_client, parse_version
from directory.search.model import QueryTerm, SearchQuery, SearchUnavailableError
from directory.search.settings import SearchSettings, load_search_settings
from directory.zones import place_keys

from .conftest import DATA_DIR
from .meili_double import MASTER_KEY, URL, FakeMeili, Index, Key
from .meili_filter import parse_filter
from .search_support import LODEVE, catalogue

SEARCH_KEY = "search-key"
SCOPED_KEY = "scoped-indexing-key"
KEYS = {
    SEARCH_KEY: Key({"search"}, {"solutions"}),
    # What docs/deploiement.md asks for: every right, on the two indexes only.
    SCOPED_KEY: Key({"*"}, {"solutions", "solutions_next"}),
}


@pytest.fixture
def settings() -> SearchSettings:
    return load_search_settings(DATA_DIR)


@pytest.fixture
def documents(geo: Geography, settings: SearchSettings) -> list[SearchDocument]:
    return [search_document(s, geo, settings) for s in catalogue(geo)[:5]]


@pytest.fixture
def mock() -> Iterator[responses.RequestsMock]:
    with responses.RequestsMock(assert_all_requests_are_fired=False) as requests_mock:
        yield requests_mock


@pytest.fixture
def server(mock: responses.RequestsMock) -> FakeMeili:
    """A secured 1.10 server holding a live index."""
    return FakeMeili(mock, {"solutions"}, master_key=MASTER_KEY, keys=KEYS)


def admin(key: str = MASTER_KEY) -> Client:
    return meili_client(URL, key, 5)


def live_index(
    server: FakeMeili, settings: SearchSettings, documents: list[SearchDocument]
) -> None:
    reindex(admin(), "solutions", documents, settings)
    server.calls.clear()


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


def test_the_double_refuses_an_unknown_setting_and_accepts_ours(
    server: FakeMeili, settings: SearchSettings
) -> None:
    index = admin().index("solutions")
    index.update_settings(meili_settings(settings))  # accepted
    with pytest.raises(Exception, match="Unknown field `rankingRule`"):
        index.update_settings({"rankingRule": ["words"]})
    with pytest.raises(Exception, match="Unknown field `minWordSize`"):
        index.update_settings({"typoTolerance": {"minWordSize": 3}})


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


def test_every_filter_we_build_parses_as_meilisearch_reads_it(settings: SearchSettings) -> None:
    filterable = set(meili_settings(settings)["filterableAttributes"])
    built = filter_expression(
        {"categorie": ("velo",), "public": ('a"b', "c")},
        extra=bucket_clauses("dep:34", ["com:34142", "epci:200017341"]),
    )
    assert built is not None
    matches = parse_filter(built, filterable, "")
    document = {"categorie": "velo", "public": ['a"b'], "zone_keys": ["dep:34"]}
    assert matches(document)
    assert not matches({**document, "zone_keys": ["dep:34", "com:34142"]})


@pytest.mark.parametrize(
    ("expression", "message"),
    [
        ('commune IN ["34142"]', "`commune` is not filterable"),
        ('categorie IN ["velo"', "expected `]`"),
        ('categorie ~ "velo"', "unknown operator"),
        ('categorie = "velo" AND', "expected `a value`"),
    ],
)
def test_the_double_refuses_filters_the_server_refuses(
    server: FakeMeili,
    settings: SearchSettings,
    documents: list[SearchDocument],
    expression: str,
    message: str,
) -> None:
    live_index(server, settings, documents)
    with pytest.raises(Exception, match=message) as caught:
        admin().multi_search([{"indexUid": "solutions", "q": "", "filter": expression}])
    assert "invalid_search_filter" in str(caught.value)


# --- keys ---------------------------------------------------------------------------------


def test_with_only_the_admin_key_the_site_searches_with_it(
    server: FakeMeili, settings: SearchSettings, documents: list[SearchDocument]
) -> None:
    live_index(server, settings, documents)
    server.headers.clear()
    engine = MeiliEngine(URL, "solutions", settings, admin_key=MASTER_KEY)
    assert engine.search(SearchQuery()).total == len(documents)
    assert engine.health().ok
    assert set(server.headers) == {f"Bearer {MASTER_KEY}"}


def test_without_any_key_no_authorization_header_is_sent(
    mock: responses.RequestsMock, settings: SearchSettings, documents: list[SearchDocument]
) -> None:
    server = FakeMeili(mock, {"solutions"})  # a server without a master key
    engine = MeiliEngine(URL, "solutions", settings)
    engine.rebuild(documents)
    assert engine.search(SearchQuery()).total == len(documents)
    assert server.headers and set(server.headers) == {None}  # never « Bearer None »


def test_a_search_key_cannot_reindex_and_says_which_key_to_fix(
    server: FakeMeili, settings: SearchSettings, documents: list[SearchDocument]
) -> None:
    with pytest.raises(MeiliIndexingError) as caught:
        reindex(admin(SEARCH_KEY), "solutions", documents, settings)
    assert "Meilisearch refuse la clé d'indexation : MEILI_ADMIN_KEY" in str(caught.value)
    assert "L'index en ligne n'a pas changé." in str(caught.value)
    assert server.writes() == []


def test_a_refused_search_key_is_named_on_health(
    server: FakeMeili, settings: SearchSettings
) -> None:
    engine = MeiliEngine(URL, "solutions", settings, api_key="wrong-key")
    health = engine.health()
    assert not health.ok
    assert health.error == "Meilisearch refuse la clé de recherche : vérifiez MEILI_API_KEY"
    assert health.detail is not None and "invalid_api_key" in health.detail


# --- versions -----------------------------------------------------------------------------


def test_versions_are_read_as_numbers() -> None:
    assert parse_version("1.10.2") == (1, 10, 2)
    assert parse_version("1.9.0") < (1, 10, 0) < parse_version("1.12.0-rc.1")
    assert parse_version("?") == (0, 0, 0)


def test_an_old_server_is_refused_before_anything_is_written(
    mock: responses.RequestsMock, settings: SearchSettings, documents: list[SearchDocument]
) -> None:
    server = FakeMeili(mock, {"solutions"}, version="1.9.0", master_key=MASTER_KEY)
    with pytest.raises(MeiliIndexingError) as caught:
        reindex(admin(), "solutions", documents, settings)
    assert str(caught.value).startswith("Meilisearch 1.9.0 est trop ancien")
    assert "version 1.10.0 ou plus récente" in str(caught.value)
    assert server.writes() == []


def test_an_old_server_is_named_on_health_even_with_a_search_key(
    mock: responses.RequestsMock, settings: SearchSettings
) -> None:
    FakeMeili(mock, {"solutions"}, version="1.9.0", master_key=MASTER_KEY, keys=KEYS)
    # A search key may not read /version: the multi-search itself shows the server is too old.
    engine = MeiliEngine(URL, "solutions", settings, api_key=SEARCH_KEY)
    health = engine.health()
    assert health.error == "Meilisearch est trop ancien : il faut la version 1.10 ou plus récente"
    with_version = MeiliEngine(URL, "solutions", settings, admin_key=MASTER_KEY).health()
    assert with_version.error is not None
    assert with_version.error.startswith("Meilisearch 1.9.0 est trop ancien")


def test_an_old_server_is_named_even_when_the_indexing_key_cannot_read_its_version(
    mock: responses.RequestsMock, settings: SearchSettings, documents: list[SearchDocument]
) -> None:
    keys = {"indexing": Key({"indexes.*", "settings.update", "documents.add", "tasks.get"})}
    FakeMeili(mock, {"solutions"}, version="1.9.0", master_key=MASTER_KEY, keys=keys)
    with pytest.raises(MeiliIndexingError, match="Meilisearch est trop ancien"):
        reindex(admin("indexing"), "solutions", documents, settings)


def test_an_old_server_refuses_our_settings(
    mock: responses.RequestsMock, settings: SearchSettings
) -> None:
    FakeMeili(mock, {"solutions"}, version="1.9.0")
    with pytest.raises(Exception, match="Unknown field `localizedAttributes`"):
        admin().index("solutions").update_settings(meili_settings(settings))


# --- re-indexing --------------------------------------------------------------------------


def test_reindex_builds_next_waits_checks_swaps_then_deletes(
    server: FakeMeili, settings: SearchSettings, documents: list[SearchDocument]
) -> None:
    assert reindex(admin(), "solutions", documents, settings) == 5
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
    assert writes[3][2] == [{"indexes": ["solutions", "solutions_next"]}]
    assert server.documents("solutions") == sorted(d.id for d in documents)
    assert set(server.indexes) == {"solutions"}
    # Every task is waited for before the next write, and nothing writes to the live index.
    polled = [path for method, path, _ in server.calls if path.startswith("/tasks/")]
    assert polled == [f"/tasks/{uid}" for uid in range(5)]
    assert not any(path.startswith("/indexes/solutions/") for _, path, _ in writes)
    # The staged index is counted right before the swap.
    stats = server.calls.index(("GET", "/indexes/solutions_next/stats", None))
    assert stats < server.calls.index(writes[3])


def test_a_leftover_next_index_is_cleared_first(
    mock: responses.RequestsMock, settings: SearchSettings, documents: list[SearchDocument]
) -> None:
    server = FakeMeili(mock, {"solutions", "solutions_next"})
    reindex(admin(), "solutions", documents, settings)
    assert server.writes()[0][:2] == ("DELETE", "/indexes/solutions_next")
    assert server.documents("solutions") == sorted(d.id for d in documents)


def test_a_first_deployment_on_1_18_renames_and_never_creates_an_empty_live_index(
    mock: responses.RequestsMock, settings: SearchSettings, documents: list[SearchDocument]
) -> None:
    server = FakeMeili(mock, version="1.18.0")
    reindex(admin(), "solutions", documents, settings)
    created = [body["uid"] for method, path, body in server.writes() if path == "/indexes"]
    assert created == ["solutions_next"]
    swap = [body for _, path, body in server.writes() if path == "/swap-indexes"]
    assert swap == [[{"indexes": ["solutions_next", "solutions"], "rename": True}]]
    assert set(server.indexes) == {"solutions"}
    assert server.documents("solutions") == sorted(d.id for d in documents)


def test_a_first_deployment_before_1_18_creates_the_live_index_only_to_swap(
    mock: responses.RequestsMock, settings: SearchSettings, documents: list[SearchDocument]
) -> None:
    server = FakeMeili(mock, version="1.10.0")
    reindex(admin(), "solutions", documents, settings)
    writes = [(method, path) for method, path, _ in server.writes()]
    assert writes[-3:] == [
        ("POST", "/indexes"),
        ("POST", "/swap-indexes"),
        ("DELETE", "/indexes/solutions_next"),
    ]
    assert server.documents("solutions") == sorted(d.id for d in documents)


def test_the_double_fails_a_swap_with_a_missing_index(mock: responses.RequestsMock) -> None:
    server = FakeMeili(mock, {"solutions_next"})
    task = admin().swap_indexes([{"indexes": ["solutions", "solutions_next"]}])
    finished = admin().wait_for_task(task.task_uid)
    assert finished.status == "failed"
    assert finished.error == {"message": "Index `solutions` not found.", "code": "index_not_found"}
    assert set(server.indexes) == {"solutions_next"}


def test_an_index_scoped_key_reindexes_although_it_cannot_see_the_swap_task(
    server: FakeMeili, settings: SearchSettings, documents: list[SearchDocument]
) -> None:
    assert reindex(admin(SCOPED_KEY), "solutions", documents, settings) == 5
    assert server.documents("solutions") == sorted(d.id for d in documents)
    swap_task = next(t for t in server.tasks if t["type"] == "indexSwap")
    assert ("GET", f"/tasks/{swap_task['uid']}", None) in server.calls  # asked, hidden (404)
    assert set(server.indexes) == {"solutions"}


def test_a_refused_swap_hidden_from_the_key_is_reported_and_nothing_changes(
    server: FakeMeili, settings: SearchSettings, documents: list[SearchDocument]
) -> None:
    live_index(server, settings, documents[:2])
    server.fail["indexSwap"] = "Index `solutions` not found."
    with pytest.raises(MeiliIndexingError, match="bascule refusée") as caught:
        reindex(admin(SCOPED_KEY), "solutions", documents, settings)
    assert "L'index en ligne n'a pas changé" in str(caught.value)
    assert server.documents("solutions") == sorted(d.id for d in documents[:2])


def test_a_staged_index_changed_by_another_run_is_never_swapped_in(
    server: FakeMeili, settings: SearchSettings, documents: list[SearchDocument]
) -> None:
    live_index(server, settings, documents)

    def another_run_restarts_next(task: dict[str, Any]) -> None:
        # A second re-indexation, started meanwhile, clears `_next` to fill it again.
        if task["type"] == "documentAdditionOrUpdate" and server.before_task is not None:
            server.before_task = None
            server.indexes["solutions_next"] = Index(created_at="later")

    server.before_task = another_run_restarts_next
    with pytest.raises(MeiliIndexingError, match="a changé pendant la réindexation") as caught:
        reindex(admin(), "solutions", documents[:3], settings)
    assert "L'index en ligne n'a pas changé" in str(caught.value)
    assert not any(path == "/swap-indexes" for _, path, _ in server.calls)
    assert server.documents("solutions") == sorted(d.id for d in documents)


def test_documents_are_sent_in_batches(
    server: FakeMeili,
    settings: SearchSettings,
    documents: list[SearchDocument],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(meili_index, "BATCH_SIZE", 2)
    reindex(admin(), "solutions", documents, settings)
    batches = [body for _, path, body in server.writes() if path.endswith("/documents")]
    assert [len(batch) for batch in batches] == [2, 2, 1]
    assert server.documents("solutions") == sorted(d.id for d in documents)


def test_a_failed_task_stops_before_the_swap_with_a_clear_error(
    server: FakeMeili, settings: SearchSettings, documents: list[SearchDocument]
) -> None:
    server.fail["documentAdditionOrUpdate"] = "Document identifier `é` is invalid."
    with pytest.raises(MeiliIndexingError) as caught:
        reindex(admin(), "solutions", documents, settings)
    message = str(caught.value)
    assert "ajout des fiches" in message
    assert "Document identifier `é` is invalid." in message
    assert "L'index en ligne n'a pas changé." in message
    assert not any(path == "/swap-indexes" for _, path, _ in server.calls)


def test_a_task_that_never_ends_times_out_with_a_clear_error(
    server: FakeMeili, settings: SearchSettings, documents: list[SearchDocument]
) -> None:
    server.stuck.add("settingsUpdate")
    with pytest.raises(MeiliIndexingError, match="n'a pas terminé la tâche 1"):
        reindex(admin(), "solutions", documents, settings, timeout_s=0.3)
    assert not any(path == "/swap-indexes" for _, path, _ in server.calls)


def test_an_unreachable_server_is_an_indexing_error(
    settings: SearchSettings, documents: list[SearchDocument]
) -> None:
    # No route registered: every request fails as a refused connection would.
    with (
        responses.RequestsMock(),
        pytest.raises(MeiliIndexingError, match="Meilisearch injoignable"),
    ):
        reindex(admin(), "solutions", documents, settings)


# --- searching ----------------------------------------------------------------------------


def result(ids: list[str], total: int, facets: dict[str, dict[str, int]]) -> dict[str, Any]:
    return {
        "hits": [{"id": i, "_rankingScore": 0.9} for i in ids],
        "totalHits": total,
        "facetDistribution": facets,
    }


def queries(server: FakeMeili) -> list[list[dict[str, Any]]]:
    return [body["queries"] for _, path, body in server.calls if path == "/multi-search"]


def test_search_sends_one_query_plus_one_per_filtered_facet(
    server: FakeMeili, settings: SearchSettings, documents: list[SearchDocument]
) -> None:
    live_index(server, settings, documents)
    server.search_results.append(
        [
            result(["a", "b"], 7, {"territoire": {"t1": 7}, "public": {}, "acces": {}}),
            result([], 9, {"categorie": {"velo": 7, "permis": 2}}),
            result([], 8, {"frais": {"payant": 7, "gratuit": 1}}),
        ]
    )
    engine = MeiliEngine(URL, "solutions", settings, api_key=SEARCH_KEY)
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
    [(main, by_category, by_fees)] = queries(server)
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
    server: FakeMeili, settings: SearchSettings, documents: list[SearchDocument]
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
    live_index(server, settings, documents)
    engine = MeiliEngine(URL, "solutions", settings, api_key=SEARCH_KEY)
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
    [[main]] = queries(server)
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


@pytest.mark.parametrize(
    ("typed", "sent"),
    # « garage » is a need, then refines it by its stem; « solidaire » is sent by its stem.
    [
        ("bus", "bus"),
        ("bus ", "bus "),
        ("  garage solidaire ", "besoinreparervehicule garag solidair "),
    ],
)
def test_the_end_of_the_query_is_sent_as_typed_so_a_space_ends_the_last_word(
    server: FakeMeili,
    settings: SearchSettings,
    documents: list[SearchDocument],
    typed: str,
    sent: str,
) -> None:
    # Meilisearch completes the last word only when nothing follows it, like the embedded
    # engine: « bus » finds « business », « bus » and a space does not. The words go through
    # the query understanding first, as on the site.
    live_index(server, settings, documents)
    embedded = EmbeddedEngine(settings)
    embedded.rebuild(documents)
    terms = embedded.understanding.understand(typed, read_places=False).terms
    engine = MeiliEngine(URL, "solutions", settings, api_key=SEARCH_KEY)
    engine.search(SearchQuery(text=typed, terms=terms, with_facets=False))
    [[main]] = queries(server)
    assert main["q"] == sent


def test_browse_around_a_commune_counts_buckets_then_fetches_slices(
    server: FakeMeili, settings: SearchSettings, documents: list[SearchDocument], geo: Geography
) -> None:
    live_index(server, settings, documents)
    keys = tuple(place_keys(geo, LODEVE))
    counts = [1, 0, 0, 3, 0, 4]
    server.search_results.append(
        [result([], n, {}) for n in counts] + [result([], 8, {f: {} for f in FACETS})]
    )
    server.search_results.append([result(["c1"], 1, {}), result(["d1", "d2"], 3, {})])
    engine = MeiliEngine(URL, "solutions", settings, api_key=SEARCH_KEY)
    found = engine.search(SearchQuery(terms=(), commune_keys=keys, per_page=3))
    assert found.ids == ["c1", "d1", "d2"]
    assert found.total == 8
    counting, fetching = queries(server)
    assert counting[3]["filter"] == (
        'zone_keys = "dep:34" AND NOT zone_keys IN '
        '["com:34142", "epci:200017341", "ter:pays-coeur-d-herault"]'
    )
    assert [q["hitsPerPage"] for q in counting[:6]] == [0] * 6
    assert [(q["offset"], q["limit"]) for q in fetching] == [(0, 1), (0, 2)]
    assert fetching[0]["sort"] == ["portee:asc", "categorie_ordre:asc", "nom_tri:asc", "id:asc"]


def test_browsing_counts_come_from_the_filters_the_double_evaluates(
    server: FakeMeili, settings: SearchSettings, documents: list[SearchDocument], geo: Geography
) -> None:
    live_index(server, settings, documents)
    engine = MeiliEngine(URL, "solutions", settings, api_key=SEARCH_KEY)
    keys = tuple(place_keys(geo, LODEVE))
    found = engine.search(SearchQuery(commune_keys=keys, with_facets=False))
    covering = [d for d in documents if set(d.zone_keys) & set(keys)]
    assert found.total == len(covering) > 0


def test_a_missing_index_makes_the_engine_unavailable_and_says_what_to_run(
    mock: responses.RequestsMock, settings: SearchSettings
) -> None:
    FakeMeili(mock)
    engine = MeiliEngine(URL, "solutions", settings)
    with pytest.raises(SearchUnavailableError, match="index_not_found"):
        engine.search(SearchQuery(text="vélo"))
    health = engine.health()
    assert health.error == (
        "l'index Meilisearch « solutions » n'existe pas : lancez « directory reindex »"
    )


def test_a_server_error_makes_the_engine_unavailable(settings: SearchSettings) -> None:
    with responses.RequestsMock() as mock:
        mock.add("GET", f"{URL}/version", status=503, json={"message": "down"})
        mock.add("POST", f"{URL}/multi-search", status=503, json={"message": "down"})
        engine = MeiliEngine(URL, "solutions", settings)
        with pytest.raises(SearchUnavailableError, match="down"):
            engine.search(SearchQuery(text="vélo", terms=(QueryTerm(("velo",)),)))
        health = engine.health()
        assert not health.ok
        assert health.error == "Meilisearch ne répond pas"


def test_the_double_and_a_real_server_give_the_same_refusals(
    server: FakeMeili, settings: SearchSettings, documents: list[SearchDocument]
) -> None:
    from .test_search_meili_server import refusal_codes

    live_index(server, settings, documents)
    assert refusal_codes(admin(), "solutions") == {
        "unknown setting": "bad_request",
        "unfilterable attribute": "invalid_search_filter",
        "unclosed list": "invalid_search_filter",
        "unknown query field": "bad_request",
        "swap with a missing index": "index_not_found",
    }


def test_only_a_word_still_being_typed_is_sent_as_a_prefix(settings: SearchSettings) -> None:
    typing = SearchQuery(terms=(QueryTerm(("garag",)), QueryTerm(("sol",), prefix=True)))
    done = SearchQuery(terms=(QueryTerm(("sol",), prefix=True), QueryTerm(("garag",))))
    assert sent_text(typing) == "garag sol"
    assert sent_text(done) == "sol garag "
