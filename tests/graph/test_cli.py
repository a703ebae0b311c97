"""The `aikg` CLI end to end on real corpus articles: extract, build, query, export."""

from __future__ import annotations

import json
import shutil
import subprocess
import warnings
import zipfile
from collections.abc import Callable
from pathlib import Path

import networkx as nx
import pytest
from click.testing import CliRunner
from rdflib import Graph

from graph.cli import cli

CORPUS = Path(__file__).resolve().parents[2] / "corpus"
ARTICLES = [
    "microsoft-constellation-crane-restart-2024",
    "openai-6-6b-round-thrive-2024",
    "coreweave-core-scientific-deal-2025",
]


@pytest.fixture(scope="module")
def small_corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("corpus")
    for name in ARTICLES:
        shutil.copy(CORPUS / f"{name}.md", folder / f"{name}.md")
    return folder


@pytest.fixture(scope="module")
def built_store(small_corpus: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    store = tmp_path_factory.mktemp("store") / "store"
    result = CliRunner().invoke(cli, ["build", str(small_corpus), "--store", str(store)])
    assert result.exit_code == 0, result.output
    assert "built 3 of 3 articles (0 unchanged, 0 skipped)" in result.output
    return store


def test_extract_writes_contract_records(
    small_corpus: Path,
    tmp_path: Path,
    check_contract: Callable[[str, Path], subprocess.CompletedProcess[str]],
) -> None:
    result = CliRunner().invoke(
        cli, ["extract", str(small_corpus / f"{ARTICLES[0]}.md"), "--format", "jsonl"]
    )
    assert result.exit_code == 0, result.output
    records = [json.loads(line) for line in result.output.splitlines()]
    names = {r["name"] for r in records if r["kind"] == "entity"}
    assert {"Microsoft", "Constellation Energy", "Pennsylvania"} <= names
    assert any(r["kind"] == "power" and r["mw"] == 835 for r in records)
    check = check_contract(result.output, tmp_path)
    assert check.returncode == 0, check.stdout


def test_extract_reads_standard_input() -> None:
    result = CliRunner().invoke(cli, ["extract", "-"], input="Nvidia will invest $5 billion in Intel.\n")
    assert result.exit_code == 0, result.output
    rels = [json.loads(line) for line in result.output.splitlines() if '"relation"' in line]
    assert [(r["subject"], r["predicate"], r["object"]) for r in rels] == [("Nvidia", "invests_in", "Intel")]
    assert rels[0]["amount_usd"] == 5e9


def test_extract_missing_path_is_a_one_line_error() -> None:
    result = CliRunner().invoke(cli, ["extract", "/nonexistent/x.md"])
    assert result.exit_code == 1
    assert "no such file or folder" in result.output


def test_build_is_incremental_and_idempotent(small_corpus: Path, built_store: Path, tmp_path: Path) -> None:
    before = CliRunner().invoke(
        cli, ["export", "--format", "nq", "--output", str(tmp_path / "a.nq"), "--store", str(built_store)]
    )
    assert before.exit_code == 0, before.output
    again = CliRunner().invoke(cli, ["build", str(small_corpus), "--store", str(built_store)])
    assert "built 0 of 3 articles (3 unchanged, 0 skipped)" in again.output
    CliRunner().invoke(
        cli, ["export", "--format", "nq", "--output", str(tmp_path / "b.nq"), "--store", str(built_store)]
    )
    assert sorted((tmp_path / "a.nq").read_text().splitlines()) == sorted(
        (tmp_path / "b.nq").read_text().splitlines()
    )


def test_query_formats(built_store: Path) -> None:
    sparql = (
        "SELECT ?name WHERE { ?a <http://www.w3.org/2000/01/rdf-schema#label> ?name . "
        "?a a <https://schema.org/Corporation> } ORDER BY ?name"
    )
    table = CliRunner().invoke(cli, ["query", sparql, "--store", str(built_store)])
    assert table.exit_code == 0, table.output
    assert "CoreWeave" in table.output and "Microsoft" in table.output
    as_json = CliRunner().invoke(cli, ["query", sparql, "--format", "json", "--store", str(built_store)])
    data = json.loads(as_json.output)
    assert data["head"]["vars"] == ["name"]
    names = [b["name"]["value"] for b in data["results"]["bindings"]]
    assert "OpenAI" in names and names == sorted(names)
    as_csv = CliRunner().invoke(cli, ["query", sparql, "--format", "csv", "--store", str(built_store)])
    assert as_csv.output.splitlines()[0].strip() == "name"


def test_query_refuses_updates(built_store: Path) -> None:
    result = CliRunner().invoke(cli, ["query", "DROP ALL", "--store", str(built_store)])
    assert result.exit_code == 1
    assert "Error:" in result.output


@pytest.mark.parametrize("fmt", ["ttl", "nt", "jsonld"])
def test_rdf_exports_round_trip(built_store: Path, tmp_path: Path, fmt: str) -> None:
    out = tmp_path / f"g.{fmt}"
    result = CliRunner().invoke(
        cli, ["export", "--format", fmt, "--output", str(out), "--store", str(built_store)]
    )
    assert result.exit_code == 0, result.output
    with warnings.catch_warnings():
        # rdflib's JSON-LD parser still builds a ConjunctiveGraph internally.
        warnings.simplefilter("ignore", DeprecationWarning)
        g = Graph().parse(out, format={"ttl": "turtle", "nt": "nt", "jsonld": "json-ld"}[fmt])
    nq = tmp_path / "g.nq"
    CliRunner().invoke(cli, ["export", "--format", "nq", "--output", str(nq), "--store", str(built_store)])
    union = {tuple(line.split(" ")[:3]) for line in nq.read_text(encoding="utf-8").splitlines() if line}
    assert len(g) > 1000
    assert len(union) >= len(g) * 0.9


def test_network_exports_read_back(built_store: Path, tmp_path: Path) -> None:
    for fmt in ("gexf", "graphml", "csv", "html"):
        out = tmp_path / f"g.{fmt}"
        result = CliRunner().invoke(
            cli, ["export", "--format", fmt, "--output", str(out), "--store", str(built_store)]
        )
        assert result.exit_code == 0, result.output
    gexf = nx.read_gexf(tmp_path / "g.gexf")
    graphml = nx.read_graphml(tmp_path / "g.graphml")
    assert set(gexf.nodes) == set(graphml.nodes)
    labels = {a["label"] for _n, a in gexf.nodes(data=True)}
    assert {"Microsoft", "Constellation Energy"} <= labels
    assert gexf.number_of_edges() == graphml.number_of_edges() > 0
    with zipfile.ZipFile(tmp_path / "g.csv") as zf:
        assert zf.read("nodes.csv").decode().startswith("Id,Label")
    assert "Microsoft" in (tmp_path / "g.html").read_text(encoding="utf-8")


def test_export_takes_the_app_filters(built_store: Path, tmp_path: Path) -> None:
    from graph.dealfilter import DealFilter
    from graph.store import OxigraphStore, open_store
    from graph.subgraph import select_deals
    from graph.validate import validate_store

    out = tmp_path / "power.nq"
    args = ["export", "--format", "nq", "--output", str(out), "--store", str(built_store)]
    result = CliRunner().invoke(cli, [*args, "--deal-type", "buys_power_from", "--country", "us"])
    assert result.exit_code == 0, result.output
    assert "graph); filter: deal type buys_power_from; country US)" in result.output
    source = open_store(built_store, read_only=True)
    try:
        expected = select_deals(source, DealFilter(deal_types=("buys_power_from",), countries=("US",)))
        every = select_deals(source, DealFilter())
    finally:
        source.close()
    assert 0 < len(expected.deals) < len(every.deals)
    exported = OxigraphStore(None)
    try:
        exported.load_nquads(out.read_text(encoding="utf-8"))
        deals = exported.query(
            "PREFIX aikg: <https://aikg.dev/ontology#> SELECT DISTINCT ?d WHERE { ?d a aikg:Deal }",
            check=False,
        )
        assert {str(row[0]) for row in deals.rows} == set(expected.deals)
        assert validate_store(exported) == []
    finally:
        exported.close()


def test_export_filter_options_refuse_bad_values(built_store: Path, tmp_path: Path) -> None:
    args = ["export", "--format", "ttl", "--output", str(tmp_path / "x.ttl"), "--store", str(built_store)]
    result = CliRunner().invoke(cli, [*args, "--deal-type", "owns"])
    assert result.exit_code == 2
    assert "Invalid value for '--deal-type': 'owns' is not one of 'acquires'," in result.output
    result = CliRunner().invoke(cli, [*args, "--country", "usa"])
    assert result.exit_code == 1
    assert "Error: country 'USA' is not an ISO 3166-1 alpha-2 code such as US or GB" in result.output
    result = CliRunner().invoke(cli, [*args, "--since", "2025-02-01", "--until", "2025-01-01"])
    assert result.exit_code == 1
    assert "Error: the filter's start 2025-02-01 is after its end 2025-01-01" in result.output
    assert not (tmp_path / "x.ttl").exists()
