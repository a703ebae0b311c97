"""graph.dealfilter and graph.subgraph: filtered exports of a store built from real corpus articles."""

from __future__ import annotations

import datetime as dt
import gc
import io
import re
import zipfile
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import networkx as nx
import pytest
from rdflib import Graph

from graph import queries
from graph.dealfilter import DEAL_TYPES, DealFilter
from graph.errors import FilterError
from graph.export import export_bytes
from graph.store import OxigraphStore, open_store
from graph.subgraph import extract_subgraph, select_deals
from graph.validate import validate_graph, validate_store

CORPUS = Path(__file__).resolve().parents[2] / "corpus"
#: Deals in the UK and Germany (2024), a 2023 investment and a US power purchase (2024).
ARTICLES = (
    "aws-uk-gbp8bn-data-centres-2024",
    "msft-openai-10b-investment-2023",
    "microsoft-germany-eur3-2bn-nrw-frankfurt-2024",
    "microsoft-constellation-crane-restart-2024",
)
_UNLIMITED = {"check": False, "max_rows": 0, "timeout_s": 0}

#: Every deal, its parties' home countries and each reporting article with its date.
_DEALS = """
PREFIX aikg: <https://aikg.dev/ontology#>
PREFIX schema: <https://schema.org/>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX dcterms: <http://purl.org/dc/terms/>
SELECT DISTINCT ?deal ?home ?article ?date WHERE {
  ?deal a aikg:Deal ; aikg:subject|aikg:object ?party .
  ?report aikg:reports ?deal ; prov:wasDerivedFrom ?article .
  OPTIONAL { ?article dcterms:date ?date }
  OPTIONAL { { ?party aikg:isoCode ?home } UNION
             { ?party schema:location|schema:containedInPlace ?c . ?c aikg:isoCode ?home } }
}
"""


@pytest.fixture(scope="module")
def corpus_store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[OxigraphStore]:
    """A store built from four real corpus articles, read-only for the tests."""
    from graph.builder import build_corpus

    folder = tmp_path_factory.mktemp("subgraph") / "store"
    writer = open_store(folder)
    try:
        report = build_corpus([CORPUS / f"{name}.md" for name in ARTICLES], writer)
    finally:
        writer.close()
    assert report.articles_built == len(ARTICLES), report.summary()
    del writer
    gc.collect()
    reader = open_store(folder, read_only=True)
    yield reader
    reader.close()


def _deal_rows(store: OxigraphStore) -> list[dict[str, str]]:
    return [
        {k: str(v) for k, v in row.items() if v is not None}
        for row in store.query(_DEALS, **_UNLIMITED).records()
    ]


def _count(store: OxigraphStore, sparql: str) -> int:
    return int(store.query(sparql, **_UNLIMITED).rows[0][0])  # type: ignore[arg-type]


def test_country_filter_keeps_its_deals_with_parties_reports_and_articles(
    corpus_store: OxigraphStore,
) -> None:
    expected = {r["deal"] for r in _deal_rows(corpus_store) if r.get("home") == "GB"}
    assert expected, "the UK article has deals"
    sub = extract_subgraph(corpus_store, DealFilter(countries=("GB",)))
    try:
        kept = _deal_rows(sub.store)
        assert {r["deal"] for r in kept} == expected == set(sub.selection.deals)
        # every party of every kept deal is there, with its label, types and country
        for actor in sub.selection.actors:
            card = queries.actor_card(sub.store, actor)
            assert card is not None and card.label and card.type, actor
            whole = queries.actor_card(corpus_store, actor)
            assert whole is not None
            assert replace(card, facts=0, articles=0) == replace(whole, facts=0, articles=0)
        # every report of a kept deal from a kept article, with its evidence
        reports = """PREFIX aikg: <https://aikg.dev/ontology#>
            SELECT (COUNT(DISTINCT ?r) AS ?n) WHERE { ?r aikg:reports ?d ; aikg:evidence ?e }"""
        in_source = sum(_count(corpus_store, reports.replace("?d ;", f"<{deal}> ;")) for deal in expected)
        assert _count(sub.store, reports) == in_source > 0
        articles = {r["article"] for r in kept}
        assert articles == set(sub.selection.articles)
        assert sub.selection.counts() == (len(expected), len(sub.selection.actors), len(articles))
        assert validate_store(sub.store) == []
    finally:
        sub.store.close()


def test_date_filter_keeps_only_reports_of_the_period(corpus_store: OxigraphStore) -> None:
    start, end = dt.date(2024, 1, 1), dt.date(2024, 12, 31)
    rows = _deal_rows(corpus_store)
    expected = {r["deal"] for r in rows if "date" in r and start.isoformat() <= r["date"] <= end.isoformat()}
    assert expected and expected != {r["deal"] for r in rows}, "the fixture spans 2023 and 2024"
    sub = extract_subgraph(corpus_store, DealFilter(start=start, end=end))
    try:
        kept = _deal_rows(sub.store)
        assert {r["deal"] for r in kept} == expected
        assert all(start.isoformat() <= r["date"] <= end.isoformat() for r in kept)
        titles = """PREFIX schema: <https://schema.org/>
            SELECT (COUNT(DISTINCT ?a) AS ?n) WHERE { ?a a schema:NewsArticle }"""
        assert _count(sub.store, titles) == len(sub.selection.articles) < len(ARTICLES)
    finally:
        sub.store.close()


