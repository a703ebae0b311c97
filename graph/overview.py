"""The Overview's figures under a deal filter: headline, USD by country, deals by month, top actors.

Unfiltered, every figure is read from the rollups each build folds into the summary graph
(:mod:`graph.summary`), so the Overview costs the same few milliseconds at ten thousand articles
as at ten. Under a :class:`~graph.dealfilter.DealFilter`, each figure is one aggregating SPARQL
query over the deals the filter keeps (a deal is kept when one of its reports passes); the deal
then counts with its own figures (largest amount, first date, whether any report states it),
read from the summary graph. Only small answers cross into Python: totals, one row per country,
month or ranked actor, and the newest deals.

Example:
    >>> from graph.store import open_store
    >>> overview_figures(open_store("memory"), DealFilter()).headline
    Overview(articles=0, actors=0, deals=0, total_usd=0.0, total_mw=0.0)
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from graph.dealfilter import DEAL_TYPES, DealFilter
from graph.iris import country_iri
from graph.named import query_records
from graph.nquads import date_literal, string_literal, term_text
from graph.queries import LISTED, overview_counts
from graph.rows import Overview
from graph.sparql import prefix_block
from graph.store import GraphStore

__all__ = [
    "ActorTotal",
    "CountryUsd",
    "FilterOptions",
    "MonthDeals",
    "OverviewFigures",
    "RecentDeal",
    "filter_options",
    "overview_figures",
]

#: How many actors each ranking shows, and how many of the newest deals the table lists.
TOP_ACTORS = 15
NEWEST_DEALS = LISTED
_PREFIXES = prefix_block(("aikg", "schema", "prov", "dcterms", "rdfs", "xsd"))
_UNLIMITED: dict[str, Any] = {"check": False, "max_rows": 0, "timeout_s": 0}


@dataclass(frozen=True, slots=True)
class CountryUsd:
    """US dollars of the stated deals aimed at one country (each deal at its largest amount)."""

    iso: str
    country: str
    usd: float
    deals: int


@dataclass(frozen=True, slots=True)
class MonthDeals:
    """The deals of one type first reported in one month."""

    month: dt.date
    predicate: str
    deals: int
    usd: float


@dataclass(frozen=True, slots=True)
class ActorTotal:
    """An actor in a ranking: by deals taken part in, or by US dollars put in."""

    actor: str
    label: str
    value: float


@dataclass(frozen=True, slots=True)
class RecentDeal:
    """One of the newest deals, with its own figures."""

    deal: str
    predicate: str
    subject_label: str
    object_label: str | None
    date: dt.date | None
    usd: float | None
    mw: float | None
    reports: int
    stated: bool


@dataclass(frozen=True, slots=True)
class FilterOptions:
    """What the filter widgets offer: the article dates' range, deal types, countries and roles."""

    first: dt.date | None
    last: dt.date | None
    deal_types: tuple[str, ...]
    countries: tuple[str, ...]
    roles: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class OverviewFigures:
    """Everything the Overview draws, for one filter."""

    headline: Overview
    by_country: tuple[CountryUsd, ...]
    timeline: tuple[MonthDeals, ...]
    top_by_deals: tuple[ActorTotal, ...]
    top_by_usd: tuple[ActorTotal, ...]
    newest: tuple[RecentDeal, ...]
    filtered: bool


def _records(store: GraphStore, body: str) -> list[dict[str, Any]]:
    return query_records(store.query(_PREFIXES + body, **_UNLIMITED))


def kept_deals(deal_filter: DealFilter, *, with_article: bool = False) -> str:
    """A subquery of the deals (``?deal``, with their type ``?kind``) a filter keeps.

    A deal is kept when one of its reports passes: the reporting article's date lies in the
    range, the deal is of one of the types, one of its parties is based in (or, a place, lies in)
    one of the countries, and one of its parties has one of the roles.

    Args:
        deal_filter: the filter.
        with_article: also project each passing report's ``?article``.
    """
    f = deal_filter
    lines = []
    # The small side first: Oxigraph joins in the written order, and a filter tested on every
    # report took seconds at a thousand articles where starting from the parties takes ms.
    if f.countries:
        homes = " ".join(term_text(country_iri(c)) for c in f.countries)
        lines.append(
            "{ SELECT DISTINCT ?deal WHERE {\n"
            f"    {{ VALUES ?home {{ {homes} }} ?deal aikg:factSubject|aikg:factObject ?home }}\n"
            f"    UNION {{ VALUES ?home {{ {homes} }}\n"
            "            ?party schema:location|schema:containedInPlace ?home .\n"
            "            ?deal aikg:factSubject|aikg:factObject ?party } } }"
        )
    if f.roles:
        roles = " ".join(term_text(string_literal(r)) for r in f.roles)
        lines.append(
            f"VALUES ?role {{ {roles} }} ?player aikg:role ?role .\n"
            "  ?deal aikg:factSubject|aikg:factObject ?player ."
        )
    if f.deal_types:
        lines.append("VALUES ?kind { " + " ".join(term_text(string_literal(t)) for t in f.deal_types) + " }")
    lines += [
        "?deal aikg:reportCount ?reportCount ; aikg:factPredicate ?kind .",
        "?report aikg:reports ?deal ; prov:wasDerivedFrom ?article .",
    ]
    if f.start is not None or f.end is not None:
        lines.append("?article dcterms:date ?articleDate .")
        if f.start is not None:
            lines.append(f"FILTER(?articleDate >= {term_text(date_literal(f.start))})")
        if f.end is not None:
            lines.append(f"FILTER(?articleDate <= {term_text(date_literal(f.end))})")
    projected = "?deal ?kind ?article" if with_article else "?deal ?kind"
    return f"{{ SELECT DISTINCT {projected} WHERE {{\n  " + "\n  ".join(lines) + "\n} }"


