"""Links of the results page: keep every other parameter, remove exactly one filter."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

from directory.web.search_view import PageLink, SearchState, active_chips, need_url, pagination

BASE = "/recherche"
LABELS = {"categorie": {"velo": "Vélo", "permis": "Permis de conduire"}}


def params(url: str) -> dict[str, list[str]]:
    return parse_qs(urlsplit(url).query)


def test_state_url_keeps_every_parameter_and_drops_defaults() -> None:
    state = SearchState(
        q="vélo", commune="Lodève", filters={"categorie": ["velo", "permis"]}, page=2
    )
    assert params(state.url(BASE)) == {
        "q": ["vélo"],
        "commune": ["Lodève"],
        "categorie": ["velo", "permis"],
        "page": ["2"],
    }
    assert SearchState().url(BASE) == BASE


def test_each_chip_removes_only_its_own_filter() -> None:
    state = SearchState(q="bus", commune="34142", filters={"categorie": ["velo", "permis"]}, page=3)
    chips = active_chips(state, BASE, LABELS, "Lodève")
    assert [c.label for c in chips] == [
        "Recherche : « bus »",
        "Commune : Lodève",
        "Vélo",
        "Permis de conduire",
    ]
    assert params(chips[2].remove_url) == {
        "q": ["bus"],
        "commune": ["34142"],
        "categorie": ["permis"],
    }
    assert "q" not in params(chips[0].remove_url)
    assert all("page" not in params(c.remove_url) for c in chips), (
        "removing a filter goes back to page 1"
    )


def test_pagination_shows_neighbours_first_last_and_gaps() -> None:
    links = pagination(SearchState(q="x", page=5), BASE, pages=9)
    assert [link.label for link in links] == [
        "Page précédente",
        "1",
        "…",
        "4",
        "5",
        "6",
        "…",
        "9",
        "Page suivante",
    ]
    current = next(link for link in links if link.current)
    assert current == PageLink("5", None, True)
    assert params(links[0].url or "") == {"q": ["x"], "page": ["4"]}
    assert pagination(SearchState(), BASE, pages=1) == []


def test_need_link_selects_all_the_categories_of_the_need() -> None:
    url = need_url(BASE, "se-deplacer", commune="Gignac")
    assert params(url)["categorie"] == [
        "transport-public",
        "transport-a-la-demande",
        "transport-solidaire",
        "covoiturage",
        "velo",
        "transport-adapte",
    ]
    assert params(url)["commune"] == ["Gignac"]


def test_a_changed_parameter_replaces_only_itself_in_the_address() -> None:
    state = SearchState(
        q="vélo électrique", commune="Lodève", filters={"public": ["jeunes"]}, destination="Sète"
    )
    assert state.url(BASE) == (
        "/recherche?q=v%C3%A9lo+%C3%A9lectrique&commune=Lod%C3%A8ve&destination=S%C3%A8te"
        "&public=jeunes"
    )
    assert state.url(BASE, commune="Gignac", page=3) == (
        "/recherche?q=v%C3%A9lo+%C3%A9lectrique&commune=Gignac&destination=S%C3%A8te"
        "&public=jeunes&page=3"
    )
    assert params(state.url(BASE, q="", filters={})) == {
        "commune": ["Lodève"],
        "destination": ["Sète"],
    }
    assert state.url(BASE) == state.url(BASE, page=1), "page 1 is never written"
