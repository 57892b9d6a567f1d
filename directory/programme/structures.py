"""The partner structures, read from the programme's territories (data/territoires.yaml).

A structure is named once, as the `structure` of its territories; its identifier is that name
folded into a slug (« ALEC Montpellier Métropole » -> `alec-montpellier-metropole`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from directory.geo import Geography
from directory.text import fold


@dataclass(frozen=True)
class Structure:
    id: str
    nom: str
    territoires: tuple[str, ...]  # territory ids, in file order


def slug(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", fold(name)).strip("-")


def structures(geo: Geography) -> dict[str, Structure]:
    """Every partner structure, by id, in the order of data/territoires.yaml."""
    found: dict[str, Structure] = {}
    for territory in geo.territories.values():
        key = slug(territory.structure)
        known = found.get(key)
        territoires = (*known.territoires, territory.id) if known else (territory.id,)
        found[key] = Structure(key, territory.structure, territoires)
    return found


def structure_names(geo: Geography) -> dict[str, str]:
    return {s.id: s.nom for s in structures(geo).values()}
