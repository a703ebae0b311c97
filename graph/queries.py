"""Typed functions over the shipped SPARQL queries: each runs one and returns small dataclasses.

The queries themselves (``graph/queries/<name>.rq``) and their loading, binding and running
live in :mod:`graph.named`, re-exported here. Run unbound (``aikg query
graph/queries/actor_facts.rq``), a parameterised query answers for every actor.

Example:
    >>> from graph.store import open_store
    >>> overview_counts(open_store("memory"))
    Overview(articles=0, actors=0, deals=0, total_usd=0.0, total_mw=0.0)
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from graph.named import NamedQuery, get_query, list_queries, query_records, query_rows, run_query
from graph.rows import (
    ActorCard,
    ActorFact,
    ActorHit,
    ArticleCopy,
    ArticleFact,
    ArticleView,
    CountryBuilds,
    CountryTotal,
    DealReport,
    DealRow,
    EgoEdge,
    EgoNetwork,
    EgoNode,
    FundingEvent,
    InvestorTotal,
    MultiSourceDeal,
    Overview,
    Partner,
    PowerDeal,
    TwoHop,
)
from graph.store import GraphStore
from graph.summary import NEWEST
from graph.vocab import PREDICATE_TERMS

__all__ = [
    "LISTED",
    "NamedQuery",
    "actor_card",
    "actor_facts",
    "all_actors",
    "article",
    "common_partners",
    "datacenter_builds_by_country",
    "deal_reports",
    "ego_network",
    "funding_timeline",
    "get_query",
    "investment_by_country",
    "list_queries",
    "multi_source_deals",
    "newest_deals",
    "overview_counts",
    "power_deals",
    "run_query",
    "search_actors",
    "top_investors",
    "two_hop_investors",
]

#: The rows the listing queries keep (actor_facts, power_deals, multi_source_deals, newest_deals):
#: their answers would otherwise grow with the graph, and the first 200 are what a reader scans.
#: The build marks the deals the newest-deals list sorts for this length (graph/summary.py).
LISTED = NEWEST

#: contract predicate (``invests_in``) -> local name of its convenience edge (``investsIn``)
_EDGE_NAMES = {p: str(t.edge).rsplit("#", 1)[-1] for p, t in PREDICATE_TERMS.items()}
_Edge = tuple[str, str, str]


def top_investors(store: GraphStore, limit: int = 20) -> list[InvestorTotal]:
    """Actors ranked by the US dollars they invested (investments and funding rounds)."""
    return query_rows(run_query(store, "top_investors", max_rows=limit), InvestorTotal)


def investment_by_country(store: GraphStore) -> list[CountryTotal]:
    """US-dollar totals of deals by destination country."""
    return query_rows(run_query(store, "investment_by_country"), CountryTotal)


def actor_facts(store: GraphStore, actor: str) -> list[ActorFact]:
    """The newest :data:`LISTED` reports of the facts about one actor, with evidence and source."""
    return query_rows(run_query(store, "actor_facts", actor=actor), ActorFact)


def datacenter_builds_by_country(store: GraphStore) -> list[CountryBuilds]:
    """Data-center builds by country with MW and USD totals."""
    return query_rows(run_query(store, "datacenter_builds_by_country"), CountryBuilds)


def power_deals(store: GraphStore) -> list[PowerDeal]:
    """The :data:`LISTED` largest power purchases by MW: buyer, seller, MW, USD."""
    return query_rows(run_query(store, "power_deals"), PowerDeal)


def funding_timeline(store: GraphStore, company: str) -> list[FundingEvent]:
    """A company's funding rounds, investments received and valuations, oldest first."""
    return query_rows(run_query(store, "funding_timeline", company=company), FundingEvent)


def common_partners(store: GraphStore, first: str, second: str) -> list[Partner]:
    """Actors that partner with both given actors."""
    return query_rows(run_query(store, "common_partners", first=first, second=second), Partner)


def two_hop_investors(store: GraphStore, country: str) -> list[TwoHop]:
    """Who invests in companies that build data centers in the given country."""
    return query_rows(run_query(store, "two_hop_investors", country=country), TwoHop)


def multi_source_deals(store: GraphStore) -> list[MultiSourceDeal]:
    """The :data:`LISTED` deals the most sources report (two or more: articles and their copies)."""
    return query_rows(run_query(store, "multi_source_deals"), MultiSourceDeal)


def newest_deals(store: GraphStore, limit: int = 20) -> list[DealRow]:
    """Deals by the date first reported, newest first (at most :data:`LISTED`)."""
    return query_rows(run_query(store, "newest_deals", max_rows=limit), DealRow)


