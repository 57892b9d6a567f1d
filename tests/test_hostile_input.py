"""Hostile files are refused quickly and harmlessly, with a French message."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from directory.catalogue.loader import load_file
from directory.catalogue.yaml_reader import MAX_BYTES, YamlError, read_yaml, read_yaml_bytes
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
