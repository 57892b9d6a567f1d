"""Result cards, rendered once per catalogue version and entry, then reused by every page.

A card (name, category, price, short description, zone) says only what its entry says: its HTML
is the same on every results page until a sync publishes a new catalogue. Rendering the card
macro of `components/search.html` for each of the 20 results was the costliest part of a results
page; the rendered card is now kept with the catalogue version (`Snapshot.extras`) and dropped
with it. Nothing of the visitor's request is in a card but the site's root path, which is part
of the key.
"""

from __future__ import annotations

from collections.abc import Sequence

from fastapi.templating import Jinja2Templates
from markupsafe import Markup
from starlette.requests import Request

from directory.search.service import SolutionHit
from directory.snapshot import Snapshot
from directory.urls import path_for

CARDS = "result_cards"  # Snapshot.extras: (entry id, heading level, root path) -> card HTML
CARD_MACROS = "components/search.html"


def result_cards(
    request: Request,
    templates: Jinja2Templates,
    snapshot: Snapshot,
    hits: Sequence[SolutionHit],
    level: int = 3,
) -> list[Markup]:
    """The cards of `hits`, in order, with headings of `level` (h3 under the page's h2s)."""
    made: dict[tuple[str, int, str], Markup] = snapshot.extras.setdefault(CARDS, {})
    root_path = request.scope.get("root_path", "")
    cards = []
    for hit in hits:
        key = (hit.id, level, root_path)
        card = made.get(key)
        if card is None:
            url = path_for(request, "solution", solution_id=hit.id)
            macro = templates.env.get_template(CARD_MACROS).module.result_card  # type: ignore[attr-defined]
            card = made[key] = Markup(macro(hit, url, level))
        cards.append(card)
    return cards
