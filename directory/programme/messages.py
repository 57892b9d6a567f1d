"""Validation errors of the partners' forms and imports, as French sentences naming the field."""

from __future__ import annotations

from pydantic import ValidationError

from directory.errors import french_validation_errors

LABELS = {
    "jour": "Date",
    "canal": "Entretien",
    "territoire": "Territoire",
    "commune": "Commune",
    "tranche_age": "Âge",
    "duree": "Durée",
    "statuts": "Situation",
    "contraintes": "Contraintes",
    "besoins": "Besoins",
    "solutions": "Solutions remises",
    "besoin_couvert": "L'annuaire avait-il une solution",
    "besoins_non_couverts": "Besoins restés sans solution",
    "solution_utilisee": "Solution utilisée",
    "emploi": "Emploi ou formation",
    "trajets": "Trajets",
    "distance_km": "distance",
    "par_semaine": "trajets par semaine",
    "mode": "mode utilisé",
    "kind": "Type d'action",
    "theme": "Thème",
    "participants": "Participants",
    "publics": "Publics",
    "organisations": "Structures des professionnels",
    "professionnels": "Professionnels",
    "duree_heures": "Durée (heures)",
}


def french_errors(error: ValidationError) -> list[str]:
    sentences = []
    for detail in french_validation_errors([dict(e) for e in error.errors()]):
        field = detail["champ"]
        parts = [LABELS.get(p, p) for p in field.split(".") if not p.isdigit()]
        message = detail["message"].removeprefix(f"« {field} » ")
        label = " — ".join(parts) if field != "requête" else ""
        sentences.append(f"{label} : {message}" if label else message[:1].upper() + message[1:])
    return sentences
