"""The Explore page's ego network: an actor's neighbourhood drawn as an escaped, offline pyvis page.

The labels, tooltips and edge amounts come from :func:`graph.queries.ego_network` and the actor
table; :func:`graph.network_html.render_network_html` escapes every string that came from an
article.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from graph.network_html import NetworkEdge, NetworkNode, render_network_html
from graph.vocab import PREDICATE_TERMS
from ui import resources
from ui.render import country_name

__all__ = ["network"]

#: The convenience edge's local name (``investsIn``) -> the deal type (``invests_in``).
_EDGE_PREDICATE = {str(t.edge).rsplit("#", 1)[-1]: p for p, t in PREDICATE_TERMS.items()}
_HEIGHT = 560
_EGO_CAP = 500


@st.cache_data(show_spinner=False)
def network(location: str, iri: str, depth: int, cap: int) -> tuple[str, str, int]:
    """The ego network page (escaped pyvis HTML), its caption and its height.

    Args:
        location: the store.
        iri: the actor at the centre.
        depth: hops from the centre (1 or 2).
        cap: the most actors drawn; the caption says how many of how many are shown.
    """
    ego = resources.ego_network(location, iri, depth)
    actors = resources.actors(location)
    nodes = []
    for node in ego.nodes:
        row = actors.loc[node.iri] if node.iri in actors.index else None
        details: list[tuple[str, str]] = [("hops", str(node.depth))]
        if row is not None:
            if pd.notna(row["role"]):
                details.append(("role", str(row["role"])))
            if pd.notna(row["home"]):
                details.append(("country", country_name(str(row["home"]))))
            details.append(("facts", str(row["facts"])))
        weight = float(row["facts"]) if row is not None else 0.0
        nodes.append(NetworkNode(node.iri, node.label, node.type, tuple(details), weight))
    edges = []
    for edge in ego.edges:
        predicate = _EDGE_PREDICATE.get(edge.predicate, edge.predicate)
        extra = (("deals", str(edge.deals)),) if edge.deals > 1 else ()
        edges.append(NetworkEdge(edge.source, edge.target, predicate, edge.usd or None, extra))
    rendered = render_network_html(nodes, edges, centre=iri, max_nodes=cap, height_px=_HEIGHT)
    note = rendered.note + (f" (the neighbourhood was cut at {_EGO_CAP})" if ego.truncated else "")
    return rendered.html, note, _HEIGHT + 30
