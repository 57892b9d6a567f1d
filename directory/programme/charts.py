"""Charts drawn on the server as SVG by pygal, from the protected tables (hidden cells stay
gaps). No script runs: each chart is an image with a text alternative, next to its table."""

from __future__ import annotations

from collections.abc import Callable

import pygal
from pygal.style import Style

from directory.programme.figures import Table
from directory.programme.indicators import Indicators

# Contrast at least 4.5:1 on white for every series colour, text in the site's font.
STYLE = Style(
    background="#ffffff",
    plot_background="#ffffff",
    foreground="#1b1b1b",
    foreground_strong="#1b1b1b",
    foreground_subtle="#4a4a4a",
    font_family='system-ui, "DejaVu Sans", sans-serif',
    label_font_size=13,
    major_label_font_size=13,
    legend_font_size=14,
    title_font_size=17,
    value_font_size=13,
    colors=("#0b3954", "#b5470b", "#1e6b35", "#5b2a86", "#8a6100"),
    opacity="1",  # solid fills keep the colours above 3:1 against white
    opacity_hover="1",
)
CONFIG = {
    "style": STYLE,
    "js": [],  # no script: the chart is a plain image
    "disable_xml_declaration": True,
    "width": 800,
    "height": 400,
    "legend_at_bottom": True,
    "print_values": False,
    "truncate_label": 40,
    "truncate_legend": 60,
    "no_data_text": "Rien à afficher",
}


def _value(table: Table, row: int, column: int) -> float | None:
    return table.lignes[row].cellules[column].valeur


def _rows(table: Table) -> list[int]:
    return [i for i, row in enumerate(table.lignes) if not row.total]


def progress(indicators: Indicators) -> str:
    chart = pygal.HorizontalBar(title="Réalisé et objectif", **CONFIG)
    chart.x_labels = [p.libelle for p in indicators.avancement]
    chart.add("Réalisé", [p.realise for p in indicators.avancement])
    chart.add("Objectif", [p.objectif for p in indicators.avancement])
    return str(chart.render(is_unicode=True))


def monthly(indicators: Indicators) -> str:
    table = indicators.tableaux["mois"]
    rows = _rows(table)
    chart = pygal.StackedBar(title="Entretiens par mois", x_label_rotation=30, **CONFIG)
    chart.x_labels = [table.lignes[r].libelle for r in rows]
    chart.add("Sur place", [_value(table, r, 0) for r in rows])
    chart.add("Par téléphone", [_value(table, r, 1) for r in rows])
    return str(chart.render(is_unicode=True))


def _one_column(indicators: Indicators, table_id: str, title: str, column: int = 0) -> str:
    table = indicators.tableaux[table_id]
    rows = _rows(table)
    chart = pygal.HorizontalBar(title=title, show_legend=False, **CONFIG)
    chart.x_labels = [table.lignes[r].libelle for r in rows]
    chart.add(table.colonnes[column], [_value(table, r, column) for r in rows])
    return str(chart.render(is_unicode=True))


def territories(indicators: Indicators) -> str:
    table = indicators.tableaux["territoires"]
    rows = _rows(table)
    chart = pygal.Bar(title="Entretiens par territoire", **CONFIG)
    chart.x_labels = [table.lignes[r].libelle for r in rows]
    chart.add("Sur place", [_value(table, r, 0) for r in rows])
    chart.add("Par téléphone", [_value(table, r, 1) for r in rows])
    return str(chart.render(is_unicode=True))


CHARTS: dict[str, tuple[str, Callable[[Indicators], str]]] = {
    "avancement": ("Réalisé et objectif de chaque indicateur", progress),
    "mois": ("Entretiens sur place et par téléphone, mois par mois", monthly),
    "territoires": ("Entretiens par territoire", territories),
    "besoins": (
        "Besoins exprimés",
        lambda i: _one_column(i, "besoins", "Besoins exprimés"),
    ),
    "reponse": (
        "L'annuaire avait-il une solution ?",
        lambda i: _one_column(i, "reponse", "L'annuaire avait-il une solution ?"),
    ),
}


def render_chart(name: str, indicators: Indicators) -> str:
    return CHARTS[name][1](indicators)
