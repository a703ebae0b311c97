"""The benchmark report: rows of (metric, value, target, met?), as a Markdown table and as JSON.

Targets are the issue's, stated at 10,000 articles unless said otherwise; at a smaller size a
row is judged on what was measured there, and size-dependent rows say "at N".

Example:
    >>> row = Row("GEXF export", 2.5, "s", target=Target("<=", 10.0))
    >>> row.met
    True
    >>> markdown_table([row]).splitlines()[2]
    '| GEXF export | 2.50 s | <= 10 s | yes |'
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any, Literal

__all__ = ["Row", "Target", "markdown_table", "query_table"]


@dataclass(frozen=True, slots=True)
class Target:
    """A bound a value must meet: ``<=`` or ``>=`` a number, in the row's unit."""

    op: Literal["<=", ">="]
    bound: float

    def check(self, value: float) -> bool:
        """Whether `value` meets the bound (a missing value never does)."""
        if math.isnan(value):
            return False
        return value <= self.bound if self.op == "<=" else value >= self.bound


@dataclass(frozen=True, slots=True)
class Row:
    """One line of the report. ``value`` is NaN when it could not be measured (see ``note``)."""

    metric: str
    value: float
    unit: str
    target: Target | None = None
    note: str = ""

    @property
    def met(self) -> bool | None:
        """True or False against the target; None when the row has no target."""
        return None if self.target is None else self.target.check(self.value)

    def shown_value(self) -> str:
        """The value with its unit, or the note when it could not be measured."""
        if math.isnan(self.value):
            return f"not measured ({self.note})" if self.note else "not measured"
        text = _number(self.value, self.unit)
        return f"{text} ({self.note})" if self.note else text

    def shown_target(self) -> str:
        """The target as text ("" without one)."""
        if self.target is None:
            return ""
        return f"{self.target.op} {_number(self.target.bound, self.unit)}"

    def to_json(self) -> dict[str, Any]:
        """A JSON-ready dict (NaN becomes null)."""
        return {
            "metric": self.metric,
            "value": None if math.isnan(self.value) else self.value,
            "unit": self.unit,
            "target": self.shown_target() or None,
            "met": self.met,
            "note": self.note or None,
        }


def _number(value: float, unit: str) -> str:
    if unit == "x":
        return f"{value:.2f}x"
    if unit == "%":
        return f"{value:.1f}%"
    if abs(value) >= 100:
        return f"{value:,.0f} {unit}"
    if value == int(value):
        return f"{value:.0f} {unit}"
    return f"{value:.2f} {unit}"


def _met(row: Row) -> str:
    if row.met is None:
        return ""
    return "yes" if row.met else "**no**"


def markdown_table(rows: list[Row]) -> str:
    """The rows as a Markdown table: metric, value, target, met?"""
    lines = ["| metric | value | target | met? |", "| --- | --- | --- | --- |"]
    for row in rows:
        lines.append(f"| {row.metric} | {row.shown_value()} | {row.shown_target()} | {_met(row)} |")
    return "\n".join(lines)


def _ms(value: float | None) -> str:
    return "" if value is None or math.isnan(value) else f"{value:,.1f}"


def query_table(results: list[dict[str, Any]]) -> str:
    """Per-query latencies on Oxigraph and rdflib as a Markdown table."""
    lines = [
        "| query | aggregating | rows | Oxigraph p50 ms | p95 ms | rdflib p50 ms | p95 ms "
        "| rdflib / Oxigraph |",
        "| --- | --- | --- | --- | --- | --- | --- | --- |",
    ]
    for r in results:
        ox, rd = r["oxigraph"], r.get("rdflib") or {}
        ratio = r.get("ratio")
        shown_ratio = "" if ratio is None else f"{ratio:.1f}x"
        if ratio is None and r.get("ratio_at_least"):
            shown_ratio = f"> {r['ratio_at_least']:,.0f}x (rdflib stopped)"
        lines.append(
            f"| {r['name']} | {'yes' if r['aggregating'] else 'no'} | {ox.get('rows', '')} "
            f"| {_ms(ox.get('p50_ms'))}{' (error)' if ox.get('error') else ''} | {_ms(ox.get('p95_ms'))} "
            f"| {_ms(rd.get('p50_ms'))}{' (error)' if rd.get('error') else ''} | {_ms(rd.get('p95_ms'))} "
            f"| {shown_ratio} |"
        )
    return "\n".join(lines)
