"""build_corpus on real corpus articles: incremental, idempotent, one bad article isolated."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from extract import extract_article, read_article
from extract.corpus import DUPLICATE_ID_HINT
from graph.builder import BuildReport, StoreCounts, build_corpus, finished_counts, write_extraction
from graph.errors import BuildError
from graph.queries import overview_counts
from graph.store import OxigraphStore
from graph.summary import refresh_summary, summary_version
from graph.vocab import AIKG

CORPUS = Path(__file__).resolve().parents[2] / "corpus"
YAML_HINT = "fix that line: one 'field: value' per line, quote values holding ':' or '#'"
ARTICLES = (
    "intel-stakes-us-softbank-nvidia-2025",
    "microsoft-constellation-crane-restart-2024",
    "openai-40b-softbank-round-2025",
)


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "corpus"
    folder.mkdir()
    for name in ARTICLES:
        shutil.copy(CORPUS / f"{name}.md", folder / f"{name}.md")
    return folder


def stable_dump(store: OxigraphStore) -> list[str]:
    """The dataset without build times (the only thing that differs between fresh builds)."""
    lines = store.dump("nq").decode("utf-8").splitlines()
    return sorted(line for line in lines if "generatedAtTime" not in line)


def test_build_then_rebuild_changes_nothing(corpus: Path, disk_store: OxigraphStore) -> None:
    seen: list[tuple[int, int, str]] = []
    first = build_corpus([corpus], disk_store, progress=lambda *args: seen.append(args))
    assert (first.articles_seen, first.articles_built, first.articles_unchanged) == (3, 3, 0)
    assert first.articles_skipped == []
    assert [s[:2] for s in seen] == [(1, 3), (2, 3), (3, 3)]
    assert first.entities > 10 and first.facts > 5 and first.triples > 300
    dump = disk_store.dump("nq")
    second = build_corpus([corpus], disk_store)
    assert (second.articles_built, second.articles_unchanged) == (0, 3)
    assert (second.entities, second.facts, second.triples) == (first.entities, first.facts, first.triples)
    assert disk_store.dump("nq") == dump
    assert second.summary().startswith("built 0 of 3 articles (3 unchanged, 0 skipped): ")


def test_an_unchanged_rebuild_does_not_finish_again(
    corpus: Path, disk_store: OxigraphStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = build_corpus([corpus], disk_store)
    assert finished_counts(disk_store) == StoreCounts(
        first.articles_built, first.entities, first.facts, first.triples
    )

    def refuse(store: object) -> None:
        raise AssertionError("an unchanged rebuild folded the summary graph again")

    monkeypatch.setattr("graph.builder.refresh_summary", refuse)
    again = build_corpus([corpus], disk_store)
    assert (again.articles_built, again.triples) == (0, first.triples)


def test_a_build_stopped_before_finishing_is_finished_by_the_next(
    corpus: Path, disk_store: OxigraphStore
) -> None:
    """An article written without the finishing step (as by a build killed there) forgets the
    finished state, so the next build, though nothing changed on disk, merges and folds again."""
    build_corpus([corpus], disk_store)
    extra = extract_article(read_article(CORPUS / "stargate-white-house-launch-2025.md"))
    write_extraction(disk_store, extra)
    assert finished_counts(disk_store) is None
    assert overview_counts(disk_store).articles == 3, "the summary does not know the new article yet"
    again = build_corpus([corpus], disk_store)
    assert again.articles_built == 0
    assert overview_counts(disk_store).articles == 4
    assert finished_counts(disk_store) is not None


def test_a_store_folded_by_another_version_is_folded_whole_by_the_next_build(
    corpus: Path, disk_store: OxigraphStore
) -> None:
    """A store built before the edges graph existed (its summary version differs, or is missing)
    gets it from the next build, though nothing changed on disk; the build's record is replaced."""
    build_corpus([corpus], disk_store)
    whole = _summary(disk_store)
    state = "<https://aikg.dev/graph/meta/build>"
    disk_store.update(
        "DROP GRAPH <https://aikg.dev/graph/edges> ;\n"
        f"DELETE WHERE {{ GRAPH <https://aikg.dev/graph/meta> {{ {state} <{AIKG.summaryVersion}> ?v }} }} ;\n"
        f'INSERT DATA {{ GRAPH <https://aikg.dev/graph/meta> {{ {state} <{AIKG.summaryVersion}> "0ld" }} }}'
    )
    assert finished_counts(disk_store) is None
    again = build_corpus([corpus], disk_store)
    assert again.articles_built == 0
    assert _summary(disk_store) == whole
    assert finished_counts(disk_store) is not None
    versions = disk_store.query(
        f"SELECT ?v WHERE {{ GRAPH <https://aikg.dev/graph/meta> {{ {state} <{AIKG.summaryVersion}> ?v }} }}",
        check=False,
    ).rows
    assert [str(v) for (v,) in versions] == [summary_version()]


