"""Named SPARQL queries for the app and the CLI, and typed functions that run them.

Each query lives in ``graph/queries/<name>.rq`` with a ``# title:`` and a ``# description:``
comment and one ``# param: name (iri|text): help`` line per parameter. Parameters are bound
through :func:`graph.sparql.bind_values` (a ``VALUES`` block of escaped terms at the query's
``#@bind`` line), never pasted in. Run unbound (``aikg query graph/queries/actor_facts.rq``), a
query answers for every actor.

Example:
    >>> from graph.store import open_store
    >>> overview_counts(open_store("memory"))
    Overview(articles=0, actors=0, deals=0, total_usd=0.0, total_mw=0.0)
"""

from __future__ import annotations

import re
from dataclasses import dataclass, fields
from decimal import Decimal
from importlib import resources
from typing import Any, TypeVar

from rdflib.term import Literal, URIRef

from graph.errors import QueryError, UnknownQueryError
from graph.nquads import Term, is_valid_iri
from graph.results import QueryResult
from graph.rows import (
    ActorCard,
    ActorFact,
    ActorHit,
    ArticleFact,
    ArticleView,
    CountryBuilds,
    CountryTotal,
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

__all__ = [
    "NamedQuery",
    "actor_card",
    "actor_facts",
    "article",
    "common_partners",
    "datacenter_builds_by_country",
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

_HEADER = re.compile(r"^#\s*(title|description|param):\s*(.*)$")
_PARAM = re.compile(r"^(\w+)\s*\((iri|text)\)\s*:\s*(.*)$")
_CAMEL = re.compile(r"(?<!^)(?=[A-Z])")
R = TypeVar("R")


@dataclass(frozen=True, slots=True)
class NamedQuery:
    """One shipped query: its name (the file stem), title, description, parameters and text.

    ``params`` holds (name, kind, help) with kind ``iri`` or ``text``.
    """

    name: str
    title: str
    description: str
    params: tuple[tuple[str, str, str], ...]
    text: str


def _parse(name: str, text: str) -> NamedQuery:
    meta: dict[str, str] = {}
    params: list[tuple[str, str, str]] = []
    for line in text.splitlines():
        match = _HEADER.match(line.strip())
        if match is None:
            continue
        key, value = match.groups()
        if key == "param":
            param = _PARAM.match(value)
            if param is None:
                raise QueryError(f"queries/{name}.rq: malformed '# param:' line {value!r}")
            params.append((param.group(1), param.group(2), param.group(3)))
        else:
            meta[key] = value
    if "title" not in meta or "description" not in meta:
        raise QueryError(f"queries/{name}.rq: needs '# title:' and '# description:' lines")
    return NamedQuery(name, meta["title"], meta["description"], tuple(params), text)


def list_queries() -> list[NamedQuery]:
    """Every shipped query, sorted by name."""
    folder = resources.files("graph").joinpath("queries")
    out = []
    for entry in folder.iterdir():
        if entry.name.endswith(".rq"):
            out.append(_parse(entry.name[:-3], entry.read_text(encoding="utf-8")))
    return sorted(out, key=lambda q: q.name)


def get_query(name: str) -> NamedQuery:
    """One shipped query by name.

    Raises:
        UnknownQueryError: no query has that name; lists the available ones.
    """
    queries = {q.name: q for q in list_queries()}
    if name not in queries:
        raise UnknownQueryError(name, sorted(queries))
    return queries[name]


def _term(query: NamedQuery, name: str, kind: str, value: object) -> Term | list[Term]:
    if isinstance(value, list | tuple | set | frozenset):
        terms: list[Term] = []
        for item in sorted(value, key=str):
            one = _term(query, name, kind, item)
            terms.extend(one if isinstance(one, list) else [one])
        return terms
    text = str(value)
    if kind == "iri":
        if not is_valid_iri(text):
            raise QueryError(f"{query.name}: parameter {name} needs an IRI, got {text!r}")
        return URIRef(text)
    return Literal(text)


def run_query(
    store: GraphStore,
    name: str,
    *,
    timeout_s: float | None = None,
    max_rows: int | None = None,
    **params: object,
) -> QueryResult:
    """Run a shipped query with its parameters bound.

    Raises:
        UnknownQueryError: no such query.
        QueryError: a parameter is missing, unknown, or not an IRI where one is needed.
    """
    query = get_query(name)
    declared = {p[0]: p[1] for p in query.params}
    unknown = sorted(set(params) - set(declared))
    if unknown:
        raise QueryError(
            f"{name}: unknown parameter {unknown[0]!r}; parameters: {', '.join(declared) or 'none'}"
        )
    missing = sorted(set(declared) - set(params))
    if missing:
        raise QueryError(f"{name}: missing parameter {missing[0]!r}")
    bindings = {k: _term(query, k, declared[k], v) for k, v in params.items()}
    return store.query(query.text, bindings=bindings, timeout_s=timeout_s, max_rows=max_rows, check=False)


def _records(result: QueryResult) -> list[dict[str, Any]]:
    """Rows with snake_case keys and decimals as floats."""
    out = []
    for record in result.records():
        out.append(
            {_CAMEL.sub("_", k).lower(): float(v) if isinstance(v, Decimal) else v for k, v in record.items()}
        )
    return out


def _rows(result: QueryResult, cls: type[R]) -> list[R]:
    names = {f.name for f in fields(cls)}  # type: ignore[arg-type]
    return [cls(**{k: v for k, v in r.items() if k in names}) for r in _records(result)]


def top_investors(store: GraphStore, limit: int = 20) -> list[InvestorTotal]:
    """Actors ranked by the US dollars they invested (investments and funding rounds)."""
    return _rows(run_query(store, "top_investors", max_rows=limit), InvestorTotal)


def investment_by_country(store: GraphStore) -> list[CountryTotal]:
    """US-dollar totals of deals by destination country."""
    return _rows(run_query(store, "investment_by_country"), CountryTotal)


def actor_facts(store: GraphStore, actor: str) -> list[ActorFact]:
    """Every fact about one actor, one row per report, with evidence and source."""
    return _rows(run_query(store, "actor_facts", actor=actor), ActorFact)


def datacenter_builds_by_country(store: GraphStore) -> list[CountryBuilds]:
    """Data-center builds by country with MW and USD totals."""
    return _rows(run_query(store, "datacenter_builds_by_country"), CountryBuilds)


def power_deals(store: GraphStore) -> list[PowerDeal]:
    """Power purchases: buyer, seller, MW, USD."""
    return _rows(run_query(store, "power_deals"), PowerDeal)


def funding_timeline(store: GraphStore, company: str) -> list[FundingEvent]:
    """A company's funding rounds, investments received and valuations, oldest first."""
    return _rows(run_query(store, "funding_timeline", company=company), FundingEvent)


def common_partners(store: GraphStore, first: str, second: str) -> list[Partner]:
    """Actors that partner with both given actors."""
    return _rows(run_query(store, "common_partners", first=first, second=second), Partner)


def two_hop_investors(store: GraphStore, country: str) -> list[TwoHop]:
    """Who invests in companies that build data centers in the given country."""
    return _rows(run_query(store, "two_hop_investors", country=country), TwoHop)


def multi_source_deals(store: GraphStore) -> list[MultiSourceDeal]:
    """Deals reported by two or more articles."""
    return _rows(run_query(store, "multi_source_deals"), MultiSourceDeal)


def newest_deals(store: GraphStore, limit: int = 20) -> list[DealRow]:
    """Deals by the date first reported, newest first."""
    return _rows(run_query(store, "newest_deals", max_rows=limit), DealRow)


def overview_counts(store: GraphStore) -> Overview:
    """Articles, actors, deals, total USD and total MW in the store."""
    record = _records(run_query(store, "overview_counts"))[0]
    return Overview(
        articles=int(record["articles"]),
        actors=int(record["actors"]),
        deals=int(record["deals"]),
        total_usd=float(record["total_usd"]),
        total_mw=float(record["total_mw"]),
    )


def search_actors(store: GraphStore, text: str, limit: int = 20) -> list[ActorHit]:
    """Actors whose name or alias contains the text, most-connected first."""
    if not text.strip():
        return []
    return _rows(run_query(store, "search_actors", max_rows=limit, text=text.strip()), ActorHit)


def actor_card(store: GraphStore, iri: str) -> ActorCard | None:
    """One actor's card, or None when the store does not know the IRI."""
    records = _records(run_query(store, "actor_card", actor=iri))
    if not records:
        return None
    record = records[0]
    aliases = record.pop("aliases") or ""
    return ActorCard(**record, aliases=tuple(sorted(a for a in aliases.split("\n") if a)))


def ego_network(store: GraphStore, iri: str, depth: int = 1, max_nodes: int = 150) -> EgoNetwork:
    """The actors within ``depth`` hops of one actor and the edges between them.

    Hops follow the convenience edges in either direction; the search stops adding nodes at
    ``max_nodes`` (``truncated`` says so).
    """
    depths: dict[str, int] = {iri: 0}
    edges: set[tuple[str, str, str]] = set()
    frontier = {iri}
    truncated = False
    for hop in range(1, max(depth, 0) + 1):
        if not frontier:
            break
        result = run_query(store, "ego_hop", node=sorted(frontier))
        frontier = set()
        for source, edge, target in (tuple(map(str, r)) for r in result.rows):
            for node in (source, target):
                if node not in depths:
                    if len(depths) >= max_nodes:
                        truncated = True
                        continue
                    depths[node] = hop
                    frontier.add(node)
            if source in depths and target in depths:
                edges.add((source, target, edge.rsplit("#", 1)[-1]))
    labels = {
        r["node"]: (r["label"], r["type"])
        for r in _records(run_query(store, "actor_labels", node=sorted(depths)))
    }
    nodes = tuple(
        EgoNode(n, *labels.get(n, (n.rsplit("/", 1)[-1], "Organization")), depth=d)
        for n, d in sorted(depths.items(), key=lambda item: (item[1], item[0]))
    )
    return EgoNetwork(
        center=iri,
        nodes=nodes,
        edges=tuple(EgoEdge(s, t, p) for s, t, p in sorted(edges)),
        truncated=truncated,
    )


def article(store: GraphStore, iri: str) -> ArticleView | None:
    """One article's metadata and the facts it reports, or None when unknown."""
    records = _records(run_query(store, "article", article=iri))
    if not records:
        return None
    facts = _rows(run_query(store, "article_facts", article=iri), ArticleFact)
    return ArticleView(**records[0], facts=tuple(facts))
