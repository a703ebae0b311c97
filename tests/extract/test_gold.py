"""Score extraction against the hand-annotated gold set with the shared scorer.

The test fails below the targets of the extraction-quality issue (the README shows the figures
the scorer printed for the committed gold set).
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from extract import extract_articles, read_text_article

GOLD = Path(__file__).resolve().parents[1] / "data" / "gold"

#: family -> F1 the extraction must reach on the whole gold set
TARGETS: dict[str, float] = {
    "entity": 0.92,
    "entity_typed": 0.88,
    "amount": 0.95,
    "power": 0.95,
    "relation": 0.65,
}
#: Articles kept out of every tuning round of the relation rules (see tests/data/gold/README.md).
HELD_OUT = frozenset(
    {
        "gold-australia-hyperscale-2025",
        "gold-canada-cohere-compute-2025",
        "gold-edf-france-sites-2025",
        "gold-google-pjm-brookfield-2025",
        "gold-nvidia-runai-eu-2024",
        "gold-microsoft-wisconsin-2024",
    }
)


def gold_docs() -> list[dict[str, object]]:
    return [json.loads(p.read_text(encoding="utf-8")) for p in sorted(GOLD.glob("*.json"))]


def score_gold(
    tmp_path: Path, contracts_dir: Path, docs: list[dict[str, object]] | None = None
) -> dict[str, dict[str, float]]:
    docs = gold_docs() if docs is None else docs
    gold_path = tmp_path / "gold.json"
    gold_path.write_text(json.dumps(docs), encoding="utf-8")
    articles = [read_text_article(str(d["text"]), str(d["id"])) for d in docs]
    pred_path = tmp_path / "pred.jsonl"
    with pred_path.open("w", encoding="utf-8") as fh:
        for ex in extract_articles(articles):
            for rec in ex.records():
                fh.write(json.dumps(rec) + "\n")
    out = subprocess.run(
        [sys.executable, str(contracts_dir / "score_extract.py"), str(gold_path), str(pred_path)],
        capture_output=True,
        text=True,
        check=True,
    )
    print(out.stdout)
    return json.loads(out.stdout.strip().splitlines()[-1])


def test_gold_set_is_large_enough_and_mixed() -> None:
    docs = gold_docs()
    assert len(docs) >= 20
    assert any(d.get("in_corpus") for d in docs)
    assert any(not d.get("in_corpus") for d in docs)
    for d in docs:
        for rel in d["relations"]:  # type: ignore[attr-defined]
            assert rel["evidence"] in d["text"], f"{d['id']}: evidence not verbatim"


@pytest.mark.slow
def test_extraction_reaches_the_targets_on_the_gold_set(tmp_path: Path, contracts_dir: Path) -> None:
    figures = score_gold(tmp_path, contracts_dir)
    for family, target in TARGETS.items():
        assert figures[family]["f1"] >= target, f"{family} F1 {figures[family]['f1']} is below {target}"


@pytest.mark.slow
def test_held_out_articles_score_near_the_rest(tmp_path: Path, contracts_dir: Path) -> None:
    held = [d for d in gold_docs() if d["id"] in HELD_OUT]
    assert len(held) == len(HELD_OUT)
    figures = score_gold(tmp_path, contracts_dir, held)
    # Rules that generalise do about as well on articles they were never tuned on.
    assert figures["entity"]["f1"] >= 0.9
    assert figures["relation"]["f1"] >= 0.55


def test_gold_texts_of_corpus_articles_match_the_corpus() -> None:
    from extract import read_article

    corpus = GOLD.parents[2] / "corpus"
    for d in gold_docs():
        if d.get("in_corpus"):
            article = read_article(corpus / f"{d['id']}.md")
            assert read_text_article(str(d["text"]), str(d["id"])).text == article.text, d["id"]
