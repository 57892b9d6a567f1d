"""The take-away sheet: printable page, tagged PDF, short text, and its JSON twin."""

from __future__ import annotations

import html
import io
import re
from collections.abc import Iterator
from datetime import date

import pypdf
import pytest
from fastapi.testclient import TestClient

from directory.config import Settings
from directory.matching.sheet import SheetItem, sheet_text, short_name

from .matching_support import desk_client

CHOSEN = [
    ("commune", "Soubès"),
    ("destinations", "Montpellier"),
    ("age", "68"),
    ("statuts", "retraite"),
    ("contraintes", "sans-voiture"),
    ("ids", "cars-regionaux-herault"),
    ("ids", "transport-pmr-prive-herault"),
    ("ids", "tram-bus-gratuit-metropole"),  # not eligible from Soubès: listed, not explained
]


@pytest.fixture
def client(settings: Settings) -> Iterator[TestClient]:
    yield from desk_client(settings)


def text_of(page: str) -> str:
    main = page[page.index("<main") : page.index("</main>")]
    return html.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", main)))


def test_sheet_page_says_what_who_what_to_bring_cost_hours_and_why(client: TestClient) -> None:
    page = client.get("/conseiller/fiche", params=CHOSEN)
    assert page.status_code == 200
    assert page.headers["cache-control"] == "no-store"
    text = text_of(page.text)
    assert "Vos solutions pour vous déplacer" in text
    # in the order of the results, then the others
    order = re.findall(r'<h2 id="fiche-([^"]+)">', page.text)
    assert order == [
        "transport-pmr-prive-herault",
        "cars-regionaux-herault",
        "tram-bus-gratuit-metropole",
    ]
    assert "1. Transport PMR privé d'essai dans l'Hérault" in text
    assert "Pourquoi pour vous dans tout l'Hérault va à Montpellier pour les séniors" in text
    assert "Téléphone : 04 67 00 00 33" in text
    assert '<a class="contact__phone" href="tel:+33-4-67-00-00-33">' in page.text
    assert "Combien ça coûte Payant : 2 € le trajet." in text
    assert "Quand Du lundi au samedi de 6 h à 20 h 30" in text
    assert "À apporter Pièce d'identité Justificatif de domicile" in text
    assert "Fiche préparée le" in text
    assert "Soubès" not in text and "68 ans" not in text  # no situation on paper
    assert '<link rel="stylesheet" href="/static/css/print.css' in page.text
    assert re.search(r'<link rel="alternate" type="application/json" href="/api/fiche\?', page.text)


def test_sheet_without_situation_lists_the_solutions_without_reasons(client: TestClient) -> None:
    page = client.get("/conseiller/fiche", params={"ids": "transport-solidaire-lodeve"})
    text = text_of(page.text)
    assert "Transport solidaire d'essai à Lodève" in text
    assert "Pourquoi pour vous" not in text


def test_sheet_without_any_choice_is_a_french_error(client: TestClient) -> None:
    page = client.get("/conseiller/fiche", params={"commune": "Lodève"})
    assert page.status_code == 422
    assert "aucune solution choisie" in html.unescape(page.text)
    api = client.get("/api/fiche", params={"ids": ""})
    assert api.status_code == 422 and api.json()["champ"] == "ids"


def test_sheet_json_twin_carries_the_same_items_and_the_text(client: TestClient) -> None:
    data = client.get("/api/fiche", params=CHOSEN).json()
    assert [s["id"] for s in data["solutions"]][:2] == [
        "transport-pmr-prive-herault",
        "cars-regionaux-herault",
    ]
    first = data["solutions"][0]
    assert first["pourquoi"] == [
        "dans tout l'Hérault",
        "va à Montpellier",
        "pour les séniors",
        "porte à porte",
    ]
    assert first["frais"] == "Payant" and first["telephone"] == "04 67 00 00 33"
    assert data["solutions"][2]["pourquoi"] == []
    assert data["texte"].startswith("Vos solutions mobilité (")
    assert data["absentes"] == []


