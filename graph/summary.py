"""The summary graph: figures folded across every article, recomputed by each build, kept for speed.

A deal read from three articles is one node with three reports, its amounts and dates repeated
in three article graphs (and Oxigraph's union default graph returns such a triple once per
graph). The questions asked most (totals by country, top investors, the newest deals, the
Overview) need each deal's largest amount, first date and whether any report states it, and then
totals over every deal; computed inside each query they scanned every amount of every deal, so
they grew with the graph (hundreds of milliseconds at a thousand articles). The build computes
them once instead, into the named graph :data:`graph.iris.SUMMARY_GRAPH`, in two steps:

1. **Per deal and per actor.** On each deal: ``aikg:largestUsd``, ``aikg:largestMW``,
   ``aikg:firstReported``, ``aikg:reportCount``, ``aikg:sourceCount`` (the reporting articles
   and their syndicated copies), ``aikg:stated`` (true when at least one report does not hedge it
   as denied or rumoured), ``aikg:destinationCountry`` (the country its object is, or lies in)
   and ``aikg:siteCountry`` (the same for its location). On each fact, once: its
   ``aikg:factPredicate``, ``aikg:factSubject`` and ``aikg:factObject`` (in the article graphs
   they repeat for each report, and the union of the graphs returns every copy, so a query
   joining four of a deal's triples got n^4 rows for a deal n articles report). On each actor:
   ``aikg:factCount`` and ``aikg:dealCount``. Each convenience edge between two actors
   (``aikg:investsIn``...) once, in a graph of their own (:data:`graph.iris.EDGES_GRAPH`), for
   the questions that walk the network.
2. **Rollups over those.** On each country: ``aikg:inboundUsd``/``aikg:inboundDeals`` (stated
   deals with an amount aimed at it) and ``aikg:buildCount``/``aikg:buildMW``/``aikg:buildUsd``
   (data-center builds sited in it). On each investor: ``aikg:investedUsd``/
   ``aikg:investedDeals``. On :data:`graph.iris.TOTALS`: the headline counts and totals
   (``aikg:articleCount``, ``aikg:actorCount``, ``aikg:totalDeals``, ``aikg:totalUsd``,
   ``aikg:totalMW``). One ``aikg:MonthlyDeals`` node per month and deal type: ``aikg:month``,
   ``aikg:predicate``, and the deals first reported then (``aikg:totalDeals``, ``aikg:totalUsd``).
   ``aikg:inLatestMonths true`` on each deal first reported in the latest months that together
   hold at least :data:`NEWEST` deals: the lists of the newest deals sort those, not every deal.

Every figure is derived, never read from an article: :func:`refresh_summary` recomputes them all
from the article and actor graphs, so they cannot drift from them, and they are a pure function
of them (a rebuild gives the same quads). It writes only the difference to what the summary
graph holds: deleting and re-inserting every figure cost as much as the rest of a small rebuild
(dropping the graph alone took 1.8 s at a thousand articles), while a rebuild that changed 1% of
the articles changes few. The figures read the other graphs with explicit ``GRAPH`` patterns,
which every SPARQL 1.1 store evaluates the same way whatever its default graph is.
"""

from __future__ import annotations

import hashlib
from collections.abc import Collection
from dataclasses import dataclass

from rdflib.term import URIRef

from graph import iris
from graph.nquads import term_text
from graph.sparql import prefix_block
from graph.store import GraphStore
from graph.vocab import AIKG, PREDICATE_TERMS

__all__ = [
    "HEDGED_STATUSES",
    "NEWEST",
    "SummaryChange",
    "latest_months_query",
    "refresh_summary",
    "summary_queries",
    "summary_version",
]

#: Report statuses under which a deal is not counted in totals.
HEDGED_STATUSES = ("denied", "rumoured")

