"""The same build and the same queries through an Oxigraph server over HTTP (EndpointStore)."""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from extract.records import Extraction
from graph import queries as q
from graph.builder import build_extractions
from graph.cli import cli
from graph.endpoint import EndpointStore
from graph.errors import QueryRefusedError, QuerySyntaxError
from graph.store import OxigraphStore

pytestmark = pytest.mark.endpoint

ROOT = Path(__file__).resolve().parents[2]
OXIGRAPH = Path(sys.executable).parent / "oxigraph"
IRI = "https://aikg.dev/id/"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture(scope="module")
def server(
    tmp_path_factory: pytest.TempPathFactory,
    await_endpoint: Callable[[str, subprocess.Popen[bytes], str], None],
) -> Iterator[str]:
    """An update-capable Oxigraph server on a free local port; yields its query URL."""
    if not OXIGRAPH.exists() and shutil.which("oxigraph") is None:
        pytest.fail("the oxigraph server binary is missing (pip install oxigraph)")
    port = free_port()
    location = tmp_path_factory.mktemp("server") / "store"
    binary = str(OXIGRAPH) if OXIGRAPH.exists() else str(shutil.which("oxigraph"))
    process = subprocess.Popen(
        [binary, "serve", "--location", str(location), "--bind", f"127.0.0.1:{port}"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    url = f"http://127.0.0.1:{port}/query"
    try:
        await_endpoint(url, process, "oxigraph")
        yield url
    finally:
        process.terminate()
        process.wait(timeout=30)
        if process.stderr is not None:
            process.stderr.close()


@pytest.fixture(scope="module")
def endpoint(server: str, sample_extractions: tuple[Extraction, ...]) -> EndpointStore:
    store = EndpointStore(server)
    build_extractions(sample_extractions, store)
    return store


CALLS: list[tuple[str, Callable[[Any], Any]]] = [
    ("top_investors", q.top_investors),
    ("investment_by_country", q.investment_by_country),
    ("actor_facts", lambda s: q.actor_facts(s, IRI + "company/intel")),
    ("datacenter_builds_by_country", q.datacenter_builds_by_country),
    ("power_deals", q.power_deals),
    ("funding_timeline", lambda s: q.funding_timeline(s, IRI + "company/openai")),
    ("common_partners", lambda s: q.common_partners(s, IRI + "company/microsoft", IRI + "company/oracle")),
    ("two_hop_investors", lambda s: q.two_hop_investors(s, IRI + "country/country-us")),
    ("multi_source_deals", q.multi_source_deals),
    ("newest_deals", q.newest_deals),
    ("overview_counts", q.overview_counts),
    ("search_actors", lambda s: q.search_actors(s, "nvidia corp")),
    ("actor_card", lambda s: q.actor_card(s, IRI + "company/nvidia")),
    ("ego_network", lambda s: q.ego_network(s, IRI + "company/openai", depth=2)),
    ("article", lambda s: q.article(s, IRI + "article/a-nvidia-intel")),
    ("deal_reports", q.deal_reports),
    ("all_actors", q.all_actors),
]


@pytest.mark.parametrize(("name", "call"), CALLS, ids=[c[0] for c in CALLS])
def test_queries_answer_the_same_over_http(
    endpoint: EndpointStore, sample_store: OxigraphStore, name: str, call: Callable[[Any], Any]
) -> None:
    over_http = call(endpoint)
    assert over_http == call(sample_store)
    assert over_http, name


def test_the_dataset_is_the_same_over_http(endpoint: EndpointStore, sample_store: OxigraphStore) -> None:
    def stable(dump: bytes) -> list[str]:
        return sorted(line for line in dump.decode().splitlines() if "generatedAtTime" not in line)

    assert stable(endpoint.dump()) == stable(sample_store.dump())
    assert endpoint.article_hashes() == sample_store.article_hashes()


def test_the_guard_and_errors_over_http(endpoint: EndpointStore) -> None:
    with pytest.raises(QueryRefusedError):
        endpoint.query("DROP ALL")
    with pytest.raises(QuerySyntaxError, match="refused the request"):
        endpoint.query("SELECT * WHERE { ?s ?p }")
    ask = endpoint.query("ASK { ?s a <https://schema.org/NewsArticle> }")
    assert (ask.kind, ask.boolean) == ("ask", True)
    graph = endpoint.query("CONSTRUCT WHERE { ?s a <https://schema.org/NewsArticle> }", max_rows=2)
    assert (graph.kind, len(graph), graph.truncated) == ("graph", 2, True)


def test_cli_builds_and_queries_over_http(server: str, tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    shutil.copy(ROOT / "corpus" / "openai-40b-softbank-round-2025.md", corpus)
    built = CliRunner().invoke(cli, ["build", str(corpus), "--store", server])
    assert built.exit_code == 0, built.output
    assert built.stdout.startswith("built 1 of 1 articles (0 unchanged, 0 skipped): ")
    again = CliRunner().invoke(cli, ["build", str(corpus), "--store", server])
    assert again.stdout.startswith("built 0 of 1 articles (1 unchanged, 0 skipped): ")
    answer = CliRunner().invoke(
        cli,
        ["query", "article", "-p", f"article={IRI}article/openai-40b-softbank-round-2025", "--store", server],
    )
    assert answer.exit_code == 0, answer.output
    assert "OpenAI closes $40 billion SoftBank-led round" in answer.stdout
