"""Counting a desk session stores categories only; the sheet carries a random reference that
leads to the follow-up; bad input gets a French message and stores nothing."""

from __future__ import annotations

import re
from html import unescape

from sqlmodel import Session, select

from directory.programme.references import PATTERN
from directory.programme.tables import DeskRecord, FollowUp, GroupEvent, RecordTag, ReplacedTrip

from .conftest import SESSION, Space, post_form, signed_in


def _all(space: Space, table: type) -> list:
    with Session(space.engine) as db:
        return list(db.exec(select(table)))


def test_a_counted_session_keeps_only_categories(space: Space, count) -> None:
    space.account("marie")
    client = signed_in(space, "marie")
    response = count(client, {"nom": "Dupont", "besoin": "dialyse le mardi", "age": "47"})
    assert response.status_code == 303
    [record] = _all(space, DeskRecord)
    assert (record.commune, record.epci, record.tranche_age.value) == (
        "34172",
        "243400017",
        "26-44",
    )
    assert PATTERN.match(record.reference)
    stored = {(t.kind, t.value) for t in _all(space, RecordTag)}
    assert stored == {
        ("statut", "demandeur-emploi"),
        ("contrainte", "sans-permis"),
        ("besoin", "permis"),
    }
    fields = record.model_dump(exclude={"created_at", "updated_at", "jour", "id", "author_id"})
    everything = repr(fields) + repr(stored)
    assert "Dupont" not in everything and "dialyse" not in everything and "47" not in everything


def test_the_sheet_and_the_sms_carry_the_reference(space: Space, count) -> None:
    space.account("marie")
    client = signed_in(space, "marie")
    done = client.get(count(client, {"solutions": ["transport-test-lodeve"]}).headers["location"])
    reference = re.search(r'class="reference">([A-Z0-9-]+)<', done.text).group(1)
    sheet_link = re.search(r'href="(/conseiller/fiche\?[^"]+)"', done.text).group(1)
    sheet = client.get(unescape(sheet_link))
    assert f"Votre référence : <strong>{reference}</strong>" in sheet.text
    sms = client.get(unescape(sheet_link).replace("/fiche?", "/fiche/texte?"))
    assert f"Votre référence : {reference}" in sms.text


def test_a_sheet_never_prints_a_made_up_reference(space: Space) -> None:
    client = space.client()
    sheet = client.get("/conseiller/fiche?ids=transport-test-lodeve&ref=<b>Appelez le 0600</b>")
    assert "Votre référence" not in sheet.text


def test_a_date_in_the_future_is_refused_and_nothing_stored(space: Space, count) -> None:
    space.account("marie")
    response = count(signed_in(space, "marie"), {"jour": "2999-01-01"})
    assert response.status_code == 422
    assert "la date est dans le futur" in unescape(response.text)
    assert _all(space, DeskRecord) == []


def test_an_unmet_need_must_be_named(space: Space, count) -> None:
    space.account("marie")
    response = count(signed_in(space, "marie"), {"besoin_couvert": "non"})
    assert response.status_code == 422
    assert "cochez le ou les besoins restés sans solution" in unescape(response.text)


def test_an_unknown_commune_is_explained(space: Space, count) -> None:
    space.account("marie")
    response = count(signed_in(space, "marie"), {"commune": "Lodeev"})
    assert response.status_code == 422
    assert "ne correspond à aucune commune" in unescape(response.text)


def test_a_workshop_of_100000_people_is_refused(space: Space) -> None:
    space.account("marie")
    client = signed_in(space, "marie")
    response = post_form(
        client,
        "/programme/actions/nouvelle?type=atelier",
        "/programme/actions",
        {
            "kind": "atelier",
            "jour": "2026-11-03",
            "territoire": "montpellier-mediterranee-metropole",
            "commune": "Montpellier",
            "theme": "velo",
            "participants": "100000",
        },
    )
    assert response.status_code == 422
    assert "trop grand (maximum 500)" in unescape(response.text)
    assert _all(space, GroupEvent) == []


