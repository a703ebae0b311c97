"""The Overview's figures: the rollups of the summary graph agree with the per-filter aggregates."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from graph import queries
from graph.dealfilter import DealFilter
from graph.errors import FilterError
from graph.overview import filter_options, overview_figures
from graph.store import OxigraphStore

#: Active, yet keeps every report: every article of the sample is dated after 2000.
EVERYTHING = DealFilter(start=dt.date(2000, 1, 1))


def test_unfiltered_figures_come_from_the_rollups(sample_store: OxigraphStore) -> None:
    figures = overview_figures(sample_store, DealFilter())
    assert not figures.filtered
    assert figures.headline == queries.overview_counts(sample_store)
    shipped = {c.country_label: c.total_usd for c in queries.investment_by_country(sample_store)}
    assert {c.country: c.usd for c in figures.by_country} == shipped
    investors = {i.investor_label: i.total_usd for i in queries.top_investors(sample_store)}
    assert {a.label: a.value for a in figures.top_by_usd} == investors


def test_a_filter_that_keeps_everything_gives_the_same_figures(sample_store: OxigraphStore) -> None:
    rollups = overview_figures(sample_store, DealFilter())
    computed = overview_figures(sample_store, EVERYTHING)
    assert computed.filtered
    for name in ("articles", "deals", "total_usd", "total_mw"):
        assert getattr(computed.headline, name) == pytest.approx(getattr(rollups.headline, name)), name
    assert computed.by_country == rollups.by_country
    assert computed.timeline == rollups.timeline
    assert computed.top_by_deals == rollups.top_by_deals
    assert computed.top_by_usd == rollups.top_by_usd
    assert {d.deal for d in computed.newest} == {d.deal for d in rollups.newest}


def _parties_home(store: OxigraphStore, deal: str) -> set[str]:
    rows = store.query(
        "PREFIX aikg: <https://aikg.dev/ontology#> PREFIX schema: <https://schema.org/>\n"
        f"SELECT DISTINCT ?code WHERE {{ <{deal}> aikg:subject|aikg:object ?p .\n"
        "  { ?p aikg:isoCode ?code }\n"
        "  UNION { ?p schema:location|schema:containedInPlace ?c . ?c aikg:isoCode ?code } }",
        check=False,
    ).rows
    return {str(r[0]) for r in rows}


def test_country_filter_keeps_deals_with_a_party_there(sample_store: OxigraphStore) -> None:
    figures = overview_figures(sample_store, DealFilter(countries=("GB",)))
    assert figures.newest
    assert all("GB" in _parties_home(sample_store, d.deal) for d in figures.newest)
    assert figures.headline.deals == len(figures.newest)
    assert [c.iso for c in figures.by_country] == ["GB"]


def test_date_and_type_filters(sample_store: OxigraphStore) -> None:
    october = DealFilter(start=dt.date(2025, 10, 1), deal_types=("buys_power_from",))
    figures = overview_figures(sample_store, october)
    assert {d.predicate for d in figures.newest} == {"buys_power_from"}
    assert figures.headline.total_mw == 835
    assert figures.headline.articles == 2  # articles B and C both report the power deal
    assert all(d.date is not None and d.date >= dt.date(2025, 10, 1) for d in figures.newest)
    september = overview_figures(sample_store, DealFilter(end=dt.date(2025, 9, 30)))
    assert september.headline.articles == 1
    assert {m.month for m in september.timeline} == {dt.date(2025, 9, 1)}


def test_role_filter_and_nothing_kept(sample_store: OxigraphStore) -> None:
    options = filter_options(sample_store)
    assert options.roles and options.deal_types and "GB" in options.countries
    assert options.first == dt.date(2025, 9, 18) and options.last == dt.date(2025, 10, 5)
    none: Any = overview_figures(sample_store, DealFilter(roles=("no-such-role",)))
    assert none.headline.deals == 0 and not none.newest and not none.by_country


def test_filter_refuses_bad_values() -> None:
    with pytest.raises(FilterError, match="ISO 3166"):
        DealFilter(countries=("gb",))
