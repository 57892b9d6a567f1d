"""Published tables and their protection: no figure describes fewer than five people.

A table counts people in some columns (`people`). Cells from 1 to 4 are hidden (primary
suppression). Where a row or a column adds up to a shown total, one hidden cell could be
worked out by subtraction: further cells are hidden until every such group hides either
nothing or at least two cells that together count five people or more (secondary
suppression).
"""

from __future__ import annotations

from collections.abc import Sequence

from pydantic import BaseModel, Field

K = 5  # the smallest number of people a published figure may describe
HIDDEN_LABEL = "moins de 5"


class Cell(BaseModel):
    valeur: float | None = Field(description="La valeur, ou null quand elle est masquée.")
    masque: bool = Field(default=False, description="Masquée : moins de 5 personnes.")
    personnes: bool = Field(default=False, description="Compte des personnes (seuil de 5).")


class Row(BaseModel):
    libelle: str
    cellules: list[Cell]
    total: bool = False


class Table(BaseModel):
    id: str
    titre: str
    unite: str = Field(description="Ce que comptent les cellules.")
    colonnes: list[str]
    lignes: list[Row]
    note: str | None = None

    @property
    def masked(self) -> bool:
        return any(cell.masque for row in self.lignes for cell in row.cellules)

    def column(self, index: int) -> list[float | None]:
        return [row.cellules[index].valeur for row in self.lignes if not row.total]


Position = tuple[int, int]


def protect(
    values: Sequence[Sequence[float]],
    people: Sequence[bool],
    row_total: bool = False,
    column_total: bool = False,
) -> set[Position]:
    """Positions to hide. `row_total`: the last column is each row's total; `column_total`:
    the last row is each column's total. Only `people` columns are ever hidden."""
    rows, columns = len(values), len(people)
    hidden = {
        (r, c) for r in range(rows) for c in range(columns) if people[c] and 0 < values[r][c] < K
    }
    groups: list[list[Position]] = []
    if row_total:
        counted = [c for c in range(columns - 1) if people[c]]
        if people[columns - 1] and counted:
            groups += [[(r, c) for c in counted] + [(r, columns - 1)] for r in range(rows)]
    if column_total:
        groups += [[(r, c) for r in range(rows)] for c in range(columns) if people[c] and rows > 1]
    changed = True
    while changed:
        changed = False
        for group in groups:
            inside = [p for p in group if p in hidden]
            if not inside:
                continue
            parts = [p for p in inside if p != group[-1]]
            total_shown = group[-1] not in hidden
            weak = len(inside) == 1 or (total_shown and sum(_at(values, p) for p in parts) < K)
            if weak:
                extra = _next_to_hide(values, group, hidden)
                if extra is not None:
                    hidden.add(extra)
                    changed = True
    return hidden


def _at(values: Sequence[Sequence[float]], position: Position) -> float:
    return values[position[0]][position[1]]


def _next_to_hide(
    values: Sequence[Sequence[float]], group: list[Position], hidden: set[Position]
) -> Position | None:
    """The smallest shown cell of the group (a non-zero one if any), the total last."""
    shown = [p for p in group if p not in hidden]
    if not shown:
        return None
    parts = [p for p in shown if p != group[-1]] or shown
    nonzero = [p for p in parts if _at(values, p) > 0] or parts
    return min(nonzero, key=lambda p: (_at(values, p), p))


def build_table(
    id: str,
    titre: str,
    unite: str,
    colonnes: list[str],
    labels: list[str],
    values: Sequence[Sequence[float]],
    people: list[bool],
    row_total: bool = False,
    column_total: bool = False,
    note: str | None = None,
) -> Table:
    """A table whose people cells are protected; the last row is the total if `column_total`."""
    hidden = protect(values, people, row_total, column_total)
    rows = []
    for r, label in enumerate(labels):
        cells = [
            Cell(
                valeur=None if (r, c) in hidden else values[r][c],
                masque=(r, c) in hidden,
                personnes=people[c],
            )
            for c in range(len(colonnes))
        ]
        rows.append(Row(libelle=label, cellules=cells, total=column_total and r == len(labels) - 1))
    return Table(id=id, titre=titre, unite=unite, colonnes=colonnes, lignes=rows, note=note)
