"""The Export page: the whole graph or the current filter, one download button per format.

The filter is the sidebar's (the Overview's widgets, with the same values); the filtered
export is what :func:`graph.export.export_bytes` writes for it. Each export is built only when
its button is clicked.
"""

from __future__ import annotations

import functools

import streamlit as st

from graph.dealfilter import DealFilter
from graph.export import EXPORT_FORMATS, export_bytes
from ui import resources
from ui.filters import filters
from ui.render import md

__all__ = ["SCOPES", "page_export"]

#: The two things the page exports.
SCOPES = ("The whole graph", "The current filter")
#: Download file name and media type where ``aikg.<format>`` and :data:`_MEDIA_TYPES` do not fit.
_FILES = {"csv": ("aikg-network.zip", "application/zip")}
_MEDIA_TYPES = {
    "ttl": "text/turtle",
    "nt": "application/n-triples",
    "nq": "application/n-quads",
    "trig": "application/trig",
    "jsonld": "application/ld+json",
    "gexf": "application/xml",
    "graphml": "application/xml",
    "html": "text/html",
}


def _describe_filter(location: str, deal_filter: DealFilter) -> None:
    """What the filter is and how much of the graph it keeps."""
    deals, actors, articles = resources.selection(location, deal_filter).counts()
    st.markdown("**Filter:** " + md(deal_filter.describe()))
    cols = st.columns(3)
    cols[0].metric("Deals", f"{deals:,}")
    cols[1].metric("Actors", f"{actors:,}")
    cols[2].metric("Articles", f"{articles:,}")
    if not deal_filter.active:
        st.info("No filter is set in the sidebar: the export holds every deal.")
    elif not deals:
        st.warning("No deal passes this filter: the exports hold no deal.")
    st.caption(
        "The deals that pass the sidebar filters, with their amounts and the reports that "
        "passed (evidence, confidence, article); their parties with labels, types, countries "
        "and aliases; and the articles. The network formats hold only those parties."
    )


def page_export(location: str) -> None:
    """Draw the Export page."""
    st.header("Export")
    deal_filter = filters(resources.filter_options(location))
    scope = st.radio("Export", SCOPES, horizontal=True, key="export_scope")
    filtered = scope == SCOPES[1]
    if filtered:
        _describe_filter(location, deal_filter)
    else:
        st.caption("The whole graph, built on demand when you click.")
    store = resources.store(location)
    for fmt, what in EXPORT_FORMATS.items():
        name, mime = _FILES.get(fmt, (f"aikg.{fmt}", _MEDIA_TYPES.get(fmt, "text/plain")))
        if filtered:
            name = name.replace("aikg", "aikg-filtered", 1)
        left, right = st.columns([1, 3])
        left.download_button(
            fmt.upper(),
            data=functools.partial(export_bytes, store, fmt, deal_filter if filtered else None),
            file_name=name,
            mime=mime,
            key=f"export::{fmt}",
            width="stretch",
        )
        right.caption(md(what))
