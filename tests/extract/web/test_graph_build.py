"""From URLs to graph facts: pages and feeds added to a corpus, then built incrementally.

These tests run the full pipeline (the pinned spaCy model) over five short articles.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from extract.web.add import add_sources
from extract.web.fetch import HttpFetcher
from graph import queries as q
from graph.builder import build_corpus
from graph.iris import article_iri
from graph.queries import run_query
from graph.store import GraphStore, open_store

from .conftest import TEST_SETTINGS, FixtureSite


@pytest.fixture
def store() -> Iterator[GraphStore]:
    target = open_store("memory")
    try:
        yield target
    finally:
        target.close()


def facts(store: GraphStore, article_id: str) -> set[tuple[str, str, str | None, float | None]]:
    rows: list[dict[str, Any]] = run_query(store, "article_facts", article=article_iri(article_id)).records()
    return {
        (
            r["subjectLabel"],
            str(r["predicate"]),
            r["objectLabel"],
            None if r["usd"] is None else float(r["usd"]),
        )
        for r in rows
    }


def test_added_news_becomes_graph_facts_and_a_changed_article_replaces_them(
    site: FixtureSite, tmp_path: Path, store: GraphStore
) -> None:
    corpus = tmp_path / "corpus"
    site.oracle_version = 1
    with HttpFetcher(TEST_SETTINGS) as fetcher:
        report = add_sources(
            [
                site.url("/news/microsoft-sweden.html"),
                site.url("/syndication/microsoft-sweden-wire.html"),
                site.url("/feeds/atom.xml"),
                site.url("/news/oracle-malaysia.html"),
            ],
            corpus,
            fetcher=fetcher,
        )
        microsoft, aws, _equinix, oracle = report.ids("added")
        assert report.ids("duplicate") == [microsoft]
        built = build_corpus([corpus], store)
        assert (built.articles_seen, built.articles_built, built.articles_skipped) == (4, 4, [])

        ms_facts = facts(store, microsoft)
        assert ("Microsoft", "invests_in", "Sweden", 3.2e9) in ms_facts
        assert ("Amazon Web Services", "invests_in", "North Carolina", 1e10) in facts(store, aws)
        assert ("Oracle", "invests_in", "Malaysia", 5.6e9) in facts(store, oracle)

        site.oracle_version = 2
        try:
            update = add_sources([site.url("/news/oracle-malaysia.html")], corpus, fetcher=fetcher)
        finally:
            site.oracle_version = 1
    assert update.ids("updated") == [oracle]
    rebuilt = build_corpus([corpus], store)
    assert (rebuilt.articles_built, rebuilt.articles_unchanged) == (1, 3)
    new_facts = facts(store, oracle)
    assert ("Oracle", "invests_in", "Malaysia", 6.5e9) in new_facts
    assert not any(usd == 5.6e9 for *_, usd in new_facts)
    assert any(pred == "partners_with" and "YTL Power International" in (s, o) for s, pred, o, _ in new_facts)
    assert facts(store, microsoft) == ms_facts


def test_a_wire_copy_is_one_article_with_two_sources_in_the_graph(
    site: FixtureSite, tmp_path: Path, store: GraphStore
) -> None:
    corpus = tmp_path / "corpus"
    original = site.url("/news/microsoft-sweden.html")
    wire = site.url("/syndication/microsoft-sweden-wire.html")
    with HttpFetcher(TEST_SETTINGS) as fetcher:
        first = add_sources([original], corpus, fetcher=fetcher)
        (microsoft,) = first.ids("added")
        assert build_corpus([corpus], store).articles_built == 1
        facts_before = facts(store, microsoft)
        copy = add_sources([wire], corpus, fetcher=fetcher)
    assert copy.ids("duplicate") == [microsoft]
    assert [p.name for p in corpus.glob("*.md")] == [f"{microsoft}.md"]

    rebuilt = build_corpus([corpus], store)
    assert (rebuilt.articles_seen, rebuilt.articles_built, rebuilt.articles_unchanged) == (1, 1, 0)
    view = q.article(store, str(article_iri(microsoft)))
    assert view is not None
    assert (view.url, view.sources) == (
        "https://northernledger.example/tech/2024/06/03/microsoft-sweden-ai-investment",
        2,
    )
    assert [c.url for c in view.copies] == ["https://balticbusiness.example/wire/2024/06/03/microsoft-sweden"]
    assert facts(store, microsoft) == facts_before  # the same facts, now from two sources
    deals = q.multi_source_deals(store)
    sweden = [r for r in deals if (r.subject_label, r.object_label) == ("Microsoft", "Sweden")]
    assert ("invests_in", 2, 3.2e9) in {(r.predicate, r.sources, r.usd) for r in sweden}
    assert deals and {r.sources for r in deals} == {2}  # every deal of the article: both copies
    assert build_corpus([corpus], store).articles_built == 0
