"""The coverage report on fixture catalogues: counts per territory and category, named holes,
how people can reach each service, how old the evidence is, and the editors' to-do lists."""

from __future__ import annotations

import io
import shutil
from datetime import date
from pathlib import Path
from typing import Any

from directory.catalogue.coverage import LOCAL_CATEGORIES, CoverageReport, Entry, build_coverage
from directory.catalogue.coverage_markdown import limit_words, render_markdown
from directory.cli import main
from directory.config import Settings
from directory.evidence import EvidenceAge
from directory.geo import Geography
from directory.models import SolutionEntry
from directory.vocabulary import Category

from .conftest import FIXTURES

TODAY = date(2026, 11, 25)
LODEVOIS = "200017341"
VALLEE = "243400694"


def entry(entry_id: str, category: str, zone: dict[str, Any], **fields: Any) -> Entry:
    return Entry(
        entry_id,
        SolutionEntry.model_validate(
            {
                "nom": entry_id,
                "categorie": category,
                "thematiques": ["mobilite--mobilite-douce-partagee-collective"],
                "description": "Une description assez longue pour être valide.",
                "zone": zone,
                "publics": ["tous-publics"],
                "mobilisable_par": ["usagers"],
                "source": "https://exemple.fr",
                "date_source": "2026-06",
                "verifie_le": "2026-10-01",
                "fiabilite": "confirme",
                **fields,
            }
        ),
    )


def build(geo: Geography, *entries: Entry) -> CoverageReport:
    return build_coverage(list(entries), geo, TODAY)


def test_holes_are_named_down_to_the_intercommunality(geo: Geography) -> None:
    report = build(
        geo,
        entry("tad-vallee", "transport-a-la-demande", {"epci": [VALLEE]}),
        entry("aide-region", "aide-financiere", {"regions": ["76"]}),
    )
    sentences = [h.sentence() for h in report.holes]
    assert "aucune solution « transport à la demande » connue en CC du Clermontais" in sentences
    assert "aucune solution « transport à la demande » connue en CC Lodévois et Larzac" in sentences
    assert not any("CC Vallée de l'Hérault" in s and "demande" in s for s in sentences)
    assert (
        "aucune solution « transport à la demande » connue en Pays Haut Languedoc et Vignobles"
        in sentences
    )
    cell = report.matrix["pays-haut-languedoc-et-vignobles"][Category.AIDE_FINANCIERE]
    assert cell.general == ["aide-region"] and cell.local == []


def test_every_cell_has_entries_or_is_a_named_hole(geo: Geography) -> None:
    report = build(geo, entry("tad-vallee", "transport-a-la-demande", {"epci": [VALLEE]}))
    for territory in geo.territories.values():
        for category in Category:
            cell = report.matrix[territory.id][category]
            named = any(h.place == territory.nom and h.category is category for h in report.holes)
            assert cell.total > 0 or named, (territory.id, category)
            if cell.total == 0 or (category in LOCAL_CATEGORIES and not cell.local):
                assert named, (territory.id, category)


def test_a_service_probably_closed_fills_no_cell_and_is_listed(geo: Geography) -> None:
    report = build(
        geo,
        entry(
            "auto-ecole-fermee",
            "permis",
            {"epci": [LODEVOIS]},
            etat="probablement-arrete",
            a_confirmer="Fermée selon un article de 2022.",
        ),
    )
    cell = report.matrix["pays-coeur-d-herault"][Category.PERMIS]
    assert cell.total == 0
    assert any(
        h.category is Category.PERMIS and h.place == "Pays Cœur d'Hérault" for h in report.holes
    )
    assert [e.id for e in report.closed] == ["auto-ecole-fermee"]
    assert report.contacts.reachable.total == 0  # not offered: not counted
    text = render_markdown(report, geo)
    assert "## Services probablement arrêtés (plus proposés au public) (1)" in text
    assert "- `auto-ecole-fermee` — auto-ecole-fermee : Fermée selon un article de 2022." in text


