"""A person's situation as an advisor captures it: the API contract of the matching, in French.

Nothing here is stored: a situation lives in the form, the URL or the request body only.
Checks that need no geography (ages, contradictory statuses) are made here, each naming its
field; the communes are resolved against the geography later (see `profile.py`).
"""

from __future__ import annotations

import re
from typing import Annotated, Any

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, ValidationInfo, field_validator
from pydantic_core import PydanticCustomError

from directory.hours import Slot
from directory.vocabulary import LabelledEnum, Purpose, Status


class Constraint(LabelledEnum):
    """What the person cannot do or does not have, as far as getting around goes."""

    SANS_PERMIS = ("sans-permis", "Pas de permis de conduire", "Pas de permis B valable.")
    SANS_VOITURE = ("sans-voiture", "Pas de voiture", "Pas de véhicule à disposition.")
    VOITURE_EN_PANNE = (
        "voiture-en-panne",
        "Voiture en panne",
        "La voiture existe mais ne roule pas (réparation à payer).",
    )
    SANS_VELO = (
        "ne-sait-pas-faire-du-velo",
        "Ne sait pas faire du vélo",
        "Ne sait pas rouler à vélo seul.",
    )
    SANS_SMARTPHONE = ("sans-smartphone", "Pas de smartphone", "Pas d'application mobile.")
    SANS_INTERNET = (
        "sans-internet",
        "Pas d'accès à internet",
        "Ni inscription ni réservation en ligne.",
    )
    SANS_CARTE_BANCAIRE = ("sans-carte-bancaire", "Pas de carte bancaire", "Paiement par carte.")
    FAUTEUIL = (
        "fauteuil-roulant",
        "Fauteuil roulant ou mobilité réduite",
        "Se déplace en fauteuil roulant ou marche très difficilement.",
    )
    ACCOMPAGNEMENT = (
        "besoin-accompagnement",
        "A besoin d'être accompagné",
        "Ne peut pas voyager seul (aide pour sortir de chez soi, monter, s'orienter).",
    )


SLOT_LABELS = {Slot.EARLY: "avant 7 h", Slot.LATE: "après 21 h", Slot.WEEKEND: "le week-end"}

# Statuses that cannot go together, and ages at which a status is not plausible.
INCOMPATIBLE = (
    (Status.RETRAITE, Status.SCOLAIRE),
    (Status.RETRAITE, Status.JEUNE_MISSION_LOCALE),
    (Status.RETRAITE, Status.APPRENTI),
    (Status.BENEFICIAIRE_ASPA, Status.SCOLAIRE),
    (Status.BENEFICIAIRE_ASPA, Status.JEUNE_MISSION_LOCALE),
    (Status.SCOLAIRE, Status.ETUDIANT),
)
PLAUSIBLE_AGES: dict[Status, tuple[int, int]] = {
    Status.SCOLAIRE: (6, 25),
    Status.ETUDIANT: (15, 120),
    Status.APPRENTI: (14, 120),
    Status.JEUNE_MISSION_LOCALE: (15, 30),
    Status.RETRAITE: (40, 120),
    Status.BENEFICIAIRE_ASPA: (60, 120),
    Status.BENEFICIAIRE_RSA: (18, 120),
    Status.BENEFICIAIRE_ASS: (16, 120),
    Status.BENEFICIAIRE_AAH: (16, 120),
    Status.DEMANDEUR_EMPLOI: (16, 120),
    Status.SALARIE: (14, 120),
}
MAX_DESTINATIONS = 5


def _blank_is_none(value: Any) -> Any:
    """An empty form field means « not given »."""
    if isinstance(value, str) and not value.strip():
        return None
    return value


def _required_text(value: Any) -> Any:
    if value is None or (isinstance(value, str) and not value.strip()):
        raise PydanticCustomError("missing", "ce champ est obligatoire")
    return value.strip() if isinstance(value, str) else value


def _listed(value: Any) -> Any:
    """A list (or one value) with blanks dropped; « Gignac, Aniane » gives two communes."""
    items = value if isinstance(value, list | tuple) else [value]
    return [item for item in items if not (isinstance(item, str) and not item.strip())]


def split_communes(value: Any) -> list[str]:
    """« Gignac, Aniane » or repeated values -> ['Gignac', 'Aniane']."""
    items = _listed(value)
    return [part.strip() for item in items for part in re.split(r"[;,]", str(item)) if part.strip()]


def _communes(value: Any) -> Any:
    return split_communes(value)


OptionalInt = Annotated[int | None, BeforeValidator(_blank_is_none)]
Communes = Annotated[list[str], BeforeValidator(_communes)]


