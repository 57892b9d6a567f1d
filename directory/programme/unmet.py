"""Needs nobody answers: sessions whose need was not met, and public searches that found
nothing, by intercommunality and commune — protected like every published figure."""

from __future__ import annotations

from datetime import date

from pydantic import BaseModel, Field
from sqlalchemy import func
from sqlmodel import Session, col, select

from directory.geo import Geography
from directory.programme import queries as q
from directory.programme.fields import NEED_LABELS
from directory.programme.figures import K, Table, build_table
from directory.programme.search_gaps import MIN_SEEN
from directory.programme.tables import SearchGap

CLASSES = ((20, "20 et plus"), (10, "10 à 19"), (K, "5 à 9"))
OUTSIDE = "Hors Hérault ou commune non renseignée"


class CommuneNeed(BaseModel):
    code: str
    nom: str
    classe: str | None = Field(description="Tranche, ou null : aucun ou moins de 5.")


class SearchWord(BaseModel):
    mot: str
    commune: str | None
    nombre: int


class UnmetNeeds(BaseModel):
    debut: date | None
    fin: date
    perimetre: str
    par_intercommunalite: Table
    communes: list[CommuneNeed]
    recherches: list[SearchWord]


def unmet_needs(db: Session, s: q.Slice, geo: Geography, scope_label: str) -> UnmetNeeds:
    by_epci = q.tag_by_epci(db, s, "non-couvert")
    herault = sorted(
        {c.epci for c in geo.communes.values() if c.departement == "34" and c.epci},
        key=lambda code: geo.epcis[code].nom,
    )
    needs = list(NEED_LABELS)
    rows, values = [], []
    for epci in herault:
        line = [float(by_epci.get((need, epci), 0)) for need in needs]
        if any(line):
            rows.append(geo.epcis[epci].nom)
            values.append(line)
    outside = [
        float(
            sum(n for (need, epci), n in by_epci.items() if need == wanted and epci not in herault)
        )
        for wanted in needs
    ]
    if any(outside):
        rows.append(OUTSIDE)
        values.append(outside)
    table = build_table(
        "besoins_epci",
        "Besoins restés sans solution, par intercommunalité d'habitation",
        "entretiens",
        [NEED_LABELS[n] for n in needs],
        rows,
        values,
        [True] * len(needs),
        note="Un entretien peut compter plusieurs besoins.",
    )
    per_commune = q.tag_by_commune(db, s, "non-couvert")
    communes = []
    for code, count in sorted(per_commune.items()):
        commune = geo.communes.get(code)
        if commune is None or commune.departement != "34":
            continue
        label = next((name for floor, name in CLASSES if count >= floor), None)
        communes.append(CommuneNeed(code=code, nom=commune.nom, classe=label))
    return UnmetNeeds(
        debut=s.start,
        fin=s.end,
        perimetre=scope_label,
        par_intercommunalite=table,
        communes=communes,
        recherches=search_words(db, s.start, s.end, geo),
    )


def search_words(db: Session, start: date | None, end: date, geo: Geography) -> list[SearchWord]:
    """Words of searches without result, per commune searched, seen at least 5 times."""
    where = [col(SearchGap.jour) <= end]
    if start:
        where.append(col(SearchGap.jour) >= start)
    query = (
        select(SearchGap.mot, SearchGap.commune, func.sum(SearchGap.nombre))
        .where(*where)
        .group_by(SearchGap.mot, SearchGap.commune)
    )
    found = []
    for word, commune, total in db.exec(query):
        if int(total) >= MIN_SEEN:
            name = geo.communes[commune].nom if commune in geo.communes else None
            found.append(SearchWord(mot=word, commune=name, nombre=int(total)))
    found.sort(key=lambda w: (-w.nombre, w.mot, w.commune or ""))
    return found
