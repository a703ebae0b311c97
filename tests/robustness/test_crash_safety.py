"""Crash safety: a build killed with SIGKILL leaves whole articles only, and the next build finishes.

Each article is written in one SPARQL update, one transaction: the store holds the state before
the build plus whole articles, never part of one. Readers keep seeing the last finished build.
"""

from __future__ import annotations

import signal
from collections.abc import Callable
from pathlib import Path

from extract.corpus import read_article
from extract.pipeline import extract_article
from graph.builder import build_corpus, write_extraction
from graph.store import GraphStore, OxigraphStore, open_store

from .conftest import aikg


def stable(store: GraphStore) -> list[str]:
    """The dataset as sorted N-Quads lines, without build times (they differ between builds)."""
    lines = store.dump("nq").decode("utf-8").splitlines()
    return sorted(line for line in lines if "generatedAtTime" not in line)


def test_a_killed_build_leaves_whole_articles_and_the_next_build_finishes(
    tmp_path: Path, corpus_copy: Callable[[int, int], Path]
) -> None:
    corpus = corpus_copy(0, 3)
    first = sorted(corpus.iterdir())
    location = tmp_path / "store"
    with OxigraphStore(location) as store:
        build_corpus([corpus], store)
        before = stable(store)
    corpus_copy(3, 12)  # nine more articles for the build that will be killed

    build = aikg("build", str(corpus), "--store", str(location), "-v")
    assert build.stderr is not None
    reported, lines = [], []
    for line in build.stderr:
        lines.append(line)
        if line.startswith("written ["):
            reported.append(line.split()[-1])
            if len(reported) == 3:
                build.send_signal(signal.SIGKILL)
                break
    build.wait(timeout=120)
    build.stderr.close()
    assert build.returncode == -signal.SIGKILL, f"the build ended before it was killed: {lines}"

    reader = open_store(location, read_only=True)  # readers see the last finished build
    assert stable(reader) == before
    reader.close()

    with OxigraphStore(location) as killed:  # opening replays the write-ahead log, as after a crash
        added = sorted(set(killed.article_hashes()) - {p.stem for p in first})
        after_kill = stable(killed)
    assert set(reported) <= set(added)
    assert len(added) < 9, "every article was written: the kill came too late to test anything"
    expected = OxigraphStore(None)  # the finished build, then each added article whole
    build_corpus(first, expected)
    for doc_id in added:
        write_extraction(expected, extract_article(read_article(corpus / f"{doc_id}.md")))
    assert after_kill == stable(expected)

    with OxigraphStore(location) as store:
        report = build_corpus([corpus], store)
        finished = stable(store)
    assert (report.articles_built, report.articles_unchanged) == (9 - len(added), 3 + len(added))
    fresh = OxigraphStore(None)
    build_corpus([corpus], fresh)
    assert finished == stable(fresh)
    assert stable(open_store(location, read_only=True)) == finished
