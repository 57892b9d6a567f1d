"""Read the catalogue folder: every file validated, every problem reported with its place."""

from __future__ import annotations

import hashlib
import json
import re
import sys
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from pathlib import Path

from pydantic import ValidationError

from directory.catalogue.checks import (
    check_address,
    check_dates,
    check_duplicates,
    check_hidden_characters,
    check_placeholders,
    check_stops,
)
from directory.catalogue.messages import FieldPath, format_path, message_for
from directory.catalogue.problems import Problem, Severity, relative
from directory.catalogue.validation_cache import Validated, ValidationCache, file_digest
from directory.catalogue.yaml_reader import (
    Position,
    YamlDocument,
    YamlError,
    read_file,
    read_yaml_bytes,
)
from directory.geo import Geography, normalize_name
from directory.models import ID_PATTERN, Solution, SolutionBase, SolutionEntry

SUFFIXES = (".yaml", ".yml")


@dataclass
class LoadedEntry:
    id: str
    path: Path
    file: str  # as shown to editors
    entry: SolutionEntry
    document: YamlDocument | None  # None when taken from the validation cache
    digest: str = ""  # of the file's bytes
    cached: Validated | None = None

    def locate(self, path: FieldPath) -> Position | None:
        """Where to point an editor at for a problem with `path` (its top-level key for an
        entry taken from the cache)."""
        if self.document is not None:
            return self.document.locate(path)
        if self.cached is not None and path and (found := self.cached.positions.get(str(path[0]))):
            return Position(*found)
        return None

    @cached_property
    def duplicate_key(self) -> tuple[str, str]:
        """Name and operator as compared to find likely duplicates."""
        if self.cached is not None:
            return self.cached.duplicate_key
        return (normalize_name(self.entry.nom), normalize_name(self.entry.operateur or ""))

    @cached_property
    def fingerprint(self) -> str:
        """A hash of the validated content: comments and layout of the file do not count."""
        canonical = json.dumps(self.entry.model_dump(mode="json"), sort_keys=True)
        return hashlib.sha256(canonical.encode("utf-8")).hexdigest()

    def to_record(self) -> Solution:
        # The entry is already validated: copy its values instead of validating them again.
        values = {name: getattr(self.entry, name) for name in SolutionBase.model_fields}
        return Solution(**values, id=self.id, fichier=self.file, empreinte=self.fingerprint)


@dataclass
class CatalogueLoad:
    entries: list[LoadedEntry] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    files: int = 0

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.is_error]

    @property
    def ok(self) -> bool:
        return not self.errors


def entry_files(folder: Path) -> tuple[list[Path], list[Path]]:
    """(entry files, files that look misplaced). Names starting with _ or . are not entries."""
    entries: list[Path] = []
    misplaced: list[Path] = []
    for path in sorted(folder.iterdir(), key=lambda path: path.name):
        if path.name.startswith(("_", ".")) or path.is_dir():
            continue
        (entries if path.suffix.lower() in SUFFIXES else misplaced).append(path)
    return entries, misplaced


def load_file(
    path: Path,
    geo: Geography,
    file: str | None = None,
    *,
    named_as_entry: bool = True,
    cache: ValidationCache | None = None,
) -> LoadedEntry | list[Problem]:
    """One file: the validated entry, or every problem found in it. The file name is an
    entry's public id; `named_as_entry=False` checks a template without its name. With a
    `cache`, a file whose bytes were already validated is not read as YAML again."""
    shown = file or relative(path)
    problems: list[Problem] = []
    if named_as_entry and not re.fullmatch(ID_PATTERN, path.stem):
        problems.append(
            Problem(
                shown,
                f"nom de fichier invalide « {path.name} » : le nom sert d'identifiant public, "
                "utilisez des minuscules sans accent, des chiffres et des tirets "
                "(exemple : transport-a-la-demande-tadam.yaml)",
            )
        )
    try:
        raw = read_file(path)
        digest = file_digest(raw)
        cached = cache.get(shown, digest) if cache is not None and not problems else None
        if cached is not None:
            return _from_cache(path, shown, cached)
        document = read_yaml_bytes(raw)
    except YamlError as error:
        position = error.position
        line, column = (position.line, position.column) if position else (None, None)
        return [
            *problems,
            Problem(shown, error.message, field=error.field, line=line, column=column),
        ]
    except OSError as error:
        return [*problems, Problem(shown, f"fichier illisible : {error.strerror}")]
    try:
        entry = SolutionEntry.model_validate(document.data, context={"geo": geo})
    except ValidationError as error:
        for detail in error.errors():
            field_path, message = message_for(detail)
            where = document.locate(field_path)
            problems.append(
                Problem(
                    shown,
                    message,
                    field=format_path(field_path) or None,
                    line=where.line if where else None,
                    column=where.column if where else None,
                )
            )
        return problems
    if problems:
        return problems
    return LoadedEntry(path.stem, path, shown, entry, document, digest)


def _from_cache(path: Path, shown: str, cached: Validated) -> LoadedEntry:
    loaded = LoadedEntry(path.stem, path, shown, cached.entry, None, cached.digest, cached)
    loaded.__dict__["fingerprint"] = cached.fingerprint  # the cached_property, already known
    return loaded


