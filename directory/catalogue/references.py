"""Checks that tie the catalogue to the reference data (data/permanences.yaml and
data/territoires.yaml naming entries): what `directory check` and `directory sync` add on the
whole catalogue."""

from __future__ import annotations

from pathlib import Path

from directory.catalogue.problems import Problem, Severity, relative
from directory.desks import desk_problems
from directory.geo import Geography

TERRITORIES_FILE = "territoires.yaml"


def territory_problems(data_dir: Path, geo: Geography, entry_ids: set[str]) -> list[Problem]:
    """A territory naming a desk entry that is gone: a warning, so that retiring an entry as
    the guide says never blocks the catalogue (the territory page then shows no desk entry)."""
    shown = relative(data_dir / TERRITORIES_FILE)
    return [
        Problem(
            shown,
            f"la fiche « {territory.permanence} » (permanence de {territory.nom}) n'existe pas "
            "dans le catalogue : corrigez « permanence » ou videz-le",
            severity=Severity.WARNING,
            field=f"{territory.id}.permanence",
            topic="référence à une fiche absente",
        )
        for territory in geo.territories.values()
        if territory.permanence and territory.permanence not in entry_ids
    ]


def reference_problems(data_dir: Path, geo: Geography, entry_ids: set[str]) -> list[Problem]:
    """The desks' data and the territories' desk entries, against the entries that exist."""
    return [
        *desk_problems(data_dir, geo, entry_ids),
        *territory_problems(data_dir, geo, entry_ids),
    ]
