"""A store behind any SPARQL 1.1 query + update endpoint, over HTTP (urllib, no extra package).

Every write is one request: an article is one ``DROP SILENT GRAPH ... ; INSERT DATA { ... }``
update, never one request per triple. Queries ask for the union of all named graphs as the
default graph with Oxigraph's ``union-default-graph`` parameter; other servers ignore it and must
be configured to do the same (Fuseki: ``tdb:unionDefaultGraph true``).

Example:
    >>> EndpointStore("http://127.0.0.1:7878/query").update_url
    'http://127.0.0.1:7878/update'
"""

from __future__ import annotations

import json
import socket
import urllib.error
import urllib.parse
import urllib.request
from typing import Any

import pyoxigraph as ox

from graph.errors import QueryError, QuerySyntaxError, QueryTimeoutError, StoreError
from graph.nquads import to_nquads
from graph.results import QueryResult, RowCollector, term_from_json, term_from_oxigraph
from graph.safety import check_query
from graph.settings import get_setting
from graph.sparql import Bindings, bind_values
from graph.store import DUMP_FORMATS, SparqlStoreMixin

__all__ = ["EndpointStore"]

_JSON_RESULTS = "application/sparql-results+json"
_DUMP_QUERY = "SELECT ?s ?p ?o ?g WHERE { GRAPH ?g { ?s ?p ?o } }"


class EndpointStore(SparqlStoreMixin):
    """A SPARQL 1.1 Protocol endpoint used as an aikg store.

    Args:
        query_url: the query endpoint (``http://host:7878/query`` for Oxigraph).
        update_url: the update endpoint; for a URL ending in ``/query``, the same URL ending
            in ``/update`` when None.
        union_default_graph: send Oxigraph's ``union-default-graph`` query parameter.
        timeout_s: default query time limit in seconds.
        max_rows: default row cap.
    """

    def __init__(
        self,
        query_url: str,
        update_url: str | None = None,
        *,
        union_default_graph: bool = True,
        timeout_s: float | None = None,
        max_rows: int | None = None,
    ) -> None:
        self.location = query_url
        self.query_url = query_url
        if update_url is None and query_url.rstrip("/").endswith("/query"):
            update_url = query_url.rstrip("/")[: -len("query")] + "update"
        self.update_url = update_url
        self.union_default_graph = union_default_graph
        self.timeout_s = float(get_setting("query_timeout_s", timeout_s) or 0) or None
        self.max_rows = int(get_setting("max_rows", max_rows) or 0) or None
        self.http_timeout_s = float(get_setting("http_timeout_s") or 120.0)

    def _post(self, url: str, body: str, content_type: str, accept: str, timeout: float) -> bytes:
        request = urllib.request.Request(
            url,
            data=body.encode("utf-8"),
            headers={"Content-Type": f"{content_type}; charset=utf-8", "Accept": accept},
            method="POST",
        )
        try:
            with urllib.request.urlopen(request, timeout=timeout) as response:
                data: bytes = response.read()
                return data
        except urllib.error.HTTPError as exc:
            detail = exc.read().decode("utf-8", "replace").strip().splitlines()
            message = detail[0] if detail else exc.reason
            if exc.code == 400:
                raise QuerySyntaxError(f"{url} refused the request: {message}") from None
            raise StoreError(self.location, f"HTTP {exc.code} from {url}: {message}") from None
        except TimeoutError:
            raise QueryTimeoutError(timeout) from None
        except urllib.error.URLError as exc:
            if isinstance(exc.reason, TimeoutError | socket.timeout):
                raise QueryTimeoutError(timeout) from None
            raise StoreError(self.location, f"cannot reach {url}: {exc.reason}") from None

    def close(self) -> None:
        """Nothing to release: every request opens and closes its own connection."""

    def __enter__(self) -> EndpointStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def update(self, sparql: str) -> None:
        """Send one SPARQL update (one request, one transaction on the server)."""
        if not self.update_url:
            raise StoreError(self.location, "no update endpoint; give one with --update-endpoint URL")
        self._post(
            self.update_url,
            sparql,
            "application/sparql-update",
            "*/*",
            self.http_timeout_s,
        )

    def query(
        self,
        sparql: str,
        *,
        bindings: Bindings | None = None,
        timeout_s: float | None = None,
        max_rows: int | None = None,
        check: bool = True,
    ) -> QueryResult:
        """Run a read-only query; see :meth:`graph.store.OxigraphStore.query`."""
        form = check_query(sparql) if check else ""
        text = bind_values(sparql, bindings)
        limit = timeout_s if timeout_s is not None else self.timeout_s
        cap = max_rows if max_rows is not None else self.max_rows
        url = self.query_url
        if self.union_default_graph:
            url += ("&" if "?" in url else "?") + "union-default-graph"
        accept = f"{_JSON_RESULTS}, application/n-triples;q=0.9"
        if form in ("CONSTRUCT", "DESCRIBE"):
            accept = "application/n-triples"
        data = self._post(url, text, "application/sparql-query", accept, limit or 3600.0)
        if data.lstrip().startswith(b"{"):
            return _from_json(json.loads(data), cap)
        return _from_ntriples(data.decode("utf-8"), cap)

    def dump(self, fmt: str = "nq") -> bytes:
        """The whole dataset as N-Quads, read with one SELECT over every named graph."""
        if fmt != "nq":
            raise StoreError(
                self.location,
                f"an endpoint store dumps N-Quads only; asked for {fmt!r} "
                f"(formats of a local store: {', '.join(DUMP_FORMATS)})",
            )
        result = self.query(_DUMP_QUERY, check=False, max_rows=0, timeout_s=self.http_timeout_s)
        quads = [row for row in result.rows if len(row) == 4 and None not in row]
        return to_nquads(quads).encode("utf-8")  # type: ignore[arg-type]


def _from_json(doc: dict[str, Any], max_rows: int | None) -> QueryResult:
    if "boolean" in doc:
        return QueryResult("ask", boolean=bool(doc["boolean"]))
    names = tuple(doc.get("head", {}).get("vars", []))
    collector = RowCollector(max_rows or None)
    for binding in doc.get("results", {}).get("bindings", []):
        row = tuple(term_from_json(binding[n]) if n in binding else None for n in names)
        if not collector.offer(row):
            break
    return QueryResult("select", names, tuple(collector.rows), truncated=collector.truncated)


def _from_ntriples(text: str, max_rows: int | None) -> QueryResult:
    collector = RowCollector(max_rows or None)
    try:
        for triple in ox.parse(text, format=ox.RdfFormat.N_TRIPLES):
            row = (
                term_from_oxigraph(triple.subject),
                term_from_oxigraph(triple.predicate),
                term_from_oxigraph(triple.object),
            )
            if not collector.offer(row):
                break
    except SyntaxError as exc:
        raise QueryError(f"the endpoint answered with invalid N-Triples: {exc}") from None
    return QueryResult(
        "graph",
        ("subject", "predicate", "object"),
        tuple(collector.rows),
        truncated=collector.truncated,
    )
