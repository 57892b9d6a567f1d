"""What the results page needs beyond the search itself: links that add or remove a filter,
pagination, and what to relax when nothing is found. Plain functions, tested without HTTP."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cached_property
from urllib.parse import urlencode

from directory import places
from directory.geo import Commune, Geography
from directory.needs import NEEDS
from directory.search.service import Understood

QUERY_ORDER = ("q", "commune", "destination", "filters", "page")


def _encode(name: str, value: str | int | Mapping[str, Sequence[str]]) -> str:
    """One part of a results address, encoded: `q=v%C3%A9lo`, `categorie=a&categorie=b`."""
    if name == "filters":
        filters: Mapping[str, Sequence[str]] = value  # type: ignore[assignment]
        return urlencode([(facet, v) for facet, values in filters.items() for v in values])
    if name == "page":
        return "" if value == 1 else f"page={value}"
    return urlencode([(name, str(value))]) if value else ""


@dataclass(frozen=True)
class SearchState:
    """The parameters of a results page, as they appear in its URL."""

    q: str = ""
    commune: str = ""
    filters: Mapping[str, Sequence[str]] | None = None
    page: int = 1
    destination: str = ""

    def url(self, base: str, **changes: object) -> str:
        """This search's address with some parameters changed (`page=2`, `commune=""`…)."""
        parts = []
        for name in QUERY_ORDER:
            if name in changes:
                value = changes[name]
                encoded = _encode(name, value)  # type: ignore[arg-type]
            else:
                encoded = self._encoded[name]
            if encoded:
                parts.append(encoded)
        return base + ("?" + "&".join(parts) if parts else "")

    @cached_property
    def _encoded(self) -> dict[str, str]:
        # A results page links to the same search a dozen times (pages, filters to remove):
        # each part of the address is encoded once.
        values = {
            "q": self.q,
            "commune": self.commune,
            "destination": self.destination,
            "filters": self.filters or {},
            "page": self.page,
        }
        return {name: _encode(name, values[name]) for name in QUERY_ORDER}  # type: ignore[arg-type]

    def without(self, facet: str, value: str) -> dict[str, list[str]]:
        filters = {k: list(v) for k, v in (self.filters or {}).items()}
        filters[facet] = [v for v in filters.get(facet, []) if v != value]
        return {k: v for k, v in filters.items() if v}


@dataclass(frozen=True)
class Chip:
    """An active filter the user can remove with one link."""

    label: str
    remove_url: str
    words: bool = False  # the words typed, not a filter


@dataclass(frozen=True)
class PageLink:
    label: str
    url: str | None  # None: the current page, or a gap
    current: bool = False
    rel: str | None = None


def active_chips(
    state: SearchState,
    base: str,
    labels: Mapping[str, Mapping[str, str]],
    commune_name: str | None,
    understood: Understood | None = None,
    destination_name: str | None = None,
) -> list[Chip]:
    """Every active filter, places read in the text included, each with its removal link."""
    chips = []
    said = {place.role: place for place in (understood.lieux if understood else [])}
    if state.q:
        chips.append(Chip(f"Recherche : « {state.q} »", state.url(base, q="", page=1), True))
    if state.commune:
        chips.append(
            Chip(f"Commune : {commune_name or state.commune}", state.url(base, commune="", page=1))
        )
    elif "commune" in said:
        place = said["commune"]
        chips.append(
            Chip(
                f"Commune : {place.commune.nom} (lu dans « {place.texte} »)",
                state.url(base, q=place.recherche_sans, page=1),
            )
        )
    if state.destination:
        chips.append(
            Chip(
                f"Destination : {destination_name or state.destination}",
                state.url(base, destination="", page=1),
            )
        )
    elif "destination" in said:
        place = said["destination"]
        chips.append(
            Chip(
                f"Destination : {place.commune.nom} (lu dans « {place.texte} »)",
                state.url(base, q=place.recherche_sans, page=1),
            )
        )
    for facet, values in (state.filters or {}).items():
        for value in values:
            label = labels.get(facet, {}).get(value, value)
            chips.append(Chip(label, state.url(base, filters=state.without(facet, value), page=1)))
    return chips


def active_filter_count(chips: Sequence[Chip]) -> int:
    """Filters the fold's button announces: every chip but the words typed."""
    return sum(1 for chip in chips if not chip.words)


def pagination(state: SearchState, base: str, pages: int) -> list[PageLink]:
    """Previous, first, neighbours of the current page, last, next."""
    if pages <= 1:
        return []
    current = min(state.page, pages)
    shown = sorted(n for n in {1, pages, current - 1, current, current + 1} if 1 <= n <= pages)
    links: list[PageLink] = []
    if current > 1:
        links.append(PageLink("Page précédente", state.url(base, page=current - 1), rel="prev"))
    previous = 0
    for number in shown:
        if number - previous > 1:
            links.append(PageLink("…", None))
        links.append(
            PageLink(
                str(number),
                None if number == current else state.url(base, page=number),
                number == current,
            )
        )
        previous = number
    if current < pages:
        links.append(PageLink("Page suivante", state.url(base, page=current + 1), rel="next"))
    return links


def need_url(base: str, need_id: str, commune: str = "") -> str:
    """The results of a plain-language need ("Je n'ai pas de voiture") as a link."""
    need = next(n for n in NEEDS if n.id == need_id)
    state = SearchState(commune=commune, filters={"categorie": [c.value for c in need.categories]})
    return state.url(base)


def commune_choices(
    geo: Geography,
    state: SearchState,
    base: str,
    communes: Sequence[Commune],
    field: str = "commune",
) -> list[dict[str, str]]:
    """Links to the same search with each commune the person may have meant."""
    changes: list[dict[str, object]] = [
        {field: places.commune_value(commune), "page": 1} for commune in communes
    ]
    return [
        {"label": places.commune_label(commune, geo), "url": state.url(base, **change)}
        for commune, change in zip(communes, changes, strict=True)
    ]