#: Step 1, each figure a SELECT of ?s ?p ?o over the article graphs (places from the actors
#: graph). Separate branches, not one pattern with a UNION inside a GRAPH: Oxigraph joins such a
#: UNION from the wrong end (seconds at a thousand articles, where these take milliseconds).
_PER_DEAL = (
    "{ SELECT ?s (aikg:largestUsd AS ?p) (MAX(?u) AS ?o)\n"
    "  WHERE { GRAPH ?g { ?s a aikg:Deal ; schema:amount ?a . ?a aikg:usdValue ?u } } GROUP BY ?s }",
    "{ SELECT ?s (aikg:largestMW AS ?p) (MAX(?m) AS ?o)\n"
    "  WHERE { GRAPH ?g { ?s a aikg:Deal ; aikg:powerMW ?m } } GROUP BY ?s }",
    "{ SELECT ?s (aikg:firstReported AS ?p) (MIN(?d) AS ?o)\n"
    "  WHERE { GRAPH ?g { ?s a aikg:Deal ; dcterms:date ?d } } GROUP BY ?s }",
    "{ SELECT ?s (aikg:reportCount AS ?p) (COUNT(DISTINCT ?r) AS ?o)\n"
    "  WHERE { GRAPH ?g { ?s a aikg:Deal . ?r aikg:reports ?s } } GROUP BY ?s }",
    "{ SELECT ?s (aikg:sourceCount AS ?p) (COUNT(DISTINCT ?source) AS ?o)\n"
    "  WHERE { GRAPH ?g { ?s a aikg:Deal . ?r aikg:reports ?s ; prov:wasDerivedFrom ?a .\n"
    "                     ?a aikg:alsoPublishedAs? ?source } } GROUP BY ?s }",
    # stated: some report carries no hedged status (a report with any hedged status is hedged)
    "{ SELECT ?s (aikg:stated AS ?p) (MAX(?plain) = 1 AS ?o) WHERE {\n"
    "    { SELECT ?s ?r (MIN(?one) AS ?plain) WHERE {\n"
    "        GRAPH ?g { ?s a aikg:Deal . ?r aikg:reports ?s OPTIONAL { ?r aikg:status ?st } }\n"
    "        BIND(IF(COALESCE(?st IN (HEDGED), false), 0, 1) AS ?one) }\n"
    "      GROUP BY ?s ?r } }\n"
    "  GROUP BY ?s }",
    "{ SELECT DISTINCT ?s (aikg:destinationCountry AS ?p) ?o\n"
    "  WHERE { GRAPH ?g { ?s a aikg:Deal ; aikg:object ?o } GRAPH ACTORS { ?o a schema:Country } } }",
    "{ SELECT DISTINCT ?s (aikg:destinationCountry AS ?p) ?o\n"
    "  WHERE { GRAPH ?g { ?s a aikg:Deal ; aikg:object ?x }\n"
    "          GRAPH ACTORS { ?x schema:containedInPlace ?o . ?o a schema:Country } } }",
    "{ SELECT DISTINCT ?s (aikg:siteCountry AS ?p) ?o\n"
    "  WHERE { GRAPH ?g { ?s a aikg:Deal ; aikg:location ?o } GRAPH ACTORS { ?o a schema:Country } } }",
    "{ SELECT DISTINCT ?s (aikg:siteCountry AS ?p) ?o\n"
    "  WHERE { GRAPH ?g { ?s a aikg:Deal ; aikg:location ?x }\n"
    "          GRAPH ACTORS { ?x schema:containedInPlace ?o . ?o a schema:Country } } }",
    # each fact's predicate and parties, once: in the article graphs they repeat per report
    "{ SELECT DISTINCT ?s (aikg:factPredicate AS ?p) ?o\n"
    "  WHERE { GRAPH ?g { ?s a aikg:Fact ; aikg:predicate ?o } } }",
    "{ SELECT DISTINCT ?s (aikg:factSubject AS ?p) ?o\n"
    "  WHERE { GRAPH ?g { ?s a aikg:Fact ; aikg:subject ?o } } }",
    "{ SELECT DISTINCT ?s (aikg:factObject AS ?p) ?o\n"
    "  WHERE { GRAPH ?g { ?s a aikg:Fact ; aikg:object ?o } } }",
)
#: The convenience edges between actors (``aikg:investsIn``...), keyed by the contract predicate.
#: A valuation's edge points at an amount, not an actor, and stays in the article graphs only.
_ACTOR_EDGES = {p: t.edge for p, t in PREDICATE_TERMS.items() if p != "valued_at"}
#: Step 1 figures whose subject is an actor, not a fact: refolded for the actors a build touched.
_PER_ACTOR = (
    "{ SELECT ?s (aikg:factCount AS ?p) (COUNT(DISTINCT ?f) AS ?o)\n"
    "  WHERE { GRAPH ?g { ?f aikg:subject|aikg:object ?s } } GROUP BY ?s }",
    "{ SELECT ?s (aikg:dealCount AS ?p) (COUNT(DISTINCT ?f) AS ?o)\n"
    "  WHERE { GRAPH ?g { ?f a aikg:Deal ; aikg:subject|aikg:object ?s } } GROUP BY ?s }",
)
#: The edges graph (graph/iris.py EDGES_GRAPH): each convenience edge once, for the questions that
#: walk the network (one index scan per actor instead of a join per report); keyed by its subject.
_EDGES = (
    "{ SELECT DISTINCT ?s ?p ?o\n"
    "  WHERE { GRAPH ?g { ?f aikg:subject ?s ; aikg:predicate ?name ; aikg:object ?o }\n"
    "          VALUES (?name ?p) { PAIRS } } }",
)
_STATED_USD = "GRAPH SUMMARY { ?deal aikg:largestUsd ?usd ; aikg:stated true }"
#: Step 2, rollups over the figures of step 1 (read back from the summary graph).
_ROLLUPS: tuple[str, ...] = (
    # stated deals with an amount, by the country they are aimed at
    "{ SELECT ?s (aikg:inboundUsd AS ?p) (SUM(?usd) AS ?o)\n"
    f"  WHERE {{ {_STATED_USD} GRAPH SUMMARY {{ ?deal aikg:destinationCountry ?s }} }} GROUP BY ?s }}",
    "{ SELECT ?s (aikg:inboundDeals AS ?p) (COUNT(?deal) AS ?o)\n"
    f"  WHERE {{ {_STATED_USD} GRAPH SUMMARY {{ ?deal aikg:destinationCountry ?s }} }} GROUP BY ?s }}",
    # data-center builds by the country they are sited in
    "{ SELECT ?s ?p ?o WHERE {\n"
    "  { SELECT ?s (COUNT(?deal) AS ?n)\n"
    "           (SUM(COALESCE(?mw, 0.0)) AS ?mwSum) (SUM(COALESCE(?usd, 0.0)) AS ?usdSum)\n"
    "    WHERE { { SELECT DISTINCT ?deal WHERE { GRAPH ?g { ?deal a aikg:DatacenterBuild } } }\n"
    "            GRAPH SUMMARY { ?deal aikg:siteCountry ?s\n"
    "              OPTIONAL { ?deal aikg:largestMW ?mw } OPTIONAL { ?deal aikg:largestUsd ?usd } } }\n"
    "    GROUP BY ?s }\n"
    "  VALUES ?p { aikg:buildCount aikg:buildMW aikg:buildUsd }\n"
    "  BIND(IF(?p = aikg:buildCount, ?n, IF(?p = aikg:buildMW, ?mwSum, ?usdSum)) AS ?o) } }",
    # investors: stated deals with an amount in which they put money
    "{ SELECT ?s ?p ?o WHERE {\n"
    "  { SELECT ?s (SUM(?usd) AS ?total) (COUNT(?deal) AS ?n)\n"
    "    WHERE { { SELECT DISTINCT ?deal ?s WHERE { GRAPH ?g { ?deal a aikg:Deal ; aikg:investor ?s } } }\n"
    f"            {_STATED_USD} }}\n"
    "    GROUP BY ?s }\n"
    "  VALUES ?p { aikg:investedUsd aikg:investedDeals }\n"
    "  BIND(IF(?p = aikg:investedUsd, ?total, ?n) AS ?o) } }",
    # the headline: counts, and the totals of stated deals (valuations add no USD)
    "{ SELECT (TOTALS AS ?s) (aikg:articleCount AS ?p) (COUNT(DISTINCT ?a) AS ?o)\n"
    "  WHERE { GRAPH ?g { ?a a schema:NewsArticle } } }",
    "{ SELECT (TOTALS AS ?s) (aikg:actorCount AS ?p) (COUNT(DISTINCT ?e) AS ?o)\n"
    "  WHERE { GRAPH ACTORS { ?e a aikg:Actor } } }",
    "{ SELECT (TOTALS AS ?s) (aikg:totalDeals AS ?p) (COUNT(?deal) AS ?o)\n"
    "  WHERE { GRAPH SUMMARY { ?deal aikg:reportCount ?n } } }",
    "{ SELECT (TOTALS AS ?s) (aikg:totalUsd AS ?p) (COALESCE(SUM(?usd), 0.0) AS ?o)\n"
    f"  WHERE {{ {_STATED_USD}\n"
    "          FILTER NOT EXISTS { GRAPH ?g { ?deal a aikg:Valuation } } } }",
    "{ SELECT (TOTALS AS ?s) (aikg:totalMW AS ?p) (COALESCE(SUM(?mw), 0.0) AS ?o)\n"
    "  WHERE { GRAPH SUMMARY { ?deal aikg:largestMW ?mw ; aikg:stated true } } }",
    "{ SELECT (TOTALS AS ?s) (rdf:type AS ?p) (aikg:GraphTotals AS ?o) WHERE {} }",
    # deals by the month they were first reported, and their deal type
    "{ SELECT ?s ?p ?o WHERE {\n"
    "  { SELECT ?month ?predicate (COUNT(?deal) AS ?n) (SUM(COALESCE(?usd, 0.0)) AS ?total)\n"
    "    WHERE { { SELECT DISTINCT ?deal ?predicate WHERE { GRAPH ?g { ?deal a aikg:Deal ;\n"
    "                                                                aikg:predicate ?predicate } } }\n"
    "            GRAPH SUMMARY { ?deal aikg:firstReported ?first OPTIONAL { ?deal aikg:largestUsd ?usd } }\n"
    "            BIND(SUBSTR(STR(?first), 1, 7) AS ?month) }\n"
    "    GROUP BY ?month ?predicate }\n"
    '  BIND(IRI(CONCAT("MONTHLY", ?month, "/", ?predicate)) AS ?s)\n'
    "  VALUES ?p { rdf:type aikg:month aikg:predicate aikg:totalDeals aikg:totalUsd }\n"
    "  BIND(IF(?p = rdf:type, aikg:MonthlyDeals, IF(?p = aikg:month, ?month,\n"
    "       IF(?p = aikg:predicate, ?predicate, IF(?p = aikg:totalDeals, ?n, ?total)))) AS ?o) } }",
)
#: How many of the newest deals the deal lists show (graph/queries/newest_deals.rq).
NEWEST = 200
#: How many deals were first reported in each month: ?month and ?n.
_PER_MONTH = (
    "{ SELECT ?month (COUNT(?d) AS ?n) WHERE { GRAPH SUMMARY { ?d aikg:firstReported ?f }\n"
    "    BIND(SUBSTR(STR(?f), 1, 7) AS ?month) } GROUP BY ?month }"
)


