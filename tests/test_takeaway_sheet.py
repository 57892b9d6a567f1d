"""The take-away sheet: the desk at the top, the note, next steps, each solution with someone to
call; posted, never addressed; a tagged PDF that fits; a short text that fits three SMS."""

from __future__ import annotations

import html
import io
import logging
import re
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pypdf
import pytest
from fastapi.testclient import TestClient

from directory.app import create_app
from directory.config import Settings
from directory.matching.sms import (
    TEXT_LIMIT,
    TextLine,
    gsm7_length,
    sheet_text,
    short_name,
    to_gsm7,
)

from .conftest import sync_folder
from .matching_support import (
    DESK_CATALOGUE,
    desk_client,
    desk_data_dir,
    frozen_snapshot,
    post_form,
)

SITUATION = [
    ("commune", "Soubès"),
    ("destinations", "Montpellier"),
    ("age", "68"),
    ("statuts", "retraite"),
    ("voiture", "non"),
    ("handicap", "oui"),
]
CHOSEN = [
    ("ids", "cars-regionaux-herault"),
    ("ids", "transport-pmr-prive-herault"),
    ("ids", "tram-bus-gratuit-metropole"),  # not for someone in Soubès: listed, not explained
    ("ids", "autostop-organise-herault"),  # no contact at all: through the desk
]
NOTE = "Rappeler jeudi : la navette du mardi est complète."


@pytest.fixture
def client(settings: Settings) -> Iterator[TestClient]:
    yield from desk_client(settings)


def text_of(page: str) -> str:
    main = page[page.index("<main") : page.index("</main>")]
    text = html.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", main)))
    return re.sub(r" ([,.)])", r"\1", text)


def sheet_of(
    client: TestClient, pairs: list[tuple[str, str]], path: str = "/conseiller/fiche"
) -> Any:
    return post_form(client, path, pairs)


def test_the_sheet_opens_with_the_desk_the_note_and_next_steps(client: TestClient) -> None:
    page = sheet_of(client, [*SITUATION, *CHOSEN, ("note", NOTE)])
    assert page.status_code == 200
    assert page.headers["cache-control"] == "no-store"
    text = text_of(page.text)
    assert "Vos solutions pour vous déplacer" in text
    # the desk of Soubès (Pays Cœur d'Hérault) by default, with what is known of it
    assert (
        "Votre permanence info-mobilité Structure d'essai du Cœur d'Hérault "
        "(Pays Cœur d'Hérault) Téléphone : 04 67 00 00 41" in text
    )
    assert "France Services d'essai de Lodève, 2 place de l'Essai, 34700 Lodève" in text
    assert f"Le mot de votre conseiller {NOTE}" in text
    assert (
        "Prochaines étapes Appeler Transport PMR privé d'essai dans l'Hérault au "
        "04 67 00 00 33 et Cars régionaux d'essai dans l'Hérault au 04 67 00 00 01." in text
    )
    assert re.search(
        r"Pour Autostop organisé d'essai dans l'Hérault et Tramway et bus d'essai [^:]+ : "
        r"contacter Structure d'essai du Cœur d'Hérault\.",
        text,
    )
    assert "Apporter : pièce d'identité et justificatif de domicile." in text


