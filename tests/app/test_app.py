"""The Streamlit app under AppTest, on a store built from real corpus articles."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from graph.builder import build_corpus
from graph.store import open_store

ROOT = Path(__file__).resolve().parents[2]
ARTICLES = ["microsoft-constellation-crane-restart-2024", "openai-6-6b-round-thrive-2024"]


@pytest.fixture(scope="module")
def store_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    corpus = tmp_path_factory.mktemp("corpus")
    for name in ARTICLES:
        shutil.copy(ROOT / "corpus" / f"{name}.md", corpus)
    path = tmp_path_factory.mktemp("store") / "store"
    store = open_store(path)
    build_corpus([corpus], store)
    store.close()
    return path


def test_overview_shows_counts(store_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("AIKG_STORE", str(store_path))
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60).run()
    assert not at.exception
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Articles"] == "2"
    assert int(metrics["Actors"]) > 10
    assert "Microsoft" in at.dataframe[0].value["actor"].tolist()


def test_explore_shows_an_actor_neighbourhood(store_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("AIKG_STORE", str(store_path))
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60).run()
    at.sidebar.radio[0].set_value("Explore").run()
    assert not at.exception
    assert at.selectbox[0].value == "Microsoft"
    facts = at.dataframe[0].value
    assert "Constellation Energy" in set(facts["object"]) | set(facts["subject"])
