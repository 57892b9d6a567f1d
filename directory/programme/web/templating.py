"""Jinja2 filters and globals of the partners' space, and the desk page's one hook."""

from __future__ import annotations

from typing import Any

from fastapi import Request
from jinja2 import pass_context

from directory.programme.clock import today
from directory.programme.figures import HIDDEN_LABEL, Cell
from directory.programme.references import display, normalize
from directory.programme.structures import structure_names


def figure(cell: Cell) -> str:
    """A table cell in French: « moins de 5 » when hidden, « — » when there is no value."""
    if cell.masque:
        return HIDDEN_LABEL
    if cell.valeur is None:
        return "—"
    value = cell.valeur
    if float(value).is_integer():
        return f"{int(value):,}".replace(",", "\u202f")
    return f"{value:,.1f}".replace(",", "\u202f").replace(".", ",")


def reference(value: str | None) -> str:
    return display(value) if value else "—"


@pass_context
def structure_name(context: dict[str, Any], structure_id: str) -> str:
    request: Request = context["request"]
    return structure_names(request.app.state.geo).get(structure_id, structure_id)


def today_iso() -> str:
    return today().isoformat()


@pass_context
def sheet_reference(context: dict[str, Any]) -> str | None:
    """The reference printed on a take-away sheet (`ref` of the posted sheet), if well formed.

    It travels in the POST body with the solution ids, never in an address; anything that is
    not a well-formed reference is ignored."""
    carried = context.get("carried") or []
    found = next((normalize(value) for key, value in carried if key == "ref"), None)
    return display(found) if found else None


FILTERS = {"figure": figure, "reference": reference}
GLOBALS = {
    "structure_name": structure_name,
    "today_iso": today_iso,
    "sheet_reference": sheet_reference,
}
