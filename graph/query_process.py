"""Users' queries in a child process that is killed at the time limit and capped in memory.

A thread cannot stop a query whose engine computes everything before its first row (an ORDER BY
or GROUP BY over a large join): it would go on in the background, burning a core and memory.
:class:`QueryProcess` runs such queries in a child process (:mod:`graph.query_child`) that opens
the same on-disk store read-only. The child is started on the first query and reused, so a query
costs a round trip through a pipe, not a process start; at the time limit the child is killed
(SIGKILL) and reaped, and the next query starts a new one. The child caps its address space at
the ``query_memory_mb`` setting: a query that needs more ends the child, reported as
:class:`~graph.errors.QueryMemoryError`.

Example:
    >>> import tempfile, pyoxigraph as ox
    >>> folder = tempfile.mkdtemp()
    >>> ox.Store(folder).add(ox.Quad(ox.NamedNode("urn:a"), ox.NamedNode("urn:p"), ox.Literal("x")))
    >>> worker = QueryProcess(folder, "example", memory_mb=1024)
    >>> worker.run("SELECT ?s WHERE { ?s ?p ?o }", max_rows=None, timeout_s=30).records()
    [{'s': 'urn:a'}]
    >>> worker.close()
"""

from __future__ import annotations

import contextlib
import os
import pickle
import select
import signal
import subprocess
import sys
import tempfile
import threading
import time
import weakref
from pathlib import Path
from typing import IO, Any

from graph.errors import QueryError, QueryMemoryError, QuerySyntaxError, QueryTimeoutError
from graph.nquads import Term
from graph.query_child import Answer, write_frame
from graph.results import QueryResult, term_from_oxigraph

__all__ = ["QueryProcess", "answer_to_result"]

_CHILD = Path(__file__).with_name("query_child.py")
_START_TIMEOUT_S = 60.0
_CLOSE_WAIT_S = 2.0
_OUT_OF_MEMORY_EXIT = 3
_LENGTH_SIZE = 8
_CHUNK = 1 << 20
#: What the child's stderr says when Rust, C++ (RocksDB) or the C library ran out of address space.
_OUT_OF_MEMORY = ("memory allocation", "bad_alloc", "Cannot allocate memory", "MemoryError")


def answer_to_result(answer: Answer) -> QueryResult:
    """A :class:`QueryResult` of rdflib terms from an answer of pyoxigraph terms.

    Example:
        >>> answer_to_result(("ask", (), [], True, False)).boolean
        True
    """
    kind, names, rows, boolean, truncated = answer
    if kind == "ask":
        return QueryResult("ask", boolean=boolean)
    terms: dict[Any, Term] = {}  # rows repeat terms (predicates, labels): convert each one once

    def convert(term: Any) -> Term:
        found = terms.get(term)
        if found is None:
            found = terms[term] = term_from_oxigraph(term)
        return found

    converted = tuple(tuple(None if t is None else convert(t) for t in row) for row in rows)
    return QueryResult("select" if kind == "select" else "graph", names, converted, truncated=truncated)


