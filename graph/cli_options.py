"""Options shared by several `aikg` commands, with help texts from the settings table."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any, TypeVar

import click

from graph.dealfilter import DEAL_TYPES, DealFilter
from graph.settings import SETTINGS

__all__ = [
    "ENGINES",
    "deal_filter_from",
    "deal_filter_options",
    "engine_option",
    "setting_help",
    "store_option",
]

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


def deal_filter_options(f: F) -> F:
    """--since, --until, --deal-type, --country and --role: the app's filters (repeat to add)."""
    date = click.DateTime(formats=["%Y-%m-%d"])
    options = (
        click.option("--since", type=date, help="Only deals reported on or after this date (YYYY-MM-DD)."),
        click.option("--until", type=date, help="Only deals reported on or before this date (YYYY-MM-DD)."),
        click.option(
            "--deal-type",
            "deal_types",
            multiple=True,
            type=click.Choice(DEAL_TYPES),
            help="Only deals of this type.",
        ),
        click.option(
            "--country",
            "countries",
            multiple=True,
            metavar="ISO",
            help="Only deals with a party based in (or a place in) this country: US, GB...",
        ),
        click.option(
            "--role", "roles", multiple=True, help="Only deals with a party of this role: hyperscaler..."
        ),
    )
    for option in reversed(options):
        f = option(f)
    return f


def deal_filter_from(
    since: dt.datetime | None,
    until: dt.datetime | None,
    deal_types: tuple[str, ...],
    countries: tuple[str, ...],
    roles: tuple[str, ...],
) -> DealFilter | None:
    """The filter the options ask for, or None when none is given.

    Raises:
        FilterError: dates in the wrong order, or a country that is not an ISO code.
    """
    deal_filter = DealFilter(
        start=since.date() if since else None,
        end=until.date() if until else None,
        deal_types=deal_types,
        countries=tuple(c.upper() for c in countries),
        roles=roles,
    )
    return deal_filter if deal_filter.active else None
