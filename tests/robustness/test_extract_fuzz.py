"""Fuzzing `aikg extract`: arbitrary text and front matter never raise, and every record it writes
passes shared/contracts/check_extract_jsonl.py."""

from __future__ import annotations

import datetime as dt
import importlib.util
import json
import signal
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
import yaml
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from graph.cli import cli

AIKG = Path(sys.executable).parent / "aikg"

#: Pieces of real article text, so that fuzzed bodies reach the amount, power and relation code.
FRAGMENTS = (
    "Microsoft will invest $3.2 billion in Germany.",
    "Nvidia partners with Oracle",
    "OpenAI raised $40 billion led by SoftBank at a $300 billion valuation.",
    "a 1.2 GW campus in Abilene, Texas",
    "€4bn",
    "₹20,000 crore",
    "between $10 billion and $12 billion",
    "said on Monday",
    "<script>alert(1)</script>",
    "<p>",
    "---",
    "\u200b",
    "\u202e",
    "\x00",
    "\r\n\r\n",
    "U.S.",
    "Mr.",
    "🚀",
)
FIELDS = ("id", "title", "date", "publisher", "source", "url", "style", "tags", "lang", "author")
SCALARS = st.one_of(
    st.none(),
    st.text(max_size=40),
    st.integers(-(10**12), 10**12),
    st.floats(allow_nan=True, allow_infinity=True),
    st.dates(min_value=dt.date(1, 1, 1)),
    st.booleans(),
)
VALUES = st.recursive(SCALARS, lambda inner: st.lists(inner, max_size=3), max_leaves=6)


@st.composite
def front_matter(draw: st.DrawFn) -> str:
    """No front matter, a YAML mapping of (mostly) allowed fields, or arbitrary text in the fence."""
    kind = draw(st.sampled_from(("none", "yaml", "raw")))
    if kind == "none":
        return ""
    if kind == "yaml":
        fields = draw(st.dictionaries(st.sampled_from(FIELDS), VALUES, max_size=5))
        return "---\n" + yaml.safe_dump(fields, allow_unicode=True) + "---\n"
    return "---\n" + draw(st.text(max_size=120)) + "\n---\n"


@st.composite
def bodies(draw: st.DrawFn) -> str:
    """Arbitrary unicode mixed with real article fragments and markup."""
    parts = draw(st.lists(st.one_of(st.text(max_size=60), st.sampled_from(FRAGMENTS)), max_size=12))
    glue = draw(st.sampled_from((" ", "\n", "\n\n", "")))
    return glue.join(parts)


@pytest.fixture(scope="module")
def contract(contracts_dir: Path) -> ModuleType:
    """shared/contracts/check_extract_jsonl.py as a module."""
    path = contracts_dir / "check_extract_jsonl.py"
    spec = importlib.util.spec_from_file_location("check_extract_jsonl", path)
    if spec is None or spec.loader is None:
        raise RuntimeError(f"cannot load {path}")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _records(stdout: str) -> list[dict[str, Any]]:
    return [json.loads(line) for line in stdout.splitlines() if line.strip()]


class _HungError(Exception):
    """An extraction ran past its alarm (an endless loop would otherwise stall the suite)."""


@contextmanager
def _alarm(seconds: int) -> Iterator[None]:
    def ring(_signum: int, _frame: object) -> None:
        raise _HungError(f"no answer after {seconds} s")

    previous = signal.signal(signal.SIGALRM, ring)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


@settings(max_examples=50, deadline=None)
@given(head=front_matter(), body=bodies(), encoding=st.sampled_from(("utf-8", "utf-16", "cp1252")))
def test_extract_never_raises_and_writes_only_contract_records(
    contract: ModuleType, head: str, body: str, encoding: str
) -> None:
    raw = (head + body).encode(encoding, errors="replace")
    with _alarm(60):
        result = CliRunner().invoke(cli, ["extract", "-"], input=raw)
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    if result.exit_code == 1:
        assert result.stdout == ""
        assert result.stderr.startswith("skipped: <stdin>: ")
        assert result.stderr.endswith("Error: no readable article among the given paths\n")
        assert len(result.stderr.splitlines()) == 2  # one line for the article, one for the error
        return
    assert result.exit_code == 0, result.stderr
    for record in _records(result.stdout):
        assert list(contract.problems(record)) == [], record
    if result.stdout:
        checked = _check(contract, result.stdout)
        assert checked.returncode == 0, checked.stdout


def _check(contract: ModuleType, jsonl: str) -> subprocess.CompletedProcess[str]:
    """The contract script run on JSON lines, as CI runs it."""
    script = str(contract.__file__)
    return subprocess.run([sys.executable, script], input=jsonl, capture_output=True, text=True, timeout=60)


def test_a_figure_at_the_root_of_its_sentence_does_not_hang(contract: ModuleType) -> None:
    # found by the fuzz test: pipeline._described looped for ever on the sentence's root token
    raw = b"---\n{}\n---\nbetween $10 billion and $12 billionbetween $10 billion and $12 billion"
    done = subprocess.run(
        [str(AIKG), "extract", "-"], input=raw, capture_output=True, timeout=120, check=False
    )
    assert done.returncode == 0, done.stderr
    assert _check(contract, done.stdout.decode("utf-8")).returncode == 0


def test_the_contract_checker_accepts_a_real_extraction(contract: ModuleType) -> None:
    text = "Microsoft will invest $3.2 billion in Germany. Oracle is building a 1.2 GW campus in Texas."
    result = CliRunner().invoke(cli, ["extract", "-"], input=text.encode())
    assert result.exit_code == 0
    checked = _check(contract, result.stdout)
    assert checked.returncode == 0
    assert checked.stdout.startswith("amount=1 entity=")
    kinds = {r["kind"] for r in _records(result.stdout)}
    assert kinds == {"entity", "amount", "power", "relation"}
