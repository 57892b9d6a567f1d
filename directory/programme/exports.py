"""Exports of the protected tables: CSV (one line per figure) and a spreadsheet (one sheet per
table). Hidden figures stay hidden: the value is empty and the line says why."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable

from openpyxl import Workbook
from openpyxl.styles import Font

from directory.programme.figures import HIDDEN_LABEL, Table

CSV_COLUMNS = ["tableau", "ligne", "colonne", "valeur", "remarque"]


def _lines(tables: Iterable[Table]) -> Iterable[list[str]]:
    for table in tables:
        for row in table.lignes:
            for column, cell in zip(table.colonnes, row.cellules, strict=True):
                if cell.masque:
                    value, remark = "", HIDDEN_LABEL + " personnes (masqué)"
                elif cell.valeur is None:
                    value, remark = "", "non renseigné"
                else:
                    value, remark = _number(cell.valeur), ""
                yield [table.titre, row.libelle, column, value, remark]


def _number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:.1f}"


def to_csv(tables: Iterable[Table], heading: list[str]) -> str:
    """Semicolon-separated, UTF-8 with BOM: opens as-is in a French spreadsheet."""
    out = io.StringIO()
    out.write("\ufeff")
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    for line in heading:
        writer.writerow([f"# {line}"])
    writer.writerow(CSV_COLUMNS)
    writer.writerows(_lines(tables))
    return out.getvalue()


def to_xlsx(tables: Iterable[Table], heading: list[str]) -> bytes:
    book = Workbook()
    about = book.active
    assert about is not None
    about.title = "À lire"
    for line in heading:
        about.append([line])
    about.append([f"« {HIDDEN_LABEL} » : chiffre masqué pour qu'aucune personne ne soit reconnue."])
    bold = Font(bold=True)
    for index, table in enumerate(tables, start=1):
        title = re.sub(r"[\[\]:*?/\\]", "-", f"{index:02d} {table.titre}")[:31]
        sheet = book.create_sheet(title)
        sheet.append([table.titre, f"({table.unite})"])
        sheet.append(["", *table.colonnes])
        for cell in sheet[2]:
            cell.font = bold
        for row in table.lignes:
            values: list[object] = [row.libelle]
            for cell in row.cellules:
                values.append(HIDDEN_LABEL if cell.masque else cell.valeur)
            sheet.append(values)
        if table.note:
            sheet.append([])
            sheet.append([table.note])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
