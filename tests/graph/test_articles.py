"""graph.articles: an article's body read again from the file its node names."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from extract import Extraction, read_article
from graph.articles import article_text, read_article_text
from graph.builder import build_extractions
from graph.queries import article
from graph.store import OxigraphStore

CORPUS = Path(__file__).resolve().parents[2] / "corpus"
NAME = "aws-uk-gbp8bn-data-centres-2024"
IRI = f"https://aikg.dev/id/article/{NAME}"


def _store_of(path: Path) -> OxigraphStore:
    """An in-memory store holding one article built from ``path`` (no facts needed)."""
    store = OxigraphStore(None)
    build_extractions([Extraction(read_article(path), ())], store)
    return store


def test_article_text_reads_the_source_file(tmp_path: Path) -> None:
    path = tmp_path / f"{NAME}.md"
    path.write_bytes((CORPUS / f"{NAME}.md").read_bytes())
    store = _store_of(path)
    text = article_text(store, IRI)
    assert text == read_article(path).text
    assert text is not None and text.startswith("Amazon Web Services plans to invest £8 billion")
    view = article(store, IRI)
    assert view is not None and read_article_text(view).note == ""


def test_a_changed_file_is_read_with_a_note(tmp_path: Path) -> None:
    path = tmp_path / f"{NAME}.md"
    path.write_bytes((CORPUS / f"{NAME}.md").read_bytes())
    store = _store_of(path)
    path.write_text(path.read_text(encoding="utf-8") + "\nOne more sentence.\n", encoding="utf-8")
    view = article(store, IRI)
    assert view is not None
    read = read_article_text(view)
    assert read.text is not None and read.text.endswith("One more sentence.")
    assert read.note == "The file changed since it was built; the sentence is found by its text."


def test_no_text_without_the_file_or_the_article(tmp_path: Path, sample_store: OxigraphStore) -> None:
    path = tmp_path / f"{NAME}.md"
    path.write_bytes((CORPUS / f"{NAME}.md").read_bytes())
    store = _store_of(path)
    path.unlink()
    assert article_text(store, IRI) is None
    view = article(store, IRI)
    assert view is not None
    assert read_article_text(view).note == (
        "The article's text is not stored in the graph and its file is not here."
    )
    assert article_text(store, "https://aikg.dev/id/article/nope") is None
    # the sample's articles name files that were never written
    assert article_text(sample_store, "https://aikg.dev/id/article/a-nvidia-intel") is None


def test_only_article_files_are_read(tmp_path: Path) -> None:
    path = tmp_path / f"{NAME}.md"
    path.write_bytes((CORPUS / f"{NAME}.md").read_bytes())
    store = _store_of(path)
    view = article(store, IRI)
    assert view is not None and view.path == str(path)
    secret = tmp_path / "secret.key"
    secret.write_text("not an article", encoding="utf-8")
    other = dataclasses.replace(view, path=str(secret))
    assert read_article_text(other).text is None


def test_an_unreadable_file_gives_its_error(tmp_path: Path) -> None:
    path = tmp_path / f"{NAME}.md"
    path.write_bytes((CORPUS / f"{NAME}.md").read_bytes())
    store = _store_of(path)
    path.write_bytes(b"")
    view = article(store, IRI)
    assert view is not None
    read = read_article_text(view)
    assert read.text is None and str(path) in read.note and "is empty" in read.note
