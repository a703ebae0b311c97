"""The Streamlit app, page by page, with AppTest on stores built from real corpus articles."""

from __future__ import annotations

import html
import http.server
import io
import json
import re
import shutil
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import networkx as nx
import pytest
from streamlit.runtime.media_file_manager import MediaFileManager
from streamlit.testing.v1 import AppTest

from graph import queries
from graph.dealfilter import DealFilter
from graph.export import EXPORT_FORMATS
from graph.store import GraphStore, open_store
from graph.subgraph import select_deals
from ui.export import SCOPES

from .conftest import ARTICLES, EVIL_NAME, EVIL_TARGET, HOSTILE, Stores

RunApp = Callable[[Path], AppTest]
INGESTED = (
    "---\nid: live-oracle-malaysia\ntitle: Oracle bets on Malaysia\ndate: 2025-06-03\n---\n"
    "Oracle will invest $6.5 billion in Malaysia over the next ten years, the company said on "
    "Tuesday. The cloud region will be its first in the country.\n"
)


@pytest.fixture
def main_store(stores: Stores) -> Iterator[GraphStore]:
    """The main store, opened read-only for the expectations (the app opens it too)."""
    store = open_store(stores.main, read_only=True)
    yield store
    store.close()


def go(at: AppTest, page: str) -> AppTest:
    """Switch pages with the sidebar radio."""
    at.sidebar.radio(key="page").set_value(page).run()
    assert not at.exception, at.exception
    return at


def shown_text(at: AppTest) -> list[str]:
    """Every Markdown source the page renders: markdown, headings, captions, alerts, metrics."""
    out: list[str] = []
    for kind in (
        "markdown",
        "caption",
        "title",
        "header",
        "subheader",
        "error",
        "warning",
        "info",
        "success",
    ):
        out += [str(getattr(e, "value", "")) for e in at.get(kind)]
    out += [f"{m.label} {m.value}" for m in at.metric]
    return out


def html_body(at: AppTest, index: int = 0) -> str:
    """The body of the index-th st.html element (highlighted article text)."""
    return str(getattr(at.get("html")[index], "value", ""))


def network_page(at: AppTest) -> str:
    frames = at.get("iframe")
    assert len(frames) == 1, "the Explore page shows one network"
    return str(frames[0].proto.srcdoc)


def network_data(page: str) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """The vis DataSets of a pyvis page (nodes, edges)."""
    found = {
        name: json.loads(match)
        for name, match in re.findall(r"(nodes|edges) = new vis\.DataSet\((\[.*?\])\);", page)
    }
    return found["nodes"], found["edges"]


def unescape_md(text: str) -> str:
    """Markdown source with its backslash escapes removed: the text a reader sees."""
    return re.sub(r"\\(.)", r"\1", text)


def metrics(at: AppTest) -> dict[str, str]:
    return {m.label: str(m.value) for m in at.metric}


def actor_iri(store: GraphStore, name: str) -> str:
    hits = [h for h in queries.search_actors(store, name) if h.label == name]
    assert hits, f"{name} is not in the fixture store"
    return hits[0].actor


# --------------------------------------------------------------------------- overview


def test_overview_headline_matches_the_store(stores: Stores, main_store: GraphStore, run_app: RunApp) -> None:
    at = run_app(stores.main)
    assert not at.exception
    expected = queries.overview_counts(main_store)
    shown = metrics(at)
    assert shown["Articles"] == str(len(ARTICLES)) == str(expected.articles)
    assert shown["Actors"] == f"{expected.actors:,}"
    assert shown["Deals"] == f"{expected.deals:,}"
    assert shown["Total MW"] == f"{expected.total_mw:,.0f}"
    assert shown["Total USD"].startswith("$")
    assert len(at.get("vega_lite_chart")) == 4  # country bars, timeline, two top-actor charts
    assert len(at.get("deck_gl_json_chart")) == 1
    table = at.dataframe[0].value
    assert len(table) == expected.deals
    assert {"Investment USD by destination country", "Deals over time"} <= {s.value for s in at.subheader}