def _latest_months(newest: int) -> str:
    """The figure ``aikg:inLatestMonths``: the deals first reported in the latest months that
    together hold at least `newest` deals (every deal, with fewer), found from ?since, the
    latest month from which on that many deals were first reported."""
    later = _PER_MONTH.replace("?month", "?later").replace("?n)", "?m)")
    return (
        "{ SELECT ?s (aikg:inLatestMonths AS ?p) (true AS ?o) WHERE {\n"
        "  { SELECT (MAX(?month) AS ?since) WHERE {\n"
        "    { SELECT ?month (SUM(?m) AS ?atOrAfter) WHERE {\n"
        f"        {_PER_MONTH}\n        {later}\n"
        "        FILTER(?later >= ?month) } GROUP BY ?month }\n"
        f"    FILTER(?atOrAfter >= {int(newest)}) }} }}\n"
        "  GRAPH SUMMARY { ?s aikg:firstReported ?f }\n"
        "  FILTER(!BOUND(?since) || SUBSTR(STR(?f), 1, 7) >= ?since) } }"
    )


def latest_months_query(newest: int) -> str:
    """The SELECT ?s ?p ?o of ``aikg:inLatestMonths`` for `newest` deals (the build uses
    :data:`NEWEST`, the length of the newest-deals list)."""
    return _union((_latest_months(newest),))


