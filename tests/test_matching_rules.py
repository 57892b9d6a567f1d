"""Rules, ranking and wording beyond the desk cases: the text hook, group order, phrases."""

from __future__ import annotations

from collections.abc import Collection, Mapping

import pytest

from directory.geo import Geography
from directory.matching import engine, output, ranking
from directory.matching.phrases import Wording, ages, at
from directory.matching.profile import person_from
from directory.matching.rules import BLOCKED_BY
from directory.matching.situation import Constraint, Situation
from directory.vocabulary import Prerequisite

from .matching_support import excluded, order, proposed, real_snapshot, run


def test_every_prerequisite_is_ruled_out_by_some_constraint() -> None:
    assert set(BLOCKED_BY) == set(Prerequisite)
    assert set().union(*BLOCKED_BY.values()) == set(Constraint)


def test_free_text_need_reorders_through_the_search_hook() -> None:
    asked: list[tuple[str, set[str]]] = []

    def relevance(text: str, ids: Collection[str]) -> Mapping[str, float]:
        asked.append((text, set(ids)))
        return {"transport-accompagne-herault": 1.0, "inconnu": 0.9}

    plain = run(commune="Lodève", age=70, motifs=["sante"])
    plain_order = [r.id for g in plain.groupes if g.id == "se-deplacer" for r in g.resultats]
    assert plain_order[0] != "transport-accompagne-herault"
    helped = run(relevance=relevance, commune="Lodève", age=70, motifs=["sante"], besoin="dialyse")
    order = [r.id for g in helped.groupes if g.id == "se-deplacer" for r in g.resultats]
    moved = "transport-accompagne-herault"
    assert moved not in plain_order[:5]
    # up among the first, behind what is confirmed and made for seniors (the person is 70)
    assert order.index(moved) <= 2
    assert "correspond au besoin décrit" in proposed(helped)[moved].pourquoi
    text, ids = asked[0]
    assert text == "dialyse" and "transport-solidaire-lodeve" in ids


def test_without_a_need_in_words_the_hook_is_not_called() -> None:
    def relevance(text: str, ids: Collection[str]) -> Mapping[str, float]:
        raise AssertionError("not called")

    assert run(relevance=relevance, commune="Lodève").total > 0


def test_a_broken_car_puts_the_vehicle_group_first() -> None:
    groups = [g.id for g in run(commune="Gignac", contraintes=["voiture-en-panne"]).groupes]
    assert groups[0] == "vehicule"
    assert run(commune="Gignac").groupes[0].id == "se-deplacer"


def test_a_destination_reached_by_some_transport_only_is_said() -> None:
    out = run(commune="Gignac", destinations=["Saint-André-de-Sangonis", "Montpellier"])
    tad = proposed(out)["tad-vallee-herault"]
    assert "va à Saint-André-de-Sangonis" in tad.pourquoi
    assert "ne va pas à Montpellier" in tad.a_verifier


def test_a_network_over_the_departement_does_not_prove_it_stops_in_a_village() -> None:
    out = run(commune="Lodève", destinations=["Saint-Pons-de-Thomières"])
    coach, driven = (
        proposed(out)["cars-regionaux-herault"],
        proposed(out)["transport-pmr-prive-herault"],
    )
    assert not any(reason.startswith("va ") for reason in coach.pourquoi)
    assert "trajet jusqu'à Saint-Pons-de-Thomières : à vérifier" in coach.a_verifier
    assert "va à Saint-Pons-de-Thomières" in driven.pourquoi  # door to door: anywhere in its zone
    home = proposed(run(commune="Lodève"))
    assert coach.score - home["cars-regionaux-herault"].score == ranking.REACHES_SOME
    assert driven.score - home["transport-pmr-prive-herault"].score == ranking.REACHES_ALL


def test_the_trip_to_check_is_worded_with_french_contractions() -> None:
    coach = proposed(run(commune="Lodève", destinations=["Le Caylar", "Les Plans"]))
    assert "trajet jusqu'au Caylar et jusqu'aux Plans : à vérifier" in (
        coach["cars-regionaux-herault"].a_verifier
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
    out = run(snapshot=real_snapshot(), commune="Montpellier", age=34, statuts=["salarie"])
    assert "bonus-forfait-mobilite-durable-region-velo" in order(out, "payer")
    assert "velomagg-libre-service" in order(out, "se-deplacer")  # a bike, not an aid


def test_near_misses_are_bounded(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(engine, "MAX_NEAR_MISSES", 2)
    out = run(commune="Montpellier", age=70, statuts=["retraite"], contraintes=["sans-permis"])
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
