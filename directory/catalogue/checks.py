"""Checks beyond one file's shape: dates against today, duplicate ids and likely duplicates."""

from __future__ import annotations

from collections import defaultdict
from datetime import date, timedelta
from typing import TYPE_CHECKING

from directory.catalogue.problems import Problem, Severity
from directory.field_types import evidence_period
from directory.geo import normalize_name
from directory.models import LINE_CATEGORIES

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
    problems += _evidence_problems(loaded, today, stale_after_days)
    if not entry.in_service:
        problems.append(
            _at(
                loaded,
                "etat",
                "service probablement arrêté : il n'est plus proposé au public ; demandez à "
                "l'opérateur s'il fonctionne encore, puis remettez « en-service » ou supprimez "
                "la fiche",
                Severity.WARNING,
            )
        )
    return problems


def _evidence_problems(loaded: LoadedEntry, today: date, stale_after_days: int) -> list[Problem]:
    """The age of the evidence itself: a page read yesterday may describe 2014."""
    period = evidence_period(loaded.entry.date_source)
    if period is None:
        return [
            _at(
                loaded,
                "date_source",
                "la source n'est pas datée : cherchez une page datée (ou la confirmation de "
                "l'opérateur) pour savoir si l'information est encore vraie",
                Severity.WARNING,
            )
        ]
    first, last = period
    if first > today:
        return [
            _at(
                loaded,
                "date_source",
                f"date de la source dans le futur ({loaded.entry.date_source}) : indiquez la "
                "date que porte la page",
                Severity.ERROR,
            )
        ]
    if last < today - timedelta(days=stale_after_days):
        return [
            _at(
                loaded,
                "date_source",
                f"information de {loaded.entry.date_source[:4]}, il y a plus de "
                f"{months_between(last, today)} mois : cherchez une source plus récente ou "
                "faites confirmer la fiche par l'opérateur",
                Severity.WARNING,
            )
        ]
    return []


def check_stops(loaded: LoadedEntry) -> list[Problem]:
    """A line or a network must say where it stops, or the desk cannot tell if it serves a
    commune: an error, so that a line without its stops never reaches the public."""
    entry = loaded.entry
    if entry.dessert is not None or entry.categorie not in LINE_CATEGORIES:
        return []
    return [
        _at(
            loaded,
            "categorie",
            f"une fiche « {entry.categorie.value} » doit dire où le service s'arrête : ajoutez "
            "« dessert » avec les codes INSEE des communes qui ont un arrêt ou une gare (ou "
            "l'EPCI d'un réseau urbain), tels que la source les donne",
            Severity.ERROR,
        )
    ]


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
