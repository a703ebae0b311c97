"""Drafts written into the corpus once each, read back by the corpus reader, with their sources."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import replace
from pathlib import Path

from extract.copies import read_index_copies
from extract.corpus import read_article
from extract.web.drafts import Draft
from extract.web.store_corpus import INDEX_NAME, CorpusStore, sources_for

CORPUS = Path(__file__).resolve().parents[3] / "corpus"
TEXT = (
    "Nscale said on Thursday it had raised $1.1 billion from Aker and Nokia.\n\n"
    "The London-based company will spend the money on data centers in Norway."
)
DRAFT = Draft(
    title="Nscale raises $1.1 billion: the biggest European AI round yet?",
    text=TEXT,
    date=dt.date(2025, 9, 25),
    publisher="Northern Ledger",
    url="https://ledger.example/nscale?utm_source=feed",
    source="https://ledger.example/feed.xml",
    lang="en",
)


def test_a_new_draft_is_written_as_markdown_that_reads_back(tmp_path: Path) -> None:
    result = CorpusStore(tmp_path).save(DRAFT)
    assert result.status == "added"
    assert result.article_id == "2025-09-25-nscale-raises-1-1-billion-the-biggest-european-ai-round-yet"
    assert result.path == tmp_path / f"{result.article_id}.md"
    article = read_article(result.path)
    assert (article.id, article.title, article.date) == (result.article_id, DRAFT.title, DRAFT.date)
    assert (article.publisher, article.url, article.source) == (
        "Northern Ledger",
        DRAFT.url,
        "https://ledger.example/feed.xml",
    )
    assert article.text == TEXT
    assert result.path.read_text(encoding="utf-8").startswith(f"---\nid: {result.article_id}\ntitle: ")


def test_same_url_same_text_is_unchanged_and_new_text_updates_in_place(tmp_path: Path) -> None:
    store = CorpusStore(tmp_path)
    first = store.save(DRAFT)
    # Another spelling of the same URL (tracking tags, case of the host) is the same article.
    again = CorpusStore(tmp_path).save(replace(DRAFT, url="https://LEDGER.example/nscale#top"))
    assert (again.status, again.article_id) == ("unchanged", first.article_id)
    changed = replace(DRAFT, title="A new headline", text=TEXT + "\n\nNvidia also took part.", date=None)
    update = CorpusStore(tmp_path).save(changed)
    assert (update.status, update.article_id, update.path) == ("updated", first.article_id, first.path)
    article = read_article(first.path)
    assert article.text.endswith("Nvidia also took part.")
    assert article.title == "A new headline"
    assert article.date == DRAFT.date  # kept from the stored version when the new one has none
    assert sorted(p.name for p in tmp_path.iterdir()) == [INDEX_NAME, first.path.name]


def test_a_wire_copy_is_stored_once_and_counted_as_another_source(tmp_path: Path) -> None:
    store = CorpusStore(tmp_path)
    original = store.save(DRAFT)
    copy = replace(
        DRAFT,
        title="Nscale lands $1.1bn",
        text=TEXT.upper().replace("\n\n", "\n\n  "),
        url="https://wire.example/nscale",
        publisher="Wire",
    )
    dup = store.save(copy)
    assert (dup.status, dup.article_id) == ("duplicate", original.article_id)
    assert CorpusStore(tmp_path).save(copy).status == "duplicate"  # idempotent
    assert sources_for(tmp_path, original.article_id) == [DRAFT.url, "https://wire.example/nscale"]
    index = json.loads((tmp_path / INDEX_NAME).read_text(encoding="utf-8"))
    assert index["syndicated"][original.article_id] == [
        {
            "url": "https://wire.example/nscale",
            "publisher": "Wire",
            "date": DRAFT.date.isoformat(),
            "title": "Nscale lands $1.1bn",
            "source": DRAFT.source,
        }
    ]
    assert index["urls"] == {"https://ledger.example/nscale": original.article_id}
    assert index["texts"] == {DRAFT.text_hash: original.article_id}
    assert len(list(tmp_path.glob("*.md"))) == 1


def test_fetched_url_behind_a_redirect_finds_the_article(tmp_path: Path) -> None:
    store = CorpusStore(tmp_path)
    saved = store.save(replace(DRAFT, aliases=("http://127.0.0.1:8000/redirect",)))
    assert CorpusStore(tmp_path).find_url("http://127.0.0.1:8000/redirect") == saved.article_id


def test_ids_are_unique_and_an_explicit_id_is_kept(tmp_path: Path) -> None:
    store = CorpusStore(tmp_path)
    a = store.save(DRAFT)
    b = store.save(replace(DRAFT, text="Other text entirely about a different deal.", url=None))
    assert b.article_id == a.article_id + "-2"
    c = store.save(replace(DRAFT, id="my note/1", text="A third text.", url=None))
    assert c.article_id == "my-note-1"
    d = store.save(replace(DRAFT, id="my note/1", text="The third text, edited.", url=None))
    assert (d.status, d.article_id) == ("updated", "my-note-1")


def test_hand_written_corpus_articles_are_indexed_for_dedup(tmp_path: Path) -> None:
    name = "amazon-talen-susquehanna-2025.md"
    (tmp_path / name).write_bytes((CORPUS / name).read_bytes())
    stored = read_article(tmp_path / name)
    store = CorpusStore(tmp_path)
    assert store.ids() == {stored.id}
    same_text = Draft(title="Copy", text=stored.text, url="https://elsewhere.example/talen")
    assert store.save(same_text).status == "duplicate"
    assert store.find_text(stored.text) == stored.id


def test_index_follows_files_removed_or_edited_by_hand(tmp_path: Path) -> None:
    store = CorpusStore(tmp_path)
    saved = store.save(DRAFT)
    saved.path.write_text(
        saved.path.read_text(encoding="utf-8") + "\nA line added by hand.\n", encoding="utf-8"
    )
    assert CorpusStore(tmp_path).find_text(TEXT) is None
    saved.path.unlink()
    assert CorpusStore(tmp_path).ids() == set()
    assert CorpusStore(tmp_path).save(DRAFT).status == "added"


def test_damaged_index_is_rebuilt_from_the_files(tmp_path: Path) -> None:
    saved = CorpusStore(tmp_path).save(DRAFT)
    (tmp_path / INDEX_NAME).write_text("{not json", encoding="utf-8")
    assert CorpusStore(tmp_path).find_url(DRAFT.url or "") == saved.article_id


def test_sources_for_an_unknown_corpus_is_empty(tmp_path: Path) -> None:
    assert sources_for(tmp_path / "missing", "x") == []
    assert not (tmp_path / "missing").exists()


def test_preview_tells_what_save_would_do_without_writing(tmp_path: Path) -> None:
    store = CorpusStore(tmp_path)
    plan = store.preview(DRAFT)
    assert plan.status == "added"
    assert list(tmp_path.iterdir()) == []
    assert store.save(DRAFT) == plan
    assert store.preview(replace(DRAFT, text=TEXT + " More.")).status == "updated"
    assert store.preview(replace(DRAFT, url="https://wire.example/x")).status == "duplicate"


def test_a_changed_article_forgets_the_copies_of_its_old_text(tmp_path: Path) -> None:
    store = CorpusStore(tmp_path)
    original = store.save(DRAFT)
    wire = store.save(replace(DRAFT, url="https://wire.example/nscale", publisher="Wire"))
    assert (wire.status, wire.new_copy) == ("duplicate", True)
    assert read_index_copies(tmp_path) != {}
    changed = store.save(replace(DRAFT, text=TEXT + "\n\nThe round was later enlarged."))
    assert (changed.status, changed.article_id) == ("updated", original.article_id)
    assert sources_for(tmp_path, original.article_id) == [DRAFT.url]
    assert read_index_copies(tmp_path) == {}