#: the deals of those latest months, so that a list of the newest sorts these and not all
_ROLLUPS += (_latest_months(NEWEST),)
#: The properties each step writes, so that each step replaces only its own figures.
_PER_DEAL_PROPS = (
    "aikg:largestUsd aikg:largestMW aikg:firstReported aikg:reportCount aikg:sourceCount aikg:stated "
    "aikg:destinationCountry aikg:siteCountry aikg:factPredicate "
    "aikg:factSubject aikg:factObject"
)
#: The properties the per-actor figures of step 1 write.
_PER_ACTOR_PROPS = "aikg:factCount aikg:dealCount"
_ROLLUP_PROPS = (
    "aikg:inboundUsd aikg:inboundDeals aikg:buildCount aikg:buildMW aikg:buildUsd aikg:investedUsd "
    "aikg:investedDeals aikg:articleCount aikg:actorCount aikg:totalDeals aikg:totalUsd aikg:totalMW "
    "rdf:type aikg:month aikg:predicate aikg:inLatestMonths"
)


@dataclass(frozen=True, slots=True)
class SummaryChange:
    """What a refresh wrote: figures removed (stale) and added."""

    removed: int
    added: int


def _fill(text: str) -> str:
    hedged = ", ".join(f'"{s}"' for s in HEDGED_STATUSES)
    for marker, value in (
        ("HEDGED", hedged),
        ("ACTORS", term_text(iris.ACTORS_GRAPH)),
        ("SUMMARY", term_text(iris.SUMMARY_GRAPH)),
        ("TOTALS", term_text(iris.TOTALS)),
        ("MONTHLY", iris.MONTHLY),
        ("EDGEGRAPH", term_text(iris.EDGES_GRAPH)),
        ("PAIRS", " ".join(f'("{p}" {term_text(e)})' for p, e in _ACTOR_EDGES.items())),
    ):
        text = text.replace(marker, value)
    return prefix_block(("aikg", "schema", "prov", "dcterms", "rdf")) + text