def test_each_solution_says_why_whom_to_call_and_what_it_costs(client: TestClient) -> None:
    page = sheet_of(client, [*SITUATION, *CHOSEN])
    text = text_of(page.text)
    # in the order of the results (« L'essentiel » first), then the others
    order = re.findall(r'<h2 id="fiche-([^"]+)">', page.text)
    assert order[-1] == "tram-bus-gratuit-metropole"
    assert set(order) == {value for _key, value in CHOSEN}
    assert (
        "Pourquoi va à Montpellier, pour les personnes en situation de "
        "handicap et les séniors, transport adapté aux personnes à mobilité réduite" in text
    )
    assert '<a class="contact__phone" href="tel:+33-4-67-00-00-33">04 67 00 00 33</a>' in page.text
    assert "Prix Payant : 2 € le trajet." in text
    assert "Horaires Du lundi au samedi de 6 h à 20 h 30" in text
    # no contact known: how to reach it through the desk, with the desk's phone
    assert (
        "Pas de contact direct connu : votre permanence info-mobilité (Structure d'essai du "
        "Cœur d'Hérault, 04 67 00 00 41) vous met en relation." in text
    )
    tram = page.text[page.text.index('id="fiche-tram-bus-gratuit-metropole"') :]
    assert "Pourquoi" not in tram[: tram.index("</article>")]  # not for her: no reason given
    # the situation is never printed
    assert "Soubès" not in text and "68 ans" not in text
    assert '<link rel="stylesheet" href="/static/css/print.css' in page.text


def test_the_sheet_prints_the_conditions_instead_of_pointing_to_them(client: TestClient) -> None:
    accompanied = ("ids", "transport-accompagne-herault")
    desk = post_form(client, "/conseiller", SITUATION)
    assert "autres conditions : voir la fiche" in text_of(desk.text)  # the advisor's pointer
    text = text_of(sheet_of(client, [*SITUATION, accompanied]).text)
    assert "Conditions Avoir un handicap permanent." in text
    assert "voir la fiche" not in text  # the person has no entry page to look at


def test_aids_loans_and_rentals_are_priced_as_such(client: TestClient) -> None:
    page = sheet_of(
        client,
        [
            ("ids", "aide-permis-demandeurs-emploi"),
            ("ids", "pret-permis-jeunes"),
            ("ids", "leasing-voiture-electrique"),
            ("ids", "navette-sante-clermont"),
        ],
    )
    text = text_of(page.text).replace("\u00a0", " ")
    assert "Prix Aide jusqu'à 1 200 € : Versée à l'auto-école." in text
    assert "Prix Prêt jusqu'à 1 200 € : Prêt sans intérêt" in text
    assert "Prix Location" in text
    assert "Prix Gratuit" in text
    assert "Prix non renseigné" not in text


def test_the_address_carries_ids_only(client: TestClient) -> None:
    """The situation, the note and the desk come in the body; an old address with the
    situation in it sends to the same sheet without it."""
    linked = client.get(
        "/conseiller/fiche", params={"ids": "cars-regionaux-herault,pret-permis-jeunes"}
    )
    assert linked.status_code == 200 and linked.headers["cache-control"] == "no-store"
    assert "Retour aux solutions" not in linked.text  # opened from its link, not the desk
    assert [i for i in re.findall(r'<h2 id="fiche-([^"]+)">', linked.text)] == [
        "cars-regionaux-herault",
        "pret-permis-jeunes",
    ]
    for path in ("/conseiller/fiche", "/conseiller/fiche.pdf", "/conseiller/fiche/texte"):
        old = client.get(
            path, params=[("commune", "Lodève"), ("age", "68"), *CHOSEN[:2]], follow_redirects=False
        )
        assert old.status_code == 303, path
        assert old.headers["location"] == (
            f"{path}?ids=cars-regionaux-herault%2Ctransport-pmr-prive-herault"
        )
    # the sheet posts on to its PDF, its text and back to the desk: nothing in an address
    page = sheet_of(client, [*SITUATION, *CHOSEN, ("note", NOTE)])
    forms = re.findall(
        r'<form class="sheet__actions no-print" method="post" action="([^"]+)"', page.text
    )
    assert forms == ["/conseiller/fiche"]
    assert re.findall(r'formaction="([^"]+)"', page.text) == [
        "/conseiller/fiche.pdf",
        "/conseiller/fiche/texte",
        "/conseiller",
    ]
    hidden = re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)">', page.text)
    assert ("note", NOTE) in hidden and ("commune", "Soubès") in hidden
    assert "?" not in "".join(re.findall(r'(?:href|action)="(/conseiller[^"]*)"', page.text))


