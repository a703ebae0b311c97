"""The actor network: actors as nodes, facts collapsed into actor-to-actor edges (networkx)."""

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
  OPTIONAL { ?a schema:containedInPlace ?country }
  OPTIONAL { ?a owl:sameAs ?same }
}
"""
)
EDGES_QUERY = (
    prefix_block(("aikg", "schema", "dcterms"))
    + """
SELECT ?fact ?pred ?s ?o ?usd ?date WHERE {
  ?fact a aikg:Fact ; aikg:predicate ?pred ; aikg:subject ?s ; aikg:object ?o .
  OPTIONAL { ?fact schema:amount ?amt . ?amt aikg:usdValue ?usd }
  OPTIONAL { ?fact dcterms:date ?date }
}
"""
)
_CLASS_TYPES = {
    "https://schema.org/Person": "Person",
    "https://schema.org/Corporation": "Company",
    "https://schema.org/Country": "Country",
    "https://schema.org/City": "City",
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
    dates: list[str] = field(default_factory=list)


def _actors(store: GraphStore) -> dict[str, Actor]:
    actors: dict[str, Actor] = {}
    for row in store.query(ACTORS_QUERY, check=False, max_rows=None).records():
        iri = str(row["a"])
        actor = actors.setdefault(iri, Actor(iri=iri, label=str(row["label"])))
        cls = row.get("cls")
        if cls is not None and str(cls) in _CLASS_TYPES:
            actor.type = _CLASS_TYPES[str(cls)]
        elif cls is not None and str(cls).endswith("#Region"):
            actor.type = "Region"
        if row.get("role"):
            actor.role = str(row["role"])
        if row.get("iso"):
            actor.country = str(row["iso"])
        elif row.get("country") and not actor.country:
            actor.country = str(row["country"]).rsplit("/", 1)[-1].upper()
        if row.get("same"):
            actor.wikidata = str(row["same"]).rsplit("/", 1)[-1]
    return actors


def actor_network(store: GraphStore) -> nx.MultiDiGraph:
    """Actors and the facts between them as a networkx multigraph with GEXF-safe attributes.

    Node ids are the actors' IRIs (plain strings); every attribute has one type throughout.
    Each fact is one edge keyed by its IRI, labelled with its predicate, weighted by its USD
    amount (0 when none), with the dates of the articles reporting it as start and end.
    """
    actors = _actors(store)
    facts: dict[str, dict[str, Any]] = {}
    for row in store.query(EDGES_QUERY, check=False, max_rows=None).records():
        fact = facts.setdefault(
            str(row["fact"]),
            {"s": str(row["s"]), "o": str(row["o"]), "pred": str(row["pred"]), "usd": 0.0, "dates": set()},
        )
        if row.get("usd") is not None:
            fact["usd"] = max(fact["usd"], float(row["usd"]))
        if row.get("date") is not None:
            fact["dates"].add(str(row["date"]))
    g = nx.MultiDiGraph()
    for fact in facts.values():
        if fact["s"] in actors and fact["o"] in actors:
            actors[fact["s"]].usd_out += fact["usd"]
            actors[fact["o"]].usd_in += fact["usd"]
    for a in actors.values():
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
    for key, fact in sorted(facts.items()):
        if fact["s"] not in actors or fact["o"] not in actors:
            continue
        dates = sorted(fact["dates"])
        attrs: dict[str, Any] = {"label": fact["pred"], "predicate": fact["pred"], "weight": fact["usd"]}
        if dates:
            attrs["start"], attrs["end"] = dates[0], dates[-1]
        g.add_edge(fact["s"], fact["o"], key=key, **attrs)
    degree = dict(g.degree())
    for node, attrs in g.nodes(data=True):
        size = 5.0 + 3.0 * float(degree.get(node, 0))
        attrs["viz"]["size"] = size
        attrs["weight"] = float(degree.get(node, 0))
    return g