def _union(branches: tuple[str, ...]) -> str:
    return _fill("SELECT ?s ?p ?o WHERE {\n  " + "\n  UNION\n  ".join(branches) + "\n}")


def summary_version() -> str:
    """A digest of what the summary and edges graphs hold, recorded by each finished build: a
    store folded by another version of these figures is folded whole again, not in part."""
    texts = (*summary_queries(), _union(_EDGES), _PER_DEAL_PROPS, _PER_ACTOR_PROPS, _ROLLUP_PROPS)
    return hashlib.sha1("\n".join(texts).encode("utf-8")).hexdigest()[:16]


def summary_queries() -> tuple[str, str]:
    """The two SELECTs of ?s ?p ?o that compute the summary: per deal and actor, then rollups."""
    return _union(_PER_DEAL + _PER_ACTOR), _union(_ROLLUPS)


_CURRENT = "SELECT ?s ?p ?o WHERE {{ GRAPH SUMMARY {{ ?s ?p ?o VALUES ?p {{ {} }} }} }}"
_CURRENT_PER_DEAL = _fill(_CURRENT.format(f"{_PER_DEAL_PROPS} {_PER_ACTOR_PROPS}"))
_CURRENT_ROLLUPS = _fill(_CURRENT.format(_ROLLUP_PROPS))
_FOREIGN = _fill(
    "SELECT ?s ?p ?o WHERE { GRAPH SUMMARY { ?s ?p ?o FILTER(?p NOT IN ("
    + ", ".join(f"{_PER_DEAL_PROPS} {_PER_ACTOR_PROPS} {_ROLLUP_PROPS}".split())
    + ")) } }"
)


def _triples(store: GraphStore, sparql: str) -> set[str]:
    """The rows of a SELECT ?s ?p ?o as N-Triples lines (without the final dot)."""
    select = getattr(store, "select_ntriples", None)
    if callable(select):  # the embedded store: no rdflib terms in between
        return {" ".join(row) for row in select(sparql) if "" not in row}
    rows = store.query(sparql, check=False, max_rows=0, timeout_s=0).rows
    return {" ".join(term_text(term) for term in row if term is not None) for row in rows if None not in row}


def _write_difference(
    store: GraphStore, wanted: set[str], current: set[str], into: URIRef = iris.SUMMARY_GRAPH
) -> SummaryChange:
    stale, new = sorted(current - wanted), sorted(wanted - current)
    graph = term_text(into)
    if stale:
        store.update(f"DELETE DATA {{ GRAPH {graph} {{\n" + " .\n".join(stale) + " .\n} }")
    if new:
        load = getattr(store, "load_nquads", None)
        if callable(load):  # the embedded store bulk-loads, several times faster than INSERT DATA
            load("".join(f"{triple} {graph} .\n" for triple in new))
        else:
            store.update(f"INSERT DATA {{ GRAPH {graph} {{\n" + " .\n".join(new) + " .\n} }")
    return SummaryChange(removed=len(stale), added=len(new))


