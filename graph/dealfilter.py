"""The deal filter: which reports of which deals a date range, deal types, countries and roles keep.

One definition serves the app's Overview (which applies it to its table of reports), the Export
page and ``aikg export`` (which cut the graph down to what it keeps, :mod:`graph.subgraph`).
A filter judges one report of a deal at a time: the report's article date, the deal type, and
the home countries and roles of the deal's two parties. A deal passes when one of its reports
does.

Example:
    >>> import datetime as dt
    >>> f = DealFilter(start=dt.date(2025, 1, 1), countries=("GB",))
    >>> f.admits(dt.date(2025, 3, 1), "invests_in", ("US", "GB"), ("hyperscaler", None))
    True
    >>> f.admits(dt.date(2024, 3, 1), "invests_in", ("US", "GB"), ("hyperscaler", None))
    False
    >>> f.describe()
    'reported from 2025-01-01; country GB'
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass

from graph.errors import FilterError
from graph.vocab import PREDICATE_TERMS

__all__ = ["DEAL_TYPES", "DealFilter"]

#: The contract predicates that are deals (the Overview's and the filter's deal types).
DEAL_TYPES: tuple[str, ...] = tuple(sorted(p for p, t in PREDICATE_TERMS.items() if t.is_deal))
_ISO2 = re.compile(r"^[A-Z]{2}$")


@dataclass(frozen=True, slots=True)
class DealFilter:
    """Which deal reports to keep; ``None`` and empty tuples mean "any".

    Attributes:
        start: the first article date kept (inclusive).
        end: the last article date kept (inclusive).
        deal_types: contract predicates of deals (``invests_in``...).
        countries: ISO 3166-1 alpha-2 codes; a deal is kept when one of its parties is based
            there (a place party: lies there).
        roles: actor roles (``hyperscaler``...); a deal is kept when one of its parties has one.

    Raises:
        FilterError: the dates are in the wrong order, a deal type is not a deal predicate, or
            a country is not an upper-case ISO code.
    """

    start: dt.date | None = None
    end: dt.date | None = None
    deal_types: tuple[str, ...] = ()
    countries: tuple[str, ...] = ()
    roles: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if self.start is not None and self.end is not None and self.start > self.end:
            raise FilterError(f"the filter's start {self.start} is after its end {self.end}")
        unknown = sorted(set(self.deal_types) - set(DEAL_TYPES))
        if unknown:
            raise FilterError(
                f"unknown deal type {unknown[0]!r}; available deal types: {', '.join(DEAL_TYPES)}"
            )
        bad = [c for c in self.countries if not _ISO2.match(c)]
        if bad:
            raise FilterError(f"country {bad[0]!r} is not an ISO 3166-1 alpha-2 code such as US or GB")

    @property
    def active(self) -> bool:
        """Whether the filter narrows the deals at all."""
        return bool(self.start or self.end or self.deal_types or self.countries or self.roles)

    def admits(
        self,
        date: dt.date | None,
        predicate: str,
        homes: Iterable[str | None],
        roles: Iterable[str | None],
    ) -> bool:
        """Whether one report of a deal passes.

        Args:
            date: the reporting article's date (an undated report fails any date bound).
            predicate: the deal's contract predicate.
            homes: the ISO codes of the parties' countries (``None`` where unknown).
            roles: the parties' roles (``None`` where unknown).
        """
        if self.start is not None and (date is None or date < self.start):
            return False
        if self.end is not None and (date is None or date > self.end):
            return False
        if self.deal_types and predicate not in self.deal_types:
            return False
        if self.countries and not any(h in self.countries for h in homes if h):
            return False
        return not self.roles or any(r in self.roles for r in roles if r)

    def describe(self) -> str:
        """The filter in words, one clause per bound (``every deal`` when there is none)."""
        parts = []
        if self.start and self.end:
            parts.append(f"reported {self.start} to {self.end}")
        elif self.start:
            parts.append(f"reported from {self.start}")
        elif self.end:
            parts.append(f"reported until {self.end}")
        for name, values in (
            ("deal type", self.deal_types),
            ("country", self.countries),
            ("role", self.roles),
        ):
            if values:
                parts.append(f"{name} {' or '.join(values)}")
        return "; ".join(parts) or "every deal"
