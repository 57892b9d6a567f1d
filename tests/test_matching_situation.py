"""The situation model: French validation naming the field, and communes as advisors type them."""

from __future__ import annotations

from typing import Any

import pytest
from pydantic import ValidationError

from directory.errors import InvalidInputError, french_validation_errors
from directory.geo import Geography
from directory.matching.profile import person_from
from directory.matching.situation import Answer, CarAnswer, Constraint, Situation
from directory.places import PlaceError, commune_value, resolve_commune
from directory.vocabulary import Public, Status


def french(data: dict[str, Any]) -> list[dict[str, str]]:
    with pytest.raises(ValidationError) as caught:
        Situation.model_validate(data)
    return french_validation_errors(list(caught.value.errors()))


@pytest.mark.parametrize(
    ("data", "field", "words"),
    [
        ({"commune": "Lodève", "age": 250}, "age", "est trop grand (maximum 120)"),
        ({"commune": "Lodève", "age": -1}, "age", "est trop petit (minimum 0)"),
        ({"commune": "Lodève", "age": "vingt"}, "age", "doit être un nombre entier"),
        ({}, "commune", "ce champ est obligatoire"),
        ({"commune": "  "}, "commune", "ce champ est obligatoire"),
        (
            {"commune": "Lodève", "statuts": ["retraite", "scolaire"]},
            "statuts",
            "« retraité » et « élève » ne vont pas ensemble",
        ),
        (
            {"commune": "Lodève", "age": 70, "statuts": ["scolaire"]},
            "statuts",
            "« élève » à 70 ans : vérifiez l'âge ou le statut",
        ),
        (
            {"commune": "Lodève", "age": 17, "statuts": ["beneficiaire-aspa"]},
            "statuts",
            "à 17 ans",
        ),
        (
            {"commune": "Lodève", "demandeur_emploi_depuis_mois": 8},
            "demandeur_emploi_depuis_mois",
            "sans le statut « demandeur d'emploi »",
        ),
        (
            {
                "commune": "Lodève",
                "age": 20,
                "statuts": ["demandeur-emploi"],
                "demandeur_emploi_depuis_mois": 120,
            },
            "demandeur_emploi_depuis_mois",
            "120 mois d'inscription à 20 ans",
        ),
        (
            {"commune": "Lodève", "age": 12, "statuts": ["retraite"]},
            "statuts",
            "« retraité » à 12 ans : vérifiez l'âge ou le statut",
        ),
        (
            {"commune": "Lodève", "handicap": "non", "contraintes": ["fauteuil-roulant"]},
            "handicap",
            "« non » alors que « fauteuil roulant ou mobilité réduite » est indiqué",
        ),
        (
            {"commune": "Lodève", "handicap": "non", "statuts": ["beneficiaire-aah"]},
            "handicap",
            "« bénéficiaire de l'aah » est indiqué",
        ),
        (
            {"commune": "Lodève", "age": 15, "permis": "oui"},
            "permis",
            "permis B à 15 ans (possible dès 17 ans)",
        ),
        (
            {"commune": "Lodève", "statuts": ["demandeur-emploi"], "demandeur_emploi": "non"},
            "demandeur_emploi",
            "« non » alors que le statut « demandeur d'emploi » est coché",
        ),
        ({"commune": "Lodève", "voiture": "peut-etre"}, "voiture", "valeur inconnue"),
        (
            {"commune": "Lodève", "contraintes": ["sans-voiture"]},
            "contraintes.0",
            "valeurs possibles : fauteuil-roulant",
        ),
        ({"commune": "Lodève", "besoin_principal": "tout"}, "besoin_principal", "valeur"),
        ({"commune": "Lodève", "statuts": ["astronaute"]}, "statuts.0", "valeur inconnue"),
        ({"commune": "Lodève", "creneaux": ["minuit"]}, "creneaux.0", "valeur inconnue"),
        ({"commune": "Lodève", "besoin": "x" * 301}, "besoin", "est trop long"),
        ({"commune": "Lodève", "inconnu": 1}, "inconnu", "champ inconnu"),
    ],
)
def test_invalid_situations_name_the_field_in_french(
    data: dict[str, Any], field: str, words: str
) -> None:
    details = french(data)
    fields = [d["champ"] for d in details]
    assert field in fields, details
    message = next(d["message"] for d in details if d["champ"] == field)
    assert message.startswith(f"« {field} »")
    assert words in message, message


def test_form_values_are_read_as_the_form_sends_them() -> None:
    situation = Situation.model_validate(
        {
            "commune": " Lodève ",
            "destinations": ["Montpellier, Béziers", ""],
            "age": "",
            "demandeur_emploi_depuis_mois": "",
            "statuts": "retraite",
            "besoin": "   ",
            "contraintes": ["sans-internet", "sans-internet"],
            "permis": "",
            "voiture": "non",
            "besoin_principal": "",
        }
    )
    assert situation.destinations == ["Montpellier", "Béziers"]
    assert situation.age is None and situation.besoin is None
    assert situation.statuts == [Status.RETRAITE]
    assert situation.contraintes == [Constraint.SANS_INTERNET]
    assert situation.permis is None and situation.voiture is CarAnswer.NON  # blank: not said
    assert situation.besoin_principal is None


