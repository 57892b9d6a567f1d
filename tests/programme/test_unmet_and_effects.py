"""The observatory of unmet needs (searches without result, the map) and the estimated effects."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from sqlmodel import Session, select

from directory.programme.effects import TripTotal, estimate, load_factors
from directory.programme.search_gaps import SeenToday, note_unanswered_search, search_vocabulary
from directory.programme.tables import SearchGap
from directory.programme.vocabulary import Role, TripMode

from ..conftest import DATA_DIR
from .conftest import Space, signed_in


def test_only_words_of_the_search_vocabulary_are_kept(space: Space) -> None:
    seen = SeenToday()
    kept = note_unanswered_search(
        space.engine,
        DATA_DIR,
        "trottinette Jean Dupont 12 rue des Lilas",
        "34142",
        "1.2.3.4",
        date(2026, 11, 2),
        seen,
    )
    assert kept == ["trottinette"]
    with Session(space.engine) as db:
        rows = [(r.mot, r.commune, r.nombre) for r in db.exec(select(SearchGap))]
    assert rows == [("trottinette", "34142", 1)]


def test_the_same_client_counts_once_a_day(space: Space) -> None:
    seen = SeenToday()
    day = date(2026, 11, 3)
    for _ in range(4):
        note_unanswered_search(space.engine, DATA_DIR, "trottinette", None, "5.6.7.8", day, seen)
    note_unanswered_search(space.engine, DATA_DIR, "trottinette", None, "9.9.9.9", day, seen)
    with Session(space.engine) as db:
        assert db.exec(select(SearchGap.nombre)).one() == 2


def test_a_word_shows_only_once_searched_five_times(space: Space) -> None:
    seen = SeenToday()
    space.account("cheffe", role=Role.COORDINATION)
    client = signed_in(space, "cheffe")
    for n in range(4):
        note_unanswered_search(
            space.engine, DATA_DIR, "trottinette", None, f"10.0.0.{n}", date.today(), seen
        )
    url = "/api/programme/besoins-non-couverts"
    assert client.get(url).json()["recherches"] == []
    note_unanswered_search(
        space.engine, DATA_DIR, "trottinette", None, "10.0.0.9", date.today(), seen
    )
    assert client.get(url).json()["recherches"] == [
        {"mot": "trottinette", "commune": None, "nombre": 5}
    ]


def test_a_public_search_without_result_is_counted_without_its_text(space: Space) -> None:
    space.client().get("/recherche?q=trottinette+Dupont")
    with Session(space.engine) as db:
        assert [r.mot for r in db.exec(select(SearchGap))] == ["trottinette"]


def test_the_vocabulary_holds_mobility_words_not_stop_words() -> None:
    words = search_vocabulary(DATA_DIR)
    assert {"trottinette", "velo", "covoiturage", "permis"} <= words
    assert not {"les", "pour", "dupont"} & words


def test_co2e_avoided_uses_the_ademe_factors() -> None:
    factors = load_factors(DATA_DIR)
    [bus] = estimate([TripTotal(mode=TripMode.BUS, km_par_an=1000, personnes=5)], factors)
    car = factors.voiture.carburant + factors.voiture.construction
    bus_factor = factors.modes[TripMode.BUS]
    assert bus.co2e_evite_kg == round(1000 * (car - bus_factor.total), 1)
    assert factors.source.annee == 2025 and "impactco2" in factors.source.lien


def test_a_mode_without_a_sourced_factor_is_not_counted() -> None:
    factors = load_factors(DATA_DIR)
    [carpool] = estimate(
        [TripTotal(mode=TripMode.COVOITURAGE, km_par_an=1000, personnes=5)], factors
    )
    assert carpool.co2e_evite_kg is None
    assert factors.nox is None  # no ADEME NOx factor could be sourced


def test_the_map_draws_every_commune_with_its_attribution(space: Space) -> None:
    space.account("marie")
    svg = signed_in(space, "marie").get("/programme/besoins-non-couverts/carte.svg")
    assert svg.headers["content-type"].startswith("image/svg+xml")
    assert svg.text.count("<path ") == 343
    assert "IGN – Admin Express COG 2018, via france-geojson" in svg.text
    assert "<script" not in svg.text


def test_the_map_file_is_the_one_described(tmp_path: Path) -> None:
    readme = (DATA_DIR / "geo" / "LISEZMOI.md").read_text(encoding="utf-8")
    assert "Licence Ouverte" in readme and "34093" in readme