def test_overview_map_needs_no_base_map(stores: Stores, run_app: RunApp) -> None:
    at = run_app(stores.main)
    spec = json.loads(at.get("deck_gl_json_chart")[0].proto.json)
    assert spec["views"][0]["@@type"] == "OrthographicView"
    assert "mapStyle" not in spec
    countries = {p["country"] for p in spec["layers"][1]["data"]}
    assert "United Kingdom" in countries


def test_overview_deal_type_filter_applies_to_every_figure(stores: Stores, run_app: RunApp) -> None:
    at = run_app(stores.main)
    total = int(metrics(at)["Deals"])
    at.sidebar.multiselect(key="f_types").set_value(["invests_in"]).run()
    assert not at.exception
    table = at.dataframe[0].value
    assert set(table["type"]) == {"invests in"}
    assert 0 < int(metrics(at)["Deals"]) == len(table) < total
    assert any("Filtered" in c.value for c in at.caption)


def test_overview_country_and_date_filters(stores: Stores, run_app: RunApp) -> None:
    at = run_app(stores.main)
    at.sidebar.multiselect(key="f_countries").set_value(["GB"]).run()
    table = at.dataframe[0].value
    assert not at.exception
    assert ("Amazon Web Services", "United Kingdom") in set(
        zip(table["subject"], table["object"], strict=True)
    )
    assert "Germany" not in set(table["object"])
    at.sidebar.multiselect(key="f_countries").set_value([]).run()
    every = [d for d in at.dataframe[0].value["date"] if d is not None]
    days = sorted(set(every))
    assert len(days) >= 2, "the fixture's deals were first reported on two days or more"
    # From the second day on, to the last day but one when there are three or more: the widget
    # refuses dates outside the deals' own range, so the window is taken from the data.
    start, end = days[1], (days[-2] if len(days) > 2 else days[-1])
    picker = at.sidebar.date_input(key="f_dates")
    assert picker.min == days[0] and picker.max >= days[-1]
    picker.set_value((start, end))
    at.run()
    dates = [d for d in at.dataframe[0].value["date"] if d is not None]
    assert dates
    assert all(start <= d <= end for d in dates)
    assert len(dates) < len(every), "the deals of the first day are filtered out"


def test_overview_role_filter(stores: Stores, run_app: RunApp) -> None:
    at = run_app(stores.main)
    roles = at.sidebar.multiselect(key="f_roles").options
    assert "hyperscaler" in roles
    total = int(metrics(at)["Deals"])
    at.sidebar.multiselect(key="f_roles").set_value(["hyperscaler"]).run()
    assert not at.exception
    assert 0 < int(metrics(at)["Deals"]) <= total


# --------------------------------------------------------------------------- explore


def test_explore_fuzzy_search_finds_an_actor_despite_typos(
    stores: Stores, main_store: GraphStore, run_app: RunApp
) -> None:
    at = go(run_app(stores.main), "Explore")
    aws = actor_iri(main_store, "Amazon Web Services")
    at.text_input(key="actor_search").set_value("Amazn Web Servces").run()
    assert not at.exception
    assert at.selectbox[0].value == aws
    assert at.subheader[0].value == "Amazon Web Services"
    shown = metrics(at)
    assert shown["Type"] == "Company"
    assert shown["Role"] == "hyperscaler"
    at.text_input(key="actor_search").set_value("aws").run()
    assert at.selectbox[0].value == aws, "aliases are searched too"
    assert any("Also known as" in m.value and "AWS" in m.value for m in at.markdown)


