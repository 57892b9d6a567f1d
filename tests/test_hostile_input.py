"""Hostile files are refused quickly and harmlessly, with a French message."""

from __future__ import annotations

import io
import os
import shutil
import threading
from pathlib import Path

import pytest
import yaml

from directory.catalogue.checks import HIDDEN_CHARACTERS
from directory.catalogue.loader import load_catalogue, load_file
from directory.catalogue.yaml_reader import (
    MAX_BYTES,
    YamlError,
    read_file,
    read_yaml,
    read_yaml_bytes,
)
from directory.cli import main
from directory.config import Settings
from directory.geo import Geography

from .conftest import FIXTURES

BILLION_LAUGHS = """
a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]
b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]
c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]
d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]
e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]
f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]
g: [*f,*f,*f,*f,*f,*f,*f,*f,*f]
"""


def test_alias_bomb_is_refused_at_the_first_anchor() -> None:
    with pytest.raises(YamlError) as caught:
        read_yaml(BILLION_LAUGHS)
    assert "ancres YAML (&a)" in caught.value.message
    assert caught.value.position is not None and caught.value.position.line == 2


def test_alias_without_anchor_is_refused() -> None:
    with pytest.raises(YamlError, match="alias"):
        read_yaml("a: *nowhere\n")


def test_huge_file_is_refused_before_parsing() -> None:
    with pytest.raises(YamlError) as caught:
        read_yaml_bytes(b"description: " + b"x" * (MAX_BYTES + 1))
    assert "fichier trop gros" in caught.value.message


@pytest.mark.parametrize("depth", [20, 100_000])
def test_deep_nesting_is_refused(depth: int) -> None:
    with pytest.raises(YamlError) as caught:
        read_yaml("zone: " + "[" * depth + "]" * depth + "\n")
    assert "imbrication trop profonde" in caught.value.message


def test_python_tags_are_refused() -> None:
    with pytest.raises(YamlError, match="étiquette YAML"):
        read_yaml("nom: !!python/object/apply:os.system ['echo owned']\n")


def test_plain_scalars_stay_text_so_codes_keep_their_zeros() -> None:
    document = read_yaml("communes: [01001, 34142]\nage: 18\nvide:\nnul: ~\n")
    assert document.data == {"communes": ["01001", "34142"], "age": "18", "vide": None, "nul": None}


def test_utf8_bom_is_accepted() -> None:
    assert read_yaml_bytes("\ufeffnom: Lodève\n".encode()).data == {"nom": "Lodève"}


@pytest.mark.parametrize(
    ("field", "value", "words"),
    [
        (
            "description",
            "Cliquez <a href='javascript:alert(1)'>ici</a> pour en savoir plus.",
            "HTML",
        ),
        (
            "description",
            "Allez sur javascript:alert(document.cookie) pour réserver vite.",
            "javascript",
        ),
        ("site_web", "javascript:alert(1)", "lien invalide"),
        ("site_web", "data:text/html;base64,PHNjcmlwdD4=", "lien invalide"),
        ("nom", "Bus \x07 sonnant", "caractère de contrôle"),
    ],
)
def test_html_and_script_links_in_text_are_refused(
    tmp_path: Path, geo: Geography, field: str, value: str, words: str
) -> None:
    entry = yaml.safe_load((FIXTURES / "valid" / "transport-test-lodeve.yaml").read_text("utf-8"))
    entry[field] = value
    path = tmp_path / "hostile.yaml"
    path.write_text(yaml.safe_dump(entry, allow_unicode=True), encoding="utf-8")
    problems = load_file(path, geo)
    assert isinstance(problems, list)
    assert [p.field for p in problems] == [field]
    assert words in problems[0].message


# --- files that are not regular files --------------------------------------------------------


def catalogue_with(tmp_path: Path) -> Path:
    folder = tmp_path / "solutions"
    shutil.copytree(FIXTURES / "valid", folder)
    return folder


