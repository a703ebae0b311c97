"""Fixtures of the app tests: stores built from real corpus articles, and a hostile article.

The stores are built once per session with :func:`graph.builder.build_corpus` into a temporary
folder; each test points ``AIKG_STORE`` at one with ``monkeypatch`` before it runs the app.
"""

from __future__ import annotations

import gc
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from extract import Entity, Evidence, Extraction, Mention, Relation, read_article
from graph.builder import build_corpus, build_extractions
from graph.store import open_store

ROOT = Path(__file__).resolve().parents[2]
APP = ROOT / "app.py"
CORPUS = ROOT / "corpus"
#: Real corpus articles: a cloud build-out, an AI-lab investment, a power deal, a country bet.
ARTICLES = (
    "aws-uk-gbp8bn-data-centres-2024",
    "msft-openai-10b-investment-2023",
    "meta-constellation-clinton-ppa-2025",
    "microsoft-germany-eur3-2bn-nrw-frankfurt-2024",
)
HOSTILE_SCRIPT = "<script>alert(1)</script>"
HOSTILE_IMG = "<img src=x onerror=alert(1)>"
HOSTILE_LINK = "[click](http://evil.example)"
HOSTILE = (HOSTILE_SCRIPT, HOSTILE_IMG, HOSTILE_LINK)
EVIL_NAME = f"Evil {HOSTILE_SCRIPT} Corp"
EVIL_TARGET = f"{HOSTILE_LINK} Holdings"


@dataclass(frozen=True, slots=True)
class Stores:
    """Store folders: ``main`` (read by most tests), ``ingest`` (a copy tests may write to),
    ``hostile`` (one article whose names and sentences carry markup) and ``browser`` (the main
    articles plus the hostile one, for the browser test)."""

    main: Path
    ingest: Path
    hostile: Path
    browser: Path


def _build(folder: Path, paths: list[Path]) -> None:
    store = open_store(folder)
    try:
        report = build_corpus(paths, store)
    finally:
        store.close()
    del store
    gc.collect()
    if report.articles_built != len(paths):
        pytest.fail(f"fixture store not built: {report.summary()} {report.articles_skipped}")


def hostile_extraction(folder: Path) -> Extraction:
    """An article (written to ``folder``) whose company names, alias and sentences hold markup."""
    sentence = f"{EVIL_NAME} will invest $5 billion in {EVIL_TARGET} {HOSTILE_IMG} this year."
    body = f"{sentence}\n\nAnalysts said {EVIL_NAME} had been quiet until now."
    path = folder / "hostile.md"
    path.write_text(
        "---\nid: hostile-article\n"
        f"title: 'Hostile {HOSTILE_SCRIPT} {HOSTILE_LINK}'\n"
        "date: 2025-01-02\nurl: https://example.com/hostile\n---\n" + body + "\n",
        encoding="utf-8",
    )
    article = read_article(path)
    text = article.text
    start = text.index(sentence)
    evidence = Evidence(article.id, sentence, start, start + len(sentence))

    def mentions(name: str) -> tuple[Mention, ...]:
        spans, pos = [], text.find(name)
        while pos >= 0:
            spans.append(Mention(name, pos, pos + len(name)))
            pos = text.find(name, pos + 1)
        return tuple(spans)

    evil = Entity(
        article.id,
        "evil-corp",
        EVIL_NAME,
        "Company",
        mentions(EVIL_NAME),
        role="hyperscaler",
        aliases=(f"Evil {HOSTILE_IMG}",),
    )
    target = Entity(article.id, "click-holdings", EVIL_TARGET, "Company", mentions(EVIL_TARGET))
    relation = Relation(article.id, EVIL_NAME, "invests_in", EVIL_TARGET, 5e9, 0.9, evidence)
    return Extraction(article, (evil, target), relations=(relation,))


@pytest.fixture(scope="session")
def stores(tmp_path_factory: pytest.TempPathFactory) -> Stores:
    """The three stores, built once per session."""
    root = tmp_path_factory.mktemp("app-stores")
    main = root / "main"
    _build(main, [CORPUS / f"{name}.md" for name in ARTICLES])
    ingest = root / "ingest"
    shutil.copytree(main, ingest)
    browser = root / "browser"
    shutil.copytree(main, browser)
    hostile = root / "hostile"
    articles = root / "hostile-articles"
    articles.mkdir()
    for folder in (hostile, browser):
        store = open_store(folder)
        try:
            build_extractions([hostile_extraction(articles)], store)
        finally:
            store.close()
        del store
        gc.collect()
    return Stores(main, ingest, hostile, browser)


@pytest.fixture
def run_app(monkeypatch: pytest.MonkeyPatch) -> Callable[[Path], AppTest]:
    """Start the app on a store folder: AIKG_STORE is set, the first run is done."""

    def start(store: Path) -> AppTest:
        monkeypatch.setenv("AIKG_STORE", str(store))
        monkeypatch.chdir(ROOT)
        at = AppTest.from_file(str(APP), default_timeout=120)
        at.run()
        return at

    return start
