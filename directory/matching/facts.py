"""The facts the rules establish about a solution for a person, before any wording.

A `Fact` is a kind and a value (an age range, a date, communes…); `phrases.py` words it.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Any


class Kind(StrEnum):
    # what fits
    ZONE = "zone"
    STOPS_AT = "s-arrete-a"
    GOES_TO = "va-a"
    ON_ARRIVAL = "pour-circuler-a"
    AGE = "age"
    STATUS = "statut"
    PUBLIC = "public"
    MONTHS = "anciennete"
    PURPOSE = "motif"
    SLOT = "creneau"
    FREE = "gratuit"
    DOOR_TO_DOOR = "porte-a-porte"
    ACCOMPANIED = "accompagnement"
    WHEELCHAIR = "fauteuil"
    ADAPTED = "transport-adapte"
    NO_LICENCE_NEEDED = "sans-permis"
    BIKE_LESSONS = "apprendre-le-velo"
    LICENCE_HELP = "aide-permis"
    REPAIR = "reparation"
    VEHICLE_ACCESS = "acces-vehicule"
    BY_PHONE = "par-telephone"
    TEXT = "besoin"
    # what to check
    ENDS_SOON = "fin-proche"
    NOT_TO_SOME = "destinations-partielles"
    ROUTE_UNSURE = "trajet-a-verifier"
    STOPS_UNKNOWN = "arrets-a-verifier"
    ONLY_TO = "seulement-vers"
    REDUCED_MOBILITY_UNKNOWN = "mobilite-reduite-inconnue"
    AGE_UNKNOWN = "age-inconnu"
    STATUS_UNKNOWN = "statut-inconnu"
    PUBLIC_UNKNOWN = "public-inconnu"
    MONTHS_UNKNOWN = "anciennete-inconnue"
    MEANS_TESTED = "ressources"
    CONDITIONS = "conditions"
    PREREQUISITE = "prerequis"
    PAYMENT_UNKNOWN = "paiement-sans-carte"
    PURPOSE_ONLY = "motifs-limites"
    SLOT_NO = "creneau-non"
    SLOT_UNKNOWN = "creneau-inconnu"
    WHEELCHAIR_UNKNOWN = "fauteuil-inconnu"
    NO_ACCOMPANIMENT = "sans-accompagnement"
    PROFESSIONALS_ONLY = "sur-orientation"
    TO_CONFIRM = "a-confirmer"
    OLD_SOURCE = "source-ancienne"
    # what excludes
    ENDED = "termine"
    OUT_OF_ZONE = "hors-zone"
    NOT_TO = "ne-va-pas-a"
    NO_STOP_AT = "pas-d-arret"
    AGE_OUT = "age-hors"
    STATUS_OUT = "statut-hors"
    PUBLIC_OUT = "public-hors"
    MONTHS_SHORT = "anciennete-insuffisante"
    NEEDS = "necessite"
    PURPOSE_OUT = "motif-hors"
    HAS_LICENCE = "a-le-permis"
    REDUCED_MOBILITY_OUT = "mobilite-reduite"
    NOT_FOR_WHEELCHAIR = "velo-fauteuil"


@dataclass(frozen=True, slots=True)
class Fact:
    kind: Kind
    value: Any = None

    def __reduce__(self) -> tuple[type[Fact], tuple[Kind, Any]]:
        # Pickled with the kept catalogue (catalogue_cache): the dataclass default for
        # slots looks up its fields on every object, several times slower to read back.
        return (Fact, (self.kind, self.value))