def test_explore_card_links_wikidata(stores: Stores, main_store: GraphStore, run_app: RunApp) -> None:
    at = go(run_app(stores.main), "Explore")
    at.text_input(key="actor_search").set_value("Microsoft").run()
    card = queries.actor_card(main_store, actor_iri(main_store, "Microsoft"))
    assert card is not None and card.wikidata
    qid = card.wikidata.rsplit("/", 1)[-1]
    assert any(f"(https://www.wikidata.org/wiki/{qid})" in m.value for m in at.markdown)


def test_explore_network_shows_the_neighbours_with_physics_off(
    stores: Stores, main_store: GraphStore, run_app: RunApp
) -> None:
    at = go(run_app(stores.main), "Explore")
    at.text_input(key="actor_search").set_value("Amazon Web Services").run()
    page = network_page(at)
    nodes, edges = network_data(page)
    labels = {n["label"] for n in nodes}
    assert {"Amazon Web Services", "United Kingdom"} <= labels
    assert all("x" in n and "y" in n for n in nodes), "the layout is precomputed"
    assert '"physics": {"enabled": false}' in page
    assert {e["label"] for e in edges} >= {"invests in"}
    assert "https://cdn" not in page and "<h1>" not in page
    ego = queries.ego_network(main_store, actor_iri(main_store, "Amazon Web Services"))
    assert any(c.value == f"showing {len(nodes)} of {len(ego.nodes)} actors" for c in at.caption)


def test_explore_node_cap_says_how_many_are_shown(stores: Stores, run_app: RunApp) -> None:
    at = go(run_app(stores.main), "Explore")
    at.text_input(key="actor_search").set_value("Microsoft").run()
    at.radio(key="ego_depth").set_value(2).run()
    at.slider(key="ego_cap").set_value(5).run()
    assert not at.exception
    nodes, _ = network_data(network_page(at))
    assert len(nodes) == 5
    note = next(c.value for c in at.caption if c.value.startswith("showing"))
    shown, total = map(int, re.findall(r"\d+", note))
    assert shown == 5 < total


def test_explore_deals_table_and_article_with_highlighted_evidence(
    stores: Stores, main_store: GraphStore, run_app: RunApp
) -> None:
    at = go(run_app(stores.main), "Explore")
    at.text_input(key="actor_search").set_value("Amazon Web Services").run()
    aws = actor_iri(main_store, "Amazon Web Services")
    facts = queries.actor_facts(main_store, aws)
    table = at.dataframe[0].value
    assert len(table) == len(facts)
    assert {"deal type", "USD", "date", "status", "confidence", "evidence", "source"} <= set(table.columns)
    assert "United Kingdom" in set(table["other party"])
    pick = next(i for i, f in enumerate(facts) if f.other_label == "United Kingdom")
    at.selectbox(key=f"fact_pick::{aws}").set_value(pick).run()
    assert not at.exception
    body = html_body(at)
    evidence = html.escape(facts[pick].evidence)
    assert re.search(r"<mark[^>]*>" + re.escape(evidence) + "</mark>", body)
    assert "London" in body, "the whole article is shown around the sentence"
    view = queries.article(main_store, facts[pick].article)
    assert view is not None
    assert any(unescape_md(m.value) == f"**{view.title}**" for m in at.markdown)


def test_explore_says_when_the_deals_table_keeps_only_the_newest_reports(
    stores: Stores, main_store: GraphStore, run_app: RunApp, monkeypatch: pytest.MonkeyPatch
) -> None:
    aws = actor_iri(main_store, "Amazon Web Services")
    shown = len(queries.actor_facts(main_store, aws))
    at = go(run_app(stores.main), "Explore")
    at.text_input(key="actor_search").set_value("Amazon Web Services").run()
    assert not [c for c in at.caption if "newest reports" in c.value]  # all of them are shown
    monkeypatch.setattr("ui.explore.LISTED", shown)  # as if the query had kept this many
    at.run()
    card = queries.actor_card(main_store, aws)
    assert card is not None
    said = [c.value for c in at.caption if "newest reports" in c.value]
    assert said == [
        f"The {shown} newest reports of this actor's {card.facts:,} facts. "
        "Every report is in the exports (Export page, or `aikg export`)."
    ]