def test_a_fresh_build_gives_the_same_graph(corpus: Path, disk_store: OxigraphStore, tmp_path: Path) -> None:
    build_corpus([corpus], disk_store)
    with OxigraphStore(tmp_path / "other") as other:
        build_corpus([corpus], other)
        assert stable_dump(other) == stable_dump(disk_store)


def test_only_changed_articles_are_extracted_again(corpus: Path, disk_store: OxigraphStore) -> None:
    build_corpus([corpus], disk_store)
    path = corpus / f"{ARTICLES[0]}.md"
    path.write_text(
        path.read_text(encoding="utf-8") + "\nIntel also partners with Microsoft.\n", encoding="utf-8"
    )
    again = build_corpus([corpus], disk_store)
    assert (again.articles_built, again.articles_unchanged) == (1, 2)


def test_one_bad_article_is_skipped_and_the_rest_built(corpus: Path, disk_store: OxigraphStore) -> None:
    (corpus / "broken.md").write_text("---\nid: [oops\n---\nBody.\n", encoding="utf-8")
    shutil.copy(corpus / f"{ARTICLES[1]}.md", corpus / "zz-same-id.md")
    report = build_corpus([corpus], disk_store)
    assert (report.articles_seen, report.articles_built) == (5, 3)
    assert report.articles_skipped == [
        (
            str(corpus / "broken.md"),
            f"{corpus / 'broken.md'}: front matter is not valid YAML at line 2 ({YAML_HINT})",
        ),
        (
            str(corpus / "zz-same-id.md"),
            f"duplicate article id '{ARTICLES[1]}' (also {corpus / (ARTICLES[1] + '.md')}; "
            f"{DUPLICATE_ID_HINT})",
        ),
    ]


def test_strict_stops_at_the_first_bad_article(corpus: Path, disk_store: OxigraphStore) -> None:
    (corpus / "broken.md").write_text("---\nid: [oops\n---\nBody.\n", encoding="utf-8")
    with pytest.raises(BuildError, match=r"not valid YAML at line 2 \(fix that line: .*\) \(--strict stops"):
        build_corpus([corpus], disk_store, strict=True)


def test_a_missing_corpus_is_a_build_error(tmp_path: Path, disk_store: OxigraphStore) -> None:
    with pytest.raises(BuildError, match="no such file or folder"):
        build_corpus([tmp_path / "nowhere"], disk_store)


def test_summary_line() -> None:
    report = BuildReport(3, 2, 1, [("x.md", "bad")], 10, 5, 400, 1.25)
    assert (
        report.summary()
        == "built 2 of 3 articles (1 unchanged, 1 skipped): 10 entities, 5 facts, 400 triples in 1.2 s"
    )


def test_an_on_disk_build_flushes_as_it_goes(
    corpus: Path, disk_store: OxigraphStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    """RocksDB keeps write buffers in memory until flushed (0.4 MB per article without)."""
    flushes: list[int] = []
    real = disk_store.flush
    monkeypatch.setattr("graph.builder._FLUSH_EVERY", 2)
    monkeypatch.setattr(disk_store, "flush", lambda: (flushes.append(1), real())[1])
    report = build_corpus([corpus], disk_store)
    assert report.articles_built == 3 and len(flushes) == 1


def _summary(store: OxigraphStore) -> set[tuple[str, ...]]:
    """The summary and edges graphs' quads."""
    rows = store.query(
        "SELECT ?g ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o }\n"
        "  VALUES ?g { <https://aikg.dev/graph/summary> <https://aikg.dev/graph/edges> } }",
        check=False,
        max_rows=0,
    ).rows
    return {tuple(str(t) for t in row) for row in rows}


def test_a_rebuild_refolds_only_what_it_touched_and_gets_what_a_full_fold_gets(
    corpus: Path, disk_store: OxigraphStore
) -> None:
    build_corpus([corpus], disk_store)
    path = corpus / f"{ARTICLES[1]}.md"
    text = path.read_text(encoding="utf-8").replace("Microsoft", "Amazon")  # other parties
    path.write_text(text, encoding="utf-8")
    shutil.copy(CORPUS / "stargate-white-house-launch-2025.md", corpus)  # and one article more
    again = build_corpus([corpus], disk_store)
    assert (again.articles_built, again.articles_unchanged) == (2, 2)
    incremental = _summary(disk_store)
    disk_store.update(
        "DROP GRAPH <https://aikg.dev/graph/summary> ; DROP GRAPH <https://aikg.dev/graph/edges>"
    )
    refresh_summary(disk_store)
    assert _summary(disk_store) == incremental
    assert any("amazon" in s for _g, s, _p, _o in incremental)
    assert any(g.endswith("/edges") and "amazon" in s for g, s, _p, _o in incremental)
