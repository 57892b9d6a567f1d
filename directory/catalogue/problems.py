"""A problem found in an editor's file (file, line, column, field, French message) and reports."""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import asdict, dataclass
from enum import StrEnum
from pathlib import Path


class Severity(StrEnum):
    ERROR = "erreur"
    WARNING = "avertissement"


@dataclass(frozen=True)
class Problem:
    file: str
    message: str
    severity: Severity = Severity.ERROR
    field: str | None = None
    line: int | None = None
    column: int | None = None

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR

    def location(self) -> str:
        parts = []
        if self.line is not None:
            parts.append(f"ligne {self.line}" + (f", colonne {self.column}" if self.column else ""))
        if self.field:
            parts.append(self.field)
        return " · ".join(parts)

    def one_line(self) -> str:
        """file:line:column: severity: field: message (the format editors' tools understand)."""
        where = self.file
        if self.line is not None:
            where += f":{self.line}" + (f":{self.column}" if self.column else "")
        field = f"{self.field} : " if self.field else ""
        return f"{where}: {self.severity.value}: {field}{self.message}"


def relative(path: Path, root: Path | None = None) -> str:
    """A path as editors read it: relative to the working directory when possible."""
    base = root or Path.cwd()
    try:
        return str(path.resolve().relative_to(base.resolve()))
    except ValueError:
        return str(path)


def render_text(problems: list[Problem], files: int, entries: int) -> str:
    """The French report of `directory check`, grouped by file."""
    by_file: dict[str, list[Problem]] = defaultdict(list)
    for problem in problems:
        by_file[problem.file].append(problem)
    lines: list[str] = []
    for file in sorted(by_file):
        items = sorted(by_file[file], key=lambda p: (p.line or 0, p.column or 0))
        mark = "✗" if any(p.is_error for p in items) else "!"
        lines.append(f"{mark} {file}")
        for problem in items:
            label = "erreur" if problem.is_error else "attention"
            where = problem.location()
            lines.append(f"    {label} · {where + ' · ' if where else ''}{problem.message}")
    errors = sum(p.is_error for p in problems)
    warnings = len(problems) - errors
    files_with_errors = len({p.file for p in problems if p.is_error})
    summary = f"{files} fichier{'s' if files > 1 else ''} lu{'s' if files > 1 else ''}"
    summary += f", {entries} fiche{'s' if entries > 1 else ''} valide{'s' if entries > 1 else ''}"
    summary += f", {errors} erreur{'s' if errors > 1 else ''}"
    if errors:
        summary += f" dans {files_with_errors} fichier{'s' if files_with_errors > 1 else ''}"
    summary += f", {warnings} avertissement{'s' if warnings > 1 else ''}."
    lines.append("")
    lines.append(summary)
    lines.append(
        "Le catalogue n'est pas valide : corrigez les erreurs ci-dessus."
        if errors
        else "Le catalogue est valide."
    )
    return "\n".join(lines)


def render_json(problems: list[Problem], files: int, entries: int) -> str:
    payload = {
        "fichiers": files,
        "fiches_valides": entries,
        "erreurs": sum(p.is_error for p in problems),
        "avertissements": sum(not p.is_error for p in problems),
        "problemes": [{**asdict(p), "severity": p.severity.value} for p in problems],
    }
    return json.dumps(payload, ensure_ascii=False, indent=2)