def test_the_sheet_json_twins_give_the_same_sheet(client: TestClient) -> None:
    posted = client.post(
        "/api/fiche",
        json={
            "ids": [value for _key, value in CHOSEN],
            "situation": {"commune": "Soubès", "destinations": ["Montpellier"], "age": 68},
            "note": NOTE,
            "permanence": "montpellier-mediterranee-metropole",
        },
    )
    assert posted.status_code == 200 and posted.headers["cache-control"] == "no-store"
    data = posted.json()
    assert data["permanence"]["structure"] == "Structure d'essai de la Métropole"  # as asked
    assert data["note"] == NOTE
    assert data["lien"].endswith(
        "/conseiller/fiche?ids=" + ",".join(s["id"] for s in data["solutions"])
    )
    assert data["prochaines_etapes"][0].startswith("Appeler ")
    linked = client.get("/api/fiche", params={"ids": "cars-regionaux-herault"}).json()
    assert [s["id"] for s in linked["solutions"]] == ["cars-regionaux-herault"]
    assert linked["solutions"][0]["prix"] == {"libelle": "Payant", "precisions": "2 € le trajet."}
    refused = client.get("/api/fiche", params={"ids": "cars-regionaux-herault", "age": "68"})
    assert refused.status_code == 422 and refused.json()["champ"] == "age"
    assert "POST /api/fiche" in refused.json()["message"]


@pytest.mark.parametrize(
    ("pairs", "field", "words"),
    [
        ([("commune", "Lodève")], "ids", "« ids » doit contenir au moins 1 valeur"),
        ([("ids", f"fiche-{n}") for n in range(500)], "ids", "au plus 12"),
        ([("ids", "cars-regionaux-herault"), ("permanence", "lune")], "permanence", "lune"),
        ([("ids", "cars-regionaux-herault"), ("note", "x" * 401)], "note", "au plus 400"),
    ],
)
def test_bad_requests_get_a_french_message_naming_the_field(
    client: TestClient, pairs: list[tuple[str, str]], field: str, words: str
) -> None:
    page = sheet_of(client, pairs)
    assert page.status_code == 422
    assert words in html.unescape(page.text) and f"« {field} »" in html.unescape(page.text)
    api = client.post("/api/fiche", json={"ids": [v for k, v in pairs if k == "ids"]})
    assert api.status_code in (200, 422)


def test_the_note_is_printed_but_never_logged(
    client: TestClient, caplog: pytest.LogCaptureFixture
) -> None:
    secret = "Dialyse le mardi, ne pas appeler avant 10 h"
    with caplog.at_level(logging.DEBUG):
        page = sheet_of(client, [*SITUATION, *CHOSEN, ("note", secret)])
        sheet_of(client, [*CHOSEN, ("note", secret), ("permanence", "lune")])  # an error too
    assert secret in html.unescape(page.text)
    logged = "\n".join(f"{r.getMessage()} {r.args}" for r in caplog.records)
    assert secret not in logged and "Soubès" not in logged


def test_pdf_is_tagged_french_titled_and_contains_the_solutions(client: TestClient) -> None:
    response = sheet_of(client, [*SITUATION, *CHOSEN], "/conseiller/fiche.pdf")
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/pdf"
    assert response.headers["content-disposition"] == 'attachment; filename="fiche-mobilite.pdf"'
    assert response.headers["cache-control"] == "no-store"
    reader = pypdf.PdfReader(io.BytesIO(response.content))
    catalog = reader.trailer["/Root"]
    assert catalog["/Lang"] == "fr"
    assert bool(catalog["/MarkInfo"]["/Marked"])
    assert "/StructTreeRoot" in catalog
    assert bool(catalog["/ViewerPreferences"]["/DisplayDocTitle"])
    assert reader.metadata is not None and reader.metadata.title.startswith("Fiche mobilité du")
    metadata = catalog["/Metadata"].get_object().get_data().decode("utf-8")
    assert "pdfuaid" in metadata  # declares PDF/UA conformance
    text = " ".join(page.extract_text() for page in reader.pages).replace("’", "'")
    assert "Transport PMR privé d'essai dans l'Hérault" in text
    assert "04 67 00 00 33" in text and "Votre permanence info-mobilité" in text
    fonts = {
        str(font.get_object()["/BaseFont"])
        for page in reader.pages
        for font in page["/Resources"]["/Font"].values()
    }
    assert fonts and all("DejaVu" in f for f in fonts), fonts  # system fonts, embedded


