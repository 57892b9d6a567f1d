"""A structure sees and changes only its own records; roles open only their own pages."""

from __future__ import annotations

from datetime import timedelta

from sqlmodel import Session, select

from directory.programme.tables import DeskRecord, StaffAccount
from directory.programme.vocabulary import Role

from .conftest import ALEC, GEFOSAT, Space, post_form, signed_in


def _record(space: Space) -> DeskRecord:
    with Session(space.engine) as db:
        return db.exec(select(DeskRecord)).one()


def test_another_structure_cannot_see_or_change_a_record(space: Space, count) -> None:
    space.account("marie", ALEC)
    space.account("gaston", GEFOSAT, Role.ADMINISTRATION)
    count(signed_in(space, "marie"))
    record = _record(space)
    gaston = signed_in(space, "gaston")
    assert gaston.get(f"/programme/entretiens/{record.id}/modifier").status_code == 404
    deleted = post_form(gaston, "/programme", f"/programme/entretiens/{record.id}/supprimer", {})
    assert deleted.status_code == 404
    assert gaston.get(f"/programme/suivi?reference={record.reference}").status_code == 404
    assert record.reference not in gaston.get("/programme/entretiens").text
    assert _record(space).id == record.id


def test_an_advisor_cannot_change_a_colleagues_record(space: Space, count) -> None:
    space.account("marie")
    space.account("paul")
    space.account("cheffe", role=Role.COORDINATION)
    count(signed_in(space, "marie"))
    record = _record(space)
    assert (
        signed_in(space, "paul").get(f"/programme/entretiens/{record.id}/modifier").status_code
        == 403
    )
    assert (
        signed_in(space, "cheffe").get(f"/programme/entretiens/{record.id}/modifier").status_code
        == 200
    )


def test_a_record_is_frozen_after_seven_days(space: Space, count) -> None:
    space.account("marie")
    client = signed_in(space, "marie")
    count(client)
    with Session(space.engine) as db:
        record = db.exec(select(DeskRecord)).one()
        record.created_at = record.created_at - timedelta(days=8)
        db.add(record)
        db.commit()
        record_id = record.id
    response = client.get(f"/programme/entretiens/{record_id}/modifier")
    assert response.status_code == 403
    assert "7 jours" in response.text


def test_an_advisor_sees_only_the_figures_of_their_structure(space: Space) -> None:
    space.account("marie")
    client = signed_in(space, "marie")
    assert client.get("/programme/indicateurs").status_code == 200
    assert client.get(f"/programme/indicateurs?structure={GEFOSAT}").status_code == 403
    assert client.get(f"/api/programme/indicateurs?structure={GEFOSAT}").status_code == 403
    assert client.get("/api/programme/indicateurs").json()["structure"] == ALEC
    for page in (
        "/programme/rapports",
        "/programme/bilan",
        "/programme/import",
        "/programme/comptes",
    ):
        assert client.get(page).status_code == 403, page


def test_the_coordination_sees_the_programme(space: Space) -> None:
    space.account("cheffe", role=Role.COORDINATION)
    client = signed_in(space, "cheffe")
    assert client.get("/api/programme/indicateurs").json()["perimetre"] == "Tout le programme"
    assert (
        client.get(f"/api/programme/indicateurs?structure={GEFOSAT}").json()["structure"] == GEFOSAT
    )
    assert client.get("/programme/bilan").status_code == 200
    assert client.get("/programme/comptes").status_code == 403


def test_an_administrator_manages_only_their_structures_accounts(space: Space) -> None:
    space.account("chef", ALEC, Role.ADMINISTRATION)
    space.account("gaston", GEFOSAT)
    chef = signed_in(space, "chef")
    response = post_form(
        chef,
        "/programme/comptes",
        "/programme/comptes",
        {"action": "reinitialiser", "identifiant": "gaston"},
    )
    assert response.status_code == 404
    created = post_form(
        chef,
        "/programme/comptes",
        "/programme/comptes",
        {
            "action": "creer",
            "identifiant": "nouvelle.recrue",
            "role": "conseiller",
            "structure": GEFOSAT,
        },
    )
    assert "Mot de passe provisoire" in created.text
    with Session(space.engine) as db:
        recrue = db.exec(
            select(StaffAccount).where(StaffAccount.identifiant == "nouvelle.recrue")
        ).one()
    assert recrue.structure == ALEC  # never the structure the form asked for


def test_pages_and_their_api_need_a_session(space: Space) -> None:
    client = space.client()
    assert client.get("/api/programme/indicateurs").status_code == 401
    assert client.get("/programme/indicateurs.csv", follow_redirects=False).status_code == 303
    assert (
        client.get("/programme/besoins-non-couverts/carte.svg", follow_redirects=False).status_code
        == 303
    )
