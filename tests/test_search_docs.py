"""The search settings and commands are documented in the README."""

from __future__ import annotations

from directory.cli import build_parser
from directory.config import PROJECT_ROOT, Settings

README = (PROJECT_ROOT / "README.md").read_text(encoding="utf-8")


def test_every_search_setting_is_documented() -> None:
    search_settings = [name for name in Settings.model_fields if name.startswith("meili_")]
    assert len(search_settings) == 6
    for name in search_settings:
        assert f"`{name.upper()}`" in README, name


def test_reindex_command_and_search_settings_file_are_documented() -> None:
    assert "reindex" in build_parser().format_help()
    assert "`directory reindex`" in README
    assert "data/recherche.yaml" in README
