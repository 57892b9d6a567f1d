"""Queries as people type them, on every available engine: sentences, SMS spelling, places,
misspellings, with and without a commune. Each names the entries a useful answer shows in its
first three results (and, for some, what must not be offered at all).

The catalogue is a fixture (search_support: ENTRIES and SENTENCE_ENTRIES); the same queries on
the real catalogue are in test_search_real_queries.py, asserting only what survives an editor's
change.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import pytest

from directory.geo import Geography
from directory.search.document import SearchDocument, search_document
from directory.search.embedded import EmbeddedEngine
from directory.search.settings import SearchSettings, load_search_settings

from .conftest import DATA_DIR
from .search_support import (
    BEDARIEUX,
    BEZIERS,
    CLERMONT,
    ENGINES,
    ENTRIES,
    GIGNAC,
    LODEVE,
    LUNEL,
    MONTPELLIER,
    SAINT_PONS,
    SENTENCE_ENTRIES,
    SETE,
    Finder,
    catalogue,
    open_finder,
)


@dataclass(frozen=True)
class Case:
    text: str
    top: tuple[str, ...]  # all of them in the first three results
    commune: str | None = None  # the « Où habitez-vous ? » field (INSEE code)
    destination: str | None = None  # the « Où allez-vous ? » field
    absent: tuple[str, ...] = ()  # never offered for this query
    first: bool = False  # top[0] comes first

    def __str__(self) -> str:
        where = "".join(f" @{c}" for c in (self.commune, self.destination) if c)
        return f"{self.text}{where}"


def case(text: str, *top: str, **options: object) -> Case:
    return Case(text, top, **options)  # type: ignore[arg-type]


SENTENCES = [
    case(
        "je n'ai pas de permis pour aller travailler",
        "auto-ecole-sociale-montpellier",
        "aide-permis-departement",
        absent=("location-voiture-insertion",),  # it needs a licence
    ),
    case("j'ai pas de voiture", "transport-solidaire-lodeve", commune=LODEVE),
    case("taxi pour rdv medical", "transport-solidaire-lodeve", commune=LODEVE, first=True),
    case("taxi pour rdv medical", "transport-solidaire-lodeve", "navette-hopital-clermont"),
    case("trotinette electrique", "trottinettes-montpellier", first=True),
    case(
        "quelqu'un pour m'aider a trouver un transport",
        "permanence-mobilite-coeur-herault",
        "plateforme-mobilite-emploi",
    ),
    case("bus pour aller a montpelier depuis lodeve", "car-lodeve-montpellier", first=True),
    case(
        "car pour beziers",
        "cars-lio-herault",
        commune=BEDARIEUX,
        absent=("car-bedarieux-saint-pons",),  # it does not stop in Béziers
    ),
    case("tad lodeve", "navette-reservation-lodevois", first=True),
    case("reparer ma voiture", "garage-solidaire-lodevois", "garage-associatif-beziers"),
    case("apprendre a faire du velo", "remise-en-selle-adultes", first=True),
    case("aide carburant", "bourse-carburant-apprentis", first=True),
    case("je cherche un garage solidaire", "garage-solidaire-lodevois", first=True),
    case(
        "je voudrais passer mon permis", "auto-ecole-sociale-montpellier", "aide-permis-departement"
    ),
    case("comment aller a l'hopital de clermont", "navette-hopital-clermont", first=True),
    case("ma mère est en fauteuil roulant", "transport-fauteuil-herault", first=True),
    case(
        "je suis handicapé et je dois aller chez le médecin",
        "transport-fauteuil-herault",
        "transport-solidaire-lodeve",
    ),
    case("je suis au chômage et j'ai un entretien d'embauche", "aide-trajets-entretien-embauche"),
    case(
        "je suis au RSA et ma voiture est en panne",
        "microcredit-vehicule-coeur-herault",
        "garage-solidaire-lodevois",
    ),
    case("je suis jeune et je veux passer le permis", "aide-permis-departement"),
    case(
        "transport pour personnes âgées", "navette-hopital-clermont", "transport-solidaire-lodeve"
    ),
    case(
        "faire mes courses sans voiture",
        "transport-solidaire-lodeve",
        "navette-reservation-lodevois",
        commune=LODEVE,
    ),
    case(
        "je n'ai pas de smartphone, je cherche du covoiturage",
        "covoiturage-coeur-herault",
        absent=("blablacar-daily-domicile-travail",),
    ),
    case(
        "je ne sais pas faire du vélo",
        "remise-en-selle-adultes",
        absent=("velos-libre-service-montpellier",),
    ),
    case("louer un vélo électrique", "location-vae-montpellier", first=True),
    case("train pas cher", "tarif-reduit-ter", "pass-transport-jeunes"),
    case("je suis étudiant, le train moins cher", "pass-transport-jeunes", "tarif-reduit-ter"),
    case("emprunter un scooter pour aller bosser", "pret-scooter-sete", first=True),
    case("autostop", "autostop-organise-herault", first=True),
    case("faire du stop", "autostop-organise-herault", first=True),
    case("une navette pour aller au marché", "navette-reservation-lodevois", first=True),
    case("transport à la demande vallée de l'hérault", "tad-vallee-herault", first=True),
    case("je voudrais des conseils pour me déplacer", "permanence-mobilite-coeur-herault"),
    case("aide pour acheter une voiture électrique", "eco-cheque-voiture-electrique", first=True),
    case("un prêt pour réparer ma voiture", "microcredit-vehicule-coeur-herault"),
    case(
        "il me faut un bus tôt le matin pour Montpellier", "car-lodeve-montpellier", commune=LODEVE
    ),
    case("réservation de bus la veille", "resa-tam-bus-reservation"),
    case("partager les frais d'essence", "covoiturage-coeur-herault"),
]

SMS = [
    case("jai pa de voitur", "transport-solidaire-lodeve", commune=LODEVE),
    case("jai pas de permi", "auto-ecole-sociale-montpellier", "aide-permis-departement"),
    case("g pas le permis", "auto-ecole-sociale-montpellier", "aide-permis-departement"),
    case("taxi pr rdv medecin", "transport-solidaire-lodeve", "navette-hopital-clermont"),
    case("qqn pr memmener a lhopital", "navette-hopital-clermont", "transport-solidaire-lodeve"),
    case("bus ki va a montpellier", "car-lodeve-montpellier", commune=LODEVE, first=True),
    case("cherche covoit pr aller au taf", "blablacar-daily-domicile-travail"),
    case("velo pa cher", "atelier-velo-bedarieux"),
    case("aide pr le permi", "aide-permis-departement", first=True),
    case("trotinete", "trottinettes-montpellier", first=True),
    case("chui en fauteuil", "transport-fauteuil-herault", first=True),
    case("rdv pole emploi", "plateforme-mobilite-emploi", "aide-trajets-entretien-embauche"),
    case("pb de voiture", "garage-solidaire-lodevois", commune=LODEVE),
]

MISSPELLINGS = [
    case("covoitrage", "covoiturage-coeur-herault", first=True),
    case("garrage solidaire", "garage-solidaire-lodevois", first=True),
    case("permis de conduir", "auto-ecole-sociale-montpellier", "aide-permis-departement"),
    case("navete hopital", "navette-hopital-clermont", first=True),
    case("transpor a la demande", "navette-reservation-lodevois", "tad-vallee-herault"),
    case("fauteuil roulan", "transport-fauteuil-herault", first=True),
    case("bicylette", "atelier-velo-bedarieux"),
    case("handicaper", "transport-fauteuil-herault", first=True),
    case("reparation velo", "atelier-velo-bedarieux", first=True),
    case("assistance electrique", "location-vae-montpellier", first=True),
    case("resatam", "resa-tam-bus-reservation", first=True),
    case("blabla car", "blablacar-daily-domicile-travail", first=True),
    case("ecocheque", "eco-cheque-voiture-electrique", first=True),
    case("auto stop", "autostop-organise-herault", first=True),
    case("libre service", "velos-libre-service-montpellier", "trottinettes-montpellier"),
]

PLACES = [
    case("bus lodeve", "car-lodeve-montpellier", "cars-lio-herault"),
    case("bus de lodeve a montpellier", "car-lodeve-montpellier", first=True),
    case("car bedarieux saint pons", "car-bedarieux-saint-pons", first=True),
    case("covoiturage gignac", "ligne-covoiturage-gignac-clermont", first=True),
    case("transport solidaire lodeve", "transport-solidaire-lodeve", first=True),
    case("garage beziers", "garage-associatif-beziers", first=True),
    case("velo montpellier", "location-vae-montpellier", "velos-libre-service-montpellier"),
    case("lodeve", "garage-solidaire-lodevois", "transport-solidaire-lodeve"),
    case("permis montpellier", "auto-ecole-sociale-montpellier", first=True),
    case("aller a montpellier", "car-lodeve-montpellier", commune=LODEVE),
    case("atelier velo a bedarieux", "atelier-velo-bedarieux", first=True),
    case("navette clermont", "navette-hopital-clermont", first=True),
    case("scooter sete", "pret-scooter-sete", first=True),
    case("tad montpellier", "resa-tam-bus-reservation", first=True),
    case("j'habite a gignac, covoiturage", "ligne-covoiturage-gignac-clermont", first=True),
    case("bus vers saint-pons", "car-bedarieux-saint-pons", commune=BEDARIEUX, first=True),
]

WITH_A_COMMUNE = [
    case("bus", "car-lodeve-montpellier", commune=LODEVE),
    case("transport", "navette-reservation-lodevois", commune=LODEVE),
    case("velo", "atelier-velo-bedarieux", commune=BEDARIEUX, first=True),
    case("garage", "garage-solidaire-lodevois", commune=LODEVE, first=True),
    case(
        "permis", "auto-ecole-sociale-montpellier", "aide-permis-departement", commune=MONTPELLIER
    ),
    case("covoit", "ligne-covoiturage-gignac-clermont", commune=GIGNAC, first=True),
    case("covoiturage", "ligne-covoiturage-gignac-clermont", commune=CLERMONT, first=True),
    case("medecin", "transport-solidaire-lodeve", commune=LODEVE, first=True),
    case("courses", "transport-solidaire-lodeve", "navette-reservation-lodevois", commune=LODEVE),
    case("train", "tarif-reduit-ter", commune=LUNEL, first=True),
    case("fauteuil", "transport-fauteuil-herault", commune=MONTPELLIER, first=True),
    case("bus pour montpellier", "car-lodeve-montpellier", commune=LODEVE, first=True),
    case("scooter", "pret-scooter-sete", commune=SETE, first=True),
    case("garage solidaire", "garage-associatif-beziers", commune=BEZIERS, first=True),
    case(
        "bus",
        "car-bedarieux-saint-pons",
        commune=BEDARIEUX,
        destination=SAINT_PONS,
        first=True,
    ),
    case(
        "",
        "car-lodeve-montpellier",
        commune=GIGNAC,
        destination=MONTPELLIER,
        absent=("ligne-covoiturage-gignac-clermont",),  # it only goes to Clermont
    ),
]

CASES = [*SENTENCES, *SMS, *MISSPELLINGS, *PLACES, *WITH_A_COMMUNE]


def test_the_suite_is_large_enough() -> None:
    assert len(CASES) >= 80
    assert all(c.top for c in CASES)
    ids = {**ENTRIES, **SENTENCE_ENTRIES}
    assert {i for c in CASES for i in (*c.top, *c.absent)} <= set(ids)


@pytest.fixture(scope="module")
def settings() -> SearchSettings:
    return load_search_settings(DATA_DIR)


@pytest.fixture(scope="module")
def documents(geo: Geography, settings: SearchSettings) -> list[SearchDocument]:
    solutions = catalogue(geo, {**ENTRIES, **SENTENCE_ENTRIES})
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
def test_a_useful_answer_comes_first(engine: Finder, query: Case) -> None:
    found = engine.search(
        query.text, commune=query.commune, destination=query.destination, per_page=100
    ).ids
    top = found[:3]
    missing = [i for i in query.top if i not in top]
    assert not missing, f"{missing} not in the first three: {top}"
    if query.first:
        assert found[0] == query.top[0], found[:3]
    offered = [i for i in query.absent if i in found]
    assert not offered, f"{offered} offered"
