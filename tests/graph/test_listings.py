"""The listing queries that keep 200 rows keep the right 200, on a graph with more than that."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest

from extract.records import Extraction
from graph import queries as q
from graph.builder import build_extractions
from graph.store import OxigraphStore

from .conftest import Doc

ARTICLES = 30
UTILITIES = 10  # power deals an article reports, each with its own seller and megawatts
TARGETS = 14  # investments an article reports, each reported again by the next article


def _article(k: int) -> Extraction:
    d = Doc(f"crowd-{k:02d}", f"Crowded article {k}", dt.date(2025, 1, 1) + dt.timedelta(days=7 * k))
    d.entity("Microsoft", "Company", "microsoft", role="hyperscaler", in_registry=True)
    for j in range(UTILITIES):
        name = f"Utility {k} {j}"
        d.entity(name, "Company", f"utility-{k}-{j}", role="utility")
        s = d.say(f"Microsoft will buy {100 + 10 * k + j} MW from {name}.")
        d.rel(s, "Microsoft", "buys_power_from", name, power_mw=float(100 + 10 * k + j))
    pair = k // 2  # articles 2p and 2p+1 report the same investments
    for i in range(TARGETS):
        name = f"Target {pair} {i}"
        d.entity(name, "Company", f"target-{pair}-{i}", role="ai_lab")
        usd = (pair * TARGETS + i + 1) * 1e6
        s = d.say(f"Microsoft will invest ${usd / 1e6:.0f} million in {name}.")
        amount = d.amount(s, f"${usd / 1e6:.0f} million", usd, "USD", usd)
        d.rel(s, "Microsoft", "invests_in", name, usd, amount=amount)
    return d.extraction()


@pytest.fixture(scope="module")
def crowded_store() -> Iterator[OxigraphStore]:
    store = OxigraphStore(None)
    build_extractions([_article(k) for k in range(ARTICLES)], store)
    yield store


def test_power_deals_keeps_the_200_largest(crowded_store: OxigraphStore) -> None:
    rows = q.power_deals(crowded_store)
    assert ARTICLES * UTILITIES > 200
    assert [r.mw for r in rows] == [float(mw) for mw in range(100 + ARTICLES * UTILITIES - 1, 99, -1)][:200]
    assert all(r.buyer_label == "Microsoft" and r.seller_label.startswith("Utility") for r in rows)


def test_multi_source_deals_keeps_the_200_most_reported_then_largest(crowded_store: OxigraphStore) -> None:
    rows = q.multi_source_deals(crowded_store)
    assert (ARTICLES // 2) * TARGETS > 200
    assert len(rows) == 200 and {r.sources for r in rows} == {2}
    largest = sorted((p * TARGETS + i + 1) * 1e6 for p in range(ARTICLES // 2) for i in range(TARGETS))
    assert [r.usd for r in rows] == largest[::-1][:200]


def test_actor_facts_keeps_the_200_newest_reports(crowded_store: OxigraphStore) -> None:
    rows = q.actor_facts(crowded_store, "https://aikg.dev/id/company/microsoft")
    per_article = UTILITIES + TARGETS
    assert len(rows) == 200 < ARTICLES * per_article
    dates = [r.date for r in rows]
    assert dates == sorted(dates, reverse=True)
    newest = dt.date(2025, 1, 1) + dt.timedelta(days=7 * (ARTICLES - 1))
    whole = 200 // per_article  # the newest articles whose every report fits, the next in part
    assert dates[: whole * per_article] == [
        newest - dt.timedelta(days=7 * n) for n in range(whole) for _ in range(per_article)
    ]
    assert set(dates[whole * per_article :]) == {newest - dt.timedelta(days=7 * whole)}
    assert all(r.evidence and r.title.startswith("Crowded article") for r in rows)


def test_newest_deals_sorts_the_latest_months_into_the_200_newest(crowded_store: OxigraphStore) -> None:
    def day(k: int) -> dt.date:
        return dt.date(2025, 1, 1) + dt.timedelta(days=7 * k)

    first_reported = [day(k) for k in range(ARTICLES) for _ in range(UTILITIES)]
    first_reported += [day(2 * p) for p in range(ARTICLES // 2) for _ in range(TARGETS)]
    rows = q.newest_deals(crowded_store, limit=200)
    assert [r.date for r in rows] == sorted(first_reported, reverse=True)[:200]
    months = {d.strftime("%Y-%m") for d in first_reported}
    assert len({r.date.strftime("%Y-%m") for r in rows}) < len(months)  # the cut-off is doing work


@pytest.mark.parametrize("name", ["actor_facts", "power_deals", "multi_source_deals", "newest_deals"])
def test_each_listing_query_keeps_the_listed_number(name: str) -> None:
    assert f"LIMIT {q.LISTED} }}" in q.get_query(name).text
