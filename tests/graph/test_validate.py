"""SHACL: built graphs conform to graph/shapes.ttl, and broken ones are caught before writing."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

import graph.builder
from extract.records import Extraction
from graph.build import ArticleGraph, build_article_graph
from graph.builder import build_corpus, write_extraction
from graph.errors import BuildError
from graph.store import OxigraphStore
from graph.validate import validate_quads, validate_store
from graph.vocab import AIKG

CORPUS = Path(__file__).resolve().parents[2] / "corpus"


def test_the_sample_store_conforms(sample_store: OxigraphStore) -> None:
    assert validate_store(sample_store) == []


def test_a_strict_build_of_real_articles_conforms(tmp_path: Path, disk_store: OxigraphStore) -> None:
    for name in ("nvidia-openai-100b-loi-2025", "meta-constellation-clinton-ppa-2025"):
        shutil.copy(CORPUS / f"{name}.md", tmp_path / f"{name}.md")
    report = build_corpus([tmp_path], disk_store, strict=True)
    assert report.articles_built == 2
    assert validate_store(disk_store) == []


def test_missing_evidence_and_orphan_facts_are_violations(sample_extractions: tuple[Extraction, ...]) -> None:
    quads = build_article_graph(sample_extractions[0]).quads
    no_evidence = [q for q in quads if q[1] != AIKG.evidence]
    violations = validate_quads(no_evidence)
    assert len(violations) == 6  # one per report of article A
    assert all(v.startswith("id:report/") and " aikg:evidence: " in v for v in violations)
    no_reports = [q for q in quads if q[1] != AIKG.reports]
    assert any(v.endswith("a fact needs at least one report") for v in validate_quads(no_reports))


def test_strict_writing_refuses_a_graph_that_breaks_a_shape(
    disk_store: OxigraphStore, sample_extractions: tuple[Extraction, ...], monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(extraction: Extraction) -> ArticleGraph:
        built = build_article_graph(extraction)
        kept = tuple(q for q in built.article_quads if q[1] != AIKG.evidence)
        return ArticleGraph(built.article_id, built.graph, kept, built.actor_quads)

    monkeypatch.setattr(graph.builder, "build_article_graph", broken)
    with pytest.raises(BuildError, match=r"^a-nvidia-intel: 6 SHACL violation\(s\), first: id:report/"):
        write_extraction(disk_store, sample_extractions[0], validate=True)
    assert disk_store.article_hashes() == {}
    write_extraction(disk_store, sample_extractions[0])  # not validated: written as it is
    assert disk_store.article_hashes() == {"a-nvidia-intel": "hash-a-nvidia-intel"}
