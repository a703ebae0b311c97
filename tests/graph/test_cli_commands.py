"""The `aikg` commands' contracts: exact messages, exit codes, stdout for data, stderr for the rest."""

from __future__ import annotations

import json
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

import graph.cli
from graph.cli import cli
from graph.store import OxigraphStore

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def store_dir(sample_folder: Path) -> Path:
    """The sample built into an on-disk store folder (closed, so that other processes can open it)."""
    return sample_folder


def run(*args: str, stdin: str | None = None) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args), input=stdin)
    return result.exit_code, result.stdout, result.stderr


def test_every_command_has_help_with_an_example() -> None:
    for name, command in cli.commands.items():
        code, out, _err = run(name, "-h")
        assert code == 0, name
        assert "Example:" in out, name
        assert command.help and "Example:" in command.help


def test_query_named_with_table_output(store_dir: Path) -> None:
    code, out, err = run("query", "top_investors", "--store", str(store_dir))
    assert (code, err) == (0, "")
    lines = out.splitlines()
    assert lines[0].split() == ["investor", "investorLabel", "deals", "totalUsd"]
    assert lines[2].split()[1:] == ["Nvidia", "2", "105000000000"]


def test_query_named_with_a_parameter_as_json(store_dir: Path) -> None:
    code, out, _err = run(
        "query",
        "common_partners",
        "-p",
        "first=https://aikg.dev/id/company/microsoft",
        "-p",
        "second=https://aikg.dev/id/company/oracle",
        "--format",
        "json",
        "--store",
        str(store_dir),
    )
    assert code == 0
    assert json.loads(out) == {
        "head": {"vars": ["partner", "partnerLabel"]},
        "results": {
            "bindings": [
                {
                    "partner": {"type": "uri", "value": "https://aikg.dev/id/company/openai"},
                    "partnerLabel": {"type": "literal", "value": "OpenAI"},
                }
            ]
        },
    }


def test_query_from_a_file_and_from_stdin(store_dir: Path, tmp_path: Path) -> None:
    sparql = (
        "SELECT ?id WHERE { ?a a <https://schema.org/NewsArticle> ; "
        "<http://purl.org/dc/terms/identifier> ?id } ORDER BY ?id"
    )
    expected = "id\r\na-nvidia-intel\r\nb-power-and-builds\r\nc-constellation-again\r\n"
    (tmp_path / "q.rq").write_text(sparql, encoding="utf-8")
    from_file = CliRunner().invoke(
        cli, ["query", str(tmp_path / "q.rq"), "--format", "csv", "--store", str(store_dir)]
    )
    assert from_file.stdout_bytes.decode("utf-8") == expected  # W3C CSV ends lines with CRLF
    from_stdin = CliRunner().invoke(
        cli, ["query", "-", "--format", "csv", "--store", str(store_dir)], input=sparql
    )
    assert from_stdin.stdout_bytes.decode("utf-8") == expected


def test_truncation_is_reported_on_stderr(store_dir: Path) -> None:
    code, out, err = run(
        "query", "SELECT ?s WHERE { ?s ?p ?o }", "--max-rows", "2", "--store", str(store_dir)
    )
    assert code == 0
    assert len(out.splitlines()) == 4  # header, rule, two rows
    assert err == "(stopped at the row cap of 2 rows; raise it with --max-rows)\n"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["DROP ALL"],
            "Error: query refused: DROP (aikg queries are read-only: only SELECT, ASK, "
            "CONSTRUCT and DESCRIBE run)\n",
        ),
        (
            ["SELECT * { SERVICE <http://x.example/> { ?s ?p ?o } }"],
            "Error: query refused: SERVICE (it would call another endpoint over the network)\n",
        ),
        (["top_investor"], "Error: unknown query 'top_investor'; available queries: actor_card, "),
        (["actor_facts"], "Error: actor_facts: missing parameter 'actor'\n"),
        (
            ["actor_facts", "-p", "actor=Nvidia"],
            "Error: actor_facts: parameter actor needs an IRI, got 'Nvidia'\n",
        ),
        (["SELECT * WHERE { ?s ?p }"], "Error: invalid SPARQL query: "),
    ],
)
def test_query_errors_are_one_line(store_dir: Path, args: list[str], message: str) -> None:
    code, out, err = run("query", *args, "--store", str(store_dir))
    assert (code, out) == (1, "")
    assert err.startswith(message) and err.count("\n") == 1


