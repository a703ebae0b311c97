"""Escaped pyvis rendering of an actor network: one self-contained HTML page that works offline.

Every string that came from an article (labels, aliases, titles, evidence sentences) is escaped
here, whoever calls. pyvis 0.3.2 needs care on three counts, all handled below:

* one node title containing ``href`` switches every tooltip to ``innerHTML``, so titles are
  escaped HTML with ``href`` itself written as ``hr&#101;f``, and pyvis's link mode never starts;
* vis-network shows a string title as plain text, so a small script turns the (already escaped)
  titles into elements, giving line breaks without ever parsing article text as markup;
* the template names Bootstrap on a CDN whatever ``cdn_resources`` says: those tags are removed,
  and ``heading`` is never set from data.

Labels are drawn on the canvas with ``font.multi = "html"``, which decodes only ``&lt;`` and
``&amp;``, so they are escaped for exactly those two characters.

Example:
    >>> nodes = [NetworkNode("a", "A <b>", "Company"), NetworkNode("b", "B", "Country")]
    >>> out = render_network_html(nodes, [NetworkEdge("a", "b", "invests_in", 1e9)], centre="a")
    >>> out.shown_nodes, out.total_nodes, "A <b>" in out.html
    (2, 2, False)
"""

from __future__ import annotations

import html
import json
import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import networkx as nx
from pyvis.network import Network

__all__ = [
    "EDGE_COLOUR",
    "NODE_COLOURS",
    "NetworkEdge",
    "NetworkNode",
    "RenderedNetwork",
    "escape_label",
    "escape_title",
    "render_network_html",
    "tooltip_html",
]

#: Node colours by entity type (Okabe-Ito, readable by colour-blind readers).
NODE_COLOURS: dict[str, str] = {
    "Company": "#0072B2",
    "Organization": "#E69F00",
    "Country": "#009E73",
    "Region": "#56B4E9",
    "City": "#CC79A7",
    "Person": "#D55E00",
}
_OTHER_COLOUR = "#999999"
EDGE_COLOUR = "#7f7f7f"
_CDN_TAG = re.compile(
    r"<link\b[^>]*\bhref=\"https?://[^\"]*\"[^>]*>|<script\b[^>]*\bsrc=\"https?://[^\"]*\"[^>]*>\s*</script>",
    re.IGNORECASE | re.DOTALL,
)
_EMPTY_HEADING = re.compile(r"<center>\s*<h1>\s*</h1>\s*</center>", re.IGNORECASE)
_TITLES_TO_ELEMENTS = """
<script>
// aikg: titles are escaped HTML; show them as elements (vis shows strings as plain text).
(function () {
  function asElement(markup) {
    var div = document.createElement("div");
    div.className = "aikg-tip";
    div.innerHTML = markup;
    return div;
  }
  function convert(set) {
    if (typeof set === "undefined" || set === null) { return; }
    var updates = [];
    set.forEach(function (item) {
      if (typeof item.title === "string") { updates.push({id: item.id, title: asElement(item.title)}); }
    });
    set.update(updates);
  }
  convert(nodes);
  convert(edges);
})();
</script>
"""
_OPTIONS = {
    "physics": {"enabled": False},
    "nodes": {"shape": "dot", "font": {"multi": "html", "size": 14, "face": "sans-serif"}},
    "edges": {
        "color": {"color": EDGE_COLOUR, "highlight": "#333333"},
        "font": {"multi": "html", "size": 10, "align": "middle", "face": "sans-serif"},
        "smooth": False,
        "arrows": {"to": {"enabled": True, "scaleFactor": 0.5}},
    },
    "interaction": {"hover": True, "tooltipDelay": 120},
}


@dataclass(frozen=True, slots=True)
class NetworkNode:
    """One actor to draw.

    Attributes:
        id: a stable id (the actor's IRI).
        label: the name shown under the node (raw text; escaped here).
        type: the entity type, which picks the colour.
        details: tooltip lines as (field, value) pairs (raw text; escaped here).
        weight: ranks nodes when the network is capped (higher is kept first).
    """

    id: str
    label: str
    type: str
    details: tuple[tuple[str, str], ...] = ()
    weight: float = 0.0


