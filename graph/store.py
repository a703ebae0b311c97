"""Graph stores: the :class:`GraphStore` protocol, the Oxigraph backend and :func:`open_store`.

A store holds one named graph per article, the merged actors graph, the ontology and a meta
graph of content hashes. Writes are whole SPARQL updates (one transaction each); reads see the
union of all named graphs as the default graph. A union is a bag: a fact reported by two
articles is stored in both article graphs, so aggregate with ``DISTINCT``.

On disk, one writer at a time holds ``<folder>/aikg.lock``. Readers never open the folder a
writer is using (Oxigraph leaves that undefined): when a writer that wrote something closes, it
publishes a consistent snapshot of the store (a RocksDB checkpoint: hard links, milliseconds) in
``<folder>/snapshots/``, and readers open the newest snapshot. So the app and ``aikg query`` keep
working while a build writes, and see the graph as the last finished build left it.

Example:
    >>> store = open_store("memory")
    >>> store.query("ASK { ?s ?p ?o }").boolean
    False
"""

from __future__ import annotations

import fcntl
import os
import threading
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Protocol, runtime_checkable

import pyoxigraph as ox

from graph.errors import QueryError, QuerySyntaxError, StoreError, StoreLockedError
from graph.nquads import Quad, Term
from graph.query_process import QueryProcess
from graph.results import QueryResult, RowCollector, term_from_oxigraph
from graph.safety import check_query, run_with_timeout
from graph.settings import get_setting
from graph.snapshots import OpenSnapshot, latest_snapshot, open_snapshot, publish_snapshot
from graph.sparql import (
    ARTICLE_HASHES_QUERY,
    Bindings,
    bind_values,
    remove_article_update,
    replace_article_update,
)

__all__ = [
    "DUMP_FORMATS",
    "LOCK_NAME",
    "GraphStore",
    "OxigraphStore",
    "SparqlStoreMixin",
    "open_store",
    "read_lock",
]

LOCK_NAME = "aikg.lock"
#: Dataset formats :meth:`GraphStore.dump` writes.
DUMP_FORMATS = {"nq": ox.RdfFormat.N_QUADS, "trig": ox.RdfFormat.TRIG}
_MEMORY = ("memory", ":memory:")


class _ConvertedTerms(dict[object, Term | None]):
    """pyoxigraph term -> rdflib term, each distinct term converted once (None stays None)."""

    def __init__(self) -> None:
        super().__init__({None: None})

    def __missing__(self, term: object) -> Term:
        found = self[term] = term_from_oxigraph(term)
        return found


@runtime_checkable
class GraphStore(Protocol):
    """What the builder, the queries, the CLI and the app need from a store."""

    location: str

    def replace_article(self, article_id: str, quads: Iterable[Quad], content_hash: str) -> None:
        """Replace everything read from one article, in one transaction."""

    def remove_article(self, article_id: str) -> None:
        """Drop an article's graph and its content hash."""

    def article_hashes(self) -> dict[str, str]:
        """The content hash of every article in the store, by article id."""

    def update(self, sparql: str) -> None:
        """Run a trusted SPARQL update (aikg's own maintenance, never user text)."""

    def query(
        self,
        sparql: str,
        *,
        bindings: Bindings | None = None,
        timeout_s: float | None = None,
        max_rows: int | None = None,
        check: bool = True,
    ) -> QueryResult:
        """Run a read-only query over the union of all graphs."""

    def dump(self, fmt: str = "nq") -> bytes:
        """The whole dataset as N-Quads (``nq``) or TriG (``trig``)."""

    def close(self) -> None:
        """Release the store (and its lock)."""


