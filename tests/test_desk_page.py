"""The desk page /conseiller: the form kept as typed, « L'essentiel » first, the rest one click
away, errors linked to their fields, picks and note carried back from a sheet."""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from itertools import pairwise

import pytest
from fastapi.testclient import TestClient

from directory.config import Settings

from .matching_support import desk_client, post_form

GIGNAC = [
    ("commune", "Gignac"),
    ("destinations", "Clermont-l'Hérault"),
    ("age", "22"),
    ("demandeur_emploi", "oui"),
    ("demandeur_emploi_depuis_mois", "4"),
    ("permis", "non"),
    ("voiture", "non"),
    ("motifs", "travail"),
    ("creneaux", "tot"),
]


@pytest.fixture
def client(settings: Settings) -> Iterator[TestClient]:
    yield from desk_client(settings)


def text_of(page: str) -> str:
    """The visible text of the main region, tags removed, spaces collapsed."""
    main = page[page.index("<main") : page.index("</main>")]
    return html.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", main)))


def ticked(body: str) -> list[str]:
    return re.findall(r'name="ids" value="([^"]+)" form="fiche" checked', body)


def test_blank_page_invites_to_type_the_commune(client: TestClient) -> None:
    page = client.get("/conseiller")
    assert page.status_code == 200
    assert page.headers["cache-control"] == "no-store"
    assert page.headers["referrer-policy"] == "no-referrer"
    text = text_of(page.text)
    assert "Permanence info-mobilité" in text
    assert "Indiquez au moins la commune d'habitation de la personne" in text
    assert page.text.count("<h1") == 1
    assert '<link rel="alternate" type="application/json" href="/api/match">' in page.text


def test_the_shortlist_comes_first_and_the_rest_is_one_click_away(client: TestClient) -> None:
    page = client.get("/conseiller", params=GIGNAC)
    assert page.status_code == 200
    body, text = page.text, text_of(page.text)
    # the form shows exactly what was typed, answers as checked radio buttons
    assert 'name="commune" value="Gignac"' in body
    assert 'name="destinations" value="Clermont-l&#39;Hérault"' in body
    assert 'name="age" value="22"' in body
    for answer in ('id="permis-non" name="permis" value="non" checked', 'value="tot" checked'):
        assert answer in body
    assert 'id="demandeur_emploi-oui" name="demandeur_emploi" value="oui" checked' in body
    assert 'id="handicap-inconnu" name="handicap" value="" checked' in body  # not asked
    # « L'essentiel » first: the need, each solution with its reasons, ticked for the sheet
    assert "Pour : Gignac (34150), vers Clermont-l'Hérault, 22 ans, demandeur d'emploi" in text
    assert "L'essentiel · se déplacer au quotidien (déduit de la situation)" in text
    essential = html.unescape(body[body.index('id="essentiel-titre"') : body.index('id="fiche"')])
    assert "Ligne de covoiturage d'essai entre Gignac et Clermont-l'Hérault" in essential
    assert "va à Clermont-l'Hérault" in essential
    assert ticked(body) == re.findall(r'name="ids" value="([^"]+)"', essential)
    # the other solutions, grouped, closed; near misses with their reason, closed too
    assert '<details class="all-results" id="autres-solutions">' in body
    assert re.search(r"Les autres solutions, par besoin \(\d+\)", text)
    for heading in ("Le permis de conduire", "Avoir ou réparer un véhicule"):
        assert heading in text
    assert '<details class="near-misses" id="solutions-ecartees">' in body
    assert (
        "Prêt de voiture d'essai du Cœur d'Hérault (avoir ou réparer un véhicule) : "
        "nécessite le permis B" in text
    )
    assert "✓" not in body  # marks come from the stylesheet, not the text
    twin = re.search(r'<link rel="alternate" type="application/json" href="([^"]+)">', body)
    assert twin and html.unescape(twin.group(1)).startswith("/api/match?commune=Gignac")


