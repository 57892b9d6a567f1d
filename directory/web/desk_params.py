"""The desk's query strings: the situation as its GET form sends it, and its errors per field.

The situation lives only in the form and the URL; these functions read it back, keep what the
advisor typed, and turn every problem into a French message attached to its form field.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlencode

from pydantic import ValidationError
from starlette.datastructures import ImmutableMultiDict

from directory.errors import InvalidInputError, french_validation_errors
from directory.geo import Geography
from directory.matching.profile import place_problems
from directory.matching.situation import Situation, split_communes
from directory.matching.situation_query import situation_data

Values = ImmutableMultiDict[str, Any]  # a query string or a form body (Starlette)

FIELD_LABELS = {
    "commune": "Commune d'habitation",
    "destinations": "Destination",
    "age": "Âge",
    "statuts": "Situation",
    "demandeur_emploi": "Inscrit à France Travail",
    "demandeur_emploi_depuis_mois": "Inscrit depuis",
    "contraintes": "Contraintes",
    "handicap": "Situation de handicap",
    "permis": "Permis B",
    "voiture": "Voiture",
    "smartphone": "Smartphone",
    "motifs": "Motifs du déplacement",
    "creneaux": "Horaires",
    "besoin_principal": "Besoin principal",
    "besoin": "Besoin en quelques mots",
    "ids": "Solutions choisies",
    "note": "Mot pour la personne",
    "permanence": "Permanence qui remet la fiche",
}


@dataclass
class Choice:
    label: str
    url: str  # the same page, with this commune instead of the unclear one


@dataclass
class FieldError:
    name: str  # the form field
    label: str
    message: str  # without the field's name: the form shows the label
    choices: list[Choice] = field(default_factory=list)


def read_situation(query: Values) -> tuple[Situation | None, list[FieldError]]:
    """(situation, []) or (None, errors); (None, []) when the form was not filled yet."""
    data = situation_data(query)
    if not data:
        return None, []
    try:
        return Situation.model_validate(data), []
    except ValidationError as error:
        details = french_validation_errors([dict(e) for e in error.errors()])
        return None, [_field_error(d) for d in details]


def place_errors(query: Values, geo: Geography, page: str) -> list[FieldError]:
    """Unclear communes of a form that has other errors: reported along with them."""
    details = place_problems(query.get("commune", ""), query.getlist("destinations"), geo)
    return _with_choices(details, query, page)


def field_errors(error: InvalidInputError, query: Values, page: str) -> list[FieldError]:
    """Errors found with the geography (unclear communes), each with candidates as links."""
    details = error.details or [{"champ": error.field, "message": error.message}]
    return _with_choices(details, query, page)


def _with_choices(details: list[dict[str, Any]], query: Values, page: str) -> list[FieldError]:
    found = []
    for detail in details:
        problem = _field_error(detail)
        for suggestion in detail.get("suggestions", []):
            replaced = _replace(query, detail["champ"], detail.get("saisie"), suggestion["valeur"])
            problem.choices.append(Choice(suggestion["libelle"], f"{page}?{replaced}"))
        found.append(problem)
    return found


def _field_error(detail: dict[str, Any]) -> FieldError:
    name = detail["champ"].split(".")[0]
    message = detail["message"].removeprefix(f"« {detail['champ']} » ")
    return FieldError(name, FIELD_LABELS.get(name, name), message)


def _replace(query: Values, name: str, old: str | None, new: str) -> str:
    """The query with the commune `old` replaced by `new`, even inside « Aniane, Lodève »."""
    items = []
    for key, value in query.multi_items():
        if key == name:
            parts = split_communes(value) or [value]
            parts = [new if old is None or " ".join(p.split()) == old else p for p in parts]
            value = ", ".join(parts)
        items.append((key, value))
    return urlencode(items)