@dataclass(frozen=True, slots=True)
class NetworkEdge:
    """One fact between two actors.

    Attributes:
        source: the subject's id.
        target: the object's id.
        label: the deal type (contract predicate such as ``invests_in``; raw text).
        usd: the amount in US dollars, which sets the width.
        details: tooltip lines as (field, value) pairs (raw text; escaped here).
    """

    source: str
    target: str
    label: str
    usd: float | None = None
    details: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True, slots=True)
class RenderedNetwork:
    """The HTML page and how much of the network it shows."""

    html: str
    shown_nodes: int
    total_nodes: int
    shown_edges: int
    total_edges: int

    @property
    def truncated(self) -> bool:
        """Whether nodes were left out to stay under the cap."""
        return self.shown_nodes < self.total_nodes

    @property
    def note(self) -> str:
        """The caption under the network: "showing N of M actors"."""
        return f"showing {self.shown_nodes} of {self.total_nodes} actors"


def escape_label(text: str) -> str:
    """A canvas label for vis ``font.multi = "html"``: ``&`` and ``<`` escaped, nothing else.

    Example:
        >>> escape_label("AT&T <script>")
        'AT&amp;T &lt;script>'
    """
    return text.replace("&", "&amp;").replace("<", "&lt;")


def escape_title(text: str) -> str:
    """Raw text as tooltip HTML: fully escaped, and ``href`` spelt as a character reference.

    Example:
        >>> escape_title('<a href="x">')
        '&lt;a hr&#101;f=&quot;x&quot;&gt;'
    """
    return _no_href(html.escape(text, quote=True))


def _no_href(markup: str) -> str:
    return markup.replace("href", "hr&#101;f")


def tooltip_html(heading: str, details: Iterable[tuple[str, str]]) -> str:
    """A tooltip: the heading in bold, then one ``field: value`` line per detail, all escaped.

    Example:
        >>> tooltip_html("A & B", [("type", "<Company>")])
        '<b>A &amp; B</b><br>type: &lt;Company&gt;'
    """
    lines = [f"<b>{escape_title(heading)}</b>"]
    lines += [f"{escape_title(key)}: {escape_title(value)}" for key, value in details]
    return "<br>".join(lines)


def _readable(predicate: str) -> str:
    return predicate.replace("_", " ")


def _edge_width(usd: float | None) -> float:
    if not usd or usd <= 0:
        return 1.0
    return round(1.0 + 2.0 * math.log10(1.0 + usd / 1e8), 2)


def _short_usd(usd: float) -> str:
    for size, unit in ((1e12, "T"), (1e9, "B"), (1e6, "M"), (1e3, "K")):
        if abs(usd) >= size:
            return f"${usd / size:,.1f}{unit}"
    return f"${usd:,.0f}"


def _merge_edges(edges: Iterable[NetworkEdge], ids: set[str]) -> list[NetworkEdge]:
    """One edge per (source, target, deal type): amounts summed, details concatenated."""
    merged: dict[tuple[str, str, str], list[NetworkEdge]] = {}
    for edge in edges:
        if edge.source in ids and edge.target in ids and edge.source != edge.target:
            merged.setdefault((edge.source, edge.target, edge.label), []).append(edge)
    out: list[NetworkEdge] = []
    for (source, target, label), group in sorted(merged.items()):
        amounts = [e.usd for e in group if e.usd]
        details = tuple(d for e in group for d in e.details)
        shown = label if len(group) == 1 else f"{label} ×{len(group)}"
        out.append(NetworkEdge(source, target, shown, sum(amounts) if amounts else None, details))
    return out


def _keep(
    nodes: Sequence[NetworkNode], edges: Sequence[NetworkEdge], centre: str | None, cap: int | None
) -> list[NetworkNode]:
    """The nodes to draw: nearest to the centre first, heaviest first, each linked to one kept."""
    if cap is None or len(nodes) <= cap:
        return list(nodes)
    graph: nx.Graph = nx.Graph()
    graph.add_nodes_from(n.id for n in nodes)
    graph.add_edges_from((e.source, e.target) for e in edges if e.source != e.target)
    if centre is not None and centre in graph:
        distance = nx.single_source_shortest_path_length(graph, centre)
    else:
        distance = {}
    far = len(nodes) + 1
    order = sorted(
        nodes,
        key=lambda n: (distance.get(n.id, far), -n.weight, -graph.degree(n.id), n.label, n.id),
    )
    kept: list[NetworkNode] = []
    kept_ids: set[str] = set()
    for node in order:
        if len(kept) >= cap:
            break
        linked = any(nb in kept_ids for nb in graph.neighbors(node.id))
        if node.id == centre or not distance or linked or node.id not in distance:
            kept.append(node)
            kept_ids.add(node.id)
    return kept


