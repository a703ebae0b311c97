"""The whole corpus through the extract stage, checked by the shared JSONL contract checker."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from extract import iter_article_paths, read_article
from extract.records import ENTITY_TYPES, PREDICATES

CORPUS = Path(__file__).resolve().parents[2] / "corpus"


def test_vocabularies_match_the_contract(contracts_dir: Path) -> None:
    text = (contracts_dir / "extract-jsonl.md").read_text(encoding="utf-8")
    for predicate in PREDICATES:
        assert f"`{predicate}`" in text
    for etype in ENTITY_TYPES:
        assert f"`{etype}`" in text


@pytest.mark.slow
def test_whole_corpus_piped_through_aikg_extract_passes_the_contract_checker(contracts_dir: Path) -> None:
    aikg = Path(sys.executable).parent / "aikg"
    with subprocess.Popen(
        [str(aikg), "extract", str(CORPUS), "--format", "jsonl"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    ) as extract:
        assert extract.stdout is not None and extract.stderr is not None
        check = subprocess.run(
            [sys.executable, str(contracts_dir / "check_extract_jsonl.py")],
            stdin=extract.stdout,
            capture_output=True,
            text=True,
        )
        errors = extract.stderr.read().decode()
    assert extract.returncode == 0, errors
    assert check.returncode == 0, check.stdout
    kinds = dict(pair.split("=") for pair in check.stdout.split())
    assert int(kinds["entity"]) > 500 and int(kinds["amount"]) > 200
    assert int(kinds["power"]) > 50 and int(kinds["relation"]) > 200


def test_every_corpus_article_is_read(contracts_dir: Path) -> None:
    articles = [read_article(p) for p in iter_article_paths([CORPUS])]
    assert len(articles) >= 60
    assert len({a.id for a in articles}) == len(articles)


@pytest.mark.slow
def test_two_processes_give_the_same_records_in_the_same_order() -> None:
    from extract import extract_articles

    articles = [read_article(p) for p in iter_article_paths([CORPUS])][:6]
    one = [ex.records() for ex in extract_articles(articles, n_process=1)]
    two = [ex.records() for ex in extract_articles(articles, n_process=2)]
    assert one == two
    assert [r[0]["doc"] for r in two] == [a.id for a in articles]
