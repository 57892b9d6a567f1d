"""Search behaviour, the same on both engines: the embedded one always, Meilisearch if MEILI_URL.

Each test would fail without the behaviour it names (typos, prefixes, synonyms, accents…).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator, Mapping

import pytest

from directory.geo import Geography
from directory.models import Solution
from directory.search.document import SearchDocument, search_document
from directory.search.embedded import EmbeddedEngine
from directory.search.facets import FACETS
from directory.search.model import SearchResults
from directory.search.settings import SearchSettings, load_search_settings
from directory.text import fold
from directory.vocabulary import Category
from directory.zones import covering_level, place_keys, zone_keys

from .conftest import DATA_DIR
from .search_support import ENGINES, LODEVE, Finder, catalogue, open_finder


@pytest.fixture(scope="module")
def solutions(geo: Geography) -> list[Solution]:
    return catalogue(geo)


@pytest.fixture(scope="module")
def settings() -> SearchSettings:
    return load_search_settings(DATA_DIR)


@pytest.fixture(scope="module")
def documents(
    solutions: list[Solution], geo: Geography, settings: SearchSettings
) -> list[SearchDocument]:
    return [search_document(s, geo, settings) for s in solutions]


@pytest.fixture(scope="module")
def embedded(
    documents: list[SearchDocument], settings: SearchSettings, geo: Geography
) -> EmbeddedEngine:
    engine = EmbeddedEngine(settings, geo)
    engine.rebuild(documents)
    return engine


@pytest.fixture(scope="module", params=ENGINES)
def engine(
    request: pytest.FixtureRequest,
    documents: list[SearchDocument],
    embedded: EmbeddedEngine,
    settings: SearchSettings,
    geo: Geography,
) -> Iterator[Finder]:
    """Built once per module and only read by the tests."""
    yield from open_finder(request.param, embedded, documents, settings, geo)


def search(engine: Finder, text: str = "", **options: object) -> SearchResults:
    return engine.search(text, **options)


def ids(engine: Finder, text: str = "", **options: object) -> list[str]:
    return search(engine, text, **options).ids


# --- forgiving text -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "meant"),
    [
        ("covoitrage", "covoiturage-coeur-herault"),
        ("garrage solidaire", "garage-solidaire-lodevois"),
        ("velo electrique", "location-vae-montpellier"),
        ("l'hôpital", "navette-hopital-clermont"),
    ],
)
def test_typos_and_missing_accents_find_what_people_mean(
    engine: Finder, typed: str, meant: str
) -> None:
    assert ids(engine, typed)[0] == meant


def test_permis_de_conduir_finds_the_driving_licence_entries_first(engine: Finder) -> None:
    found = ids(engine, "permis de conduir")
    assert set(found[:2]) == {"aide-permis-departement", "auto-ecole-sociale-montpellier"}


@pytest.mark.parametrize(
    "variants",
    [
        ["vélo", "VÉLO", "velo", "Vélo"],
        ["cœur", "CŒUR", "coeur"],
        ["l'hôpital", "l’hôpital", "hôpital", "L'HOPITAL"],
        ["d'emploi", "d’emploi", "emploi"],
        ["auto-école", "auto école", "AUTO-ECOLE"],
    ],
)
def test_case_accents_apostrophes_and_hyphens_do_not_matter(
    engine: Finder, variants: list[str]
) -> None:
    results = [search(engine, v) for v in variants]
    assert results[0].total > 0
    # Elisions do not pollute ranking: same entries, same order.
    assert all(r.ids == results[0].ids for r in results)


def test_words_under_five_letters_allow_no_typo(engine: Finder) -> None:
    assert ids(engine, "velp ") == []
    assert "atelier-velo-bedarieux" in ids(engine, "velo ")


def test_one_typo_from_five_letters_two_from_nine(engine: Finder) -> None:
    assert "garage-solidaire-lodevois" in ids(engine, "garahe ")
    assert ids(engine, "gzrahe ") == []  # two typos in six letters
    assert "transport-fauteuil-herault" in ids(engine, "handicqp ")
    assert ids(engine, "hamdicqp ") == []  # two typos in eight letters
    assert "navette-hopital-clermont" in ids(engine, "solodqire ")  # two typos in nine


def test_a_typo_on_the_first_letter_counts_double(engine: Finder) -> None:
    assert "garage-solidaire-lodevois" not in ids(engine, "farage ")
    assert "navette-hopital-clermont" in ids(engine, "dolidaire ")
    assert ids(engine, "dolidairr ") == []


def test_the_last_word_is_a_prefix_while_typing(engine: Finder) -> None:
    assert {"atelier-velo-bedarieux", "location-vae-montpellier"} <= set(ids(engine, "vél"))
    assert {"transport-fauteuil-herault", "cars-lio-herault"} <= set(ids(engine, "transp"))
    assert ids(engine, "vél ") == []  # a space ends the word
    assert ids(engine, "transp ") == []


@pytest.mark.parametrize(
    ("query", "entry"),
    [
        ("bicyclette", "location-vae-montpellier"),
        ("VAE", "location-vae-montpellier"),
        ("covoit ", "covoiturage-coeur-herault"),
        ("TAD", "navette-reservation-lodevois"),
        ("PMR", "transport-fauteuil-herault"),
        ("bus", "cars-lio-herault"),
        ("autocar", "cars-lio-herault"),
        ("trotinette", "trottinettes-montpellier"),
        ("TER", "tarif-reduit-ter"),
        ("subvention", "bourse-carburant-apprentis"),
        ("réparation ", "garage-solidaire-lodevois"),
    ],
)
def test_synonyms(engine: Finder, query: str, entry: str) -> None:
    found = ids(engine, query)
    assert entry in found
    if query.strip().lower() not in {"bus", "autocar"}:
        return
    # "car" in "car il faut pouvoir aller travailler" is a conjunction, not a coach.
    assert "pret-scooter-sete" not in found


def test_every_word_found_ranks_above_fewer_words(engine: Finder) -> None:
    found = ids(engine, "navette lodevois")
    assert found[0] == "navette-reservation-lodevois"
    assert "navette-hopital-clermont" in found[1:]


# --- facets, filters, commune -------------------------------------------------------------


def passes(
    document: SearchDocument, filters: Mapping[str, tuple[str, ...]], ignoring: str | None = None
) -> bool:
    """OR within a facet, AND across facets, computed by hand."""
    for name, values in filters.items():
        if name == ignoring or not values:
            continue
        value = getattr(document, name)
        held = set(value) if isinstance(value, list) else {value}
        if not held & set(values):
            return False
    return True


def expected_counts(
    documents: list[SearchDocument], among: set[str], filters: Mapping[str, tuple[str, ...]]
) -> dict[str, dict[str, int]]:
    """Disjunctive facet counts: each facet ignores its own filter."""
    counts: dict[str, dict[str, int]] = {}
    for facet in FACETS:
        counter: Counter[str] = Counter()
        for document in documents:
            if document.id in among and passes(document, filters, ignoring=facet):
                value = getattr(document, facet)
                counter.update(value if isinstance(value, list) else [value])
        counts[facet] = dict(counter)
    return counts


def counts_of(results: SearchResults) -> dict[str, dict[str, int]]:
    return {facet: {c.value: c.count for c in results.facets[facet]} for facet in FACETS}


@pytest.mark.parametrize(
    ("text", "commune", "filters"),
    [
        ("", False, {}),
        ("", False, {"categorie": ("velo", "permis")}),
        ("transport", False, {"frais": ("payant",)}),
        ("", True, {"categorie": ("vehicule", "transport-a-la-demande"), "frais": ("payant",)}),
        (
            "",
            True,
            {
                "categorie": ("transport-a-la-demande", "conseil-mobilite", "permis"),
                "public": ("tous-publics", "demandeurs-emploi", "jeunes"),
                "acces": ("a-distance",),
            },
        ),
    ],
)
def test_facet_counts_are_exact_and_disjunctive(
    engine: Finder,
    documents: list[SearchDocument],
    geo: Geography,
    text: str,
    commune: bool,
    filters: dict[str, tuple[str, ...]],
) -> None:
    keys = tuple(place_keys(geo, LODEVE)) if commune else ()
    universe = set(ids(engine, text, commune_keys=keys))
    results = search(engine, text, commune_keys=keys, filters=filters)
    expected = {d.id for d in documents if d.id in universe and passes(d, filters)}
    assert set(results.ids) == expected
    assert results.total == len(expected)
    assert counts_of(results) == expected_counts(documents, universe, filters)


def test_a_facet_keeps_offering_its_other_values_when_filtered(engine: Finder) -> None:
    unfiltered = counts_of(search(engine))
    filtered = search(engine, filters={"categorie": ("velo",)})
    assert set(filtered.ids) == {
        "location-vae-montpellier",
        "atelier-velo-bedarieux",
        "trottinettes-montpellier",
    }
    assert counts_of(filtered)["categorie"] == unfiltered["categorie"]
    assert counts_of(filtered)["frais"] == {"payant": 2, "non-renseigne": 1}


def test_filters_are_or_within_a_facet_and_across_facets(engine: Finder) -> None:
    both = set(ids(engine, filters={"categorie": ("velo", "permis")}))
    assert both == set(ids(engine, filters={"categorie": ("velo",)})) | set(
        ids(engine, filters={"categorie": ("permis",)})
    )
    free = set(ids(engine, filters={"categorie": ("velo", "permis"), "frais": ("gratuit",)}))
    assert free == {"aide-permis-departement"}


def test_commune_filter_keeps_entries_whose_zone_covers_it(
    engine: Finder, solutions: list[Solution], geo: Geography
) -> None:
    found = set(ids(engine, commune_keys=tuple(place_keys(geo, LODEVE))))
    covering = {s.id for s in solutions if covering_level(geo, s.zone, LODEVE) is not None}
    assert found == covering
    assert "garage-solidaire-lodevois" in found
    assert "covoiturage-coeur-herault" in found  # through its territory
    assert "location-vae-montpellier" not in found


# --- browsing and pages -------------------------------------------------------------------


def browse_key(solution: Solution, rank: int = 0) -> tuple[int, int, int, str]:
    widest = max(
        level
        for level, present in [
            (5, solution.zone.france),
            (4, solution.zone.regions),
            (3, solution.zone.departements),
            (2, solution.zone.territoires),
            (1, solution.zone.epci),
            (0, solution.zone.communes),
        ]
        if present
    )
    category = list(Category).index(Category(solution.categorie))
    return (rank, widest, category, fold(solution.nom))


def test_empty_query_browses_everything_most_local_first(
    engine: Finder, solutions: list[Solution], geo: Geography
) -> None:
    results = search(engine)
    assert results.total == len(solutions)
    expected = sorted(solutions, key=lambda s: browse_key(s))
    assert results.ids == [s.id for s in expected]
    assert results.ids[0] == "atelier-velo-bedarieux"  # one commune; vélo before véhicule
    assert results.ids[-1] == "bourse-carburant-apprentis"  # all of France


def test_browse_around_a_commune_puts_the_closest_coverage_first(
    engine: Finder, solutions: list[Solution], geo: Geography
) -> None:
    keys = place_keys(geo, LODEVE)

    def rank(solution: Solution) -> int:
        keys_of_zone = set(zone_keys(solution.zone))
        return next(i for i, key in enumerate(keys) if key in keys_of_zone)

    covering = [s for s in solutions if covering_level(geo, s.zone, LODEVE) is not None]
    expected = sorted(covering, key=lambda s: browse_key(s, rank(s)))
    found = ids(engine, commune_keys=tuple(keys))
    assert found == [s.id for s in expected]
    assert found[0] == "garage-solidaire-lodevois"


@pytest.mark.parametrize(("text", "commune"), [("", False), ("", True), ("transport", False)])
def test_pages_cover_every_result_once_in_order(
    engine: Finder, geo: Geography, text: str, commune: bool
) -> None:
    keys = tuple(place_keys(geo, LODEVE)) if commune else ()
    everything = ids(engine, text, commune_keys=keys)
    assert len(everything) > 3
    pages = [
        search(engine, text, commune_keys=keys, page=page, per_page=3)
        for page in range(1, len(everything) // 3 + 3)
    ]
    assert [i for page in pages for i in page.ids] == everything
    assert {page.total for page in pages} == {len(everything)}
    assert pages[-1].ids == []  # past the last page: nothing, but the total stays
