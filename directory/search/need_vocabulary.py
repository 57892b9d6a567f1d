"""The needs vocabulary of data/besoins.yaml: expressions people type -> what the search does.

A need says which entries answer it (`fiches`: categories, purposes the entry names, publics,
statuses, features), which words to look for as well (`mots`) and which prerequisites rule an
entry out (`ecarte`: « pas de permis » sets aside entries that need a driving licence). Editors
extend it; `directory check` reports its problems with their line.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, NamedTuple

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, ValidationError

from directory.catalogue.messages import format_path, message_for
from directory.catalogue.problems import Problem, Severity, relative
from directory.catalogue.yaml_reader import YamlError, read_yaml_bytes
from directory.models import Solution
from directory.vocabulary import Category, Feature, Prerequisite, Public, Purpose, Status

NEEDS_FILE = "besoins.yaml"
NEED_TOKEN_PREFIX = "besoin"  # the word an entry's `besoins` field holds for each need

NeedId = Annotated[str, StringConstraints(pattern=r"^[a-z0-9]+(?:-[a-z0-9]+)*$", max_length=60)]
Text = Annotated[str, StringConstraints(min_length=1, max_length=200, strip_whitespace=True)]


class EntryCriteria(BaseModel):
    """Entries that answer a need: every kind given must match (one value of it is enough)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    categories: tuple[Category, ...] = ()
    motifs: tuple[Purpose, ...] = Field(
        default=(), description="Motifs que la fiche cite (une fiche sans motif n'en cite aucun)."
    )
    publics: tuple[Public, ...] = ()
    statuts: tuple[Status, ...] = ()
    caracteristiques: tuple[Feature, ...] = ()

    def checks(self) -> tuple[tuple[int, frozenset[str]], ...]:
        """(position in EntryFacts, values wanted) for each kind given."""
        kinds = (self.categories, self.motifs, self.publics, self.statuts, self.caracteristiques)
        return tuple((i, frozenset(kind)) for i, kind in enumerate(kinds) if kind)

    def matches(self, entry: EntryFacts) -> bool:
        checks = self.checks()
        return bool(checks) and all(not entry[i].isdisjoint(wanted) for i, wanted in checks)


class EntryFacts(NamedTuple):
    """What needs look at in an entry, read once per entry (in EntryCriteria's order)."""

    categories: frozenset[str]
    motifs: frozenset[str]
    publics: frozenset[str]
    statuts: frozenset[str]
    caracteristiques: frozenset[str]

    @classmethod
    def of(cls, solution: Solution) -> EntryFacts:
        return cls(
            frozenset({solution.categorie.value}),
            frozenset(m.value for m in solution.motifs),
            frozenset(p.value for p in solution.publics),
            frozenset(s.value for s in solution.eligibilite.statuts),
            frozenset(f.value for f in solution.caracteristiques),
        )


class NeedRule(BaseModel):
    """One need of data/besoins.yaml."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: NeedId
    libelle: Text
    expressions: tuple[Text, ...] = Field(min_length=1)
    fiches: tuple[EntryCriteria, ...] = ()
    mots: tuple[Text, ...] = ()
    ecarte: tuple[Prerequisite, ...] = ()

    @property
    def token(self) -> str:
        """One word, in no text, that entries answering the need carry ('besoinsansvoiture')."""
        return NEED_TOKEN_PREFIX + self.id.replace("-", "")

    @property
    def about_the_person(self) -> bool:
        """« je suis jeune »: who the person is, not what they look for. It ranks entries meant
        for them first, but never leaves out an entry for everyone."""
        return bool(self.fiches) and all(
            not (c.categories or c.motifs or c.caracteristiques) for c in self.fiches
        )

    def answered_by(self, entry: EntryFacts) -> bool:
        return any(criteria.matches(entry) for criteria in self.fiches)


NeedMatcher = tuple[str, tuple[tuple[tuple[int, frozenset[str]], ...], ...]]


def need_matchers(needs: tuple[NeedRule, ...]) -> list[NeedMatcher]:
    """Each need's token with its criteria ready to test, for indexing many entries."""
    return [(need.token, tuple(c.checks() for c in need.fiches)) for need in needs]


def tokens_answered(entry: EntryFacts, matchers: list[NeedMatcher]) -> list[str]:
    return [
        token
        for token, alternatives in matchers
        if any(
            checks and all(not entry[i].isdisjoint(wanted) for i, wanted in checks)
            for checks in alternatives
        )
    ]


@dataclass(frozen=True)
class NeedsLoad:
    needs: tuple[NeedRule, ...]
    problems: list[Problem]

    @property
    def ok(self) -> bool:
        return not any(p.is_error for p in self.problems)


def load_needs(data_dir: Path) -> NeedsLoad:
    """Every valid need of data/besoins.yaml, and the problems found (file, line, field)."""
    path = data_dir / NEEDS_FILE
    shown = relative(path)
    try:
        document = read_yaml_bytes(path.read_bytes(), root=list)
    except FileNotFoundError:
        return NeedsLoad((), [])  # no vocabulary: the search works without needs
    except OSError as error:
        return NeedsLoad((), [Problem(shown, f"fichier illisible : {error.strerror}")])
    except YamlError as error:
        where = error.position
        line, column = (where.line, where.column) if where else (None, None)
        return NeedsLoad((), [Problem(shown, error.message, line=line, column=column)])
    raw = document.data if document.data is not None else []
    if not isinstance(raw, list):
        return NeedsLoad(
            (), [Problem(shown, "le fichier doit être une liste : un besoin par « - »")]
        )
    needs: list[NeedRule] = []
    problems: list[Problem] = []
    for index, item in enumerate(raw):
        try:
            need = NeedRule.model_validate(item)
        except ValidationError as error:
            for detail in error.errors():
                field_path, message = message_for(detail, NeedRule)
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
        problems += _meaning_problems(need, needs, shown, document.locate((index,)))
        needs.append(need)
    return NeedsLoad(tuple(needs), problems)


def _meaning_problems(
    need: NeedRule, before: Sequence[NeedRule], shown: str, where: object
) -> list[Problem]:
    line = getattr(where, "line", None)
    problems = []
    if any(other.id == need.id for other in before):
        problems.append(
            Problem(
                shown, f"besoin « {need.id} » en double : changez son id", field="id", line=line
            )
        )
    if not (need.fiches or need.mots or need.ecarte):
        problems.append(
            Problem(
                shown,
                f"le besoin « {need.id} » ne fait rien : indiquez des « fiches », des « mots » "
                "ou ce qu'il « ecarte »",
                severity=Severity.WARNING,
                field=need.id,
                line=line,
            )
        )
    return problems
