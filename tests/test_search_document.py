"""search_document: the one function that turns a Solution into the indexed document."""

from __future__ import annotations

from directory.geo import Geography, ZoneLevel
from directory.models import Zone
from directory.search.document import search_document, zone_scope
from directory.search.settings import load_search_settings

from .conftest import DATA_DIR
from .search_support import ENTRIES, make_solution

SETTINGS = load_search_settings(DATA_DIR)


def test_document_fields_derive_from_the_solution(geo: Geography) -> None:
    solution = make_solution("covoiturage-coeur-herault", ENTRIES["covoiturage-coeur-herault"], geo)
    document = search_document(solution, geo, SETTINGS)
    assert document.id == "covoiturage-coeur-herault"
    assert document.nom == "Covoiturage du quotidien en Cœur d'Hérault"
    assert document.categorie == "covoiturage"
    assert document.categorie_texte.startswith("Covoiturage et autostop organisé.")
    assert document.zone_texte == ["Pays Cœur d'Hérault"]
    assert document.territoire == ["pays-coeur-d-herault"]
    # Territories are expanded to their EPCI so that a commune filter can find them.
    assert set(document.zone_keys) == {"ter:pays-coeur-d-herault"}
    assert document.public == ["tous-publics"]
    assert document.publics_texte == ["Tous publics"]
    assert document.frais == "gratuit"
    assert "Gratuit" in document.details
    assert document.acces == ["a-distance"]
    assert document.portee == ZoneLevel.TERRITOIRE
    assert document.nom_tri == "covoiturage du quotidien en coeur d'herault"
    # Stems of the name apart from the others; a word equal to its stem is not repeated.
    assert document.nom_racines == "covoiturag"  # « quotidien » is its own stem
    assert "trajet" in document.racines.split()  # « trajets »
    # The needs it answers (data/besoins.yaml), and where its trips can end: its zone.
    assert document.besoins == ["besoinsansvoiture", "besoincovoiturage", "besoinautostop"]
    assert document.destination_keys == ["ter:pays-coeur-d-herault"]
    assert document.prerequis == []


def test_an_entry_that_is_no_trip_goes_anywhere_and_a_line_only_where_it_stops(
    geo: Geography,
) -> None:
    school = make_solution(
        "auto-ecole-sociale-montpellier", ENTRIES["auto-ecole-sociale-montpellier"], geo
    )
    assert search_document(school, geo, SETTINGS).destination_keys == ["*"]
    line = make_solution(
        "cars", {**ENTRIES["cars-lio-herault"], "dessert": {"communes": ["34142", "34172"]}}, geo
    )
    assert search_document(line, geo, SETTINGS).destination_keys == ["com:34142", "com:34172"]


def test_unknown_fees_and_decomposed_accents(geo: Geography) -> None:
    fields = {
        **ENTRIES["atelier-velo-bedarieux"],
        "description": "Re\u0301parez votre bicyclette avec des be\u0301ne\u0301voles.",
    }
    document = search_document(make_solution("atelier", fields, geo), geo, SETTINGS)
    assert document.frais == "non-renseigne"
    assert document.description == "Réparez votre bicyclette avec des bénévoles."


def test_zone_scope_is_the_widest_element() -> None:
    assert zone_scope(Zone(communes=["34142"])) == ZoneLevel.COMMUNE
    assert zone_scope(Zone(communes=["34142"], departements=["34"])) == ZoneLevel.DEPARTEMENT
    assert zone_scope(Zone(france=True, epci=["243400017"])) == ZoneLevel.FRANCE
