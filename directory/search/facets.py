"""The facets of the directory: their names, French titles and the labels of their values."""

from __future__ import annotations

from directory.geo import Geography
from directory.vocabulary import Category, Frais, ModeAccueil, Public, labels

FRAIS_NOT_GIVEN = "non-renseigne"

# Order matters: it is the order in which pages and the API show them.
FACET_TITLES: dict[str, str] = {
    "categorie": "Catégorie",
    "territoire": "Territoire",
    "public": "Public",
    "frais": "Frais",
    "acces": "Accueil",
}
FACETS: tuple[str, ...] = tuple(FACET_TITLES)


def facet_labels(geo: Geography) -> dict[str, dict[str, str]]:
    """Facet -> value -> French label. The keys of each mapping are the only valid values."""
    return {
        "categorie": labels(Category),
        "territoire": {t.id: t.nom for t in geo.territories.values()},
        "public": labels(Public),
        "frais": {**labels(Frais), FRAIS_NOT_GIVEN: "Non renseigné"},
        "acces": labels(ModeAccueil),
    }
