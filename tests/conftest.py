"""Shared fixtures: paths to the corpus, the gold set and the shared contract scripts."""

from __future__ import annotations

import subprocess
import sys
import time
import urllib.request
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


CheckContract = Callable[[str, Path], subprocess.CompletedProcess[str]]


@pytest.fixture(scope="session")
def check_contract(contracts_dir: Path) -> CheckContract:
    """A function that writes JSONL text to a file in a folder and runs the shared contract
    checker on it; it returns the finished process (exit code 0 when the text passes)."""

    def check(jsonl: str, folder: Path) -> subprocess.CompletedProcess[str]:
        out = folder / "extract.jsonl"
        out.write_text(jsonl, encoding="utf-8")
        checker = contracts_dir / "check_extract_jsonl.py"
        return subprocess.run([sys.executable, str(checker), str(out)], capture_output=True, text=True)

    return check


AwaitEndpoint = Callable[[str, "subprocess.Popen[bytes]", str], None]


@pytest.fixture(scope="session")
def await_endpoint() -> AwaitEndpoint:
    """A function that waits up to 30 s for a SPARQL query URL a child process serves to answer.

    It raises, with the process's stderr where it was captured, when the process dies first.
    """

    def wait(query_url: str, process: subprocess.Popen[bytes], name: str) -> None:
        deadline = time.monotonic() + 30
        while True:
            try:
                urllib.request.urlopen(f"{query_url}?query=ASK%7B%7D", timeout=1).close()
                return
            except OSError:
                if process.poll() is not None or time.monotonic() > deadline:
                    detail = process.stderr.read() if process.stderr else b""
                    raise RuntimeError(f"{name} did not start: {detail!r}") from None
                time.sleep(0.1)

    return wait
