"""Letters to operators: what the directory publishes about their services and what needs
confirming, one letter per operator, in Markdown and tagged PDF, with an index for partners."""

from __future__ import annotations

import io
import shutil
from datetime import date
from pathlib import Path
from typing import Any

import pypdf
import pytest
import yaml

from directory.catalogue.letters import Letters, build_letters, operator_name
from directory.catalogue.letters_output import index_markdown, letter_markdown, letter_pdf
from directory.catalogue.loader import load_catalogue
from directory.cli import main
from directory.config import Settings
from directory.desks import DeskEntry
from directory.geo import Geography

from .conftest import FIXTURES

TODAY = date(2026, 11, 25)
SITE = "https://annuaire.exemple.fr"


def catalogue(tmp_path: Path, **entries: dict[str, Any]) -> Path:
    """The fixture catalogue plus entries derived from its transport entry."""
    folder = tmp_path / "solutions"
    shutil.copytree(FIXTURES / "valid", folder)
    base = yaml.safe_load((folder / "transport-test-lodeve.yaml").read_text(encoding="utf-8"))
    for entry_id, fields in entries.items():
        data = {k: v for k, v in (base | fields).items() if v is not None}
        (folder / f"{entry_id}.yaml").write_text(
            yaml.safe_dump(data, allow_unicode=True), encoding="utf-8"
        )
    return folder


def letters_of(folder: Path, geo: Geography, **options: Any) -> Letters:
    load = load_catalogue(folder, geo, today=TODAY)
    assert load.ok, [p.one_line() for p in load.errors]
    desks = options.pop("desks", {})
    return build_letters(load.entries, geo, desks, TODAY, SITE, 365, **options)


@pytest.mark.parametrize(
    ("written", "name"),
    [
        ("Région Occitanie (liO)", "Région Occitanie"),
        ("Hérault Transport, pour la Région Occitanie (liO)", "Hérault Transport"),
        ("BlaBlaCar Daily, avec Montpellier Méditerranée Métropole", "BlaBlaCar Daily"),
        ("Le Vieux Biclou", "Le Vieux Biclou"),
    ],
)
def test_an_operator_is_named_without_its_precisions(written: str, name: str) -> None:
    assert operator_name(written) == name


def test_one_letter_per_operator_and_the_entries_without_one(
    tmp_path: Path, geo: Geography
) -> None:
    folder = catalogue(
        tmp_path,
        **{
            "navette-essai": {
                "nom": "Navette d'essai",
                "operateur": "Association d'essai (Lodève)",
            },
            "sans-operateur": {"nom": "Service sans opérateur", "operateur": None},
        },
    )
    found = letters_of(folder, geo)
    assert [(lt.operator, [e.id for e in lt.entries]) for lt in found.letters] == [
        ("Association d'essai", ["navette-essai", "transport-test-lodeve"]),
        ("Région d'essai", ["aide-test-region"]),
    ]
    assert [e.id for e in found.without_operator] == ["sans-operateur"]
    index = index_markdown(found)
    assert "| Association d'essai | 2 |" in index
    assert "## Fiches sans opérateur (1)" in index and "`sans-operateur`" in index
    assert [lt.slug for lt in letters_of(folder, geo, only="region").letters] == ["region-d-essai"]


def test_the_letter_shows_what_the_public_reads(tmp_path: Path, geo: Geography) -> None:
    letter = letters_of(catalogue(tmp_path), geo, only="association").letters[0]
    [item] = letter.entries
    facts = {fact.label: fact.lines for fact in item.published}
    assert facts["Où"] == ["Pour les personnes qui habitent : Lodève."]
    assert facts["Prix"] == ["Payant.", "3 € le trajet."]
    assert facts["Horaires"] == ["Du lundi au vendredi de 8 h 30 à 18 h 30"]
    assert facts["Pour vous joindre"] == ["Téléphone : 04 67 00 00 00"]
    assert facts["D'où vient l'information"] == [
        "Information du 1er octobre 2026, vérifiée le 1er octobre 2026.",
        "https://exemple.fr/source",
    ]
    assert item.url == f"{SITE}/solutions/transport-test-lodeve"
    assert item.to_confirm == []  # recent, reachable, priced, with hours: nothing to ask
    text = letter_markdown(letter)
    assert text.startswith("# Annuaire mobilité de l'Hérault : ce que nous publions")
    assert "**À l'attention de :** Association d'essai" in text
    assert "**Date :** 25 novembre 2026" in text
    assert "Il présente 1 service que vous proposez." in text
    assert "- [ ] Ces informations sont-elles toujours exactes ?" in text


