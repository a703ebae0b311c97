"""The child process that runs users' queries on a store on disk, so that a runaway one can be killed.

:class:`graph.query_process.QueryProcess` starts it as ``python -P graph/query_child.py STORE
MEMORY_BYTES``. It caps its own address space (``RLIMIT_AS``), opens the store read-only, says it
is ready, then answers one request after another. A request is ``(sparql, max_rows)``; an answer
is an :data:`Answer` of pyoxigraph terms, or ``("error", kind, message)`` with kind ``syntax``,
``query`` or ``memory``. Each message is a frame: an 8-byte length, then a pickle (both ends are
aikg). Frames go out on a copy of stdout, and stdout itself is pointed at stderr, so a stray print
cannot corrupt them.

The module imports only the standard library and pyoxigraph, so the process starts in a fraction
of a second. It exits when its stdin closes or its parent goes away.

Example:
    >>> import pyoxigraph as ox
    >>> store = ox.Store()
    >>> store.add(ox.Quad(ox.NamedNode("urn:a"), ox.NamedNode("urn:p"), ox.Literal("x")))
    >>> collect(store, "SELECT ?s WHERE { ?s ?p ?o }", None)
    ('select', ('s',), [(<NamedNode value=urn:a>,)], None, False)
"""

from __future__ import annotations

import io
import os
import pickle
import resource
import signal
import struct
import sys
import threading
import time
from typing import IO, Any

import pyoxigraph as ox

__all__ = ["Answer", "collect", "main", "read_frame", "write_frame"]

#: (kind, variable names, rows of pyoxigraph terms (None where unbound), ASK boolean, truncated)
Answer = tuple[str, tuple[str, ...], list[tuple[Any, ...]], bool | None, bool]
_LENGTH = struct.Struct(">Q")
_PARENT_CHECK_S = 1.0
_OUT_OF_MEMORY_EXIT = 3


def collect(store: ox.Store, text: str, max_rows: int | None) -> Answer:
    """Run one query over the union of the named graphs and collect its rows, up to ``max_rows``.

    Args:
        store: the pyoxigraph store.
        text: the SPARQL query.
        max_rows: rows to keep at most (None: all); the answer says whether more were offered.

    Raises:
        SyntaxError: the query does not parse.
        OSError: the store failed while reading.
    """
    answer = store.query(text, use_default_graph_as_union=True)
    if isinstance(answer, ox.QueryBoolean):
        return ("ask", (), [], bool(answer), False)
    rows: list[tuple[Any, ...]] = []
    truncated = False
    if isinstance(answer, ox.QuerySolutions):
        kind, names = "select", tuple(v.value for v in answer.variables)
        produced: Any = (tuple(solution[n] for n in names) for solution in answer)
    else:
        kind, names = "graph", ("subject", "predicate", "object")
        produced = (tuple(triple) for triple in answer)
    for row in produced:
        if max_rows is not None and len(rows) >= max_rows:
            truncated = True
            break
        rows.append(row)
    return (kind, names, rows, None, truncated)


def write_frame(stream: IO[bytes], message: object) -> None:
    """Write one message as a frame and flush it."""
    data = pickle.dumps(message, protocol=pickle.HIGHEST_PROTOCOL)
    stream.write(_LENGTH.pack(len(data)) + data)
    stream.flush()


def read_frame(stream: IO[bytes]) -> Any:
    """Read one frame (blocking).

    Raises:
        EOFError: the stream ended.
    """
    head = _read_exactly(stream, _LENGTH.size)
    return pickle.loads(_read_exactly(stream, _LENGTH.unpack(head)[0]))


def _read_exactly(stream: IO[bytes], size: int) -> bytes:
    data = bytearray()
    while len(data) < size:
        chunk = stream.read(size - len(data))
        if not chunk:
            raise EOFError("the stream ended inside a frame" if data else "the stream ended")
        data += chunk
    return bytes(data)


def _answer(store: ox.Store, text: str, max_rows: int | None) -> tuple[Any, ...]:
    try:
        return collect(store, text, max_rows)
    except SyntaxError as exc:
        return ("error", "syntax", str(exc))
    except MemoryError:
        return ("error", "memory", "")
    except Exception as exc:  # any failure of one query is its answer, not the end of the process
        return ("error", "query", f"{type(exc).__name__}: {exc}")


def _cap_memory(limit: int) -> None:
    _soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    if hard == resource.RLIM_INFINITY or hard > limit:
        hard = limit
    resource.setrlimit(resource.RLIMIT_AS, (min(limit, hard), hard))


def _watch_parent(parent: int) -> None:
    """End this process soon after its parent is gone, even in the middle of a query."""

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(_PARENT_CHECK_S)
        os._exit(0)

    threading.Thread(target=watch, name="aikg-parent-watch", daemon=True).start()


def main(argv: list[str]) -> int:
    """Serve queries on the store ``argv[1]`` with at most ``argv[2]`` bytes of memory (0: no cap)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    out = os.fdopen(os.dup(1), "wb")  # buffered: writes whole frames, never part of one
    os.dup2(2, 1)
    requests = io.FileIO(0, "rb", closefd=False)
    _watch_parent(os.getppid())
    if int(argv[2]) > 0:
        _cap_memory(int(argv[2]))
    try:
        store = ox.Store.read_only(argv[1])
    except (OSError, MemoryError) as exc:
        write_frame(out, ("error", "query", f"cannot open the store read-only: {exc}"))
        return 1
    write_frame(out, ("ready", os.getpid()))
    while True:
        try:
            text, max_rows = read_frame(requests)
        except EOFError:
            return 0
        answer = _answer(store, text, max_rows)
        try:
            write_frame(out, answer)
        except MemoryError:
            return _OUT_OF_MEMORY_EXIT
        if answer[:2] == ("error", "memory"):
            return _OUT_OF_MEMORY_EXIT  # start afresh rather than run on after running out


if __name__ == "__main__":
    sys.exit(main(sys.argv))
