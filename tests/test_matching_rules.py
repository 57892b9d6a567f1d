"""Rules, ranking and wording beyond the desk cases: the text hook, group order, phrases."""

from __future__ import annotations

from collections.abc import Collection, Mapping
from datetime import date

import pytest

from directory.geo import Geography, ZoneLevel
from directory.matching import engine, output, ranking
from directory.matching.index import build_index, candidate
from directory.matching.phrases import Wording, ages, at
from directory.matching.profile import person_from, what_the_person_has
from directory.matching.situation import Situation
from directory.vocabulary import Prerequisite

from .matching_support import excluded, fixture_snapshot, frozen_snapshot, order, proposed, run

NO_ANSWERS: list[dict[str, object]] = [
    {"permis": "non"},
    {"voiture": "non"},
    {"smartphone": "non"},
    {"contraintes": ["sans-internet"]},
    {"contraintes": ["sans-carte-bancaire"]},
    {"contraintes": ["ne-sait-pas-faire-du-velo"]},
    {"contraintes": ["besoin-accompagnement"]},
]


def test_every_prerequisite_can_be_answered_no_and_yes_only_where_asked() -> None:
    """Each prerequisite is ruled out by some answer « non » or some constraint; nothing is
    said of a prerequisite nobody was asked about."""
    ruled_out = set()
    for answers in NO_ANSWERS:
        has = what_the_person_has(Situation.model_validate({"commune": "Lodève", **answers}))
        ruled_out |= {p for p, value in has.items() if value is False}
    assert ruled_out == set(Prerequisite)
    blank = what_the_person_has(Situation(commune="Lodève"))
    assert set(blank.values()) == {None}
    sure = what_the_person_has(
        Situation.model_validate(
            {"commune": "Lodève", "permis": "oui", "voiture": "oui", "smartphone": "oui"}
        )
    )
    assert sure[Prerequisite.PERMIS_B] and sure[Prerequisite.VEHICULE]
    assert sure[Prerequisite.SMARTPHONE]


def test_free_text_need_reorders_through_the_search_hook() -> None:
    asked: list[tuple[str, set[str]]] = []

    def relevance(text: str, ids: Collection[str]) -> Mapping[str, float]:
        asked.append((text, set(ids)))
        return {"transport-accompagne-herault": 1.0, "inconnu": 0.9}

    plain = order(run(commune="Lodève", age=70, motifs=["sante"]), "se-deplacer")
    helped_out = run(
        relevance=relevance, commune="Lodève", age=70, motifs=["sante"], besoin="dialyse"
    )
    helped = order(helped_out, "se-deplacer")
    moved = "transport-accompagne-herault"
    assert plain.index(moved) > 1
    # up among the first, behind what is confirmed and made for seniors (the person is 70)
    assert helped.index(moved) < plain.index(moved)
    assert "correspond au besoin décrit" in proposed(helped_out)[moved].pourquoi
    text, ids = asked[0]
    assert text == "dialyse" and "transport-solidaire-lodeve" in ids


def test_without_a_need_in_words_the_hook_is_not_called() -> None:
    def relevance(text: str, ids: Collection[str]) -> Mapping[str, float]:
        raise AssertionError("not called")

    assert run(relevance=relevance, commune="Lodève").total > 0


def test_a_broken_car_puts_the_vehicle_group_first() -> None:
    groups = [g.id for g in run(commune="Gignac", voiture="en-panne").groupes]
    assert groups[0] == "vehicule"
    assert run(commune="Gignac").groupes[0].id == "se-deplacer"


def test_a_destination_reached_by_some_transport_only_is_said() -> None:
    out = run(commune="Gignac", destinations=["Saint-André-de-Sangonis", "Montpellier"])
    tad = proposed(out)["tad-vallee-herault"]
    assert "va à Saint-André-de-Sangonis" in tad.pourquoi
    assert "ne va pas à Montpellier" in tad.a_verifier


