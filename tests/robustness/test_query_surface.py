"""The query surface: the read-only guard against disguised writes, time limits, `aikg serve`."""

from __future__ import annotations

import contextlib
import os
import re
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path

import psutil
import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings

from graph.builder import build_corpus
from graph.cli import cli
from graph.errors import QueryMemoryError, QueryRefusedError, QueryTimeoutError
from graph.safety import QUERY_FORMS, check_query
from graph.store import OxigraphStore, open_store

from .conftest import CORPUS
from .sparql_strategies import HOSTILE, harmless_queries, hostile_queries

AIKG = Path(sys.executable).parent / "aikg"
DATA = "".join(f"<urn:s{i}> <urn:p> <urn:o{i % 7}> <urn:g{i % 3}> .\n" for i in range(60))


@pytest.fixture(scope="module")
def small_store() -> OxigraphStore:
    store = OxigraphStore(None)
    store.load_nquads(DATA)
    return store


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=hostile_queries())
def test_disguised_writes_and_calls_out_are_refused(small_store: OxigraphStore, text: str) -> None:
    before = small_store.dump("nq")
    with pytest.raises(QueryRefusedError):
        check_query(text)
    with pytest.raises(QueryRefusedError):
        small_store.query(text)
    assert small_store.dump("nq") == before


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=harmless_queries())
def test_forbidden_words_in_strings_comments_iris_and_names_are_harmless(
    small_store: OxigraphStore, text: str
) -> None:
    assert check_query(text) in QUERY_FORMS
    small_store.query(text)  # and it runs


def test_every_forbidden_operation_is_in_the_hostile_set() -> None:
    words = {"INSERT", "DELETE", "LOAD", "CLEAR", "DROP", "CREATE", "ADD", "MOVE", "COPY", "SERVICE"}
    assert {w for w in words if any(re.search(rf"\b{w}\b", text) for text in HOSTILE)} == words


def test_a_query_past_its_limit_is_stopped_and_reported(small_store: OxigraphStore) -> None:
    endless = "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"  # 60^4 rows, streamed
    started = time.perf_counter()
    with pytest.raises(QueryTimeoutError, match=r"^query stopped after the 0.3 s time limit \(raise it"):
        small_store.query(endless, timeout_s=0.3, max_rows=0)
    assert time.perf_counter() - started < 2
    deadline = time.monotonic() + 5
    while any(t.name == "aikg-query" for t in threading.enumerate()):
        assert time.monotonic() < deadline, "the query thread went on after its time limit"
        time.sleep(0.05)


#: Computes every row before its first (a GROUP BY and ORDER BY over a triple cartesian product of
#: the store): nothing streams, so only killing its process stops it.
CARTESIAN = (
    "SELECT ?a (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i } GROUP BY ?a ORDER BY DESC(?n)"
)
#: Keeps every one of those rows to sort them: its memory grows until the cap stops it.
HOARDING = "SELECT ?a ?d ?g WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i } ORDER BY ?a ?d ?g"