def _restricted(branch: str, values: str) -> str:
    """A figure's SELECT with ?s bound to some values inside its article-graph patterns (Oxigraph
    joins a VALUES block outside a GRAPH pattern only after evaluating that pattern whole)."""
    return branch.replace("GRAPH ?g { ", "GRAPH ?g { " + values + " ", -1)


def _per_deal_for(facts: Collection[str], actors: Collection[str]) -> tuple[str, str]:
    """The per-deal step and its current figures, for some facts and actors only."""
    fact_values = "VALUES ?s { " + " ".join(term_text(URIRef(f)) for f in sorted(facts)) + " }"
    actor_values = "VALUES ?s { " + " ".join(term_text(URIRef(a)) for a in sorted(actors)) + " }"
    branches = [_restricted(b, fact_values) for b in _PER_DEAL if facts]
    branches += [_restricted(b, actor_values) for b in _PER_ACTOR if actors]
    both = " ".join(term_text(URIRef(x)) for x in sorted({*facts, *actors}))
    # every figure of these subjects (a second VALUES, on ?p, made Oxigraph scan the whole graph);
    # the caller keeps the per-deal ones
    current = _fill(f"SELECT ?s ?p ?o WHERE {{ GRAPH SUMMARY {{ VALUES ?s {{ {both} }} ?s ?p ?o }} }}")
    return (_union(tuple(branches)) if branches else ""), current


def refresh_summary(
    store: GraphStore, facts: Collection[str] | None = None, actors: Collection[str] | None = None
) -> SummaryChange:
    """Recompute the summary and edges graphs and write the difference to what the store holds.

    Args:
        store: the store.
        facts: refold only these facts' figures (all when None): those a build wrote or removed.
        actors: with ``facts``, refold only these actors' figures (the parties of those facts).
            The rollups are always folded again from every figure.

    Returns:
        How many figures (and edges) were removed and added, every step together.
    """
    per_deal, rollups = summary_queries()
    first = SummaryChange(removed=0, added=0)
    if facts is None:
        first = _write_difference(store, _triples(store, per_deal), _triples(store, _CURRENT_PER_DEAL))
        # and whatever else the graph holds: figures an older version of these folds wrote
        first = _combined(first, _write_difference(store, set(), _triples(store, _FOREIGN)))
    elif facts or actors:
        per_deal, current = _per_deal_for(facts, actors or ())
        wanted = _triples(store, per_deal) if per_deal else set()
        names = f"{_PER_DEAL_PROPS} {_PER_ACTOR_PROPS}".split()
        props = {term_text(AIKG[name.removeprefix("aikg:")]) for name in names}
        held = {t for t in _triples(store, current) if t.split(" ", 2)[1] in props}
        first = _write_difference(store, wanted, held)
    second = _write_difference(store, _triples(store, rollups), _triples(store, _CURRENT_ROLLUPS))
    third = _refresh_edges(store, None if facts is None else (actors or ()))
    return _combined(first, second, third)


def _combined(*changes: SummaryChange) -> SummaryChange:
    return SummaryChange(removed=sum(c.removed for c in changes), added=sum(c.added for c in changes))


def _refresh_edges(store: GraphStore, actors: Collection[str] | None) -> SummaryChange:
    """The edges graph: every edge (actors None), or the edges whose subject is one of `actors`."""
    if actors is None:
        wanted, current = _union(_EDGES), _fill("SELECT ?s ?p ?o WHERE { GRAPH EDGEGRAPH { ?s ?p ?o } }")
    elif actors:
        values = "VALUES ?s { " + " ".join(term_text(URIRef(a)) for a in sorted(actors)) + " }"
        wanted = _union(tuple(_restricted(b, values) for b in _EDGES))
        current = _fill(f"SELECT ?s ?p ?o WHERE {{ GRAPH EDGEGRAPH {{ {values} ?s ?p ?o }} }}")
    else:
        return SummaryChange(removed=0, added=0)
    return _write_difference(store, _triples(store, wanted), _triples(store, current), iris.EDGES_GRAPH)
