"""The graph built from the whole corpus: SHACL-valid, and every export round-trips."""

from __future__ import annotations

import io
import warnings
import zipfile
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import networkx as nx
import pytest
from rdflib import XSD, Dataset, Graph, Literal
from rdflib.compare import graph_diff, isomorphic, to_isomorphic

from graph.builder import build_corpus
from graph.export import EXPORT_FORMATS, export_store, neutralise_cell
from graph.network import actor_network
from graph.store import OxigraphStore, open_store
from graph.validate import validate_store

CORPUS = Path(__file__).resolve().parents[2] / "corpus"
_RDF = {"ttl": "turtle", "nt": "nt", "jsonld": "json-ld"}


@pytest.fixture(scope="module")
def corpus_store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[OxigraphStore]:
    store = open_store(tmp_path_factory.mktemp("corpus-store") / "store")
    report = build_corpus([CORPUS], store)
    assert report.articles_built == report.articles_seen >= 60
    assert isinstance(store, OxigraphStore)
    yield store
    store.close()


def union_graph(store: OxigraphStore) -> Graph:
    g = Graph()
    rows = store.query(
        "SELECT ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } }", check=False, max_rows=0, timeout_s=0
    )
    for s, p, o in rows.rows:
        g.add((s, p, o))  # type: ignore[arg-type]
    return g


def canonical(g: Graph) -> Graph:
    """The graph with every typed literal in its canonical lexical form ("Z" and "+00:00" are
    the same dateTime), so that graphs equal in RDF value compare equal."""
    out = Graph()
    for s, p, o in g:
        if isinstance(o, Literal) and o.datatype == XSD.decimal:
            o = Literal(format(Decimal(str(o)).normalize(), "f"), datatype=XSD.decimal)
        elif isinstance(o, Literal) and o.datatype is not None:
            o = Literal(o.toPython(), datatype=o.datatype)
        out.add((s, p, o))
    return out


def assert_isomorphic(expected: Graph, got: Graph) -> None:
    expected, got = canonical(expected), canonical(got)
    if not isomorphic(expected, got):
        _both, only_expected, only_got = graph_diff(to_isomorphic(expected), to_isomorphic(got))
        lines = sorted(only_expected.serialize(format="nt").splitlines())[:5]
        extra = sorted(only_got.serialize(format="nt").splitlines())[:5]
        pytest.fail(f"graphs differ; missing {lines}, unexpected {extra}")


@pytest.mark.slow
def test_whole_corpus_graph_conforms_to_the_shapes(corpus_store: OxigraphStore) -> None:
    assert validate_store(corpus_store) == []


@pytest.mark.slow
@pytest.mark.parametrize("fmt", sorted(_RDF))
def test_rdf_exports_parse_back_to_an_isomorphic_graph(
    corpus_store: OxigraphStore, tmp_path: Path, fmt: str
) -> None:
    out = export_store(corpus_store, fmt, tmp_path / f"aikg.{fmt}")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)  # rdflib's JSON-LD parser internals
        got = Graph().parse(out, format=_RDF[fmt])
    assert_isomorphic(union_graph(corpus_store), got)


@pytest.mark.slow
@pytest.mark.parametrize("fmt", ["nq", "trig"])
def test_quad_exports_keep_every_article_in_its_named_graph(
    corpus_store: OxigraphStore, tmp_path: Path, fmt: str
) -> None:
    out = export_store(corpus_store, fmt, tmp_path / f"aikg.{fmt}")
    ds = Dataset()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        ds.parse(out, format={"nq": "nquads", "trig": "trig"}[fmt])
    graphs = {str(g.identifier) for g in ds.graphs()}
    assert "https://aikg.dev/graph/article/microsoft-constellation-crane-restart-2024" in graphs
    assert "https://aikg.dev/graph/actors" in graphs
    got = Graph()
    for s, p, o, _g in ds.quads((None, None, None, None)):
        got.add((s, p, o))
    assert_isomorphic(union_graph(corpus_store), got)


