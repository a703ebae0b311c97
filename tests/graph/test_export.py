"""graph.export: every format as bytes, the same bytes export_store writes."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest

from graph.errors import GraphError
from graph.export import EXPORT_FORMATS, export_bytes, export_store
from graph.store import OxigraphStore


def _content(fmt: str, data: bytes) -> object:
    """The bytes, or for the CSV zip its files (a zip holds its write time)."""
    if fmt != "csv":
        return data
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        return {name: zf.read(name) for name in zf.namelist()}


@pytest.mark.parametrize("fmt", list(EXPORT_FORMATS))
def test_export_bytes_is_what_export_store_writes(
    sample_store: OxigraphStore, tmp_path: Path, fmt: str
) -> None:
    data = export_bytes(sample_store, fmt)
    written = export_store(sample_store, fmt, tmp_path / f"out.{fmt}")
    assert written == tmp_path / f"out.{fmt}"
    assert _content(fmt, data) == _content(fmt, written.read_bytes())
    assert len(data) > 1000


def test_export_bytes_turtle_and_network_page(sample_store: OxigraphStore) -> None:
    turtle = export_bytes(sample_store, "ttl").decode("utf-8")
    assert "@prefix aikg: <https://aikg.dev/ontology#>" in turtle and "Nvidia" in turtle
    page = export_bytes(sample_store, "html").decode("utf-8")
    assert "new vis.Network" in page and "https://cdn" not in page
    with zipfile.ZipFile(io.BytesIO(export_bytes(sample_store, "csv"))) as zf:
        assert sorted(zf.namelist()) == ["edges.csv", "nodes.csv"]


def test_unknown_format_lists_the_formats(sample_store: OxigraphStore, tmp_path: Path) -> None:
    with pytest.raises(GraphError, match=r"^unknown export format 'xls'; available formats: ttl, nt, "):
        export_bytes(sample_store, "xls")
    with pytest.raises(GraphError, match="unknown export format 'xls'"):
        export_store(sample_store, "xls", tmp_path / "x.xls")
    assert not (tmp_path / "x.xls").exists()
