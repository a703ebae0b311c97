"""Terms, IRIs and the vocabulary: canonical literals, deterministic IRIs, a closed ontology."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pyoxigraph as ox
import pytest
from hypothesis import given
from hypothesis import strategies as st
from rdflib import Literal, URIRef
from rdflib.namespace import OWL, RDF, RDFS, XSD

from extract.errors import UnknownPredicateError
from extract.records import PREDICATES
from graph import iris
from graph.nquads import (
    date_literal,
    decimal_literal,
    insert_data_block,
    integer_literal,
    is_valid_iri,
    string_literal,
    term_text,
    to_nquads,
)
from graph.results import QueryResult, term_from_json, term_from_oxigraph, term_to_json
from graph.vocab import AIKG, PREDICATE_TERMS, ontology_graph, predicate_terms

G = URIRef("urn:g")


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (5e9, "5000000000"),
        (0.9, "0.9"),
        (1.0, "1"),
        (-0.0, "0"),
        (1.5e20, "150000000000000000000"),
        (12.50, "12.5"),
        (Decimal("0.10"), "0.1"),
        (3, "3"),
        (1e-7, "0.0000001"),
    ],
)
def test_decimal_literals_are_canonical(value: float, text: str) -> None:
    assert str(decimal_literal(value)) == text


TRICKY = ['say "hi"', "two\nlines\r\n", "tab\there", "back\\slash", "bell\x07", "é ¥ 北京 🚀", ""]


def test_store_round_trip_keeps_every_byte() -> None:
    """What we write is what Oxigraph dumps: literals are in its canonical form."""
    quads = [(URIRef(f"urn:s{i}"), URIRef("urn:p"), string_literal(t), G) for i, t in enumerate(TRICKY)]
    quads += [(URIRef("urn:n"), URIRef("urn:p"), decimal_literal(v), G) for v in (5e9, 0.75, 1.0, 1234.5678)]
    quads += [
        (URIRef("urn:d"), URIRef("urn:p"), date_literal(dt.date(2025, 1, 2)), G),
        (URIRef("urn:i"), URIRef("urn:p"), integer_literal(42), G),
        (URIRef("urn:l"), URIRef("urn:p"), Literal("chat", lang="fr"), G),
    ]
    text = to_nquads(quads)
    loaded, updated = ox.Store(), ox.Store()
    loaded.load(text, format=ox.RdfFormat.N_QUADS)
    updated.update("INSERT DATA { " + insert_data_block(quads) + " }")
    for store in (loaded, updated):
        dumped = (store.dump(format=ox.RdfFormat.N_QUADS) or b"").decode("utf-8")
        assert sorted(dumped.splitlines()) == sorted(text.splitlines())


def test_invalid_iris_are_refused() -> None:
    assert is_valid_iri("https://aikg.dev/id/x?y=1#z")
    for bad in ("https://x.com/a b", "relative/path", "https://x.com/<>", 'urn:a"b', ""):
        assert not is_valid_iri(bad)
    with pytest.raises(ValueError, match="not a valid absolute IRI"):
        term_text(URIRef("https://x.com/a b"))


@given(st.text())
def test_slugs_are_lowercase_ascii_words(text: str) -> None:
    slug = iris.slug(text)
    assert slug and slug == slug.lower()
    assert set(slug) <= set("abcdefghijklmnopqrstuvwxyz0123456789-")
    assert not slug.startswith("-") and not slug.endswith("-")
    assert iris.slug(text) == slug


@given(st.text(min_size=1), st.sampled_from(sorted(PREDICATES)), st.floats(1, 1e13) | st.none())
def test_fact_iris_depend_on_the_fact_not_the_evidence(name: str, predicate: str, usd: float | None) -> None:
    subject, obj = iris.actor_iri("Company", name), iris.actor_iri("Country", "country:US")
    bucket = iris.amount_bucket(usd, None, None)
    fact = iris.fact_iri(predicate, subject, obj, bucket)
    assert fact == iris.fact_iri(predicate, subject, obj, bucket)
    assert is_valid_iri(str(fact))
    assert iris.report_iri(fact, "a", "One.", 0, 4) != iris.report_iri(fact, "a", "Two.", 10, 14)


def test_iris_of_articles_and_graphs() -> None:
    assert str(iris.article_iri("a b")) == "https://aikg.dev/id/article/a-b"
    assert iris.article_id_of_graph(str(iris.article_graph_iri("a b"))) == "a-b"
    assert iris.article_id_of_graph(str(iris.META_GRAPH)) is None
    assert iris.canonical_json({"b": [1, None], "a": "é"}) == '{"a":"é","b":[1,null]}'


def test_every_contract_predicate_maps_to_vocabulary() -> None:
    assert set(PREDICATE_TERMS) == PREDICATES
    assert len({t.edge for t in PREDICATE_TERMS.values()}) == 13
    with pytest.raises(
        UnknownPredicateError, match=r"^unknown predicate 'owns'; available predicates: acquires, "
    ):
        predicate_terms("owns")
    with pytest.raises(AttributeError):
        AIKG.notATerm  # noqa: B018 - the closed namespace refuses unknown names


def test_the_ontology_describes_every_term_and_nothing_else() -> None:
    onto = ontology_graph()
    declared = {URIRef(str(AIKG._NS) + name) for name in AIKG.__annotations__}
    described = {s for s in onto.subjects(RDFS.label, None) if str(s).startswith(str(AIKG._NS))}
    assert declared == described
    for term in declared:
        assert onto.value(term, RDFS.comment) is not None, term
        assert onto.value(term, RDF.type) in (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty), term


def test_w3c_json_and_csv_results() -> None:
    result = QueryResult(
        "select",
        ("a", "n", "s"),
        (
            (URIRef("urn:x"), Literal("5", datatype=XSD.decimal), Literal('a "b", c')),
            (None, Literal("chat", lang="fr"), None),
        ),
    )
    assert result.to_json() == (
        '{"head": {"vars": ["a", "n", "s"]}, "results": {"bindings": ['
        '{"a": {"type": "uri", "value": "urn:x"}, '
        '"n": {"type": "literal", "value": "5", "datatype": "http://www.w3.org/2001/XMLSchema#decimal"}, '
        '"s": {"type": "literal", "value": "a \\"b\\", c"}}, '
        '{"n": {"type": "literal", "value": "chat", "xml:lang": "fr"}}]}}'
    )
    assert result.to_csv() == 'a,n,s\r\nurn:x,5,"a ""b"", c"\r\n,chat,\r\n'
    assert result.records() == [
        {"a": "urn:x", "n": Decimal("5"), "s": 'a "b", c'},
        {"a": None, "n": "chat", "s": None},
    ]
    assert QueryResult("ask", boolean=True).to_json() == '{"head": {}, "boolean": true}'
    assert QueryResult("ask", boolean=False).to_csv() == "boolean\r\nfalse\r\n"


def test_terms_convert_between_backends() -> None:
    for term in (URIRef("urn:x"), Literal("1", datatype=XSD.integer), Literal("x"), Literal("y", lang="en")):
        assert term_from_json(term_to_json(term)) == term
    assert term_from_oxigraph(ox.Literal("x")) == Literal("x")
