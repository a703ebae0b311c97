"""Deterministic IRIs: the only place aikg builds an IRI for an actor, fact, report or graph.

Actors are named from their type and identity key, facts from the sha1 of the canonical JSON of
what makes them the same fact (never from the evidence, so two articles reporting one deal meet
on one node), reports from the fact plus the evidence, graphs from the article id.

Example:
    >>> str(actor_iri("Company", "OpenAI"))
    'https://aikg.dev/id/company/openai'
    >>> str(actor_iri("Country", "country:US"))
    'https://aikg.dev/id/country/country-us'
    >>> str(article_graph_iri("tsmc-arizona-100b-chips-award-2025"))
    'https://aikg.dev/graph/article/tsmc-arizona-100b-chips-award-2025'
"""

from __future__ import annotations

import hashlib
import json
import re
import unicodedata
from typing import Any

from rdflib.term import URIRef

__all__ = [
    "ACTORS_GRAPH",
    "BASE",
    "BUILD_STATE",
    "EDGES_GRAPH",
    "GRAPH_BASE",
    "META_GRAPH",
    "MONTHLY",
    "ONTOLOGY_GRAPH",
    "SUMMARY_GRAPH",
    "TOTALS",
    "actor_iri",
    "amount_bucket",
    "amount_iri",
    "article_graph_iri",
    "article_id_of_graph",
    "article_iri",
    "canonical_json",
    "copy_iri",
    "country_iri",
    "fact_iri",
    "hash_record",
    "report_iri",
    "slug",
]

BASE = "https://aikg.dev/id/"
GRAPH_BASE = "https://aikg.dev/graph/"
_ARTICLE_GRAPH_BASE = GRAPH_BASE + "article/"
#: The merged description of every actor (labels, types, registry data).
ACTORS_GRAPH = URIRef(GRAPH_BASE + "actors")
#: Build metadata: each article's content hash and build time.
META_GRAPH = URIRef(GRAPH_BASE + "meta")
#: The node of the meta graph that says the last build finished, with what the store then held;
#: every article write or removal deletes it, so its presence means nothing changed since.
BUILD_STATE = URIRef(GRAPH_BASE + "meta/build")
#: The aikg ontology itself, loaded by every build.
ONTOLOGY_GRAPH = URIRef(GRAPH_BASE + "ontology")
#: Figures folded across articles (largest amounts, first dates, ...), recomputed by every build.
SUMMARY_GRAPH = URIRef(GRAPH_BASE + "summary")
#: Each convenience edge between two actors (``aikg:investsIn``...) once, recomputed by every
#: build: the article graphs state an edge again for every report, and in the summary graph the
#: edges would share an index with the facts' parties, which outnumber them around busy actors.
EDGES_GRAPH = URIRef(GRAPH_BASE + "edges")
#: The node of the summary graph that carries the whole graph's totals.
TOTALS = URIRef(BASE + "summary/totals")
#: Where the summary graph's month-by-deal-type nodes live (``<MONTHLY>2025-04/invests_in``).
MONTHLY = BASE + "summary/month/"

_NON_SLUG = re.compile(r"[^a-z0-9]+")


def slug(text: str) -> str:
    """A lowercase ASCII slug: letters and digits joined by single hyphens.

    Text with no ASCII letter or digit (``"北京"``) gets a short hash so it still names one thing.

    Example:
        >>> slug("Crédit Agricole S.A.")
        'credit-agricole-s-a'
        >>> slug("country:US")
        'country-us'
        >>> slug("北京")
        'x-685e151824a0'
    """
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    out = _NON_SLUG.sub("-", folded.lower()).strip("-")
    if out:
        return out
    return "x-" + hashlib.sha1(text.encode("utf-8")).hexdigest()[:12]


