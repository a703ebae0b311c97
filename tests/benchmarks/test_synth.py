"""The synthetic corpus generator: deterministic, readable by extract, realistic in size and content."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from benchmarks.synth import (
    MAX_WORDS,
    MIN_WORDS,
    PUBLISHER,
    format_money,
    format_power,
    generate_corpus,
    mutate,
)
from extract import read_article
from extract.amounts import find_amounts
from extract.power import find_power

SEED = 11
COUNT = 60


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    return generate_corpus(COUNT, SEED, tmp_path_factory.mktemp("synth"))


def _contents(paths: list[Path]) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in paths}


def test_same_seed_gives_identical_files(corpus: list[Path], tmp_path: Path) -> None:
    again = generate_corpus(COUNT, SEED, tmp_path)
    assert _contents(again) == _contents(corpus)


def test_another_seed_gives_other_articles(corpus: list[Path], tmp_path: Path) -> None:
    other = _contents(generate_corpus(5, SEED + 1, tmp_path))
    mine = _contents(corpus[:5])
    assert other.keys() == mine.keys()
    assert all(other[name] != mine[name] for name in mine)


def test_a_smaller_corpus_is_the_start_of_a_larger_one(corpus: list[Path], tmp_path: Path) -> None:
    small = generate_corpus(7, SEED, tmp_path)
    assert _contents(small) == _contents(corpus[:7])


def test_articles_read_back_with_their_front_matter(corpus: list[Path]) -> None:
    articles = [read_article(p) for p in corpus]
    assert [a.id for a in articles] == [f"synth-{i:06d}" for i in range(COUNT)]
    for article in articles:
        assert article.publisher == PUBLISHER
        assert article.date is not None
        assert article.title and article.source and str(SEED) in article.source
    assert len({a.title for a in articles}) == COUNT


def test_word_counts_are_in_range(corpus: list[Path]) -> None:
    counts = [len(read_article(p).text.split()) for p in corpus]
    assert all(MIN_WORDS <= c <= MAX_WORDS for c in counts), counts
    assert max(counts) - min(counts) > 80  # lengths vary, as in real news


def test_articles_cover_the_templates_and_a_large_pool(corpus: list[Path]) -> None:
    texts = [read_article(p).text for p in corpus]
    kinds = {p.read_text(encoding="utf-8").split("tags:\n- ", 1)[1].split("\n", 1)[0] for p in corpus}
    assert kinds >= {"funding", "datacenter", "invest_country", "acquisition", "ppa", "supply"}
    currencies = {m.currency for text in texts for m in find_amounts(text)}
    assert {"USD", "EUR"} <= currencies and len(currencies) >= 6
    assert sum(len(find_power(text)) for text in texts) >= COUNT
    hedged = ("in talks", "denied", "considering", "reportedly", "no plans", "weighing", "may invest")
    assert any(h in text for text in texts for h in hedged)


def test_money_and_power_are_written_as_aikg_reads_them() -> None:
    rng = random.Random(3)
    for currency in ("USD", "EUR", "GBP", "JPY", "INR", "AUD", "KRW", "SAR", "SEK", "BRL", "CHF"):
        for _ in range(5):
            text = format_money(rng, 2.5e9, currency)
            found = find_amounts(f"The company will spend {text} on the project.")
            assert [m.currency for m in found] == [currency], text
    for mw in (45.0, 300.0, 1200.0, 5000.0):
        for adjective in (False, True):
            text = format_power(rng, mw, adjective=adjective)
            found = find_power(f"It plans a {text} campus." if adjective else f"It will draw {text}.")
            assert [round(m.mw, -1) for m in found] == [round(mw, -1)], text


def test_stale_articles_are_removed_and_other_files_kept(tmp_path: Path) -> None:
    generate_corpus(5, SEED, tmp_path)
    (tmp_path / "notes.md").write_text("keep me", encoding="utf-8")
    generate_corpus(3, SEED, tmp_path)
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "notes.md",
        "synth-000000.md",
        "synth-000001.md",
        "synth-000002.md",
    ]


def test_mutate_changes_the_text_of_a_fraction(corpus: list[Path], tmp_path: Path) -> None:
    paths = generate_corpus(COUNT, SEED, tmp_path)
    before = {p.name: read_article(p) for p in paths}
    changed = mutate(tmp_path, 0.05, seed=1)
    assert len(changed) == 3
    for path in paths:
        after = read_article(path)
        old = before[path.name]
        assert (after.content_hash != old.content_hash) == (path in changed)
        assert after.id == old.id and after.title == old.title and after.date == old.date
        if path in changed:
            assert after.text.startswith(old.text) and len(after.text) > len(old.text)


def test_mutate_is_deterministic_and_changes_at_least_one(tmp_path: Path) -> None:
    first, second = tmp_path / "a", tmp_path / "b"
    generate_corpus(20, SEED, first)
    generate_corpus(20, SEED, second)
    changed_a = mutate(first, 0.01, seed=4)
    changed_b = mutate(second, 0.01, seed=4)
    assert [p.name for p in changed_a] == [p.name for p in changed_b]
    assert len(changed_a) == 1
    assert changed_a[0].read_bytes() == changed_b[0].read_bytes()
    assert mutate(first, 0.0, seed=4) == []


def test_bad_arguments_are_refused(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="must be 0 or more, got -1"):
        generate_corpus(-1, SEED, tmp_path)
    with pytest.raises(ValueError, match=r"between 0 and 1, got 1\.5"):
        mutate(tmp_path, 1.5, SEED)
