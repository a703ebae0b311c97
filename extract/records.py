"""Typed records that leave the extract stage: articles, entities, amounts, power, relations."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any, Literal, get_args

__all__ = [
    "ENTITY_TYPES",
    "PREDICATES",
    "STATUSES",
    "Amount",
    "Article",
    "Copy",
    "Entity",
    "EntityType",
    "Evidence",
    "Extraction",
    "Mention",
    "Power",
    "Predicate",
    "Relation",
    "Status",
]

EntityType = Literal["Company", "Organization", "Country", "Region", "City", "Person"]
Predicate = Literal[
    "invests_in",
    "raises_funding",
    "valued_at",
    "builds_datacenter_in",
    "expands_to",
    "partners_with",
    "acquires",
    "supplies",
    "buys_power_from",
    "hires_in",
    "headquartered_in",
    "located_in",
    "works_for",
]
Status = Literal["planned", "announced", "completed", "rumoured", "denied"]
Bound = Literal["exact", "min", "max"]

ENTITY_TYPES: frozenset[str] = frozenset(get_args(EntityType))
PREDICATES: frozenset[str] = frozenset(get_args(Predicate))
STATUSES: frozenset[str] = frozenset(get_args(Status))
#: Predicates whose object may be null (the contract's exception).
OBJECTLESS_PREDICATES: frozenset[str] = frozenset({"raises_funding", "valued_at"})
#: Predicates whose two parties can be swapped without changing the meaning.
SYMMETRIC_PREDICATES: frozenset[str] = frozenset({"partners_with"})


@dataclass(frozen=True, slots=True)
class Copy:
    """Another place the same article was published: a syndicated or wire copy of its text.

    Attributes:
        url: where the copy was read (http(s)), when known.
        publisher: who published the copy.
        date: its publication date.
        title: its headline, which may differ from the article's.
        source: the feed, file or request it was read from.
        id: the corpus id of the copy, when it is a corpus file of its own.
        path: that corpus file.
    """

    url: str | None = None
    publisher: str | None = None
    date: dt.date | None = None
    title: str | None = None
    source: str | None = None
    id: str | None = None
    path: str | None = None

    def to_json(self) -> dict[str, str]:
        """The fields that are set, dates in ISO form (the input of the article's content hash)."""
        fields = (
            ("url", self.url),
            ("publisher", self.publisher),
            ("date", self.date.isoformat() if self.date else None),
            ("title", self.title),
            ("source", self.source),
            ("id", self.id),
            ("path", self.path),
        )
        return {k: v for k, v in fields if v}


@dataclass(frozen=True, slots=True)
class Article:
    """One news article: front matter plus body text, and the other copies of that text.

    ``content_hash`` covers the file and its copies, so recording a new copy rebuilds the article.
    """

    id: str
    title: str
    text: str
    date: dt.date | None = None
    publisher: str | None = None
    source: str | None = None
    url: str | None = None
    path: str | None = None
    content_hash: str = ""
    copies: tuple[Copy, ...] = ()


@dataclass(frozen=True, slots=True)
class Mention:
    """A surface form of an entity and its character span in the article body."""

    text: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Evidence:
    """The sentence a fact was read from, verbatim, with its span in the article body."""

    doc: str
    sentence: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Entity:
    """A named actor or place of one article, resolved to its canonical identity."""

    doc: str
    key: str
    name: str
    type: EntityType
    mentions: tuple[Mention, ...]
    wikidata: str | None = None
    country: str | None = None
    role: str | None = None
    aliases: tuple[str, ...] = ()
    confidence: float = 1.0
    in_registry: bool = False

    def to_json(self) -> dict[str, Any]:
        """The contract's `entity` record."""
        surface: list[str] = []
        for m in self.mentions:
            if m.text not in surface:
                surface.append(m.text)
        rec: dict[str, Any] = {
            "kind": "entity",
            "doc": self.doc,
            "name": self.name,
            "type": self.type,
            "mentions": surface or [self.name],
            "key": self.key,
            "confidence": self.confidence,
        }
        if self.wikidata:
            rec["wikidata"] = self.wikidata
        if self.country:
            rec["country"] = self.country
        if self.role:
            rec["role"] = self.role
        return rec


@dataclass(frozen=True, slots=True)
class Amount:
    """A money mention, parsed into value and ISO 4217 currency, with its USD conversion."""

    doc: str
    text: str
    value: float
    currency: str
    usd: float | None
    evidence: Evidence
    start: int
    end: int
    bound: Bound = "exact"
    fx_rate: float | None = None
    fx_date: dt.date | None = None
    about: str | None = None

    def to_json(self) -> dict[str, Any]:
        """The contract's `amount` record."""
        rec: dict[str, Any] = {
            "kind": "amount",
            "doc": self.doc,
            "text": self.text,
            "value": self.value,
            "currency": self.currency,
            "usd": self.usd,
            "bound": self.bound,
            "start": self.start,
            "end": self.end,
        }
        if self.fx_rate is not None:
            rec["fx_rate"] = self.fx_rate
            rec["fx_date"] = self.fx_date.isoformat() if self.fx_date else None
        if self.about:
            rec["about"] = self.about
        return rec


@dataclass(frozen=True, slots=True)
class Power:
    """A power capacity in megawatts."""

    doc: str
    text: str
    mw: float
    evidence: Evidence
    start: int
    end: int
    about: str | None = None

    def to_json(self) -> dict[str, Any]:
        """The contract's `power` record."""
        rec: dict[str, Any] = {
            "kind": "power",
            "doc": self.doc,
            "text": self.text,
            "mw": self.mw,
            "start": self.start,
            "end": self.end,
        }
        if self.about:
            rec["about"] = self.about
        return rec


@dataclass(frozen=True, slots=True)
class Relation:
    """A fact between two entities (or one, for objectless predicates), with its evidence."""

    doc: str
    subject: str
    predicate: Predicate
    object: str | None
    amount_usd: float | None
    confidence: float
    evidence: Evidence
    status: Status | None = None
    amount: Amount | None = None
    power_mw: float | None = None

    def to_json(self) -> dict[str, Any]:
        """The contract's `relation` record."""
        rec: dict[str, Any] = {
            "kind": "relation",
            "doc": self.doc,
            "subject": self.subject,
            "predicate": self.predicate,
            "object": self.object,
            "amount_usd": self.amount_usd,
            "evidence": self.evidence.sentence,
            "confidence": self.confidence,
            "evidence_start": self.evidence.start,
            "evidence_end": self.evidence.end,
        }
        if self.status:
            rec["status"] = self.status
        if self.amount is not None:
            rec["amount_text"] = self.amount.text
            rec["amount_value"] = self.amount.value
            rec["amount_currency"] = self.amount.currency
        if self.power_mw is not None:
            rec["power_mw"] = self.power_mw
        return rec


@dataclass(frozen=True, slots=True)
class Extraction:
    """Everything read out of one article."""

    article: Article
    entities: tuple[Entity, ...] = ()
    amounts: tuple[Amount, ...] = ()
    powers: tuple[Power, ...] = ()
    relations: tuple[Relation, ...] = field(default=())

    def records(self) -> list[dict[str, Any]]:
        """Every record of this article as contract dicts, entities first."""
        out: list[dict[str, Any]] = [e.to_json() for e in self.entities]
        out += [a.to_json() for a in self.amounts]
        out += [p.to_json() for p in self.powers]
        out += [r.to_json() for r in self.relations]
        return out

    def entity(self, name: str) -> Entity | None:
        """The entity with this canonical name, if any."""
        for e in self.entities:
            if e.name == name:
                return e
        return None
