"""Estimated effects of trips now made without a car: CO2e avoided, from ADEME factors in
data/programme/facteurs-emission.yaml. A mode without a sourced factor is not counted."""

from __future__ import annotations

from datetime import date
from functools import lru_cache
from pathlib import Path

import yaml
from pydantic import BaseModel, ConfigDict, Field

from directory.programme.vocabulary import TripMode

FACTORS_FILE = "programme/facteurs-emission.yaml"


class Source(BaseModel):
    model_config = ConfigDict(extra="forbid")

    nom: str
    lien: str
    donnees: str
    annee: int = Field(ge=2000, le=2100)
    lu_le: date


class Factor(BaseModel):
    model_config = ConfigDict(extra="forbid")

    libelle: str
    carburant: float = Field(ge=0, le=2)
    construction: float = Field(ge=0, le=2)
    documentation: str

    @property
    def total(self) -> float:
        return self.carburant + self.construction


class Factors(BaseModel):
    model_config = ConfigDict(extra="forbid")

    source: Source
    voiture: Factor
    modes: dict[TripMode, Factor | None]
    nox: Factor | None = None
    semaines_par_an: int = Field(ge=1, le=52)

    def factor(self, mode: TripMode) -> Factor | None:
        return self.modes.get(mode)

    @property
    def unsourced(self) -> list[TripMode]:
        return [mode for mode in TripMode if self.modes.get(mode) is None]


@lru_cache(maxsize=4)
def load_factors(data_dir: Path) -> Factors:
    raw = yaml.safe_load((data_dir / FACTORS_FILE).read_text(encoding="utf-8"))
    return Factors.model_validate(raw)


class TripTotal(BaseModel):
    """Kilometres a year no longer driven, for one mode used instead."""

    mode: TripMode
    km_par_an: float
    personnes: int


class Effect(BaseModel):
    mode: TripMode
    libelle: str
    km_par_an: float
    personnes: int
    co2e_evite_kg: float | None = Field(description="Null : aucun facteur sourcé.")


def estimate(trips: list[TripTotal], factors: Factors) -> list[Effect]:
    """CO2e avoided per mode: km × (car factor − factor of the mode used instead)."""
    effects = []
    for trip in trips:
        factor = factors.factor(trip.mode)
        avoided = (
            None
            if factor is None
            else round(trip.km_par_an * (factors.voiture.total - factor.total), 1)
        )
        effects.append(
            Effect(
                mode=trip.mode,
                libelle=trip.mode.label,
                km_par_an=round(trip.km_par_an, 1),
                personnes=trip.personnes,
                co2e_evite_kg=avoided,
            )
        )
    return effects
