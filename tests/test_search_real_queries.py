"""The queries of test_search_queries on the real catalogue (data/solutions), on every available
engine. They assert only what survives an editor adding or retiring an entry: the kind of entry
the first three results hold, what is never offered, what was understood."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import pytest

from directory.catalogue.loader import load_catalogue
from directory.geo import Geography
from directory.models import Solution
from directory.search.analysis import words
from directory.search.document import SearchDocument, search_document
from directory.search.embedded import EmbeddedEngine
from directory.search.settings import SearchSettings, load_search_settings
from directory.snapshot import Snapshot, offered
from directory.zones import covers

from .conftest import DATA_DIR
from .search_support import BEDARIEUX, ENGINES, GIGNAC, LODEVE, MONTPELLIER, Finder, open_finder

TRIPS = {
    "transport-public",
    "transport-a-la-demande",
    "transport-solidaire",
    "covoiturage",
    "velo",
    "transport-adapte",
}
DRIVEN = {"transport-solidaire", "transport-a-la-demande", "transport-adapte"}


@dataclass(frozen=True)
class Case:
    text: str
    kinds: frozenset[str]  # the first three results hold an entry of one of these categories
    commune: str | None = None
    destination: str | None = None
    never_needs: str | None = None  # no result needs this prerequisite
    only: frozenset[str] = frozenset()  # every one of the first three is of these categories

    def __str__(self) -> str:
        return self.text + "".join(f" @{c}" for c in (self.commune, self.destination) if c)


def case(text: str, *kinds: str, **options: object) -> Case:
    only = frozenset(options.pop("only", ()))  # type: ignore[arg-type]
    return Case(text, frozenset(kinds), only=only, **options)  # type: ignore[arg-type]


CASES = [
    case("je n'ai pas de permis pour aller travailler", "permis", never_needs="permis-b"),
    case("j'ai pas de voiture", *TRIPS, commune=LODEVE, never_needs="vehicule", only=TRIPS),
    case("jai pa de voitur", *TRIPS, never_needs="vehicule", only=TRIPS),
    case("taxi pour rdv medical", *DRIVEN),
    case("qqn pr memmener a lhopital", *DRIVEN, "transport-public"),
    case("trotinette electrique", "velo"),
    case("quelqu'un pour m'aider a trouver un transport", "conseil-mobilite"),
    case("je voudrais des conseils pour me déplacer", "conseil-mobilite"),
    case("bus pour aller a montpelier depuis lodeve", "transport-public"),
    case("car pour beziers", "transport-public", commune=BEDARIEUX),
    case("reparer ma voiture", "vehicule"),
    case("voiture en panne", "vehicule", "aide-financiere"),
    case("apprendre a faire du velo", "velo"),
    case("aide carburant", "aide-financiere"),
    case("train pas cher", "aide-financiere", "transport-public"),
    case("je suis en fauteuil roulant", "transport-adapte"),
    case("chui en fauteuil", "transport-adapte"),
    case("handicaper", "transport-adapte", "velo"),
    case("je veux passer mon permis", "permis", only={"permis", "aide-financiere"}),
    case("g pas le permis", "permis"),
    case("permis de conduir", "permis"),
    case("covoitrage", "covoiturage", only={"covoiturage"}),
    case("covoit", "covoiturage", commune=GIGNAC),
    case("autostop", "covoiturage"),
    case("garrage solidaire", "vehicule"),
    case("velo montpellier", "velo"),
    case("vélo", "velo", commune=MONTPELLIER, only={"velo"}),
    case("tram", "transport-public", commune=MONTPELLIER),
    case("transport à la demande", "transport-a-la-demande"),
    case(
        "je suis au chômage et j'ai un entretien d'embauche", "aide-financiere", "conseil-mobilite"
    ),
    case("emprunter un scooter pour aller bosser", "vehicule"),
    case("louer une voiture", "vehicule"),
    case("je suis jeune et je veux passer le permis", "permis"),
    case("bus", "transport-public", commune=LODEVE, destination=MONTPELLIER),
]

# Names that must be found however they are typed, when the catalogue holds them.
NAMES = [
    ("resatam", "resa tam"),
    ("resa tam", "resa tam"),
    ("blabla car", "blablacar"),
    ("blablacar", "blablacar"),
    ("ecocheque", "eco cheque"),
    ("velomag", "velomagg"),
    ("picholine", "picholines"),
    ("rezo pouce", "rezo pouce"),
    ("tadam", "tadam"),
]


@pytest.fixture(scope="module")
def solutions(geo: Geography) -> list[Solution]:
    load = load_catalogue(DATA_DIR / "solutions", geo)
    snapshot = Snapshot(1, None, {e.id: e.to_record() for e in load.entries})
    return list(offered(snapshot))


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
    yield from open_finder(request.param, embedded, documents, settings, geo)


@pytest.mark.parametrize("query", CASES, ids=str)
def test_the_first_results_are_of_the_right_kind(
    engine: Finder, solutions: list[Solution], geo: Geography, query: Case
) -> None:
    by_id = {s.id: s for s in solutions}
    plan = engine.plan(query.text, commune=query.commune, destination=query.destination)
    found = [by_id[i] for i in engine.query(plan.query).ids]
    top = [s.categorie.value for s in found[:3]]
    assert set(top) & query.kinds, top
    if query.only:
        assert set(top) <= query.only, top
    if query.never_needs:
        assert not [s.id for s in found if query.never_needs in s.prerequis]
    if plan.commune is not None:
        assert all(covers(geo, s.zone, plan.commune.code) for s in found)


def test_places_in_the_words_become_the_commune_and_the_destination(engine: Finder) -> None:
    plan = engine.plan("bus pour aller a montpelier depuis lodeve")
    assert plan.commune is not None and plan.commune.code == LODEVE
    assert plan.destination is not None and plan.destination.code == MONTPELLIER
    assert [t.typed for t in plan.query.words] == ["bus"]


@pytest.mark.parametrize(("typed", "name"), NAMES)
def test_names_are_found_split_or_joined(
    engine: Finder, solutions: list[Solution], typed: str, name: str
) -> None:
    named = {s.id for s in solutions if f" {name} " in f" {' '.join(words(s.nom))} "}
    named |= {s.id for s in solutions if name.replace(" ", "") in "".join(words(s.nom))}
    if not named:
        pytest.skip(f"aucune fiche ne s'appelle « {name} » aujourd'hui")
    assert engine.search(typed).ids[0] in named


def test_nothing_is_found_only_when_no_entry_relates_to_any_word(engine: Finder) -> None:
    assert engine.search("xyzzy plugh").ids == []
    assert engine.search("xyzzy plugh bus").ids  # one word relates: its entries come
