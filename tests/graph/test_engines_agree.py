"""Every shipped query answers the same on rdflib as on Oxigraph: the queries are plain SPARQL 1.1,
not Oxigraph's dialect (a SUM over an unbound value is unbound in one and skipped by the other)."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from typing import Any

import pytest
from rdflib import Dataset

from benchmarks.querying import bound_text, discover_params
from graph.named import NamedQuery, list_queries, run_query
from graph.nquads import Term
from graph.store import OxigraphStore

#: rdflib still calls, inside its parser and its GRAPH evaluation, what it deprecates.
pytestmark = pytest.mark.filterwarnings(r"ignore:Dataset\.\w+ is deprecated:DeprecationWarning")


@pytest.fixture(scope="module")
def engines(sample_store: OxigraphStore) -> Iterator[tuple[Dataset, dict[str, object]]]:
    dataset = Dataset(default_union=True)
    dataset.parse(data=sample_store.dump("nq"), format="nquads")
    yield dataset, discover_params(sample_store)


def _value(term: Term | None) -> Any:
    """Numbers by value; a GROUP_CONCAT's parts in any order (SPARQL leaves it open)."""
    if term is None:
        return None
    value = getattr(term, "value", None)
    if isinstance(value, int | float | Decimal) and not isinstance(value, bool):
        return float(value)
    return ", ".join(sorted(str(term).split(", ")))


@pytest.mark.parametrize("query", list_queries(), ids=lambda query: query.name)
def test_rdflib_gives_the_rows_oxigraph_gives(
    sample_store: OxigraphStore, engines: tuple[Dataset, dict[str, object]], query: NamedQuery
) -> None:
    dataset, params = engines
    bound = {name: params[name] for name, _kind, _help in query.params}
    ours = run_query(sample_store, query.name, max_rows=0, **bound).rows
    theirs = list(dataset.query(bound_text(query, params)))
    assert ours or query.name in {"article_copies", "common_partners"}, "nothing to compare"
    assert sorted((tuple(map(_value, r)) for r in theirs), key=repr) == sorted(
        (tuple(map(_value, r)) for r in ours), key=repr
    )
