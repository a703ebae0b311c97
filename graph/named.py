"""Shipped named SPARQL queries: loading them from ``graph/queries/*.rq``, binding and running them.

Each query lives in ``graph/queries/<name>.rq`` with a ``# title:`` and a ``# description:``
comment and one ``# param: name (iri|text): help`` line per parameter. Parameters are bound
through :func:`graph.sparql.bind_values` (a ``VALUES`` block of escaped terms at the query's
``#@bind`` line), never pasted in. :mod:`graph.queries` turns the rows into dataclasses.

Example:
    >>> get_query("overview_counts").title
    'Overview'
"""

from __future__ import annotations

import re
from dataclasses import dataclass, fields, replace
from decimal import Decimal
from importlib import resources
from typing import Any, TypeVar

from rdflib.term import Literal, URIRef

from graph.errors import QueryError, UnknownQueryError
from graph.nquads import Term, is_valid_iri
from graph.ordering import sort_rows, split_order
from graph.results import QueryResult
from graph.store import GraphStore

__all__ = ["NamedQuery", "get_query", "list_queries", "query_records", "query_rows", "run_query"]

_HEADER = re.compile(r"^#\s*(title|description|param):\s*(.*)$")
_PARAM = re.compile(r"^(\w+)\s*\((iri|text)\)\s*:\s*(.*)$")
_CAMEL = re.compile(r"(?<!^)(?=[A-Z])")
R = TypeVar("R")


@dataclass(frozen=True, slots=True)
class NamedQuery:
    """One shipped query: its name (the file stem), title, description, parameters and text.

    ``params`` holds (name, kind, help) with kind ``iri`` or ``text``.
    """

    name: str
    title: str
    description: str
    params: tuple[tuple[str, str, str], ...]
    text: str


def _parse(name: str, text: str) -> NamedQuery:
    meta: dict[str, str] = {}
    params: list[tuple[str, str, str]] = []
    for line in text.splitlines():
        match = _HEADER.match(line.strip())
        if match is None:
            continue
        key, value = match.groups()
        if key == "param":
            param = _PARAM.match(value)
            if param is None:
                raise QueryError(f"queries/{name}.rq: malformed '# param:' line {value!r}")
            params.append((param.group(1), param.group(2), param.group(3)))
        else:
            meta[key] = value
    if "title" not in meta or "description" not in meta:
        raise QueryError(f"queries/{name}.rq: needs '# title:' and '# description:' lines")
    return NamedQuery(name, meta["title"], meta["description"], tuple(params), text)


def list_queries() -> list[NamedQuery]:
    """Every shipped query, sorted by name."""
    folder = resources.files("graph").joinpath("queries")
    out = []
    for entry in folder.iterdir():
        if entry.name.endswith(".rq"):
            out.append(_parse(entry.name[:-3], entry.read_text(encoding="utf-8")))
    return sorted(out, key=lambda q: q.name)


def get_query(name: str) -> NamedQuery:
    """One shipped query by name.

    Raises:
        UnknownQueryError: no query has that name; lists the available ones.
    """
    queries = {q.name: q for q in list_queries()}
    if name not in queries:
        raise UnknownQueryError(name, sorted(queries))
    return queries[name]


def _term(query: NamedQuery, name: str, kind: str, value: object) -> Term | list[Term]:
    if isinstance(value, list | tuple | set | frozenset):
        terms: list[Term] = []
        for item in sorted(value, key=str):
            one = _term(query, name, kind, item)
            terms.extend(one if isinstance(one, list) else [one])
        return terms
    text = str(value)
    if kind == "iri":
        if not is_valid_iri(text):
            raise QueryError(f"{query.name}: parameter {name} needs an IRI, got {text!r}")
        return URIRef(text)
    return Literal(text)


def run_query(
    store: GraphStore,
    name: str,
    *,
    timeout_s: float | None = None,
    max_rows: int | None = None,
    **params: object,
) -> QueryResult:
    """Run a shipped query with its parameters bound.

    Raises:
        UnknownQueryError: no such query.
        QueryError: a parameter is missing, unknown, or not an IRI where one is needed.
    """
    query = get_query(name)
    declared = {p[0]: p[1] for p in query.params}
    unknown = sorted(set(params) - set(declared))
    if unknown:
        raise QueryError(
            f"{name}: unknown parameter {unknown[0]!r}; parameters: {', '.join(declared) or 'none'}"
        )
    missing = sorted(set(declared) - set(params))
    if missing:
        raise QueryError(f"{name}: missing parameter {missing[0]!r}")
    bindings = {k: _term(query, k, declared[k], v) for k, v in params.items()}
    split = split_order(query.text)
    if split is None:
        return store.query(query.text, bindings=bindings, timeout_s=timeout_s, max_rows=max_rows, check=False)
    # sorted here, not by the store (see graph.ordering): every row is fetched, then the cap applies
    text, keys = split
    result = store.query(text, bindings=bindings, timeout_s=timeout_s, max_rows=0, check=False)
    try:
        rows = sort_rows(result.rows, result.vars, keys)
    except ValueError as exc:
        raise QueryError(f"queries/{name}.rq: {exc}") from None
    cap = getattr(store, "max_rows", None) if max_rows is None else max_rows
    kept = rows[:cap] if cap else rows
    return replace(result, rows=tuple(kept), truncated=len(kept) < len(rows))


def query_records(result: QueryResult) -> list[dict[str, Any]]:
    """Rows as dicts with snake_case keys (``?subjectLabel`` -> ``subject_label``), decimals as floats.

    Example:
        >>> from graph.results import QueryResult
        >>> query_records(QueryResult("select", ("subjectLabel",), ((Literal("Intel"),),)))
        [{'subject_label': 'Intel'}]
    """
    out = []
    for record in result.records():
        out.append(
            {_CAMEL.sub("_", k).lower(): float(v) if isinstance(v, Decimal) else v for k, v in record.items()}
        )
    return out


def query_rows(result: QueryResult, cls: type[R]) -> list[R]:
    """The rows as instances of a dataclass whose fields are the snake_case variable names."""
    names = {f.name for f in fields(cls)}  # type: ignore[arg-type]
    return [cls(**{k: v for k, v in r.items() if k in names}) for r in query_records(result)]