def test_the_letter_asks_what_the_directory_does_not_know(tmp_path: Path, geo: Geography) -> None:
    folder = catalogue(
        tmp_path,
        **{
            "navette-essai": {
                "nom": "Navette d'essai",
                "categorie": "transport-a-la-demande",
                "dessert": {"communes": ["34142"]},
                "etat": "probablement-arrete",
                "date_source": "inconnue",
                "telephone": None,
                "modes_mobilisation": [],
                "frais": None,
                "frais_precisions": None,
                "horaires": None,
                "fiabilite": "a-confirmer",
                "a_confirmer": "Vérifier les jours de passage.",
            },
            "ancienne": {"nom": "Ancienne navette", "date_source": "2019"},
        },
    )
    items = {e.id: e for e in letters_of(folder, geo, only="association").letters[0].entries}
    assert items["navette-essai"].to_confirm == [
        "Ce service fonctionne-t-il toujours ? Une source laisse penser qu'il s'est arrêté : "
        "nous ne le proposons plus au public tant que vous ne l'avez pas confirmé.",
        "Notre note de travail sur cette fiche : « Vérifier les jours de passage. »",
        "La page que nous avons lue n'est pas datée : ces informations sont-elles à jour ?",
        "Comment le public peut-il vous joindre : téléphone, courriel, lien pour réserver ou "
        "s'inscrire, adresse où se rendre ?",
        "Le service est-il gratuit ou payant ? Si payant, à quel prix ?",
        "Quels sont les jours et horaires d'ouverture ou de fonctionnement ?",
        "Nous indiquons des arrêts ou des gares à : Lodève. "
        "Cette liste est-elle complète et à jour ?",
    ]
    assert items["ancienne"].to_confirm == [
        "Ces informations datent de 2019 : sont-elles toujours exactes ?"
    ]
    facts = {f.label: f.lines for f in items["navette-essai"].published}
    assert facts["Pour vous joindre"] == ["Aucun moyen de vous joindre n'est publié."]
    assert facts["Prix"] == ["Non indiqué."]


def test_answers_go_to_the_desks_of_the_territories_served(tmp_path: Path, geo: Geography) -> None:
    desks = {
        "pays-coeur-d-herault": DeskEntry(
            territoire="pays-coeur-d-herault",
            structure="Passerelles synergies",
            telephone="04 67 00 00 01",
            courriel="mobilite@exemple.fr",
        ),
        "montpellier-mediterranee-metropole": DeskEntry(
            territoire="montpellier-mediterranee-metropole", structure="ALEC Montpellier Métropole"
        ),
    }
    found = letters_of(catalogue(tmp_path), geo, desks=desks)
    lodeve = next(lt for lt in found.letters if lt.operator == "Association d'essai")
    assert [(r.structure, r.contacts) for r in lodeve.replies] == [
        ("Passerelles synergies", ["04 67 00 00 01", "mobilite@exemple.fr"])
    ]
    region = next(lt for lt in found.letters if lt.operator == "Région d'essai")
    assert [r.structure for r in region.replies] == [
        "ALEC Montpellier Métropole",
        "Passerelles synergies",
    ]
    assert "- Passerelles synergies : 04 67 00 00 01, mobilite@exemple.fr" in letter_markdown(
        lodeve
    )


def test_no_link_to_a_site_without_a_public_address(tmp_path: Path, geo: Geography) -> None:
    load = load_catalogue(catalogue(tmp_path), geo, today=TODAY)
    found = build_letters(load.entries, geo, {}, TODAY, "http://127.0.0.1:8000", 365)
    assert all(item.url is None for lt in found.letters for item in lt.entries)
    assert "Fiche en ligne" not in letter_markdown(found.letters[0])


def test_the_pdf_is_a_tagged_french_document(tmp_path: Path, geo: Geography) -> None:
    letter = letters_of(catalogue(tmp_path), geo, only="association").letters[0]
    path = tmp_path / "lettre.pdf"
    path.write_bytes(letter_pdf(letter))
    reader = pypdf.PdfReader(path)
    assert reader.trailer["/Root"]["/Lang"] == "fr"
    assert "/StructTreeRoot" in reader.trailer["/Root"]
    assert "Association d'essai" in (reader.metadata.title or "")
    text = "".join(page.extract_text() for page in reader.pages)
    assert "Transport de test à Lodève" in text
    assert "Ce que nous vous demandons de confirmer" in text


def test_lettres_command_writes_markdown_and_the_index(tmp_path: Path, settings: Settings) -> None:
    folder = catalogue(tmp_path)
    target = tmp_path / "lettres"
    out = io.StringIO()
    args = ["lettres", str(folder), "--sortie", str(target), "--format", "markdown"]
    assert main(args, out=out, settings=settings) == 0
    assert sorted(p.name for p in target.iterdir()) == [
        "association-d-essai.md",
        "index.md",
        "region-d-essai.md",
    ]
    assert "Association d'essai : 1 service(s), 0 question(s)" in out.getvalue()
    assert "2 lettre(s) écrite(s)" in out.getvalue()
    status = main([*args, "--operateur", "inconnu"], out=io.StringIO(), settings=settings)
    assert status == 1


def test_lettres_command_writes_pdf_too_by_default(tmp_path: Path, settings: Settings) -> None:
    target = tmp_path / "lettres"
    args = ["lettres", str(catalogue(tmp_path)), "--sortie", str(target), "--operateur", "région"]
    assert main(args, out=io.StringIO(), settings=settings) == 0
    assert sorted(p.name for p in target.iterdir()) == [
        "index.md",
        "region-d-essai.md",
        "region-d-essai.pdf",
    ]
    assert (target / "region-d-essai.pdf").read_bytes().startswith(b"%PDF")
