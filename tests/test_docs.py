"""The README documents every CLI command, every predicate, every export format and setting."""

from __future__ import annotations

from pathlib import Path

import pytest

from extract.records import PREDICATES
from graph.cli import cli
from graph.export import EXPORT_FORMATS
from graph.settings import SETTINGS, Setting

README = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("command", sorted(cli.commands))
def test_every_command_is_in_the_readme(command: str) -> None:
    assert f"aikg {command}" in README


@pytest.mark.parametrize("predicate", sorted(PREDICATES))
def test_every_predicate_is_in_the_readme(predicate: str) -> None:
    assert f"`{predicate}`" in README


@pytest.mark.parametrize("fmt", sorted(EXPORT_FORMATS))
def test_every_export_format_is_in_the_readme(fmt: str) -> None:
    assert fmt in README


@pytest.mark.parametrize("setting", SETTINGS, ids=lambda s: s.name)
def test_every_setting_is_in_the_readme(setting: Setting) -> None:
    assert setting.env in README


def test_the_two_setup_commands_are_the_ones_ci_runs() -> None:
    assert "bash scripts/start.sh" in README and "bash scripts/test.sh" in README
    ci = (Path(__file__).resolve().parents[1] / ".ci" / "run").read_text(encoding="utf-8")
    assert "scripts/test.sh" in ci
