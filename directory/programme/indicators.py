"""The programme's indicators: progress against targets, month by month, by territory and
structure, who came and for what, outcomes and estimated effects — every table protected."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from pydantic import BaseModel, Field
from sqlmodel import Session

from directory.geo import Geography
from directory.matching.situation import Constraint
from directory.programme import queries as q
from directory.programme.effects import Effect, Factors, TripTotal, estimate
from directory.programme.fields import NEED_LABELS
from directory.programme.figures import K, Table, build_table
from directory.programme.tables import FollowUp
from directory.programme.targets import INDICATORS, Period
from directory.programme.vocabulary import (
    AgeBracket,
    Channel,
    Duration,
    Employment,
    EventKind,
    NeedMet,
    SolutionUse,
    Theme,
)
from directory.vocabulary import Status

MONTHS = (
    "janv.",
    "févr.",
    "mars",
    "avr.",
    "mai",
    "juin",
    "juil.",
    "août",
    "sept.",
    "oct.",
    "nov.",
    "déc.",
)
MERGED = "Autres (regroupées, moins de 5 chacune)"
NOT_GIVEN = "Non renseigné"


class Progress(BaseModel):
    indicateur: str
    libelle: str
    realise: int | None = Field(description="Null : moins de 5 personnes, masqué.")
    objectif: int | None
    taux: float | None = Field(description="Réalisé / objectif, en %.")


class Indicators(BaseModel):
    periode: str
    periode_nom: str
    debut: date | None
    fin: date
    perimetre: str = Field(description="La structure, ou « Tout le programme ».")
    structure: str | None
    calcule_le: date
    avancement: list[Progress]
    tableaux: dict[str, Table]
    effets: list[Effect]
    effets_personnes: int | None = Field(description="Personnes dont les trajets sont comptés.")


def month_label(month: q.Month) -> str:
    return f"{MONTHS[month[1] - 1]} {month[0]}"


def months_between(start: date, end: date) -> list[q.Month]:
    months, (year, month) = [], (start.year, start.month)
    while (year, month) <= (end.year, end.month):
        months.append((year, month))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return months


def build_indicators(
    db: Session,
    period: Period,
    structure: str | None,
    scope_label: str,
    geo: Geography,
    factors: Factors,
    today: date,
    structure_names: dict[str, str],
    epcis: frozenset[str] | None = None,
) -> Indicators:
    end = min(period.fin, today)
    s = q.Slice(structure, period.debut, end, epcis)
    cube = q.session_cube(db, s)
    tags = q.all_tag_counts(db, s)
    channels = q.grouped(cube.by("canal", "territoire"))
    by_channel = {c.value: sum(n for n in channels.get(c, {}).values()) for c in Channel}
    events = q.events_by(db, s, _territory_column())
    event_counts = {
        kind.value: sum(n for (k, _), (n, _p) in events.items() if k == kind.value)
        for kind in EventKind
    }
    tables: dict[str, Table] = {}
    tables["mois"] = monthly_table(db, s, period)
    tables["territoires"] = territory_table(channels, events, geo)
    if structure is None and epcis is None:
        tables["structures"] = structure_table(db, s, cube, structure_names)
    tables["ages"] = age_table(cube)
    tables["situations"] = distribution_table(
        db, s, tags, "statut", "situations", "Situation des personnes", _labels(Status)
    )
    tables["contraintes"] = distribution_table(
        db, s, tags, "contrainte", "contraintes", "Contraintes des personnes", _labels(Constraint)
    )
    tables["besoins"] = distribution_table(
        db, s, tags, "besoin", "besoins", "Besoins exprimés", NEED_LABELS
    )
    tables["reponse"] = answer_table(cube)
    tables["non_couverts"] = distribution_table(
        db, s, tags, "non-couvert", "non_couverts", "Besoins restés sans solution", NEED_LABELS
    )
    travellers = q.people_with_trips(db, s)
    tables["suivi"] = follow_up_table(db, s, travellers)
    tables["themes"] = theme_table(q.events_by(db, s, _theme_column()))
    tables["organisations"] = organisation_table(db, s)
    tables["ressources"] = resources_table(db, s, cube, by_channel, event_counts)
    effects, people = effects_of(db, s, factors, travellers)
    tables["effets"] = effects_table(effects, people, factors)
    realised = {
        "entretiens_sur_place": by_channel[Channel.SUR_PLACE.value],
        "entretiens_telephone": by_channel[Channel.TELEPHONE.value],
        "ateliers": event_counts[EventKind.ATELIER.value],
        "sensibilisations": event_counts[EventKind.SENSIBILISATION.value],
    }
    targets = period.targets(structure)
    progress = []
    for key, label in INDICATORS.items():
        count = realised[key]
        people_count = key.startswith("entretiens")
        shown = None if people_count and 0 < count < K else count
        target = targets.get(key)
        progress.append(
            Progress(
                indicateur=key,
                libelle=label,
                realise=shown,
                objectif=target,
                taux=round(100 * shown / target, 1) if shown is not None and target else None,
            )
        )
    tables["avancement"] = progress_table(progress)
    return Indicators(
        periode=period.id,
        periode_nom=period.nom,
        debut=period.debut,
        fin=period.fin,
        perimetre=scope_label,
        structure=structure,
        calcule_le=today,
        avancement=progress,
        tableaux=tables,
        effets=effects if people is not None else [],
        effets_personnes=people,
    )


def _territory_column() -> object:
    from directory.programme.tables import GroupEvent

    return GroupEvent.territoire


def _theme_column() -> object:
    from directory.programme.tables import GroupEvent

    return GroupEvent.theme


def _labels(enum: object) -> dict[str, str]:
    return {member.value: member.label for member in enum}  # type: ignore[attr-defined]


def progress_table(progress: list[Progress]) -> Table:
    values = [[float(p.realise or 0), float(p.objectif or 0)] for p in progress]
    table = build_table(
        "avancement",
        "Avancement par rapport aux objectifs",
        "entretiens ou actions",
        ["Réalisé", "Objectif"],
        [p.libelle for p in progress],
        values,
        [False, False],
    )
    for row, p in zip(table.lignes, progress, strict=True):
        if p.realise is None:
            row.cellules[0].valeur, row.cellules[0].masque = None, True
        if p.indicateur.startswith("entretiens"):
            row.cellules[0].personnes = True
        if p.objectif is None:
            row.cellules[1].valeur = None
    return table


def monthly_table(db: Session, s: q.Slice, period: Period) -> Table:
    start = s.start or q.first_day(db, s) or s.end
    months = months_between(start, s.end) if start <= s.end else []
    sessions = q.sessions_by_month(db, s)
    events = q.events_by_month(db, s)
    values: list[list[float]] = []
    for month in months:
        place = sessions.get((month, Channel.SUR_PLACE.value), 0)
        phone = sessions.get((month, Channel.TELEPHONE.value), 0)
        workshops = events.get((month, EventKind.ATELIER.value), (0, 0, 0))
        awareness = events.get((month, EventKind.SENSIBILISATION.value), (0, 0, 0))
        values.append(
            [place, phone, place + phone, workshops[0], workshops[1], awareness[0], awareness[2]]
        )
    totals = [float(sum(column)) for column in zip(*values, strict=True)] if values else [0.0] * 7
    return _monthly_with_row_totals(months, values, totals)


def _monthly_with_row_totals(
    months: list[q.Month], values: list[list[float]], totals: list[float]
) -> Table:
    # Sessions (columns 0-2) add up by row and by column; the other columns only by column.
    sessions = build_table(
        "mois",
        "Mois par mois",
        "entretiens",
        ["Entretiens sur place", "Entretiens par téléphone", "Entretiens (total)"],
        [month_label(m) for m in months] + ["Total"],
        [row[:3] for row in [*values, totals]],
        [True, True, True],
        row_total=True,
        column_total=True,
    )
    others = build_table(
        "mois",
        "Mois par mois",
        "actions",
        [
            "Ateliers",
            "Participants aux ateliers",
            "Sensibilisations",
            "Professionnels sensibilisés",
        ],
        [month_label(m) for m in months] + ["Total"],
        [row[3:] for row in [*values, totals]],
        [False, True, False, True],
        column_total=True,
    )
    for row, extra in zip(sessions.lignes, others.lignes, strict=True):
        row.cellules += extra.cellules
    sessions.colonnes += others.colonnes
    sessions.unite = "entretiens, actions et participants"
    return sessions


def territory_table(
    channels: dict[object, dict[str, int]],
    events: dict[tuple[str, str], tuple[int, int]],
    geo: Geography,
) -> Table:
    ids = list(geo.territories)
    values = []
    for territory in ids:
        place = channels.get(Channel.SUR_PLACE, {}).get(territory, 0)
        phone = channels.get(Channel.TELEPHONE, {}).get(territory, 0)
        workshops = events.get((EventKind.ATELIER.value, territory), (0, 0))[0]
        awareness = events.get((EventKind.SENSIBILISATION.value, territory), (0, 0))[0]
        values.append([place, phone, place + phone, workshops, awareness])
    totals = [float(sum(c)) for c in zip(*values, strict=True)]
    table = build_table(
        "territoires",
        "Par territoire",
        "entretiens et actions",
        ["Sur place", "Par téléphone", "Entretiens (total)", "Ateliers", "Sensibilisations"],
        [geo.territories[t].nom for t in ids] + ["Total"],
        [*values, totals],
        [True, True, True, False, False],
        row_total=False,
        column_total=True,
    )
    return _with_session_row_totals(table, [*values, totals])


def _with_session_row_totals(table: Table, values: Sequence[Sequence[float]]) -> Table:
    """Re-protect the three session columns as a table adding up both ways."""
    inner = build_table(
        table.id,
        table.titre,
        table.unite,
        table.colonnes[:3],
        [row.libelle for row in table.lignes],
        [row[:3] for row in values],
        [True, True, True],
        row_total=True,
        column_total=True,
    )
    for row, protected in zip(table.lignes, inner.lignes, strict=True):
        row.cellules[:3] = protected.cellules
    return table


def structure_table(db: Session, s: q.Slice, cube: q.SessionCube, names: dict[str, str]) -> Table:
    from directory.programme.tables import GroupEvent

    sessions = q.grouped(cube.by("structure", "canal"))
    events = q.events_by(db, s, GroupEvent.structure)
    values = []
    for structure in names:
        by_channel = {
            str(getattr(c, "value", c)): n for c, n in sessions.get(structure, {}).items()
        }
        place = by_channel.get(Channel.SUR_PLACE.value, 0)
        phone = by_channel.get(Channel.TELEPHONE.value, 0)
        workshops = events.get((EventKind.ATELIER.value, structure), (0, 0))[0]
        awareness = events.get((EventKind.SENSIBILISATION.value, structure), (0, 0))[0]
        values.append([place, phone, place + phone, workshops, awareness])
    totals = [float(sum(c)) for c in zip(*values, strict=True)]
    table = build_table(
        "structures",
        "Par structure",
        "entretiens et actions",
        ["Sur place", "Par téléphone", "Entretiens (total)", "Ateliers", "Sensibilisations"],
        [*names.values(), "Total"],
        [*values, totals],
        [True, True, True, False, False],
        column_total=True,
    )
    return _with_session_row_totals(table, [*values, totals])


def age_table(cube: q.SessionCube) -> Table:
    counts = cube.by("tranche_age")
    by_value = {str(getattr(k[0], "value", k[0])): n for k, n in counts.items()}
    labels, values = [], []
    for bracket in AgeBracket:
        labels.append(bracket.label)
        values.append([float(by_value.get(bracket.value, 0))])
    labels.append(NOT_GIVEN)
    values.append([float(by_value.get("None", 0))])
    labels.append("Total")
    values.append([float(sum(v[0] for v in values))])
    return build_table(
        "ages",
        "Âge des personnes",
        "entretiens",
        ["Entretiens"],
        labels,
        values,
        [True],
        column_total=True,
    )


def distribution_table(
    db: Session,
    s: q.Slice,
    tags: dict[str, dict[str, int]],
    kind: str,
    table_id: str,
    title: str,
    labels: dict[str, str],
) -> Table:
    """A multi-valued category: rows under 5 are merged; the merged row under 5 is hidden."""
    counts = tags.get(kind, {})
    shown = [(labels.get(v, v), n) for v, n in counts.items() if n >= K]
    small = [v for v, n in counts.items() if 0 < n < K]
    shown.sort(key=lambda item: (-item[1], item[0]))
    rows = [label for label, _ in shown]
    values = [[float(n)] for _, n in shown]
    if small:
        rows.append(MERGED)
        values.append([float(q.sessions_with_any(db, s, kind, small))])
    return build_table(
        table_id,
        title,
        "entretiens",
        ["Entretiens"],
        rows,
        values,
        [True],
        note="Une personne peut être comptée dans plusieurs lignes.",
    )


def answer_table(cube: q.SessionCube) -> Table:
    counts = cube.by("besoin_couvert")
    by_value = {str(getattr(k[0], "value", k[0])): n for k, n in counts.items()}
    labels = [m.label for m in NeedMet] + [NOT_GIVEN, "Total"]
    values = [[float(by_value.get(m.value, 0))] for m in NeedMet]
    values.append([float(by_value.get("None", 0))])
    values.append([float(sum(v[0] for v in values))])
    return build_table(
        "reponse",
        "L'annuaire avait-il une solution ?",
        "entretiens",
        ["Entretiens"],
        labels,
        values,
        [True],
        column_total=True,
    )


def follow_up_table(db: Session, s: q.Slice, travellers: int) -> Table:
    used = q.follow_up_counts(db, s, FollowUp.solution_utilisee)
    work = q.follow_up_counts(db, s, FollowUp.emploi)
    total = sum(used.values())
    rows = [("Personnes suivies", total)]
    rows += [(f"Solution utilisée : {u.label.lower()}", used.get(u.value, 0)) for u in SolutionUse]
    rows += [(e.label, work.get(e.value, 0)) for e in Employment]
    rows.append(("Trajets faits sans voiture", travellers))
    return build_table(
        "suivi",
        "Après l'entretien (suivis)",
        "personnes",
        ["Personnes"],
        [label for label, _ in rows],
        [[float(n)] for _, n in rows],
        [True],
        note="Comptés à partir des suivis enregistrés avec la référence de la fiche.",
    )


def theme_table(events: dict[tuple[str, str], tuple[int, int]]) -> Table:
    labels, values = [], []
    for theme in Theme:
        workshops = events.get((EventKind.ATELIER.value, theme.value), (0, 0))
        awareness = events.get((EventKind.SENSIBILISATION.value, theme.value), (0, 0))
        if workshops[0] or awareness[0]:
            labels.append(theme.label)
            values.append([workshops[0], workshops[1], awareness[0], awareness[1]])
    totals = [float(sum(c)) for c in zip(*values, strict=True)] if values else [0.0] * 4
    return build_table(
        "themes",
        "Thèmes des ateliers et sensibilisations",
        "actions et participants",
        ["Ateliers", "Participants", "Sensibilisations", "Participants "],
        [*labels, "Total"],
        [*values, totals],
        [False, True, False, True],
        column_total=True,
    )


def organisation_table(db: Session, s: q.Slice) -> Table:
    from directory.programme.vocabulary import Organisation

    counts = q.event_tags(db, s, "organisation")
    rows = [(o.label, counts.get(o.value, 0)) for o in Organisation if counts.get(o.value)]
    return build_table(
        "organisations",
        "Structures des professionnels sensibilisés",
        "sensibilisations",
        ["Sensibilisations"],
        [r for r, _ in rows],
        [[float(n)] for _, n in rows],
        [False],
        note="Une sensibilisation peut réunir plusieurs types de structures.",
    )


def resources_table(
    db: Session,
    s: q.Slice,
    cube: q.SessionCube,
    by_channel: dict[str, int],
    event_counts: dict[str, int],
) -> Table:
    durations = cube.by("duree")
    minutes, known = 0.0, 0
    for (value,), n in durations.items():
        if value != "None":
            minutes += Duration(value).minutes * n
            known += n
    hours, _unknown = q.event_hours(db, s)
    sessions = sum(by_channel.values())
    rows = [
        ("Entretiens menés", float(sessions)),
        ("Temps d'entretien estimé (heures)", round(minutes / 60, 1) if known >= K else 0.0),
        ("Entretiens dont la durée est connue", float(known)),
        ("Ateliers et sensibilisations", float(sum(event_counts.values()))),
        ("Temps d'atelier et de sensibilisation (heures)", round(hours, 1)),
    ]
    table = build_table(
        "ressources",
        "Moyens mobilisés",
        "entretiens, actions et heures",
        ["Valeur"],
        [r for r, _ in rows],
        [[v] for _, v in rows],
        [False],
        note="Temps d'entretien estimé avec le milieu de chaque tranche de durée "
        "(moins de 30 min = 20 min, 30 à 45 min = 37,5 min…).",
    )
    for index in (0, 2):
        cell = table.lignes[index].cellules[0]
        cell.personnes = True
        if cell.valeur and cell.valeur < K:
            cell.valeur, cell.masque = None, True
    if known < K and known:
        cell = table.lignes[1].cellules[0]
        cell.valeur, cell.masque = None, True
    return table


def effects_of(
    db: Session, s: q.Slice, factors: Factors, travellers: int
) -> tuple[list[Effect], int | None]:
    """Effects per mode; None people when fewer than 5 people report trips (all hidden)."""
    trips = q.trips_by_mode(db, s)
    people = travellers
    if people < K:
        return [], (None if people else 0)
    totals = [
        TripTotal(mode=mode, km_par_an=km * factors.semaines_par_an, personnes=n)
        for mode_value, (km, n) in sorted(trips.items())
        for mode in [_mode(mode_value)]
    ]
    return estimate(totals, factors), people


def _mode(value: str) -> object:
    from directory.programme.vocabulary import TripMode

    return TripMode(value)


def effects_table(effects: list[Effect], people: int | None, factors: Factors) -> Table:
    """Per mode: people, km a year, CO2e avoided. Modes under 5 people are merged."""
    big = [e for e in effects if e.personnes >= K]
    small = [e for e in effects if e.personnes < K]
    rows: list[tuple[str, list[float]]] = [
        (
            e.libelle,
            [e.personnes, e.km_par_an, e.co2e_evite_kg if e.co2e_evite_kg is not None else 0],
        )
        for e in big
    ]
    if small:
        counted = [e for e in small if e.co2e_evite_kg is not None]
        rows.append(
            (
                MERGED,
                [
                    sum(e.personnes for e in small),
                    sum(e.km_par_an for e in small),
                    sum(e.co2e_evite_kg or 0 for e in counted),
                ],
            )
        )
    table = build_table(
        "effets",
        "Effets estimés : trajets faits sans voiture",
        "personnes, km par an, kg CO2e par an",
        ["Personnes", "Km par an sans voiture", "CO2e évité (kg par an, estimation)"],
        [r for r, _ in rows],
        [v for _, v in rows],
        [True, False, False],
        note=(
            "Estimation : km par an = distance × trajets par semaine × "
            f"{factors.semaines_par_an} semaines ; CO2e évité = km × (facteur voiture − facteur du "
            "mode utilisé), facteurs ADEME (Impact CO2, Base Empreinte, "
            f"{factors.source.annee}). Modes sans facteur sourcé non comptés : "
            + ", ".join(m.label.lower() for m in factors.unsourced)
            + "."
        ),
    )
    if people is None or people < K:
        for row in table.lignes:
            for cell in row.cellules:
                cell.valeur, cell.masque = None, True
    for row, effect in zip(table.lignes, [*big, None], strict=False):
        if row.cellules[0].masque:  # a hidden group of people hides its km and CO2e too
            for cell in row.cellules[1:]:
                cell.valeur, cell.masque = None, True
        elif effect is not None and effect.co2e_evite_kg is None:
            row.cellules[2].valeur = None  # no sourced factor: not counted, not hidden
    return table
