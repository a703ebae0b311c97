"""aikg's Streamlit app: overview charts, an actor explorer, SPARQL, live ingest and exports.

The entry point only: page set-up, the sidebar's page picker and error display; the pages
live in :mod:`ui`. Run it with ``streamlit run app.py`` (or ``aikg app``); the store comes
from ``AIKG_STORE`` (default ``.aikg/store``).
"""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st

from extract import AikgError
from ui import page_explore, page_export, page_ingest, page_overview, page_sparql
from ui.render import md
from ui.resources import store, store_location

__all__ = ["PAGES", "main"]

#: The pages, in sidebar order; ``?page=<name in lower case>`` opens one directly.
PAGES = ("Overview", "Explore", "SPARQL", "Ingest", "Export")
_RENDERERS: dict[str, Callable[[str], None]] = {
    "Overview": page_overview,
    "Explore": page_explore,
    "SPARQL": page_sparql,
    "Ingest": page_ingest,
    "Export": page_export,
}


def _page_picker() -> str:
    if "page" not in st.session_state:
        wanted = str(st.query_params.get("page", "overview")).casefold()
        st.session_state["page"] = next((p for p in PAGES if p.casefold() == wanted), PAGES[0])
    page = str(st.sidebar.radio("Page", PAGES, key="page"))
    st.query_params["page"] = page.casefold()
    return page


def main() -> None:
    """Draw the app: one page at a time, picked in the sidebar."""
    st.set_page_config(page_title="aikg", layout="wide")
    location = store_location()
    try:
        store(location)
    except AikgError as exc:
        st.error(md(str(exc)))
        st.stop()
    st.sidebar.title("aikg")
    page = _page_picker()
    st.sidebar.caption(md(f"store: {location}"))
    try:
        _RENDERERS[page](location)
    except AikgError as exc:
        st.error(md(str(exc)))


main()
