"""Records to quads: the exact graph of a tiny article, determinism, merging and dropping."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pyoxigraph as ox
from rdflib import Graph
from rdflib.compare import graph_diff, isomorphic, to_isomorphic

from extract.records import Amount, Article, Entity, Evidence, Extraction, Mention, Relation
from graph import iris
from graph.build import build_article_graph
from graph.results import term_from_oxigraph
from graph.vocab import AIKG, SDO

SENTENCE = "Acme will invest €2 billion in Berlin."


def tiny() -> Extraction:
    ev = Evidence("t1", SENTENCE, 0, len(SENTENCE))
    acme = Entity("t1", "acme", "Acme", "Company", (Mention("Acme", 0, 4),), wikidata="Q1", role="investor")
    berlin = Entity("t1", "city:2950159", "Berlin", "City", (Mention("Berlin", 31, 37),), country="DE")
    amount = Amount(
        "t1", "€2 billion", 2e9, "EUR", 2.2e9, ev, 19, 29, fx_rate=1.1, fx_date=dt.date(2025, 1, 2)
    )
    rel = Relation("t1", "Acme", "invests_in", "Berlin", 2.2e9, 0.75, ev, amount=amount)
    article = Article("t1", "Acme in Berlin", SENTENCE, dt.date(2025, 1, 3), content_hash="h1")
    return Extraction(article, (acme, berlin), (amount,), (), (rel,))


def expected_trig() -> str:
    fact = iris.fact_iri(
        "invests_in", iris.actor_iri("Company", "acme"), iris.actor_iri("City", "city:2950159"), "USD 2.2e+09"
    )
    report = iris.report_iri(fact, "t1", SENTENCE, 0, len(SENTENCE))
    amount = iris.amount_iri(
        {
            "usd": 2.2e9,
            "currency": "EUR",
            "text": "€2 billion",
            "value": 2e9,
            "fxRate": 1.1,
            "fxDate": "2025-01-02",
        }
    )
    return f"""
@prefix aikg: <https://aikg.dev/ontology#> .
@prefix schema: <https://schema.org/> .
@prefix prov: <http://www.w3.org/ns/prov#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix owl: <http://www.w3.org/2002/07/owl#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix id: <https://aikg.dev/id/> .

<https://aikg.dev/graph/article/t1> {{
  id:article\\/t1 a schema:NewsArticle, prov:Entity ;
    dcterms:identifier "t1" ; dcterms:title "Acme in Berlin" ; dcterms:date "2025-01-03"^^xsd:date ;
    aikg:contentHash "h1" ;
    schema:mentions id:company\\/acme, id:city\\/city-2950159, id:country\\/country-de .
  <{fact}> a aikg:Fact, aikg:Deal, aikg:Investment ;
    aikg:predicate "invests_in" ;
    aikg:subject id:company\\/acme ; aikg:investor id:company\\/acme ;
    aikg:object id:city\\/city-2950159 ; aikg:investee id:city\\/city-2950159 ;
    schema:amount <{amount}> ;
    dcterms:date "2025-01-03"^^xsd:date .
  <{amount}> a schema:MonetaryAmount ;
    schema:value "2000000000"^^xsd:decimal ; schema:currency "EUR" ;
    aikg:usdValue "2200000000"^^xsd:decimal ; aikg:fxRate "1.1"^^xsd:decimal ;
    aikg:fxDate "2025-01-02"^^xsd:date ; aikg:amountText "€2 billion" .
  <{report}> a aikg:Report, prov:Entity ;
    aikg:reports <{fact}> ;
    prov:wasDerivedFrom id:article\\/t1 ;
    aikg:evidence "{SENTENCE}" ;
    aikg:evidenceStart 0 ; aikg:evidenceEnd {len(SENTENCE)} ;
    aikg:confidence "0.75"^^xsd:decimal .
  id:company\\/acme aikg:investsIn id:city\\/city-2950159 .
}}