def test_a_job_seeker_is_said_one_way() -> None:
    """« Inscrit à France Travail : oui » and the status say the same thing, both ways."""
    by_answer = Situation.model_validate({"commune": "Lodève", "demandeur_emploi": "oui"})
    by_status = Situation.model_validate({"commune": "Lodève", "statuts": ["demandeur-emploi"]})
    assert by_answer.statuts == by_status.statuts == [Status.DEMANDEUR_EMPLOI]
    assert by_answer.demandeur_emploi is by_status.demandeur_emploi is Answer.OUI


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Lodève", "34142"),
        ("lodeve", "34142"),
        ("LODEVE", "34142"),
        ("34142", "34142"),
        ("Lodève (34700)", "34142"),
        ("34700 Lodève", "34142"),
        ("Gignac", "34114"),  # also in the Lot and the Vaucluse: the Hérault wins
        ("Gignac (46600)", "46118"),
        ("Clermont l'herault", "34079"),
        ("St-André-de-Sangonis", "34239"),
        ("Le Caylar", "34064"),
        ("Toulouse", "31555"),  # unique elsewhere: fine
    ],
)
def test_communes_are_found_by_name_code_or_postcode(geo: Geography, text: str, code: str) -> None:
    assert resolve_commune(text, geo).code == code


@pytest.mark.parametrize(
    ("text", "ambiguous", "first"),
    [
        ("34700", True, "Lodève (34700)"),  # a postal code shared by several villages
        ("St Pons", True, "Saint-Pons-de-Thomières (34220)"),  # homonyms elsewhere, ours first
        ("Clermont", True, "Clermont-l'Hérault (34800)"),
        ("Montpelier", False, "Montpellier (34000)"),  # misspelt
        ("Lodèv", False, "Lodève (34700)"),  # unfinished
    ],
)
def test_unclear_communes_come_with_candidates_hérault_first(
    geo: Geography, text: str, ambiguous: bool, first: str
) -> None:
    with pytest.raises(PlaceError) as caught:
        resolve_commune(text, geo)
    assert caught.value.ambiguous is ambiguous
    assert commune_value(caught.value.candidates[0]) == first
    # each candidate's value is read back as exactly that commune
    for candidate in caught.value.candidates:
        assert resolve_commune(commune_value(candidate), geo) == candidate


def test_every_unresolved_commune_is_reported_with_candidates(geo: Geography) -> None:
    situation = Situation(commune="Lodèv", destinations=["Montpelier", "Béziers", "Xyzzy"])
    with pytest.raises(InvalidInputError) as caught:
        person_from(situation, geo)
    error = caught.value
    assert error.field == "commune"
    assert error.message == (
        "« commune » ne correspond à aucune commune (« Lodèv ») : "
        "vouliez-vous dire l'une de celles-ci ?"
    )
    assert error.suggestions[0] == {
        "code": "34142",
        "nom": "Lodève",
        "valeur": "Lodève (34700)",
        "libelle": "Lodève (34700, Hérault)",
    }
    assert [(d["champ"], d["saisie"]) for d in error.details] == [
        ("commune", "Lodèv"),
        ("destinations", "Montpelier"),
        ("destinations", "Xyzzy"),
    ]
    assert error.details[2]["suggestions"] == []


@pytest.mark.parametrize(
    ("situation", "public", "verdict"),
    [
        ({"age": 68}, Public.SENIORS, True),
        ({"age": 40}, Public.SENIORS, False),
        ({"statuts": ["retraite"]}, Public.SENIORS, True),
        ({}, Public.SENIORS, None),
        ({"age": 22}, Public.JEUNES, True),
        ({"statuts": ["beneficiaire-rsa"]}, Public.BENEFICIAIRES_DES_MINIMAS_SOCIAUX, True),
        ({"statuts": ["salarie"]}, Public.DEMANDEURS_EMPLOI, False),
        ({}, Public.DEMANDEURS_EMPLOI, None),
        ({"contraintes": ["fauteuil-roulant"]}, Public.PERSONNES_EN_SITUATION_DE_HANDICAP, True),
        ({"statuts": ["salarie"]}, Public.PERSONNES_EN_SITUATION_DE_HANDICAP, None),
        ({"statuts": ["salarie"]}, Public.FAMILLES, None),
    ],
)
def test_profile_maps_onto_data_inclusion_publics(
    geo: Geography, situation: dict[str, Any], public: Public, verdict: bool | None
) -> None:
    person = person_from(Situation(commune="Lodève", **situation), geo)
    assert person.belongs(public) is verdict
