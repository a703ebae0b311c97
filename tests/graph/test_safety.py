"""The read-only guard: what runs, what is refused (and named), time limits and row caps."""

from __future__ import annotations

import time

import pytest

from graph.errors import QueryRefusedError, QueryTimeoutError
from graph.safety import check_query, run_with_timeout
from graph.store import OxigraphStore

READ_ONLY = "aikg queries are read-only: only SELECT, ASK, CONSTRUCT and DESCRIBE run"
NETWORK = "it would call another endpoint over the network"


@pytest.mark.parametrize(
    ("sparql", "form"),
    [
        ("SELECT * WHERE { ?s ?p ?o }", "SELECT"),
        ("select * { ?s ?p ?o } limit 5", "SELECT"),
        ("ASK { ?s ?p ?o }", "ASK"),
        ("CONSTRUCT WHERE { ?s ?p ?o }", "CONSTRUCT"),
        ("DESCRIBE <https://aikg.dev/id/company/openai>", "DESCRIBE"),
        ("# DROP ALL in a comment\nSELECT * { ?s ?p ?o }", "SELECT"),
        ('SELECT * { ?s ?p "INSERT DATA { } ; DROP ALL" }', "SELECT"),
        ("SELECT * { ?s ?p '''SERVICE\nLOAD''' }", "SELECT"),
        ("SELECT ?insert ?drop ?service { ?insert ?drop ?service }", "SELECT"),
        ("PREFIX service: <https://x.org/> SELECT * { ?s service:drop ?o }", "SELECT"),
        ("SELECT * { <https://x.org/DROP/SERVICE> ?p ?o }", "SELECT"),
        ('SELECT * { ?s ?p "x"@en-GB }', "SELECT"),
        ("SELECT (1e10 AS ?x) (COUNT(*) AS ?n) { ?s ?p ?o }", "SELECT"),
        ("PREFIX g: <https://aikg.dev/graph/> SELECT * FROM g:actors { ?s ?p ?o }", "SELECT"),
        ("SELECT * FROM NAMED <https://aikg.dev/graph/meta> { GRAPH ?g { ?s ?p ?o } }", "SELECT"),
        ("BASE <https://aikg.dev/graph/> SELECT * FROM <actors> { ?s ?p ?o }", "SELECT"),
    ],
)
def test_read_only_queries_run(sparql: str, form: str) -> None:
    assert check_query(sparql) == form


@pytest.mark.parametrize(
    ("sparql", "refused", "reason"),
    [
        ("INSERT DATA { <urn:a> <urn:b> <urn:c> }", "INSERT", READ_ONLY),
        ("insert data { <urn:a> <urn:b> <urn:c> }", "INSERT", READ_ONLY),
        ("DELETE WHERE { ?s ?p ?o }", "DELETE", READ_ONLY),
        ("DROP ALL", "DROP", READ_ONLY),
        ("dRoP SiLeNt GrApH <urn:g>", "DROP", READ_ONLY),
        ("CLEAR DEFAULT", "CLEAR", READ_ONLY),
        ("CREATE GRAPH <urn:g>", "CREATE", READ_ONLY),
        ("LOAD <http://example.org/x.ttl>", "LOAD", READ_ONLY),
        ("ADD <urn:a> TO <urn:b>", "ADD", READ_ONLY),
        ("MOVE DEFAULT TO <urn:b>", "MOVE", READ_ONLY),
        ("COPY <urn:a> TO <urn:b>", "COPY", READ_ONLY),
        ("WITH <urn:g> DELETE { ?s ?p ?o } WHERE { ?s ?p ?o }", "WITH", READ_ONLY),
        ("SELECT * { ?s ?p ?o } ; DROP ALL", "DROP", READ_ONLY),
        (
            "# harmless\nSELECT * {} ;\n# and then\nINSERT DATA { <urn:a> <urn:b> <urn:c> }",
            "INSERT",
            READ_ONLY,
        ),
        ("PREFIX x: <urn:x#>\nDELETE DATA { x:a x:b x:c }", "DELETE", READ_ONLY),
        ("\\u0044ROP ALL", "DROP", READ_ONLY),
        ("\\U00000049NSERT DATA { <urn:a> <urn:b> <urn:c> }", "INSERT", READ_ONLY),
        ("SELECT * { SERVICE <http://evil.example/sparql> { ?s ?p ?o } }", "SERVICE", NETWORK),
        ("SELECT * { service<http://evil.example/sparql>{ ?s ?p ?o } }", "SERVICE", NETWORK),
        ("SELECT * { SERVICE SILENT <http://evil.example/> { ?s ?p ?o } }", "SERVICE", NETWORK),
        ("SELECT * { \\u0053ERVICE <http://evil.example/> { ?s ?p ?o } }", "SERVICE", NETWORK),
        ("SELECT * { SER\\u0056ICE <http://evil.example/> { ?s ?p ?o } }", "SERVICE", NETWORK),
        ("SELECT * { # a comment\n SeRvIcE <http://evil.example/> { ?s ?p ?o } }", "SERVICE", NETWORK),
        ("CONSTRUCT { ?s ?p ?o } WHERE { SERVICE ?endpoint { ?s ?p ?o } }", "SERVICE", NETWORK),
        ("FOO BAR", "FOO", READ_ONLY),
    ],
)
def test_writes_and_network_calls_are_refused(sparql: str, refused: str, reason: str) -> None:
    with pytest.raises(QueryRefusedError) as err:
        check_query(sparql)
    assert (err.value.refused, err.value.reason) == (refused, reason)
    assert str(err.value) == f"query refused: {refused} ({reason})"