def overview_counts(store: GraphStore) -> Overview:
    """Articles, actors, deals, total USD and total MW in the store."""
    record = query_records(run_query(store, "overview_counts"))[0]  # unbound: nothing built yet
    return Overview(
        articles=int(record["articles"] or 0),
        actors=int(record["actors"] or 0),
        deals=int(record["deals"] or 0),
        total_usd=float(record["total_usd"] or 0),
        total_mw=float(record["total_mw"] or 0),
    )


def search_actors(store: GraphStore, text: str, limit: int = 20) -> list[ActorHit]:
    """Actors whose name or alias contains the text, most-connected first."""
    if not text.strip():
        return []
    return query_rows(run_query(store, "search_actors", max_rows=limit, text=text.strip()), ActorHit)


def _card(record: dict[str, Any]) -> ActorCard:
    aliases = record.pop("aliases") or ""
    return ActorCard(**record, aliases=tuple(sorted(a for a in aliases.split("\n") if a)))


def actor_card(store: GraphStore, iri: str) -> ActorCard | None:
    """One actor's card, or None when the store does not know the IRI."""
    records = query_records(run_query(store, "actor_card", actor=iri))
    return _card(records[0]) if records else None


def all_actors(store: GraphStore) -> list[ActorCard]:
    """Every actor's card (the app's actor list and fuzzy search), by IRI; never truncated."""
    cards: dict[str, ActorCard] = {}
    for record in query_records(store.query(get_query("actor_card").text, check=False, max_rows=0)):
        if record["actor"] not in cards:  # an actor in two places keeps its first
            cards[record["actor"]] = _card(record)
    return [cards[iri] for iri in sorted(cards)]


def deal_reports(store: GraphStore, deals: Sequence[str] | None = None) -> list[DealReport]:
    """The reports of some deals (of every deal when None), oldest article first; never truncated."""
    if deals is None:
        result = store.query(get_query("deal_reports").text, check=False, max_rows=0)
    else:
        result = run_query(store, "deal_reports", max_rows=0, deal=list(deals))
    return query_rows(result, DealReport)


def ego_network(store: GraphStore, iri: str, depth: int = 1, max_nodes: int = 150) -> EgoNetwork:
    """The actors within ``depth`` hops of one actor and every edge between them.

    Hops follow the convenience edges in either direction, each hop taking the most connected
    neighbours first (by the facts they take part in); the search stops adding nodes at
    ``max_nodes`` (``truncated`` says so).
    """
    depths: dict[str, int] = {iri: 0}
    frontier = [iri]
    truncated = False
    for hop in range(1, max(depth, 0) + 1):
        if not frontier:
            break
        rows = run_query(store, "ego_hop", max_rows=0, node=frontier).rows
        new = [n for n in (str(row[0]) for row in rows) if n not in depths]
        room = max(max_nodes - len(depths), 0)
        truncated = truncated or len(new) > room
        frontier = sorted(new[:room])
        depths.update((n, hop) for n in frontier)
    edges: set[_Edge] = set()
    if len(depths) > 1:
        result = run_query(store, "ego_edges", max_rows=0, node=sorted(depths))
        edges = {(str(s), str(t), str(e).rsplit("#", 1)[-1]) for s, e, t in result.rows}
    labels = {
        r["node"]: (r["label"], r["type"])
        for r in query_records(run_query(store, "actor_labels", node=sorted(depths)))
    }
    nodes = tuple(
        EgoNode(n, *labels.get(n, (n.rsplit("/", 1)[-1], "Organization")), depth=d)
        for n, d in sorted(depths.items(), key=lambda item: (item[1], item[0]))
    )
    amounts = _edge_amounts(store, sorted(depths)) if edges else {}
    return EgoNetwork(
        center=iri,
        nodes=nodes,
        edges=tuple(EgoEdge(s, t, p, *amounts.get((s, t, p), (None, 0))) for s, t, p in sorted(edges)),
        truncated=truncated,
    )


def _edge_amounts(store: GraphStore, nodes: list[str]) -> dict[_Edge, tuple[float | None, int]]:
    """(subject, object, edge name) -> (USD summed over its deals, None without any; deals)."""
    out: dict[_Edge, tuple[float | None, int]] = {}
    for r in query_records(run_query(store, "ego_deals", max_rows=0, node=nodes)):
        edge = (r["node"], r["object"], _EDGE_NAMES.get(r["predicate"], r["predicate"]))
        out[edge] = (r["usd"], int(r["deals"]))
    return out


def article(store: GraphStore, iri: str) -> ArticleView | None:
    """One article's metadata, the facts it reports and its further copies, or None when unknown."""
    records = query_records(run_query(store, "article", article=iri))
    if not records:
        return None
    facts = query_rows(run_query(store, "article_facts", article=iri), ArticleFact)
    copies = query_rows(run_query(store, "article_copies", article=iri), ArticleCopy)
    return ArticleView(**records[0], facts=tuple(facts), copies=tuple(copies))