def filter_options(store: GraphStore) -> FilterOptions:
    """The choices the filters offer, from the whole graph."""
    dates = _records(
        store,
        "SELECT (MIN(?d) AS ?first) (MAX(?d) AS ?last) WHERE { ?a a schema:NewsArticle ; dcterms:date ?d }",
    )
    first, last = (dates[0]["first"], dates[0]["last"]) if dates else (None, None)
    kinds = _records(store, "SELECT DISTINCT ?kind WHERE { ?m a aikg:MonthlyDeals ; aikg:predicate ?kind }")
    codes = _records(store, "SELECT DISTINCT ?code WHERE { ?c a schema:Country ; aikg:isoCode ?code }")
    roles = _records(store, "SELECT DISTINCT ?role WHERE { ?a aikg:role ?role }")
    present = {r["kind"] for r in kinds}
    return FilterOptions(
        first=first if isinstance(first, dt.date) else None,
        last=last if isinstance(last, dt.date) else None,
        deal_types=tuple(t for t in DEAL_TYPES if t in present),
        countries=tuple(sorted(r["code"] for r in codes)),
        roles=tuple(sorted(r["role"] for r in roles)),
    )


def _headline(store: GraphStore, kept: str, kept_pairs: str) -> Overview:
    rows = _records(
        store,
        "SELECT ?articles ?deals ?actors ?totalUsd ?totalMw WHERE {\n"
        f"  {{ SELECT (COUNT(DISTINCT ?article) AS ?articles) (COUNT(DISTINCT ?deal) AS ?deals)\n"
        f"    WHERE {{ {kept_pairs} }} }}\n"
        f"  {{ SELECT (COUNT(DISTINCT ?party) AS ?actors)\n"
        f"    WHERE {{ {kept} ?deal aikg:factSubject|aikg:factObject ?party }} }}\n"
        f"  {{ SELECT (COALESCE(SUM(?usd), 0.0) AS ?totalUsd)\n"
        f"    WHERE {{ {kept} ?deal aikg:largestUsd ?usd ; aikg:stated true\n"
        '            FILTER(?kind != "valued_at") } }\n'
        f"  {{ SELECT (COALESCE(SUM(?mw), 0.0) AS ?totalMw)\n"
        f"    WHERE {{ {kept} ?deal aikg:largestMW ?mw ; aikg:stated true }} }}\n"
        "}",
    )
    r = rows[0]
    return Overview(
        int(r["articles"]), int(r["actors"]), int(r["deals"]), float(r["total_usd"]), float(r["total_mw"])
    )


def _countries(store: GraphStore, kept: str | None) -> tuple[CountryUsd, ...]:
    if kept is None:
        body = (
            "SELECT ?iso ?country ?usd ?deals WHERE {\n"
            "  ?c aikg:inboundUsd ?usd ; aikg:inboundDeals ?deals ; aikg:isoCode ?iso ; rdfs:label ?country }"
        )
    else:
        body = (
            "SELECT ?iso ?country (SUM(?dealUsd) AS ?usd) (COUNT(?deal) AS ?deals) WHERE {\n"
            f"  {kept}\n"
            "  ?deal aikg:destinationCountry ?c ; aikg:largestUsd ?dealUsd ; aikg:stated true .\n"
            "  ?c aikg:isoCode ?iso ; rdfs:label ?country }\n"
            "GROUP BY ?iso ?country"
        )
    rows = [
        CountryUsd(r["iso"], r["country"], float(r["usd"]), int(r["deals"])) for r in _records(store, body)
    ]
    return tuple(sorted(rows, key=lambda c: (-c.usd, c.country)))


