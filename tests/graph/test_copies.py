"""Copies of one article in the graph: copy nodes, one set of facts, every copy a source.

Both ways of reaching one text twice end in the same model: a second corpus file with the same
text, and a wire copy that ``aikg add`` recorded in the corpus folder's source index. The build
tests run the pinned spaCy model over real corpus articles into an on-disk Oxigraph store.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from rdflib import Literal, URIRef

from extract.corpus import read_article
from extract.records import Article, Copy, Extraction
from extract.web.drafts import Draft
from extract.web.store_corpus import CorpusStore
from graph import iris
from graph import queries as q
from graph.build import build_article_graph
from graph.builder import build_corpus
from graph.nquads import date_literal, string_literal
from graph.rows import ArticleCopy
from graph.store import GraphStore, open_store
from graph.validate import validate_quads, validate_store
from graph.vocab import AIKG, DCTERMS, PROV, RDF, SDO

CORPUS = Path(__file__).resolve().parents[2] / "corpus"
NAME = "microsoft-constellation-crane-restart-2024.md"
OTHER = "amazon-talen-susquehanna-2025.md"
WIRE = Copy(
    url="https://wire.example/crane",
    publisher="Wire",
    date=dt.date(2024, 9, 21),
    title="Crane restart",
    source="https://wire.example/rss",
)


@pytest.fixture
def store(tmp_path: Path) -> Iterator[GraphStore]:
    target = open_store(tmp_path / "store")
    try:
        yield target
    finally:
        target.close()


def write_twin(path: Path) -> None:
    """NAME's body under another id, title, publisher and URL (upper case: normalised away)."""
    body = read_article(CORPUS / NAME).text
    path.write_text(
        "---\nid: wire-copy\ntitle: Wire copy\ndate: 2024-09-21\npublisher: Wire B\n"
        f"url: https://wire-b.example/crane\n---\n{body.upper()}\n",
        encoding="utf-8",
    )


def fact_set(store: GraphStore, article_id: str) -> set[tuple[str, str, int, int]]:
    view = q.article(store, str(iris.article_iri(article_id)))
    assert view is not None
    return {(f.fact, f.evidence, f.start, f.end) for f in view.facts}


def test_each_copy_is_a_node_of_the_articles_description() -> None:
    tricky = Copy(url="https://bad example/x", id="second-file")
    article = Article("t1", "T", "Text.", content_hash="h", copies=(WIRE, tricky))
    graph = build_article_graph(Extraction(article))
    triples = {(s, p, o) for s, p, o, _ in graph.article_quads}
    node = iris.article_iri("t1")
    wire = iris.copy_iri("t1", WIRE.to_json())
    second = iris.copy_iri("t1", {"id": "second-file"})
    assert {(node, AIKG.alsoPublishedAs, wire), (node, AIKG.alsoPublishedAs, second)} <= triples
    assert {
        (wire, RDF.type, AIKG.ArticleCopy),
        (wire, PROV.alternateOf, node),
        (wire, SDO.url, URIRef("https://wire.example/crane")),
        (wire, DCTERMS.publisher, string_literal("Wire")),
        (wire, DCTERMS.date, date_literal(dt.date(2024, 9, 21))),
        (wire, DCTERMS.title, string_literal("Crane restart")),
        (wire, DCTERMS.source, string_literal("https://wire.example/rss")),
        (second, DCTERMS.identifier, Literal("second-file")),
    } <= triples
    assert not any(s == second and p == SDO.url for s, p, _ in triples)
    assert graph.warnings == ("t1: dropped copy url 'https://bad example/x': not a valid absolute IRI",)
    assert validate_quads(graph.quads) == []
    # the IRI is the URL's: learning the copy's publisher later keeps the node
    assert iris.copy_iri("t1", {"url": WIRE.url}) == wire
    assert build_article_graph(Extraction(article)).to_nquads() == graph.to_nquads()


def test_the_same_text_under_two_ids_is_one_set_of_facts_with_two_sources(
    tmp_path: Path, store: GraphStore
) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    shutil.copy(CORPUS / NAME, corpus / "a.md")
    write_twin(corpus / "b.md")
    report = build_corpus([corpus], store)
    assert (report.articles_seen, report.articles_built, report.articles_skipped) == (2, 1, [])
    assert report.same_text == [(str(corpus / "b.md"), str(corpus / "a.md"))]
    assert "1 copy of another" in report.summary()
    original = read_article(corpus / "a.md").id
    assert set(store.article_hashes()) == {original}

    view = q.article(store, str(iris.article_iri(original)))
    assert view is not None and view.sources == 2
    assert [(c.id, c.url, c.publisher, c.title, c.date) for c in view.copies] == [
        ("wire-copy", "https://wire-b.example/crane", "Wire B", "Wire copy", dt.date(2024, 9, 21))
    ]
    assert validate_store(store) == []  # the SHACL shapes, copies included
    deals = {r.deal: r.sources for r in q.multi_source_deals(store)}
    reported = {fact for fact, *_ in fact_set(store, original)}
    assert deals and set(deals) <= reported and set(deals.values()) == {2}

    alone = open_store(tmp_path / "alone")
    try:
        build_corpus([corpus / "a.md"], alone)
        assert fact_set(alone, original) == fact_set(store, original)  # the same facts, once
    finally:
        alone.close()


def test_a_file_built_before_becomes_a_copy_and_back(tmp_path: Path, store: GraphStore) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    write_twin(corpus / "b.md")
    assert build_corpus([corpus], store).articles_built == 1
    assert set(store.article_hashes()) == {"wire-copy"}

    shutil.copy(CORPUS / NAME, corpus / "a.md")  # sorts first: the original from now on
    original = read_article(corpus / "a.md").id
    again = build_corpus([corpus], store)
    assert (again.articles_built, again.articles_unchanged) == (1, 0)
    assert set(store.article_hashes()) == {original}  # the copy's own article graph is gone
    assert q.article(store, str(iris.article_iri("wire-copy"))) is None

    (corpus / "b.md").write_text("---\nid: wire-copy\n---\nNvidia opens an office in Taipei.\n", "utf-8")
    split = build_corpus([corpus], store)
    assert (split.articles_built, split.same_text) == (2, [])  # a lost its copy, b is itself again
    view = q.article(store, str(iris.article_iri(original)))
    assert view is not None and view.copies == ()


def test_a_newly_recorded_copy_rebuilds_that_article_only(tmp_path: Path, store: GraphStore) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for name in (NAME, OTHER):
        shutil.copy(CORPUS / name, corpus / name)
    assert build_corpus([corpus], store).articles_built == 2
    stored = read_article(corpus / NAME)
    facts_before = fact_set(store, stored.id)

    wire = Draft(
        title=WIRE.title or "",
        text=stored.text,
        date=WIRE.date,
        publisher=WIRE.publisher,
        url=WIRE.url,
        source=WIRE.source,
    )
    assert CorpusStore(corpus).save(wire).status == "duplicate"
    rebuilt = build_corpus([corpus], store)
    assert (rebuilt.articles_built, rebuilt.articles_unchanged) == (1, 1)
    view = q.article(store, str(iris.article_iri(stored.id)))
    assert view is not None
    assert [dataclasses.replace(c, article="", copy="") for c in view.copies] == [
        ArticleCopy("", "", WIRE.url, WIRE.publisher, WIRE.date, WIRE.title, None)
    ]
    assert fact_set(store, stored.id) == facts_before
    assert {r.sources for r in q.multi_source_deals(store)} == {2}
    assert build_corpus([corpus], store).articles_built == 0  # recorded once, built once
