"""The facets form's check boxes are made from pieces kept per value: each page still shows its
own counts and its own checked boxes, exactly as its JSON twin gives them."""

from __future__ import annotations

import re

from fastapi.testclient import TestClient

from directory.config import Settings
from directory.search.service import Facet, FacetOption
from directory.web.templating import create_templates

BOX = re.compile(
    r'<input type="checkbox" id="f-(\w+)-([\w-]+)" name="(\w+)" value="([\w-]+)"( checked)?>\s*'
    r'<label for="f-\w+-[\w-]+">[^<]*<span class="count">\((\d+)\)</span>'
)


def boxes(
    client: TestClient, params: dict[str, str | list[str]]
) -> set[tuple[str, str, int, bool]]:
    html = client.get("/recherche", params=params).text
    found = set()
    for facet, value, name, shown, checked, count in BOX.findall(html):
        assert facet == name and value == shown  # the id names the box it labels
        found.add((name, value, int(count), bool(checked)))
    return found


def twin(client: TestClient, params: dict[str, str | list[str]]) -> set[tuple[str, str, int, bool]]:
    page = client.get("/api/solutions", params=params).json()
    return {
        (facet["nom"], option["valeur"], option["nombre"], option["selectionnee"])
        for facet in page["facettes"]
        for option in facet["options"]
    }


def test_each_page_shows_its_own_counts_and_checked_boxes(client: TestClient) -> None:
    searches: list[dict[str, str | list[str]]] = [
        {},
        {"q": "transport"},
        {"q": "transport", "frais": "gratuit"},
        {},  # the pieces made for the pages before serve again, with this page's counts
    ]
    seen = []
    for params in searches:
        shown = boxes(client, params)
        assert shown, params
        assert shown == twin(client, params), params
        seen.append(shown)
    assert seen[0] != seen[1], "the searches were meant to count differently"
    assert ("frais", "gratuit") in {(name, value) for name, value, _, checked in seen[2] if checked}
    assert seen[3] == seen[0]


def test_a_box_whose_text_holds_the_count_slot_is_still_right(settings: Settings) -> None:
    checks = create_templates(settings).env.globals["facet_checks"]
    odd = FacetOption(valeur="a\x00b", libelle="Nom <à> \x00", nombre=7, selectionnee=True)
    plain = FacetOption(valeur="b", libelle="Autre", nombre=12, selectionnee=False)
    html = str(checks(Facet(nom="territoire", titre="Territoire", options=[odd, plain])))
    assert 'value="a\x00b" checked>' in html
    assert 'Nom &lt;à&gt; \x00 <span class="count">(7)</span>' in html
    assert 'value="b">' in html and 'Autre <span class="count">(12)</span>' in html
