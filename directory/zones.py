"""Zone membership, written once: which zone elements contain a commune, and how locally.

A zone (where people must live, where a trip may end, which communes a line serves) is a set
of elements; each element is one string key. A commune is inside a zone when one of the keys
of its chain (commune, EPCI, territories, département, région, France) is in the zone's keys;
the most local such key says how locally the zone covers it. Search (filters and documents),
matching, export, coverage and pages all use these functions and this encoding: a zone with
`epci: ["243400694"]` has the key "epci:243400694", which is among the keys of Gignac.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from directory.geo import Geography, ZoneLevel, ZoneLike

ZoneKey = str  # "com:34142", "epci:200017341", "ter:pays-coeur-d-herault", "dep:34", "reg:76", "fr"
FRANCE: ZoneKey = "fr"


def commune_key(code: str) -> ZoneKey:
    return f"com:{code}"


def epci_key(code: str) -> ZoneKey:
    return f"epci:{code}"


def territory_key(territory_id: str) -> ZoneKey:
    return f"ter:{territory_id}"


def zone_keys(zone: ZoneLike) -> frozenset[ZoneKey]:
    """The keys of a zone's elements, as written (territories are not expanded)."""
    keys = {FRANCE} if zone.france else set()
    keys.update(f"reg:{code}" for code in zone.regions)
    keys.update(f"dep:{code}" for code in zone.departements)
    keys.update(territory_key(code) for code in zone.territoires)
    keys.update(epci_key(code) for code in zone.epci)
    keys.update(commune_key(code) for code in zone.communes)
    return frozenset(keys)


def place_keys(geo: Geography, code: str) -> dict[ZoneKey, ZoneLevel]:
    """Every zone element containing the commune, most local first; empty if unknown."""
    chain = geo.chain(code)
    if chain is None:
        return {}
    keys: dict[ZoneKey, ZoneLevel] = {commune_key(code): ZoneLevel.COMMUNE}
    if chain.epci:
        keys[epci_key(chain.epci.code)] = ZoneLevel.EPCI
    for territory in chain.territories:
        keys[territory_key(territory.id)] = ZoneLevel.TERRITOIRE
    keys[f"dep:{chain.departement[0]}"] = ZoneLevel.DEPARTEMENT
    keys[f"reg:{chain.region[0]}"] = ZoneLevel.REGION
    keys[FRANCE] = ZoneLevel.FRANCE
    return keys


def level_in(place: Mapping[ZoneKey, ZoneLevel], keys: Iterable[ZoneKey]) -> ZoneLevel | None:
    """How locally a zone (its keys) covers a place (its place_keys); None when it does not."""
    levels = [place[key] for key in keys if key in place]
    return min(levels) if levels else None


def covering_level(geo: Geography, zone: ZoneLike, code: str) -> ZoneLevel | None:
    """The most local element of the zone that contains the commune, or None."""
    return level_in(place_keys(geo, code), zone_keys(zone))


def covers(geo: Geography, zone: ZoneLike, code: str) -> bool:
    return covering_level(geo, zone, code) is not None


def neighbour_keys(geo: Geography, code: str) -> frozenset[ZoneKey]:
    """The intercommunalities and communes of the programme territories around a commune."""
    chain = geo.chain(code)
    keys: set[ZoneKey] = set()
    for territory in chain.territories if chain else ():
        for epci in territory.epci:
            keys.add(epci_key(epci))
            members = geo.epcis[epci].membres if epci in geo.epcis else ()
            keys.update(commune_key(member) for member in members)
    return frozenset(keys)


def eligibility_codes(geo: Geography, zone: ZoneLike) -> list[str]:
    """data·inclusion's zone_eligibilite: commune, EPCI and département codes, or 'france'."""
    if zone.france:
        return ["france"]
    departements = list(zone.departements)
    for region in zone.regions:
        departements += [c for c, (_, reg) in geo.departements.items() if reg == region]
    epcis = list(zone.epci)
    for territory_id in zone.territoires:
        territory = geo.territories.get(territory_id)
        epcis += list(territory.epci) if territory else []
    return list(dict.fromkeys([*zone.communes, *epcis, *departements]))
