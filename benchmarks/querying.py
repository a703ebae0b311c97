"""Latency of every shipped query (graph/queries/*.rq) on Oxigraph and on rdflib's in-memory store.

Parameters are bound to the heaviest values the store holds (the actor in most facts, the
country with most builds, ...), so the figures are the slow end of what the app asks. Oxigraph
runs through :func:`graph.queries.run_query`, as the app and CLI do (rows converted to rdflib
terms, no row cap); rdflib runs the same text, bound with the same ``VALUES`` blocks, over a
``Dataset(default_union=True)`` loaded from the store's N-Quads dump. Both run in worker
processes (:mod:`benchmarks.query_worker`) that are stopped when a query runs away.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from rdflib.term import Literal, URIRef

from benchmarks.measure import percentile
from graph.queries import NamedQuery, run_query
from graph.sparql import bind_values, prefix_block
from graph.store import GraphStore

__all__ = ["Latency", "bound_text", "discover_params", "is_aggregating", "time_call", "time_oxigraph"]

_AGGREGATE = re.compile(r"\bGROUP\s+BY\b|\b(COUNT|SUM|AVG|MIN|MAX|SAMPLE|GROUP_CONCAT)\s*\(", re.IGNORECASE)
_NO_TIMEOUT_S = 3600.0
_PREFIXES = prefix_block(("aikg", "schema", "prov", "dcterms", "rdfs"))
_HEAVIEST = {
    "actor": "SELECT ?v (COUNT(DISTINCT ?f) AS ?n) WHERE { ?f aikg:subject|aikg:object ?v . "
    "FILTER NOT EXISTS { ?v a schema:Place } } GROUP BY ?v ORDER BY DESC(?n) ?v LIMIT 1",
    "company": "SELECT ?v (COUNT(DISTINCT ?d) AS ?n) WHERE { ?d aikg:investee ?v } "
    "GROUP BY ?v ORDER BY DESC(?n) ?v LIMIT 1",
    "country": "SELECT ?v (COUNT(*) AS ?n) WHERE { ?c aikg:buildsDatacenterIn ?x . "
    "{ ?x a schema:Country BIND(?x AS ?v) } UNION { ?x schema:containedInPlace ?v } } "
    "GROUP BY ?v ORDER BY DESC(?n) ?v LIMIT 1",
    "article": "SELECT ?v (COUNT(*) AS ?n) WHERE { ?r prov:wasDerivedFrom ?v } "
    "GROUP BY ?v ORDER BY DESC(?n) ?v LIMIT 1",
    "partners": "SELECT ?v (COUNT(*) AS ?n) WHERE { ?v aikg:partnersWith|^aikg:partnersWith ?o } "
    "GROUP BY ?v ORDER BY DESC(?n) ?v LIMIT 2",
    "deal": "SELECT ?v (COUNT(DISTINCT ?r) AS ?n) WHERE { ?r aikg:reports ?v . ?v a aikg:Deal } "
    "GROUP BY ?v ORDER BY DESC(?n) ?v LIMIT 1",
}


@dataclass(slots=True)
class Latency:
    """Timings of one query on one store, in milliseconds."""

    runs_ms: list[float] = field(default_factory=list)
    rows: int = 0
    error: str = ""

    @property
    def p50(self) -> float:
        """The median."""
        return percentile(self.runs_ms, 50) if self.runs_ms else float("nan")

    @property
    def p95(self) -> float:
        """The 95th percentile."""
        return percentile(self.runs_ms, 95) if self.runs_ms else float("nan")

    def to_json(self) -> dict[str, Any]:
        """A JSON-ready dict."""
        out: dict[str, Any] = {"runs": len(self.runs_ms), "rows": self.rows}
        if self.runs_ms:
            out.update(p50_ms=self.p50, p95_ms=self.p95, min_ms=min(self.runs_ms), max_ms=max(self.runs_ms))
        if self.error:
            out["error"] = self.error
        return out


def is_aggregating(query: NamedQuery) -> bool:
    """Whether a query groups or aggregates (COUNT, SUM, MAX, GROUP BY, ...) anywhere in its text."""
    body = "\n".join(line for line in query.text.splitlines() if not line.lstrip().startswith("#"))
    return bool(_AGGREGATE.search(body))


def discover_params(store: GraphStore) -> dict[str, object]:
    """Values for every parameter of the shipped queries, picked as the heaviest in the store."""
    found: dict[str, list[str]] = {}
    for key, sparql in _HEAVIEST.items():
        rows = store.query(_PREFIXES + sparql, check=False, timeout_s=_NO_TIMEOUT_S).rows
        found[key] = [str(row[0]) for row in rows if row and row[0] is not None]
    actor = (found["actor"] or ["https://aikg.dev/id/unknown"])[0]
    partners = found["partners"] + [actor, actor]
    label_query = bind_values(_PREFIXES + "SELECT ?v WHERE { ?a rdfs:label ?v }", {"a": URIRef(actor)})
    labels = [str(row[0]) for row in store.query(label_query, check=False).rows]
    label = (labels or ["ai"])[0]
    hop = run_query(store, "ego_hop", node=[actor], max_rows=0, timeout_s=_NO_TIMEOUT_S)
    # the actor and its most connected neighbours: the nodes of its ego network at 150 actors
    neighbours = [actor, *[n for n in (str(row[0]) for row in hop.rows) if n != actor][:149]]
    return {
        "actor": actor,
        "company": (found["company"] or [actor])[0],
        "country": (found["country"] or ["https://aikg.dev/id/country/us"])[0],
        "article": (found["article"] or ["https://aikg.dev/id/article/unknown"])[0],
        "first": partners[0],
        "second": partners[1],
        "node": neighbours,
        "deal": (found["deal"] or ["https://aikg.dev/id/fact/unknown"])[0],
        "text": label[:4].lower() or "ai",
    }


def _bindings(query: NamedQuery, params: Mapping[str, object]) -> dict[str, object]:
    return {name: params[name] for name, _kind, _help in query.params}


def bound_text(query: NamedQuery, params: Mapping[str, object]) -> str:
    """The query's text with its parameters bound as VALUES blocks, as the stores receive it."""
    out: dict[str, Any] = {}
    for name, kind, _help in query.params:
        value = params[name]
        make: Callable[[str], Any] = URIRef if kind == "iri" else Literal
        out[name] = [make(v) for v in value] if isinstance(value, list) else make(str(value))
    return bind_values(query.text, out)