def _layout(
    ids: list[str], edges: Sequence[NetworkEdge], centre: str | None, seed: int
) -> dict[str, tuple[float, float]]:
    graph: nx.Graph = nx.Graph()
    graph.add_nodes_from(ids)
    for edge in edges:
        weight = graph.get_edge_data(edge.source, edge.target, {"weight": 0})["weight"]
        graph.add_edge(edge.source, edge.target, weight=weight + 1)
    # Small enough that vis-network's fit-to-canvas keeps labels above its 5 px draw threshold.
    scale = 110.0 + 40.0 * math.sqrt(max(len(ids), 2))
    if centre is not None and centre in graph and len(ids) > 1:
        pos = nx.spring_layout(
            graph, seed=seed, pos={centre: (0.0, 0.0)}, fixed=[centre], scale=None, iterations=80
        )
        spread = max((abs(x) for p in pos.values() for x in p), default=1.0) or 1.0
        return {n: (p[0] / spread * scale, p[1] / spread * scale) for n, p in pos.items()}
    pos = nx.spring_layout(graph, seed=seed, scale=scale, iterations=80)
    return {n: (float(p[0]), float(p[1])) for n, p in pos.items()}


def render_network_html(
    nodes: Sequence[NetworkNode],
    edges: Sequence[NetworkEdge],
    *,
    centre: str | None = None,
    max_nodes: int | None = 60,
    height_px: int = 600,
    seed: int = 7,
) -> RenderedNetwork:
    """Draw actors and their facts as one offline HTML page (vis-network inlined, physics off).

    Args:
        nodes: the actors; ids must be unique.
        edges: the facts; edges whose ends are not both drawn are left out, and edges with the
            same ends and deal type are merged (amounts summed, label "×n").
        centre: the id of the actor the network is about: kept first, drawn larger, fixed at
            the middle.
        max_nodes: the node cap (None: no cap); the rest is counted in the result.
        height_px: the height of the drawing.
        seed: the seed of the spring layout, so one network always looks the same.

    Returns:
        The HTML and the shown / total counts.
    """
    unique = sorted({n.id: n for n in nodes}.values(), key=lambda n: n.id)
    kept = sorted(_keep(unique, edges, centre, max_nodes), key=lambda n: n.id)
    ids = {n.id for n in kept}
    shown_edges = _merge_edges(edges, ids)
    pos = _layout([n.id for n in kept], shown_edges, centre, seed)
    degree: dict[str, int] = dict.fromkeys(ids, 0)
    for edge in shown_edges:
        degree[edge.source] += 1
        degree[edge.target] += 1

    net = Network(height=f"{int(height_px)}px", width="100%", directed=True, cdn_resources="in_line")
    for node in kept:
        x, y = pos[node.id]
        node_details = (("type", node.type), *node.details)
        net.add_node(
            node.id,
            label=escape_label(node.label),
            title=tooltip_html(node.label, node_details),
            color=NODE_COLOURS.get(node.type, _OTHER_COLOUR),
            size=30 if node.id == centre else 10 + 4 * math.sqrt(degree[node.id]),
            x=round(x, 1),
            y=round(y, 1),
            borderWidth=3 if node.id == centre else 1,
        )
    for edge in shown_edges:
        details = list(edge.details)
        if edge.usd:
            details.insert(0, ("amount", _short_usd(edge.usd)))
        net.add_edge(
            edge.source,
            edge.target,
            label=escape_label(_readable(edge.label)),
            title=tooltip_html(_readable(edge.label), details),
            width=_edge_width(edge.usd),
        )
    net.set_options(json.dumps(_OPTIONS))
    page = net.generate_html()
    page = _CDN_TAG.sub("", page)
    page = _EMPTY_HEADING.sub("", page)
    page = page.replace("</body>", _TITLES_TO_ELEMENTS + "</body>", 1)
    return RenderedNetwork(
        html=page,
        shown_nodes=len(kept),
        total_nodes=len(unique),
        shown_edges=len(shown_edges),
        total_edges=len(list(edges)),
    )
