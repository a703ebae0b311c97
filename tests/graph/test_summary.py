"""The summary graph: each figure equals a fold of the article graphs, and refreshes write diffs."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from extract import extract_article, read_article
from graph import iris
from graph.builder import build_extractions
from graph.named import query_records
from graph.sparql import prefix_block
from graph.store import OxigraphStore
from graph.summary import NEWEST, latest_months_query, refresh_summary
from graph.vocab import PREDICATE_TERMS

CORPUS = Path(__file__).resolve().parents[2] / "corpus"
_P = prefix_block(("aikg", "schema", "prov", "dcterms", "rdfs"))
_SUMMARY = f"<{iris.SUMMARY_GRAPH}>"
_EDGES = f"<{iris.EDGES_GRAPH}>"


def _records(store: OxigraphStore, body: str) -> list[dict[str, Any]]:
    return query_records(store.query(_P + body, check=False, max_rows=0, timeout_s=0))


def _figure(store: OxigraphStore, prop: str) -> dict[str, Any]:
    rows = _records(store, f"SELECT ?s ?o WHERE {{ GRAPH {_SUMMARY} {{ ?s aikg:{prop} ?o }} }}")
    return {r["s"]: r["o"] for r in rows}


def _summary_triples(store: OxigraphStore) -> set[tuple[str, ...]]:
    rows = store.query(
        f"SELECT ?s ?p ?o WHERE {{ GRAPH {_SUMMARY} {{ ?s ?p ?o }} }}", check=False, max_rows=0
    ).rows
    return {tuple(str(t) for t in row) for row in rows}


def test_per_deal_figures_fold_every_report(sample_store: OxigraphStore, iri: Any) -> None:
    """Largest amount, first date, reports and sources, computed here the long way, per deal."""
    expected = _records(
        sample_store,
        "SELECT ?deal (MAX(?u) AS ?usd) (MIN(?d) AS ?first) (COUNT(DISTINCT ?r) AS ?reports)\n"
        "       (COUNT(DISTINCT ?a) AS ?sources)\n"
        "WHERE { GRAPH ?g { ?deal a aikg:Deal . ?r aikg:reports ?deal ; prov:wasDerivedFrom ?a .\n"
        "                   OPTIONAL { ?deal dcterms:date ?d } }\n"
        "        OPTIONAL { GRAPH ?h { ?deal schema:amount/aikg:usdValue ?u } } }\n"
        "GROUP BY ?deal",
    )
    assert len(expected) >= 10
    usd, first = _figure(sample_store, "largestUsd"), _figure(sample_store, "firstReported")
    reports, sources = _figure(sample_store, "reportCount"), _figure(sample_store, "sourceCount")
    for row in expected:
        deal = row["deal"]
        assert usd.get(deal) == row["usd"], deal
        assert first.get(deal) == row["first"], deal
        assert reports[deal] == row["reports"] and sources[deal] == row["sources"], deal
    # the Nvidia-Intel $5B investment is reported by articles A and B
    nvidia_intel = [d for d, n in sources.items() if n == 2 and usd.get(d) == 5e9]
    assert len(nvidia_intel) == 1


def test_stated_is_false_only_when_every_report_hedges(sample_store: OxigraphStore) -> None:
    stated = _figure(sample_store, "stated")
    hedged = _records(
        sample_store,
        'SELECT DISTINCT ?deal WHERE { ?r aikg:reports ?deal ; aikg:status "denied" }',
    )
    denied = {r["deal"] for r in hedged}
    assert len(denied) == 2  # the denied Microsoft-Intel investment and Intel-CoreWeave acquisition
    assert all(stated[d] is False for d in denied)
    assert sum(1 for v in stated.values() if v is True) == len(stated) - len(denied)


def test_country_rollups_equal_the_long_aggregate(sample_store: OxigraphStore) -> None:
    """USD by destination country, as the shipped query computed it before the summary graph."""
    long_way = _records(
        sample_store,
        "SELECT ?country (COUNT(?deal) AS ?deals) (SUM(?usd) AS ?total) WHERE {\n"
        "  { SELECT DISTINCT ?deal ?place WHERE { ?deal a aikg:Deal ; aikg:object ?place } }\n"
        "  { ?place a schema:Country . BIND(?place AS ?country) }\n"
        "  UNION { ?place schema:containedInPlace ?country . ?country a schema:Country }\n"
        "  { SELECT ?deal (MAX(?u) AS ?usd) WHERE { ?deal schema:amount/aikg:usdValue ?u } GROUP BY ?deal }\n"
        "  FILTER EXISTS { ?report aikg:reports ?deal\n"
        '    FILTER NOT EXISTS { ?report aikg:status ?h FILTER(?h IN ("denied", "rumoured")) } }\n'
        "} GROUP BY ?country",
    )
    inbound, deals = _figure(sample_store, "inboundUsd"), _figure(sample_store, "inboundDeals")
    assert {r["country"]: r["total"] for r in long_way} == inbound
    assert {r["country"]: r["deals"] for r in long_way} == deals
    assert len(inbound) >= 2  # the US and the UK


def test_totals_and_months(sample_store: OxigraphStore) -> None:
    totals = _records(
        sample_store,
        "SELECT ?p ?o WHERE { ?t a aikg:GraphTotals ; ?p ?o }",
    )
    by_name = {r["p"].rsplit("#", 1)[-1]: r["o"] for r in totals}
    assert by_name["articleCount"] == 3
    deals = _records(sample_store, "SELECT (COUNT(DISTINCT ?d) AS ?n) WHERE { ?d a aikg:Deal }")[0]["n"]
    assert by_name["totalDeals"] == deals
    months = _records(
        sample_store,
        "SELECT ?month (SUM(?n) AS ?deals) WHERE { ?m a aikg:MonthlyDeals ; aikg:month ?month ;"
        " aikg:totalDeals ?n } GROUP BY ?month",
    )
    assert {r["month"]: r["deals"] for r in months}.keys() == {"2025-09", "2025-10"}
    assert sum(r["deals"] for r in months) == deals


def test_refresh_writes_only_the_difference(disk_store: OxigraphStore) -> None:
    paths = sorted(CORPUS.glob("*.md"))[:4]
    build_extractions([extract_article(read_article(p)) for p in paths], disk_store)
    built = _summary_triples(disk_store)
    assert built
    assert refresh_summary(disk_store).added == refresh_summary(disk_store).removed == 0

    first = read_article(paths[0])
    disk_store.remove_article(first.id)
    change = refresh_summary(disk_store)
    assert change.removed > 0
    after_removal = _summary_triples(disk_store)
    assert after_removal != built
    # a summary rewritten from nothing is the same as the one the difference left
    disk_store.update(f"DROP GRAPH {_SUMMARY}")
    assert refresh_summary(disk_store).removed == 0
    assert _summary_triples(disk_store) == after_removal


@pytest.mark.parametrize("prop", ["largestUsd", "inboundUsd", "totalUsd"])
def test_figures_are_decimals(sample_store: OxigraphStore, prop: str) -> None:
    values = _figure(sample_store, prop)
    assert values and all(isinstance(v, float | Decimal) for v in values.values())


def test_each_convenience_edge_between_actors_is_stated_once(sample_store: OxigraphStore) -> None:
    edges = (
        "VALUES ?p { "
        + " ".join(f"<{t.edge}>" for n, t in PREDICATE_TERMS.items() if n != "valued_at")
        + " }"
    )
    in_articles = _records(
        sample_store,
        f"SELECT DISTINCT ?s ?p ?o WHERE {{ {edges} GRAPH ?g {{ ?s ?p ?o }} FILTER(?g != {_EDGES}) }}",
    )
    in_edges = _records(sample_store, f"SELECT ?s ?p ?o WHERE {{ GRAPH {_EDGES} {{ ?s ?p ?o }} }}")
    assert len(in_articles) > 10
    assert sorted(map(str, in_edges)) == sorted(map(str, in_articles))  # the same edges, once each


def test_the_latest_months_hold_the_newest_deals(sample_store: OxigraphStore) -> None:
    first = {deal: str(day) for deal, day in _figure(sample_store, "firstReported").items()}
    months = sorted({day[:7] for day in first.values()}, reverse=True)
    assert len(months) >= 2
    in_latest = sum(day[:7] == months[0] for day in first.values())
    for newest in (1, in_latest, in_latest + 1, len(first), len(first) + 1):
        since = next((m for m in months if sum(d[:7] >= m for d in first.values()) >= newest), None)
        expected = {deal for deal, day in first.items() if since is None or day[:7] >= since}
        rows = sample_store.query(latest_months_query(newest), check=False, max_rows=0).rows
        marked = {str(s) for s, _p, _o in rows}
        assert marked == expected, newest
        assert set(sorted(first, key=first.__getitem__, reverse=True)[:newest]) <= marked
    assert len(expected) == len(first)  # more than there are: every deal
    rows = sample_store.query(latest_months_query(in_latest), check=False, max_rows=0).rows
    assert {str(s) for s, _p, _o in rows} == {d for d, day in first.items() if day[:7] == months[0]}


def test_the_build_marks_the_deals_of_the_latest_months(sample_store: OxigraphStore) -> None:
    marked = _figure(sample_store, "inLatestMonths")
    assert len(_figure(sample_store, "firstReported")) < NEWEST  # a small graph: every deal
    assert set(marked) == set(_figure(sample_store, "firstReported")) and all(marked.values())


def test_a_whole_fold_drops_figures_it_does_not_make(disk_store: OxigraphStore) -> None:
    paths = sorted(CORPUS.glob("*.md"))[:2]
    build_extractions([extract_article(read_article(p)) for p in paths], disk_store)
    built = _summary_triples(disk_store)
    left = "<https://aikg.dev/id/x> <https://aikg.dev/ontology#investsIn> <https://aikg.dev/id/y>"
    disk_store.update(f"INSERT DATA {{ GRAPH {_SUMMARY} {{ {left} }} }}")  # as an older fold left
    assert refresh_summary(disk_store).removed == 1
    assert _summary_triples(disk_store) == built
