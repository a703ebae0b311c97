"""`aikg add` end to end: the local fixture site in, corpus files and graph facts out."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from graph.cli import cli
from graph.store import open_store

from .conftest import FixtureSite

_INVESTS = (
    'SELECT ?o WHERE { ?s <http://www.w3.org/2000/01/rdf-schema#label> "Microsoft" ; '
    "<https://aikg.dev/ontology#investsIn> ?x . ?x <http://www.w3.org/2000/01/rdf-schema#label> ?o }"
)


def test_add_stores_articles_builds_them_and_reports_each_bad_source(
    site: FixtureSite, tmp_path: Path
) -> None:
    corpus, store = tmp_path / "corpus", tmp_path / "store"
    result = CliRunner().invoke(
        cli,
        [
            "add",
            site.url("/news/microsoft-sweden.html"),
            site.url("/syndication/microsoft-sweden-wire.html"),
            site.url("/missing"),
            site.url("/to-file"),
            "--corpus",
            str(corpus),
            "--store",
            str(store),
        ],
    )
    assert result.exit_code == 1  # two sources failed, after the others were added
    assert "1 added, 0 updated, 0 unchanged, 1 duplicate(s), 0 already known, 2 error(s)" in result.output
    assert "HTTP 404" in result.output
    assert "only http and https URLs are fetched" in result.output
    assert "built 1 of 1 articles" in result.output
    assert len(list(corpus.glob("*.md"))) == 1
    graph = open_store(store, read_only=True)
    try:
        invested = {str(r["o"]) for r in graph.query(_INVESTS).records()}
    finally:
        graph.close()
    assert "Sweden" in invested


def test_add_without_build_only_writes_the_corpus(site: FixtureSite, tmp_path: Path) -> None:
    corpus, store = tmp_path / "corpus", tmp_path / "store"
    result = CliRunner().invoke(
        cli,
        [
            "add",
            site.url("/news/microsoft-sweden.html"),
            "--corpus",
            str(corpus),
            "--store",
            str(store),
            "--no-build",
        ],
    )
    assert result.exit_code == 0, result.output
    assert len(list(corpus.glob("*.md"))) == 1
    assert not store.exists()
