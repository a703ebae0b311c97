"""SHACL validation of aikg graphs against ``graph/shapes.ttl`` (pyshacl).

``aikg build --strict`` validates each article's quads before writing them; the tests validate
whole stores. Each violation is one line: ``<focus node> <path>: <message>``.

Example:
    >>> from extract.records import Article, Extraction
    >>> from graph.build import build_article_graph
    >>> validate_quads(build_article_graph(Extraction(Article("a1", "T", ""))).quads)
    []
"""

from __future__ import annotations

from collections.abc import Iterable
from importlib import resources

from rdflib.graph import Graph
from rdflib.namespace import SH
from rdflib.term import Node

from graph.nquads import Quad
from graph.store import GraphStore

__all__ = ["shapes_graph", "validate_graph", "validate_quads", "validate_store"]


def shapes_graph() -> Graph:
    """The SHACL shapes (``graph/shapes.ttl``)."""
    text = resources.files("graph").joinpath("shapes.ttl").read_text(encoding="utf-8")
    return Graph().parse(data=text, format="turtle")


def _short(node: Node | None) -> str:
    if node is None:
        return "-"
    text = str(node)
    return text.replace("https://aikg.dev/id/", "id:").replace("https://aikg.dev/ontology#", "aikg:")


def validate_graph(data: Graph, shapes: Graph | None = None) -> list[str]:
    """The SHACL violations of a graph, one sorted line each (empty when it conforms)."""
    from pyshacl import validate  # imported here: pyshacl (and owlrl) load slowly

    conforms, report, _text = validate(data, shacl_graph=shapes or shapes_graph(), inference="none")
    if conforms:
        return []
    lines = set()
    for result in report.subjects(SH.resultSeverity, SH.Violation):
        focus = report.value(result, SH.focusNode)
        path = report.value(result, SH.resultPath)
        message = report.value(result, SH.resultMessage)
        lines.add(f"{_short(focus)} {_short(path)}: {message}")
    return sorted(lines)


def validate_quads(quads: Iterable[Quad], shapes: Graph | None = None) -> list[str]:
    """The SHACL violations of some quads, read as one graph (their union)."""
    data = Graph()
    for s, p, o, _g in quads:
        data.add((s, p, o))
    return validate_graph(data, shapes)


def validate_store(store: GraphStore) -> list[str]:
    """The SHACL violations of a whole store: the union of all its graphs but the ontology."""
    result = store.query(
        "SELECT ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } FILTER(?g != <https://aikg.dev/graph/ontology>) }",
        check=False,
        max_rows=0,
        timeout_s=0,
    )
    data = Graph()
    for s, p, o in result.rows:
        data.add((s, p, o))  # type: ignore[arg-type]
    return validate_graph(data)
