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


def test_a_wire_copy_added_later_is_built_as_one_more_source(site: FixtureSite, tmp_path: Path) -> None:
    corpus, store = tmp_path / "corpus", tmp_path / "store"
    options = ["--corpus", str(corpus), "--store", str(store)]
    first = CliRunner().invoke(cli, ["add", site.url("/news/microsoft-sweden.html"), *options])
    assert first.exit_code == 0 and "built 1 of 1 articles" in first.output
    wire = site.url("/syndication/microsoft-sweden-wire.html")
    second = CliRunner().invoke(cli, ["add", wire, *options])
    assert second.exit_code == 0
    assert "0 added, 0 updated, 0 unchanged, 1 duplicate(s)" in second.output
    assert "built 1 of 1 articles (0 unchanged, 0 skipped)" in second.output  # the article, again
    again = CliRunner().invoke(cli, ["add", wire, *options])
    assert "1 duplicate(s)" in again.output and "built" not in again.output  # nothing new: no build
    graph = open_store(store, read_only=True)
    try:
        copies = graph.query(
            "PREFIX aikg: <https://aikg.dev/ontology#>\n"
            "SELECT ?url WHERE { ?a aikg:alsoPublishedAs/<https://schema.org/url> ?url }"
        ).records()
    finally:
        graph.close()
    assert [str(r["url"]) for r in copies] == [
        "https://balticbusiness.example/wire/2024/06/03/microsoft-sweden"
    ]
