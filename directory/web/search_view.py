"""What the results page needs beyond the search itself: links that add or remove a filter,
pagination, and what to relax when nothing is found. Plain functions, tested without HTTP."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from urllib.parse import urlencode

from directory import places
from directory.geo import Commune, Geography
from directory.needs import NEEDS


@dataclass(frozen=True)
class SearchState:
    """The parameters of a results page, as they appear in its URL."""

    q: str = ""
    commune: str = ""
    filters: Mapping[str, Sequence[str]] | None = None
    page: int = 1

    def url(self, base: str, **changes: object) -> str:
        state = {
            "q": self.q,
            "commune": self.commune,
            "filters": self.filters or {},
            "page": self.page,
        }
        state.update(changes)
        pairs: list[tuple[str, str]] = []
        if state["q"]:
            pairs.append(("q", str(state["q"])))
        if state["commune"]:
            pairs.append(("commune", str(state["commune"])))
        filters: Mapping[str, Sequence[str]] = state["filters"]  # type: ignore[assignment]
        for name, values in filters.items():
            pairs += [(name, value) for value in values]
        if state["page"] != 1:
            pairs.append(("page", str(state["page"])))
        return base + ("?" + urlencode(pairs) if pairs else "")

    def without(self, facet: str, value: str) -> dict[str, list[str]]:
        filters = {k: list(v) for k, v in (self.filters or {}).items()}
        filters[facet] = [v for v in filters.get(facet, []) if v != value]
        return {k: v for k, v in filters.items() if v}


@dataclass(frozen=True)
class Chip:
    """An active filter the user can remove with one link."""

    label: str
    remove_url: str


@dataclass(frozen=True)
class PageLink:
    label: str
    url: str | None  # None: the current page, or a gap
    current: bool = False
    rel: str | None = None


def active_chips(
    state: SearchState, base: str, labels: Mapping[str, Mapping[str, str]], commune_name: str | None
) -> list[Chip]:
    chips = []
    if state.q:
        chips.append(Chip(f"Recherche : « {state.q} »", state.url(base, q="", page=1)))
    if state.commune:
        chips.append(
            Chip(f"Commune : {commune_name or state.commune}", state.url(base, commune="", page=1))
        )
    for facet, values in (state.filters or {}).items():
        for value in values:
            label = labels.get(facet, {}).get(value, value)
            chips.append(Chip(label, state.url(base, filters=state.without(facet, value), page=1)))
    return chips


def pagination(state: SearchState, base: str, pages: int) -> list[PageLink]:
    """Previous, first, neighbours of the current page, last, next."""
    if pages <= 1:
        return []
    current = min(state.page, pages)
    shown = sorted({1, pages, current - 1, current, current + 1} & set(range(1, pages + 1)))
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
    geo: Geography, state: SearchState, base: str, communes: Sequence[Commune]
) -> list[dict[str, str]]:
    """Links to the same search in each commune the person may have meant."""
    return [
        {
            "label": places.commune_label(commune, geo),
            "url": state.url(base, commune=places.commune_value(commune), page=1),
        }
        for commune in communes
    ]
