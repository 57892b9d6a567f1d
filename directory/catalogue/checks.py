"""Checks beyond one file's shape: dates against today, texts left from the template, duplicates."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterator
from datetime import date, timedelta
from functools import lru_cache
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

import yaml

from directory.catalogue.messages import FieldPath, format_path
from directory.catalogue.problems import Problem, Severity
from directory.config import PROJECT_ROOT
from directory.evidence import age_words, evidence_date_words, evidence_months, months_between
from directory.field_types import evidence_period
from directory.geo import Geography
from directory.models import LINE_CATEGORIES
from directory.text import hidden_characters

if TYPE_CHECKING:
    from directory.catalogue.loader import LoadedEntry

TEMPLATE_PATH = PROJECT_ROOT / "data" / "solutions" / "_modele.yaml"

# Topics group the warnings in the summary of `directory check`.
OLD_EVIDENCE = "source ancienne"
UNDATED_EVIDENCE = "source non datée"
OLD_READING = "lecture ancienne"
MISSING_STOPS = "arrêts manquants"
PROBABLY_CLOSED = "service probablement arrêté"
LIKELY_DUPLICATE = "doublon probable"
INCOMPLETE_ADDRESS = "adresse à vérifier"
HIDDEN_CHARACTERS = "caractère invisible retiré"

_PLACEHOLDER = re.compile(
    r"(?:todo|tbd|fixme|x{2,}|\?+|\.{3}|…|-+|à compléter|a completer|à remplir|à préciser|"
    r"à définir|à venir|non renseignée?|inconnue?)",
    re.IGNORECASE,
)
_WORK_MARK = re.compile(r"\b(?:TODO|FIXME|XXX+)\b")
_LINK_FIELDS = {"source", "autres_sources", "site_web", "lien_mobilisation"}


def _at(
    loaded: LoadedEntry,
    path: FieldPath | str,
    message: str,
    severity: Severity,
    topic: str | None = None,
) -> Problem:
    key = (path,) if isinstance(path, str) else path
    where = loaded.locate(key)
    return Problem(
        loaded.file,
        message,
        severity=severity,
        field=format_path(key),
        line=where.line if where else None,
        column=where.column if where else None,
        topic=topic,
    )


def check_dates(loaded: LoadedEntry, today: date, stale_after_days: int) -> list[Problem]:
    """The end of a scheme, the day the source was read and the date the source carries."""
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
                f"source lue pour la dernière fois il y a {months} mois "
                f"({entry.verifie_le:%d/%m/%Y}) : relisez-la (ou demandez à l'opérateur), "
                "corrigez la fiche si besoin, puis mettez la date du jour",
                Severity.WARNING,
                OLD_READING,
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
                PROBABLY_CLOSED,
            )
        )
    return problems


def _evidence_problems(loaded: LoadedEntry, today: date, stale_after_days: int) -> list[Problem]:
    """The age of the evidence itself: a page read yesterday may describe 2014."""
    entry = loaded.entry
    read = f"{entry.verifie_le:%d/%m/%Y}"
    period = evidence_period(entry.date_source)
    if period is None:
        return [
            _at(
                loaded,
                "date_source",
                f"source non datée (consultée le {read}) : rien ne dit de quand date "
                "l'information ; cherchez une page datée ou faites-la confirmer par l'opérateur "
                "(« directory lettres »)",
                Severity.WARNING,
                UNDATED_EVIDENCE,
            )
        ]
    first, last = period
    if first > today:
        return [
            _at(
                loaded,
                "date_source",
                f"date de la source dans le futur ({entry.date_source}) : indiquez la "
                "date que porte la page",
                Severity.ERROR,
            )
        ]
    if first > entry.verifie_le:
        return [
            _at(
                loaded,
                "date_source",
                f"la source porte la date {entry.date_source}, postérieure au jour où vous "
                f"l'avez lue ({read}) : corrigez « date_source » ou « verifie_le »",
                Severity.ERROR,
            )
        ]
    if (today - last).days > stale_after_days:
        months = evidence_months(entry.date_source, today) or 0
        return [
            _at(
                loaded,
                "date_source",
                f"information {evidence_date_words(entry.date_source)} (au moins "
                f"{age_words(months)}), vérifiée le {read} : elle a pu changer ; faites-la "
                "confirmer par l'opérateur (« directory lettres ») ou trouvez une source plus "
                "récente",
                Severity.WARNING,
                OLD_EVIDENCE,
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
            MISSING_STOPS,
        )
    ]


@lru_cache(maxsize=1)
def _template_texts() -> dict[FieldPath, str]:
    """The example texts of _modele.yaml, by path (a copy that keeps one is not filled in)."""
    try:
        data = yaml.safe_load(TEMPLATE_PATH.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError):
        return {}
    # Only prose: « tous-publics » or « usagers » are real values an entry may keep.
    return {path: _squash(text) for path, text in _texts(data) if len(text.split()) >= 3}


def _texts(value: Any, path: FieldPath = ()) -> Iterator[tuple[FieldPath, Any]]:
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _texts(item, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _texts(item, (*path, index))
    elif isinstance(value, str):
        yield path, value


def _squash(text: str) -> str:
    return " ".join(text.split()).casefold()


def check_placeholders(loaded: LoadedEntry) -> list[Problem]:
    """Texts that only hold a place: the template's example, « à compléter », « TODO », a
    link without a real address. The site would publish them as facts."""
    template = _template_texts()
    problems = []
    data = loaded.entry.model_dump(mode="json", exclude_defaults=True)
    for path, text in _texts(data):
        stripped = text.strip()
        if path == ("date_source",):
            continue  # « inconnue » is a value there, checked with the dates
        if template.get(path) == _squash(stripped):
            problems.append(
                _at(
                    loaded,
                    path,
                    "texte d'exemple du modèle laissé tel quel : remplacez-le par "
                    "l'information de la source",
                    Severity.ERROR,
                )
            )
        elif _PLACEHOLDER.fullmatch(stripped) or _WORK_MARK.search(stripped):
            problems.append(
                _at(
                    loaded,
                    path,
                    f"valeur provisoire « {stripped[:40]} » : écrivez l'information, ou "
                    "supprimez le champ et notez dans « a_confirmer » ce qu'il reste à trouver",
                    Severity.ERROR,
                )
            )
        elif path[0] in _LINK_FIELDS and not _real_host(stripped):
            problems.append(
                _at(
                    loaded,
                    path,
                    f"lien incomplet « {stripped[:60]} » : copiez l'adresse complète de la "
                    "page depuis la barre d'adresse du navigateur",
                    Severity.ERROR,
                )
            )
    return problems


def check_hidden_characters(loaded: LoadedEntry) -> list[Problem]:
    """Invisible direction or zero-width characters the entry's texts lost on reading (a name
    keeping one is an error of the model): said, so that the file gets fixed too."""
    return [
        _at(
            loaded,
            path,
            f"caractère invisible retiré ({', '.join(hidden)}) : il changeait l'affichage du "
            "texte sans se voir ; supprimez-le aussi du fichier (retapez le passage au clavier)",
            Severity.WARNING,
            HIDDEN_CHARACTERS,
        )
        for path, text in _texts(loaded.document.data if loaded.document else None)
        if (hidden := hidden_characters(text))
    ]


def _real_host(link: str) -> bool:
    """www.herault.fr is an address; « … », « ... » or « exemple » alone are not."""
    host = urlsplit(link).hostname or ""
    labels = host.split(".")
    return len(labels) >= 2 and all(labels) and labels[-1].isalpha()


def check_address(loaded: LoadedEntry, geo: Geography) -> list[Problem]:
    """An address people can go to: its commune named, its postal code that commune's."""
    entry = loaded.entry
    if entry.adresse and not entry.commune:
        return [
            _at(
                loaded,
                "adresse",
                "adresse sans commune : ajoutez « commune » (code INSEE) et « code_postal », "
                "sinon la fiche affiche une rue sans ville",
                Severity.WARNING,
                INCOMPLETE_ADDRESS,
            )
        ]
    commune = geo.commune(entry.commune) if entry.commune else None
    if commune and entry.code_postal and entry.code_postal not in commune.codes_postaux:
        return [
            _at(
                loaded,
                "code_postal",
                f"le code postal {entry.code_postal} n'est pas celui de {commune.nom} "
                f"({', '.join(commune.codes_postaux)}) : vérifiez l'un et l'autre (un code "
                "CEDEX peut être juste)",
                Severity.WARNING,
                INCOMPLETE_ADDRESS,
            )
        ]
    return []


def check_duplicates(entries: list[LoadedEntry]) -> list[Problem]:
    problems: list[Problem] = []
    by_id: dict[str, list[LoadedEntry]] = defaultdict(list)
    by_name: dict[tuple[str, str], list[LoadedEntry]] = defaultdict(list)
    for loaded in entries:
        by_id[loaded.id].append(loaded)
        by_name[loaded.duplicate_key].append(loaded)
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
                        LIKELY_DUPLICATE,
                    )
                )
    return problems
