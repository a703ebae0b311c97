"""The part of the graph a :class:`~graph.dealfilter.DealFilter` keeps, as quads or as a store.

A filtered graph is a coherent subgraph that still conforms to ``graph/shapes.ttl``:

- each kept deal (a report of it passed the filter) with its type, roles, amounts, power, status
  and dates, and its convenience edge (``aikg:investsIn``...), in the graphs of the articles
  whose reports passed;
- those reports (evidence, offsets, confidence, status) and those articles (title, date, URL,
  the other places they were published, and their mentions of kept actors);
- the deals' parties from the actors graph (types, labels, aliases, role, registry data, home
  country), plus the countries they are based in or lie in, so every actor keeps its country;
- the build metadata of the kept article graphs, and the ontology.

Standing facts (headquarters, employment, containment) are not deals and stay out, and so does
the whole graph's summary graph: the subgraph gets one of its own (:mod:`graph.summary`), folded
from what was kept, so its totals and the network exports' amounts describe the filtered deals.

Example:
    >>> from graph.store import open_store
    >>> select_deals(open_store("memory"), DealFilter()).counts()
    (0, 0, 0)
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from rdflib.term import URIRef

from graph import iris
from graph.dealfilter import DealFilter
from graph.named import query_records
from graph.nquads import Quad, Term, term_text, to_nquads
from graph.overview import kept_deals
from graph.sparql import prefix_block
from graph.store import GraphStore, OxigraphStore
from graph.summary import refresh_summary
from graph.vocab import SDO, predicate_terms

__all__ = ["Selection", "Subgraph", "extract_subgraph", "select_deals", "subgraph_quads"]

#: Queries here are aikg's own, over a bounded selection: no row cap, no time limit.
_UNLIMITED: dict[str, Any] = {"check": False, "max_rows": 0, "timeout_s": 0}
_COUNTRY_LINKS = (SDO.location, SDO.containedInPlace)

#: A kept deal's own triples, its reports from one article, its amounts and convenience edge.
_DEALS_QUERY = prefix_block(("aikg", "schema", "prov")) + (
    "SELECT ?s ?p ?o ?g WHERE {\n"
    "  #@values\n"
    "  GRAPH ?g {\n"
    "    { ?deal ?p ?o BIND(?deal AS ?s) }\n"
    "    UNION { ?s aikg:reports ?deal ; prov:wasDerivedFrom ?article ; ?p ?o }\n"
    "    UNION { ?deal schema:amount ?s . ?s ?p ?o }\n"
    "    UNION { ?deal aikg:subject ?s . { ?deal aikg:object ?o } UNION { ?deal schema:amount ?o }\n"
    "            ?s ?edge ?o BIND(?edge AS ?p) }\n"
    "  }\n"
    "}"
)
#: Kept articles, and the nodes they link to other than the actors they mention (their copies).
_ARTICLES_QUERY = prefix_block(("schema",)) + (
    "SELECT ?s ?p ?o ?g WHERE {\n"
    "  #@values\n"
    "  GRAPH ?g {\n"
    "    { ?article ?p ?o BIND(?article AS ?s) }\n"
    "    UNION { ?article ?link ?s FILTER(?link != schema:mentions) ?s ?p ?o }\n"
    "  }\n"
    "}"
)
#: Everything some nodes are in some graphs: (?s ?g) pairs in the VALUES block.
_NODES_QUERY = "SELECT ?s ?p ?o ?g WHERE {\n  #@values\n  GRAPH ?g { ?s ?p ?o }\n}"


@dataclass(frozen=True, slots=True)
class Selection:
    """What a filter keeps, as IRIs.

    Attributes:
        filter: the filter.
        reports: (deal, article IRI, article id, convenience edge) for every kept
            deal-and-article pair.
        deals: the kept deals.
        actors: their parties.
        articles: the articles whose reports of them passed.
    """

    filter: DealFilter
    reports: frozenset[tuple[str, str, str, str]]
    deals: frozenset[str]
    actors: frozenset[str]
    articles: frozenset[str]

    def counts(self) -> tuple[int, int, int]:
        """How many deals, actors and articles the filter keeps."""
        return len(self.deals), len(self.actors), len(self.articles)


def select_deals(store: GraphStore, deal_filter: DealFilter) -> Selection:
    """The deals, parties and articles a filter keeps in a store.

    One query over the reports that pass (:func:`graph.overview.kept_deals`, the same selection
    the Overview counts), joined with each deal's parties and each article's id.
    """
    rows = query_records(
        store.query(
            prefix_block(("aikg", "dcterms", "prov", "schema"))
            + "SELECT DISTINCT ?deal ?kind ?article ?articleId ?party WHERE {\n"
            + f"  {kept_deals(deal_filter, with_article=True)}\n"
            + "  ?article dcterms:identifier ?articleId .\n"
            + "  ?deal aikg:factSubject|aikg:factObject ?party .\n"
            + "}",
            **_UNLIMITED,
        )
    )
    kept = {(r["deal"], r["article"], r["article_id"], str(predicate_terms(r["kind"]).edge)) for r in rows}
    return Selection(
        filter=deal_filter,
        reports=frozenset(kept),
        deals=frozenset(k[0] for k in kept),
        actors=frozenset(r["party"] for r in rows),
        articles=frozenset(k[1] for k in kept),
    )


def _values(names: Sequence[str], rows: Iterable[tuple[URIRef, ...]]) -> str:
    body = " ".join("(" + " ".join(term_text(t) for t in row) + ")" for row in sorted(set(rows)))
    return f"VALUES ({' '.join('?' + n for n in names)}) {{ {body} }}"


def _quads(
    store: GraphStore, template: str, names: Sequence[str], rows: Iterable[tuple[URIRef, ...]]
) -> list[Quad]:
    rows = list(rows)
    if not rows:
        return []
    result = store.query(template.replace("#@values", _values(names, rows)), **_UNLIMITED)
    return [(s, p, o, g) for s, p, o, g in result.rows]  # type: ignore[misc]


def subgraph_quads(store: GraphStore, selection: Selection) -> list[Quad]:
    """The quads of the subgraph a selection keeps (see the module docstring), unsorted."""
    graphs = {a: iris.article_graph_iri(aid) for _d, a, aid, _e in selection.reports}
    quads = _quads(
        store,
        _DEALS_QUERY,
        ("deal", "g", "article", "edge"),
        ((URIRef(d), graphs[a], URIRef(a), URIRef(e)) for d, a, _aid, e in selection.reports),
    )
    parties = [URIRef(a) for a in selection.actors]
    actor_quads = _quads(store, _NODES_QUERY, ("s", "g"), ((a, iris.ACTORS_GRAPH) for a in parties))
    countries = {o for _s, p, o, _g in actor_quads if p in _COUNTRY_LINKS and isinstance(o, URIRef)}
    actor_quads += _quads(
        store, _NODES_QUERY, ("s", "g"), ((c, iris.ACTORS_GRAPH) for c in countries - set(parties))
    )
    kept_actors: set[Term] = {*parties, *countries}
    articles = _quads(store, _ARTICLES_QUERY, ("article", "g"), ((URIRef(a), g) for a, g in graphs.items()))
    articles = [q for q in articles if q[1] != SDO.mentions or q[2] in kept_actors]
    meta = _quads(store, _NODES_QUERY, ("s", "g"), ((g, iris.META_GRAPH) for g in graphs.values()))
    ontology = store.query(
        f"SELECT ?s ?p ?o WHERE {{ GRAPH {term_text(iris.ONTOLOGY_GRAPH)} {{ ?s ?p ?o }} }}", **_UNLIMITED
    )
    quads += actor_quads + articles + meta
    quads += [(s, p, o, iris.ONTOLOGY_GRAPH) for s, p, o in ontology.rows]  # type: ignore[misc]
    return quads


@dataclass(frozen=True, slots=True)
class Subgraph:
    """What a filter keeps: the selection, and a new in-memory store holding its quads."""

    selection: Selection
    store: OxigraphStore


def extract_subgraph(store: GraphStore, deal_filter: DealFilter) -> Subgraph:
    """The subgraph a filter keeps, in a new in-memory store that every export format reads.

    Args:
        store: the store to read.
        deal_filter: what to keep.

    Returns:
        The selection and the store holding its quads (close the store when done).
    """
    selection = select_deals(store, deal_filter)
    sub = OxigraphStore(None)
    text = to_nquads(subgraph_quads(store, selection))
    if text:
        sub.load_nquads(text)
        refresh_summary(sub)  # the figures of what was kept, which the network exports read
    return Subgraph(selection, sub)
