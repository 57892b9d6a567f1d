"""Checks beyond one file's shape: dates against today, duplicate ids and likely duplicates."""

from __future__ import annotations

from collections import defaultdict
from datetime import date, timedelta
from typing import TYPE_CHECKING

from directory.catalogue.problems import Problem, Severity
from directory.geo import normalize_name

if TYPE_CHECKING:
    from directory.catalogue.loader import LoadedEntry


def _at(loaded: LoadedEntry, key: str, message: str, severity: Severity) -> Problem:
    where = loaded.document.locate((key,))
    return Problem(
        loaded.file,
        message,
        severity=severity,
        field=key,
        line=where.line if where else None,
        column=where.column if where else None,
    )


def months_between(earlier: date, later: date) -> int:
    return (later.year - earlier.year) * 12 + later.month - earlier.month


def check_dates(loaded: LoadedEntry, today: date, stale_after_days: int) -> list[Problem]:
    entry = loaded.entry
    problems = []
    if entry.valide_jusqu_au and entry.valide_jusqu_au < today:
        problems.append(
            _at(
                loaded,
                "valide_jusqu_au",
                f"le dispositif a pris fin le {entry.valide_jusqu_au:%d/%m/%Y} : vérifiez s'il "
                "est prolongé (et changez la date), sinon supprimez la fiche",
                Severity.ERROR,
            )
        )
    if entry.verifie_le > today:
        problems.append(
            _at(
                loaded,
                "verifie_le",
                f"date de vérification dans le futur ({entry.verifie_le:%d/%m/%Y}) : "
                "indiquez la date à laquelle la source a été consultée",
                Severity.ERROR,
            )
        )
    elif entry.verifie_le < today - timedelta(days=stale_after_days):
        months = months_between(entry.verifie_le, today)
        problems.append(
            _at(
                loaded,
                "verifie_le",
                f"dernière vérification il y a {months} mois ({entry.verifie_le:%d/%m/%Y}) : "
                "revérifiez la fiche auprès de l'opérateur puis mettez à jour la date",
                Severity.WARNING,
            )
        )
    return problems


def check_duplicates(entries: list[LoadedEntry]) -> list[Problem]:
    problems: list[Problem] = []
    by_id: dict[str, list[LoadedEntry]] = defaultdict(list)
    by_name: dict[tuple[str, str], list[LoadedEntry]] = defaultdict(list)
    for loaded in entries:
        by_id[loaded.id].append(loaded)
        key = (normalize_name(loaded.entry.nom), normalize_name(loaded.entry.operateur or ""))
        by_name[key].append(loaded)
    for same_id in by_id.values():
        if len(same_id) > 1:
            for loaded in same_id:
                others = ", ".join(o.file for o in same_id if o is not loaded)
                problems.append(
                    Problem(
                        loaded.file,
                        f"identifiant « {loaded.id} » en double (aussi : {others}) : "
                        "renommez l'un des fichiers",
                    )
                )
    for same_name in by_name.values():
        if len(same_name) > 1:
            for loaded in same_name:
                others = ", ".join(o.file for o in same_name if o is not loaded)
                problems.append(
                    _at(
                        loaded,
                        "nom",
                        f"doublon probable : même nom et même opérateur que {others} — "
                        "fusionnez les fiches ou précisez le nom",
                        Severity.WARNING,
                    )
                )
    return problems
