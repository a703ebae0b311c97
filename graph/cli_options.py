"""Options shared by several `aikg` commands, with help texts from the settings table."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

import click

from graph.settings import SETTINGS

__all__ = ["setting_help", "store_option"]

F = TypeVar("F", bound=Callable[..., Any])


def setting_help(name: str) -> str:
    """The help text of a setting, with its environment variable and default."""
    setting = next(s for s in SETTINGS if s.name == name)
    default = "" if setting.default is None else f" [default: ${setting.env} or {setting.default}]"
    return setting.help + default


def store_option(f: F) -> F:
    """The shared --store option."""
    return click.option("--store", "store", metavar="LOCATION", help=setting_help("store"))(f)