def test_a_line_goes_only_where_it_stops_and_a_door_to_door_service_anywhere() -> None:
    out = run(commune="Lodève", destinations=["Saint-Pons-de-Thomières", "Gignac"])
    coach, driven = (
        proposed(out)["cars-regionaux-herault"],
        proposed(out)["transport-pmr-prive-herault"],
    )
    assert coach.pourquoi[:2] == ["s'arrête à Lodève", "va à Saint-Pons-de-Thomières et à Gignac"]
    assert "va à Saint-Pons-de-Thomières et à Gignac" in driven.pourquoi  # its whole zone
    village = run(commune="Lodève", destinations=["Le Caylar"])
    assert excluded(village)["cars-regionaux-herault"] == ["pas d'arrêt connu au Caylar"]
    home = proposed(run(commune="Lodève"))
    # from home to every destination: as good as door to door
    gain = ranking.REACHES_ALL + ranking.LOCALITY[ZoneLevel.COMMUNE]
    assert (
        coach.score - home["cars-regionaux-herault"].score
        == gain - ranking.LOCALITY[ZoneLevel.DEPARTEMENT]
    )


def test_the_trip_to_check_is_worded_with_french_contractions() -> None:
    """Organised hitch-hiking goes where drivers go: the trip is to check."""
    out = proposed(run(commune="Lodève", destinations=["Le Caylar", "Les Plans"]))
    assert "trajet jusqu'au Caylar et jusqu'aux Plans : à vérifier" in (
        out["autostop-organise-herault"].a_verifier
    )


def test_accompaniment_on_the_trip_is_not_coaching() -> None:
    """« Needs to be accompanied » ranks the transports with someone on board, not a driving
    school or an advice desk that « accompanies » people through their plans."""
    alone = proposed(run(commune="Gignac", age=40))
    helped = proposed(run(commune="Gignac", age=40, contraintes=["besoin-accompagnement"]))
    for coaching in ("auto-ecole-sociale-coeur-herault", "permanence-mobilite-coeur-herault"):
        assert helped[coaching].score == alone[coaching].score
    assert helped["tad-vallee-herault"].score > alone["tad-vallee-herault"].score  # door to door


def test_without_a_bank_card_how_to_pay_a_paid_service_is_to_check() -> None:
    out = proposed(run(commune="Gignac", contraintes=["sans-carte-bancaire"]))
    assert "paiement sans carte bancaire : à vérifier" in out["cars-regionaux-herault"].a_verifier
    assert "paiement sans carte bancaire : à vérifier" not in (
        out["permanence-mobilite-coeur-herault"].a_verifier  # free
    )
    plain = proposed(run(commune="Gignac"))["cars-regionaux-herault"]
    assert out["cars-regionaux-herault"].score < plain.score


def test_a_condition_still_unknown_ranks_a_solution_lower() -> None:
    """Same solution, same person: each doubt (here the age) costs it some rank."""
    known = proposed(run(commune="Lodève", age=20))["pret-permis-jeunes"]
    unknown = proposed(run(commune="Lodève"))["pret-permis-jeunes"]
    assert "âge (réservé aux 15 à 25 ans) : à vérifier" in unknown.a_verifier
    assert unknown.score < known.score - ranking.TARGETED


def test_only_the_publics_the_person_may_be_in_are_left_to_check() -> None:
    young = proposed(run(commune="Lodève", age=22, statuts=["demandeur-emploi"]))
    assert "pour les personnes en situation de handicap : à vérifier" in (
        young["transport-pmr-prive-herault"].a_verifier  # for seniors too, but not at 22
    )
    unknown = proposed(run(commune="Lodève"))["transport-pmr-prive-herault"]
    assert "pour les personnes en situation de handicap ou les séniors : à vérifier" in (
        unknown.a_verifier
    )


