"""The Export page: one download button per format, each export built only when clicked."""

from __future__ import annotations

import functools

import streamlit as st

from graph.export import EXPORT_FORMATS, export_bytes
from ui import resources
from ui.render import md

__all__ = ["page_export"]

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


def page_export(location: str) -> None:
    """Draw the Export page."""
    st.header("Export")
    st.caption("The whole graph, built on demand when you click.")
    store = resources.store(location)
    for fmt, what in EXPORT_FORMATS.items():
        name, mime = _FILES.get(fmt, (f"aikg.{fmt}", _MEDIA_TYPES.get(fmt, "text/plain")))
        left, right = st.columns([1, 3])
        left.download_button(
            fmt.upper(),
            data=functools.partial(export_bytes, store, fmt),
            file_name=name,
            mime=mime,
            key=f"export::{fmt}",
            width="stretch",
        )
        right.caption(md(what))