def test_page_and_api_show_the_same_solutions_in_the_same_order(client: TestClient) -> None:
    body = client.get("/conseiller", params=GIGNAC).text
    data = client.get("/api/match", params=GIGNAC).json()
    on_page = re.findall(r'name="ids" value="([^"]+)" form="fiche"', body)
    assert on_page == [r["id"] for r in data["essentiel"]] + [
        r["id"] for g in data["groupes"] for r in g["resultats"]
    ]
    near = re.findall(r'<li><a href="/solutions/([^"]+)">', body[body.index("near-misses") :])
    assert near == [n["id"] for n in data["ecartees"]]


def test_the_take_away_form_posts_the_situation_without_the_need_in_words(
    client: TestClient,
) -> None:
    params = [*GIGNAC, ("besoin", "dialyse à Béziers trois fois par semaine")]
    body = client.get("/conseiller", params=params).text
    form = re.search(r'<form id="fiche" class="takeaway" method="post" action="([^"]+)"', body)
    assert form and form.group(1) == "/conseiller/fiche"
    hidden = re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)">', body)
    assert ("commune", "Gignac") in hidden and ("age", "22") in hidden
    assert ("permis", "non") in hidden and ("statuts", "demandeur-emploi") in hidden
    assert not [name for name, _ in hidden if name == "besoin"]  # may be medical
    assert 'formaction="/conseiller/fiche.pdf"' in body
    assert 'formaction="/conseiller/fiche/texte"' in body
    assert '<textarea id="champ-note" name="note"' in body
    # the desk of the person's territory is chosen by default, and can be changed
    assert '<option value="pays-coeur-d-herault" selected>' in body
    assert (
        '<label for="choix-cars-regionaux-herault">Fiche<span class="visually-hidden"> : '
        "ajouter « Cars régionaux d&#39;essai dans l&#39;Hérault »</span></label>"
    ) in body


def test_picks_and_note_come_back_from_the_sheet_without_an_address(client: TestClient) -> None:
    """« Retour aux solutions » posts everything back: the picks stay ticked, the note stays
    typed, nothing lands in the address."""
    picks = [("ids", "cars-regionaux-herault"), ("ids", "pret-permis-jeunes")]
    note = [("note", "Rappeler jeudi"), ("permanence", "montpellier-mediterranee-metropole")]
    page = post_form(client, "/conseiller", [*GIGNAC, *picks, *note])
    assert page.status_code == 200
    assert page.headers["cache-control"] == "no-store"
    assert sorted(ticked(page.text)) == ["cars-regionaux-herault", "pret-permis-jeunes"]
    assert ">Rappeler jeudi</textarea>" in page.text
    assert '<option value="montpellier-mediterranee-metropole" selected>' in page.text
    assert 'name="commune" value="Gignac"' in page.text
    twin = re.search(r'<link rel="alternate" type="application/json" href="([^"]+)">', page.text)
    assert twin and twin.group(1) == "/api/match"  # no situation in any address


def test_picks_in_the_address_replace_the_shortlist_ticks(client: TestClient) -> None:
    body = client.get("/conseiller", params=[*GIGNAC, ("ids", "pret-permis-jeunes")]).text
    assert ticked(body) == ["pret-permis-jeunes"]


def test_errors_are_listed_linked_to_their_fields_and_the_form_kept(client: TestClient) -> None:
    page = client.get(
        "/conseiller",
        params={"commune": "Lodèv", "age": "250", "statuts": ["retraite", "scolaire"]},
    )
    assert page.status_code == 422
    body, text = page.text, text_of(page.text)
    assert 'role="alert"' in body
    assert '<a href="#champ-age">Âge : est trop grand (maximum 120)</a>' in body
    assert (
        '<a href="#champ-commune">Commune d&#39;habitation : ne correspond à aucune commune' in body
    )
    assert '<a href="#champ-statuts">Situation : « retraité » et « élève »' in body
    assert 'id="champ-age" class="input--short" name="age" value="250"' in body
    assert 'aria-describedby="erreur-age" aria-invalid="true"' in body
    assert re.search(r'<p class="field-error" id="erreur-age" data-swap>est trop grand', body)
    assert "Corrigez la situation pour voir les solutions." in text