def _timeline(store: GraphStore, kept: str | None) -> tuple[MonthDeals, ...]:
    if kept is None:
        body = (
            "SELECT ?month ?kind ?deals ?usd WHERE {\n"
            "  ?m a aikg:MonthlyDeals ; aikg:month ?month ; aikg:predicate ?kind ;\n"
            "     aikg:totalDeals ?deals ; aikg:totalUsd ?usd }"
        )
    else:
        body = (
            "SELECT ?month ?kind (COUNT(?deal) AS ?deals) (SUM(COALESCE(?dealUsd, 0.0)) AS ?usd) WHERE {\n"
            f"  {kept}\n"
            "  ?deal aikg:firstReported ?first . OPTIONAL { ?deal aikg:largestUsd ?dealUsd }\n"
            "  BIND(SUBSTR(STR(?first), 1, 7) AS ?month) }\n"
            "GROUP BY ?month ?kind"
        )
    out = []
    for r in _records(store, body):
        year, month = (int(part) for part in str(r["month"]).split("-")[:2])
        out.append(MonthDeals(dt.date(year, month, 1), r["kind"], int(r["deals"]), float(r["usd"])))
    return tuple(sorted(out, key=lambda m: (m.month, m.predicate)))


def _ranking(store: GraphStore, body: str) -> tuple[ActorTotal, ...]:
    rows = [ActorTotal(r["actor"], r["label"], float(r["value"])) for r in _records(store, body)]
    return tuple(sorted(rows, key=lambda a: (-a.value, a.label))[:TOP_ACTORS])


def _top(store: GraphStore, kept: str | None) -> tuple[tuple[ActorTotal, ...], tuple[ActorTotal, ...]]:
    limit = f"ORDER BY DESC(?value) ?label LIMIT {TOP_ACTORS}"
    if kept is None:
        ranked = "SELECT ?actor ?label ?value WHERE {{ ?actor aikg:{} ?value ; rdfs:label ?label }} {}"
        by_deals, by_usd = ranked.format("dealCount", limit), ranked.format("investedUsd", limit)
    else:
        by_deals = (
            "SELECT ?actor ?label (COUNT(DISTINCT ?deal) AS ?value) WHERE {\n"
            f"  {kept} ?deal aikg:factSubject|aikg:factObject ?actor . ?actor rdfs:label ?label }}\n"
            f"GROUP BY ?actor ?label {limit}"
        )
        by_usd = (
            "SELECT ?actor ?label (SUM(?usd) AS ?value) WHERE {\n"
            f"  {{ SELECT DISTINCT ?deal ?actor WHERE {{ {kept} ?deal aikg:investor ?actor }} }}\n"
            "  ?deal aikg:largestUsd ?usd ; aikg:stated true . ?actor rdfs:label ?label }\n"
            f"GROUP BY ?actor ?label {limit}"
        )
    return _ranking(store, by_deals), _ranking(store, by_usd)


def _newest(store: GraphStore, kept_pairs: str | None) -> tuple[RecentDeal, ...]:
    """The newest deals: by first report, or under a filter by their first report that passed."""
    if kept_pairs is None:
        dated = "{ SELECT ?deal ?date WHERE { ?deal aikg:firstReported ?date }"
    else:
        dated = (
            "{ SELECT ?deal (MIN(?reported) AS ?date)\n"
            f"    WHERE {{ {kept_pairs} ?article dcterms:date ?reported }} GROUP BY ?deal"
        )
    body = (
        "SELECT DISTINCT ?deal ?predicate ?subjectLabel ?objectLabel ?date ?usd ?mw ?reports ?stated\n"
        "WHERE {\n"
        f"  {dated}\n"
        f"    ORDER BY DESC(?date) LIMIT {NEWEST_DEALS} }}\n"
        "  ?deal aikg:factPredicate ?predicate ; aikg:factSubject ?subject ; aikg:reportCount ?reports ;\n"
        "        aikg:stated ?stated .\n"
        "  ?subject rdfs:label ?subjectLabel .\n"
        "  OPTIONAL { ?deal aikg:factObject ?object . ?object rdfs:label ?objectLabel }\n"
        "  OPTIONAL { ?deal aikg:largestUsd ?usd }\n"
        "  OPTIONAL { ?deal aikg:largestMW ?mw }\n"
        "}"
    )
    rows, seen = [], set()
    for r in _records(store, body):
        if r["deal"] in seen:  # a party with two labels gives a deal two rows: keep the first
            continue
        seen.add(r["deal"])
        rows.append(
            RecentDeal(
                r["deal"], r["predicate"], r["subject_label"], r["object_label"], r["date"],
                r["usd"], r["mw"], int(r["reports"]), bool(r["stated"]),
            )
        )  # fmt: skip
    return tuple(sorted(rows, key=lambda d: (d.date or dt.date.min, d.usd or 0.0), reverse=True))


def overview_figures(store: GraphStore, deal_filter: DealFilter) -> OverviewFigures:
    """The Overview's figures under a filter (from the summary graph's rollups when it is empty)."""
    kept = kept_pairs = None
    if deal_filter.active:
        kept, kept_pairs = kept_deals(deal_filter), kept_deals(deal_filter, with_article=True)
    by_deals, by_usd = _top(store, kept)
    return OverviewFigures(
        headline=overview_counts(store) if kept is None else _headline(store, kept, kept_pairs or ""),
        by_country=_countries(store, kept),
        timeline=_timeline(store, kept),
        top_by_deals=by_deals,
        top_by_usd=by_usd,
        newest=_newest(store, kept_pairs),
        filtered=kept is not None,
    )
