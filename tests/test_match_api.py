"""POST /api/match, its GET twin and /api/communes: one service, one output, French errors."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient

from directory.config import Settings

from .matching_support import desk_client

SITUATION = {
    "commune": "Gignac",
    "destinations": ["Clermont-l'Hérault"],
    "age": 22,
    "statuts": ["demandeur-emploi"],
    "demandeur_emploi_depuis_mois": 4,
    "permis": "non",
    "voiture": "non",
    "motifs": ["travail"],
    "creneaux": ["tot"],
}


@pytest.fixture
def client(settings: Settings) -> Iterator[TestClient]:
    yield from desk_client(settings)


def test_post_returns_groups_reasons_checks_and_near_misses(client: TestClient) -> None:
    response = client.post("/api/match", json=SITUATION)
    assert response.status_code == 200
    assert response.headers["cache-control"] == "no-store"
    assert response.headers["referrer-policy"] == "no-referrer"  # the situation goes nowhere
    data = response.json()
    assert data["situation"]["commune"] == {
        "code": "34114",
        "nom": "Gignac",
        "valeur": "Gignac (34150)",
        "departement": "Hérault",
    }
    assert data["situation"]["besoin_principal"] == {
        "id": "se-deplacer",
        "titre": "Se déplacer au quotidien",
        "deduit": True,
    }
    assert data["situation"]["territoire"] == "pays-coeur-d-herault"
    # « L'essentiel » first, then the other solutions by need, the main need first
    essential = {r["id"]: r for r in data["essentiel"]}
    assert 3 <= len(essential) <= 6
    line = essential["ligne-covoiturage-gignac-clermont"]
    assert line["pourquoi"][:2] == ["s'arrête à Gignac", "va à Clermont-l'Hérault"]
    assert "horaires avant 7 h : à vérifier" in line["a_verifier"]
    assert line["prix"] == {"libelle": "Gratuit", "precisions": None}
    assert line["besoin"] == "Se déplacer au quotidien"
    groups = [g["id"] for g in data["groupes"]]
    assert groups[0] == "se-deplacer" and set(groups) <= {
        "se-deplacer",
        "payer",
        "permis",
        "vehicule",
        "accompagnement",
    }
    others = {r["id"] for g in data["groupes"] for r in g["resultats"]}
    assert not others & set(essential)  # each solution once
    near = {n["id"]: n["raisons"] for n in data["ecartees"]}
    assert near["pret-voiture-coeur-herault"] == ["nécessite le permis B"]
    assert data["total"] == len(essential) + sum(g["total"] for g in data["groupes"])


def test_the_main_need_named_opens_the_shortlist(client: TestClient) -> None:
    named = client.post("/api/match", json={**SITUATION, "besoin_principal": "permis"}).json()
    assert named["situation"]["besoin_principal"]["deduit"] is False
    assert named["essentiel"][0]["besoin"] == "Le permis de conduire"
    groups = [g["id"] for g in named["groupes"]]
    assert "permis" not in groups or groups[0] == "permis"


def test_get_twin_gives_the_same_answer_as_post(client: TestClient) -> None:
    posted = client.post("/api/match", json=SITUATION).json()
    got = client.get("/api/match", params=SITUATION).json()
    assert got == posted


def test_get_twin_accepts_comma_separated_destinations(client: TestClient) -> None:
    data = client.get(
        "/api/match", params={"commune": "Bédarieux", "destinations": "Béziers, Montpellier"}
    ).json()
    assert [d["nom"] for d in data["situation"]["destinations"]] == ["Béziers", "Montpellier"]


@pytest.mark.parametrize(
    ("body", "field", "words"),
    [
        ({"commune": "Lodève", "age": 250}, "age", "« age » est trop grand (maximum 120)"),
        (
            {"commune": "Lodève", "statuts": ["retraite", "scolaire"]},
            "statuts",
            "« statuts » « retraité » et « élève » ne vont pas ensemble",
        ),
        (
            {"commune": "Lodève", "age": 70, "statuts": ["scolaire"]},
            "statuts",
            "« statuts » « élève » à 70 ans",
        ),
        (
            {"commune": "Lodève", "demandeur_emploi_depuis_mois": 6},
            "demandeur_emploi_depuis_mois",
            "sans le statut « demandeur d'emploi »",
        ),
        ({"age": 30}, "commune", "« commune » ce champ est obligatoire"),
    ],
)
def test_invalid_situations_are_422_in_french_naming_the_field(
    client: TestClient, body: dict[str, Any], field: str, words: str
) -> None:
    for response in (client.post("/api/match", json=body), client.get("/api/match", params=body)):
        assert response.status_code == 422
        data = response.json()
        assert data["erreur"] == "Paramètres invalides"
        detail = next(d for d in data["details"] if d["champ"] == field)
        assert words in detail["message"]


def test_unknown_commune_is_422_with_candidates(client: TestClient) -> None:
    response = client.post("/api/match", json={"commune": "Lodèv", "destinations": ["34700"]})
    assert response.status_code == 422
    data = response.json()
    assert data["champ"] == "commune"
    assert data["message"].startswith("« commune » ne correspond à aucune commune (« Lodèv »)")
    assert data["suggestions"][0]["valeur"] == "Lodève (34700)"
    ambiguous = data["details"][1]
    assert ambiguous["champ"] == "destinations"
    assert ambiguous["message"] == (
        "« destinations » correspond à plusieurs communes (« 34700 ») : précisez laquelle"
    )
    assert "Soubès (34700)" in [s["valeur"] for s in ambiguous["suggestions"]]


def test_match_is_documented_in_openapi(client: TestClient) -> None:
    schema = client.get("/openapi.json").json()
    post = schema["paths"]["/api/match"]["post"]
    assert post["requestBody"]["content"]["application/json"]["schema"]["$ref"].endswith(
        "/Situation"
    )
    assert "422" in post["responses"]
    get = schema["paths"]["/api/match"]["get"]
    assert {p["name"] for p in get["parameters"]} >= {"commune", "age", "statuts", "creneaux"}
    situation = schema["components"]["schemas"]["Situation"]
    assert "Commune d'habitation" in situation["properties"]["commune"]["description"]
    assert "/api/fiche" in schema["paths"] and "/api/communes" in schema["paths"]


def test_communes_suggestions_put_the_hérault_first(client: TestClient) -> None:
    data = client.get("/api/communes", params={"q": "saint-pons"}).json()
    assert data[0]["valeur"] == "Saint-Pons-de-Thomières (34220)"
    assert data[0]["libelle"] == "Saint-Pons-de-Thomières (34220, Hérault)"
    assert client.get("/api/communes", params={"q": "Montpelier"}).json()[0]["code"] == "34172"
    assert client.get("/api/communes", params={"q": "l"}).status_code == 422


@pytest.mark.parametrize(
    ("situation", "field", "words"),
    [
        ({"commune": "Xyzzyville"}, "commune", "ne correspond à aucune commune"),
        (
            {"commune": "Lodève", "destinations": ["Barcelone"]},
            "destinations",
            "ne correspond à aucune commune (« Barcelone »)",
        ),
        ({"commune": "Lodève", "age": 12, "statuts": ["retraite"]}, "statuts", "à 12 ans"),
        (
            {"commune": "Lodève", "handicap": "non", "statuts": ["carte-mobilite-inclusion"]},
            "handicap",
            "« non » alors que",
        ),
        ({"commune": "Lodève", "destinations": ["A"] * 6}, "destinations", "au plus 5"),
    ],
)
def test_bad_input_gets_a_french_message_naming_the_field_never_a_500(
    client: TestClient, situation: dict[str, Any], field: str, words: str
) -> None:
    api = client.post("/api/match", json=situation)
    assert api.status_code == 422
    detail = next(d for d in api.json()["details"] if d["champ"].startswith(field))
    assert words in detail["message"]
    page = client.get("/conseiller", params=situation)
    assert page.status_code == 422 and page.headers["cache-control"] == "no-store"
    assert words.replace("'", "&#39;") in page.text or words in page.text
