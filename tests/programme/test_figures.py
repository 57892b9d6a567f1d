"""No published or exported figure describes fewer than 5 people: small cells are hidden or
merged, and a hidden cell can never be worked out from the totals shown next to it."""

from __future__ import annotations

import csv
import io
import random
from datetime import date, timedelta

import pytest
from openpyxl import load_workbook
from sqlmodel import Session, select

from directory.programme.clock import utcnow
from directory.programme.figures import K, protect
from directory.programme.importer import COLUMNS, import_activity
from directory.programme.tables import DeskRecord, FollowUp, ReplacedTrip
from directory.programme.vocabulary import Role

from .conftest import ALEC, GEFOSAT, PASSERELLES, Space, signed_in

ADDITIVE_ROWS = {"mois", "territoires", "structures"}  # sessions: sur place + téléphone = total


def test_cells_under_five_are_hidden() -> None:
    assert protect([[3.0], [12.0], [0.0]], [True]) == {(0, 0)}


def test_a_lone_hidden_cell_next_to_a_total_takes_another_with_it() -> None:
    hidden = protect([[3.0, 9.0, 12.0], [6.0, 7.0, 13.0]], [True, True, True], row_total=True)
    assert (0, 0) in hidden and len([p for p in hidden if p[0] == 0]) >= 2


def test_hidden_cells_that_add_up_to_less_than_five_take_a_third() -> None:
    values = [[1.0], [2.0], [30.0], [8.0], [41.0]]
    hidden = protect(values, [True], column_total=True)
    assert {(0, 0), (1, 0), (3, 0)} <= hidden


def test_counts_of_workshops_are_not_people_and_stay_visible() -> None:
    assert protect([[2.0, 3.0]], [False, True]) == {(0, 1)}


def _seed(space: Space) -> None:
    """A realistic mix with many small cells: three structures, a year, follow-ups."""
    rng = random.Random(13)
    communes = ["34172", "34142", "34028", "34114", "34157", "34301", "34003", "34108"]
    territories = {
        ALEC: "montpellier-mediterranee-metropole",
        PASSERELLES: "pays-coeur-d-herault",
        GEFOSAT: "pays-haut-languedoc-et-vignobles",
    }
    start = date(2026, 10, 1)
    days = (date.today() - start).days
    from directory.geo import load_geography

    geo = load_geography(space.settings.data_dir)
    for structure, territory in territories.items():
        out = io.StringIO()
        writer = csv.DictWriter(out, fieldnames=list(COLUMNS), delimiter=";")
        writer.writeheader()
        for n in range(rng.randint(25, 70)):
            need = rng.choice(["se-deplacer", "payer", "permis", "vehicule", "accompagnement"])
            met = rng.choice(["oui", "oui", "en-partie", "non"])
            writer.writerow(
                {
                    "identifiant": f"e{n}",
                    "type": "entretien",
                    "date": (start + timedelta(days=rng.randint(0, max(days, 1)))).isoformat(),
                    "territoire": territory,
                    "commune": rng.choice(communes),
                    "canal": rng.choice(["sur-place", "telephone"]),
                    "tranche_age": rng.choice(
                        ["18-25", "26-44", "45-59", "60-74", "75-et-plus", ""]
                    ),
                    "duree": rng.choice(["moins-de-30-min", "30-45-min", ""]),
                    "statuts": "|".join(
                        rng.sample(
                            [
                                "demandeur-emploi",
                                "beneficiaire-rsa",
                                "retraite",
                                "salarie",
                                "resident-qpv",
                            ],
                            rng.randint(0, 2),
                        )
                    ),
                    "contraintes": rng.choice(
                        ["sans-permis", "sans-voiture|sans-permis", "fauteuil-roulant", ""]
                    ),
                    "besoins": need,
                    "besoin_couvert": met,
                    "besoins_non_couverts": need if met != "oui" else "",
                }
            )
        for n in range(rng.randint(2, 9)):
            writer.writerow(
                {
                    "identifiant": f"a{n}",
                    "type": rng.choice(["atelier", "sensibilisation"]),
                    "date": (start + timedelta(days=rng.randint(0, max(days, 1)))).isoformat(),
                    "territoire": territory,
                    "commune": rng.choice(communes),
                    "theme": rng.choice(["velo", "permis", "orientation"]),
                    "participants": str(rng.randint(2, 15)),
                    "organisations": "insertion",
                }
            )
        with Session(space.engine) as db:
            report = import_activity(
                db, out.getvalue().encode(), structure, None, geo, utcnow(), date.today()
            )
            assert report.ok, report.errors
    with Session(space.engine) as db:  # follow-ups with trips for some sessions
        for record in db.exec(select(DeskRecord)).all()[::3]:
            follow = FollowUp(
                record_id=record.id,
                jour=date.today(),
                solution_utilisee=rng.choice(["oui", "non"]),
                emploi=rng.choice(["emploi-trouve", "aucun-changement", None]),
                created_at=utcnow(),
                updated_at=utcnow(),
            )
            db.add(follow)
            db.flush()
            db.add(
                ReplacedTrip(
                    follow_up_id=follow.id,
                    distance_km=rng.randint(2, 40),
                    par_semaine=rng.randint(2, 10),
                    mode=rng.choice(["bus", "velo", "covoiturage", "train"]),
                )
            )
        db.commit()


