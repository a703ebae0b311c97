"""graph.network_html: the escaped, offline pyvis page shared by the app and the HTML export."""

from __future__ import annotations

import json
import re
from typing import Any

import networkx as nx

from graph.network_html import (
    NODE_COLOURS,
    NetworkEdge,
    NetworkNode,
    escape_label,
    escape_title,
    render_network_html,
    tooltip_html,
)

# The hostile strings of the app tests (tests/app/conftest.py).
HOSTILE_SCRIPT = "<script>alert(1)</script>"
HOSTILE_IMG = "<img src=x onerror=alert(1)>"
HOSTILE_LINK = "[click](http://evil.example)"
HOSTILE = (HOSTILE_SCRIPT, HOSTILE_IMG, HOSTILE_LINK)


def data(page: str) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    found = dict(re.findall(r"(nodes|edges) = new vis\.DataSet\((\[.*?\])\);", page))
    return json.loads(found["nodes"]), json.loads(found["edges"])


def star(n: int) -> tuple[list[NetworkNode], list[NetworkEdge]]:
    """A centre "c" with n spokes "s0".."s{n-1}", each spoke with one leaf "l<i>"."""
    nodes = [NetworkNode("c", "Centre", "Company")]
    edges = []
    for i in range(n):
        nodes += [
            NetworkNode(f"s{i}", f"Spoke {i}", "Country", weight=float(i)),
            NetworkNode(f"l{i}", f"Leaf {i}", "City"),
        ]
        edges += [
            NetworkEdge("c", f"s{i}", "invests_in", 1e9 * (i + 1)),
            NetworkEdge(f"l{i}", f"s{i}", "located_in"),
        ]
    return nodes, edges


def test_hostile_labels_and_titles_are_escaped() -> None:
    nodes = [
        NetworkNode("a", f"A {HOSTILE_SCRIPT}", "Company", (("alias", HOSTILE_IMG),)),
        NetworkNode("b", HOSTILE_LINK, "Company", (("evidence", '<a href="http://x">x</a>'),)),
    ]
    edges = [NetworkEdge("a", "b", "invests_in", 5e9, (("evidence", HOSTILE_SCRIPT),))]
    page = render_network_html(nodes, edges, centre="a").html
    assert HOSTILE_SCRIPT not in page and HOSTILE_IMG not in page
    drawn, lines = data(page)
    first = drawn[0]
    assert first["label"] == "A &lt;script>alert(1)&lt;/script>"
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in first["title"]
    assert "&lt;img src=x onerror=alert(1)&gt;" in first["title"]
    assert "hr&#101;f" in drawn[1]["title"], "href is written as a character reference"
    for item in [*drawn, *lines]:
        assert "href" not in item["title"]
        assert "<script" not in item["title"] and "<img" not in item["title"]
    assert "popup.innerHTML" not in page, "pyvis's raw-HTML tooltip mode never starts"


def test_page_works_offline_and_has_no_heading() -> None:
    nodes, edges = star(3)
    page = render_network_html(nodes, edges, centre="c").html
    assert not re.search(r"<script[^>]+src=\"https?:", page)
    assert not re.search(r"<link[^>]+href=\"https?:", page)
    assert "<h1>" not in page
    assert "new vis.Network" in page and "aikg-tip" in page


def test_layout_is_precomputed_and_stable() -> None:
    nodes, edges = star(4)
    first = render_network_html(nodes, edges, centre="c")
    again = render_network_html(list(reversed(nodes)), edges, centre="c")
    assert first.html == again.html
    drawn, _ = data(first.html)
    assert '"physics": {"enabled": false}' in first.html
    centre = next(n for n in drawn if n["id"] == "c")
    assert (centre["x"], centre["y"]) == (0.0, 0.0)
    assert len({(n["x"], n["y"]) for n in drawn}) == len(drawn)


def test_node_cap_keeps_the_centre_and_connected_neighbours() -> None:
    nodes, edges = star(10)
    out = render_network_html(nodes, edges, centre="c", max_nodes=6)
    assert (out.shown_nodes, out.total_nodes, out.truncated) == (6, 21, True)
    assert out.note == "showing 6 of 21 actors"
    drawn, lines = data(out.html)
    ids = {n["id"] for n in drawn}
    assert "c" in ids
    assert ids - {"c"} == {f"s{i}" for i in range(9, 4, -1)}, "spokes first, heaviest first"
    graph = nx.Graph([(e["from"], e["to"]) for e in lines])
    assert nx.is_connected(graph) and set(graph) == ids


def test_uncapped_network_shows_everything() -> None:
    nodes, edges = star(3)
    out = render_network_html(nodes, edges, max_nodes=None)
    assert (out.shown_nodes, out.total_nodes, out.shown_edges, out.truncated) == (7, 7, 6, False)


def test_edges_are_merged_sized_and_coloured_by_type() -> None:
    nodes = [
        NetworkNode("a", "A", "Company"),
        NetworkNode("b", "B", "Country"),
        NetworkNode("p", "P", "Person"),
    ]
    edges = [
        NetworkEdge("a", "b", "invests_in", 1e9),
        NetworkEdge("a", "b", "invests_in", 2e9),
        NetworkEdge("a", "b", "builds_datacenter_in"),
        NetworkEdge("p", "a", "works_for"),
        NetworkEdge("a", "missing", "supplies", 1e12),
    ]
    out = render_network_html(nodes, edges, centre="a")
    drawn, lines = data(out.html)
    labels = {e["label"]: e for e in lines}
    assert set(labels) == {"invests in ×2", "builds datacenter in", "works for"}
    assert "$3.0B" in labels["invests in ×2"]["title"]
    assert labels["invests in ×2"]["width"] > labels["works for"]["width"] == 1.0
    assert {n["id"]: n["color"] for n in drawn} == {
        "a": NODE_COLOURS["Company"],
        "b": NODE_COLOURS["Country"],
        "p": NODE_COLOURS["Person"],
    }


def test_escape_helpers() -> None:
    assert escape_label("AT&T <b>") == "AT&amp;T &lt;b>"
    assert escape_title('x & <y> "href"') == "x &amp; &lt;y&gt; &quot;hr&#101;f&quot;"
    tip = tooltip_html(HOSTILE_SCRIPT, [(HOSTILE_LINK, HOSTILE_IMG)])
    for bad in HOSTILE[:2]:
        assert bad not in tip
    assert tip.startswith("<b>&lt;script&gt;") and "<br>" in tip
