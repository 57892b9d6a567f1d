"""Jinja2 filters and globals of the partners' space."""

from __future__ import annotations

from typing import Any

from fastapi import Request
from jinja2 import pass_context

from directory.programme.clock import today
from directory.programme.figures import HIDDEN_LABEL, Cell
from directory.programme.references import display
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


FILTERS = {"figure": figure, "reference": reference}
GLOBALS = {
    "structure_name": structure_name,
    "today_iso": today_iso,
}
