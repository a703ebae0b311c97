"""Tests of `extract.fx`: offline USD conversion from ECB rates, pegs and approximate rates."""

from __future__ import annotations

import datetime as dt
import json
import socket
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import currency_converter.currency_converter as cc_module
import pytest

from extract.errors import AikgError
from extract.fx import FX_TABLE_PATH, FxDataError, FxResult, load_fx_tables, to_usd

FEB_1_2024 = dt.date(2024, 2, 1)


def test_usd_is_identity() -> None:
    assert to_usd(5e9, "USD", FEB_1_2024) == FxResult(5e9, 1.0, FEB_1_2024, "US dollar")


def test_eur_uses_the_ecb_rate_of_the_day() -> None:
    fx = to_usd(4e9, "EUR", FEB_1_2024)
    assert fx.rate == pytest.approx(1.08, abs=0.01)
    assert fx.usd == pytest.approx(4e9 * 1.0814)
    assert fx.rate_date == FEB_1_2024
    assert fx.source == "ECB reference rate of 2024-02-01"


@pytest.mark.parametrize(
    ("currency", "low", "high"),
    [
        ("GBP", 1.2, 1.35),  # USD per pound, early 2024
        ("JPY", 0.0064, 0.0072),
        ("INR", 0.0115, 0.0125),
        ("KRW", 0.0007, 0.0008),
        ("AUD", 0.63, 0.70),
        ("CNY", 0.135, 0.145),
        ("SEK", 0.09, 0.10),
        ("MYR", 0.20, 0.22),
        ("BRL", 0.19, 0.21),
        ("HKD", 0.125, 0.13),
    ],
)
def test_other_ecb_currencies_give_plausible_rates(currency: str, low: float, high: float) -> None:
    fx = to_usd(1.0, currency, FEB_1_2024)
    assert fx.rate is not None
    assert low < fx.rate < high
    assert fx.source.startswith("ECB")


def test_currency_code_is_case_insensitive_and_datetimes_are_accepted() -> None:
    moment = dt.datetime(2024, 2, 1, 15, 30)
    assert to_usd(1.0, " eur ", moment) == to_usd(1.0, "EUR", FEB_1_2024)


def test_weekend_rate_is_interpolated() -> None:
    saturday = to_usd(1.0, "EUR", dt.date(2024, 2, 3))
    friday = to_usd(1.0, "EUR", dt.date(2024, 2, 2))
    monday = to_usd(1.0, "EUR", dt.date(2024, 2, 5))
    assert saturday.rate is not None and friday.rate is not None and monday.rate is not None
    assert min(friday.rate, monday.rate) <= saturday.rate <= max(friday.rate, monday.rate)


def test_sar_uses_the_peg() -> None:
    fx = to_usd(5.6e9, "SAR", FEB_1_2024)
    assert fx.usd == pytest.approx(5.6e9 / 3.75)
    assert fx.rate == pytest.approx(1 / 3.75)
    assert fx.rate_date == FEB_1_2024
    assert "peg" in fx.source
    assert "3.75" in fx.source


@pytest.mark.parametrize(
    ("currency", "per_usd"), [("AED", 3.6725), ("QAR", 3.64), ("BHD", 0.376), ("OMR", 0.3845)]
)
def test_gulf_pegs(currency: str, per_usd: float) -> None:
    assert to_usd(per_usd, currency).usd == pytest.approx(1.0)


@pytest.mark.parametrize("currency", ["TWD", "VND", "NGN", "KES", "EGP", "PKR"])
def test_currencies_the_ecb_never_had_use_approximate_rates(currency: str) -> None:
    fx = to_usd(1000.0, currency, FEB_1_2024)
    assert fx.usd is not None and 0 < fx.usd < 1000
    assert fx.source.startswith("approximate 2024")