def _check_tables(tables: dict) -> int:
    """Every rule, on one page's tables; returns how many cells were hidden."""
    hidden = 0
    for key, table in tables.items():
        rows = table["lignes"]
        for row in rows:
            for cell in row["cellules"]:
                if cell["masque"]:
                    hidden += 1
                    assert cell["valeur"] is None
                elif cell["personnes"] and cell["valeur"] is not None:
                    assert not 0 < cell["valeur"] < K, (key, row["libelle"], cell)
        if rows and rows[-1]["total"]:
            for column in range(len(table["colonnes"])):
                masked = [r["cellules"][column]["masque"] for r in rows]
                assert sum(masked) != 1, (key, table["colonnes"][column])
        if key in ADDITIVE_ROWS:
            for row in rows:
                assert sum(c["masque"] for c in row["cellules"][:3]) != 1, (key, row["libelle"])
    return hidden


@pytest.fixture
def seeded(space: Space) -> Space:
    _seed(space)
    space.account("cheffe", role=Role.COORDINATION)
    return space


def test_every_published_figure_protects_small_groups(seeded: Space) -> None:
    client = signed_in(seeded, "cheffe")
    hidden = 0
    pages = [
        f"/api/programme/indicateurs?periode=apres-tims&structure={s}"
        for s in ("", ALEC, PASSERELLES, GEFOSAT)
    ]
    pages += ["/api/programme/bilan?periode=apres-tims"]
    pages += [
        f"/api/programme/rapports/territoires/{t}?periode=apres-tims"
        for t in ("montpellier-mediterranee-metropole", "pays-coeur-d-herault")
    ]
    pages += ["/api/programme/rapports/intercommunalites/200017341?periode=apres-tims"]
    for url in pages:
        body = client.get(url).json()
        hidden += _check_tables(body["tableaux"])
        progress = [
            p["realise"] for p in body["avancement"] if p["indicateur"].startswith("entretiens")
        ]
        assert all(v is None or v == 0 or v >= K for v in progress)
    assert hidden > 0, "the data set must exercise the protection"


def test_every_exported_figure_protects_small_groups(seeded: Space) -> None:
    client = signed_in(seeded, "cheffe")
    for structure in ("", ALEC, GEFOSAT):
        query = f"?periode=apres-tims&structure={structure}"
        tables = client.get("/api/programme/indicateurs" + query).json()["tableaux"]
        masked = sum(
            c["masque"] for t in tables.values() for r in t["lignes"] for c in r["cellules"]
        )
        people = {
            (t["titre"], r["libelle"], col): c["personnes"]
            for t in tables.values()
            for r in t["lignes"]
            for col, c in zip(t["colonnes"], r["cellules"], strict=True)
        }
        lines = [
            line
            for line in client.get("/programme/indicateurs.csv" + query)
            .text.lstrip("\ufeff")
            .splitlines()
            if not line.lstrip('"').startswith("#")
        ]
        rows = list(csv.DictReader(lines, delimiter=";"))
        assert sum("masqué" in r["remarque"] for r in rows) == masked
        for r in rows:
            if r["valeur"] and people[(r["tableau"], r["ligne"], r["colonne"])]:
                assert not 0 < float(r["valeur"]) < K, r
        book = load_workbook(io.BytesIO(client.get("/programme/indicateurs.xlsx" + query).content))
        cells = [c.value for sheet in book.worksheets[1:] for row in sheet.iter_rows() for c in row]
        assert cells.count("moins de 5") == masked


def test_the_unmet_needs_report_shows_no_small_group(seeded: Space) -> None:
    body = (
        signed_in(seeded, "cheffe")
        .get("/api/programme/besoins-non-couverts?periode=apres-tims")
        .json()
    )
    _check_tables({"besoins_epci": body["par_intercommunalite"]})
    with Session(seeded.engine) as db:
        per_commune: dict[str, int] = {}
        for record in db.exec(select(DeskRecord)):
            if record.besoin_couvert and record.besoin_couvert.value != "oui" and record.commune:
                per_commune[record.commune] = per_commune.get(record.commune, 0) + 1
    for commune in body["communes"]:
        if commune["classe"] is not None:
            assert per_commune[commune["code"]] >= K


def test_progress_counts_what_was_recorded(space: Space, count) -> None:
    space.account("marie")
    client = signed_in(space, "marie")
    for _ in range(6):
        count(client)
    count(client, {"canal": "telephone"})
    body = client.get("/api/programme/indicateurs?periode=apres-tims").json()
    progress = {p["indicateur"]: p["realise"] for p in body["avancement"]}
    assert progress["entretiens_sur_place"] == 6
    assert progress["entretiens_telephone"] is None  # one person: hidden


def test_the_tims_targets_are_those_of_the_programme(space: Space) -> None:
    space.account("cheffe", role=Role.COORDINATION)
    body = signed_in(space, "cheffe").get("/api/programme/indicateurs?periode=tims").json()
    targets = {p["indicateur"]: p["objectif"] for p in body["avancement"]}
    assert targets == {
        "entretiens_sur_place": 129,
        "entretiens_telephone": 162,
        "ateliers": 66,
        "sensibilisations": 92,
    }
    assert body["fin"] == "2026-09-30"