def test_incoherent_answers_are_named_on_their_question(client: TestClient) -> None:
    page = client.get(
        "/conseiller",
        params={"commune": "Lodève", "handicap": "non", "contraintes": "fauteuil-roulant"},
    )
    assert page.status_code == 422
    assert '<a href="#champ-handicap">Situation de handicap : « non » alors que' in page.text
    assert re.search(
        r'<fieldset id="champ-handicap"[^>]*aria-describedby="erreur-handicap"', page.text
    )
    assert 'id="handicap-non" name="handicap" value="non" checked' in page.text


def test_unclear_commune_offers_candidates_as_links_without_javascript(client: TestClient) -> None:
    page = client.get("/conseiller", params={"commune": "34700", "age": "68"})
    assert page.status_code == 422
    links = re.findall(r'<li><a href="(/conseiller\?[^"]+)">([^<]+)</a></li>', page.text)
    labels = [label for _url, label in links]
    assert labels[0] == "Lodève (34700, Hérault)" and "Soubès (34700, Hérault)" in labels
    followed = client.get(html.unescape(links[0][0]))
    assert followed.status_code == 200
    assert "Pour : Lodève (34700), 68 ans" in text_of(followed.text)
    assert 'name="commune" value="Lodève (34700)"' in followed.text


def test_the_only_hérault_match_is_taken_and_said(client: TestClient) -> None:
    """« Clermont » names communes in four départements, one in the Hérault: that one."""
    page = client.get("/conseiller", params={"commune": "Lodève", "destinations": "Clermont"})
    assert page.status_code == 200
    text = text_of(page.text)
    assert "Pour : Lodève (34700), vers Clermont-l'Hérault" in text
    assert (
        "« Clermont » : Clermont-l'Hérault (34800), seule commune de l'Hérault qui correspond."
        in text
    )


def test_desk_page_has_labels_legends_one_stop_per_question_and_no_inline_code(
    client: TestClient,
) -> None:
    body = client.get("/conseiller", params=GIGNAC).text
    for field in ("commune", "destinations", "age", "demandeur_emploi_depuis_mois", "besoin"):
        assert f'<label for="champ-{field}">' in body
    for legend in (
        "Activité",
        "Inscrit à France Travail",
        "Situation de handicap",
        "Permis B",
        "Voiture",
        "Smartphone",
        "Allocations",
        "Contraintes",
        "Motifs du déplacement",
        "Horaires",
        "Besoin principal",
    ):
        assert f"<legend>{legend}</legend>" in body
    controls = re.findall(r'<input type="(checkbox|radio)" id="([^"]+)"', body)
    for _kind, control in controls:
        assert f'<label for="{control}">' in body, control
    assert len(controls) == len({c for _k, c in controls})
    # a yes-or-no question is one radio group: one Tab stop, arrows inside
    for question in ("demandeur_emploi", "handicap", "permis", "voiture", "smartphone"):
        radios = re.findall(rf'<input type="radio" id="[^"]+" name="{question}"', body)
        assert len(radios) >= 3, question
    assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", body)
    assert " style=" not in body and "<style" not in body
    assert '<script src="/static/js/desk.js?v=' in body
    assert re.search(r'id="etat"[^>]*role="status" aria-live="polite"', body)
    headings = re.findall(r"<h([1-6])", body[body.index("<main") :])
    assert headings[:2] == ["1", "2"] and headings.count("1") == 1 and "4" in headings
    assert all(int(b) - int(a) <= 1 for a, b in pairwise(headings))
