"""The info-mobility desks as data (data/permanences.yaml): read, checked, gaps named."""

from __future__ import annotations

import logging
import os
import shutil
from pathlib import Path

import pytest

from directory.desks import DESKS_FILE, DeskBook, desk_problems, load_desks
from directory.geo import Geography

from .conftest import DATA_DIR


def _data_dir(tmp_path: Path, desks: str) -> Path:
    shutil.copy(DATA_DIR / "territoires.yaml", tmp_path / "territoires.yaml")
    (tmp_path / DESKS_FILE).write_text(desks, encoding="utf-8")
    return tmp_path


def test_the_real_file_has_one_valid_desk_per_territory(geo: Geography) -> None:
    loaded = load_desks(DATA_DIR, geo)
    assert loaded.ok, loaded.problems
    assert set(loaded.desks) == set(geo.territories)


def test_every_field_may_be_unknown_and_the_gaps_are_named(tmp_path: Path, geo: Geography) -> None:
    folder = _data_dir(
        tmp_path,
        "- territoire: pays-coeur-d-herault\n"
        "  structure: Passerelles synergies\n"
        "  lieux:\n"
        "    - nom: France Services de Lodève\n"
        "      commune: 34142\n",
    )
    loaded = load_desks(folder, geo)
    desk = loaded.desks["pays-coeur-d-herault"]
    assert desk.lieux[0].commune == "34142"
    assert desk.missing() == [
        "téléphone",
        "courriel",
        "comment prendre rendez-vous",
        "source",
        "jours et horaires",
        "adresses",
    ]


def test_a_bad_desk_is_reported_with_its_line_and_field(tmp_path: Path, geo: Geography) -> None:
    folder = _data_dir(
        tmp_path,
        "- territoire: pays-coeur-d-herault\n"
        "  structure: Passerelles synergies\n"
        "  telephone: 04 67 00\n"
        "  lieux:\n"
        "    - nom: France Services\n"
        "      horaires: le mardi\n"
        "      telefone: 04 67 22 87 87\n",
    )
    problems = load_desks(folder, geo).problems
    by_field = {p.field: p for p in problems}
    assert "numéro de téléphone invalide" in by_field["[0].telephone"].message
    assert by_field["[0].telephone"].line == 3
    assert "syntaxe OpenStreetMap" in by_field["[0].lieux[0].horaires"].message
    assert "clé inconnue « telefone »" in by_field["[0].lieux[0].telefone"].message
    assert by_field["[0].lieux[0].telefone"].line == 7


def test_check_warns_of_a_missing_desk_and_an_unknown_entry(tmp_path: Path, geo: Geography) -> None:
    folder = _data_dir(
        tmp_path,
        "- territoire: pays-coeur-d-herault\n"
        "  structure: Passerelles synergies\n"
        "  fiche: permanence-inexistante\n",
    )
    messages = [p.message for p in desk_problems(folder, geo, {"autre-fiche"})]
    assert any("« permanence-inexistante » n'existe pas" in m for m in messages)
    assert any("Montpellier Méditerranée Métropole" in m for m in messages)
    assert all(not p.is_error for p in desk_problems(folder, geo, set()))


def test_check_names_what_is_still_to_find(tmp_path: Path, geo: Geography) -> None:
    folder = _data_dir(
        tmp_path,
        "- territoire: pays-coeur-d-herault\n"
        "  structure: Passerelles synergies\n"
        "  telephone: 04 67 00 00 41\n",
    )
    messages = [p.message for p in desk_problems(folder, geo, set())]
    assert any(
        "permanence de Passerelles synergies : à compléter — courriel, comment prendre "
        "rendez-vous, lieux des permanences, source" in m
        for m in messages
    )


def test_the_site_keeps_the_last_good_desks_when_the_file_breaks(
    tmp_path: Path, geo: Geography, caplog: pytest.LogCaptureFixture
) -> None:
    folder = _data_dir(
        tmp_path, "- territoire: pays-coeur-d-herault\n  structure: Passerelles synergies\n"
    )
    book = DeskBook(folder, geo)
    assert book.current()["pays-coeur-d-herault"].structure == "Passerelles synergies"
    path = folder / DESKS_FILE
    path.write_text("- territoire: [cassé\n", encoding="utf-8")
    os.utime(path, ns=(path.stat().st_atime_ns, path.stat().st_mtime_ns + 10**9))
    with caplog.at_level(logging.WARNING):
        desks = book.current()
    assert desks["pays-coeur-d-herault"].structure == "Passerelles synergies"
    assert "keeping the last good desks" in caplog.text