def test_a_currency_the_ecb_dropped_uses_the_approximate_rate_afterwards() -> None:
    before = to_usd(1.0, "RUB", dt.date(2021, 6, 1))
    after = to_usd(1.0, "RUB", FEB_1_2024)
    assert before.source.startswith("ECB")
    assert after.source.startswith("approximate 2024")
    assert after.rate == pytest.approx(1 / 92.5)


def test_unknown_currency_gives_no_usd() -> None:
    fx = to_usd(1e9, "XYZ", FEB_1_2024)
    assert (fx.usd, fx.rate, fx.rate_date) == (None, None, None)
    assert "'XYZ'" in fx.source


def test_no_date_uses_the_latest_ecb_rate() -> None:
    last = load_fx_tables().ecb.bounds["USD"].last_date
    fx = to_usd(1.0, "EUR")
    assert fx.rate_date == last
    assert fx.source.endswith("(latest available)")
    assert fx.rate == to_usd(1.0, "EUR", last).rate


def test_dates_after_the_data_use_the_last_rate_with_a_note() -> None:
    last = load_fx_tables().ecb.bounds["USD"].last_date
    future = last + dt.timedelta(days=400)
    fx = to_usd(1.0, "EUR", future)
    assert fx.rate == to_usd(1.0, "EUR", last).rate
    assert fx.rate_date == last
    assert "after the end of the ECB data" in fx.source


def test_dates_before_the_data_use_the_first_rate_with_a_note() -> None:
    fx = to_usd(1.0, "EUR", dt.date(1990, 1, 1))
    assert fx.rate_date == dt.date(1999, 1, 4)
    assert "before the start" in fx.source


def test_shipped_table_is_well_formed() -> None:
    raw = json.loads(FX_TABLE_PATH.read_text(encoding="utf-8"))
    tables = load_fx_tables()
    assert set(tables.pegs) == set(raw["pegs"])
    assert set(tables.approximate) == set(raw["approximate"])
    for code, fixed in {**tables.pegs, **tables.approximate}.items():
        assert len(code) == 3 and code.isupper()
        assert fixed.per_usd > 0
        assert fixed.source
    assert not set(tables.approximate) & set(tables.pegs)


def test_loader_is_cached() -> None:
    assert load_fx_tables() is load_fx_tables()


@pytest.fixture
def no_network(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Make every network access fail loudly, and load the tables afresh under that rule."""

    def refuse(*args: object, **kwargs: object) -> None:
        pytest.fail(f"network access attempted: {args!r}")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(urllib.request, "urlopen", refuse)
    monkeypatch.setattr(cc_module, "urlopen", refuse)
    load_fx_tables.cache_clear()
    yield
    load_fx_tables.cache_clear()


@pytest.mark.usefixtures("no_network")
def test_conversion_never_touches_the_network() -> None:
    assert to_usd(1.0, "EUR", FEB_1_2024).rate == pytest.approx(1.08, abs=0.01)
    assert to_usd(1.0, "SAR").usd == pytest.approx(1 / 3.75)


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        ("not json", "cannot read the rate table"),
        ('{"approximate": {}}', "missing section 'pegs'"),
        ('{"pegs": {"SAR": {"per_usd": -1, "source": "x"}}, "approximate": {}}', "pegs.SAR"),
        ('{"pegs": {"SAR": {"per_usd": 3.75}}, "approximate": {}}', "pegs.SAR"),
    ],
)
def test_malformed_table_raises_an_actionable_error(tmp_path: Path, content: str, problem: str) -> None:
    path = tmp_path / "fx.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(FxDataError) as err:
        load_fx_tables(path)
    assert isinstance(err.value, AikgError)
    assert str(path) in str(err.value)
    assert problem in str(err.value)
    assert err.value.path == path


def test_missing_table_raises_an_actionable_error(tmp_path: Path) -> None:
    with pytest.raises(FxDataError, match="cannot read the rate table"):
        load_fx_tables(tmp_path / "absent.json")