def time_call(run: Callable[[], int], runs: int, budget_s: float) -> Latency:
    """One untimed warm-up, then up to `runs` timed runs within `budget_s` (at least one)."""
    latency = Latency()
    try:
        started = time.perf_counter()
        latency.rows = run()
        warm = time.perf_counter() - started
        if warm > budget_s:  # too slow to repeat: the warm-up is the one sample
            latency.runs_ms.append(warm * 1000)
            return latency
        spent = 0.0
        while len(latency.runs_ms) < runs and (spent < budget_s or not latency.runs_ms):
            started = time.perf_counter()
            run()
            elapsed = time.perf_counter() - started
            latency.runs_ms.append(elapsed * 1000)
            spent += elapsed
    except Exception as exc:  # reported, not raised: the benchmark goes on
        latency.error = f"{type(exc).__name__}: {exc}"[:500]
    return latency


def time_oxigraph(
    store: GraphStore, query: NamedQuery, params: Mapping[str, object], runs: int, budget_s: float
) -> Latency:
    """Latency of a shipped query through :func:`graph.queries.run_query` on the store."""
    try:
        bound = _bindings(query, params)
    except KeyError as exc:
        return Latency(error=f"no value for parameter {exc}")

    def run() -> int:
        return len(run_query(store, query.name, max_rows=0, timeout_s=_NO_TIMEOUT_S, **bound).rows)

    return time_call(run, runs, budget_s)
