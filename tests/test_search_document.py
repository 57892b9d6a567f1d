"""search_document: the one function that turns a Solution into the indexed document."""

from __future__ import annotations

from directory.geo import Geography, ZoneLevel
from directory.models import Zone
from directory.search.document import search_document, zone_scope

from .search_support import ENTRIES, make_solution


def test_document_fields_derive_from_the_solution(geo: Geography) -> None:
    solution = make_solution("covoiturage-coeur-herault", ENTRIES["covoiturage-coeur-herault"], geo)
    document = search_document(solution, geo)
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


def test_unknown_fees_and_decomposed_accents(geo: Geography) -> None:
    fields = {
        **ENTRIES["atelier-velo-bedarieux"],
        "description": "Re\u0301parez votre bicyclette avec des be\u0301ne\u0301voles.",
    }
    document = search_document(make_solution("atelier", fields, geo), geo)
    assert document.frais == "non-renseigne"
    assert document.description == "Réparez votre bicyclette avec des bénévoles."


def test_zone_scope_is_the_widest_element() -> None:
    assert zone_scope(Zone(communes=["34142"])) == ZoneLevel.COMMUNE
    assert zone_scope(Zone(communes=["34142"], departements=["34"])) == ZoneLevel.DEPARTEMENT
    assert zone_scope(Zone(france=True, epci=["243400017"])) == ZoneLevel.FRANCE