# --------------------------------------------------------------------------- sparql


def test_sparql_runs_a_shipped_query(stores: Stores, main_store: GraphStore, run_app: RunApp) -> None:
    at = go(run_app(stores.main), "SPARQL")
    at.selectbox(key="sparql_pick").set_value("top_investors").run()
    assert "US-dollar total" in unescape_md(at.caption[0].value)
    assert str(at.text_area(key="sparql_text::top_investors").value).startswith("# title:")
    at.button(key="sparql_run").click().run()
    assert not at.exception
    table = at.dataframe[0].value
    expected = queries.top_investors(main_store, limit=1000)
    assert list(table["investorLabel"]) == [r.investor_label for r in expected]
    assert [b.label for b in at.download_button] == ["Download CSV", "Download JSON"]


def test_sparql_binds_a_parameter(stores: Stores, main_store: GraphStore, run_app: RunApp) -> None:
    at = go(run_app(stores.main), "SPARQL")
    at.selectbox(key="sparql_pick").set_value("actor_facts").run()
    aws = actor_iri(main_store, "Amazon Web Services")
    at.selectbox(key="param::actor_facts::actor").set_value(aws).run()
    at.button(key="sparql_run").click().run()
    table = at.dataframe[0].value
    assert len(table) == len(queries.actor_facts(main_store, aws)) > 0


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("DELETE WHERE { ?s ?p ?o }", "query refused"),
        ("SELECT * WHERE { SERVICE <http://evil.example/sparql> { ?s ?p ?o } }", "SERVICE"),
        ("SELECT ?x WHERE { ?x", "invalid SPARQL"),
    ],
)
def test_sparql_shows_a_clear_error(
    stores: Stores, main_store: GraphStore, run_app: RunApp, query: str, message: str
) -> None:
    before = queries.overview_counts(main_store)
    at = go(run_app(stores.main), "SPARQL")
    at.text_area(key=f"sparql_text::{at.selectbox(key='sparql_pick').value}").set_value(query)
    at.button(key="sparql_run").click().run()
    assert not at.exception
    assert len(at.error) == 1
    assert message in unescape_md(at.error[0].value)
    assert not at.dataframe
    assert queries.overview_counts(main_store) == before


def test_sparql_row_cap_and_time_limit(
    stores: Stores, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, run_app: RunApp
) -> None:
    limited = tmp_path / "limited"
    shutil.copytree(stores.main, limited)
    monkeypatch.setenv("AIKG_MAX_ROWS", "3")
    monkeypatch.setenv("AIKG_QUERY_TIMEOUT", "0.2")
    monkeypatch.setenv("AIKG_QUERY_MEMORY", "1500")
    at = go(run_app(limited), "SPARQL")
    assert any("at most 0.2 s, 3 rows and 1500 MB of memory" in c.value for c in at.caption)
    at.selectbox(key="sparql_pick").set_value("actor_card").run()
    at.button(key="sparql_run").click().run()
    assert len(at.dataframe[0].value) == 3
    assert any("cut at the row cap" in c.value for c in at.caption)
    slow = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?a ?x ?y }"
    at.text_area(key="sparql_text::actor_card").set_value(slow)
    at.button(key="sparql_run").click().run()
    assert not at.exception
    assert "stopped after the 0.2 s time limit" in unescape_md(at.error[0].value)


# --------------------------------------------------------------------------- ingest


