"""Geography look-ups on the real COG 2026 data and the programme's territories."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from directory.geo import Geography, TerritoriesError, ZoneLevel, load_geography
from directory.models import Zone
from directory.zones import covering_level, place_keys, zone_keys

from .conftest import DATA_DIR


@pytest.mark.parametrize(
    "text",
    [
        "Saint-André-de-Sangonis",
        "st andre de sangonis",
        "SAINT ANDRÉ DE SANGONIS",
        "St-André-de-Sangonis",
    ],
)
def test_commune_by_name_ignores_case_accents_hyphens_and_saint(geo: Geography, text: str) -> None:
    assert [c.code for c in geo.find_communes(text)] == ["34239"]


def test_commune_by_name_with_apostrophe_forms(geo: Geography) -> None:
    assert [c.code for c in geo.find_communes("Clermont-l’Hérault")] == ["34079"]
    assert [c.code for c in geo.find_communes("clermont l herault")] == ["34079"]


def test_homonyms_are_all_returned_most_populated_first(geo: Geography) -> None:
    found = geo.find_communes("Gignac")
    assert {c.departement for c in found} == {"34", "46", "84"}
    assert found[0].code == "34114"


def test_postal_code_shared_by_several_communes(geo: Geography) -> None:
    names = {c.nom for c in geo.find_communes("34700")}
    assert {"Lodève", "Le Bosc", "Soubès"} <= names


def test_insee_code(geo: Geography) -> None:
    [lodeve] = geo.find_communes("34142")
    assert lodeve.nom == "Lodève" and lodeve.codes_postaux == ("34700",)


def test_suggestions_by_prefix(geo: Geography) -> None:
    names = [c.nom for c in geo.suggest_communes("bedar", limit=3)]
    assert names[0] == "Bédarieux"


def test_chain_from_commune_to_region(geo: Geography) -> None:
    chain = geo.chain("34142")
    assert chain is not None
    assert chain.epci is not None and chain.epci.code == "200017341"
    assert [t.id for t in chain.territories] == ["pays-coeur-d-herault"]
    assert chain.departement == ("34", "Hérault")
    assert chain.region == ("76", "Occitanie")


def test_territories_have_the_expected_size(geo: Geography) -> None:
    sizes = {tid: len(geo.expand(Zone(territoires=[tid]))) for tid in geo.territories}
    assert sizes["montpellier-mediterranee-metropole"] == 31
    assert sizes["pays-coeur-d-herault"] == 77
    assert sizes["pays-haut-languedoc-et-vignobles"] == 101


def test_zone_expansion_of_each_level(geo: Geography) -> None:
    assert geo.expand(Zone(communes=["34142"])) == {"34142"}
    assert len(geo.expand(Zone(epci=["243400694"]))) == 28
    herault = geo.expand(Zone(departements=["34"]))
    assert len(herault) == 341 and "34142" in herault
    assert herault < geo.expand(Zone(regions=["76"]))
    assert len(geo.expand(Zone(france=True))) == len(geo.communes)


def test_covering_level_is_the_most_local_element(geo: Geography) -> None:
    zone = Zone(communes=["34142"], departements=["34"], france=True)
    assert covering_level(geo, zone, "34142") is ZoneLevel.COMMUNE
    assert covering_level(geo, zone, "34028") is ZoneLevel.DEPARTEMENT
    assert covering_level(geo, zone, "75056") is ZoneLevel.FRANCE
    assert (
        covering_level(geo, Zone(territoires=["pays-coeur-d-herault"]), "34079")
        is ZoneLevel.TERRITOIRE
    )
    assert covering_level(geo, Zone(epci=["243400017"]), "34142") is None


def test_zone_keys_match_commune_keys(geo: Geography) -> None:
    keys = set(zone_keys(Zone(territoires=["pays-coeur-d-herault"])))
    assert keys == {"ter:pays-coeur-d-herault"}
    assert keys & set(place_keys(geo, "34142"))
    assert not keys & set(place_keys(geo, "34172"))


def test_territories_reached_by_a_zone(geo: Geography) -> None:
    assert geo.territory_ids_of_zone(Zone(regions=["76"])) == list(geo.territories)
    assert geo.territory_ids_of_zone(Zone(communes=["34028"])) == [
        "pays-haut-languedoc-et-vignobles"
    ]
    assert geo.territory_ids_of_zone(Zone(departements=["75"])) == []


def test_a_mistyped_territory_file_is_refused_with_a_french_message(tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(DATA_DIR, data, ignore=shutil.ignore_patterns("solutions"))
    text = (data / "territoires.yaml").read_text(encoding="utf-8")
    (data / "territoires.yaml").write_text(text.replace("243400694", "243400699"), "utf-8")
    with pytest.raises(
        TerritoriesError, match="territoire « pays-coeur-d-herault », code EPCI inconnu 243400699"
    ):
        load_geography(data)
