"""The README documents every setting and every command: docs cannot drift from the code."""

from __future__ import annotations

import argparse

import pytest

from directory.cli import build_parser
from directory.config import PROJECT_ROOT, Settings

README = (PROJECT_ROOT / "README.md").read_text(encoding="utf-8")


def _commands() -> list[str]:
    parser = build_parser()
    subparsers = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    return sorted(subparsers.choices)


@pytest.mark.parametrize("setting", sorted(Settings.model_fields))
def test_every_setting_is_in_the_readme(setting: str) -> None:
    assert f"`{setting.upper()}`" in README


@pytest.mark.parametrize("command", _commands())
def test_every_command_is_in_the_readme(command: str) -> None:
    assert f"`directory {command}" in README


def _options() -> list[tuple[str, str]]:
    parser = build_parser()
    subparsers = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    return sorted(
        (name, option)
        for name, command in subparsers.choices.items()
        for action in command._actions
        for option in action.option_strings
        if option.startswith("--") and option != "--help"
    )


@pytest.mark.parametrize(("command", "option"), _options())
def test_every_option_is_in_the_readme(command: str, option: str) -> None:
    """Each option appears in the README line that documents its command."""
    lines = [line for line in README.splitlines() if f"`directory {command}" in line]
    assert any(option in line for line in lines), f"directory {command} {option}"


def test_the_two_setup_commands_are_in_the_readme() -> None:
    assert "make run" in README and "make test" in README
