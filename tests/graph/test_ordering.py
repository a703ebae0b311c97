"""Shipped queries sorted in Python: the same order the store's own ORDER BY gives."""

from __future__ import annotations

from collections import Counter
from decimal import Decimal

import pytest
from rdflib.term import BNode, Literal, URIRef

from graph import queries as q
from graph.named import list_queries, run_query
from graph.ordering import SortKey, sort_rows, split_order
from graph.store import OxigraphStore

_XSD_DATE = URIRef("http://www.w3.org/2001/XMLSchema#date")


def test_split_order_takes_off_a_final_order_by_of_variables() -> None:
    text, keys = split_order("SELECT ?a ?b WHERE { ?a ?p ?b }\nORDER BY DESC(?b) ASC(?a)  ?p\n# done\n") or (
        "",
        (),
    )
    assert text == "SELECT ?a ?b WHERE { ?a ?p ?b }\n"
    assert keys == (SortKey("b", True), SortKey("a", False), SortKey("p", False))


@pytest.mark.parametrize(
    "text",
    [
        "SELECT ?a WHERE { ?a ?p ?b }",  # nothing to take off
        "SELECT ?a WHERE { ?a ?p ?b } ORDER BY ?a LIMIT 10",  # the store must sort to cut
        "SELECT ?a WHERE { ?a ?p ?b } ORDER BY ?a OFFSET 5",
        "SELECT ?a WHERE { ?a ?p ?b } ORDER BY STRLEN(?a)",  # an expression, not a variable
        "SELECT ?a WHERE { { SELECT ?a WHERE { ?a ?p ?b } ORDER BY ?a LIMIT 3 } }",  # inner only
    ],
)
def test_split_order_leaves_what_the_store_must_do(text: str) -> None:
    assert split_order(text) is None


def test_sort_rows_follows_sparql_ordering() -> None:
    rows = [
        (Literal("b"),),
        (Literal(10),),
        (URIRef("https://x/2"),),
        (None,),
        (Literal(Decimal("9.5")),),
        (BNode("n1"),),
        (URIRef("https://x/1"),),
        (Literal("2024-05-01", datatype=_XSD_DATE),),
        (Literal("a"),),
    ]
    got = [str(row[0]) for row in sort_rows(rows, ["v"], [SortKey("v")])]
    assert got == ["None", "n1", "https://x/1", "https://x/2", "9.5", "10", "2024-05-01", "a", "b"]
    assert [str(r[0]) for r in sort_rows(rows, ["v"], [SortKey("v", True)])] == got[::-1]


def test_sort_rows_mixes_directions_and_keeps_ties_in_place() -> None:
    rows = [
        (Literal(1), Literal("x"), "first"),
        (Literal(2), Literal("a"), "second"),
        (Literal(1), Literal("x"), "third"),
    ]
    keys = [SortKey("n", descending=True), SortKey("s")]
    assert [r[2] for r in sort_rows(rows, ["n", "s", "tag"], keys)] == ["second", "first", "third"]
    with pytest.raises(ValueError, match=r"\?nope is not a projected variable"):
        sort_rows(rows, ["n", "s", "tag"], [SortKey("nope")])


#: Unbound, these answer nothing on the sample: one needs its search text, the other copies.
_BINDINGS = {"search_actors": {"text": Literal("in")}}
_EMPTY_ON_THE_SAMPLE = {"article_copies"}
SORTED_IN_PYTHON = [query for query in list_queries() if split_order(query.text) is not None]


def test_most_shipped_queries_are_sorted_in_python() -> None:
    assert len(SORTED_IN_PYTHON) >= 15


@pytest.mark.parametrize("query", SORTED_IN_PYTHON, ids=lambda query: query.name)
def test_python_order_equals_the_stores_order(sample_store: OxigraphStore, query: q.NamedQuery) -> None:
    """Run unbound on the sample: the same rows, and the same sequence of sort keys, as Oxigraph's
    own ORDER BY (rows tied on every key may come in another order)."""
    text, keys = split_order(query.text) or (query.text, ())
    bindings = _BINDINGS.get(query.name)
    by_store = sample_store.query(query.text, bindings=bindings, check=False, max_rows=0)
    unsorted = sample_store.query(text, bindings=bindings, check=False, max_rows=0)
    by_python = sort_rows(unsorted.rows, unsorted.vars, keys)
    assert by_store.rows or query.name in _EMPTY_ON_THE_SAMPLE
    assert Counter(by_python) == Counter(by_store.rows)
    columns = [by_store.vars.index(key.var) for key in keys]
    assert [tuple(r[i] for i in columns) for r in by_python] == [
        tuple(r[i] for i in columns) for r in by_store.rows
    ]


def test_the_row_cap_applies_after_sorting(sample_store: OxigraphStore) -> None:
    every = run_query(sample_store, "top_investors", max_rows=0)
    first_two = run_query(sample_store, "top_investors", max_rows=2)
    assert len(every) > 2 and not every.truncated
    assert first_two.rows == every.rows[:2] and first_two.truncated
