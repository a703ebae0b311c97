"""aikg's graph stage: extraction records to RDF in Oxigraph, SPARQL queries, exports, the CLI.

The public API, in one place::

    from graph import open_store, build_corpus
    store = open_store(".aikg/store")
    report = build_corpus(["corpus"], store)
    print(report.summary())

``build_corpus`` and ``BuildReport`` load the extract stage (spaCy) on first use only, so
``import graph`` stays fast for queries.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from graph.build import ArticleGraph, build_article_graph
from graph.errors import (
    BuildError,
    GraphError,
    QueryError,
    QueryRefusedError,
    QuerySyntaxError,
    QueryTimeoutError,
    StoreError,
    StoreLockedError,
    UnknownQueryError,
)
from graph.results import QueryResult
from graph.safety import check_query
from graph.store import GraphStore, OxigraphStore, open_store

if TYPE_CHECKING:
    from graph.builder import BuildReport, build_corpus, build_extractions

__all__ = [
    "ArticleGraph",
    "BuildError",
    "BuildReport",
    "GraphError",
    "GraphStore",
    "OxigraphStore",
    "QueryError",
    "QueryRefusedError",
    "QueryResult",
    "QuerySyntaxError",
    "QueryTimeoutError",
    "StoreError",
    "StoreLockedError",
    "UnknownQueryError",
    "build_article_graph",
    "build_corpus",
    "build_extractions",
    "check_query",
    "open_store",
]

_LAZY = {"BuildReport", "build_corpus", "build_extractions"}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        from graph import builder

        return getattr(builder, name)
    raise AttributeError(f"module 'graph' has no attribute {name!r}")