def test_contact_paths_are_counted_overall_by_territory_and_by_category(geo: Geography) -> None:
    report = build(
        geo,
        entry("tad-vallee", "transport-a-la-demande", {"epci": [VALLEE]}, telephone="0467000000"),
        entry(
            "garage-lodeve",
            "vehicule",
            {"epci": [LODEVOIS]},
            adresse="1 rue de l'Essai",
            courriel="garage@exemple.fr",
        ),
        entry("velo-lodeve", "velo", {"epci": [LODEVOIS]}, site_web="https://velo.exemple.fr"),
        entry("aide-region", "aide-financiere", {"regions": ["76"]}),
    )
    contacts = report.contacts
    assert (contacts.reachable.count, contacts.reachable.total) == (2, 4)
    assert contacts.by_path == {
        "telephone": 1,
        "courriel": 1,
        "lien_mobilisation": 0,
        "adresse": 1,
    }
    coeur = contacts.by_territory["pays-coeur-d-herault"]
    assert (coeur.count, coeur.total) == (2, 4)
    metropole = contacts.by_territory["montpellier-mediterranee-metropole"]
    assert (metropole.count, metropole.total) == (0, 1)  # only the regional aid reaches it
    velo = contacts.by_category[Category.VELO]
    assert (velo.count, velo.total) == (0, 1)  # a website alone is not a way to reach someone
    assert [e.id for e in report.unreachable] == ["velo-lodeve", "aide-region"]
    text = render_markdown(report, geo)
    assert "| **Au moins un** | **2 sur 4 (50 %)** |" in text
    assert "| Téléphone | 1 sur 4 (25 %) |" in text
    assert "| Pays Cœur d'Hérault | 2 sur 4 (50 %) |" in text
    assert "des services proposés au public ont au moins un moyen de contact" in text
    assert "(objectif de 70 % pas encore atteint)" in text
    assert "### Services sans moyen de contact" in text


def test_evidence_age_comes_from_the_source_date_not_the_reading(geo: Geography) -> None:
    zone = {"epci": [LODEVOIS]}
    report = build(
        geo,
        entry("recente", "velo", zone, date_source="2026-06"),
        entry("de-2024", "velo", zone, date_source="2024-03"),
        entry("de-2014", "velo", zone, date_source="2014"),
        entry("non-datee", "velo", zone, date_source="inconnue"),
        entry("lue-jadis", "velo", zone, date_source="2025-01", verifie_le="2025-02-01"),
    )
    assert report.evidence.by_age == {
        EvidenceAge.RECENT: 1,
        EvidenceAge.ONE_TO_THREE: 2,
        EvidenceAge.OLDER: 1,
        EvidenceAge.UNDATED: 1,
    }
    assert [e.id for e in report.outdated] == ["non-datee", "de-2014", "de-2024", "lue-jadis"]
    assert [e.id for e in report.old_readings] == ["lue-jadis"]
    text = render_markdown(report, geo)
    assert "| Moins d'un an | 1 sur 5 (20 %) |" in text
    assert "| Source non datée | 1 sur 5 (20 %) |" in text
    assert "Sources lues il y a plus de 12 mois : 1 sur 5." in text
    assert (
        "- `de-2014` — de-2014 : Information de 2014, vérifiée le 1er octobre 2026 "
        "(au moins 11 ans)" in text
    )
    assert "- `non-datee` — non-datee : Source non datée, consultée le 1er octobre 2026" in text


def test_to_confirm_and_ended_lists(geo: Geography) -> None:
    zone = {"epci": [LODEVOIS]}
    report = build(
        geo,
        entry("doute", "velo", zone, fiabilite="a-confirmer", a_confirmer="Horaires à vérifier."),
        entry("fini", "velo", zone, valide_jusqu_au="2026-01-31"),
    )
    assert [e.id for e in report.to_confirm] == ["doute"]
    assert [e.id for e in report.ended] == ["fini"]
    text = render_markdown(report, geo)
    assert "- `doute` — doute : Horaires à vérifier." in text
    assert "- `fini` — fini : terminé le 31/01/2026" in text


def test_the_limit_is_written_in_words() -> None:
    assert limit_words(365) == "12 mois"
    assert limit_words(730) == "24 mois"
    assert limit_words(90) == "90 jours"


def test_coverage_command_prints_and_writes_the_report(tmp_path: Path, settings: Settings) -> None:
    folder = tmp_path / "solutions"
    shutil.copytree(FIXTURES / "valid", folder)
    target = tmp_path / "couverture.md"
    out = io.StringIO()
    status = main(["couverture", str(folder), "--sortie", str(target)], out=out, settings=settings)
    assert status == 0
    written = target.read_text(encoding="utf-8")
    assert written in out.getvalue()
    assert "sur 2 fiches valides." in written
    assert "| Catégorie | Montpellier Méditerranée Métropole | Pays Cœur d'Hérault |" in written
    assert "| Transport solidaire | **aucune** | 1 (1 locale) | **aucune** |" in written
    assert "| **Au moins un** | **1 sur 2 (50 %)** |" in written


def test_coverage_of_a_catalogue_with_errors_says_what_is_left_out(
    tmp_path: Path, settings: Settings
) -> None:
    folder = tmp_path / "solutions"
    shutil.copytree(FIXTURES / "valid", folder)
    shutil.copy(FIXTURES / "broken" / "syntaxe.yaml", folder)
    target = tmp_path / "couverture.md"
    main(["couverture", str(folder), "--sortie", str(target)], out=io.StringIO(), settings=settings)
    written = target.read_text(encoding="utf-8")
    assert written.startswith("> Attention : 1 erreur(s) dans le catalogue")
    assert "sur 2 fiches valides." in written
