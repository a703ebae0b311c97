"""Users' queries on a store folder run in a reusable child process; aikg's own queries do not."""

from __future__ import annotations

import signal
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import psutil
import pytest

from extract import Extraction
from graph import queries
from graph.builder import build_extractions
from graph.errors import QueryError, QuerySyntaxError
from graph.store import OxigraphStore, open_store

PREFIX = "PREFIX aikg: <https://aikg.dev/ontology#> PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\n"
USER_QUERIES = [
    PREFIX
    + "SELECT ?deal ?mw WHERE { ?deal a aikg:Deal OPTIONAL { ?deal aikg:powerMW ?mw } } ORDER BY ?deal",
    PREFIX + "SELECT ?s ?label WHERE { ?s rdfs:label ?label } ORDER BY ?s ?label",
    "ASK { ?s ?p ?o }",
    PREFIX + "CONSTRUCT { ?s rdfs:label ?l } WHERE { ?s rdfs:label ?l }",
]


@pytest.fixture(scope="module")
def folder(sample_folder: Path) -> Path:
    """The sample built into an on-disk store folder (closed, so that other processes can open it)."""
    return sample_folder


@pytest.fixture
def reader(folder: Path) -> Iterator[OxigraphStore]:
    store = OxigraphStore(folder, read_only=True)
    yield store
    store.close()


def test_a_users_query_gets_the_same_answer_in_its_process_as_in_this_one(
    reader: OxigraphStore, query_children: Callable[[], list[psutil.Process]]
) -> None:
    assert query_children() == []
    for text in USER_QUERIES:
        in_child = reader.query(text)
        assert in_child == reader.query(text, check=False), text
        assert in_child.rows or in_child.boolean, text
    assert len(query_children()) == 1  # one process, started once, answered every query


def test_the_row_cap_holds_in_the_query_process(reader: OxigraphStore) -> None:
    capped = reader.query("SELECT * WHERE { ?s ?p ?o }", max_rows=5)
    assert (len(capped), capped.truncated) == (5, True)


def test_syntax_errors_come_back_as_syntax_errors(reader: OxigraphStore) -> None:
    with pytest.raises(QuerySyntaxError, match=r"^invalid SPARQL query: "):
        reader.query("SELECT ?s WHERE { ?s ?p }")
    assert reader.query("ASK { ?s ?p ?o }").boolean is True  # the same process goes on


def test_a_query_process_killed_from_outside_is_replaced(
    reader: OxigraphStore, query_children: Callable[[], list[psutil.Process]]
) -> None:
    reader.query("ASK { ?s ?p ?o }")
    (first,) = query_children()
    first.send_signal(signal.SIGKILL)
    first.wait(10)
    assert reader.query("ASK { ?s ?p ?o }").boolean is True
    (second,) = query_children()
    assert second.pid != first.pid


def test_a_query_process_that_cannot_start_says_what_to_do(
    folder: Path, monkeypatch: pytest.MonkeyPatch, query_children: Callable[[], list[psutil.Process]]
) -> None:
    monkeypatch.setenv("AIKG_QUERY_MEMORY", "50")  # too little for the process to open the store
    store = OxigraphStore(folder, read_only=True)
    try:
        with pytest.raises(QueryError, match=r"could not start its query process .*raise AIKG_QUERY_MEMORY"):
            store.query("ASK { ?s ?p ?o }")
        assert query_children() == []
    finally:
        store.close()


def test_queries_from_several_threads_take_turns(reader: OxigraphStore) -> None:
    text = USER_QUERIES[1]
    expected = reader.query(text, check=False)
    with ThreadPoolExecutor(4) as pool:
        answers = list(pool.map(lambda _: reader.query(text), range(8)))
    assert answers == [expected] * 8


def test_closing_the_store_stops_its_query_process(
    folder: Path, query_children: Callable[[], list[psutil.Process]]
) -> None:
    store = open_store(folder, read_only=True)
    store.query("ASK { ?s ?p ?o }")
    (child,) = query_children()
    store.close()
    assert not psutil.pid_exists(child.pid)
    store.close()  # twice is harmless


def test_aikgs_own_queries_start_no_process(
    folder: Path, query_children: Callable[[], list[psutil.Process]]
) -> None:
    store = open_store(folder, read_only=True)
    try:
        assert queries.overview_counts(store).articles == 3
        assert queries.top_investors(store)
        assert query_children() == []
    finally:
        store.close()


def test_a_writer_and_a_memory_store_answer_users_in_process(
    reader: OxigraphStore,
    tmp_path: Path,
    sample_extractions: tuple[Extraction, ...],
    query_children: Callable[[], list[psutil.Process]],
) -> None:
    expected = reader.query(USER_QUERIES[1], check=False)
    memory = OxigraphStore(None)
    build_extractions(sample_extractions, memory)
    with OxigraphStore(tmp_path / "writer") as writer:
        build_extractions(sample_extractions, writer)
        assert writer.query(USER_QUERIES[1]) == memory.query(USER_QUERIES[1]) == expected
    assert query_children() == []
