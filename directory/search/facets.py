"""The facets of the directory: their names, French titles and the labels of their values."""

from __future__ import annotations

from collections.abc import Mapping

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


# The vocabularies' labels do not change while the process runs: built once, shared read-only.
_VOCABULARY_LABELS: dict[str, Mapping[str, str]] = {
    "categorie": labels(Category),
    "public": labels(Public),
    "frais": {**labels(Frais), FRAIS_NOT_GIVEN: "Non renseigné"},
    "acces": labels(ModeAccueil),
}


def facet_labels(geo: Geography) -> dict[str, Mapping[str, str]]:
    """Facet -> value -> French label. The keys of each mapping are the only valid values.

    Cheap: only the territories' names are read from the geography, the rest is shared."""
    territories = {t.id: t.nom for t in geo.territories.values()}
    return {name: _VOCABULARY_LABELS.get(name, territories) for name in FACETS}
