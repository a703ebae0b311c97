"""Options shared by several `aikg` commands, with help texts from the settings table."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

import click

from graph.settings import SETTINGS

__all__ = ["ENGINES", "engine_option", "setting_help", "store_option"]

F = TypeVar("F", bound=Callable[..., Any])

#: Where the extraction stage runs: this machine's processes, or a Ray Data job.
ENGINES = ("local", "ray")


def setting_help(name: str) -> str:
    """The help text of a setting, with its environment variable and default."""
    setting = next(s for s in SETTINGS if s.name == name)
    default = "" if setting.default is None else f" [default: ${setting.env} or {setting.default}]"
    return setting.help + default


def store_option(f: F) -> F:
    """The shared --store option."""
    return click.option("--store", "store", metavar="LOCATION", help=setting_help("store"))(f)


def engine_option(f: F) -> F:
    """The shared --engine option: local processes, or a Ray Data job (the ``ray`` extra)."""
    return click.option(
        "--engine",
        type=click.Choice(ENGINES),
        default="local",
        show_default=True,
        help="Where extraction runs: local processes, or a Ray Data job with --processes actors "
        "(pip install 'aikg[ray]'; RAY_ADDRESS names a cluster, else a local Ray).",
    )(f)