class Situation(BaseModel):
    """Ce que le conseiller sait de la personne. Seule la commune est obligatoire."""

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {
                    "commune": "Gignac",
                    "destinations": ["Clermont-l'Hérault"],
                    "age": 22,
                    "statuts": ["demandeur-emploi"],
                    "demandeur_emploi_depuis_mois": 4,
                    "contraintes": ["sans-permis", "sans-voiture"],
                    "motifs": ["travail"],
                    "creneaux": ["tot"],
                }
            ]
        },
    )

    commune: Annotated[str, BeforeValidator(_required_text)] = Field(
        min_length=1,
        max_length=100,
        description="Commune d'habitation : nom, code postal ou code INSEE (« Lodève », "
        "« 34700 », « Lodève (34700) »). Les communes de l'Hérault passent en premier.",
    )
    destinations: Communes = Field(
        default=[],
        max_length=MAX_DESTINATIONS,
        description="Communes où la personne doit aller (facultatif).",
    )
    age: OptionalInt = Field(default=None, ge=0, le=120, description="Âge en années.")
    statuts: Annotated[list[Status], BeforeValidator(_listed)] = Field(
        default=[], description="Situation administrative ou sociale (plusieurs possibles)."
    )
    demandeur_emploi_depuis_mois: OptionalInt = Field(
        default=None,
        ge=0,
        le=600,
        description="Depuis combien de mois la personne est inscrite à France Travail.",
    )
    contraintes: Annotated[list[Constraint], BeforeValidator(_listed)] = Field(
        default=[], description="Ce que la personne ne peut pas faire ou n'a pas."
    )
    motifs: Annotated[list[Purpose], BeforeValidator(_listed)] = Field(
        default=[], description="Pourquoi elle doit se déplacer."
    )
    creneaux: Annotated[list[Slot], BeforeValidator(_listed)] = Field(
        default=[],
        description="Moments où elle doit se déplacer : tot (avant 7 h), tard (après 21 h), "
        "week-end.",
    )
    besoin: Annotated[str | None, BeforeValidator(_blank_is_none)] = Field(
        default=None,
        max_length=300,
        description="Le besoin en quelques mots (« dialyse à Béziers trois fois par semaine »). "
        "N'est ni conservé ni journalisé.",
    )

    @field_validator("statuts")
    @classmethod
    def coherent_statuses(cls, statuses: list[Status], info: ValidationInfo) -> list[Status]:
        chosen = set(statuses)
        for first, second in INCOMPATIBLE:
            if first in chosen and second in chosen:
                raise PydanticCustomError(
                    "contradiction",
                    "« {first} » et « {second} » ne vont pas ensemble : gardez le bon statut",
                    {"first": first.label.lower(), "second": second.label.lower()},
                )
        age = info.data.get("age")
        if age is not None:
            for status in statuses:
                low, high = PLAUSIBLE_AGES.get(status, (0, 120))
                if not low <= age <= high:
                    raise PydanticCustomError(
                        "contradiction",
                        "« {status} » à {age} ans : vérifiez l'âge ou le statut",
                        {"status": status.label.lower(), "age": age},
                    )
        return list(dict.fromkeys(statuses))

    @field_validator("demandeur_emploi_depuis_mois")
    @classmethod
    def job_seeker_months(cls, months: int | None, info: ValidationInfo) -> int | None:
        if months is None:
            return None
        if "statuts" in info.data and Status.DEMANDEUR_EMPLOI not in info.data["statuts"]:
            raise PydanticCustomError(
                "contradiction",
                "une durée d'inscription à France Travail est indiquée sans le statut "
                "« demandeur d'emploi » : cochez-le ou videz la durée",
            )
        age = info.data.get("age")
        if age is not None and months > max(0, age - 16) * 12:
            raise PydanticCustomError(
                "contradiction",
                "{months} mois d'inscription à {age} ans : vérifiez la durée ou l'âge",
                {"months": months, "age": age},
            )
        return months

    @field_validator("contraintes")
    @classmethod
    def coherent_constraints(cls, constraints: list[Constraint]) -> list[Constraint]:
        if Constraint.SANS_VOITURE in constraints and Constraint.VOITURE_EN_PANNE in constraints:
            raise PydanticCustomError(
                "contradiction",
                "« pas de voiture » et « voiture en panne » se contredisent : gardez l'un des deux",
            )
        return list(dict.fromkeys(constraints))

    @field_validator("motifs", "creneaux")
    @classmethod
    def unique(cls, values: list[Any]) -> list[Any]:
        return list(dict.fromkeys(values))
