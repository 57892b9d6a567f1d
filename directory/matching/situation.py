"""A person's situation as an advisor captures it: the API contract of the matching, in French.

Nothing here is stored: a situation lives in the form, the URL or the request body only.
Checks that need no geography (ages, contradictory statuses) are made here, each naming its
field; the communes are resolved against the geography later (see `profile.py`).
"""

from __future__ import annotations

import re
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    ValidationInfo,
    field_validator,
    model_validator,
)
from pydantic_core import PydanticCustomError

from directory.hours import Slot
from directory.vocabulary import LabelledEnum, Purpose, Status


class Answer(LabelledEnum):
    """A yes-or-no question of the form; no answer means « ne sait pas » (never excludes)."""

    OUI = ("oui", "Oui", "")
    NON = ("non", "Non", "")


class CarAnswer(LabelledEnum):
    """Whether the person has a car: a broken one is a car, and a reason to come."""

    OUI = ("oui", "Oui", "Une voiture qui roule est à disposition.")
    EN_PANNE = ("en-panne", "En panne", "La voiture existe mais ne roule pas (réparation).")
    NON = ("non", "Non", "Pas de voiture à disposition.")


class Constraint(LabelledEnum):
    """What the person cannot do or does not have, beyond the yes-or-no questions."""

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
    SANS_VELO = (
        "ne-sait-pas-faire-du-velo",
        "Ne sait pas faire du vélo",
        "Ne sait pas rouler à vélo seul.",
    )
    SANS_INTERNET = (
        "sans-internet",
        "Pas d'accès à internet",
        "Ni inscription ni réservation en ligne.",
    )
    SANS_CARTE_BANCAIRE = ("sans-carte-bancaire", "Pas de carte bancaire", "Paiement par carte.")


MainNeed = Literal["se-deplacer", "payer", "permis", "vehicule", "accompagnement"]
# Statuses that say the person has a disability: « handicap : non » contradicts them.
DISABILITY_STATUSES = frozenset({Status.BENEFICIAIRE_AAH, Status.CARTE_MOBILITE_INCLUSION})
LICENCE_AGE = 17  # the B licence is open from 17 in France

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


OptionalAnswer = Annotated[Answer | None, BeforeValidator(_blank_is_none)]