@pytest.fixture(scope="module")
def corpus_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A store folder built from three real corpus articles."""
    root = tmp_path_factory.mktemp("query-limits")
    articles = [p for p in sorted(CORPUS.glob("*.md")) if p.name != "README.md"][:3]
    with OxigraphStore(root / "store") as store:
        report = build_corpus(articles, store)
    assert report.articles_built == 3
    return root / "store"


def test_a_query_that_computes_before_its_first_row_is_killed_at_its_limit(
    corpus_store: Path, query_children: Callable[[], list[psutil.Process]]
) -> None:
    store = open_store(corpus_store, read_only=True)
    try:
        triples = int(store.query("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }").records()[0]["n"])
        assert triples > 1000  # so the product has over a billion rows: minutes of work at least
        (child,) = query_children()
        started = time.monotonic()
        with pytest.raises(QueryTimeoutError, match=r"^query stopped after the 1.5 s time limit"):
            store.query(CARTESIAN, timeout_s=1.5)
        assert time.monotonic() - started < 4
        assert not psutil.pid_exists(child.pid)  # killed and reaped: no core burning behind the user
        assert query_children() == []
        assert not any(t.name == "aikg-query" for t in threading.enumerate())
        again = store.query("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")
        assert int(again.records()[0]["n"]) == triples
    finally:
        store.close()
    assert query_children() == []


def test_a_query_over_its_memory_cap_is_stopped_and_reported(
    corpus_store: Path, monkeypatch: pytest.MonkeyPatch, query_children: Callable[[], list[psutil.Process]]
) -> None:
    monkeypatch.setenv("AIKG_QUERY_MEMORY", "1024")
    store = open_store(corpus_store, read_only=True)
    try:
        started = time.monotonic()
        with pytest.raises(QueryMemoryError, match=r"^query stopped: it needed more than the 1024 MB memory"):
            store.query(HOARDING, timeout_s=120)
        assert time.monotonic() - started < 60
        assert query_children() == []
        assert store.query("ASK { ?s ?p ?o }").boolean is True
    finally:
        store.close()


def test_the_cli_stops_a_query_that_computes_before_its_first_row(corpus_store: Path) -> None:
    started = time.monotonic()
    done = subprocess.run(
        [str(AIKG), "query", CARTESIAN, "--store", str(corpus_store), "--timeout", "1"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert (done.returncode, done.stderr) == (
        1,
        "Error: query stopped after the 1 s time limit (raise it with --timeout, or narrow the query)\n",
    )
    assert time.monotonic() - started < 15


def test_the_cli_reports_a_timeout_in_one_line(tmp_path: Path) -> None:
    with OxigraphStore(tmp_path / "s") as store:
        store.load_nquads(DATA)
    endless = "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
    result = CliRunner().invoke(
        cli, ["query", endless, "--store", str(tmp_path / "s"), "--timeout", "0.3", "--max-rows", "0"]
    )
    assert result.exit_code == 1
    assert result.stderr == (
        "Error: query stopped after the 0.3 s time limit (raise it with --timeout, or narrow the query)\n"
    )


def test_serve_binds_localhost_by_default() -> None:
    serve = cli.commands["serve"]
    host = next(p for p in serve.params if p.name == "host")
    assert host.default == "127.0.0.1"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _listening_addresses(port: int) -> set[str]:
    """Local addresses listening on a TCP port, from /proc/net/tcp and tcp6 (Linux)."""
    found = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        lines = Path(table).read_text(encoding="ascii").splitlines()[1:] if Path(table).exists() else []
        for line in lines:
            local, state = line.split()[1], line.split()[3]
            address, hex_port = local.rsplit(":", 1)
            if int(hex_port, 16) == port and state == "0A":
                found.add(address)
    return found


@pytest.fixture
def served(
    tmp_path: Path, await_endpoint: Callable[[str, subprocess.Popen[bytes], str], None]
) -> Iterator[tuple[str, subprocess.Popen[bytes]]]:
    """`aikg serve` (and its Oxigraph server) on a free port, in its own process group."""
    location = tmp_path / "store"
    with OxigraphStore(location) as store:
        store.load_nquads(DATA)
    port = _free_port()
    process = subprocess.Popen(
        [str(AIKG), "serve", "--store", str(location), "--port", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        await_endpoint(f"{url}/query", process, "aikg serve")
        yield url, process
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGTERM)  # the group: aikg and the server it started
        process.wait(timeout=30)


def _status(request: urllib.request.Request) -> int:
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return int(response.status)
    except urllib.error.HTTPError as exc:
        return exc.code


@pytest.mark.endpoint
def test_serve_listens_on_localhost_only_and_refuses_every_write(
    served: tuple[str, subprocess.Popen[bytes]],
) -> None:
    url, _process = served
    port = int(url.rsplit(":", 1)[1])
    assert _listening_addresses(port) == {"0100007F"}  # 127.0.0.1, and no other address
    writes = [
        urllib.request.Request(
            f"{url}/update", b"DROP ALL", {"Content-Type": "application/sparql-update"}, method="POST"
        ),
        urllib.request.Request(
            f"{url}/update",
            urllib.parse.urlencode({"update": "INSERT DATA { <urn:x> <urn:y> <urn:z> }"}).encode(),
            {"Content-Type": "application/x-www-form-urlencoded"},
            method="POST",
        ),
        urllib.request.Request(
            f"{url}/store?default",
            b"<urn:x> <urn:y> <urn:z> .",
            {"Content-Type": "application/n-triples"},
            method="POST",
        ),
        urllib.request.Request(f"{url}/store?graph=urn:g1", method="DELETE"),
        urllib.request.Request(
            f"{url}/query", b"CLEAR ALL", {"Content-Type": "application/sparql-query"}, method="POST"
        ),
    ]
    assert [_status(r) >= 400 for r in writes] == [True] * len(writes)
    count = urllib.parse.quote("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")
    with urllib.request.urlopen(
        urllib.request.Request(f"{url}/query?query={count}", headers={"Accept": "text/csv"}), timeout=10
    ) as response:
        assert response.read().decode().split() == ["n", "60"]


@pytest.mark.endpoint
def test_terminating_serve_stops_its_server(served: tuple[str, subprocess.Popen[bytes]]) -> None:
    url, process = served
    port = int(url.rsplit(":", 1)[1])
    process.send_signal(signal.SIGTERM)  # aikg only, not its process group
    assert process.wait(timeout=30) == 128 + signal.SIGTERM
    deadline = time.monotonic() + 10
    while _listening_addresses(port):
        assert time.monotonic() < deadline, "the Oxigraph server went on serving"
        time.sleep(0.1)
