"""Records to triples: turn one article's :class:`~extract.records.Extraction` into quads.

An article becomes two sets of quads. Its own named graph holds the article node, the facts it
reports (one node per fact, shared with every other article reporting it), one report node per
(fact, evidence) with the provenance, the monetary amounts and the convenience edges. The actors
graph holds what the article says about each actor (types, labels, registry data); the store
merges it with every other article's view.

Records that cannot be written (a relation whose party is not an entity of the article, an
invalid URL) are dropped and named in :attr:`ArticleGraph.warnings`; nothing else is lost.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import pycountry
from rdflib.term import URIRef

from extract.errors import UnknownPredicateError
from extract.records import OBJECTLESS_PREDICATES, Amount, Copy, Entity, Extraction, Relation
from graph import iris
from graph.nquads import (
    Quad,
    Term,
    boolean_literal,
    date_literal,
    decimal_literal,
    integer_literal,
    is_valid_iri,
    string_literal,
    to_nquads,
)
from graph.vocab import (
    AIKG,
    DCTERMS,
    ENTITY_CLASSES,
    OWL,
    PROV,
    RDF,
    RDFS,
    SDO,
    SKOS,
    WD,
    predicate_terms,
)

__all__ = ["ArticleGraph", "build_article_graph"]

_QID = re.compile(r"^Q[1-9][0-9]*$")
_ISO2 = re.compile(r"^[A-Z]{2}$")
_PLACE_TYPES = frozenset({"City", "Region"})


@dataclass(frozen=True, slots=True)
class ArticleGraph:
    """The quads read from one article, ready to be written in one transaction.

    Attributes:
        article_id: the article's id (front-matter ``id``).
        graph: the article's named graph.
        article_quads: quads of the article graph, sorted.
        actor_quads: quads of the shared actors graph, sorted.
        warnings: one line per record that was dropped, and why.
        entities: how many distinct actors the article names.
        facts: how many distinct facts it reports.
    """

    article_id: str
    graph: URIRef
    article_quads: tuple[Quad, ...]
    actor_quads: tuple[Quad, ...]
    warnings: tuple[str, ...] = ()
    entities: int = 0
    facts: int = 0

    @property
    def quads(self) -> tuple[Quad, ...]:
        """Every quad, article graph first."""
        return self.article_quads + self.actor_quads

    def to_nquads(self) -> str:
        """Sorted N-Quads of every quad: identical input gives identical text."""
        return to_nquads(self.quads)


class _Writer:
    """Collects the quads of one article and the warnings about what it dropped."""

    def __init__(self, extraction: Extraction) -> None:
        self.x = extraction
        self.article = extraction.article
        self.doc = self.article.id
        self.graph = iris.article_graph_iri(self.doc)
        self.article_node = iris.article_iri(self.doc)
        self.article_quads: set[Quad] = set()
        self.actor_quads: set[Quad] = set()
        self.warnings: list[str] = []
        self.actors: dict[str, URIRef] = {}
        self.facts: set[URIRef] = set()
        self.stubs: dict[URIRef, str] = {}
        #: Countries named only as an organisation's or person's home, not in the text.
        self.home_stubs: dict[URIRef, str] = {}

    def add(self, s: URIRef, p: URIRef, o: Term) -> None:
        self.article_quads.add((s, p, o, self.graph))

    def add_actor(self, s: URIRef, p: URIRef, o: Term) -> None:
        self.actor_quads.add((s, p, o, iris.ACTORS_GRAPH))

    def warn(self, message: str) -> None:
        self.warnings.append(f"{self.doc}: {message}")

    # ------------------------------------------------------------------ article

    def write_article(self) -> None:
        a, node = self.article, self.article_node
        self.add(node, RDF.type, SDO.NewsArticle)
        self.add(node, RDF.type, PROV.Entity)
        self.add(node, DCTERMS.identifier, string_literal(a.id))
        self.add(node, DCTERMS.title, string_literal(a.title))
        if a.date is not None:
            self.add(node, DCTERMS.date, date_literal(a.date))
        if a.publisher:
            self.add(node, DCTERMS.publisher, string_literal(a.publisher))
        if a.source:
            self.add(node, DCTERMS.source, string_literal(a.source))
        if a.url:
            if is_valid_iri(a.url):
                self.add(node, SDO.url, URIRef(a.url))
            else:
                self.warn(f"dropped url {a.url!r}: not a valid absolute IRI")
        if a.content_hash:
            self.add(node, AIKG.contentHash, string_literal(a.content_hash))
        if a.path:
            self.add(node, AIKG.sourcePath, string_literal(a.path))
        for copy in a.copies:
            self.write_copy(copy)

    def write_copy(self, copy: Copy) -> None:
        """One more place the article's text was published: a source of every fact it reports."""
        record = copy.to_json()
        if copy.url and not is_valid_iri(copy.url):
            self.warn(f"dropped copy url {copy.url!r}: not a valid absolute IRI")
            record.pop("url")
        if not record:
            return
        node = iris.copy_iri(self.doc, record)
        self.add(self.article_node, AIKG.alsoPublishedAs, node)
        self.add(node, RDF.type, AIKG.ArticleCopy)
        self.add(node, RDF.type, PROV.Entity)
        self.add(node, PROV.alternateOf, self.article_node)
        if "url" in record:
            self.add(node, SDO.url, URIRef(record["url"]))
        for key, prop in (
            ("publisher", DCTERMS.publisher),
            ("title", DCTERMS.title),
            ("source", DCTERMS.source),
            ("id", DCTERMS.identifier),
        ):
            if key in record:
                self.add(node, prop, string_literal(record[key]))
        if copy.date is not None:
            self.add(node, DCTERMS.date, date_literal(copy.date))

    # ------------------------------------------------------------------ actors

    def entity_iri(self, entity: Entity) -> URIRef:
        code = (entity.country or "").upper()
        if entity.type == "Country" and _ISO2.match(code):
            return iris.country_iri(code)
        return iris.actor_iri(entity.type, entity.key)

    def write_actor(self, entity: Entity) -> None:
        if entity.type not in ENTITY_CLASSES:
            self.warn(
                f"dropped entity {entity.name!r}: unknown type {entity.type!r}; "
                f"available types: {', '.join(sorted(ENTITY_CLASSES))}"
            )
            return
        node = self.entity_iri(entity)
        self.actors[entity.name] = node
        self.add(self.article_node, SDO.mentions, node)
        for cls in ENTITY_CLASSES[entity.type]:
            self.add_actor(node, RDF.type, cls)
        self.add_actor(node, AIKG.registryKey, string_literal(entity.key))
        self.add_actor(node, SKOS.prefLabel, string_literal(entity.name))
        self.add_actor(node, RDFS.label, string_literal(entity.name))
        for alias in {*entity.aliases, *(m.text for m in entity.mentions)} - {entity.name}:
            if alias.strip():
                self.add_actor(node, SKOS.altLabel, string_literal(alias))
        if entity.wikidata:
            if _QID.match(entity.wikidata):
                self.add_actor(node, OWL.sameAs, WD[entity.wikidata])
            else:
                self.warn(f"dropped wikidata id {entity.wikidata!r} of {entity.name!r}")
        if entity.role:
            self.add_actor(node, AIKG.role, string_literal(entity.role))
        self.add_actor(node, AIKG.inRegistry, boolean_literal(entity.in_registry))
        self.add_actor(node, AIKG.confidence, decimal_literal(_unit(entity.confidence)))
        self.write_country_link(entity, node)

    def write_country_link(self, entity: Entity, node: URIRef) -> None:
        if not entity.country:
            return
        code = entity.country.upper()
        if not _ISO2.match(code):
            self.warn(f"dropped country {entity.country!r} of {entity.name!r}: not ISO 3166-1")
            return
        if entity.type == "Country":
            self.add_actor(node, AIKG.isoCode, string_literal(code))
        elif entity.type in _PLACE_TYPES:
            country = iris.country_iri(code)
            self.add_actor(node, SDO.containedInPlace, country)
            self.stubs[country] = code
        else:
            # An organisation's or person's home country (from the registry): schema:location.
            country = iris.country_iri(code)
            self.add_actor(node, SDO.location, country)
            self.home_stubs[country] = code

    def write_country_stub(self, code: str, node: URIRef, *, mentioned: bool = True) -> None:
        """A country named only through an ISO code: type, code and a fallback label.

        A city's country counts as mentioned by the article; an organisation's home country,
        known from the registry rather than the text, does not.
        """
        if mentioned:
            self.add(self.article_node, SDO.mentions, node)
        for cls in ENTITY_CLASSES["Country"]:
            self.add_actor(node, RDF.type, cls)
        self.add_actor(node, AIKG.isoCode, string_literal(code))
        self.add_actor(node, AIKG.registryKey, string_literal(f"country:{code}"))
        record = pycountry.countries.get(alpha_2=code)
        name = getattr(record, "common_name", None) or getattr(record, "name", None) or code
        self.add_actor(node, RDFS.label, string_literal(name))

    # ------------------------------------------------------------------ facts

    def write_relation(self, rel: Relation) -> None:
        try:
            terms = predicate_terms(rel.predicate)
        except UnknownPredicateError as exc:
            self.warn(f"dropped relation: {exc}")
            return
        what = f"relation {rel.subject!r} {rel.predicate} {rel.object!r}"
        subject = self.actors.get(rel.subject)
        obj = self.actors.get(rel.object) if rel.object is not None else None
        if subject is None:
            self.warn(f"dropped {what}: subject is not an entity of the article")
            return
        if rel.object is not None and obj is None:
            self.warn(f"dropped {what}: object is not an entity of the article")
            return
        if rel.object is None and rel.predicate not in OBJECTLESS_PREDICATES:
            self.warn(f"dropped {what}: {rel.predicate} needs an object")
            return
        if obj == subject:
            self.warn(f"dropped {what}: subject and object are the same actor")
            return
        if terms.symmetric and obj is not None and str(obj) < str(subject):
            subject, obj = obj, subject
        if rel.evidence.doc != self.doc:
            self.warn(f"{what}: evidence names document {rel.evidence.doc!r}")

        amount = rel.amount
        bucket = iris.amount_bucket(
            rel.amount_usd,
            amount.value if amount else None,
            amount.currency if amount else None,
        )
        fact = iris.fact_iri(rel.predicate, subject, obj, bucket)
        self.facts.add(fact)
        self.add(fact, RDF.type, AIKG.Fact)
        if terms.is_deal:
            self.add(fact, RDF.type, AIKG.Deal)
        self.add(fact, RDF.type, terms.fact_class)
        self.add(fact, AIKG.predicate, string_literal(rel.predicate))
        self.add(fact, AIKG.subject, subject)
        self.add(fact, terms.subject_role, subject)
        if obj is not None:
            self.add(fact, AIKG.object, obj)
            self.add(fact, terms.object_role, obj)
            self.add(subject, terms.edge, obj)
        amount_node = self.write_amount(rel)
        if amount_node is not None:
            self.add(fact, SDO.amount, amount_node)
            if rel.predicate == "valued_at":
                self.add(subject, terms.edge, amount_node)
        if rel.power_mw is not None:
            self.add(fact, AIKG.powerMW, decimal_literal(rel.power_mw))
        if rel.status:
            self.add(fact, AIKG.status, string_literal(rel.status))
        if self.article.date is not None:
            self.add(fact, DCTERMS.date, date_literal(self.article.date))
        self.write_report(fact, rel)

    def write_report(self, fact: URIRef, rel: Relation) -> None:
        ev = rel.evidence
        report = iris.report_iri(fact, self.doc, ev.sentence, ev.start, ev.end)
        self.add(report, RDF.type, AIKG.Report)
        self.add(report, RDF.type, PROV.Entity)
        self.add(report, AIKG.reports, fact)
        self.add(report, PROV.wasDerivedFrom, self.article_node)
        self.add(report, AIKG.evidence, string_literal(ev.sentence))
        self.add(report, AIKG.evidenceStart, integer_literal(ev.start))
        self.add(report, AIKG.evidenceEnd, integer_literal(ev.end))
        self.add(report, AIKG.confidence, decimal_literal(_unit(rel.confidence)))
        if rel.status:
            self.add(report, AIKG.status, string_literal(rel.status))

    def write_amount(self, rel: Relation) -> URIRef | None:
        amount = rel.amount
        if amount is None and rel.amount_usd is None:
            return None
        record: dict[str, object] = {"usd": rel.amount_usd}
        if amount is None:
            record |= {"value": rel.amount_usd, "currency": "USD"}
        else:
            record |= {"currency": amount.currency, "text": amount.text}
            partner = self.range_partner(amount)
            if amount.bound == "exact":
                record["value"] = amount.value
            elif partner is None:
                record[f"{amount.bound}Value"] = amount.value
            else:
                low, high = sorted((amount.value, partner.value))
                record |= {"minValue": low, "maxValue": high}
            if amount.fx_rate is not None:
                record["fxRate"] = amount.fx_rate
            if amount.fx_date is not None:
                record["fxDate"] = amount.fx_date.isoformat()
        node = iris.amount_iri(record)
        self.add(node, RDF.type, SDO.MonetaryAmount)
        self.add(node, SDO.currency, string_literal(str(record["currency"])))
        for key, prop in (
            ("value", SDO.value),
            ("minValue", SDO.minValue),
            ("maxValue", SDO.maxValue),
        ):
            self.add_number(node, prop, record.get(key))
        self.add_number(node, AIKG.usdValue, rel.amount_usd)
        if amount is not None:
            self.add(node, AIKG.amountText, string_literal(amount.text))
            self.add_number(node, AIKG.fxRate, amount.fx_rate)
            if amount.fx_date is not None:
                self.add(node, AIKG.fxDate, date_literal(amount.fx_date))
        return node

    def add_number(self, node: URIRef, prop: URIRef, value: object) -> None:
        if isinstance(value, int | float):
            self.add(node, prop, decimal_literal(value))

    def range_partner(self, amount: Amount) -> Amount | None:
        """The other bound of a range ("$10-12 billion") read from the same sentence."""
        if amount.bound == "exact":
            return None
        other = "max" if amount.bound == "min" else "min"
        for candidate in self.x.amounts:
            if (
                candidate.bound == other
                and candidate.currency == amount.currency
                and candidate.evidence.start == amount.evidence.start
                and candidate.evidence.end == amount.evidence.end
            ):
                return candidate
        return None