def test_filtered_turtle_and_nquads_parse_and_validate(corpus_store: OxigraphStore) -> None:
    f = DealFilter(countries=("GB",))
    selection = select_deals(corpus_store, f)
    turtle = Graph().parse(data=export_bytes(corpus_store, "ttl", f), format="turtle")
    whole = Graph().parse(data=export_bytes(corpus_store, "ttl"), format="turtle")
    assert 0 < len(turtle) < len(whole)
    assert validate_graph(turtle) == []
    parsed = OxigraphStore(None)
    try:
        parsed.load_nquads(export_bytes(corpus_store, "nq", f).decode("utf-8"))
        graphs = set(parsed.named_graphs())
        assert validate_store(parsed) == []
    finally:
        parsed.close()
    article_graphs = {g for g in graphs if "/graph/article/" in g}
    assert len(article_graphs) == len(selection.articles)
    assert {"https://aikg.dev/graph/actors", "https://aikg.dev/graph/meta"} <= graphs


def test_filtered_network_exports_hold_only_the_filtered_actors(corpus_store: OxigraphStore) -> None:
    f = DealFilter(deal_types=("builds_datacenter_in",))
    selection = select_deals(corpus_store, f)
    gexf = nx.read_gexf(io.BytesIO(export_bytes(corpus_store, "gexf", f)))
    assert set(gexf.nodes()) == set(selection.actors)
    assert {d["label"] for _s, _o, d in gexf.edges(data=True)} == {"builds_datacenter_in"}
    whole = nx.read_gexf(io.BytesIO(export_bytes(corpus_store, "gexf")))
    assert gexf.number_of_nodes() < whole.number_of_nodes()
    graphml = nx.read_graphml(io.BytesIO(export_bytes(corpus_store, "graphml", f)))
    assert set(graphml.nodes()) == set(selection.actors)
    with zipfile.ZipFile(io.BytesIO(export_bytes(corpus_store, "csv", f))) as zf:
        ids = {line.split(",")[0] for line in zf.read("nodes.csv").decode().splitlines()[1:]}
    assert ids == set(selection.actors)
    page = export_bytes(corpus_store, "html", f).decode("utf-8")
    labels = {str(whole.nodes[a]["label"]) for a in whole.nodes() if a not in selection.actors}
    assert all(f'"label": "{label}"' not in page for label in labels)
    assert all(f'"label": "{gexf.nodes[a]["label"]}"' in page for a in selection.actors)


def test_no_filter_selects_every_deal(corpus_store: OxigraphStore) -> None:
    selection = select_deals(corpus_store, DealFilter())
    assert set(selection.deals) == {r["deal"] for r in _deal_rows(corpus_store)}
    assert not DealFilter().active and DealFilter().describe() == "every deal"


def test_a_filter_nothing_passes_exports_an_empty_network(corpus_store: OxigraphStore) -> None:
    f = DealFilter(roles=("no-such-role",))
    assert select_deals(corpus_store, f).counts() == (0, 0, 0)
    assert nx.read_gexf(io.BytesIO(export_bytes(corpus_store, "gexf", f))).number_of_nodes() == 0
    assert validate_graph(Graph().parse(data=export_bytes(corpus_store, "ttl", f), format="turtle")) == []


def test_role_and_type_filters_combine(corpus_store: OxigraphStore) -> None:
    f = DealFilter(deal_types=("invests_in",), roles=("ai_lab",))
    assert "role ai_lab" in f.describe() and "deal type invests_in" in f.describe()
    selection = select_deals(corpus_store, f)
    cards = {c.actor: c for c in queries.all_actors(corpus_store)}
    reports = [r for r in queries.deal_reports(corpus_store) if r.deal in selection.deals]
    assert reports
    for r in reports:
        assert r.predicate == "invests_in"
        assert "ai_lab" in {cards[r.subject].role, cards[r.object].role if r.object else None}


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        (
            {"start": dt.date(2025, 2, 1), "end": dt.date(2025, 1, 1)},
            "the filter's start 2025-02-01 is after its end 2025-01-01",
        ),
        ({"deal_types": ("owns",)}, "unknown deal type 'owns'; available deal types: acquires, "),
        ({"deal_types": ("works_for",)}, "unknown deal type 'works_for'"),
        ({"countries": ("uk",)}, "country 'uk' is not an ISO 3166-1 alpha-2 code"),
    ],
)
def test_bad_filters_are_refused_with_the_valid_values(kwargs: dict[str, object], message: str) -> None:
    with pytest.raises(FilterError, match="^" + re.escape(message)):
        DealFilter(**kwargs)  # type: ignore[arg-type]
    assert "works_for" not in DEAL_TYPES and "invests_in" in DEAL_TYPES