@pytest.fixture(scope="module")
def frozen_client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    """The app on the frozen copy of the real catalogue, with the fictitious desks."""
    database = tmp_path_factory.mktemp("sheet") / "annuaire.db"
    settings = Settings(database_url=f"sqlite:///{database}", data_dir=desk_data_dir())
    sync_folder(settings, DESK_CATALOGUE)
    with TestClient(create_app(settings)) as test_client:
        yield test_client


def heaviest(count: int) -> list[str]:
    """The entries that take the most room on paper: the worst case for page counts."""

    def room(s: Any) -> int:
        texts = (s.nom, s.description, s.frais_precisions, s.mobilisation_precisions)
        texts += (s.horaires_precisions, s.operateur)
        return sum(min(len(t or ""), 300) for t in texts) + 60 * len(s.pieces_a_fournir)

    return [s.id for s in sorted(frozen_snapshot().solutions.values(), key=room)[-count:]]


@pytest.mark.parametrize(("count", "pages"), [(3, 1), (7, 2)])
def test_three_solutions_print_on_one_page_and_seven_on_two(
    frozen_client: TestClient, count: int, pages: int
) -> None:
    """Worst case: the entries with the longest texts, the longest note, a desk with two
    places and a long list of things to bring. No heading is left alone at a page bottom."""
    pairs = [*SITUATION, ("handicap", ""), ("note", "Une note longue. " * 23)]
    pairs += [("ids", i) for i in heaviest(count)] + [("permanence", "pays-coeur-d-herault")]
    response = post_form(frozen_client, "/conseiller/fiche.pdf", pairs)
    reader = pypdf.PdfReader(io.BytesIO(response.content))
    assert len(reader.pages) == pages
    assert reader.trailer["/Root"]["/Lang"] == "fr"
    page_texts = [page.extract_text().replace("’", "'") for page in reader.pages]
    sheet = post_form(frozen_client, "/conseiller/fiche", pairs).text
    items = re.findall(r'<h2 id="fiche-([^"]+)">(\d+)\. ', sheet)
    assert len(items) == count
    for solution_id, number in items:
        holding = [p for p in page_texts if re.search(rf"(?m)^{number}\. ", p)]
        assert len(holding) == 1, f"titre {number} sur {len(holding)} pages"
        after = holding[0][re.search(rf"(?m)^{number}\. ", holding[0]).end() :]  # type: ignore[union-attr]
        entry = frozen_snapshot().get(solution_id)
        assert entry is not None
        assert entry.categorie.label in after, f"titre {number} seul en bas de page"
    for heading in ("Prochaines étapes", "Le mot de votre conseiller"):
        page = next(p for p in page_texts if heading in p)
        assert page.index(heading) < len(page.rstrip()) - len(heading)  # content follows


def line(contact: str, name: str) -> TextLine:
    return TextLine(contact, name)


def test_to_gsm7_keeps_french_letters_sms_can_send() -> None:
    assert to_gsm7("Hérault, à Lodève, où : « ça » ’ … Cœur, fête") == (
        'Hérault, à Lodève, où : " ca " \' ... Coeur, fete'
    )
    assert gsm7_length("10 €") == 5  # the euro sign counts twice