def test_ingest_pasted_article_then_see_it_everywhere(stores: Stores, run_app: RunApp) -> None:
    at = run_app(stores.ingest)
    articles = int(metrics(at)["Articles"])
    go(at, "Ingest")
    at.text_area(key="ingest_text").set_value(INGESTED)
    at.button(key="ingest_extract").click().run()
    assert not at.exception
    relations = at.dataframe[0].value
    assert ("Oracle", "invests in", "Malaysia") in set(
        zip(relations["subject"], relations["deal type"], relations["object"], strict=True)
    )
    preview = html_body(at)
    assert re.search(r"<mark[^>]*>Oracle<span[^>]*>Company</span></mark>", preview)
    assert re.search(r"<mark[^>]*>\$6\.5 billion<span[^>]*>MONEY</span></mark>", preview)
    assert metrics(at)["Relations"] == "1"
    at.button(key="ingest_add").click().run()
    assert not at.exception
    assert "Added article live-oracle-malaysia" in unescape_md(at.success[0].value)

    at.button(key="ingest_explore").click().run()
    assert at.sidebar.radio(key="page").value == "Explore"
    assert at.subheader[0].value == "Oracle"
    go(at, "Overview")
    assert int(metrics(at)["Articles"]) == articles + 1
    go(at, "Explore")
    at.text_input(key="actor_search").set_value("Oracle").run()
    assert at.subheader[0].value == "Oracle"
    facts = at.dataframe[0].value
    assert ("invests in", "Malaysia") in set(zip(facts["deal type"], facts["other party"], strict=True))
    assert "Oracle" in {n["label"] for n in network_data(network_page(at))[0]}
    body = html_body(at)
    assert "<mark" in body and "Oracle will invest $6.5 billion in Malaysia" in body


def test_ingest_uploaded_html_is_reduced_to_text(stores: Stores, run_app: RunApp) -> None:
    page = (
        "<html><head><title>Oracle bets on Malaysia</title><script>var x = 1;</script></head>"
        "<body><nav>Home | World</nav><article><h1>Oracle bets on Malaysia</h1>"
        "<p>Oracle will invest $6.5 billion in Malaysia over the next ten years, the company "
        "said on Tuesday. The cloud region will be its first in the country.</p>"
        "<p>The investment adds to a wave of data-center spending in Johor.</p>"
        "</article></body></html>"
    )
    at = go(run_app(stores.main), "Ingest")
    at.file_uploader(key="ingest_file").set_value(("oracle.html", page.encode(), "text/html"))
    at.button(key="ingest_extract").click().run()
    assert not at.exception
    preview = html_body(at)
    assert "var x" not in preview and "&lt;p&gt;" not in preview
    assert "bets on" in preview, "the title is kept"
    assert "a wave of data-center spending" in preview
    assert "Oracle" in set(at.dataframe[0].value["subject"])


def test_ingest_empty_text_is_a_clear_error(stores: Stores, run_app: RunApp) -> None:
    at = go(run_app(stores.main), "Ingest")
    at.button(key="ingest_extract").click().run()
    assert not at.exception
    assert "nothing to read" in at.error[0].value


# --------------------------------------------------------------------------- export


def test_export_offers_every_format(stores: Stores, run_app: RunApp) -> None:
    at = go(run_app(stores.main), "Export")
    buttons = at.download_button
    assert [b.label for b in buttons] == [fmt.upper() for fmt in EXPORT_FORMATS]
    assert all(b.proto.deferred_file_id for b in buttons), "built on demand, not on every run"
    assert [unescape_md(c.value) for c in at.main.caption][1:] == list(EXPORT_FORMATS.values())


@pytest.fixture
def deferred_downloads(monkeypatch: pytest.MonkeyPatch) -> dict[str, Callable[[], Any]]:
    """The data callables of the download buttons the app registers, by file name."""
    registered: dict[str, Callable[[], Any]] = {}
    original = MediaFileManager.add_deferred

    def add_deferred(self: MediaFileManager, data_callable: Callable[[], Any], *a: Any, **kw: Any) -> str:
        file_name = kw.get("file_name", a[2] if len(a) > 2 else None)
        registered[str(file_name)] = data_callable
        return original(self, data_callable, *a, **kw)

    monkeypatch.setattr(MediaFileManager, "add_deferred", add_deferred)
    return registered