class QueryProcess:
    """A reusable child process answering read-only queries on one on-disk store.

    Thread-safe: queries from several threads run one after another.

    Args:
        path: the store folder (or snapshot) the child opens read-only.
        location: how errors name the store.
        memory_mb: the child's address-space cap in MiB (0: none).
    """

    def __init__(self, path: str | Path, location: str, *, memory_mb: int) -> None:
        self.path = str(path)
        self.location = location
        self.memory_mb = memory_mb
        self._lock = threading.Lock()
        self._child: subprocess.Popen[bytes] | None = None
        self._errors: IO[bytes] | None = None
        self._finalizer: weakref.finalize[Any, Any] | None = None

    @property
    def pid(self) -> int | None:
        """The child's process id while it runs, else None."""
        child = self._child
        return child.pid if child is not None and child.poll() is None else None

    def run(self, text: str, *, max_rows: int | None, timeout_s: float | None) -> QueryResult:
        """Run one query in the child and return its result.

        Args:
            text: the SPARQL query (already checked by the read-only guard).
            max_rows: rows to keep at most (None: all).
            timeout_s: seconds to wait for the answer (None: no limit); then the child is killed.

        Raises:
            QueryTimeoutError: no answer within ``timeout_s`` (the child is gone when raised).
            QueryMemoryError: the query needed more memory than the cap.
            QuerySyntaxError: the query does not parse.
            QueryError: the query failed, or the child could not start.
        """
        with self._lock:
            requests, answers = _pipes(self._ensure_child())
            try:
                write_frame(requests, (text, max_rows))
            except OSError:
                raise self._died() from None
            deadline = None if not timeout_s else time.monotonic() + timeout_s
            try:
                reply = _read_frame(answers.fileno(), deadline)
            except TimeoutError:
                self._kill()
                raise QueryTimeoutError(float(timeout_s or 0)) from None
            except EOFError:
                raise self._died() from None
        if reply[0] == "error":
            raise self._error(reply[1], reply[2])
        return answer_to_result(reply)

    def close(self) -> None:
        """Stop the child (it is started again by the next query). Closing twice is harmless."""
        with self._lock:
            child = self._child
            if child is not None and child.stdin is not None:
                try:
                    child.stdin.close()  # the child exits at the end of its input
                    child.wait(_CLOSE_WAIT_S)
                except (OSError, subprocess.TimeoutExpired):
                    pass
            self._kill()

    def _ensure_child(self) -> subprocess.Popen[bytes]:
        if self._child is not None and self._child.poll() is None:
            return self._child
        self._kill()
        # stderr goes to a file, read only after the child died: a pipe could fill and block it
        errors = tempfile.TemporaryFile()  # noqa: SIM115 - closed by _kill
        memory = self.memory_mb * 1024 * 1024
        try:
            child = subprocess.Popen(
                [sys.executable, "-P", str(_CHILD), self.path, str(memory)],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=errors,
            )
        except OSError as exc:
            errors.close()
            raise QueryError(f"store {self.location}: cannot start a query process: {exc}") from None
        self._child, self._errors = child, errors
        self._finalizer = weakref.finalize(self, _stop, child, errors)  # also when dropped unclosed
        try:
            reply = _read_frame(_pipes(child)[1].fileno(), time.monotonic() + _START_TIMEOUT_S)
        except (TimeoutError, EOFError):
            raise self._died(starting=True) from None
        if reply[0] != "ready":
            self._kill()
            raise QueryError(f"store {self.location}: {reply[2]}")
        return child

    def _kill(self) -> None:
        if self._finalizer is not None:
            self._finalizer()  # kills and reaps the child, closes its pipes and error file; once
            self._finalizer = None
        self._child = self._errors = None

    def _died(self, *, starting: bool = False) -> QueryError:
        """The error for a child that ended without an answer (it is reaped here)."""
        child, errors = self._child, self._errors
        code = child.wait(_CLOSE_WAIT_S) if child is not None else None
        detail = ""
        if errors is not None:
            errors.seek(0)
            detail = errors.read()[-2000:].decode("utf-8", "replace")
        self._kill()
        last = (detail.strip().splitlines()[-1:] or [f"exit code {code}"])[0].strip()[:300]
        if starting:
            return QueryError(
                f"store {self.location}: could not start its query process ({last}); raise "
                f"AIKG_QUERY_MEMORY (now {self.memory_mb} MB) if that is about memory, else check "
                "that the store folder can be read"
            )
        if code == _OUT_OF_MEMORY_EXIT or any(marker in detail for marker in _OUT_OF_MEMORY):
            return QueryMemoryError(self.memory_mb)
        return QueryError(
            f"store {self.location}: its query process stopped while running the query ({last}); "
            "run it again, and narrow it if this recurs"
        )

    def _error(self, kind: str, message: str) -> QueryError:
        if kind == "syntax":
            return QuerySyntaxError(f"invalid SPARQL query: {message}")
        if kind == "memory":
            self._kill()
            return QueryMemoryError(self.memory_mb)
        return QueryError(f"query failed on store {self.location}: {message}")


def _pipes(child: subprocess.Popen[bytes]) -> tuple[IO[bytes], IO[bytes]]:
    """The child's stdin and stdout (always set: it is started with both piped)."""
    if child.stdin is None or child.stdout is None:
        raise QueryError("the query process has no pipes")
    return child.stdin, child.stdout


def _stop(child: subprocess.Popen[bytes], errors: IO[bytes]) -> None:
    """Kill and reap a child process, and close its files; harmless when it is gone already."""
    if child.poll() is None:
        with contextlib.suppress(ProcessLookupError):
            child.send_signal(signal.SIGKILL)
    child.wait()
    for stream in (child.stdin, child.stdout, errors):
        if stream is not None:
            with contextlib.suppress(OSError):
                stream.close()


def _read_frame(fd: int, deadline: float | None) -> Any:
    """Read one frame from ``fd``, waiting for its start until ``deadline`` (monotonic seconds).

    Raises:
        TimeoutError: nothing arrived by the deadline.
        EOFError: the child closed its end.
    """
    head = _read_exactly(fd, _LENGTH_SIZE, deadline)
    return pickle.loads(_read_exactly(fd, int.from_bytes(head, "big"), None))


def _read_exactly(fd: int, size: int, deadline: float | None) -> bytes:
    data = bytearray()
    while len(data) < size:
        wait = None if deadline is None else max(deadline - time.monotonic(), 0.0)
        ready, _, _ = select.select([fd], [], [], wait)
        if not ready:
            raise TimeoutError
        chunk = os.read(fd, min(size - len(data), _CHUNK))
        if not chunk:
            raise EOFError
        data += chunk
    return bytes(data)
