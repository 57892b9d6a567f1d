"""The info-mobility desks of the programme, as data: data/permanences.yaml, read and checked.

One desk per territory, run by its structure (ALEC Montpellier Métropole, Passerelles
synergies, Gefosat): where it is held, on which days, its phone, how to book. Every field may
be unknown: the sheet prints what is known, the editors see « à compléter » for the rest.
"""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from pydantic import BaseModel, ConfigDict, EmailStr, Field, ValidationError

from directory.catalogue.messages import format_path, message_for
from directory.catalogue.problems import Problem, Severity, relative
from directory.catalogue.yaml_reader import YamlError, read_file, read_yaml_bytes
from directory.field_types import (
    CommuneCode,
    LongText,
    OpeningHours,
    Phone,
    PostalCode,
    ShortText,
    TerritoryId,
    WebLink,
)
from directory.geo import Geography

DESKS_FILE = "permanences.yaml"
log = logging.getLogger(__name__)


class DeskPlace(BaseModel):
    """A place where the desk is held in person (often a France Services office)."""

    model_config = ConfigDict(extra="forbid")

    nom: ShortText = Field(description="Nom du lieu, par exemple « France Services de Lodève ».")
    adresse: ShortText | None = Field(default=None, description="Numéro et rue.")
    code_postal: PostalCode | None = None
    commune: CommuneCode | None = Field(default=None, description="Code INSEE de la commune.")
    horaires: OpeningHours | None = Field(
        default=None, description="Jours et heures, syntaxe OpenStreetMap (Tu 09:00-12:00)."
    )
    horaires_precisions: LongText | None = Field(
        default=None, description="Par exemple « le 2e mardi du mois, sur rendez-vous »."
    )


class DeskEntry(BaseModel):
    """One territory's info-mobility desk, as editors write it in data/permanences.yaml."""

    model_config = ConfigDict(extra="forbid")

    territoire: TerritoryId = Field(description="Le territoire que la permanence sert.")
    structure: ShortText = Field(description="La structure qui tient la permanence.")
    fiche: str | None = Field(
        default=None, description="Identifiant de la fiche du catalogue qui présente ce service."
    )
    telephone: Phone | None = Field(default=None, description="Numéro pour prendre rendez-vous.")
    courriel: EmailStr | None = None
    site_web: WebLink | None = None
    rendez_vous: LongText | None = Field(
        default=None, description="Comment prendre rendez-vous, en une ou deux phrases."
    )
    par_telephone: LongText | None = Field(
        default=None, description="Comment se passent les permanences par téléphone."
    )
    lieux: list[DeskPlace] = Field(default=[], description="Où la permanence se tient.")
    source: WebLink | None = Field(default=None, description="Page qui prouve ces informations.")
    verifie_le: date | None = Field(default=None, description="Date où la source a été lue.")
    a_confirmer: LongText | None = None

    def missing(self) -> list[str]:
        """What the editors still have to find, in words (« téléphone », « lieux »…)."""
        gaps = [
            label
            for label, value in (
                ("téléphone", self.telephone),
                ("courriel", self.courriel),
                ("comment prendre rendez-vous", self.rendez_vous),
                ("lieux des permanences", self.lieux),
                ("source", self.source),
            )
            if not value
        ]
        if self.lieux and not any(
            place.horaires or place.horaires_precisions for place in self.lieux
        ):
            gaps.append("jours et horaires")
        if self.lieux and not any(place.adresse for place in self.lieux):
            gaps.append("adresses")
        return gaps


@dataclass(frozen=True)
class DesksLoad:
    desks: dict[str, DeskEntry]  # by territory id
    problems: list[Problem]

    @property
    def ok(self) -> bool:
        return not any(problem.is_error for problem in self.problems)