def test_export_current_filter_counts_and_downloads_the_filtered_graph(
    stores: Stores,
    run_app: RunApp,
    main_store: GraphStore,
    deferred_downloads: dict[str, Callable[[], Any]],
) -> None:
    at = run_app(stores.main)
    at.sidebar.multiselect(key="f_countries").set_value(["GB"]).run()
    at = go(at, "Export")
    assert at.sidebar.multiselect(key="f_countries").value == ["GB"], "the Overview's filter carries over"
    at.radio(key="export_scope").set_value(SCOPES[1]).run()
    assert not at.exception
    expected = select_deals(main_store, DealFilter(countries=("GB",)))
    deals, actors, articles = expected.counts()
    assert 0 < deals < len(select_deals(main_store, DealFilter()).deals)
    assert metrics(at) == {"Deals": str(deals), "Actors": str(actors), "Articles": str(articles)}
    assert "**Filter:** country GB" in [unescape_md(t) for t in shown_text(at)]
    gexf = nx.read_gexf(io.BytesIO(deferred_downloads["aikg-filtered.gexf"]()))
    assert set(gexf.nodes()) == set(expected.actors)
    labels = {str(a["label"]) for _n, a in gexf.nodes(data=True)}
    assert "Amazon Web Services" in labels and "OpenAI" not in labels
    at.radio(key="export_scope").set_value(SCOPES[0]).run()
    whole = nx.read_gexf(io.BytesIO(deferred_downloads["aikg.gexf"]()))
    assert "OpenAI" in {str(a["label"]) for _n, a in whole.nodes(data=True)}


# --------------------------------------------------------------------------- store errors


def test_missing_store_is_a_clear_error(tmp_path: Path, run_app: RunApp) -> None:
    at = run_app(tmp_path / "nowhere")
    assert not at.exception
    assert "run \\`aikg build\\` first" in at.error[0].value
    assert not at.sidebar.radio


def test_store_locked_by_a_build_is_a_clear_error(tmp_path: Path, run_app: RunApp) -> None:
    folder = tmp_path / "busy"
    builder = open_store(folder)
    try:
        at = run_app(folder)
    finally:
        builder.close()
    assert not at.exception
    assert "lock" in at.error[0].value


# --------------------------------------------------------------------------- hostile text


def _assert_no_markup(texts: list[str], *, markdown: bool = True) -> None:
    """None of the hostile strings is in the texts (in HTML, a Markdown link is plain text)."""
    checked = HOSTILE if markdown else HOSTILE[:2]
    for text in texts:
        for bad in checked:
            assert bad not in text, f"{bad!r} reached the page as markup: {text[:300]!r}"


def test_hostile_names_are_escaped_in_explore(stores: Stores, run_app: RunApp) -> None:
    at = go(run_app(stores.hostile), "Explore")
    at.text_input(key="actor_search").set_value("Evil").run()
    assert not at.exception
    _assert_no_markup(shown_text(at))
    assert any("alert\\(1\\)" in s.value for s in at.subheader), "the name is shown, escaped"

    page = network_page(at)
    _assert_no_markup([page], markdown=False)
    nodes, edges = network_data(page)
    by_label = {n["label"]: n for n in nodes}
    evil = by_label["Evil &lt;script>alert(1)&lt;/script> Corp"]
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in evil["title"]
    target = next(n for n in nodes if n["label"].endswith("Holdings"))
    assert html.escape(EVIL_TARGET) in target["title"]
    for item in [*nodes, *edges]:
        _assert_no_markup([item["title"], item["label"]], markdown=False)
        assert "href" not in item["title"]

    body = html_body(at)
    _assert_no_markup([body], markdown=False)
    assert html.escape(EVIL_NAME) in body and "<mark" in body


