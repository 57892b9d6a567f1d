"""French geography (COG 2026) and the programme's territories: look-ups and zone expansion."""

from __future__ import annotations

import gzip
import json
import re
from bisect import bisect_left
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import IntEnum
from functools import cached_property, lru_cache
from pathlib import Path
from typing import Protocol

import yaml
from pydantic import BaseModel, ConfigDict, Field, TypeAdapter, ValidationError

from directory.text import fold

GEO_FILE = "geo/cog-2026.json.gz"
TERRITORIES_FILE = "territoires.yaml"


class ZoneLevel(IntEnum):
    """How local a zone element is; smaller is more local."""

    COMMUNE = 0
    EPCI = 1
    TERRITOIRE = 2
    DEPARTEMENT = 3
    REGION = 4
    FRANCE = 5


LEVEL_LABELS = {
    ZoneLevel.COMMUNE: "la commune",
    ZoneLevel.EPCI: "l'intercommunalité",
    ZoneLevel.TERRITOIRE: "le territoire",
    ZoneLevel.DEPARTEMENT: "le département",
    ZoneLevel.REGION: "la région",
    ZoneLevel.FRANCE: "toute la France",
}


class ZoneLike(Protocol):
    """What geography needs of a zone (see models.Zone and models.Stops)."""

    @property
    def france(self) -> bool: ...
    @property
    def regions(self) -> list[str]: ...
    @property
    def departements(self) -> list[str]: ...
    @property
    def territoires(self) -> list[str]: ...
    @property
    def epci(self) -> list[str]: ...
    @property
    def communes(self) -> list[str]: ...


@dataclass(frozen=True)
class Commune:
    code: str
    nom: str
    departement: str
    region: str
    epci: str | None
    codes_postaux: tuple[str, ...]
    population: int


@dataclass(frozen=True)
class Epci:
    code: str
    nom: str
    membres: tuple[str, ...]


@dataclass(frozen=True)
class Territory:
    id: str
    nom: str
    structure: str
    epci: tuple[str, ...]
    permanence: str | None = None  # id of the territory's info-mobility desk entry
    a_confirmer: str | None = None


@dataclass(frozen=True)
class Chain:
    """A commune and every zone that contains it, from the most local to the widest."""

    commune: Commune
    epci: Epci | None
    territories: tuple[Territory, ...]
    departement: tuple[str, str]
    region: tuple[str, str]


_NAME_ALIASES = {"st": "saint", "ste": "sainte", "s": "sur"}


def normalize_name(text: str) -> str:
    """Fold a place name for comparison: case, accents, hyphens, apostrophes, st/ste."""
    words = re.split(r"[^a-z0-9]+", fold(text))
    return " ".join(_NAME_ALIASES.get(word, word) for word in words if word)


