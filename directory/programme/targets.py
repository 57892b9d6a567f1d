"""The programme's periods and targets, kept as data in data/programme/objectifs.yaml."""

from __future__ import annotations

from datetime import date
from functools import lru_cache
from pathlib import Path

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from directory.errors import NotFoundError

TARGETS_FILE = "programme/objectifs.yaml"
INDICATORS = {
    "entretiens_sur_place": "Entretiens sur place",
    "entretiens_telephone": "Entretiens par téléphone",
    "ateliers": "Ateliers",
    "sensibilisations": "Sensibilisations de professionnels",
}


class Targets(BaseModel):
    model_config = ConfigDict(extra="forbid")

    entretiens_sur_place: int | None = Field(default=None, ge=0, le=100_000)
    entretiens_telephone: int | None = Field(default=None, ge=0, le=100_000)
    ateliers: int | None = Field(default=None, ge=0, le=100_000)
    sensibilisations: int | None = Field(default=None, ge=0, le=100_000)

    def get(self, indicator: str) -> int | None:
        value: int | None = getattr(self, indicator)
        return value


class PeriodTargets(BaseModel):
    model_config = ConfigDict(extra="forbid")

    total: Targets = Field(default_factory=Targets)
    par_structure: dict[str, Targets] = {}


class Period(BaseModel):
    model_config = ConfigDict(extra="forbid")

    id: str = Field(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$")
    nom: str = Field(min_length=3)
    debut: date | None = None
    fin: date
    objectifs: PeriodTargets = Field(default_factory=PeriodTargets)
    source: str | None = None

    @model_validator(mode="after")
    def in_order(self) -> Period:
        if self.debut and self.debut > self.fin:
            raise ValueError(f"période « {self.id} » : le début est après la fin")
        return self

    def targets(self, structure: str | None) -> Targets:
        """A structure's own targets, or the programme's."""
        if structure is None:
            return self.objectifs.total
        return self.objectifs.par_structure.get(structure, Targets())

    def contains(self, day: date) -> bool:
        return (self.debut is None or self.debut <= day) and day <= self.fin


class TargetsError(ValueError):
    """data/programme/objectifs.yaml cannot be used: the message says why, in French."""


@lru_cache(maxsize=4)
def load_periods(data_dir: Path) -> tuple[Period, ...]:
    path = data_dir / TARGETS_FILE
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
        periods = tuple(Period.model_validate(item) for item in raw or [])
    except (OSError, yaml.YAMLError, ValidationError, TypeError) as error:
        raise TargetsError(f"{path} illisible ou mal formé : {error}") from error
    if len({p.id for p in periods}) != len(periods):
        raise TargetsError(f"{path} : deux périodes ont le même identifiant")
    if not periods:
        raise TargetsError(f"{path} : aucune période")
    return periods


def period(data_dir: Path, period_id: str | None, today: date) -> Period:
    """The period asked for; by default the one under way, else the last one."""
    periods = load_periods(data_dir)
    if period_id:
        for found in periods:
            if found.id == period_id:
                return found
        raise NotFoundError(
            f"Période inconnue « {period_id[:40]} » ; périodes : "
            + ", ".join(p.id for p in periods)
        )
    current = [p for p in periods if p.contains(today)]
    return current[0] if current else max(periods, key=lambda p: p.fin)