@pytest.mark.slow
def test_gexf_is_version_1_3_and_reads_back_with_the_same_nodes_edges_and_attributes(
    corpus_store: OxigraphStore, tmp_path: Path
) -> None:
    out = export_store(corpus_store, "gexf", tmp_path / "aikg.gexf")
    text = out.read_bytes()
    assert b'xmlns="http://gexf.net/1.3"' in text and b'version="1.3"' in text
    assert b'mode="dynamic"' in text
    # networkx reads GEXF 1.2; the two differ only in their namespaces.
    legacy = text.replace(b"http://gexf.net/1.3", b"http://www.gexf.net/1.2draft")
    legacy = legacy.replace(b'version="1.3"', b'version="1.2"')
    back = nx.read_gexf(io.BytesIO(legacy))
    network = actor_network(corpus_store)
    assert set(back.nodes) == set(network.nodes)
    assert back.number_of_edges() == network.number_of_edges()
    msft = "https://aikg.dev/id/company/microsoft"
    assert back.nodes[msft]["label"] == "Microsoft"
    assert back.nodes[msft]["type"] == "Company"
    assert back.nodes[msft]["wikidata"] == "Q2283"
    assert back.nodes[msft]["usd_out"] == pytest.approx(network.nodes[msft]["usd_out"])
    weights = {(s, o, d["label"]): d["weight"] for s, o, d in back.edges(data=True)}
    for s, o, d in network.edges(data=True):
        assert weights[(s, o, d["label"])] == pytest.approx(d["weight"])


@pytest.mark.slow
def test_deals_collapse_into_one_edge_per_pair_and_type(corpus_store: OxigraphStore) -> None:
    network = actor_network(corpus_store)
    pairs = [(s, o, d["label"]) for s, o, d in network.edges(data=True)]
    assert len(pairs) == len(set(pairs))
    assert any(d["deals"] > 1 for _s, _o, d in network.edges(data=True))
    assert all(d["start"] <= d["end"] for _s, _o, d in network.edges(data=True) if "start" in d)


@pytest.mark.slow
def test_graphml_and_csv_read_back(corpus_store: OxigraphStore, tmp_path: Path) -> None:
    graphml = nx.read_graphml(export_store(corpus_store, "graphml", tmp_path / "aikg.graphml"))
    network = actor_network(corpus_store)
    assert set(graphml.nodes) == set(network.nodes)
    assert graphml.number_of_edges() == network.number_of_edges()
    assert graphml.nodes["https://aikg.dev/id/company/microsoft"]["country"] == "US"
    with zipfile.ZipFile(export_store(corpus_store, "csv", tmp_path / "aikg.zip")) as zf:
        nodes = zf.read("nodes.csv").decode().splitlines()
        edges = zf.read("edges.csv").decode().splitlines()
    assert nodes[0].startswith("Id,Label,type")
    assert len(nodes) - 1 == network.number_of_nodes()
    assert len(edges) - 1 == network.number_of_edges()


@pytest.mark.slow
def test_html_export_is_self_contained(corpus_store: OxigraphStore, tmp_path: Path) -> None:
    page = export_store(corpus_store, "html", tmp_path / "aikg.html").read_text(encoding="utf-8")
    assert '<script src="http' not in page and "cdn" not in page.lower().split("vis-network")[0][-200:]
    assert "Microsoft" in page
    assert len(EXPORT_FORMATS) == 9


@pytest.mark.parametrize(
    ("cell", "safe"),
    [("=1+1", "'=1+1"), ("+49", "'+49"), ("-x", "'-x"), ("@SUM(A1)", "'@SUM(A1)"), ("Nvidia", "Nvidia")],
)
def test_csv_cells_never_start_a_formula(cell: str, safe: str) -> None:
    assert neutralise_cell(cell) == safe
