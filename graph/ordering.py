"""A shipped query's final ``ORDER BY``, applied in Python to the decoded rows instead of the store.

Oxigraph sorts by decoding both terms of every comparison from its string table: ordering the
6,095 edges around 150 actors by their IRIs took 200 ms at 10,000 articles, three times the
query itself, where sorting the decoded rows in Python takes a few milliseconds. The ``.rq`` files
keep their ``ORDER BY`` (so they stay complete SPARQL for any other tool);
:func:`split_order` takes it off a query whose final clause is a plain ``ORDER BY`` of projected
variables, and :func:`sort_rows` puts the rows in that order, following SPARQL's ordering
(SPARQL 1.1, section 15.1): unbound first, then blank nodes, IRIs, and literals; numbers by
value, other literals by their lexical form; ``DESC`` reverses a key. A query with ``LIMIT`` or
``OFFSET`` after its ``ORDER BY`` keeps it: the store must sort to know which rows to keep.

Example:
    >>> query = "SELECT ?a ?b WHERE { ?a ?p ?b } ORDER BY DESC(?b) ?a"
    >>> split_order(query)[1]
    (SortKey(var='b', descending=True), SortKey(var='a', descending=False))
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from rdflib.term import BNode, Literal, URIRef

from graph.nquads import Term

__all__ = ["SortKey", "sort_key", "sort_rows", "split_order"]

#: The final ORDER BY of a query: keys that are ``?var``, ``ASC(?var)`` or ``DESC(?var)`` only,
#: then nothing but whitespace and comments up to the end.
_ORDER = re.compile(
    r"\bORDER\s+BY((?:\s+(?:\?\w+|(?:ASC|DESC)\s*\(\s*\?\w+\s*\)))+)\s*(?:#[^\n]*\s*)*\Z",
    re.IGNORECASE,
)
_KEY = re.compile(r"(?:(ASC|DESC)\s*\(\s*)?\?(\w+)", re.IGNORECASE)
_NUMERIC = (int, float, Decimal)
#: Term kinds in SPARQL's order (unbound, 0, comes before them all).
_RANKS: dict[type, int] = {BNode: 1, URIRef: 2, Literal: 3}


@dataclass(frozen=True, slots=True)
class SortKey:
    """One key of an ORDER BY: a variable name and its direction."""

    var: str
    descending: bool = False


def split_order(text: str) -> tuple[str, tuple[SortKey, ...]] | None:
    """The query without its final ORDER BY, and that clause's keys; None when it must stay.

    It stays when there is none, when a key is an expression rather than a variable, or when
    LIMIT or OFFSET follows it (nothing but comments may follow a clause taken off).
    """
    match = _ORDER.search(text)
    if match is None:
        return None
    keys = tuple(
        SortKey(var, descending=(direction or "").upper() == "DESC")
        for direction, var in _KEY.findall(match.group(1))
    )
    return text[: match.start()], keys


def sort_key(term: Term | None) -> tuple[Any, ...]:
    """A key that orders terms as SPARQL's ORDER BY does, and never compares unlike values.

    Example:
        >>> terms = [Literal("b"), None, URIRef("https://x/1"), Literal(10), Literal(9)]
        >>> [str(t) for t in sorted(terms, key=sort_key)]
        ['None', 'https://x/1', '9', '10', 'b']
    """
    if term is None:
        return (0,)
    rank = _RANKS.get(type(term))
    if rank is None:
        rank = next((r for cls, r in _RANKS.items() if isinstance(term, cls)), 4)
    if rank != 3:
        return (rank, str(term))
    assert isinstance(term, Literal)
    value = term.value
    if isinstance(value, _NUMERIC) and not isinstance(value, bool):
        return (3, 0, value)
    return (3, 1, str(term), str(term.datatype or ""), term.language or "")


def sort_rows(
    rows: Sequence[tuple[Term | None, ...]], names: Sequence[str], keys: Sequence[SortKey]
) -> list[tuple[Term | None, ...]]:
    """The rows sorted by the keys, first key first; rows equal on every key keep their order.

    Raises:
        ValueError: a key names a variable the rows do not have.
    """
    out = list(rows)
    columns = list(names)
    missing = [key.var for key in keys if key.var not in columns]
    if missing:
        raise ValueError(f"ORDER BY ?{missing[0]} is not a projected variable ({', '.join(names)})")
    # one stable sort per run of keys in the same direction, least significant run first; each
    # distinct term's key computed once, the rows reordered by index (no Python call per row)
    runs: list[tuple[bool, list[int]]] = []
    for key in keys:
        if runs and runs[-1][0] == key.descending:
            runs[-1][1].append(columns.index(key.var))
        else:
            runs.append((key.descending, [columns.index(key.var)]))
    memo: dict[int, tuple[Any, ...]] = {}
    for descending, indexes in reversed(runs):
        per_column = []
        for i in indexes:
            column = [row[i] for row in out]
            for term in column:
                if id(term) not in memo:
                    memo[id(term)] = sort_key(term)
            per_column.append([memo[id(term)] for term in column])
        composite = per_column[0] if len(per_column) == 1 else list(zip(*per_column, strict=True))
        order = sorted(range(len(out)), key=composite.__getitem__, reverse=descending)
        out = [out[j] for j in order]
    return out
