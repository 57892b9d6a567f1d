"""A problem found in an editor's file (file, line, column, field, French message) and reports."""

from __future__ import annotations

import json
from collections import Counter, defaultdict
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
    topic: str | None = None  # a short label grouping warnings (« source ancienne »)

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


def _plural(count: int, singular: str, plural: str | None = None) -> str:
    return f"{count} {singular if count <= 1 else (plural or singular + 's')}"


def _by_file(problems: list[Problem]) -> list[str]:
    by_file: dict[str, list[Problem]] = defaultdict(list)
    for problem in problems:
        by_file[problem.file].append(problem)
    lines: list[str] = []
    for file in sorted(by_file):
        items = sorted(by_file[file], key=lambda p: (p.line or 0, p.column or 0))
        lines.append(f"{'✗' if items[0].is_error else '!'} {file}")
        for problem in items:
            label = "erreur" if problem.is_error else "attention"
            where = problem.location()
            lines.append(f"    {label} · {where + ' · ' if where else ''}{problem.message}")
    return lines


def render_text(
    problems: list[Problem],
    files: int,
    entries: int,
    *,
    errors_only: bool = False,
    subject: str = "Le catalogue",
) -> str:
    """The French report of `directory check`: errors first, apart from the warnings, then a
    summary that names the files to fix (the last lines are the ones a terminal shows)."""
    errors = [p for p in problems if p.is_error]
    warnings = [p for p in problems if not p.is_error]
    lines: list[str] = []
    if errors:
        lines += [f"ERREURS ({len(errors)}) — à corriger : elles bloquent la publication", ""]
        lines += [*_by_file(errors), ""]
    if warnings and not errors_only:
        lines += [f"AVERTISSEMENTS ({len(warnings)}) — à traiter : ils ne bloquent rien", ""]
        lines += [*_by_file(warnings), ""]
    error_files = sorted({p.file for p in errors})
    summary = f"{_plural(files, 'fichier')} {'lus' if files > 1 else 'lu'}"
    summary += f", {_plural(entries, 'fiche valide', 'fiches valides')}"
    summary += f", {_plural(len(errors), 'erreur')}"
    if errors:
        summary += f" dans {_plural(len(error_files), 'fichier')}"
    summary += f", {_plural(len(warnings), 'avertissement')}"
    topics = Counter(p.topic or "autre" for p in warnings)
    if any(p.topic for p in warnings):
        ranked = sorted(topics.items(), key=lambda item: (-item[1], item[0]))
        summary += " (" + ", ".join(f"{topic} : {n}" for topic, n in ranked) + ")"
    lines.append(summary + ".")
    if warnings and errors_only:
        lines.append("Avertissements masqués (--erreurs-seulement).")
    if errors:
        lines.append("À corriger : " + ", ".join(error_files) + ".")
        lines.append(f"{subject} n'est pas valide : corrigez les erreurs ci-dessus.")
    else:
        lines.append(f"{subject} est valide.")
    return "\n".join(lines)


def render_json(
    problems: list[Problem], files: int, entries: int, *, errors_only: bool = False
) -> str:
    """The same report for tools: errors first, then warnings (left out with errors_only)."""
    errors = [p for p in problems if p.is_error]
    warnings = [p for p in problems if not p.is_error]
    shown = errors if errors_only else errors + warnings
    payload = {
        "fichiers": files,
        "fiches_valides": entries,
        "erreurs": len(errors),
        "avertissements": len(warnings),
        "problemes": [{**asdict(p), "severity": p.severity.value} for p in shown],
    }
    return json.dumps(payload, ensure_ascii=False, indent=2)
