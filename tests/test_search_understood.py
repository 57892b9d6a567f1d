"""What the page and its JSON twin say back: needs, places, words used and set aside."""

from __future__ import annotations

from collections.abc import Iterator
from html import unescape
from typing import Any

import pytest
from fastapi.testclient import TestClient

from directory.app import create_app
from directory.config import Settings
from directory.geo import Geography

from .search_support import ENTRIES, SENTENCE_ENTRIES, catalogue, store


@pytest.fixture(autouse=True)
def shared_geography(geo: Geography, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("directory.app.load_geography", lambda data_dir: geo)


@pytest.fixture
def client(settings: Settings, geo: Geography) -> Iterator[TestClient]:
    store(settings.database_url, catalogue(geo, {**ENTRIES, **SENTENCE_ENTRIES}))
    with TestClient(create_app(settings)) as client:
        yield client


def api(client: TestClient, **params: Any) -> dict[str, Any]:
    response = client.get("/api/solutions", params=params)
    assert response.status_code == 200, response.text
    return dict(response.json())


def test_a_need_is_said_back_and_sets_aside_what_the_person_cannot_use(
    client: TestClient,
) -> None:
    body = api(client, q="je n'ai pas de permis pour aller travailler")
    understood = body["compris"]
    assert [n["id"] for n in understood["besoins"]] == [
        "passer-le-permis",
        "sans-permis",
        "travail",
    ]
    assert understood["prerequis_ecartes"] == ["Avoir le permis B"]
    assert "location-voiture-insertion" not in [r["id"] for r in body["resultats"]]
    html = client.get("/recherche", params={"q": "je n'ai pas de permis"}).text
    assert "Vous cherchez :</strong> passer le permis de conduire" in html


def test_when_no_entry_holds_every_word_the_page_says_which_were_used(client: TestClient) -> None:
    body = api(client, q="navette trottinette")
    understood = body["compris"]
    assert body["total"] > 0
    assert understood["mots_trouves"] and understood["mots_absents"]
    assert set(understood["mots_trouves"]) | set(understood["mots_absents"]) == {
        "navette",
        "trottinette",
    }
    html = client.get("/recherche", params={"q": "navette trottinette"}).text
    assert "Aucune solution ne contient tous vos mots." in html


def test_words_no_entry_holds_are_named_and_the_others_still_search(client: TestClient) -> None:
    body = api(client, q="garage trucmuche")
    assert body["compris"]["mots_ignores"] == ["trucmuche"]
    assert body["resultats"][0]["id"].startswith("garage")
    html = client.get("/recherche", params={"q": "garage trucmuche"}).text
    assert "1 mot ignoré, qu'aucune fiche ne contient : « trucmuche »." in html


def test_the_destination_field_leaves_out_lines_that_do_not_stop_there(
    client: TestClient,
) -> None:
    going = api(client, q="car", commune="Bédarieux", destination="Béziers", par_page=100)
    assert going["destination"]["nom"] == "Béziers"
    assert "car-bedarieux-saint-pons" not in [r["id"] for r in going["resultats"]]
    staying = api(client, q="car", commune="Bédarieux", destination="Saint-Pons-de-Thomières")
    assert staying["resultats"][0]["id"] == "car-bedarieux-saint-pons"


def test_the_fields_win_over_places_in_the_words(client: TestClient) -> None:
    body = api(client, q="bus depuis Lodève", commune="Montpellier")
    assert body["commune"]["nom"] == "Montpellier"
    assert body["compris"]["lieux"] == []  # the field said it: « depuis Lodève » is not used


def test_a_place_of_beside_a_clear_from_is_where_one_goes(client: TestClient) -> None:
    body = api(client, q="pas de voiture pour aller a lhopital de clermont depuis lodeve")
    assert body["commune"]["nom"] == "Lodève"
    assert body["destination"]["nom"] == "Clermont-l'Hérault"
    roles = {p["texte"]: p["role"] for p in body["compris"]["lieux"]}
    assert roles == {"depuis lodeve": "commune", "de clermont": "destination"}
    alone = api(client, q="bus de lodeve")  # a mere « de X » alone still says home
    assert alone["commune"]["nom"] == "Lodève" and alone["destination"] is None


def test_a_result_says_what_the_person_pays_or_gets(client: TestClient) -> None:
    """An aid is « Aide jusqu'à … », a loan « Prêt jusqu'à … »: never « Non renseigné »."""
    labels = {r["id"]: r["prix_libelle"] for r in api(client, par_page=100)["resultats"]}
    assert labels["eco-cheque-voiture-electrique"] == "Aide jusqu'à 2\u00a0000\u00a0€"
    assert labels["microcredit-vehicule-coeur-herault"] == "Prêt jusqu'à 5\u00a0000\u00a0€"
    page = unescape(client.get("/recherche", params={"q": "éco-chèque voiture électrique"}).text)
    card = page[page.index("Éco-chèque mobilité") :]
    card = card[: card.index("</li>")]
    assert "Aide jusqu'à 2\u00a0000\u00a0€" in card and "Non renseigné" not in card


def test_the_home_page_asks_where_people_go(client: TestClient) -> None:
    html = client.get("/").text
    assert '<label for="destination">Où allez-vous ?' in html