def test_the_text_puts_numbers_first_and_a_link_only_for_a_smartphone() -> None:
    lines = [
        line("04 67 00 00 09", "SAAM du GIHP, transport accompagné"),
        line("lio-occitanie.fr", "« + = 0 », trains et cars liO à prix réduit"),
        line("par votre permanence", "Clés de Route Lodève, auto-école associative"),
    ]
    link = "https://annuaire.example/conseiller/fiche?ids=a,b,c"
    text = sheet_text(lines, date(2026, 11, 25), "Gefosat, 04 67 00 00 41", None)
    assert text.splitlines() == [
        "Vos solutions mobilité du 25/11/2026 :",
        "04 67 00 00 09 : SAAM du GIHP",
        'lio-occitanie.fr : " + = 0 "',
        "par votre permanence : Clés de Route Lodève",
        "Votre permanence info-mobilité : Gefosat, 04 67 00 00 41",
    ]
    with_link = sheet_text(lines, date(2026, 11, 25), None, link)
    assert with_link.endswith("Fiche : " + link)


@pytest.mark.parametrize("reference", [None, "K7MP-4QX2"])
@pytest.mark.parametrize("smartphone", [True, False])
def test_three_solutions_stay_within_three_sms(smartphone: bool, reference: str | None) -> None:
    """The longest names of the frozen catalogue, a long desk line, a long link, and the
    reference of a counted session: the reference always stays, the names shorten first."""
    names = sorted((s.nom for s in frozen_snapshot().solutions.values()), key=len)[-3:]
    lines = [line("04 67 00 00 00", name) for name in names]
    link = "https://annuaire-mobilite.herault.example/conseiller/fiche?ids=" + ",".join(
        sorted(frozen_snapshot().solutions, key=len)[-3:]
    )
    text = sheet_text(
        lines,
        date(2026, 11, 25),
        "Passerelles synergies, 04 67 00 00 41",
        link if smartphone else None,
        reference,
    )
    assert gsm7_length(text) <= TEXT_LIMIT == 459
    assert to_gsm7(text) == text  # nothing outside the GSM-7 alphabet
    assert [row.split(" : ")[0] for row in text.splitlines()[1:4]] == ["04 67 00 00 00"] * 3
    assert ("Votre référence : K7MP-4QX2" in text.splitlines()) is (reference is not None)
    if reference is None:
        assert ("Fiche : " in text) is smartphone
    else:  # this link of 237 characters gives way to the reference (names stay readable)
        assert "Fiche : " not in text
        assert min(len(row) for row in text.splitlines()[1:4]) > len("04 67 00 00 00 : ") + 14


def test_a_reference_and_a_usual_link_fit_three_sms_together() -> None:
    lines = [line("04 67 00 00 00", n) for n in ("Trains liO", "TADAM", "Garage solidaire")]
    link = "https://annuaire-mobilite.herault.example/conseiller/fiche?ids=" + ",".join(
        i for _, i in CHOSEN[:3]
    )
    text = sheet_text(
        lines, date(2026, 11, 25), "Passerelles synergies, 04 67 00 00 41", link, "K7MP-4QX2"
    )
    assert text.splitlines()[-2:] == ["Votre référence : K7MP-4QX2", "Fiche : " + link]
    assert gsm7_length(text) <= TEXT_LIMIT


