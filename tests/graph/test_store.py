"""The on-disk Oxigraph store: atomic article replacement, removal, idempotence, locking."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

import graph.sparql
from extract.records import Extraction
from graph.build import build_article_graph
from graph.builder import build_extractions, write_extraction
from graph.errors import QuerySyntaxError, StoreError, StoreLockedError
from graph.store import OxigraphStore, open_store

ARTICLE_A = "https://aikg.dev/graph/article/a-nvidia-intel"
COUNT_A = f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{ARTICLE_A}> {{ ?s ?p ?o }} }}"


def count(store: OxigraphStore, sparql: str = COUNT_A) -> int:
    return int(store.query(sparql).records()[0]["n"])


def sorted_dump(store: OxigraphStore) -> list[str]:
    return sorted(store.dump("nq").decode("utf-8").splitlines())


def test_replace_article_writes_graph_actors_and_hash(
    disk_store: OxigraphStore, sample_extractions: tuple[Extraction, ...]
) -> None:
    a = sample_extractions[0]
    built = write_extraction(disk_store, a)
    assert count(disk_store) == len(built.article_quads)
    assert disk_store.article_hashes() == {"a-nvidia-intel": "hash-a-nvidia-intel"}
    assert disk_store.named_graphs() == [
        "https://aikg.dev/graph/actors",
        ARTICLE_A,
        "https://aikg.dev/graph/meta",
    ]


def test_replacing_is_all_or_nothing(
    disk_store: OxigraphStore, sample_extractions: tuple[Extraction, ...], monkeypatch: pytest.MonkeyPatch
) -> None:
    a = sample_extractions[0]
    write_extraction(disk_store, a)
    before = sorted_dump(disk_store)
    # The second half of the update (the new triples) is broken: the drop must not happen either.
    monkeypatch.setattr(graph.sparql, "insert_data_block", lambda quads: "<urn:broken> .")
    with pytest.raises(QuerySyntaxError, match=r"^invalid SPARQL update: "):
        disk_store.replace_article(a.article.id, build_article_graph(a).quads, "new-hash")
    assert sorted_dump(disk_store) == before
    assert disk_store.article_hashes() == {"a-nvidia-intel": "hash-a-nvidia-intel"}


def test_a_quad_for_a_foreign_graph_is_refused(
    disk_store: OxigraphStore, sample_extractions: tuple[Extraction, ...]
) -> None:
    a, b = build_article_graph(sample_extractions[0]), build_article_graph(sample_extractions[1])
    with pytest.raises(
        ValueError, match=r"^quad for graph <https://aikg.dev/graph/article/b-power-and-builds>"
    ):
        disk_store.replace_article("a-nvidia-intel", a.quads + b.article_quads[:1], "h")
    assert disk_store.article_hashes() == {}


def test_writing_twice_gives_the_same_dataset(
    disk_store: OxigraphStore, sample_extractions: tuple[Extraction, ...]
) -> None:
    build_extractions(sample_extractions, disk_store)
    first = [line for line in sorted_dump(disk_store) if "generatedAtTime" not in line]
    build_extractions(reversed(sample_extractions), disk_store)
    assert [line for line in sorted_dump(disk_store) if "generatedAtTime" not in line] == first


def test_build_order_does_not_change_the_graph(
    tmp_path: Path, sample_extractions: tuple[Extraction, ...]
) -> None:
    dumps: list[list[str]] = []
    for order in (sample_extractions, tuple(reversed(sample_extractions))):
        with OxigraphStore(tmp_path / f"s{len(dumps)}") as store:
            build_extractions(order, store)
            dumps.append([line for line in sorted_dump(store) if "generatedAtTime" not in line])
    assert dumps[0] == dumps[1]


def test_remove_article_keeps_the_deal_another_article_reports(
    disk_store: OxigraphStore, sample_extractions: tuple[Extraction, ...]
) -> None:
    build_extractions(sample_extractions, disk_store)
    deal_reports = (
        "SELECT (COUNT(DISTINCT ?r) AS ?n) WHERE { ?r <https://aikg.dev/ontology#reports> ?f . "
        "?f <https://aikg.dev/ontology#predicate> 'invests_in' ; <https://aikg.dev/ontology#subject> "
        "<https://aikg.dev/id/company/nvidia> ; "
        "<https://aikg.dev/ontology#object> <https://aikg.dev/id/company/intel> }"
    )
    assert count(disk_store, deal_reports) == 2
    disk_store.remove_article("a-nvidia-intel")
    assert count(disk_store) == 0
    assert count(disk_store, deal_reports) == 1
    assert set(disk_store.article_hashes()) == {"b-power-and-builds", "c-constellation-again"}
    disk_store.remove_article("a-nvidia-intel")  # removing twice is harmless


def test_merging_keeps_one_label_and_drops_orphan_actors(
    disk_store: OxigraphStore, sample_extractions: tuple[Extraction, ...]
) -> None:
    build_extractions(sample_extractions, disk_store)
    labels = (
        "SELECT (COUNT(*) AS ?n) WHERE { <https://aikg.dev/id/company/nvidia> "
        "<http://www.w3.org/2000/01/rdf-schema#label> ?l }"
    )
    assert count(disk_store, labels) == 1
    santa_clara = "ASK { <https://aikg.dev/id/city/city-5393015> ?p ?o }"
    assert disk_store.query(santa_clara).boolean is True
    disk_store.remove_article("a-nvidia-intel")
    build_extractions([], disk_store)
    assert disk_store.query(santa_clara).boolean is False  # only article A named it
    # ... but every remaining actor keeps its home country, mentioned or not
    homeless = (
        "ASK { GRAPH <https://aikg.dev/graph/actors> { ?b <https://schema.org/location> ?c }"
        " FILTER NOT EXISTS { GRAPH <https://aikg.dev/graph/actors> { ?c a ?type } } }"
    )
    assert disk_store.query(homeless, check=False).boolean is False
    kept_homes = "SELECT (COUNT(*) AS ?n) WHERE { ?b <https://schema.org/location> ?c }"
    assert count(disk_store, kept_homes) > 0


def test_data_survives_reopening(tmp_path: Path, sample_extractions: tuple[Extraction, ...]) -> None:
    with OxigraphStore(tmp_path / "s") as store:
        build_extractions(sample_extractions, store)
        before = sorted_dump(store)
    reopened = open_store(tmp_path / "s", read_only=True)
    assert sorted_dump(reopened) == before  # type: ignore[arg-type]


def test_a_second_writer_is_refused(disk_store: OxigraphStore, tmp_path: Path) -> None:
    with pytest.raises(StoreLockedError) as err:
        OxigraphStore(tmp_path / "store")
    assert str(err.value) == (
        f"store {tmp_path / 'store'}: another aikg process holds its lock {tmp_path / 'store' / 'aikg.lock'} "
        "(a build, or `aikg serve`); wait for it to finish"
    )


def test_a_writer_in_another_process_is_refused(disk_store: OxigraphStore, tmp_path: Path) -> None:
    code = (
        "import sys\nfrom graph.store import OxigraphStore\nfrom graph.errors import StoreLockedError\n"
        f"try:\n    OxigraphStore({str(tmp_path / 'store')!r})\nexcept StoreLockedError as e:\n"
        "    print(e); sys.exit(3)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert done.returncode == 3, done.stderr
    assert "another aikg process holds its lock" in done.stdout


def test_readers_wait_for_the_build(disk_store: OxigraphStore, tmp_path: Path) -> None:
    with pytest.raises(StoreLockedError, match="an aikg build is writing to it; try again when the build"):
        OxigraphStore(tmp_path / "store", read_only=True)
    disk_store.close()
    OxigraphStore(tmp_path / "store", read_only=True).close()


def test_opening_problems_are_named(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match=r"no store here; run `aikg build` first$"):
        open_store(tmp_path / "missing", read_only=True)
    reader = OxigraphStore(None)
    with pytest.raises(StoreError, match="cannot dump 'ttl'; available formats: nq, trig"):
        reader.dump("ttl")
    (tmp_path / "file").write_text("x", encoding="utf-8")
    with pytest.raises(StoreError, match="cannot create the store folder"):
        OxigraphStore(tmp_path / "file" / "store")


def test_read_only_store_refuses_writes(tmp_path: Path) -> None:
    OxigraphStore(tmp_path / "s").close()
    reader = OxigraphStore(tmp_path / "s", read_only=True)
    with pytest.raises(StoreError, match="opened read-only"):
        reader.remove_article("x")


def test_open_store_reads_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("AIKG_STORE", ":memory:")
    assert open_store().location == "memory"
    monkeypatch.setenv("AIKG_STORE", "http://127.0.0.1:1/query")
    endpoint = open_store()
    assert (endpoint.location, getattr(endpoint, "update_url", None)) == (
        "http://127.0.0.1:1/query",
        "http://127.0.0.1:1/update",
    )
    with pytest.raises(
        StoreError, match=r"^store http://127.0.0.1:1/query: cannot reach http://127.0.0.1:1/"
    ):
        endpoint.query("ASK {}")
