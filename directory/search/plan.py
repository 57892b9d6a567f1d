"""From what was typed and the form's fields to the engine query.

The fields win: « Où habitez-vous ? » and « Où allez-vous ? » say for sure what a place in the
text only suggests. A place of the text fills an empty field: « depuis X » and a name on its
own the home commune, « à X » or « vers X » the destination (a name on its own too, when the
home commune is already known).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from directory.geo import Commune, Geography
from directory.search.model import SearchQuery
from directory.search.query_places import PlaceMention, Role
from directory.search.understanding import QueryUnderstanding, Understanding
from directory.zones import place_keys


@dataclass(frozen=True)
class SearchPlan:
    query: SearchQuery
    understanding: Understanding
    commune: Commune | None
    destination: Commune | None
    commune_said: PlaceMention | None  # the place of the text used as the commune
    destination_said: PlaceMention | None


def plan_search(
    understanding: QueryUnderstanding,
    geo: Geography,
    text: str,
    *,
    commune: Commune | None = None,
    destination: Commune | None = None,
    filters: Mapping[str, tuple[str, ...]] | None = None,
    page: int = 1,
    per_page: int = 20,
    with_facets: bool = True,
) -> SearchPlan:
    understood = understanding.understand(text)
    commune_said, destination_said = _places_said(understood.places, commune, destination)
    home = commune or (commune_said.commune if commune_said else None)
    going = destination or (destination_said.commune if destination_said else None)
    if going is not None and home is not None and going.code == home.code:
        going, destination_said = None, None  # « bus lodeve » from Lodève: not a trip
    query = SearchQuery(
        text=understood.text,
        terms=understood.terms,
        nothing=understood.nothing,
        commune_keys=tuple(place_keys(geo, home.code)) if home else (),
        destination_keys=tuple(place_keys(geo, going.code)) if going else (),
        excluded_prerequisites=understood.excluded_prerequisites,
        filters=dict(filters or {}),
        page=page,
        per_page=per_page,
        with_facets=with_facets,
    )
    return SearchPlan(query, understood, home, going, commune_said, destination_said)


def _places_said(
    places: tuple[PlaceMention, ...], commune: Commune | None, destination: Commune | None
) -> tuple[PlaceMention | None, PlaceMention | None]:
    homes = [p for p in places if p.role is Role.HOME]
    # a clear « depuis Y » says home; a mere « de X » beside it is where one goes
    clear = next((p for p in homes if not p.of_or_from), None)
    home = None if commune else clear or next(iter(homes), None)
    going = None if destination else next((p for p in places if p.role is Role.DESTINATION), None)
    if going is None and destination is None and clear is not None:
        going = next((p for p in homes if p.of_or_from), None)
    for place in places:
        if place.role is not Role.UNSAID:
            continue
        if commune is None and home is None:
            home = place
        elif destination is None and going is None:
            going = place
    return home, going
