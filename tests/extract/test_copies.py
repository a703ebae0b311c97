"""Copies of one article: folding same-text files, reading the source index, hashing copies in."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

from extract.copies import INDEX_NAME, fold_copies, index_copies, read_index_copies, with_copies
from extract.corpus import read_article
from extract.records import Copy
from extract.web.drafts import Draft
from extract.web.store_corpus import CorpusStore

CORPUS = Path(__file__).resolve().parents[2] / "corpus"
NAME = "microsoft-constellation-crane-restart-2024.md"
OTHER = "amazon-talen-susquehanna-2025.md"


def write_twin(folder: Path, name: str, article_id: str, url: str, publisher: str) -> Path:
    """A corpus file holding the body of NAME under another id, URL and publisher."""
    body = read_article(CORPUS / NAME).text
    path = folder / name
    path.write_text(
        f"---\nid: {article_id}\ntitle: Wire copy\ndate: 2024-09-21\n"
        f"publisher: {publisher}\nurl: {url}\n---\n{body.upper()}\n",
        encoding="utf-8",
    )
    return path


def test_the_same_text_under_two_ids_folds_into_the_first_with_a_copy(tmp_path: Path) -> None:
    shutil.copy(CORPUS / NAME, tmp_path / "a.md")
    shutil.copy(CORPUS / OTHER, tmp_path / "c.md")
    write_twin(tmp_path, "b.md", "wire-copy", "https://wire.example/crane", "Wire")
    articles = [read_article(tmp_path / n) for n in ("a.md", "b.md", "c.md")]
    folded = fold_copies(articles)
    first, other = folded.articles
    assert (first.id, other.id) == (articles[0].id, articles[2].id)
    assert first.copies == (
        Copy(
            url="https://wire.example/crane",
            publisher="Wire",
            date=dt.date(2024, 9, 21),
            title="Wire copy",
            id="wire-copy",
            path=str(tmp_path / "b.md"),
        ),
    )
    assert first.content_hash != articles[0].content_hash
    assert other == articles[2]  # no copy: untouched, its hash too
    assert folded.twins == ((str(tmp_path / "b.md"), str(tmp_path / "a.md")),)
    assert folded.twin_ids == ("wire-copy",)


def test_copies_are_part_of_the_content_hash_in_any_order() -> None:
    article = read_article(CORPUS / NAME)
    one, two = Copy(url="https://a.example/1"), Copy(url="https://b.example/2", publisher="B")
    assert with_copies(article, [one, two]) == with_copies(article, [two, one, one])
    assert with_copies(article, [one]).content_hash != with_copies(article, [one, two]).content_hash
    assert with_copies(article, [replace_publisher(two)]).content_hash != (
        with_copies(article, [two]).content_hash
    )
    assert with_copies(article, []) == article


def replace_publisher(copy: Copy) -> Copy:
    return Copy(url=copy.url, publisher="Another")


def test_the_index_of_aikg_add_gives_each_articles_copies(tmp_path: Path) -> None:
    shutil.copy(CORPUS / NAME, tmp_path / NAME)
    stored = read_article(tmp_path / NAME)
    wire = Draft(
        title="Crane restart, from the wire",
        text=stored.text,
        date=dt.date(2024, 9, 21),
        publisher="Wire",
        url="https://wire.example/crane",
        source="https://wire.example/rss",
    )
    assert CorpusStore(tmp_path).save(wire).status == "duplicate"
    expected = Copy(
        url="https://wire.example/crane",
        publisher="Wire",
        date=dt.date(2024, 9, 21),
        title="Crane restart, from the wire",
        source="https://wire.example/rss",
    )
    assert read_index_copies(tmp_path) == {stored.id: (expected,)}
    assert index_copies([tmp_path / NAME]) == index_copies([tmp_path]) == {stored.id: (expected,)}
    assert fold_copies([stored], index_copies([tmp_path])).articles[0].copies == (expected,)


def test_a_damaged_index_or_entry_gives_no_copies(tmp_path: Path) -> None:
    (tmp_path / INDEX_NAME).write_text("{not json", encoding="utf-8")
    assert read_index_copies(tmp_path) == {}
    (tmp_path / INDEX_NAME).write_text(json.dumps({"syndicated": ["x"]}), encoding="utf-8")
    assert read_index_copies(tmp_path) == {}
    entries = [
        "just text",
        {"url": "javascript:alert(1)", "publisher": "P", "date": "not a date"},
        {"url": 5},
        {"url": "https://ok.example/a b"},
    ]
    (tmp_path / INDEX_NAME).write_text(json.dumps({"syndicated": {"a": entries}}), encoding="utf-8")
    assert read_index_copies(tmp_path) == {"a": (Copy(publisher="P"),)}