<https://aikg.dev/graph/actors> {{
  id:company\\/acme a aikg:Actor, schema:Organization, schema:Corporation ;
    aikg:registryKey "acme" ; skos:prefLabel "Acme" ; rdfs:label "Acme" ;
    owl:sameAs <http://www.wikidata.org/entity/Q1> ; aikg:role "investor" ;
    aikg:inRegistry false ; aikg:confidence "1"^^xsd:decimal .
  id:city\\/city-2950159 a aikg:Actor, schema:Place, schema:City ;
    aikg:registryKey "city:2950159" ; skos:prefLabel "Berlin" ; rdfs:label "Berlin" ;
    aikg:inRegistry false ; aikg:confidence "1"^^xsd:decimal ;
    schema:containedInPlace id:country\\/country-de .
  id:country\\/country-de a aikg:Actor, schema:Place, schema:Country ;
    aikg:isoCode "DE" ; aikg:registryKey "country:DE" ; rdfs:label "Germany" .
}}
"""


def graphs_of(text: str, fmt: ox.RdfFormat = ox.RdfFormat.N_QUADS) -> dict[str, Graph]:
    """Named graphs of an N-Quads or TriG text as rdflib graphs (rdflib's Dataset.parse warns)."""
    graphs: dict[str, Graph] = {}
    for quad in ox.parse(text, format=fmt):
        graph = graphs.setdefault(str(getattr(quad.graph_name, "value", "")), Graph())
        graph.add(tuple(term_from_oxigraph(t) for t in (quad.subject, quad.predicate, quad.object)))  # type: ignore[arg-type]
    return graphs


def assert_isomorphic(expected: Graph, actual: Graph) -> None:
    """rdflib's isomorphism check, with the difference printed when it fails."""
    if not isomorphic(expected, actual):
        _both, only_expected, only_actual = graph_diff(to_isomorphic(expected), to_isomorphic(actual))
        lines = ["only expected:", *sorted(only_expected.serialize(format="nt").splitlines())]
        lines += ["only built:", *sorted(only_actual.serialize(format="nt").splitlines())]
        raise AssertionError("\n".join(lines))


def test_tiny_article_builds_exactly_the_expected_graphs() -> None:
    built = graphs_of(build_article_graph(tiny()).to_nquads())
    expected = graphs_of(expected_trig(), ox.RdfFormat.TRIG)
    assert (
        set(built)
        == set(expected)
        == {
            "https://aikg.dev/graph/article/t1",
            "https://aikg.dev/graph/actors",
        }
    )
    for name in expected:
        assert_isomorphic(expected[name], built[name])


def test_same_input_gives_identical_nquads_whatever_the_record_order() -> None:
    x = tiny()
    shuffled = dataclasses.replace(x, entities=tuple(reversed(x.entities)))
    first = build_article_graph(x).to_nquads()
    assert first == build_article_graph(tiny()).to_nquads()
    assert first == build_article_graph(shuffled).to_nquads()


def test_one_deal_two_articles_is_one_fact_with_two_reports(
    sample_extractions: tuple[Extraction, ...],
) -> None:
    a, b, _c = (build_article_graph(x) for x in sample_extractions)
    nvidia, intel = iris.actor_iri("Company", "nvidia"), iris.actor_iri("Company", "intel")
    fact = iris.fact_iri("invests_in", nvidia, intel, "USD 5e+09")
    for graph in (a, b):
        reports = {s for s, p, o, _g in graph.article_quads if p == AIKG.reports and o == fact}
        assert len(reports) == 1
    reports_a = {s for s, p, o, _g in a.article_quads if p == AIKG.reports and o == fact}
    reports_b = {s for s, p, o, _g in b.article_quads if p == AIKG.reports and o == fact}
    assert reports_a != reports_b


def test_partnership_is_stored_one_way_whatever_the_order() -> None:
    x = tiny()
    acme, berlin = x.entities
    berlin = dataclasses.replace(berlin, type="Company", key="berlin-co", country=None)
    forward = dataclasses.replace(
        x.relations[0], predicate="partners_with", object="Berlin", amount=None, amount_usd=None
    )
    backward = dataclasses.replace(forward, subject="Berlin", object="Acme")
    quads = []
    for rel in (forward, backward):
        g = build_article_graph(dataclasses.replace(x, entities=(acme, berlin), relations=(rel,)))
        quads.append({(s, p, o) for s, p, o, _g in g.article_quads if p in (AIKG.subject, AIKG.partnersWith)})
    assert quads[0] == quads[1]
    assert len(quads[0]) == 2


def test_records_that_cannot_be_written_are_dropped_with_a_warning() -> None:
    x = tiny()
    ev = x.relations[0].evidence
    ghost = Relation("t1", "Acme", "supplies", "Ghost", None, 0.5, ev)
    loop = Relation("t1", "Acme", "partners_with", "Acme", None, 0.5, ev)
    no_object = Relation("t1", "Acme", "acquires", None, None, 0.5, ev)
    unknown = Relation("t1", "Acme", "owns", "Berlin", None, 0.5, ev)  # type: ignore[arg-type]
    article = dataclasses.replace(x.article, url="not a url")
    g = build_article_graph(
        dataclasses.replace(x, article=article, relations=(ghost, loop, no_object, unknown))
    )
    assert g.warnings[:4] == (
        "t1: dropped url 'not a url': not a valid absolute IRI",
        "t1: dropped relation 'Acme' supplies 'Ghost': object is not an entity of the article",
        "t1: dropped relation 'Acme' partners_with 'Acme': subject and object are the same actor",
        "t1: dropped relation 'Acme' acquires None: acquires needs an object",
    )
    assert g.warnings[4].startswith(
        "t1: dropped relation: unknown predicate 'owns'; available predicates: acquires"
    )
    assert g.facts == 0
    assert not any(p == AIKG.reports for _s, p, _o, _g in g.article_quads)


def test_a_range_becomes_min_and_max_values(sample_extractions: tuple[Extraction, ...]) -> None:
    b = build_article_graph(sample_extractions[1])
    values = {(p, str(o)) for _s, p, o, _g in b.article_quads if p in (SDO.minValue, SDO.maxValue)}
    assert values == {(SDO.minValue, "10000000000"), (SDO.maxValue, "12000000000")}


def test_valuation_links_the_company_to_its_amount(sample_extractions: tuple[Extraction, ...]) -> None:
    b = build_article_graph(sample_extractions[1])
    openai = iris.actor_iri("Company", "openai")
    targets = [o for s, p, o, _g in b.article_quads if s == openai and p == AIKG.valuedAt]
    assert len(targets) == 1
    assert (targets[0], AIKG.usdValue) in {(s, p) for s, p, _o, _g in b.article_quads}


def test_a_city_and_its_country_entity_share_the_country_iri(
    sample_extractions: tuple[Extraction, ...],
) -> None:
    a = build_article_graph(sample_extractions[0])
    us = iris.country_iri("US")
    santa_clara = iris.actor_iri("City", "city:5393015")
    assert (santa_clara, SDO.containedInPlace, us) in {(s, p, o) for s, p, o, _g in a.actor_quads}
    assert (us, AIKG.isoCode) in {(s, p) for s, p, _o, _g in a.actor_quads}
    assert str(us) == "https://aikg.dev/id/country/country-us"
