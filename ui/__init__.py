"""aikg's Streamlit pages: Overview, Explore, SPARQL, Ingest and Export, drawn by ``app.py``.

UI only: the pages read through :mod:`graph.queries` (cached in :mod:`ui.resources`) and
:mod:`graph.export`, and write through :mod:`graph.builder` when an article is ingested.
Everything read from articles is untrusted and is escaped by :mod:`ui.render` or
:mod:`graph.network_html` before it reaches Markdown or HTML.
"""

from __future__ import annotations

from ui.explore import page_explore
from ui.export import page_export
from ui.ingest import page_ingest
from ui.overview import page_overview
from ui.sparql import page_sparql

__all__ = ["page_explore", "page_export", "page_ingest", "page_overview", "page_sparql"]
