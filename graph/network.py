"""The actor network: actors as nodes, facts collapsed into one edge per actor pair and deal type."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import networkx as nx

from graph.sparql import prefix_block
from graph.store import GraphStore

__all__ = ["ACTORS_QUERY", "EDGES_QUERY", "TYPE_COLOURS", "Actor", "actor_network"]

ACTORS_QUERY = (
    prefix_block(("aikg", "schema", "rdfs", "owl"))
    + """
SELECT ?a ?label ?cls ?role ?iso ?country ?same WHERE {
  ?a a aikg:Actor ; rdfs:label ?label .
  OPTIONAL { ?a a ?cls . FILTER(?cls IN (schema:Person, schema:Corporation, schema:Country,
                                          schema:City, aikg:Region)) }
  OPTIONAL { ?a aikg:role ?role }
  OPTIONAL { ?a aikg:isoCode ?iso }
  OPTIONAL { ?a schema:containedInPlace|schema:location ?place . ?place aikg:isoCode ?country }
  OPTIONAL { ?a owl:sameAs ?same }
}
"""
)
#: A fact's predicate and parties are read once, from the summary graph (graph/summary.py):
#: the article graphs repeat them for each report, and the union of the graphs returns every
#: copy, so matching them there gave n^3 rows per fact n articles report (190 s at 10,000
#: articles, 1.6 s this way).
EDGES_QUERY = (
    prefix_block(("aikg", "schema", "dcterms"))
    + """
SELECT DISTINCT ?fact ?pred ?s ?o ?usd ?date WHERE {
  ?fact aikg:factPredicate ?pred ; aikg:factSubject ?s ; aikg:factObject ?o .
  OPTIONAL { ?fact aikg:largestUsd ?usd }
  OPTIONAL { ?fact dcterms:date ?date }
}
"""
)
_CLASS_TYPES = {
    "https://schema.org/Person": "Person",
    "https://schema.org/Corporation": "Company",
    "https://schema.org/Country": "Country",
    "https://schema.org/City": "City",
    "https://aikg.dev/ontology#Region": "Region",
}
#: Node colours by entity type (Gephi reads them as viz:color, pyvis as node colours).
TYPE_COLOURS: dict[str, tuple[int, int, int]] = {
    "Company": (31, 119, 180),
    "Organization": (148, 103, 189),
    "Country": (44, 160, 44),
    "Region": (152, 223, 138),
    "City": (188, 189, 34),
    "Person": (255, 127, 14),
}
#: Queries here are aikg's own: no row cap, no time limit.
_UNLIMITED: dict[str, Any] = {"check": False, "max_rows": 0, "timeout_s": 0}


@dataclass
class Actor:
    """One node of the network."""

    iri: str
    label: str
    type: str = "Organization"
    role: str = ""
    country: str = ""
    wikidata: str = ""
    usd_in: float = 0.0
    usd_out: float = 0.0


@dataclass
class _Edge:
    source: str
    target: str
    predicate: str
    usd: float = 0.0
    facts: set[str] = field(default_factory=set)
    dates: set[str] = field(default_factory=set)


def _actors(store: GraphStore) -> dict[str, Actor]:
    actors: dict[str, Actor] = {}
    for row in store.query(ACTORS_QUERY, **_UNLIMITED).records():
        iri = str(row["a"])
        actor = actors.setdefault(iri, Actor(iri=iri, label=str(row["label"])))
        cls = row.get("cls")
        if cls is not None and str(cls) in _CLASS_TYPES:
            actor.type = _CLASS_TYPES[str(cls)]
        if row.get("role"):
            actor.role = str(row["role"])
        if row.get("iso"):
            actor.country = str(row["iso"])
        elif row.get("country") and not actor.country:
            actor.country = str(row["country"])
        if row.get("same"):
            actor.wikidata = str(row["same"]).rsplit("/", 1)[-1]
    return actors


def _edges(store: GraphStore, actors: dict[str, Actor]) -> dict[tuple[str, str, str], _Edge]:
    usd_of_fact: dict[str, float] = {}
    edges: dict[tuple[str, str, str], _Edge] = {}
    for row in store.query(EDGES_QUERY, **_UNLIMITED).records():
        s, o, pred, fact = str(row["s"]), str(row["o"]), str(row["pred"]), str(row["fact"])
        if s not in actors or o not in actors:
            continue
        edge = edges.setdefault((s, o, pred), _Edge(s, o, pred))
        edge.facts.add(fact)
        if row.get("usd") is not None:
            usd_of_fact[fact] = max(usd_of_fact.get(fact, 0.0), float(row["usd"]))
        if row.get("date") is not None:
            edge.dates.add(str(row["date"]))
    for edge in edges.values():
        edge.usd = sum(usd_of_fact.get(f, 0.0) for f in edge.facts)
    return edges


def actor_network(store: GraphStore) -> nx.MultiDiGraph:
    """Actors and the deals between them as a networkx multigraph with GEXF-safe attributes.

    Node ids are the actors' IRIs (plain strings) and every attribute keeps one type. The deals
    of one type between two actors collapse into one edge keyed by the predicate: its weight is
    their summed USD amount (0 when none), ``deals`` counts them, and the first and last dates of
    the articles reporting them are its start and end, for Gephi's timeline.
    """
    actors = _actors(store)
    edges = _edges(store, actors)
    for edge in edges.values():
        actors[edge.source].usd_out += edge.usd
        actors[edge.target].usd_in += edge.usd
    g = nx.MultiDiGraph()
    for a in sorted(actors.values(), key=lambda a: a.iri):
        r, gr, b = TYPE_COLOURS.get(a.type, (127, 127, 127))
        g.add_node(
            a.iri,
            label=a.label,
            type=a.type,
            role=a.role,
            country=a.country,
            wikidata=a.wikidata,
            usd_in=a.usd_in,
            usd_out=a.usd_out,
            viz={"color": {"r": r, "g": gr, "b": b, "a": 1.0}},
        )
    for (s, o, pred), edge in sorted(edges.items()):
        attrs: dict[str, Any] = {
            "label": pred,
            "predicate": pred,
            "weight": edge.usd,
            "deals": len(edge.facts),
        }
        if edge.dates:
            attrs["start"], attrs["end"] = min(edge.dates), max(edge.dates)
        g.add_edge(s, o, key=pred, **attrs)
    degree = dict(g.degree())
    for node, attrs in g.nodes(data=True):
        attrs["weight"] = float(degree.get(node, 0))
        attrs["viz"]["size"] = 5.0 + 3.0 * attrs["weight"]
    return g
