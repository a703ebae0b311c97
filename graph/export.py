"""Exports of the graph: RDF (Turtle, N-Triples, N-Quads, TriG, JSON-LD) and network formats for
Gephi and browsers (GEXF 1.3, GraphML, CSV nodes and edges, one HTML page).

Each export is of the whole graph, or of the subgraph a :class:`~graph.dealfilter.DealFilter`
keeps (:mod:`graph.subgraph`): the same formats, written from a store holding only that part.
"""

from __future__ import annotations

import csv
import io
import zipfile
from pathlib import Path

import networkx as nx
from rdflib import Graph

from graph.dealfilter import DealFilter
from graph.errors import GraphError
from graph.network import actor_network
from graph.network_html import NetworkEdge, NetworkNode, render_network_html
from graph.store import GraphStore
from graph.subgraph import extract_subgraph
from graph.vocab import PREFIXES

__all__ = ["EXPORT_FORMATS", "export_bytes", "export_store", "gexf_13", "neutralise_cell"]

#: format -> what it writes
EXPORT_FORMATS: dict[str, str] = {
    "ttl": "Turtle (the union of all graphs)",
    "nt": "N-Triples (the union of all graphs)",
    "nq": "N-Quads (every article in its named graph)",
    "trig": "TriG (every article in its named graph)",
    "jsonld": "JSON-LD with a compact @context",
    "gexf": "GEXF 1.3 for Gephi (actors; deals collapsed into weighted, dated edges)",
    "graphml": "GraphML (actors, facts as edges)",
    "csv": "Gephi's nodes and edges tables (a .zip holding nodes.csv and edges.csv)",
    "html": "one self-contained interactive network page (pyvis, works offline)",
}
_HTML_MAX_NODES = 150


def neutralise_cell(value: object) -> str:
    """A CSV cell that a spreadsheet will not run as a formula.

    >>> neutralise_cell("=HYPERLINK(1)")
    "'=HYPERLINK(1)"
    """
    text = "" if value is None else str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


_UNION = "CONSTRUCT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } }"


def _union_graph(store: GraphStore) -> Graph:
    g = Graph()
    for prefix, ns in PREFIXES.items():
        g.bind(prefix, ns)
    for s, p, o in store.query(_UNION, check=False, max_rows=0, timeout_s=0).rows:
        g.add((s, p, o))  # type: ignore[arg-type]
    return g


_GEXF_12 = (b"http://www.gexf.net/1.2draft", b'version="1.2"')
_GEXF_13 = (b"http://gexf.net/1.3", b'version="1.3"')


def gexf_13(network: nx.MultiDiGraph) -> bytes:
    """The network as GEXF 1.3 (networkx writes 1.2draft; 1.3 differs in its namespaces).

    Edges carry ``start``/``end`` dates, so the graph is written with ``mode="dynamic"`` and
    ``timeformat="date"`` and Gephi's timeline works.
    """
    buf = io.BytesIO()
    nx.write_gexf(network, buf, version="1.2draft")
    data = buf.getvalue()
    data = data.replace(b"http://www.gexf.net/1.2draft/viz", b"http://gexf.net/1.3/viz")
    data = data.replace(b"http://www.gexf.net/1.2draft/gexf.xsd", b"http://gexf.net/1.3/gexf.xsd")
    data = data.replace(_GEXF_12[0], _GEXF_13[0]).replace(_GEXF_12[1], _GEXF_13[1])
    return data


