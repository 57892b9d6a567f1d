"""Bad input gets a sensible answer, never a 500, and the words typed never reach the logs."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient

from directory.app import create_app
from directory.config import Settings
from directory.geo import Geography

from .search_support import ENTRIES, SENTENCE_ENTRIES, catalogue, store

SECRET = "dialyse-zorglub-quinze"  # a word no entry holds, easy to spot in a log


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


def page(client: TestClient, **params: Any) -> str:
    response = client.get("/recherche", params=params)
    assert response.status_code == 200, response.text[:300]
    return response.text


def test_a_10000_character_query_is_read_in_part_on_the_page_and_refused_by_the_api(
    client: TestClient,
) -> None:
    text = ("je cherche un bus pour aller travailler " * 300)[:10_000]
    html = page(client, q=text)
    assert "seuls ses 200 premiers caractères ont été lus" in html
    assert 'class="result"' in html  # the beginning was understood: buses
    refused = client.get("/api/solutions", params={"q": text})
    assert refused.status_code == 422
    assert "raccourcissez-la" in refused.json()["message"] or "200" in refused.json()["message"]
    one_word = page(client, q="a" * 10_000)
    assert "Aucune fiche ne parle de" in one_word or "0 solution" in one_word


@pytest.mark.parametrize("text", ["😀🚲🚌", "🚲" * 60, "‼️❓", "\u200b\u200d"])
def test_emoji_only_browses_everything(client: TestClient, text: str) -> None:
    body = api(client, q=text)
    assert body["total"] == len(ENTRIES) + len(SENTENCE_ENTRIES)
    assert body["compris"]["mots"] == [] and body["compris"]["mots_ignores"] == []


def test_stop_words_only_browse_around_the_commune(client: Any) -> None:
    body = api(client, q="je veux aller à la", commune="Lodève")
    assert body["total"] > 0
    assert body["compris"]["mots"] == []
    assert body["resultats"][0]["id"] in {"garage-solidaire-lodevois", "transport-solidaire-lodeve"}


def test_a_place_only_becomes_the_commune(client: TestClient) -> None:
    body = api(client, q="Lodève")
    assert body["commune"]["nom"] == "Lodève"
    assert body["compris"]["lieux"] == [
        {
            "role": "commune",
            "commune": {"code": "34142", "nom": "Lodève", "departement": "34"},
            "texte": "Lodève",
            "recherche_sans": "",
        }
    ]
    html = page(client, q="bus depuis Lodève")
    assert "Commune : Lodève (lu dans « depuis Lodève »)" in html
    assert 'href="/recherche?q=bus"' in html  # removing the place keeps the words


def test_a_place_that_does_not_exist_is_a_word_set_aside(client: TestClient) -> None:
    body = api(client, q="bus pour Atlantide")
    assert body["commune"] is None and body["destination"] is None
    assert body["compris"]["mots_ignores"] == ["Atlantide"]
    assert "cars-lio-herault" in [r["id"] for r in body["resultats"]]
    refused = client.get("/api/solutions", params={"destination": "Atlantide"})
    assert refused.status_code == 422
    assert refused.json()["champ"] == "destination"
    html = client.get("/recherche", params={"destination": "Atlantide"})
    assert html.status_code == 422
    assert "« destination » : « Atlantide » ne correspond à aucune commune" in html.text


@pytest.mark.parametrize(
    "text",
    [
        "'; DROP TABLE solution; --",
        "bus' OR '1'='1",
        '<script>alert("x")</script> vélo',
        "<img src=x onerror=alert(1)>",
        'categorie IN ["velo"] OR id = "x"',
        '*?"\\%_[]{}()|&',
    ],
)
def test_sql_html_and_filter_syntax_are_only_words(client: TestClient, text: str) -> None:
    body = api(client, q=text)
    assert body["total"] >= 0
    html = page(client, q=text)
    assert "<script>alert" not in html and "<img src=x" not in html


def test_html_in_the_query_is_escaped_in_what_is_shown_back(client: TestClient) -> None:
    html = page(client, q="<b>trucmuche</b>")
    assert "&lt;b&gt;trucmuche&lt;/b&gt;" in html
    assert "<b>trucmuche</b>" not in html


def test_words_typed_never_reach_the_logs(
    client: TestClient, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.DEBUG):
        page(client, q=f"taxi {SECRET} depuis Lodève")
        api(client, q=SECRET, commune="Lodève")
        client.get("/api/match", params={"commune": "Lodève", "besoin": SECRET})
    # The test client's own request log (httpx) is not the server's.
    server = [r for r in caplog.records if not r.name.startswith("httpx")]
    assert server or caplog.records  # something was logged, and none of it holds the words
    assert not [r.getMessage() for r in server if SECRET in r.getMessage()]
