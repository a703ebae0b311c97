"""Concurrency: readers during a build see a consistent graph and no errors; two builds never mix.

Readers (the app, `aikg query`, exports) open the newest snapshot a finished build published, so
while a build writes they see the graph as it was before that build, and after it the new one:
never a state in between, never an error. A second build on the same store is refused.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import astuple
from pathlib import Path

from click.testing import CliRunner

from graph import queries
from graph.builder import build_corpus, count_store
from graph.cli import cli
from graph.store import GraphStore, OxigraphStore, open_store

from .conftest import aikg

State = tuple[tuple[int, ...], tuple[float, ...], int]


def state(store: GraphStore) -> State:
    """What the app's overview shows, plus the store's own counts and the ranking's length."""
    return (
        astuple(count_store(store)),
        astuple(queries.overview_counts(store)),
        len(queries.top_investors(store)),
    )


def read_once(location: Path) -> State:
    reader = open_store(location, read_only=True)
    try:
        return state(reader)
    finally:
        reader.close()


def test_readers_during_a_build_see_a_finished_graph_and_a_second_build_is_refused(
    tmp_path: Path, corpus_copy: Callable[[int, int], Path]
) -> None:
    corpus = corpus_copy(0, 3)
    location = tmp_path / "store"
    with OxigraphStore(location) as store:
        build_corpus([corpus], store)
    before = read_once(location)
    long_lived = open_store(location, read_only=True)  # like the app's cached store
    corpus_copy(3, 18)

    build = aikg("build", str(corpus), "--store", str(location), "-v")
    stderr: list[str] = []
    reading = threading.Thread(target=lambda: stderr.extend(build.stderr or ()), daemon=True)
    reading.start()
    seen: list[State] = []
    errors: list[str] = []
    second = None
    while build.poll() is None:
        if second is None and any(line.startswith("written [") for line in stderr):
            second = CliRunner().invoke(cli, ["build", str(corpus), "--store", str(location)])
        try:
            seen.append(read_once(location))
            seen.append(state(long_lived))
        except Exception as exc:  # any error a reader meets fails the test
            errors.append(repr(exc))
    reading.join(timeout=60)
    if build.stderr is not None:
        build.stderr.close()
    after = read_once(location)

    assert build.returncode == 0, "".join(stderr)
    assert errors == []
    assert len(seen) >= 10
    assert set(seen) <= {before, after}
    assert seen[0] == before and after != before
    assert state(long_lived) == before  # an open reader keeps its snapshot,
    assert long_lived.is_stale()  # and knows a newer one is there
    long_lived.close()
    assert not open_store(location, read_only=True).is_stale()
    assert second is not None, "the build finished before a second one could be tried"
    assert second.exit_code == 1
    assert second.stderr == (
        f"Error: store {location}: another aikg process holds its lock {location / 'aikg.lock'} "
        "(a build, or `aikg serve`); wait for it to finish\n"
    )
    with OxigraphStore(location) as store:  # and nothing of the refused build got in
        assert set(store.article_hashes()) == {p.stem for p in corpus.iterdir()}


def test_old_snapshots_are_removed_unless_a_reader_holds_them(tmp_path: Path) -> None:
    location = tmp_path / "store"
    for n in range(3):
        with OxigraphStore(location) as store:
            store.update(f"INSERT DATA {{ GRAPH <urn:g> {{ <urn:s> <urn:p> {n} }} }}")
        if n == 0:
            held = open_store(location, read_only=True)
    snapshots = sorted(p.name for p in (location / "snapshots").iterdir())
    assert snapshots == ["0000000001", "0000000003"]  # 1 is read, 2 was removed
    assert len(held.query("SELECT * WHERE { ?s ?p ?o }").rows) == 1
    held.close()
    with OxigraphStore(location) as store:
        store.update("INSERT DATA { GRAPH <urn:g> { <urn:s> <urn:p> 9 } }")
    assert sorted(p.name for p in (location / "snapshots").iterdir()) == ["0000000004"]
    assert len(open_store(location, read_only=True).query("SELECT * WHERE { ?s ?p ?o }").rows) == 4