def load_desks(data_dir: Path, geo: Geography) -> DesksLoad:
    """Every desk of data/permanences.yaml, or the problems found, each with its place."""
    path = data_dir / DESKS_FILE
    shown = relative(path)
    try:
        document = read_yaml_bytes(read_file(path), root=list)
    except OSError as error:
        return DesksLoad({}, [Problem(shown, f"fichier illisible : {error.strerror}")])
    except YamlError as error:
        where = error.position
        return DesksLoad(
            {},
            [
                Problem(
                    shown,
                    error.message,
                    field=error.field,
                    line=where.line if where else None,
                    column=where.column if where else None,
                )
            ],
        )
    raw = document.data if document.data is not None else []
    if not isinstance(raw, list):
        return DesksLoad(
            {}, [Problem(shown, "le fichier doit être une liste : une permanence par « - »")]
        )
    desks: dict[str, DeskEntry] = {}
    problems: list[Problem] = []
    for index, item in enumerate(raw):
        try:
            desk = DeskEntry.model_validate(item, context={"geo": geo})
        except ValidationError as error:
            for detail in error.errors():
                field_path, message = message_for(detail, DeskEntry)
                where = document.locate((index, *field_path))
                problems.append(
                    Problem(
                        shown,
                        message,
                        field=format_path((index, *field_path)),
                        line=where.line if where else None,
                        column=where.column if where else None,
                    )
                )
            continue
        if desk.territoire in desks:
            where = document.locate((index, "territoire"))
            problems.append(
                Problem(
                    shown,
                    f"deux permanences pour le territoire « {desk.territoire} » : gardez-en une "
                    "(une permanence peut avoir plusieurs lieux)",
                    field=format_path((index, "territoire")),
                    line=where.line if where else None,
                )
            )
            continue
        desks[desk.territoire] = desk
    return DesksLoad(desks, problems)


def desk_problems(data_dir: Path, geo: Geography, entry_ids: set[str]) -> list[Problem]:
    """What `directory check` says of data/permanences.yaml: its errors, and a warning for a
    desk naming an entry that does not exist or a territory without a desk."""
    loaded = load_desks(data_dir, geo)
    shown = relative(data_dir / DESKS_FILE)
    problems = list(loaded.problems)
    for desk in loaded.desks.values():
        if desk.fiche and desk.fiche not in entry_ids:
            problems.append(
                Problem(
                    shown,
                    f"la fiche « {desk.fiche} » n'existe pas dans le catalogue : corrigez "
                    "l'identifiant (nom du fichier sans .yaml) ou videz le champ",
                    severity=Severity.WARNING,
                    field=f"{desk.territoire}.fiche",
                )
            )
    for desk in loaded.desks.values():
        gaps = desk.missing()
        if gaps:
            problems.append(
                Problem(
                    shown,
                    f"permanence de {desk.structure} : à compléter — {', '.join(gaps)} "
                    "(la fiche remise n'imprime que ce qui est connu)",
                    severity=Severity.WARNING,
                    field=f"{desk.territoire}",
                )
            )
    if loaded.ok:
        for territory in geo.territories.values():
            if territory.id not in loaded.desks:
                problems.append(
                    Problem(
                        shown,
                        f"aucune permanence pour le territoire « {territory.nom} » : "
                        "ajoutez-la, même avec les seuls champs connus",
                        severity=Severity.WARNING,
                    )
                )
    return problems


class DeskBook:
    """data/permanences.yaml as the site serves it: read again when the file changes. A file
    that has become invalid is reported once in the log and the last good desks keep serving,
    so a typo never takes the desks off the sheets."""

    def __init__(self, data_dir: Path, geo: Geography) -> None:
        self._path = data_dir / DESKS_FILE
        self._data_dir = data_dir
        self._geo = geo
        self._lock = threading.Lock()
        self._stamp: int | None = None
        self._desks: dict[str, DeskEntry] = {}

    def current(self) -> dict[str, DeskEntry]:
        """The desks by territory id (possibly empty: every field of a desk is optional)."""
        try:
            stamp = self._path.stat().st_mtime_ns
        except OSError:
            stamp = -1
        if stamp != self._stamp and self._lock.acquire(blocking=False):
            try:
                self._reload(stamp)
            finally:
                self._lock.release()
        return self._desks

    def _reload(self, stamp: int) -> None:
        self._stamp = stamp
        loaded = load_desks(self._data_dir, self._geo)
        if loaded.ok:
            self._desks = loaded.desks
            return
        first = loaded.problems[0]
        log.warning("%s invalid, keeping the last good desks: %s", first.file, first.message)
        if not self._desks:
            self._desks = loaded.desks  # nothing better: the desks that did validate
