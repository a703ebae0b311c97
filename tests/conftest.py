"""Shared fixtures: paths to the corpus, the gold set and the shared contract scripts."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import psutil
import pytest

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "corpus"
GOLD = ROOT / "tests" / "data" / "gold"
CONTRACTS = ROOT.parent / "shared" / "contracts"


@pytest.fixture(scope="session")
def contracts_dir() -> Path:
    """`shared/contracts` beside the repository (present in CI and for developers)."""
    if not (CONTRACTS / "check_extract_jsonl.py").exists():
        pytest.fail(f"the shared contract scripts are missing: expected them in {CONTRACTS}")
    return CONTRACTS


QueryChildren = Callable[[], list[psutil.Process]]


def _query_processes() -> list[psutil.Process]:
    found = []
    for child in psutil.Process().children(recursive=True):
        try:
            if any(part.endswith("query_child.py") for part in child.cmdline()):
                found.append(child)
        except (psutil.NoSuchProcess, psutil.ZombieProcess):
            continue
    return found


@pytest.fixture
def query_children() -> QueryChildren:
    """A function listing the query processes (graph/query_child.py) this test started that are
    still alive. Those of earlier tests are left out: a store the app's cache holds (the SPARQL
    page's AppTests) keeps its query process for the whole session, as the app does."""
    earlier = {p.pid for p in _query_processes()}

    def alive() -> list[psutil.Process]:
        return [p for p in _query_processes() if p.pid not in earlier]

    return alive