@dataclass
class Geography:
    """All communes, EPCI, départements and régions of France, plus the programme territories."""

    communes: dict[str, Commune]
    epcis: dict[str, Epci]
    departements: dict[str, tuple[str, str]]  # code -> (nom, region code)
    regions: dict[str, str]  # code -> nom
    territories: dict[str, Territory]
    millesime: str = ""

    @cached_property
    def _indexes(self) -> tuple[dict[str, list[str]], dict[str, list[str]]]:
        """Communes by folded name and by postal code, built on first use: validating an
        entry needs neither, and folding 35,000 names costs a noticeable part of a start."""
        by_name: dict[str, list[str]] = defaultdict(list)
        by_postcode: dict[str, list[str]] = defaultdict(list)
        # Visiting the most populated first leaves every list in the order users expect.
        for commune in sorted(self.communes.values(), key=lambda c: (-c.population, c.code)):
            by_name[normalize_name(commune.nom)].append(commune.code)
            for postcode in commune.codes_postaux:
                by_postcode[postcode].append(commune.code)
        return dict(by_name), dict(by_postcode)

    @property
    def _by_name(self) -> dict[str, list[str]]:
        return self._indexes[0]

    @property
    def _by_postcode(self) -> dict[str, list[str]]:
        return self._indexes[1]

    def _by_population(self, codes: Iterable[str]) -> list[str]:
        return sorted(codes, key=lambda code: (-self.communes[code].population, code))

    @cached_property
    def _sorted_names(self) -> list[str]:
        return sorted(self._by_name)

    @cached_property
    def _territories_of_epci(self) -> dict[str, tuple[Territory, ...]]:
        found: dict[str, list[Territory]] = defaultdict(list)
        for territory in self.territories.values():
            for code in territory.epci:
                found[code].append(territory)
        return {code: tuple(items) for code, items in found.items()}

    # --- look-ups -------------------------------------------------------------------------

    def commune(self, code: str) -> Commune | None:
        return self.communes.get(code)

    def find_communes(self, text: str) -> list[Commune]:
        """Communes matching an INSEE code, a postal code or a name (most populated first)."""
        text = text.strip()
        if re.fullmatch(r"\d[\dAB]\d{3}", text, flags=re.IGNORECASE):
            code = text.upper()
            found = [code] if code in self.communes else []
            found += [c for c in self._by_postcode.get(code, []) if c not in found]
            return [self.communes[c] for c in found]
        return [self.communes[c] for c in self._by_name.get(normalize_name(text), [])]

    def suggest_communes(self, text: str, limit: int = 10) -> list[Commune]:
        """Communes whose name starts with the text (or whose postal code does)."""
        key = normalize_name(text)
        if not key:
            return []
        if key.isdigit():
            codes = [c for pc, cs in self._by_postcode.items() if pc.startswith(key) for c in cs]
            return [self.communes[c] for c in self._by_population(set(codes))[:limit]]
        names = self._sorted_names
        matches: list[str] = []
        for i in range(bisect_left(names, key), len(names)):
            if not names[i].startswith(key):
                break
            matches.extend(self._by_name[names[i]])
        return [self.communes[c] for c in self._by_population(matches)[:limit]]

    def chain(self, code: str) -> Chain | None:
        commune = self.communes.get(code)
        if commune is None:
            return None
        epci = self.epcis.get(commune.epci) if commune.epci else None
        territories = self._territories_of_epci.get(commune.epci or "", ())
        dep_name, _ = self.departements[commune.departement]
        return Chain(
            commune=commune,
            epci=epci,
            territories=territories,
            departement=(commune.departement, dep_name),
            region=(commune.region, self.regions[commune.region]),
        )

    # --- zones ----------------------------------------------------------------------------

    def expand(self, zone: ZoneLike) -> set[str]:
        """Every commune code the zone covers."""
        if zone.france:
            return set(self.communes)
        codes = set(zone.communes) & self.communes.keys()
        epcis = set(zone.epci)
        for territory_id in zone.territoires:
            territory = self.territories.get(territory_id)
            if territory:
                epcis.update(territory.epci)
        for epci_code in epcis:
            epci = self.epcis.get(epci_code)
            if epci:
                codes.update(epci.membres)
        deps, regs = set(zone.departements), set(zone.regions)
        if deps or regs:
            codes.update(
                c.code for c in self.communes.values() if c.departement in deps or c.region in regs
            )
        return codes

    def territory_ids_of_zone(self, zone: ZoneLike) -> list[str]:
        """Programme territories the zone reaches, even partly (for facets and coverage)."""
        return [t.id for t in self.territories.values() if self._reaches(zone, t)]

    def _reaches(self, zone: ZoneLike, territory: Territory) -> bool:
        communes, deps, regs = self._territory_extent[territory.id]
        return (
            zone.france
            or territory.id in zone.territoires
            or bool(set(zone.epci) & set(territory.epci))
            or bool(set(zone.communes) & communes)
            or bool(set(zone.departements) & deps)
            or bool(set(zone.regions) & regs)
        )

    @cached_property
    def _territory_extent(self) -> dict[str, tuple[set[str], set[str], set[str]]]:
        extent = {}
        for territory in self.territories.values():
            communes = {m for code in territory.epci for m in self.epcis[code].membres}
            deps = {self.communes[c].departement for c in communes}
            regs = {self.communes[c].region for c in communes}
            extent[territory.id] = (communes, deps, regs)
        return extent

    def describe_zone(self, zone: ZoneLike) -> list[str]:
        """Plain-French names of the zone's elements."""
        if zone.france:
            return ["Toute la France"]
        names = [f"Région {self.regions.get(c, c)}" for c in zone.regions]
        names += [self.departements.get(c, (c, ""))[0] for c in zone.departements]
        names += [self.territories[t].nom for t in zone.territoires if t in self.territories]
        names += [self.epcis[c].nom if c in self.epcis else c for c in zone.epci]
        names += [self.communes[c].nom if c in self.communes else c for c in zone.communes]
        return names


@lru_cache(maxsize=4)
def load_geography(data_dir: Path) -> Geography:
    """Read the committed COG file and the programme territories (once per process)."""
    with gzip.open(data_dir / GEO_FILE, "rt", encoding="utf-8") as stream:
        raw = json.load(stream)
    communes = {
        code: Commune(code, nom, dep, reg, epci or None, tuple(postcodes), population)
        for code, nom, dep, reg, epci, postcodes, population in raw["communes"]
    }
    members: dict[str, list[str]] = defaultdict(list)
    for commune in communes.values():
        if commune.epci:
            members[commune.epci].append(commune.code)
    epcis = {code: Epci(code, nom, tuple(members[code])) for code, nom in raw["epci"]}
    territories = load_territories(data_dir / TERRITORIES_FILE, epcis)
    return Geography(
        communes=communes,
        epcis=epcis,
        departements={code: (nom, reg) for code, nom, reg in raw["departements"]},
        regions=dict(raw["regions"]),
        territories=territories,
        millesime=raw["millesime"],
    )


class TerritoriesError(ValueError):
    """data/territoires.yaml cannot be used; the message says where and why, in French."""


class _TerritoryEntry(BaseModel):
    model_config = ConfigDict(extra="forbid")

    id: str = Field(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$")
    nom: str = Field(min_length=2)
    structure: str = Field(min_length=2)
    epci: list[str] = Field(min_length=1)
    permanence: str | None = None
    a_confirmer: str | None = None


def load_territories(path: Path, epcis: Mapping[str, object] | None = None) -> dict[str, Territory]:
    """The programme's territories; every EPCI code must exist in the geography."""
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
        entries = TypeAdapter(list[_TerritoryEntry]).validate_python(raw)
    except (OSError, yaml.YAMLError, ValidationError) as error:
        raise TerritoriesError(f"{path} illisible ou mal formé : {error}") from error
    territories: dict[str, Territory] = {}
    for entry in entries:
        unknown = [code for code in entry.epci if epcis is not None and code not in epcis]
        if unknown:
            raise TerritoriesError(
                f"{path} : territoire « {entry.id} », code EPCI inconnu "
                f"{', '.join(unknown)} (numéro SIREN de l'EPCI, COG 2026)"
            )
        if entry.id in territories:
            raise TerritoriesError(f"{path} : territoire « {entry.id} » écrit deux fois")
        territories[entry.id] = Territory(
            id=entry.id,
            nom=entry.nom,
            structure=entry.structure,
            epci=tuple(entry.epci),
            permanence=entry.permanence,
            a_confirmer=entry.a_confirmer,
        )
    return territories