def test_an_awareness_session_counts_its_professionals(space: Space) -> None:
    space.account("marie")
    client = signed_in(space, "marie")
    response = post_form(
        client,
        "/programme/actions/nouvelle?type=sensibilisation",
        "/programme/actions",
        {
            "kind": "sensibilisation",
            "jour": "2026-11-03",
            "territoire": "montpellier-mediterranee-metropole",
            "commune": "34172",
            "theme": "orientation",
            "participants": "12",
            "professionnels": "10",
            "organisations": ["insertion", "seniors"],
        },
    )
    assert response.status_code == 303
    [event] = _all(space, GroupEvent)
    assert (event.participants, event.professionnels, event.kind.value) == (
        12,
        10,
        "sensibilisation",
    )


def test_a_follow_up_by_reference_records_outcomes_and_trips(space: Space, count) -> None:
    space.account("marie")
    client = signed_in(space, "marie")
    count(client)
    [record] = _all(space, DeskRecord)
    found = client.get(
        f"/programme/suivi?reference={record.reference[:4]}-{record.reference[4:].lower()}"
    )
    assert f"Entretien {record.reference[:4]}-{record.reference[4:]}" in found.text
    response = post_form(
        client,
        f"/programme/suivi?reference={record.reference}",
        f"/programme/suivi/{record.id}",
        {
            "jour": "2026-11-20",
            "solution_utilisee": "oui",
            "emploi": "emploi-trouve",
            "trajet-1-distance_km": "12",
            "trajet-1-par_semaine": "10",
            "trajet-1-mode": "bus",
        },
    )
    assert response.status_code == 303
    [follow_up] = _all(space, FollowUp)
    assert (follow_up.solution_utilisee.value, follow_up.emploi.value) == ("oui", "emploi-trouve")
    [trip] = _all(space, ReplacedTrip)
    assert (trip.distance_km, trip.par_semaine, trip.mode.value) == (12, 10, "bus")


def test_an_unknown_reference_gets_a_french_message(space: Space) -> None:
    space.account("marie")
    response = signed_in(space, "marie").get("/programme/suivi?reference=ZZZZ-9999")
    assert response.status_code == 404
    assert "Aucun entretien de votre structure ne porte la référence" in unescape(response.text)


def test_the_desk_offers_to_count_only_to_signed_in_staff(space: Space) -> None:
    situation = "/conseiller?commune=Lodève&age=47&statuts=demandeur-emploi&besoin=dialyse"
    assert "Compter cet entretien" not in space.client().get(situation).text
    space.account("marie")
    client = signed_in(space, "marie")
    desk = client.get(situation).text
    assert "Compter cet entretien" in desk
    form = desk[desk.index('class="count-session"') :]
    form = form[: form.index("</form>")]
    assert 'name="tranche_age" value="45-59"' in form
    assert 'name="commune" value="34142"' in form
    assert "47" not in form and "dialyse" not in form


def test_prefilling_from_the_desk_shows_the_form_without_storing(space: Space) -> None:
    space.account("marie")
    client = signed_in(space, "marie")
    response = post_form(
        client,
        "/programme",
        "/programme/entretiens/nouveau",
        {
            "commune": "34142",
            "tranche_age": "45-59",
            "statuts": "demandeur-emploi",
            "proposees": "transport-test-lodeve",
        },
    )
    page = unescape(response.text)
    assert 'value="Lodève (34142)"' in page
    assert '<option value="45-59" selected>' in page
    assert "transport-test-lodeve" in page
    assert _all(space, DeskRecord) == []


def test_the_desk_page_and_sheet_stay_open_without_an_account(space: Space) -> None:
    client = space.client()
    assert client.get("/conseiller").status_code == 200
    assert client.get("/conseiller/fiche?ids=transport-test-lodeve").status_code == 200
    assert (
        client.get("/programme", follow_redirects=False)
        .headers["location"]
        .startswith("/programme/connexion")
    )


def test_counting_nothing_at_all_is_never_a_server_error(space: Space) -> None:
    space.account("marie")
    client = signed_in(space, "marie")
    for garbage in (
        {"canal": "fax"},
        {"jour": "hier"},
        {"statuts": "pirate"},
        {"solutions": "x" * 5000},
    ):
        response = post_form(
            client, "/programme/entretiens/nouveau", "/programme/entretiens", {**SESSION, **garbage}
        )
        assert response.status_code == 422
    assert _all(space, DeskRecord) == []