def canonical_json(record: Any) -> str:
    """JSON with sorted keys and no spaces: one text per value, the input of every hash.

    Example:
        >>> canonical_json({"b": 1, "a": [1.5, None]})
        '{"a":[1.5,null],"b":1}'
    """
    return json.dumps(record, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def hash_record(record: Any) -> str:
    """The sha1 hex digest of a record's canonical JSON.

    Example:
        >>> hash_record({"a": 1}) == hash_record({"a": 1})
        True
    """
    return hashlib.sha1(canonical_json(record).encode("utf-8")).hexdigest()


def actor_iri(entity_type: str, key: str) -> URIRef:
    """The IRI of an actor, from its contract type and its identity key.

    Example:
        >>> str(actor_iri("City", "Magdeburg"))
        'https://aikg.dev/id/city/magdeburg'
    """
    return URIRef(f"{BASE}{slug(entity_type)}/{slug(key)}")


def country_iri(iso_code: str) -> URIRef:
    """The IRI of a country from its ISO 3166-1 alpha-2 code (the registry's ``country:XX`` key).

    Example:
        >>> country_iri("de") == actor_iri("Country", "country:DE")
        True
    """
    return actor_iri("Country", f"country:{iso_code.upper()}")


def amount_bucket(usd: float | None, value: float | None, currency: str | None) -> str | None:
    """The amount part of a fact's identity: USD rounded to two significant digits.

    Two articles that write "$5 billion" and "$5.0bn" land in one bucket; "$8.9 billion" and
    "$9 billion" do not.

    Example:
        >>> amount_bucket(5e9, None, None), amount_bucket(5.04e9, None, None)
        ('USD 5e+09', 'USD 5e+09')
        >>> amount_bucket(None, 2e9, "EUR")
        'EUR 2e+09'
        >>> amount_bucket(None, None, None) is None
        True
    """
    if usd is not None:
        return f"USD {usd:.2g}"
    if value is not None and currency:
        return f"{currency.upper()} {value:.2g}"
    return None


def fact_iri(predicate: str, subject: URIRef, obj: URIRef | None, bucket: str | None = None) -> URIRef:
    """The IRI of a fact: predicate, both parties and the amount bucket, never the evidence.

    Example:
        >>> a, b = actor_iri("Company", "Nvidia"), actor_iri("Company", "Intel")
        >>> fact_iri("invests_in", a, b, "USD 5e+09") == fact_iri("invests_in", a, b, "USD 5e+09")
        True
        >>> fact_iri("invests_in", a, b) == fact_iri("invests_in", b, a)
        False
    """
    record = {
        "predicate": predicate,
        "subject": str(subject),
        "object": str(obj) if obj is not None else None,
        "amount": bucket,
    }
    return URIRef(f"{BASE}fact/{hash_record(record)}")


def report_iri(fact: URIRef, article_id: str, sentence: str, start: int, end: int) -> URIRef:
    """The IRI of one article's report of one fact: the fact plus its evidence.

    Example:
        >>> f = URIRef("https://aikg.dev/id/fact/0")
        >>> report_iri(f, "a", "S.", 0, 2) != report_iri(f, "b", "S.", 0, 2)
        True
    """
    record = {"fact": str(fact), "doc": article_id, "sentence": sentence, "span": [start, end]}
    return URIRef(f"{BASE}report/{hash_record(record)}")


def amount_iri(record: dict[str, Any]) -> URIRef:
    """The IRI of a monetary amount node, from every field written on it.

    Example:
        >>> str(amount_iri({"value": 1})).startswith("https://aikg.dev/id/amount/")
        True
    """
    return URIRef(f"{BASE}amount/{hash_record(record)}")


def article_iri(article_id: str) -> URIRef:
    """The IRI of an article from its id.

    Example:
        >>> str(article_iri("Intel Stakes 2025"))
        'https://aikg.dev/id/article/intel-stakes-2025'
    """
    return URIRef(f"{BASE}article/{slug(article_id)}")


def copy_iri(article_id: str, copy: dict[str, Any]) -> URIRef:
    """The IRI of one further copy of an article: its URL, else its corpus id, else all its fields.

    A copy keeps its IRI when its publisher or title is learnt later, as long as its URL does.

    Example:
        >>> a = copy_iri("a", {"url": "https://w.example/x", "publisher": "W"})
        >>> a == copy_iri("a", {"url": "https://w.example/x"})
        True
        >>> str(a).startswith("https://aikg.dev/id/article/a/copy/")
        True
    """
    key = {"url": copy["url"]} if copy.get("url") else {"id": copy["id"]} if copy.get("id") else copy
    return URIRef(f"{article_iri(article_id)}/copy/{hash_record(key)[:16]}")


def article_graph_iri(article_id: str) -> URIRef:
    """The named graph holding everything read from one article.

    Example:
        >>> str(article_graph_iri("a b"))
        'https://aikg.dev/graph/article/a-b'
    """
    return URIRef(f"{_ARTICLE_GRAPH_BASE}{slug(article_id)}")


def article_id_of_graph(graph: str) -> str | None:
    """The article slug of an article graph IRI, or None for any other graph.

    Example:
        >>> article_id_of_graph("https://aikg.dev/graph/article/a-b")
        'a-b'
        >>> article_id_of_graph(str(ACTORS_GRAPH)) is None
        True
    """
    if graph.startswith(_ARTICLE_GRAPH_BASE):
        return graph[len(_ARTICLE_GRAPH_BASE) :]
    return None
