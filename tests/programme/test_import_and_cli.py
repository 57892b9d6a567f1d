"""Past activity comes in by CSV, all or nothing and idempotent; accounts and retention are
run from the `directory` command."""

from __future__ import annotations

import io
from datetime import date, timedelta
from pathlib import Path

from sqlmodel import Session, func, select

from directory.cli import main
from directory.programme.tables import DeskRecord, GroupEvent, RecordTag, StaffAccount
from directory.programme.vocabulary import Barrier, Role

from .conftest import ALEC, Space, signed_in, upload_csv

HEADER = "identifiant;type;date;territoire;commune;canal;besoins;besoin_couvert;besoins_non_couverts;theme;participants\n"
GOOD = (
    HEADER
    + "2025-001;entretien;14/03/2025;pays-coeur-d-herault;Lodève;sur-place;permis;non;permis;;\n"
    + "2025-002;entretien;2025-03-15;pays-coeur-d-herault;34142;telephone;;;;;\n"
    + "2025-A1;atelier;2025-04-02;pays-coeur-d-herault;Clermont-l'Hérault;;;;;velo;8\n"
)


def _count(space: Space, table: type) -> int:
    with Session(space.engine) as db:
        return int(db.exec(select(func.count()).select_from(table)).one())


def test_an_import_adds_then_updates_without_duplicates(space: Space) -> None:
    space.account("cheffe", role=Role.COORDINATION)
    client = signed_in(space, "cheffe")
    first = upload_csv(client, GOOD)
    assert "Import réussi : 3 lignes ajoutées" in first.text
    again = upload_csv(client, GOOD)
    assert "3 lignes déjà importées mises à jour" in again.text
    assert (_count(space, DeskRecord), _count(space, GroupEvent)) == (2, 1)
    with Session(space.engine) as db:
        record = db.exec(select(DeskRecord).where(DeskRecord.import_key == "2025-001")).one()
    assert (record.structure, record.jour, record.commune, record.reference) == (
        ALEC,
        date(2025, 3, 14),
        "34142",
        None,
    )


def test_one_bad_line_and_nothing_is_imported(space: Space) -> None:
    space.account("cheffe", role=Role.COORDINATION)
    bad = GOOD + "2025-003;entretien;2999-01-01;pays-coeur-d-herault;Lodeev;fax;;;;;\n"
    response = upload_csv(signed_in(space, "cheffe"), bad)
    assert response.status_code == 422
    text = response.text.replace("&#39;", "'")
    assert "Rien n'a été importé" in text
    assert "Ligne 5 : Date : la date est dans le futur" in text
    assert "Ligne 5 : Entretien : valeur inconnue" in text
    assert _count(space, DeskRecord) == 0


def test_unknown_columns_and_duplicate_identifiers_are_named(space: Space) -> None:
    space.account("cheffe", role=Role.COORDINATION)
    client = signed_in(space, "cheffe")
    response = upload_csv(
        client, "identifiant;type;date;territoire;nom\n1;entretien;2025-01-01;x;Dupont\n"
    )
    assert "Colonne inconnue « nom »" in response.text
    dup = HEADER + "7;atelier;2025-04-02;pays-coeur-d-herault;34142;;;;;velo;8\n" * 2
    assert "identifiant « 7 » déjà utilisé ligne 2" in upload_csv(client, dup).text


def test_barriers_come_in_with_the_programme_vocabulary(space: Space) -> None:
    """The columns page and the model file list the values; a desk answer is not one."""
    space.account("cheffe", role=Role.COORDINATION)
    client = signed_in(space, "cheffe")
    page = client.get("/programme/import").text
    for barrier in Barrier:
        assert barrier.value in page
    assert "contraintes" in client.get("/programme/import/modele.csv").text.splitlines()[0]
    header = "identifiant;type;date;territoire;canal;contraintes\n"
    good = header + "1;entretien;2025-03-14;pays-coeur-d-herault;sur-place;handicap|sans-voiture\n"
    assert "Import réussi : 1 ligne ajoutée" in upload_csv(client, good).text
    with Session(space.engine) as db:
        stored = set(db.exec(select(RecordTag.value).where(RecordTag.kind == "contrainte")))
    assert stored == {"handicap", "sans-voiture"}
    bad = header + "2;entretien;2025-03-14;pays-coeur-d-herault;sur-place;en-panne\n"
    refused = upload_csv(client, bad).text.replace("&#39;", "'")
    assert "Ligne 2 : Freins à la mobilité : valeur inconnue" in refused
    assert "voiture-en-panne" in refused


def test_the_command_line_imports_too(space: Space, tmp_path: Path) -> None:
    path = tmp_path / "activite.csv"
    path.write_text(GOOD, encoding="cp1252")
    out = io.StringIO()
    assert (
        main(["programme", "importer", str(path), "--structure", "gefosat"], out, space.settings)
        == 0
    )
    assert "3 ligne(s) ajoutée(s)" in out.getvalue()


def test_accounts_are_created_deactivated_and_reset_from_the_command_line(space: Space) -> None:
    out = io.StringIO()
    code = main(
        ["compte", "creer", "Marie.Dupont", "--structure", ALEC, "--role", "conseiller"],
        out,
        space.settings,
    )
    assert code == 0 and "Mot de passe provisoire de « marie.dupont »" in out.getvalue()
    refused = io.StringIO()
    assert (
        main(
            ["compte", "creer", "x", "--structure", "inconnue", "--role", "conseiller"],
            refused,
            space.settings,
        )
        == 1
    )
    assert "L'identifiant compte de 3 à 64 caractères" in refused.getvalue()
    assert main(["compte", "desactiver", "marie.dupont"], io.StringIO(), space.settings) == 0
    reset = io.StringIO()
    assert main(["compte", "reinitialiser", "marie.dupont"], reset, space.settings) == 0
    listing = io.StringIO()
    main(["compte", "lister"], listing, space.settings)
    assert "marie.dupont\talec-montpellier-metropole\tconseiller\tdésactivé" in listing.getvalue()
    with Session(space.engine) as db:
        account = db.exec(select(StaffAccount)).one()
    assert account.must_change_password and not account.active
    missing = io.StringIO()
    assert main(["compte", "desactiver", "personne"], missing, space.settings) == 1
    assert "Aucun compte « personne »" in missing.getvalue()


def test_the_purge_deletes_what_is_older_than_the_retention(space: Space) -> None:
    space.account("cheffe", role=Role.COORDINATION)
    old = (
        date.today() - timedelta(days=31 * space.settings.programme_retention_months + 40)
    ).isoformat()
    recent = (date.today() - timedelta(days=10)).isoformat()
    csv_text = (
        HEADER
        + f"1;entretien;{old};pays-coeur-d-herault;34142;sur-place;;;;;\n"
        + f"2;entretien;{recent};pays-coeur-d-herault;34142;sur-place;;;;;\n"
    )
    upload_csv(signed_in(space, "cheffe"), csv_text)
    out = io.StringIO()
    assert main(["programme", "purger"], out, space.settings) == 0
    assert "1 entretien(s)" in out.getvalue()
    with Session(space.engine) as db:
        assert [r.import_key for r in db.exec(select(DeskRecord))] == ["2"]