@pytest.mark.parametrize(
    ("sparql", "iri"),
    [
        ("SELECT * FROM <file:///etc/passwd> { ?s ?p ?o }", "file:///etc/passwd"),
        ("SELECT * FROM NAMED <http://evil.example/g> { ?s ?p ?o }", "http://evil.example/g"),
        ("PREFIX e: <http://evil.example/> SELECT * FROM e:g { ?s ?p ?o }", "http://evil.example/g"),
        (
            "select * from\n named\t<https://aikg.dev.evil.example/> { ?s ?p ?o }",
            "https://aikg.dev.evil.example/",
        ),
        ("SELECT * FROM <actors> { ?s ?p ?o }", "actors"),
        ("SELECT * FROM \\u003Chttp://evil.example/g> { ?s ?p ?o }", "http://evil.example/g"),
    ],
)
def test_foreign_datasets_are_refused(sparql: str, iri: str) -> None:
    with pytest.raises(QueryRefusedError) as err:
        check_query(sparql)
    assert err.value.refused == f"FROM <{iri}>"
    assert "FROM may only name aikg graphs (https://aikg.dev/...)" in str(err.value)


def test_empty_and_oversized_queries_are_refused() -> None:
    for text in ("", "   ", "# only a comment"):
        with pytest.raises(QueryRefusedError, match="an empty query"):
            check_query(text)
    with pytest.raises(QueryRefusedError, match=r"^query refused: a query of 100001 characters"):
        check_query("#" * 100_001)


def test_store_refuses_before_running(sample_store: OxigraphStore) -> None:
    with pytest.raises(QueryRefusedError, match=r"^query refused: DROP"):
        sample_store.query("DROP ALL")
    assert sample_store.query("ASK { ?s ?p ?o }").boolean is True


def test_slow_query_stops_at_the_time_limit(sample_store: OxigraphStore) -> None:
    # about 25 million solutions: a few seconds of work that goes on in the background
    heavy = (
        "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g <https://aikg.dev/ontology#predicate> ?i }"
    )
    started = time.perf_counter()
    with pytest.raises(QueryTimeoutError) as err:
        sample_store.query(heavy, timeout_s=0.2)
    assert time.perf_counter() - started < 2
    assert str(err.value) == (
        "query stopped after the 0.2 s time limit (raise it with --timeout, or narrow the query)"
    )


def test_run_with_timeout_passes_results_and_errors() -> None:
    assert run_with_timeout(lambda: "done", 1) == "done"
    assert run_with_timeout(lambda: "no limit", None) == "no limit"
    with pytest.raises(ZeroDivisionError):
        run_with_timeout(lambda: 1 / 0, 1)


def test_row_cap_truncates_and_says_so(sample_store: OxigraphStore) -> None:
    capped = sample_store.query("SELECT ?s WHERE { ?s ?p ?o }", max_rows=5)
    assert (len(capped), capped.truncated) == (5, True)
    whole = sample_store.query("SELECT ?s WHERE { ?s a <https://schema.org/NewsArticle> }", max_rows=5)
    assert (len(whole), whole.truncated) == (3, False)
    graph = sample_store.query("CONSTRUCT WHERE { ?s ?p ?o }", max_rows=2)
    assert (graph.kind, len(graph), graph.truncated) == ("graph", 2, True)
