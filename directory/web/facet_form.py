"""The check boxes of the facets form, made from pieces rendered once per value.

A check box (its id, name, value, label, checked or not) depends only on the facet's vocabulary
and the visitor's filters; only the count in its label changes from page to page. Rendering the
`facet_check` macro of `components/search.html` for each of the forty-odd boxes took half of a
results page's template time: each box is now rendered once per (facet, value, label, checked)
with a slot where the count goes, and a page only puts its counts in the slots, a facet at a
time. The HTML is the macro's, byte for byte.
"""

from __future__ import annotations

from jinja2 import Environment
from markupsafe import Markup

from directory.search.service import Facet

MACROS = "components/search.html"
SLOT = "\x00"  # where the count goes; never in a value, a label or the macro
MAX_PIECES = 4_096  # a box per known value, checked or not; bounded all the same


class FacetChecks:
    """`facet_checks(facet)` for the templates: the check boxes of a facet's options."""

    def __init__(self, env: Environment) -> None:
        self._env = env
        self._pieces: dict[tuple[str, str, str, bool], tuple[str, str]] = {}

    def __call__(self, facet: Facet) -> Markup:
        boxes = []
        get = self._pieces.get
        for option in facet.options:
            key = (facet.nom, option.valeur, option.libelle, option.selectionnee)
            pieces = get(key) or self._pieces_of(*key)
            if pieces is None:  # a slot in the text itself: this box is rendered whole
                boxes.append(str(self._macro(*key, option.nombre)))
                continue
            before, after = pieces
            boxes.append(f"{before}{option.nombre:d}{after}")
        return Markup("".join(boxes))

    def _pieces_of(
        self, name: str, value: str, label: str, checked: bool
    ) -> tuple[str, str] | None:
        parts = str(self._macro(name, value, label, checked, Markup(SLOT))).split(SLOT)
        if len(parts) != 2:
            return None
        if len(self._pieces) >= MAX_PIECES:
            self._pieces.clear()
        before, after = self._pieces[name, value, label, checked] = parts[0], parts[1]
        return before, after

    def _macro(self, *arguments: object) -> Markup:
        macro = self._env.get_template(MACROS).module.facet_check  # type: ignore[attr-defined]
        return Markup(macro(*arguments))