def test_adapted_transport_without_the_wheelchair_mention_is_to_check() -> None:
    out = proposed(run(commune="Bédarieux", contraintes=["fauteuil-roulant"]))
    saam = out["transport-accompagne-herault"]
    assert "transport adapté aux personnes à mobilité réduite" in saam.pourquoi
    assert "accès en fauteuil roulant : à vérifier" in saam.a_verifier
    assert (
        "accès en fauteuil roulant : à vérifier"
        not in out["transport-pmr-prive-herault"].a_verifier
    )


def test_a_bike_purchase_aid_is_grouped_with_the_aids(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(output, "MAX_PER_GROUP", 1000)  # the whole groups, however many entries
    out = run(snapshot=frozen_snapshot(), commune="Montpellier", age=34, statuts=["salarie"])
    assert "bonus-forfait-mobilite-durable-region-velo" in order(out, "payer")
    bike = frozen_snapshot().get("velomagg-libre-service")
    assert bike is not None and candidate(bike).need.id == "se-deplacer"  # a bike, not an aid


def test_near_misses_are_bounded(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(engine, "MAX_NEAR_MISSES", 2)
    out = run(commune="Montpellier", age=70, statuts=["retraite"], permis="non")
    assert len(out.ecartees) == 2 and out.ecartees_total > 2
    assert excluded(out)  # the best ones are kept, each with its reason


@pytest.mark.parametrize(
    ("name", "expected"),
    [("Lodève", "à Lodève"), ("Le Caylar", "au Caylar"), ("Les Plans", "aux Plans")],
)
def test_at_follows_french_contractions(name: str, expected: str) -> None:
    assert at(name) == expected


def test_age_ranges_in_words() -> None:
    assert ages(12, 26) == "les 12 à 26 ans"
    assert ages(18, None) == "les 18 ans et plus"
    assert ages(None, 25) == "les moins de 26 ans"


@pytest.mark.parametrize(
    ("commune", "level", "words"),
    [
        ("Lodève", 0, "disponible à Lodève"),
        ("Lodève", 1, "disponible dans toute la CC Lodévois et Larzac"),
        ("Lodève", 2, "disponible dans tout le Pays Cœur d'Hérault"),
        (
            "Montpellier",
            1,
            "disponible dans toute la métropole (Montpellier Méditerranée Métropole)",
        ),
        ("Lodève", 3, "dans tout l'Hérault"),
        ("Lodève", 4, "dans toute la région Occitanie"),
        ("Lodève", 5, "partout en France"),
        ("Toulouse", 3, "dans toute la Haute-Garonne"),
        ("Perpignan", 3, "dans tout le département des Pyrénées-Orientales"),
    ],
)
def test_zone_levels_in_words(geo: Geography, commune: str, level: int, words: str) -> None:
    from directory.geo import ZoneLevel

    wording = Wording(geo, person_from(Situation(commune=commune), geo))
    assert wording.where(ZoneLevel(level)) == words


def test_a_line_whose_stops_are_not_written_claims_no_stop(geo: Geography) -> None:
    """`directory check` now refuses such an entry, but a line without `dessert` (an older
    catalogue in the database) must still never be said to serve a commune."""
    snapshot = fixture_snapshot()
    shuttle = snapshot.solutions["navette-sante-clermont"].model_copy(update={"dessert": None})
    index = build_index([shuttle])
    person = person_from(Situation(commune="Clermont-l'Hérault", destinations=["Gignac"]), geo)
    outcome = engine.match(person, index, date(2026, 12, 1))
    found = [a for g in outcome.groups for a in g.results]
    assert [a.candidate.id for a in found] == ["navette-sante-clermont"]
    wording = Wording(geo, person)
    assert [wording.fit(f) for f in found[0].fits] == ["gratuit"]
    assert "arrêts à Clermont-l'Hérault et à Gignac : à vérifier" in [
        wording.check(f) for f in found[0].checks
    ]
    assert outcome.shortlist == [] or all(a.fits for a in outcome.shortlist)
