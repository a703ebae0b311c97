"""Settings of the graph stage in one declarative table: name, default, environment, help.

The table feeds the CLI's ``--help`` texts and the README. A value comes from, in order: the
caller (a CLI option), the environment variable, the default.

Example:
    >>> get_setting("query_timeout_s", environ={})
    10.0
    >>> get_setting("store", environ={"AIKG_STORE": "memory"})
    'memory'
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass

from graph.errors import GraphError

__all__ = ["SETTINGS", "Setting", "get_setting", "settings_table"]


@dataclass(frozen=True, slots=True)
class Setting:
    """One setting: its name, default, environment variable and help text."""

    name: str
    default: str | int | float | None
    env: str
    help: str


SETTINGS: tuple[Setting, ...] = (
    Setting(
        "store",
        ".aikg/store",
        "AIKG_STORE",
        "Where the graph lives: a folder (Oxigraph on disk), 'memory', or the http(s) URL of a "
        "SPARQL 1.1 query endpoint.",
    ),
    Setting(
        "update_endpoint",
        None,
        "AIKG_UPDATE_ENDPOINT",
        "SPARQL 1.1 update endpoint URL, when the store is an http(s) query endpoint; "
        "Oxigraph's /update is derived from its /query when not given.",
    ),
    Setting("query_timeout_s", 10.0, "AIKG_QUERY_TIMEOUT", "Seconds a query may run."),
    Setting("max_rows", 10000, "AIKG_MAX_ROWS", "Rows a query returns at most (then truncated)."),
    Setting(
        "query_memory_mb",
        2048,
        "AIKG_QUERY_MEMORY",
        "Megabytes of memory a user's query on a store folder may use (its process is stopped past it).",
    ),
    Setting("http_timeout_s", 120.0, "AIKG_HTTP_TIMEOUT", "Seconds an endpoint write may take."),
    Setting("serve_host", "127.0.0.1", "AIKG_SERVE_HOST", "Host `aikg serve` binds to."),
    Setting("serve_port", 7878, "AIKG_SERVE_PORT", "Port of `aikg serve`."),
    Setting("app_port", 8501, "AIKG_APP_PORT", "Port of `aikg app`."),
)

_BY_NAME = {s.name: s for s in SETTINGS}


def get_setting(
    name: str,
    override: str | int | float | None = None,
    environ: Mapping[str, str] | None = None,
) -> str | int | float | None:
    """The value of a setting: the override, else its environment variable, else the default.

    Args:
        name: a name from :data:`SETTINGS`.
        override: a value given by the caller, used when not None.
        environ: the environment to read (``os.environ`` when None).

    Raises:
        GraphError: the name is unknown, or the environment holds a value of the wrong type.
    """
    try:
        setting = _BY_NAME[name]
    except KeyError:
        raise GraphError(
            f"unknown setting {name!r}; available settings: {', '.join(sorted(_BY_NAME))}"
        ) from None
    if override is not None:
        return override
    env = os.environ if environ is None else environ
    raw = env.get(setting.env)
    if raw is None or raw == "":
        return setting.default
    if isinstance(setting.default, bool | str) or setting.default is None:
        return raw
    kind = type(setting.default)
    try:
        return kind(raw)
    except ValueError:
        raise GraphError(f"environment variable {setting.env}={raw!r} is not a {kind.__name__}") from None


def settings_table() -> str:
    """The settings as a Markdown table, for the README.

    Example:
        >>> settings_table().splitlines()[0]
        '| setting | default | environment | meaning |'
    """
    lines = ["| setting | default | environment | meaning |", "| --- | --- | --- | --- |"]
    for s in SETTINGS:
        default = "" if s.default is None else f"`{s.default}`"
        lines.append(f"| `{s.name}` | {default} | `{s.env}` | {s.help} |")
    return "\n".join(lines)
