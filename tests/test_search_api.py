"""GET /api/solutions and /health through the real app: results, facets, errors, degraded mode."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlmodel import Session

from directory.app import create_app
from directory.config import Settings
from directory.db import create_db_engine
from directory.geo import Geography
from directory.models import CatalogueState
from directory.search.service import short_description

from .conftest import eventually
from .search_support import ENTRIES, catalogue, closed_port, make_solution, store


@pytest.fixture
def stored(settings: Settings, geo: Geography) -> Settings:
    store(settings.database_url, catalogue(geo))
    return settings


@pytest.fixture(autouse=True)
def shared_geography(geo: Geography, monkeypatch: pytest.MonkeyPatch) -> None:
    """Each app reads the same real, read-only geography instead of unpacking it again."""
    monkeypatch.setattr("directory.app.load_geography", lambda data_dir: geo)


@pytest.fixture
def client(stored: Settings) -> Iterator[TestClient]:
    with TestClient(create_app(stored)) as client:
        yield client


def get(client: TestClient, **params: Any) -> dict[str, Any]:
    response = client.get("/api/solutions", params=params)
    assert response.status_code == 200, response.text
    return dict(response.json())


def test_hits_are_described_for_people(client: TestClient) -> None:
    body = get(client, q="garrage solidaire")
    first = body["resultats"][0]
    assert first == {
        "id": "garage-solidaire-lodevois",
        "nom": "Garage solidaire du Lodévois",
        "categorie": "vehicule",
        "categorie_libelle": "Garage solidaire, prêt et location de véhicules",
        "description_courte": "Faites réparer votre voiture à petit prix. Le garage vend aussi "
        "des véhicules d'occasion.",
        "frais": "payant",
        "frais_libelle": "Payant",
        "prix_libelle": "Payant",
        "zone": ["Lodève"],
        "score": first["score"],
    }
    assert first["score"] > 0
    assert body["moteur"] == "integre"
    assert body["degrade"] is False
    assert body["duree_ms"] >= 0
    assert body["q"] == "garrage solidaire"


def test_filters_and_facets_with_labels_and_exact_counts(client: TestClient) -> None:
    body = get(client, categorie=["velo", "permis"], frais="payant", par_page=2)
    assert body["filtres"] == {"categorie": ["velo", "permis"], "frais": ["payant"]}
    assert body["total"] == 3  # location VAE, trottinettes, auto-école
    assert (body["page"], body["par_page"], body["pages"]) == (1, 2, 2)
    assert len(body["resultats"]) == 2
    facets = {f["nom"]: f for f in body["facettes"]}
    assert [f["nom"] for f in body["facettes"]] == [
        "categorie",
        "territoire",
        "public",
        "frais",
        "acces",
    ]
    category = {o["valeur"]: o for o in facets["categorie"]["options"]}
    assert category["velo"] == {
        "valeur": "velo",
        "libelle": "Vélo",
        "nombre": 2,
        "selectionnee": True,
    }
    assert category["vehicule"]["nombre"] == 3  # offered as an alternative
    assert category["vehicule"]["selectionnee"] is False
    fees = {o["valeur"]: o["nombre"] for o in facets["frais"]["options"]}
    assert fees == {"payant": 3, "gratuit": 1, "non-renseigne": 1}
    assert facets["frais"]["titre"] == "Frais"


def test_a_selected_value_without_results_is_still_shown(client: TestClient) -> None:
    body = get(client, q="covoiturage", public="seniors")
    options = {o["valeur"]: o for o in body["facettes"][2]["options"]}
    assert options["seniors"]["nombre"] == 0
    assert options["seniors"]["selectionnee"] is True
    assert options["tous-publics"]["nombre"] == 1


def test_commune_by_name_postal_code_or_insee_code(client: TestClient) -> None:
    for commune in ["Lodève", "lodeve", "34700", "34142", " LODÈVE "]:
        body = get(client, commune=commune, par_page=100)
        assert body["commune"] == {"code": "34142", "nom": "Lodève", "departement": "34"}
        assert body["resultats"][0]["id"] == "garage-solidaire-lodevois"
        assert "location-vae-montpellier" not in {r["id"] for r in body["resultats"]}


def test_an_ambiguous_commune_name_prefers_the_herault(client: TestClient) -> None:
    # Aigues-Vives (Gard) is more populated than Aigues-Vives (Hérault).
    assert get(client, commune="Aigues-Vives")["commune"]["code"] == "34007"


BAD_PARAMETERS: list[tuple[dict[str, Any], str, str]] = [
    ({"page": 0}, "page", "« page » est trop petit (minimum 1)"),
    ({"page": "abc"}, "page", "« page » doit être un nombre entier (reçu : « abc »)"),
    ({"page": 1001}, "page", "« page » est trop grand (maximum 1000)"),
    ({"par_page": 1000}, "par_page", "« par_page » est trop grand (maximum 100)"),
    ({"q": "vélo " * 50}, "q", "« q » est trop long (au plus 200 caractères)"),
    ({"categorie": "bateau"}, "categorie", "« categorie » : valeur inconnue « bateau »"),
    ({"territoire": "nulle-part"}, "territoire", "« territoire » : valeur inconnue"),
    ({"frais": "cher"}, "frais", "valeurs possibles : gratuit, payant, non-renseigne."),
    ({"public": ["jeunes", "martiens"]}, "public", "« public » : valeur inconnue « martiens »"),
    ({"commune": "Atlantide"}, "commune", "« commune » : « Atlantide » ne correspond à aucune"),
    ({"commune": "99999"}, "commune", "ne correspond à aucune commune"),
]


def test_bad_parameters_get_a_422_in_french_naming_the_parameter(client: TestClient) -> None:
    for params, parameter, message in BAD_PARAMETERS:
        response = client.get("/api/solutions", params=params)
        assert response.status_code == 422, params
        body = response.json()
        assert message in body["message"], params
        assert body["champ"] == parameter, params


def test_empty_filter_values_from_forms_are_ignored(client: TestClient) -> None:
    body = get(client, acces="", categorie=["", "velo"])
    assert body["filtres"] == {"categorie": ["velo"]}
    assert body["total"] == 3


WEIRD_INPUT = [
    "\x00",
    "😀🚲",
    "🚲" * 100,
    "ﬁn e\u0301cole",
    "\u202evélo\u202c",
    "' OR 1=1 --",
    '*?"\\%_[]{}()',
    "l'",
    "’’’",
    "-",
    "AND OR NOT",
    "ᚠᛇᚻ 中文 العربية",
    "a" * 200,
    "de la",
]


def test_weird_input_never_breaks_the_search(client: TestClient) -> None:
    for text in WEIRD_INPUT:
        body = get(client, q=text)
        assert isinstance(body["resultats"], list), text
        assert body["total"] >= 0, text
    assert get(client, q="ﬁn e\u0301cole")["q"] == "ﬁn e\u0301cole"
    assert get(client, q="a" * 200)["total"] == 0  # one absurd word finds nothing, not all


def test_undecodable_bytes_in_the_query_string_are_harmless(client: TestClient) -> None:
    response = client.get("/api/solutions?q=%ED%A0%80%FF&categorie=%C3")
    assert response.status_code in {200, 422}
    assert "message" in response.json() or "resultats" in response.json()


def test_openapi_documents_the_route_in_french(client: TestClient) -> None:
    schema = client.get("/openapi.json").json()
    operation = schema["paths"]["/api/solutions"]["get"]
    assert operation["summary"] == "Chercher des solutions de mobilité"
    parameters = {p["name"]: p for p in operation["parameters"]}
    assert set(parameters) >= {"q", "commune", "categorie", "public", "page", "par_page"}
    assert "code INSEE" in parameters["commune"]["description"]
    assert parameters["par_page"]["schema"]["maximum"] == 100
    assert "422" in operation["responses"]
    page = schema["components"]["schemas"]["SolutionSearchPage"]
    assert "moteur intégré" in page["properties"]["degrade"]["description"]


def test_health_reports_the_embedded_engine(client: TestClient) -> None:
    body = client.get("/health").json()
    assert body["status"] == "ok"
    assert body["recherche"] == {
        "status": "ok",
        "moteur_configure": "integre",
        "moteur": "integre",
        "fiches_indexees": len(ENTRIES),
        "erreur": None,
    }


def test_the_index_follows_a_new_catalogue_version(
    client: TestClient, stored: Settings, geo: Geography
) -> None:
    assert get(client, q="funiculaire")["total"] == 0
    engine = create_db_engine(stored.database_url)
    with Session(engine) as session, session.begin():
        fields = {**ENTRIES["cars-lio-herault"], "nom": "Funiculaire de démonstration"}
        session.add(make_solution("funiculaire", fields, geo))
        state = session.get(CatalogueState, 1)
        assert state is not None
        state.version, state.synced_at = 2, datetime.now(UTC)
    engine.dispose()
    assert eventually(lambda: get(client, q="funiculaire")["total"] == 1)  # within the interval
    assert get(client, q="funiculaire")["resultats"][0]["id"] == "funiculaire"


# --- degraded mode ------------------------------------------------------------------------


def test_meilisearch_down_the_embedded_engine_answers_and_health_says_so(
    stored: Settings,
) -> None:
    settings = stored.model_copy(update={"meili_url": f"http://127.0.0.1:{closed_port()}"})
    with TestClient(create_app(settings)) as client:
        body = get(client, q="covoitrage")
        assert body["resultats"][0]["id"] == "covoiturage-coeur-herault"
        assert body["moteur"] == "integre"
        assert body["degrade"] is True
        health = client.get("/health")
        assert health.status_code == 200
        search = health.json()["recherche"]
        assert health.json()["status"] == "degraded"
        assert search["status"] == "degraded"
        assert search["moteur_configure"] == "meilisearch"
        assert search["moteur"] == "integre"
        assert search["fiches_indexees"] == len(ENTRIES)
        assert search["erreur"] == "Meilisearch ne répond pas"  # details stay in the logs


def test_short_description_cuts_at_a_sentence_or_a_word() -> None:
    assert short_description("Court.") == "Court."
    long = "Première phrase assez longue pour compter. " + "mot " * 60
    assert short_description(long, 80) == "Première phrase assez longue pour compter."
    assert short_description("mot " * 60, 30) == "mot mot mot mot mot mot mot…"
    assert short_description("x" * 50, 10) == "x" * 10 + "…"
