"""data/manques.yaml: what was looked for where the catalogue has a hole, said in the coverage
report under the hole, and checked by `directory check`."""

from __future__ import annotations

import io
import shutil
from datetime import date
from pathlib import Path

from directory.catalogue.coverage import build_coverage
from directory.catalogue.coverage_markdown import render_markdown
from directory.catalogue.searches import load_searches
from directory.cli import main
from directory.config import Settings
from directory.geo import Geography
from directory.vocabulary import Category

from .conftest import DATA_DIR, FIXTURES
from .test_coverage import entry

TODAY = date(2026, 11, 25)
GRAND_ORB = "200042646"


def data_dir_with(tmp_path: Path, searches: str) -> Path:
    data = tmp_path / "data"
    data.mkdir(exist_ok=True)
    (data / "manques.yaml").write_text(searches, encoding="utf-8")
    return data


SEARCHES = f"""
- epci: "{GRAND_ORB}"
  categorie: transport-solidaire
  recherche: Sites de la CC Grand Orb et des mairies, annuaire du Département.
  sources: [https://www.grandorb.fr]
  verifie_le: 2026-11-20
- territoire: pays-coeur-d-herault
  categorie: velo
  recherche: Aucune aide au vélo locale trouvée.
  verifie_le: 2026-11-21
"""


def test_a_search_is_written_under_its_hole(tmp_path: Path, geo: Geography) -> None:
    loaded = load_searches(data_dir_with(tmp_path, SEARCHES), geo)
    assert loaded.problems == []
    report = build_coverage(
        [entry("velo-lodeve", "velo", {"epci": ["200017341"]})],
        geo,
        TODAY,
        searches=loaded.searches,
    )
    # Nothing solidaire in the whole Pays: the Grand Orb search goes under the Pays' hole.
    [hole] = [h for h in report.holes if h.searches]
    assert (hole.place, hole.category) == (
        "Pays Haut Languedoc et Vignobles",
        Category.TRANSPORT_SOLIDAIRE,
    )
    # A bike entry now serves the Cœur d'Hérault: that search is for a hole filled since.
    assert [(s.territoire, s.categorie) for s in report.filled] == [
        ("pays-coeur-d-herault", Category.VELO)
    ]
    text = render_markdown(report, geo)
    assert (
        "  Cherché en CC Grand Orb Communauté de Communes en Languedoc le 20/11/2026 : Sites de "
        "la CC Grand Orb et des mairies, annuaire du Département. Pages consultées : "
        "https://www.grandorb.fr" in text
    )
    unsearched = len(report.holes) - 1
    assert f"{unsearched} manque(s) sans recherche notée" in text
    assert "- Vélo en Pays Cœur d'Hérault (cherché le 21/11/2026)" in text


def test_no_file_means_no_search_and_no_problem(tmp_path: Path, geo: Geography) -> None:
    loaded = load_searches(tmp_path, geo)
    assert loaded.searches == [] and loaded.problems == []


def test_wrong_searches_are_named_in_french(tmp_path: Path, geo: Geography) -> None:
    text = f"""
- territoire: pays-coeur-d-herault
  epci: "{GRAND_ORB}"
  categorie: velo
  recherche: Deux lieux à la fois.
  verifie_le: 2026-11-20
- epci: "{GRAND_ORB}"
  categorie: bus
  recherche:
  verifie_le: 2026-11-20
"""
    loaded = load_searches(data_dir_with(tmp_path, text), geo)
    messages = {p.field: p.message for p in loaded.problems}
    assert "indiquez soit « territoire », soit « epci »" in messages["[0]"]
    assert "valeur inconnue « bus »" in messages["[1].categorie"]
    assert messages["[1].recherche"].startswith("champ obligatoire « recherche » vide")
    assert all(p.line is not None for p in loaded.problems)


def test_check_reports_the_searches_file(tmp_path: Path, settings: Settings) -> None:
    data = tmp_path / "data"
    shutil.copytree(DATA_DIR, data, ignore=shutil.ignore_patterns("solutions"))
    (data / "manques.yaml").write_text("- categorie: velo\n", encoding="utf-8")
    copy = settings.model_copy(update={"data_dir": data, "solutions_dir": FIXTURES / "valid"})
    out = io.StringIO()
    assert main(["check", "--erreurs-seulement"], out=out, settings=copy) == 1
    assert "manques.yaml" in out.getvalue()
    assert "champ obligatoire « recherche » absent" in out.getvalue()


def test_a_broken_searches_file_never_blocks_publication(
    tmp_path: Path, settings: Settings
) -> None:
    data = tmp_path / "data"
    shutil.copytree(DATA_DIR, data, ignore=shutil.ignore_patterns("solutions"))
    (data / "manques.yaml").write_text("- categorie: velo\n", encoding="utf-8")
    copy = settings.model_copy(update={"data_dir": data, "solutions_dir": FIXTURES / "valid"})
    out = io.StringIO()
    assert main(["sync"], out=out, settings=copy) == 0, out.getvalue()
    out = io.StringIO()
    target = tmp_path / "couverture.md"
    assert main(["couverture", "--sortie", str(target)], out=out, settings=copy) == 0
    assert "problème(s) dans data/manques.yaml" in out.getvalue()
