"""The whole corpus through the extract stage, checked by the shared JSONL contract checker."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from extract import extract_articles, iter_article_paths, read_article
from extract.records import ENTITY_TYPES, PREDICATES

CORPUS = Path(__file__).resolve().parents[2] / "corpus"


def test_vocabularies_match_the_contract(contracts_dir: Path) -> None:
    text = (contracts_dir / "extract-jsonl.md").read_text(encoding="utf-8")
    for predicate in PREDICATES:
        assert f"`{predicate}`" in text
    for etype in ENTITY_TYPES:
        assert f"`{etype}`" in text


@pytest.mark.slow
def test_whole_corpus_passes_the_contract_checker(tmp_path: Path, contracts_dir: Path) -> None:
    out = tmp_path / "corpus.jsonl"
    articles = [read_article(p) for p in iter_article_paths([CORPUS])]
    kinds: dict[str, int] = {}
    with out.open("w", encoding="utf-8") as fh:
        for ex in extract_articles(articles):
            for rec in ex.records():
                kinds[rec["kind"]] = kinds.get(rec["kind"], 0) + 1
                fh.write(json.dumps(rec) + "\n")
    result = subprocess.run(
        [sys.executable, str(contracts_dir / "check_extract_jsonl.py"), str(out)],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout
    assert kinds["entity"] > 500 and kinds["amount"] > 200 and kinds["power"] > 50 and kinds["relation"] > 200