def load_catalogue(
    folder: Path,
    geo: Geography,
    today: date | None = None,
    stale_after_days: int = 365,
    cache: ValidationCache | None = None,
) -> CatalogueLoad:
    """Every file of the folder, plus the checks that need dates or several files; with a
    `cache`, unchanged files are taken from it and what was validated is kept in it."""
    result = CatalogueLoad()
    if not folder.is_dir():
        result.problems.append(
            Problem(relative(folder), "dossier introuvable : vérifiez le chemin du catalogue")
        )
        return result
    files, misplaced = entry_files(folder)
    result.files = len(files)
    if not files:
        result.problems.append(
            Problem(
                relative(folder),
                "aucune fiche .yaml dans ce dossier : vérifiez le chemin (synchroniser un dossier "
                "vide retirerait toutes les solutions du site)",
            )
        )
    for path in misplaced:
        result.problems.append(
            Problem(
                relative(path),
                "fichier ignoré : seules les fiches en .yaml sont lues (renommez-le en .yaml "
                "s'il s'agit d'une fiche)",
                severity=Severity.WARNING,
                topic="fichier ignoré",
            )
        )
    shown_folder = relative(folder)
    for path in files:
        loaded = load_file(path, geo, file=f"{shown_folder}/{path.name}", cache=cache)
        if isinstance(loaded, LoadedEntry):
            result.entries.append(loaded)
        else:
            result.problems.extend(loaded)
    today = today or date.today()
    for loaded in result.entries:
        result.problems.extend(entry_problems(loaded, geo, today, stale_after_days, cache))
    result.problems.extend(check_duplicates(result.entries))
    return _drop_invalid(result)


def entry_problems(
    loaded: LoadedEntry,
    geo: Geography,
    today: date,
    stale_after_days: int,
    cache: ValidationCache | None = None,
) -> list[Problem]:
    """The checks of one valid entry beyond its shape: those of its file alone (kept in the
    cache with the entry), then the dates, checked against today every time."""
    validated = loaded.cached or _validated(loaded, tuple(file_problems(loaded, geo)))
    if cache is not None:
        cache.put(loaded.file, validated)
    return [*validated.problems, *check_dates(loaded, today, stale_after_days)]


def file_problems(loaded: LoadedEntry, geo: Geography) -> list[Problem]:
    """What the file alone says: placeholders, hidden characters, stops, address."""
    return [
        *check_placeholders(loaded),
        *check_hidden_characters(loaded),
        *check_stops(loaded),
        *check_address(loaded, geo),
    ]


def _validated(loaded: LoadedEntry, problems: tuple[Problem, ...]) -> Validated:
    """What the cache keeps: positions of top-level keys only, as plain tuples under
    interned names (a whole YamlDocument per file would cost more to read back than
    parsing the YAML)."""
    positions: dict[str, tuple[int, int]] = {}
    if loaded.document is not None:
        for path in loaded.document.values.keys() | loaded.document.keys.keys():
            if len(path) == 1 and (where := loaded.document.locate(path)):
                positions[sys.intern(str(path[0]))] = (where.line, where.column)
    return Validated(
        loaded.digest, loaded.entry, loaded.fingerprint, positions, problems, loaded.duplicate_key
    )


def _drop_invalid(result: CatalogueLoad) -> CatalogueLoad:
    invalid = {p.file for p in result.errors}
    result.entries = [e for e in result.entries if e.file not in invalid]
    return result


def check_paths(
    paths: list[Path],
    geo: Geography,
    today: date | None = None,
    stale_after_days: int = 365,
) -> CatalogueLoad:
    """Files and folders named by an editor (`directory check fiche.yaml`): a folder in full;
    a file with every problem a run on its folder reports about it (so a likely duplicate of
    another entry is found too)."""
    result = CatalogueLoad()
    today = today or date.today()
    folders: dict[Path, CatalogueLoad] = {}
    for path in paths:
        if path.is_dir():
            found = load_catalogue(path, geo, today, stale_after_days)
            result.files += found.files
            result.entries += found.entries
            result.problems += found.problems
            continue
        result.files += 1
        shown = relative(path)
        if not path.exists():
            result.problems.append(
                Problem(shown, "fichier introuvable : vérifiez le chemin et le nom de la fiche")
            )
        elif path.suffix.lower() not in SUFFIXES:
            result.problems.append(
                Problem(shown, "ce n'est pas une fiche : seuls les fichiers .yaml sont lus")
            )
        elif path.name.startswith(("_", ".")):
            result.problems += _check_template(path, geo, today, stale_after_days, result)
        else:
            parent = path.parent.resolve()
            if parent not in folders:
                folders[parent] = load_catalogue(path.parent, geo, today, stale_after_days)
            shown = f"{relative(path.parent)}/{path.name}"
            result.entries += [e for e in folders[parent].entries if e.file == shown]
            result.problems += [p for p in folders[parent].problems if p.file == shown]
    return result


def _check_template(
    path: Path, geo: Geography, today: date, stale_after_days: int, result: CatalogueLoad
) -> list[Problem]:
    """A file the site does not read (the template, named _…): checked alone, and said so."""
    note = Problem(
        relative(path),
        "ce fichier commence par « _ » : le site ne le lit pas (c'est le modèle) ; copiez-le "
        "sous un autre nom pour en faire une fiche",
        severity=Severity.WARNING,
        topic="fichier non lu par le site",
    )
    loaded = load_file(path, geo, named_as_entry=False)
    if not isinstance(loaded, LoadedEntry):
        return [note, *loaded]
    problems = entry_problems(loaded, geo, today, stale_after_days)
    if not any(p.is_error for p in problems):
        result.entries.append(loaded)
    return [note, *problems]