def test_param_needs_a_shipped_query(store_dir: Path) -> None:
    code, _out, err = run("query", "SELECT * {}", "-p", "a=b", "--store", str(store_dir))
    assert code == 2
    assert "--param works with the name of a shipped query (see `aikg queries`)" in err


def test_query_on_a_missing_store(tmp_path: Path) -> None:
    code, _out, err = run("query", "ASK {}", "--store", str(tmp_path / "nope"))
    assert (code, err) == (1, f"Error: store {tmp_path / 'nope'}: no store here; run `aikg build` first\n")


def test_timeout_ends_the_process(store_dir: Path) -> None:
    heavy = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
    started = time.perf_counter()
    done = subprocess.run(
        [
            sys.executable,
            "-c",
            "from graph.cli import cli; cli()",
            "query",
            heavy,
            "--timeout",
            "0.5",
            "--store",
            str(store_dir),
        ],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=ROOT,
    )
    assert time.perf_counter() - started < 20
    assert done.returncode == 1
    assert done.stderr.endswith(
        "Error: query stopped after the 0.5 s time limit (raise it with --timeout, or narrow the query)\n"
    )


def test_queries_lists_the_shipped_queries() -> None:
    code, out, _err = run("queries")
    assert code == 0
    assert "top_investors                  Top investors by total USD" in out
    assert "actor_facts                    The facts about one actor  [-p actor=<iri>]" in out


def test_unknown_export_format_lists_the_formats(store_dir: Path) -> None:
    code, _out, err = run("export", "--format", "xls", "--output", "x", "--store", str(store_dir))
    assert code == 2
    assert err.endswith(
        "Error: Invalid value for --format: 'xls'; available formats: "
        "ttl, nt, nq, trig, jsonld, gexf, graphml, csv, html\n"
    )


Spawned = list[tuple[list[str], dict[str, str] | None]]


@pytest.fixture
def spawned(monkeypatch: pytest.MonkeyPatch) -> Iterator[Spawned]:
    """The commands `aikg serve` and `aikg app` would run (nothing is started)."""
    calls: Spawned = []

    def fake(command: list[str], env: dict[str, str] | None = None) -> int:
        calls.append((command, env))
        return 0

    monkeypatch.setattr(graph.cli, "run_process", fake)
    yield calls


def test_serve_runs_the_read_only_oxigraph_server(store_dir: Path, spawned: Spawned) -> None:
    code, _out, err = run("serve", "--store", str(store_dir), "--port", "7999")
    assert code == 0
    command, _env = spawned[0]
    assert Path(command[0]).name == "oxigraph"
    assert command[1:] == [
        "serve-read-only",
        "--location",
        str(store_dir),
        "--bind",
        "127.0.0.1:7999",
        "--union-default-graph",
    ]
    assert f"serving {store_dir} read-only on http://127.0.0.1:7999/query (Ctrl-C stops)" in err


def test_serve_needs_a_built_store(tmp_path: Path, spawned: Spawned) -> None:
    code, _out, err = run("serve", "--store", str(tmp_path))
    assert (code, spawned) == (1, [])
    assert err == f"Error: store {tmp_path}: no store here; run `aikg build` first\n"


def test_app_runs_streamlit_on_localhost(store_dir: Path, spawned: Spawned) -> None:
    code, _out, _err = run("app", "--store", str(store_dir), "--port", "8600")
    assert code == 0
    command, env = spawned[0]
    assert command[1:4] == ["-m", "streamlit", "run"]
    assert command[5:9] == ["--server.address", "127.0.0.1", "--server.port", "8600"]
    assert env is not None and env["AIKG_STORE"] == str(store_dir)


def test_build_reports_skipped_files_on_stderr(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "broken.md").write_text("---\nid: [oops\n---\nBody.\n", encoding="utf-8")
    code, out, err = run("build", str(corpus), "--store", str(tmp_path / "store"))
    assert code == 0
    broken = corpus / "broken.md"
    assert err == (
        f"skipped {broken}: {broken}: front matter is not valid YAML at line 2 "
        "(fix that line: one 'field: value' per line, quote values holding ':' or '#')\n"
    )
    assert out.startswith("built 0 of 1 articles (0 unchanged, 1 skipped): 0 entities, 0 facts, ")


def test_build_refuses_a_locked_store(tmp_path: Path) -> None:
    with OxigraphStore(tmp_path / "store"):
        code, _out, err = run("build", str(ROOT / "corpus"), "--store", str(tmp_path / "store"))
    assert code == 1
    assert err.startswith(f"Error: store {tmp_path / 'store'}: another aikg process holds its lock ")