class Situation(BaseModel):
    """Ce que le conseiller sait de la personne. Seule la commune est obligatoire.

    Une question sans réponse (« ne sait pas ») ne retire jamais une solution : elle s'affiche
    dans « à vérifier ». Une réponse « non » écarte ce qui exige « oui ».
    """

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {
                    "commune": "Lodève",
                    "destinations": ["Clermont-l'Hérault"],
                    "age": 68,
                    "statuts": ["retraite"],
                    "demandeur_emploi": "non",
                    "handicap": "non",
                    "permis": "non",
                    "voiture": "non",
                    "motifs": ["sante"],
                }
            ]
        },
    )

    commune: Annotated[str, BeforeValidator(_required_text)] = Field(
        min_length=1,
        max_length=100,
        description="Commune d'habitation : nom, code postal ou code INSEE (« Lodève », "
        "« 34700 », « Lodève (34700) »). Les communes de l'Hérault passent en premier ; si une "
        "seule commune de l'Hérault correspond (« Clermont »), elle est choisie et annoncée.",
    )
    destinations: Communes = Field(
        default=[],
        max_length=MAX_DESTINATIONS,
        description="Communes où la personne doit aller (facultatif), en France.",
    )
    age: OptionalInt = Field(default=None, ge=0, le=120, description="Âge en années.")
    statuts: Annotated[list[Status], BeforeValidator(_listed)] = Field(
        default=[],
        description="Situation administrative ou sociale (plusieurs possibles). Une liste "
        "donnée est complète : un statut absent compte comme « non ».",
    )
    demandeur_emploi: OptionalAnswer = Field(
        default=None,
        validate_default=True,
        description="Inscrit à France Travail : oui, non, ou vide (ne sait pas). « oui » "
        "équivaut au statut demandeur-emploi.",
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
    handicap: OptionalAnswer = Field(
        default=None,
        description="Situation de handicap : oui, non, ou vide (ne sait pas). « non » écarte "
        "les services réservés aux personnes handicapées ou à mobilité réduite.",
    )
    permis: OptionalAnswer = Field(
        default=None, description="Permis B valable : oui, non, ou vide (ne sait pas)."
    )
    voiture: Annotated[CarAnswer | None, BeforeValidator(_blank_is_none)] = Field(
        default=None,
        description="Voiture à disposition : oui, en-panne, non, ou vide (ne sait pas).",
    )
    smartphone: OptionalAnswer = Field(
        default=None,
        description="Smartphone : oui, non, ou vide (ne sait pas). Le texte pour SMS ne "
        "contient un lien que si la réponse est oui.",
    )
    motifs: Annotated[list[Purpose], BeforeValidator(_listed)] = Field(
        default=[], description="Pourquoi elle doit se déplacer."
    )
    creneaux: Annotated[list[Slot], BeforeValidator(_listed)] = Field(
        default=[],
        description="Moments où elle doit se déplacer : tot (avant 7 h), tard (après 21 h), "
        "week-end.",
    )
    besoin_principal: Annotated[MainNeed | None, BeforeValidator(_blank_is_none)] = Field(
        default=None,
        description="Le besoin principal, s'il est connu : se-deplacer, payer, permis, "
        "vehicule ou accompagnement. Vide : déduit de la situation. Il ouvre « L'essentiel ».",
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

    @field_validator("demandeur_emploi")
    @classmethod
    def job_seeker(cls, answer: Answer | None, info: ValidationInfo) -> Answer | None:
        if Status.DEMANDEUR_EMPLOI in info.data.get("statuts", []):
            if answer is Answer.NON:
                raise PydanticCustomError(
                    "contradiction",
                    "« non » alors que le statut « demandeur d'emploi » est coché : "
                    "gardez l'un des deux",
                )
            return Answer.OUI
        age = info.data.get("age")
        low = PLAUSIBLE_AGES[Status.DEMANDEUR_EMPLOI][0]
        if answer is Answer.OUI and age is not None and age < low:
            raise PydanticCustomError(
                "contradiction",
                "inscrit à France Travail à {age} ans : vérifiez l'âge ou la réponse",
                {"age": age},
            )
        return answer

    @field_validator("demandeur_emploi_depuis_mois")
    @classmethod
    def job_seeker_months(cls, months: int | None, info: ValidationInfo) -> int | None:
        if months is None:
            return None
        if "demandeur_emploi" in info.data and info.data["demandeur_emploi"] is not Answer.OUI:
            raise PydanticCustomError(
                "contradiction",
                "une durée d'inscription à France Travail est indiquée sans le statut "
                "« demandeur d'emploi » : répondez « oui » ou videz la durée",
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
    def unique_constraints(cls, constraints: list[Constraint]) -> list[Constraint]:
        return list(dict.fromkeys(constraints))

    @field_validator("handicap")
    @classmethod
    def coherent_disability(cls, answer: Answer | None, info: ValidationInfo) -> Answer | None:
        if answer is not Answer.NON:
            return answer
        said = [s.label.lower() for s in info.data.get("statuts", []) if s in DISABILITY_STATUSES]
        if Constraint.FAUTEUIL in info.data.get("contraintes", []):
            said.append(Constraint.FAUTEUIL.label.lower())
        if said:
            raise PydanticCustomError(
                "contradiction",
                "« non » alors que « {said} » est indiqué : corrigez l'un ou l'autre",
                {"said": said[0]},
            )
        return answer

    @field_validator("permis")
    @classmethod
    def licence_age(cls, answer: Answer | None, info: ValidationInfo) -> Answer | None:
        age = info.data.get("age")
        if answer is Answer.OUI and age is not None and age < LICENCE_AGE:
            raise PydanticCustomError(
                "contradiction",
                "permis B à {age} ans (possible dès {limit} ans) : vérifiez l'âge ou la réponse",
                {"age": age, "limit": LICENCE_AGE},
            )
        return answer

    @field_validator("motifs", "creneaux")
    @classmethod
    def unique(cls, values: list[Any]) -> list[Any]:
        return list(dict.fromkeys(values))

    @model_validator(mode="after")
    def one_way_to_say_job_seeker(self) -> Situation:
        """« demandeur_emploi: oui » and the status demandeur-emploi say the same thing."""
        if self.demandeur_emploi is Answer.OUI and Status.DEMANDEUR_EMPLOI not in self.statuts:
            self.statuts = [Status.DEMANDEUR_EMPLOI, *self.statuts]
        return self
