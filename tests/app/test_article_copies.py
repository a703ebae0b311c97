"""The Explore page's article view lists the article's further copies, each a source of its facts."""

from __future__ import annotations

import gc
import shutil
from collections.abc import Callable
from pathlib import Path

from streamlit.testing.v1 import AppTest

from extract import read_article
from graph import queries
from graph.builder import build_corpus
from graph.iris import article_iri
from graph.store import open_store

from .conftest import CORPUS
from .test_app import go

NAME = "meta-constellation-clinton-ppa-2025"
HOSTILE_PUBLISHER = "Wire <script>alert(1)</script>"


def test_the_article_view_lists_each_copy_with_its_link(
    tmp_path: Path, run_app: Callable[[Path], AppTest]
) -> None:
    corpus, folder = tmp_path / "corpus", tmp_path / "store"
    corpus.mkdir()
    shutil.copy(CORPUS / f"{NAME}.md", corpus / "a.md")
    body = read_article(corpus / "a.md").text
    (corpus / "b.md").write_text(
        f"---\nid: wire-copy\ntitle: Wire copy\npublisher: '{HOSTILE_PUBLISHER}'\n"
        f"url: https://wire.example/clinton\n---\n{body}\n",
        encoding="utf-8",
    )
    store = open_store(folder)
    try:
        assert build_corpus([corpus], store).articles_built == 1
        view = queries.article(store, str(article_iri(read_article(corpus / "a.md").id)))
        assert view is not None and view.facts
        actor, label = next((f.subject, f.subject_label) for f in view.facts)
        facts = queries.actor_facts(store, actor)
        pick = next(i for i, f in enumerate(facts) if f.article == view.article)
    finally:
        store.close()
    del store
    gc.collect()

    at = go(run_app(folder), "Explore")
    at.text_input(key="actor_search").set_value(label).run()
    at.selectbox(key=f"fact_pick::{actor}").set_value(pick).run()
    assert not at.exception
    captions = [str(c.value).replace("\\", "") for c in at.caption]  # Markdown escapes removed
    assert any("2 sources: also published as 1 further copy" in c for c in captions), captions
    copies = next(df.value for df in at.dataframe if "corpus id" in df.value.columns)
    assert list(copies["source"]) == ["https://wire.example/clinton"]
    assert list(copies["corpus id"]) == ["wire-copy"]
    assert list(copies["publisher"]) == [HOSTILE_PUBLISHER]  # a cell, never markup