def test_hostile_article_title_and_tables(stores: Stores, run_app: RunApp) -> None:
    at = run_app(stores.hostile)
    _assert_no_markup(shown_text(at))
    table = at.dataframe[0].value
    assert EVIL_NAME in set(table["subject"]), "tables show the raw text (never rendered)"
    go(at, "SPARQL")
    at.selectbox(key="sparql_pick").set_value("search_actors").run()
    at.text_input(key="param::search_actors::text").set_value("evil").run()
    at.button(key="sparql_run").click().run()
    assert set(at.dataframe[0].value["label"]) == {EVIL_NAME, EVIL_TARGET}
    _assert_no_markup(shown_text(at))


def test_hostile_pasted_article_preview_is_escaped(stores: Stores, run_app: RunApp) -> None:
    text = (
        f"Title {HOSTILE[0]}\n\n{EVIL_NAME} said it will invest $5 billion in France. "
        f"Nvidia will supply {HOSTILE[1]} chips to {HOSTILE[2]} Ltd."
    )
    at = go(run_app(stores.main), "Ingest")
    at.text_area(key="ingest_text").set_value(text)
    at.text_input(key="ingest_id").set_value(f"x{HOSTILE[0]}")
    at.button(key="ingest_extract").click().run()
    assert not at.exception
    _assert_no_markup(shown_text(at))
    preview = html_body(at)
    _assert_no_markup([preview], markdown=False)
    assert "&lt;img src=x onerror=alert(1)&gt;" in preview
    assert html.escape(HOSTILE[2]) in preview


class _OnePage(http.server.BaseHTTPRequestHandler):
    """Serves one news page at /oracle.html (and 404 elsewhere, robots.txt included)."""

    PAGE = (
        b"<html><head><title>Oracle bets on Malaysia</title>"
        b'<meta property="og:site_name" content="The Test Ledger">'
        b'<meta name="date" content="2024-10-02"></head><body><nav>Home | World</nav><article>'
        b"<h1>Oracle bets on Malaysia</h1><p>Oracle will invest $6.5 billion in Malaysia over the "
        b"next ten years, the company said on Tuesday, adding a cloud region in the country.</p>"
        b"<p>The investment adds to a wave of data-center spending in Johor, Malaysia.</p>"
        b"</article></body></html>"
    )

    def do_GET(self) -> None:
        found = self.path == "/oracle.html"
        body = self.PAGE if found else b"not found"
        self.send_response(200 if found else 404)
        self.send_header("Content-Type", "text/html; charset=utf-8" if found else "text/plain")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        """Quiet."""


@pytest.fixture
def page_url() -> Iterator[str]:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _OnePage)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/oracle.html"
    server.shutdown()
    server.server_close()
    thread.join()


def test_ingest_reads_an_article_from_a_url(
    stores: Stores, run_app: RunApp, page_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    from extract.web import FetchSettings
    from ui import ingest

    # The app refuses this machine's own addresses; this test's page lives on 127.0.0.1.
    monkeypatch.setattr(ingest, "FETCH_SETTINGS", FetchSettings(public_only=False, min_interval_s=0.0))
    at = go(run_app(stores.main), "Ingest")
    at.text_input(key="ingest_url").set_value(page_url)
    at.button(key="ingest_extract").click().run()
    assert not at.exception
    preview = html_body(at)
    assert "Home | World" not in preview
    assert "a wave of data-center spending" in preview
    assert ("Oracle", "invests in", "Malaysia") in set(
        zip(
            at.dataframe[0].value["subject"],
            at.dataframe[0].value["deal type"],
            at.dataframe[0].value["object"],
            strict=True,
        )
    )


def test_ingest_refuses_urls_on_this_machine(stores: Stores, run_app: RunApp, page_url: str) -> None:
    at = go(run_app(stores.main), "Ingest")
    at.text_input(key="ingest_url").set_value(page_url)
    at.button(key="ingest_extract").click().run()
    assert not at.exception
    assert at.error, "a URL on 127.0.0.1 must be refused by the app"