def test_pdf_is_tagged_french_titled_and_contains_the_solutions(client: TestClient) -> None:
    response = client.get("/conseiller/fiche.pdf", params=CHOSEN)
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/pdf"
    assert response.headers["content-disposition"] == 'attachment; filename="fiche-mobilite.pdf"'
    assert response.headers["cache-control"] == "no-store"
    assert response.content.startswith(b"%PDF-")
    reader = pypdf.PdfReader(io.BytesIO(response.content))
    catalog = reader.trailer["/Root"]
    assert catalog["/Lang"] == "fr"
    assert bool(catalog["/MarkInfo"]["/Marked"])
    assert "/StructTreeRoot" in catalog
    assert bool(catalog["/ViewerPreferences"]["/DisplayDocTitle"])
    assert reader.metadata is not None and reader.metadata.title.startswith("Fiche mobilité du")
    metadata = catalog["/Metadata"].get_object().get_data().decode("utf-8")
    assert "pdfuaid" in metadata  # declares PDF/UA conformance
    text = " ".join(page.extract_text() for page in reader.pages)
    assert "Transport PMR privé d'essai dans l'Hérault" in text.replace("’", "'")
    assert "04 67 00 00 33" in text
    fonts = {
        str(font.get_object()["/BaseFont"])
        for page in reader.pages
        for font in page["/Resources"]["/Font"].values()
    }
    assert fonts and all("DejaVu" in f for f in fonts), fonts  # system fonts, embedded


def test_text_page_offers_the_short_text_to_copy(client: TestClient) -> None:
    page = client.get("/conseiller/fiche/texte", params=CHOSEN)
    assert page.status_code == 200
    textarea = re.search(
        r'<textarea id="texte-fiche"[^>]*readonly>(.*?)</textarea>', page.text, re.S
    )
    assert textarea
    text = html.unescape(textarea.group(1))
    lines = text.splitlines()
    assert lines[1] == "- Transport PMR privé d'essai dans l'Hérault : 04 67 00 00 33"
    assert lines[2] == "- Cars régionaux d'essai dans l'Hérault : 04 67 00 00 01"
    assert lines[-1].startswith("Détails : http://127.0.0.1:8000/conseiller/fiche?ids=")
    assert len(text) <= 600
    assert '<label for="texte-fiche">' in page.text and "data-copy" in page.text


def item(name: str, **extra: object) -> SheetItem:
    fields: dict[str, object] = {
        "id": "x",
        "nom": name,
        "categorie_libelle": "Transport",
        "description": "…",
        "operateur": None,
        "telephone": None,
        "telephone_uri": None,
        "courriel": None,
        "lien": None,
        "adresse": None,
        "a_apporter": [],
        "frais": "Gratuit",
        "frais_precisions": None,
        "horaires": [],
        "horaires_precisions": None,
        "comment": None,
        "sur_orientation": False,
        "a_confirmer": False,
        "pourquoi": [],
        "a_verifier": [],
    }
    return SheetItem.model_validate(fields | extra)


def test_short_text_stays_short_and_plain() -> None:
    assert short_name("TADAM, le transport à la demande de la Vallée de l'Hérault") == "TADAM"
    assert short_name("Tramway et bus TaM gratuits pour les habitants de la Métropole (Pass)") == (
        "Tramway et bus TaM gratuits pour les…"
    )
    items = [
        item("« + = 0 », trains et cars liO à prix réduit", lien="https://lio-occitanie.fr/"),
        item("Clés de Route Lodève, auto-école associative", sur_orientation=True),
        item("SAAM du GIHP, transport accompagné", telephone="04 67 00 00 09"),
    ]
    text = sheet_text(items, date(2026, 11, 25), "https://annuaire.example/conseiller/fiche?ids=a")
    assert text.splitlines() == [
        "Vos solutions mobilité (25/11/2026) :",
        '- " + = 0 " : lio-occitanie.fr',
        "- Clés de Route Lodève : demandez à votre conseiller de vous orienter",
        "- SAAM du GIHP : 04 67 00 00 09",
        "Détails : https://annuaire.example/conseiller/fiche?ids=a",
    ]
    many = [
        item(f"Solution numéro {n} avec un nom vraiment très long", telephone="04 67 00 00 00")
        for n in range(12)
    ]
    long_text = sheet_text(many, date(2026, 11, 25), "https://annuaire.example/" + "x" * 200)
    assert "Détails" not in long_text  # the link goes first when space runs out