class SparqlStoreMixin:
    """The writes every backend shares, built on its ``update`` and ``query``."""

    def update(self, sparql: str) -> None:  # pragma: no cover - overridden by each backend
        raise NotImplementedError

    def query(
        self,
        sparql: str,
        *,
        bindings: Bindings | None = None,
        timeout_s: float | None = None,
        max_rows: int | None = None,
        check: bool = True,
    ) -> QueryResult:  # pragma: no cover - overridden by each backend
        raise NotImplementedError

    def replace_article(self, article_id: str, quads: Iterable[Quad], content_hash: str) -> None:
        """Replace everything read from one article, in one transaction.

        The article's graph is dropped and written again, its actors are added to the actors
        graph and its content hash is recorded, all in one SPARQL update: all or nothing.
        """
        self.update(replace_article_update(article_id, quads, content_hash))

    def remove_article(self, article_id: str) -> None:
        """Drop an article's graph and its content hash (its actors stay until the next merge)."""
        self.update(remove_article_update(article_id))

    def article_hashes(self) -> dict[str, str]:
        """The content hash of every article in the store, by article id."""
        result = self.query(ARTICLE_HASHES_QUERY, check=False)
        return {str(row[0]): str(row[1]) for row in result.rows}


class OxigraphStore(SparqlStoreMixin):
    """An Oxigraph store on disk (a folder) or in memory (``path=None``).

    Opened for writing, it holds ``<path>/aikg.lock`` so a second build on the same folder is
    refused with :class:`StoreLockedError`, and publishes a snapshot when it closes. Opened
    read-only, it reads the newest snapshot, whether or not a build is running; a folder without
    one (written by an older aikg) is read directly, which is refused while a build holds the lock.
    """

    def __init__(
        self,
        path: str | Path | None = None,
        *,
        read_only: bool = False,
        timeout_s: float | None = None,
        max_rows: int | None = None,
    ) -> None:
        self.path = Path(path) if path is not None else None
        self.location = str(self.path) if self.path is not None else "memory"
        self.read_only = read_only
        self.timeout_s = float(get_setting("query_timeout_s", timeout_s) or 0) or None
        self.max_rows = int(get_setting("max_rows", max_rows) or 0) or None
        self.memory_mb = int(get_setting("query_memory_mb") or 0)
        self._worker: QueryProcess | None = None
        self._lock: IO[str] | None = None
        self._snapshot: OpenSnapshot | None = None
        self._written = False
        self._store = self._open()

    def _open(self) -> ox.Store:
        path = self.path
        if path is None:
            return ox.Store()
        if self.read_only:
            if not (path / "CURRENT").is_file():
                raise StoreError(self.location, "no store here; run `aikg build` first")
            try:
                self._snapshot = open_snapshot(path)
            except OSError as exc:
                raise StoreError(self.location, f"cannot open its newest snapshot: {exc}") from None
            if self._snapshot is not None:
                return self._snapshot.store
            self._check_unlocked(path)
            try:
                return ox.Store.read_only(str(path))
            except OSError as exc:
                raise StoreError(self.location, f"cannot open read-only: {exc}") from None
        self._acquire_lock(path)
        try:
            return ox.Store(str(path))
        except OSError as exc:
            self.close()
            raise StoreError(self.location, f"cannot open (is another program using it?): {exc}") from None

    def _acquire_lock(self, path: Path) -> None:
        try:
            path.mkdir(parents=True, exist_ok=True)
            handle = (path / LOCK_NAME).open("a+", encoding="utf-8")
        except OSError as exc:
            raise StoreError(self.location, f"cannot create the store folder: {exc}") from None
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            handle.close()
            raise StoreLockedError(
                self.location,
                f"another aikg process holds its lock {path / LOCK_NAME} "
                "(a build, or `aikg serve`); wait for it to finish",
            ) from None
        handle.seek(0)
        handle.truncate()
        handle.write(f"{os.getpid()}\n")
        handle.flush()
        self._lock = handle

    def _check_unlocked(self, path: Path) -> None:
        with read_lock(path):
            pass

    def update(self, sparql: str) -> None:
        """Run a trusted SPARQL update in one transaction."""
        if self.read_only:
            raise StoreError(self.location, "opened read-only; open it for writing to build")
        self._written = True
        try:
            self._store.update(sparql)
        except SyntaxError as exc:
            raise QuerySyntaxError(f"invalid SPARQL update: {exc}") from None
        except OSError as exc:
            raise StoreError(self.location, f"update failed: {exc}") from None

    def query(
        self,
        sparql: str,
        *,
        bindings: Bindings | None = None,
        timeout_s: float | None = None,
        max_rows: int | None = None,
        check: bool = True,
    ) -> QueryResult:
        """Run a read-only query over the union of all named graphs.

        Args:
            sparql: a SELECT, ASK, CONSTRUCT or DESCRIBE query.
            bindings: variables to bind (see :func:`graph.sparql.bind_values`).
            timeout_s: seconds to wait (the store's default when None, no limit when 0).
            max_rows: rows to keep at most (the store's default when None, no cap when 0);
                the result says whether it was truncated.
            check: run the read-only guard first (aikg's own queries skip it). A checked query on
                a store folder opened read-only runs in a child process (see
                :mod:`graph.query_process`): killed at the time limit, capped in memory.

        Raises:
            QueryRefusedError: the guard refused the query.
            QuerySyntaxError: the query does not parse.
            QueryTimeoutError: it ran past the limit.
            QueryMemoryError: it needed more than the ``query_memory_mb`` setting.
        """
        if check:
            check_query(sparql)
        text = bind_values(sparql, bindings)
        cap = max_rows if max_rows is not None else self.max_rows
        limit = timeout_s if timeout_s is not None else self.timeout_s
        worker = self._query_process() if check else None
        if worker is not None:
            return worker.run(text, max_rows=cap or None, timeout_s=limit or None)
        stop = threading.Event()
        return run_with_timeout(lambda: self._run(text, cap, stop), limit, stop=stop)

    def _query_process(self) -> QueryProcess | None:
        """The child process for users' queries: on a folder opened read-only, else None."""
        if self.path is None or not self.read_only:
            return None  # in memory, or a writer's own folder, which no other process may open
        if self._worker is None:
            where = self._snapshot.path if self._snapshot is not None else self.path
            self._worker = QueryProcess(where, self.location, memory_mb=self.memory_mb)
        return self._worker

    def _run(self, text: str, max_rows: int | None, stop: threading.Event | None = None) -> QueryResult:
        """Run a query and collect its rows; stops between rows once ``stop`` is set."""
        stopped = stop.is_set if stop is not None else lambda: False
        try:
            answer = self._store.query(text, use_default_graph_as_union=True)
            if isinstance(answer, ox.QueryBoolean):
                return QueryResult("ask", boolean=bool(answer))
            collector = RowCollector(max_rows or None)
            # Rows repeat terms (predicates, labels, countries): convert each distinct one once.
            convert = _ConvertedTerms().__getitem__
            if isinstance(answer, ox.QuerySolutions):
                names = tuple(v.value for v in answer.variables)
                for solution in answer:  # a solution iterates its values, None where unbound
                    row = tuple(map(convert, solution))
                    if not collector.offer(row) or stopped():
                        break
                kind = "select"
            else:
                names = ("subject", "predicate", "object")
                for triple in answer:
                    row = tuple(map(convert, triple))
                    if not collector.offer(row) or stopped():
                        break
                kind = "graph"
        except SyntaxError as exc:
            raise QuerySyntaxError(f"invalid SPARQL query: {exc}") from None
        except OSError as exc:
            raise QueryError(f"query failed on store {self.location}: {exc}") from None
        return QueryResult(
            kind,  # type: ignore[arg-type]
            names,
            tuple(collector.rows),
            truncated=collector.truncated,
        )

    def select_ntriples(self, sparql: str) -> list[tuple[str, ...]]:
        """A trusted SELECT's rows as N-Triples term texts, with no conversion to rdflib terms.

        For the build's own bulk queries (:mod:`graph.summary`), where converting hundreds of
        thousands of terms cost more than the query; no guard, timeout or row cap.
        """
        answer = self._store.query(sparql, use_default_graph_as_union=True)
        if not isinstance(answer, ox.QuerySolutions):
            raise QueryError(f"expected a SELECT query on store {self.location}")
        width = len(answer.variables)
        return [tuple("" if (t := row[i]) is None else str(t) for i in range(width)) for row in answer]

    def dump(self, fmt: str = "nq") -> bytes:
        """The whole dataset as N-Quads (``nq``) or TriG (``trig``)."""
        if fmt not in DUMP_FORMATS:
            raise StoreError(
                self.location, f"cannot dump {fmt!r}; available formats: {', '.join(DUMP_FORMATS)}"
            )
        data = self._store.dump(format=DUMP_FORMATS[fmt])
        return data if data is not None else b""

    def load_nquads(self, text: str) -> None:
        """Load N-Quads text in one transaction (tests and fixtures)."""
        self._written = True
        self._store.load(text, format=ox.RdfFormat.N_QUADS)

    def named_graphs(self) -> list[str]:
        """The names of all named graphs, sorted."""
        return sorted(g.value for g in self._store.named_graphs() if isinstance(g, ox.NamedNode))

    @property
    def snapshot(self) -> Path | None:
        """The snapshot folder a reader reads (None for writers and direct readers)."""
        return self._snapshot.path if self._snapshot is not None else None

    def is_stale(self) -> bool:
        """Whether a build finished since this reader opened its snapshot (reopen to see it).

        Example:
            >>> OxigraphStore(None).is_stale()
            False
        """
        if self.path is None or self._snapshot is None:
            return False
        return latest_snapshot(self.path) != self._snapshot.path

    def flush(self) -> None:
        """Write buffered data to disk."""
        if self.path is not None and not self.read_only:
            self._store.flush()

    def close(self) -> None:
        """Flush, publish a snapshot if anything was written, close the database, release the lock.

        An on-disk store must not be used afterwards. Closing twice is harmless.
        """
        if self._worker is not None:
            self._worker.close()
            self._worker = None
        if self._snapshot is not None:
            self._snapshot.close()
            self._snapshot = None
        try:
            if self._lock is not None and hasattr(self, "_store"):
                self.flush()
                if self.path is not None and (self._written or latest_snapshot(self.path) is None):
                    try:
                        publish_snapshot(self._store, self.path)
                    except OSError as exc:
                        raise StoreError(
                            self.location, f"cannot write a snapshot for readers: {exc}"
                        ) from None
        finally:
            if self.path is not None and hasattr(self, "_store"):
                del self._store  # closes the database now, before the next writer may take the lock
            if self._lock is not None:
                fcntl.flock(self._lock, fcntl.LOCK_UN)
                self._lock.close()
                self._lock = None

    def __enter__(self) -> OxigraphStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