def _csv_zip(g: nx.MultiDiGraph) -> bytes:
    nodes, edges = io.StringIO(), io.StringIO()
    nw = csv.writer(nodes)
    nw.writerow(["Id", "Label", "type", "role", "country", "wikidata", "usd_in", "usd_out"])
    for node, a in sorted(g.nodes(data=True)):
        nw.writerow(
            [
                neutralise_cell(x)
                for x in (node, a["label"], a["type"], a["role"], a["country"], a["wikidata"])
            ]
            + [a["usd_in"], a["usd_out"]]
        )
    ew = csv.writer(edges)
    ew.writerow(["Source", "Target", "Type", "Label", "Weight", "deals", "start", "end"])
    for s, o, a in sorted(g.edges(data=True), key=lambda e: (e[0], e[1], e[2]["label"])):
        ew.writerow(
            [
                neutralise_cell(s),
                neutralise_cell(o),
                "Directed",
                neutralise_cell(a["label"]),
                a["weight"],
                a["deals"],
                a.get("start", ""),
                a.get("end", ""),
            ]
        )
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("nodes.csv", nodes.getvalue())
        zf.writestr("edges.csv", edges.getvalue())
    return buf.getvalue()


def _html(g: nx.MultiDiGraph) -> str:
    nodes = [
        NetworkNode(
            id=n,
            label=a["label"],
            type=a["type"],
            details=tuple((k, str(a[k])) for k in ("type", "role", "country", "wikidata") if a[k]),
            weight=a["usd_in"] + a["usd_out"] + a["weight"],
        )
        for n, a in g.nodes(data=True)
    ]
    edges = [
        NetworkEdge(source=s, target=o, label=a["label"], usd=a["weight"] or None)
        for s, o, a in g.edges(data=True)
    ]
    return render_network_html(nodes, edges, max_nodes=_HTML_MAX_NODES).html


def export_bytes(store: GraphStore, fmt: str, deal_filter: DealFilter | None = None) -> bytes:
    """The graph in one format, as the bytes of the file :func:`export_store` writes.

    Args:
        store: the store to read.
        fmt: one of :data:`EXPORT_FORMATS`.
        deal_filter: export only the deals it keeps, with their reports, articles and parties
            (:mod:`graph.subgraph`); the network formats then hold only those parties.
            ``None`` exports the whole graph.

    Raises:
        GraphError: an unknown format.

    Example:
        >>> from graph.store import open_store
        >>> export_bytes(open_store("memory"), "nq")
        b''
    """
    if fmt not in EXPORT_FORMATS:
        raise GraphError(f"unknown export format {fmt!r}; available formats: {', '.join(EXPORT_FORMATS)}")
    if deal_filter is None:
        return _export(store, fmt, None)
    sub = extract_subgraph(store, deal_filter)
    try:
        return _export(sub.store, fmt, sub.selection.actors)
    finally:
        sub.store.close()


def _export(store: GraphStore, fmt: str, actors: frozenset[str] | None) -> bytes:
    """One format of a store; the network formats keep only ``actors`` when given."""
    if fmt in ("nq", "trig"):
        return store.dump(fmt)
    if fmt in ("ttl", "nt", "jsonld"):
        g = _union_graph(store)
        if fmt == "jsonld":
            context = {k: v for k, v in PREFIXES.items()}
            text = g.serialize(format="json-ld", context=context, auto_compact=True)
        else:
            text = g.serialize(format={"ttl": "turtle", "nt": "nt"}[fmt])
        return text.encode("utf-8")
    network = actor_network(store)
    if actors is not None:
        network = network.subgraph(actors).copy()
    if fmt == "gexf":
        return gexf_13(network)
    if fmt == "graphml":
        plain = network.copy()
        for _n, a in plain.nodes(data=True):
            a.pop("viz", None)
        buf = io.BytesIO()
        nx.write_graphml(plain, buf)
        return buf.getvalue()
    if fmt == "csv":
        return _csv_zip(network)
    return _html(network).encode("utf-8")


def export_store(
    store: GraphStore, fmt: str, output: str | Path, deal_filter: DealFilter | None = None
) -> Path:
    """Write the graph (or the part ``deal_filter`` keeps) in one format.

    Args:
        store: the store to read.
        fmt: one of :data:`EXPORT_FORMATS`.
        output: the file to write.
        deal_filter: as in :func:`export_bytes`.

    Raises:
        GraphError: an unknown format.
    """
    data = export_bytes(store, fmt, deal_filter)
    path = Path(output)
    path.write_bytes(data)
    return path