def _unit(value: float) -> float:
    """A confidence clamped to 0..1."""
    return min(1.0, max(0.0, float(value)))


def build_article_graph(extraction: Extraction) -> ArticleGraph:
    """The quads of one article: article node, actors, facts, reports and amounts.

    Args:
        extraction: everything the extract stage read from one article.

    Returns:
        The article's quads (sorted, so identical input gives identical output), the actors
        graph quads, and a warning for every record that was dropped.

    Example:
        >>> from extract.records import Article
        >>> g = build_article_graph(Extraction(Article(id="a1", title="T", text="")))
        >>> str(g.graph), len(g.article_quads), g.warnings
        ('https://aikg.dev/graph/article/a1', 4, ())
    """
    writer = _Writer(extraction)
    writer.write_article()
    for entity in extraction.entities:
        writer.write_actor(entity)
    named = set(writer.actors.values())
    for country, code in sorted(writer.stubs.items()):
        if country not in named:
            writer.write_country_stub(code, country)
    for country, code in sorted(writer.home_stubs.items()):
        if country not in named and country not in writer.stubs:
            writer.write_country_stub(code, country, mentioned=False)
    for relation in extraction.relations:
        writer.write_relation(relation)
    return ArticleGraph(
        article_id=extraction.article.id,
        graph=writer.graph,
        article_quads=tuple(sorted(writer.article_quads, key=_sort_key)),
        actor_quads=tuple(sorted(writer.actor_quads, key=_sort_key)),
        warnings=tuple(writer.warnings),
        entities=len(set(writer.actors.values())),
        facts=len(writer.facts),
    )


def _sort_key(quad: Quad) -> tuple[str, ...]:
    return tuple(f"{type(t).__name__}:{t}" for t in quad)
