"""Shared fixtures: paths to the corpus, the gold set and the shared contract scripts."""

from __future__ import annotations

from pathlib import Path

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
