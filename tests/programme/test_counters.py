"""The indicators read running counts by month: after every kind of write (count, correction,
follow-up, deletion, import, re-import, purge) they equal a count made again from the records,
and a database upgraded with records in it gets the same counts."""

from __future__ import annotations

import io
from datetime import date, timedelta

import pytest
from pydantic import ValidationError
from sqlalchemy import text
from sqlmodel import Session, select

from directory.cli import main
from directory.db import create_db_engine
from directory.migrations import migrate
from directory.programme.counters import ALL, recount_all
from directory.programme.tables import DeskRecord, SessionCount
from directory.programme.targets import Period
from directory.programme.vocabulary import Role

from .conftest import Space, post_form, signed_in, upload_csv

Row = tuple[str, str, str, str, str, str, int]


def _counts(engine) -> set[Row]:
    with Session(engine) as db:
        return {
            (c.epci, c.structure, c.dimension, c.valeur, c.territoire, c.mois.isoformat(), c.nombre)
            for c in db.exec(select(SessionCount))
        }


def _recounted(engine) -> set[Row]:
    """The counts made again from the records, without keeping them."""
    with Session(engine) as db:
        recount_all(db)
        found = {
            (c.epci, c.structure, c.dimension, c.valeur, c.territoire, c.mois.isoformat(), c.nombre)
            for c in db.exec(select(SessionCount))
        }
        db.rollback()
    return found


def _assert_in_step(space: Space) -> set[Row]:
    counts = _counts(space.engine)
    assert counts == _recounted(space.engine)
    return counts


def test_the_monthly_counts_follow_every_write(space: Space, count) -> None:
    space.account("marie")
    space.account("cheffe", role=Role.COORDINATION)
    client = signed_in(space, "marie")
    last_month = (date.today().replace(day=1) - timedelta(days=3)).isoformat()
    count(client)
    count(client, {"jour": last_month, "commune": "Lodève", "canal": "telephone"})
    count(client, {"contraintes": ["handicap", "sans-voiture"], "tranche_age": ""})
    counts = _assert_in_step(space)
    sessions = {
        (epci, value): n
        for epci, _s, dimension, value, _t, _m, n in counts
        if dimension == "canal" and epci == ALL
    }
    assert sessions == {(ALL, "sur-place"): 2, (ALL, "telephone"): 1}
    with Session(space.engine) as db:
        first, second, third = db.exec(select(DeskRecord).order_by(DeskRecord.id)).all()
    # a correction that moves a session to another month and intercommunality
    moved = post_form(
        client,
        f"/programme/entretiens/{first.id}/modifier",
        f"/programme/entretiens/{first.id}/modifier",
        {
            "jour": last_month,
            "canal": "sur-place",
            "territoire": "pays-coeur-d-herault",
            "commune": "34142",
            "besoins": "permis",
        },
    )
    assert moved.status_code == 303
    _assert_in_step(space)
    followed = post_form(
        client,
        f"/programme/suivi?reference={second.reference}",
        f"/programme/suivi/{second.id}",
        {
            "jour": date.today().isoformat(),
            "solution_utilisee": "oui",
            "emploi": "emploi-trouve",
            "trajet-1-distance_km": "12",
            "trajet-1-par_semaine": "10",
            "trajet-1-mode": "bus",
        },
    )
    assert followed.status_code == 303
    counts = _assert_in_step(space)
    assert any(d == "km-semaine" and v == "bus" and n == 120 for _e, _s, d, v, _t, _m, n in counts)
    deleted = post_form(
        client, "/programme/entretiens", f"/programme/entretiens/{third.id}/supprimer", {}
    )
    assert deleted.status_code == 303
    _assert_in_step(space)
    boss = signed_in(space, "cheffe")
    old = date.today() - timedelta(days=31 * space.settings.programme_retention_months + 40)
    header = "identifiant;type;date;territoire;commune;canal;statuts\n"
    lines = [
        f"1;entretien;{old.isoformat()};pays-coeur-d-herault;34142;sur-place;retraite\n",
        f"2;entretien;{last_month};pays-haut-languedoc-et-vignobles;Bédarieux;telephone;\n",
    ]
    assert "Import réussi" in upload_csv(boss, header + "".join(lines)).text
    _assert_in_step(space)
    lines[1] = lines[1].replace(last_month, date.today().isoformat()).replace(";\n", ";salarie\n")
    assert "mises à jour" in upload_csv(boss, header + "".join(lines)).text
    _assert_in_step(space)
    assert main(["programme", "purger"], io.StringIO(), space.settings) == 0
    counts = _assert_in_step(space)
    assert not [row for row in counts if row[5] <= old.isoformat()]


def test_recounting_from_the_command_line_restores_the_counts(space: Space, count) -> None:
    space.account("marie")
    count(signed_in(space, "marie"))
    before = _counts(space.engine)
    with Session(space.engine) as db:
        db.exec(text("DELETE FROM compte_mensuel"))
        db.commit()
    out = io.StringIO()
    assert main(["programme", "recompter"], out, space.settings) == 0
    assert "1 mois de structure recomptés" in out.getvalue()
    assert _counts(space.engine) == before != set()


def test_an_upgraded_database_counts_the_records_it_holds(space: Space, count) -> None:
    """Revision 0005 fills the counts in SQL: the same counts as the code's."""
    space.account("marie")
    client = signed_in(space, "marie")
    count(client, {"contraintes": ["sans-permis", "handicap"]})
    count(client, {"commune": "", "tranche_age": "", "canal": "telephone"})
    with Session(space.engine) as db:
        record = db.exec(select(DeskRecord)).first()
    post_form(
        client,
        f"/programme/suivi?reference={record.reference}",
        f"/programme/suivi/{record.id}",
        {
            "jour": date.today().isoformat(),
            "solution_utilisee": "non",
            "trajet-1-distance_km": "5",
            "trajet-1-par_semaine": "2",
            "trajet-1-mode": "velo",
        },
    )
    expected = _counts(space.engine)
    engine = create_db_engine(space.settings.database_url)
    migrate(engine, "0004_index_des_empreintes")
    migrate(engine)
    engine.dispose()
    assert _counts(space.engine) == expected


def test_a_period_holds_whole_months() -> None:
    """Figures are counted by month: a period that cuts a month is refused, in French."""
    good = {"id": "suite", "nom": "La suite", "debut": "2026-10-01", "fin": "2027-02-28"}
    assert Period.model_validate(good).fin == date(2027, 2, 28)
    for changes, message in (
        ({"debut": "2026-10-15"}, "le début doit être le 1er d'un mois"),
        ({"fin": "2027-02-27"}, "la fin doit être le dernier jour d'un mois"),
    ):
        with pytest.raises(ValidationError, match=message):
            Period.model_validate({**good, **changes})