@contextmanager
def read_lock(path: Path) -> Iterator[None]:
    """Hold a shared lock on a store folder: readers coexist, a build is refused meanwhile.

    Raises:
        StoreLockedError: a build holds the lock now.
    """
    lock = path / LOCK_NAME
    if not lock.exists():
        yield
        return
    with lock.open("r", encoding="utf-8") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_SH | fcntl.LOCK_NB)
        except OSError:
            raise StoreLockedError(
                str(path), "an aikg build is writing to it; try again when the build has finished"
            ) from None
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def open_store(
    location: str | Path | None = None,
    update_endpoint: str | None = None,
    *,
    read_only: bool = False,
    timeout_s: float | None = None,
    max_rows: int | None = None,
) -> GraphStore:
    """Open the store at a location.

    Args:
        location: a folder (Oxigraph on disk), ``memory`` / ``:memory:``, or the http(s) URL of a
            SPARQL 1.1 query endpoint; None reads ``AIKG_STORE``, else ``.aikg/store``.
        update_endpoint: the update endpoint URL of an http(s) store (derived from an
            Oxigraph ``/query`` URL when None).
        read_only: open a folder read-only (queries, exports, the app), without the build lock.
        timeout_s: default query time limit in seconds.
        max_rows: default row cap.

    Raises:
        StoreError: the location cannot be opened; StoreLockedError when a build holds it.
    """
    where = str(get_setting("store", str(location) if location is not None else None))
    if where.startswith(("http://", "https://")):
        from graph.endpoint import EndpointStore

        return EndpointStore(
            where,
            update_endpoint or _str_or_none(get_setting("update_endpoint")),
            timeout_s=timeout_s,
            max_rows=max_rows,
        )
    path = None if where in _MEMORY else Path(where)
    return OxigraphStore(path, read_only=read_only, timeout_s=timeout_s, max_rows=max_rows)


def _str_or_none(value: object) -> str | None:
    return None if value is None else str(value)