def test_the_sheet_its_pdf_its_text_and_its_json_carry_a_posted_reference(
    client: TestClient,
) -> None:
    """A counted session's reference travels in the body, never in the address."""
    pairs = [*CHOSEN[:3], ("reference", "k7mp 4qx2"), ("permanence", "pays-coeur-d-herault")]
    page = sheet_of(client, pairs)
    assert "Votre référence : K7MP-4QX2." in text_of(page.text)
    forms = re.findall(r'<form[^>]*action="([^"]+)"', page.text)
    assert forms and all("?" not in action for action in forms)
    assert 'name="reference" value="k7mp 4qx2"' in page.text  # posted on to the PDF and text
    pdf = pypdf.PdfReader(io.BytesIO(sheet_of(client, pairs, "/conseiller/fiche.pdf").content))
    assert "K7MP-4QX2" in "".join(p.extract_text() for p in pdf.pages)
    textarea = re.search(
        r"readonly>(.*?)</textarea>", sheet_of(client, pairs, "/conseiller/fiche/texte").text, re.S
    )
    assert (
        textarea and "Votre référence : K7MP-4QX2" in html.unescape(textarea.group(1)).splitlines()
    )
    body = {"ids": [i for _, i in CHOSEN[:3]], "reference": "K7MP-4QX2"}
    twin = client.post("/api/fiche", json=body).json()
    assert twin["reference"] == "K7MP-4QX2"
    assert "Votre référence : K7MP-4QX2" in twin["texte"].splitlines()
    assert gsm7_length(twin["texte"]) <= TEXT_LIMIT


def test_a_reference_never_comes_from_an_address_nor_in_a_wrong_shape(client: TestClient) -> None:
    moved = client.get(
        "/conseiller/fiche?ids=cars-regionaux-herault&ref=K7MP-4QX2&reference=K7MP-4QX2",
        follow_redirects=False,
    )
    assert moved.status_code == 303
    assert moved.headers["location"] == "/conseiller/fiche?ids=cars-regionaux-herault"
    assert "référence" not in text_of(client.get(moved.headers["location"]).text).lower()
    forged = sheet_of(client, [CHOSEN[0], ("reference", "<b>Appelez le 0600</b>")])
    assert forged.status_code == 422
    assert "référence mal formée" in text_of(forged.text)
    assert "Appelez le 0600" not in forged.text
    refused = client.post("/api/fiche", json={"ids": ["cars-regionaux-herault"], "reference": "x"})
    assert refused.status_code == 422
    assert "reference" in refused.text


def test_the_text_page_offers_the_short_text_to_copy(client: TestClient) -> None:
    page = sheet_of(client, [*SITUATION, ("smartphone", "non"), *CHOSEN], "/conseiller/fiche/texte")
    assert page.status_code == 200
    textarea = re.search(
        r'<textarea id="texte-fiche"[^>]*readonly>(.*?)</textarea>', page.text, re.S
    )
    assert textarea
    text = html.unescape(textarea.group(1))
    rows = text.splitlines()
    assert "04 67 00 00 33 : Transport PMR privé d'essai dans..." in rows  # name shortened
    assert "par votre permanence : Autostop organisé d'essai dans l'Hérault" in rows
    # « œ » is not in the SMS alphabet
    assert rows[-1] == (
        "Votre permanence info-mobilité : Structure d'essai du Coeur d'Hérault, 04 67 00 00 41"
    )
    assert "http" not in text  # no smartphone: no link
    assert "pas de lien, la personne n'a pas de smartphone connu" in text_of(page.text)
    with_phone = sheet_of(
        client, [*SITUATION, ("smartphone", "oui"), *CHOSEN], "/conseiller/fiche/texte"
    )
    assert "Fiche : http://127.0.0.1:8000/conseiller/fiche?ids=" in html.unescape(with_phone.text)


def test_short_names_keep_the_head_of_a_name() -> None:
    assert short_name("TADAM, le transport à la demande de la Vallée de l'Hérault", 40) == "TADAM"
    assert short_name("Trains liO (Occitanie)", 40) == "Trains liO"
    assert short_name("Tramway et bus TaM gratuits pour les habitants de la Métropole", 30) == (
        "Tramway et bus TaM gratuits…"
    )


def test_the_sheet_templates_have_no_inline_code() -> None:
    for name in ("fiche.html", "fiche_texte.html"):
        source = (Path(__file__).parents[1] / "templates" / "pages" / name).read_text()
        assert " style=" not in source and "<script>" not in source