def run_check(folder: Path, settings: Settings) -> tuple[int, str]:
    """`directory check` on the folder, in a thread: a read that blocks fails the test."""
    outcome: dict[str, object] = {}

    def check() -> None:
        out = io.StringIO()
        outcome["status"] = main(["check", str(folder)], out=out, settings=settings)
        outcome["text"] = out.getvalue()

    worker = threading.Thread(target=check, daemon=True)
    worker.start()
    worker.join(30)
    assert not worker.is_alive(), "directory check attend encore : la lecture bloque"
    return int(str(outcome["status"])), str(outcome["text"])


def test_a_named_pipe_in_the_catalogue_is_refused_without_waiting(
    tmp_path: Path, settings: Settings
) -> None:
    """Opening a pipe for reading waits for a writer: check and sync would hang forever."""
    folder = catalogue_with(tmp_path)
    os.mkfifo(folder / "tube.yaml")
    status, text = run_check(folder, settings)
    assert status == 1
    assert "tube.yaml" in text and "ce n'est pas un fichier ordinaire" in text
    out = io.StringIO()
    assert main(["sync", str(folder)], out=out, settings=settings) == 1
    assert "Base de données inchangée" in out.getvalue()


def test_a_link_to_an_endless_device_is_refused_unread(tmp_path: Path, settings: Settings) -> None:
    """A link to /dev/zero would be read until memory runs out."""
    folder = catalogue_with(tmp_path)
    (folder / "zero.yaml").symlink_to("/dev/zero")
    status, text = run_check(folder, settings)
    assert status == 1
    assert "zero.yaml" in text and "ce n'est pas un fichier ordinaire" in text


def test_reading_stops_after_the_size_limit(tmp_path: Path, geo: Geography) -> None:
    """A big regular file is not read whole to be refused."""
    path = tmp_path / "gros.yaml"
    path.write_bytes(b"description: " + b"x" * (MAX_BYTES * 40))
    assert len(read_file(path)) == MAX_BYTES + 1
    problems = load_file(path, geo)
    assert isinstance(problems, list) and "fichier trop gros" in problems[0].message


def test_a_named_pipe_given_by_name_is_not_called_missing(
    tmp_path: Path, settings: Settings
) -> None:
    pipe = tmp_path / "tube.yaml"
    os.mkfifo(pipe)
    status, text = run_check(pipe, settings)
    assert status == 1 and "ce n'est pas un fichier ordinaire" in text
    assert "introuvable" not in text


# --- invisible characters ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("nom", "Garage \u202eeriatiralos\u202c du Lodévois"),  # shown reversed
        ("nom", "Bus\u200b de Lodève"),  # looks like « Bus de Lodève »
        ("operateur", "Association\u2066 Garage\u2069 Lodévois"),
    ],
)
def test_names_refuse_direction_and_zero_width_characters(
    tmp_path: Path, geo: Geography, field: str, value: str
) -> None:
    problems = load_file(write_entry(tmp_path, **{field: value}), geo)
    assert isinstance(problems, list)
    assert [p.field for p in problems] == [field]
    assert "caractère invisible" in problems[0].message
    assert "U+" in problems[0].message


def test_other_texts_lose_hidden_characters_and_the_editor_is_told(
    tmp_path: Path, geo: Geography
) -> None:
    description = "Un bus\u200b par heure, réservez\u202e la veille au téléphone."
    folder = tmp_path / "solutions"
    folder.mkdir()
    write_entry(folder, description=description)
    load = load_catalogue(folder, geo)
    assert load.ok
    assert load.entries[0].entry.description == (
        "Un bus par heure, réservez la veille au téléphone."
    )
    warnings = [p for p in load.problems if p.topic == HIDDEN_CHARACTERS]
    assert [(p.field, p.is_error) for p in warnings] == [("description", False)]
    assert "U+200B" in warnings[0].message and "U+202E" in warnings[0].message
    assert warnings[0].line is not None


def write_entry(folder: Path, **fields: str) -> Path:
    entry = yaml.safe_load((FIXTURES / "valid" / "transport-test-lodeve.yaml").read_text("utf-8"))
    entry.update(fields)
    path = folder / "transport-test-lodeve.yaml"
    path.write_text(yaml.safe_dump(entry, allow_unicode=True), encoding="utf-8")
    return path
