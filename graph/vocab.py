"""The aikg vocabulary: the closed ``AIKG`` namespace and the maps from records to its terms.

Every own term is declared in :class:`AIKG` and described (``rdfs:label`` and ``rdfs:comment``)
in ``graph/ontology.ttl``; everything else reuses schema.org, PROV-O, Dublin Core terms, SKOS and
OWL. The contract's predicates map to terms through one explicit dict, :data:`PREDICATE_TERMS`.

Example:
    >>> str(AIKG.investsIn)
    'https://aikg.dev/ontology#investsIn'
    >>> predicate_terms("buys_power_from").fact_class == AIKG.PowerPurchase
    True
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib import resources

from rdflib.graph import Graph
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS, SDO, SKOS, XSD, DefinedNamespace, Namespace
from rdflib.term import URIRef

from extract.errors import UnknownPredicateError
from extract.records import PREDICATES

__all__ = [
    "AIKG",
    "DCTERMS",
    "ENTITY_CLASSES",
    "OWL",
    "PREDICATE_TERMS",
    "PREFIXES",
    "PROV",
    "RDF",
    "RDFS",
    "SDO",
    "SKOS",
    "WD",
    "XSD",
    "PredicateTerms",
    "ontology_graph",
    "predicate_terms",
]

#: Wikidata entities, the target of ``owl:sameAs`` links.
WD = Namespace("http://www.wikidata.org/entity/")


class AIKG(DefinedNamespace):
    """The aikg ontology: deals as first-class nodes, the roles of their parties, provenance."""

    _fail = True
    _NS = Namespace("https://aikg.dev/ontology#")

    # Classes
    Actor: URIRef  # Any named actor or place read from the news.
    Region: URIRef  # A region larger than a country (Asia-Pacific, Europe).
    Fact: URIRef  # A statement read from the news: a deal or a standing fact.
    Deal: URIRef  # A transaction or commitment between actors.
    Investment: URIRef
    FundingRound: URIRef
    Valuation: URIRef
    DatacenterBuild: URIRef
    Expansion: URIRef
    Partnership: URIRef
    Acquisition: URIRef
    SupplyDeal: URIRef
    PowerPurchase: URIRef
    HiringMove: URIRef
    Headquarters: URIRef
    Containment: URIRef
    Employment: URIRef
    Report: URIRef  # One article's report of one fact.
    ArticleCopy: URIRef  # Another place the same article text was published (a wire copy).

    # Convenience edges between actors, one per contract predicate
    investsIn: URIRef
    raisesFundingFrom: URIRef
    valuedAt: URIRef
    buildsDatacenterIn: URIRef
    expandsTo: URIRef
    partnersWith: URIRef
    acquires: URIRef
    supplies: URIRef
    buysPowerFrom: URIRef
    hiresIn: URIRef
    headquarteredIn: URIRef
    locatedIn: URIRef
    worksFor: URIRef

    # Parties of a fact: generic, then role-specific sub-properties
    subject: URIRef
    object: URIRef
    investor: URIRef
    investee: URIRef
    valuedCompany: URIRef
    developer: URIRef
    organization: URIRef
    location: URIRef
    partner: URIRef
    acquirer: URIRef
    target: URIRef
    supplier: URIRef
    customer: URIRef
    buyer: URIRef
    seller: URIRef
    employer: URIRef
    employee: URIRef
    place: URIRef
    container: URIRef

    # Fact details
    predicate: URIRef
    status: URIRef
    powerMW: URIRef
    usdValue: URIRef
    fxRate: URIRef
    fxDate: URIRef
    amountText: URIRef

    # Provenance
    reports: URIRef
    evidence: URIRef
    evidenceStart: URIRef
    evidenceEnd: URIRef
    confidence: URIRef
    contentHash: URIRef
    sourcePath: URIRef
    alsoPublishedAs: URIRef

    # Actors
    registryKey: URIRef
    isoCode: URIRef
    role: URIRef
    inRegistry: URIRef

    # Summaries folded across articles (graph/summary.py)
    largestUsd: URIRef
    largestMW: URIRef
    firstReported: URIRef
    inLatestMonths: URIRef
    reportCount: URIRef
    sourceCount: URIRef
    stated: URIRef
    destinationCountry: URIRef
    siteCountry: URIRef
    factCount: URIRef
    dealCount: URIRef
    factPredicate: URIRef
    factSubject: URIRef
    factObject: URIRef
    inboundUsd: URIRef
    inboundDeals: URIRef
    buildCount: URIRef
    buildMW: URIRef
    buildUsd: URIRef
    investedUsd: URIRef
    investedDeals: URIRef
    articleCount: URIRef
    actorCount: URIRef
    totalDeals: URIRef
    totalUsd: URIRef
    totalMW: URIRef
    tripleCount: URIRef
    summaryVersion: URIRef
    month: URIRef
    GraphTotals: URIRef
    MonthlyDeals: URIRef


@dataclass(frozen=True, slots=True)
class PredicateTerms:
    """The terms one contract predicate becomes.

    Attributes:
        predicate: the contract's predicate name (``invests_in``).
        edge: the convenience property linking subject to object (``aikg:investsIn``).
        fact_class: the class of the fact node (``aikg:Investment``).
        subject_role: the role property of the subject on the fact node.
        object_role: the role property of the object on the fact node.
        symmetric: whether subject and object can be swapped.
    """

    predicate: str
    edge: URIRef
    fact_class: URIRef
    subject_role: URIRef
    object_role: URIRef
    symmetric: bool = False

    @property
    def is_deal(self) -> bool:
        """Whether the fact is a deal (a transaction), not a standing fact such as an HQ."""
        return self.fact_class not in _STANDING_FACTS


_STANDING_FACTS = frozenset({AIKG.Headquarters, AIKG.Containment, AIKG.Employment})

#: The one map from contract predicates to the vocabulary.
PREDICATE_TERMS: dict[str, PredicateTerms] = {
    p.predicate: p
    for p in (
        PredicateTerms("invests_in", AIKG.investsIn, AIKG.Investment, AIKG.investor, AIKG.investee),
        PredicateTerms(
            "raises_funding",
            AIKG.raisesFundingFrom,
            AIKG.FundingRound,
            AIKG.investee,
            AIKG.investor,
        ),
        PredicateTerms("valued_at", AIKG.valuedAt, AIKG.Valuation, AIKG.valuedCompany, AIKG.object),
        PredicateTerms(
            "builds_datacenter_in",
            AIKG.buildsDatacenterIn,
            AIKG.DatacenterBuild,
            AIKG.developer,
            AIKG.location,
        ),
        PredicateTerms("expands_to", AIKG.expandsTo, AIKG.Expansion, AIKG.organization, AIKG.location),
        PredicateTerms(
            "partners_with",
            AIKG.partnersWith,
            AIKG.Partnership,
            AIKG.partner,
            AIKG.partner,
            symmetric=True,
        ),
        PredicateTerms("acquires", AIKG.acquires, AIKG.Acquisition, AIKG.acquirer, AIKG.target),
        PredicateTerms("supplies", AIKG.supplies, AIKG.SupplyDeal, AIKG.supplier, AIKG.customer),
        PredicateTerms("buys_power_from", AIKG.buysPowerFrom, AIKG.PowerPurchase, AIKG.buyer, AIKG.seller),
        PredicateTerms("hires_in", AIKG.hiresIn, AIKG.HiringMove, AIKG.employer, AIKG.location),
        PredicateTerms(
            "headquartered_in",
            AIKG.headquarteredIn,
            AIKG.Headquarters,
            AIKG.organization,
            AIKG.location,
        ),
        PredicateTerms("located_in", AIKG.locatedIn, AIKG.Containment, AIKG.place, AIKG.container),
        PredicateTerms("works_for", AIKG.worksFor, AIKG.Employment, AIKG.employee, AIKG.employer),
    )
}

#: The classes an actor of each contract entity type gets.
ENTITY_CLASSES: dict[str, tuple[URIRef, ...]] = {
    "Company": (AIKG.Actor, SDO.Organization, SDO.Corporation),
    "Organization": (AIKG.Actor, SDO.Organization),
    "Country": (AIKG.Actor, SDO.Place, SDO.Country),
    "Region": (AIKG.Actor, SDO.Place, AIKG.Region),
    "City": (AIKG.Actor, SDO.Place, SDO.City),
    "Person": (AIKG.Actor, SDO.Person),
}

#: Prefixes used in serialisations and in the shipped queries.
PREFIXES: dict[str, str] = {
    "aikg": str(AIKG._NS),
    "schema": str(SDO._NS),
    "prov": str(PROV._NS),
    "dcterms": str(DCTERMS._NS),
    "skos": str(SKOS._NS),
    "owl": str(OWL._NS),
    "rdf": str(RDF._NS),
    "rdfs": str(RDFS._NS),
    "xsd": str(XSD._NS),
    "wd": str(WD),
}


def predicate_terms(predicate: str) -> PredicateTerms:
    """The vocabulary terms of a contract predicate.

    Args:
        predicate: a contract predicate such as ``"invests_in"``.

    Returns:
        The predicate's convenience edge, fact class and party roles.

    Raises:
        UnknownPredicateError: the predicate is not one of the contract's thirteen.

    Example:
        >>> predicate_terms("supplies").subject_role == AIKG.supplier
        True
        >>> predicate_terms("owns")  # doctest: +ELLIPSIS
        Traceback (most recent call last):
        ...
        extract.errors.UnknownPredicateError: unknown predicate 'owns'; available predicates: ...
    """
    try:
        return PREDICATE_TERMS[predicate]
    except KeyError:
        raise UnknownPredicateError(predicate, PREDICATES) from None


def ontology_graph() -> Graph:
    """The aikg ontology (``graph/ontology.ttl``) parsed into an rdflib graph.

    Example:
        >>> (AIKG.Deal, RDFS.subClassOf, AIKG.Fact) in ontology_graph()
        True
    """
    text = resources.files("graph").joinpath("ontology.ttl").read_text(encoding="utf-8")
    return Graph().parse(data=text, format="turtle")
