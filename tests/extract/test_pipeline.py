"""extract_articles: worker processes give the same records, in order, as one process."""

from __future__ import annotations

from pathlib import Path

import pytest

from extract import extract_articles, pipeline, read_article

CORPUS = Path(__file__).resolve().parents[2] / "corpus"


def test_two_processes_in_several_windows_and_chunks_keep_order_and_records(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    articles = [read_article(p) for p in sorted(CORPUS.glob("*.md"))[:9]]
    alone = list(extract_articles(articles, n_process=1))
    monkeypatch.setattr(pipeline, "_WINDOW", 2)  # windows of 4 articles: three windows, the last short
    monkeypatch.setattr(pipeline, "_CHUNK", 3)  # each window two chunks (3 + 1) for the workers' nlp.pipe
    pooled = list(extract_articles(iter(articles), n_process=2))
    assert [x.article.id for x in pooled] == [a.id for a in articles]
    assert pooled == alone
