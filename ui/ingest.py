"""The Ingest page: paste or upload an article, preview what extraction reads, then add it to the graph.

Nothing is written until the reader clicks "Add to the graph"; the preview shows the article
with every entity, amount and power figure marked, the relations and the records the graph
would drop.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import pandas as pd
import streamlit as st
import trafilatura

from extract import AikgError, Extraction, extract_article, read_text_article
from extract.web import FetchSettings, HttpFetcher, read_source
from extract.web.drafts import article_slug
from graph.build import build_article_graph
from ui import resources
from ui.facts import INGESTED_TEXTS
from ui.render import entity_spans, highlight, md, readable

__all__ = ["FETCH_SETTINGS", "page_ingest", "uploaded_text", "url_text"]

#: How the app fetches a URL typed into it: public hosts only (never this machine or its
#: network), quickly, and politely; `aikg add` uses the same fetcher with its own settings.
FETCH_SETTINGS = FetchSettings(public_only=True, timeout_s=10.0, total_timeout_s=30.0, retries=1)

_RELATION_COLUMNS = ["subject", "deal type", "object", "USD", "confidence", "status", "evidence"]


def uploaded_text(name: str, raw: bytes) -> str:
    """The article text of an uploaded file; HTML is reduced to its main text.

    Raises:
        AikgError: an HTML page with no article text in it.
    """
    text = raw.decode("utf-8", errors="replace")
    if Path(name).suffix.lower() not in (".html", ".htm"):
        return text
    body = trafilatura.extract(text, include_comments=False, include_tables=False)
    if not body:
        raise AikgError(f"{name}: no article text found in the HTML")
    meta = trafilatura.extract_metadata(text)
    title = getattr(meta, "title", None)
    if title and not body.startswith(title):
        return f"{title}\n\n{body}"
    return str(body)


def url_text(url: str) -> str:
    """The article at a URL as Markdown with front matter (title, date, publisher, canonical
    URL from the page's own metadata), read the way `aikg add` reads it.

    Raises:
        AikgError: the page could not be fetched, is a feed, or holds no article text.
    """
    with HttpFetcher(FETCH_SETTINGS) as fetcher:
        (draft,) = read_source(url.strip(), fetcher=fetcher, feeds=False)
    return draft.to_markdown(draft.id or article_slug(draft.title, draft.date))


def _relations(extraction: Extraction) -> pd.DataFrame:
    rows = [
        {
            "subject": r.subject,
            "deal type": readable(r.predicate),
            "object": r.object or "",
            "USD": r.amount_usd,
            "confidence": r.confidence,
            "status": r.status or "stated",
            "evidence": r.evidence.sentence,
        }
        for r in extraction.relations
    ]
    return pd.DataFrame(rows, columns=_RELATION_COLUMNS)


def _preview(extraction: Extraction) -> None:
    article = extraction.article
    st.markdown(f"**{md(article.title)}** · id {md(article.id)}")
    cols = st.columns(4)
    cols[0].metric("Entities", len(extraction.entities))
    cols[1].metric("Amounts", len(extraction.amounts))
    cols[2].metric("Power", len(extraction.powers))
    cols[3].metric("Relations", len(extraction.relations))
    st.html(highlight(article.text, entity_spans(extraction)))
    st.subheader("Relations")
    st.dataframe(
        _relations(extraction),
        hide_index=True,
        width="stretch",
        column_config={"USD": st.column_config.NumberColumn(format="compact")},
    )
    left, right = st.columns(2)
    with left:
        st.subheader("Entities")
        st.dataframe(
            pd.DataFrame(
                [
                    (e.name, e.type, e.role or "", e.country or "", e.wikidata or "")
                    for e in extraction.entities
                ],
                columns=["name", "type", "role", "country", "wikidata"],
            ),
            hide_index=True,
            width="stretch",
        )
    with right:
        st.subheader("Amounts and power")
        money: list[tuple[str, str, float, float | None]] = [
            (a.text, a.currency, a.value, a.usd) for a in extraction.amounts
        ]
        money += [(p.text, "MW", p.mw, None) for p in extraction.powers]
        st.dataframe(
            pd.DataFrame(money, columns=["text", "unit", "value", "USD"]),
            hide_index=True,
            width="stretch",
        )
    dropped = build_article_graph(extraction).warnings
    if dropped:
        with st.expander(f"{len(dropped)} records will not be written"):
            for line in dropped:
                st.text(line)


def _extract(text: str, doc_id: str) -> None:
    auto = "ingest-" + hashlib.sha1(text.encode("utf-8")).hexdigest()[:10]
    resources.nlp()
    article = read_text_article(text, doc_id.strip() or auto)
    st.session_state["pending"] = extract_article(article)
    st.session_state.pop("ingest_done", None)
    st.session_state.pop("ingest_actor", None)


def _add(location: str, extraction: Extraction) -> None:
    graph = resources.add_article(location, extraction)
    texts = dict(st.session_state.get(INGESTED_TEXTS, {}))
    texts[extraction.article.id] = extraction.article.text
    st.session_state[INGESTED_TEXTS] = texts
    st.session_state["ingest_done"] = (
        f"Added article {extraction.article.id}: {graph.entities} actors, {graph.facts} facts. "
        "Every page shows it now."
    )
    parties = [r.subject for r in extraction.relations] + [e.name for e in extraction.entities]
    st.session_state["ingest_actor"] = parties[0] if parties else None
    st.session_state.pop("pending", None)


def _open_in_explore(name: str) -> None:
    """Button callback: show an actor on the Explore page."""
    st.session_state["page"] = "Explore"
    st.session_state["actor_search"] = name


def page_ingest(location: str) -> None:
    """Draw the Ingest page."""
    st.header("Ingest an article")
    st.caption(
        "Paste a news article (optionally with YAML front matter: id, title, date, url), "
        "upload a .txt, .md or .html file, or give the URL of an article page. "
        "Nothing is written until you add it."
    )
    pasted = st.text_area("Article text", height=220, key="ingest_text")
    upload = st.file_uploader("…or a file", type=["txt", "md", "html", "htm"], key="ingest_file")
    url = st.text_input("…or the URL of an article page", key="ingest_url")
    doc_id = st.text_input(
        "Article id (optional)",
        key="ingest_id",
        help="Defaults to the front matter's id, else a hash of the text.",
    )
    if st.button("Extract", type="primary", key="ingest_extract"):
        try:
            if upload:
                text = uploaded_text(upload.name, upload.getvalue())
            elif url.strip() and not pasted.strip():
                text = url_text(url)
            else:
                text = pasted
            if not text.strip():
                raise AikgError("nothing to read: paste an article or upload a file")
            _extract(text, doc_id)
        except AikgError as exc:
            st.error(md(str(exc)))
    done = st.session_state.get("ingest_done")
    if done:
        st.success(md(done))
        actor = st.session_state.get("ingest_actor")
        if actor:
            st.button(
                f"Open {md(actor)} in Explore",
                key="ingest_explore",
                on_click=_open_in_explore,
                args=(actor,),
            )
    pending: Extraction | None = st.session_state.get("pending")
    if pending is None:
        return
    exists = pending.article.id in resources.store(location).article_hashes()
    label = "Replace the stored article" if exists else "Add to the graph"
    if st.button(label, key="ingest_add"):
        try:
            _add(location, pending)
        except AikgError as exc:
            st.error(md(str(exc)))
        st.rerun()
    _preview(pending)
