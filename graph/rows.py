"""The small records :mod:`graph.queries` returns, one dataclass per shipped query.

Field names are the snake_case of the query's variables (``?investorLabel`` ->
``investor_label``); IRIs are strings, amounts floats (US dollars, megawatts), dates
``datetime.date``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

__all__ = [
    "ActorCard",
    "ActorFact",
    "ActorHit",
    "ArticleCopy",
    "ArticleFact",
    "ArticleView",
    "CountryBuilds",
    "CountryTotal",
    "DealReport",
    "DealRow",
    "EgoEdge",
    "EgoNetwork",
    "EgoNode",
    "FundingEvent",
    "InvestorTotal",
    "MultiSourceDeal",
    "Overview",
    "Partner",
    "PowerDeal",
    "TwoHop",
]


@dataclass(frozen=True, slots=True)
class InvestorTotal:
    """An investor and the US dollars of the deals it put money into."""

    investor: str
    investor_label: str
    deals: int
    total_usd: float


@dataclass(frozen=True, slots=True)
class CountryTotal:
    """A destination country and the US dollars of the deals aimed at it."""

    country: str
    country_label: str
    deals: int
    total_usd: float


@dataclass(frozen=True, slots=True)
class CountryBuilds:
    """Data-center builds in one country."""

    country: str
    country_label: str
    builds: int
    total_mw: float
    total_usd: float


@dataclass(frozen=True, slots=True)
class ActorFact:
    """One report of one fact about an actor; ``direction`` is ``out`` when it is the subject."""

    fact: str
    predicate: str
    direction: str
    other: str | None
    other_label: str | None
    usd: float | None
    mw: float | None
    status: str | None
    evidence: str
    confidence: float
    article: str
    title: str
    date: dt.date | None
    url: str | None


@dataclass(frozen=True, slots=True)
class PowerDeal:
    """An electricity purchase."""

    deal: str
    buyer: str
    buyer_label: str
    seller: str
    seller_label: str
    mw: float | None
    usd: float | None
    status: str | None
    date: dt.date | None


@dataclass(frozen=True, slots=True)
class FundingEvent:
    """A funding round, an investment received, or a valuation of a company."""

    deal: str
    kind: str
    date: dt.date | None
    usd: float | None
    investor: str | None
    investor_label: str | None


@dataclass(frozen=True, slots=True)
class Partner:
    """An actor that partners with both given actors."""

    partner: str
    partner_label: str


@dataclass(frozen=True, slots=True)
class TwoHop:
    """An investor in a company that builds data centers in the asked country."""

    investor: str
    investor_label: str
    company: str
    company_label: str
    places: str


@dataclass(frozen=True, slots=True)
class MultiSourceDeal:
    """A deal and how many articles report it."""

    deal: str
    predicate: str
    subject_label: str
    object_label: str | None
    sources: int
    usd: float | None


@dataclass(frozen=True, slots=True)
class DealRow:
    """A deal with its parties, first-reported date, figures and number of reports."""

    deal: str
    predicate: str
    subject: str
    subject_label: str
    object: str | None
    object_label: str | None
    date: dt.date | None
    usd: float | None
    mw: float | None
    reports: int


@dataclass(frozen=True, slots=True)
class DealReport:
    """One report of one deal: the deal's parties and figures, and the report's own evidence.

    ``usd`` and ``mw`` are the deal's largest reported figures; ``status``, ``confidence``,
    ``evidence`` and the article (its IRI, id, title and date) belong to this report.
    """

    deal: str
    predicate: str
    subject: str
    subject_label: str | None
    object: str | None
    object_label: str | None
    usd: float | None
    mw: float | None
    status: str | None
    confidence: float
    evidence: str
    article: str
    article_id: str
    title: str
    date: dt.date | None


@dataclass(frozen=True, slots=True)
class Overview:
    """Headline numbers of the graph."""

    articles: int
    actors: int
    deals: int
    total_usd: float
    total_mw: float


@dataclass(frozen=True, slots=True)
class ActorHit:
    """An actor found by name."""

    actor: str
    label: str
    type: str
    facts: int


@dataclass(frozen=True, slots=True)
class ActorCard:
    """Everything the graph holds about one actor itself (not its facts)."""

    actor: str
    label: str
    type: str
    role: str | None
    wikidata: str | None
    iso_code: str | None
    country: str | None
    country_label: str | None
    country_code: str | None
    in_registry: bool | None
    confidence: float | None
    facts: int
    articles: int
    aliases: tuple[str, ...] = ()

    @property
    def home(self) -> str | None:
        """The ISO 3166-1 code of the actor's country: its own (a country), else its place's."""
        return self.iso_code or self.country_code


@dataclass(frozen=True, slots=True)
class EgoNode:
    """An actor of an ego network, ``depth`` hops from the centre."""

    iri: str
    label: str
    type: str
    depth: int


@dataclass(frozen=True, slots=True)
class EgoEdge:
    """A convenience edge (``predicate`` is its local name, such as ``investsIn``).

    ``deals`` counts the deals behind it and ``usd`` sums their largest reported amounts
    (None when none has one); edges that are no deal (headquarters, employment) have neither.
    """

    source: str
    target: str
    predicate: str
    usd: float | None = None
    deals: int = 0


@dataclass(frozen=True, slots=True)
class EgoNetwork:
    """The actors around one actor and the edges between them."""

    center: str
    nodes: tuple[EgoNode, ...]
    edges: tuple[EgoEdge, ...]
    truncated: bool = False


@dataclass(frozen=True, slots=True)
class ArticleFact:
    """One fact an article reports, with its evidence span."""

    fact: str
    predicate: str
    subject: str
    subject_label: str
    object: str | None
    object_label: str | None
    usd: float | None
    mw: float | None
    status: str | None
    evidence: str
    start: int
    end: int
    confidence: float


@dataclass(frozen=True, slots=True)
class ArticleCopy:
    """One further place an article's text was published: a source of all its facts too."""

    article: str
    copy: str
    url: str | None
    publisher: str | None
    date: dt.date | None
    title: str | None
    id: str | None


@dataclass(frozen=True, slots=True)
class ArticleView:
    """An article's metadata, the facts it reports, and its further copies."""

    article: str
    id: str
    title: str
    date: dt.date | None
    publisher: str | None
    source: str | None
    url: str | None
    path: str | None
    hash: str | None
    facts: tuple[ArticleFact, ...] = ()
    copies: tuple[ArticleCopy, ...] = ()

    @property
    def sources(self) -> int:
        """How many sources the article stands for: itself and each further copy."""
        return 1 + len(self.copies)
