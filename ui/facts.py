"""The Explore page's facts: the table of an actor's deals, and one article with its sentence marked.

The article body comes from the text ingested in this session, else from the article's file
(:func:`graph.articles.read_article_text`); without either, the evidence sentence alone is shown.
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd
import streamlit as st

from graph.articles import ArticleText, read_article_text
from graph.rows import ActorFact, ArticleView
from ui import resources
from ui.render import EVIDENCE_COLOUR, highlight, http_url, md, readable

__all__ = ["INGESTED_TEXTS", "facts_table", "show_article"]

#: The session-state key of the texts ingested in this session, by article id.
INGESTED_TEXTS = "ingested_texts"


def facts_table(facts: Sequence[ActorFact]) -> None:
    """One row per report of each fact: deal type, direction, other party, figures, evidence."""
    rows = [
        {
            "deal type": readable(f.predicate),
            "direction": "→" if f.direction == "out" else "←",
            "other party": f.other_label or "",
            "USD": f.usd,
            "MW": f.mw,
            "date": f.date,
            "status": f.status or "stated",
            "confidence": f.confidence,
            "evidence": f.evidence,
            "article": f.title,
            "source": http_url(f.url),
        }
        for f in facts
    ]
    st.dataframe(
        pd.DataFrame(rows),
        hide_index=True,
        width="stretch",
        column_config={
            "USD": st.column_config.NumberColumn(format="compact"),
            "confidence": st.column_config.ProgressColumn(min_value=0.0, max_value=1.0, format="%.2f"),
            "source": st.column_config.LinkColumn(display_text="open"),
        },
    )


def _copies_table(view: ArticleView) -> None:
    """The article's further copies (wire and syndicated copies): every one is a source of its facts."""
    if not view.copies:
        return
    st.caption(
        md(
            f"{view.sources} sources: also published as {len(view.copies)} further cop"
            f"{'y' if len(view.copies) == 1 else 'ies'}"
        )
    )
    rows = [
        {
            "publisher": c.publisher or "",
            "date": c.date,
            "title": c.title or "",
            "corpus id": c.id or "",
            "source": http_url(c.url),
        }
        for c in view.copies
    ]
    st.dataframe(
        pd.DataFrame(rows),
        hide_index=True,
        width="stretch",
        column_config={"source": st.column_config.LinkColumn(display_text="open")},
    )


def _article_text(view: ArticleView) -> ArticleText:
    """The article body the evidence offsets point into, and a note when it is not exact."""
    ingested = st.session_state.get(INGESTED_TEXTS, {})
    if view.id in ingested:
        return ArticleText(ingested[view.id])
    return read_article_text(view)


def _spans(text: str | None, view: ArticleView, fact: ActorFact) -> list[tuple[int, int]]:
    """Where the fact's sentence is in the text: its stored span, else found by its words."""
    spans = [(f.start, f.end) for f in view.facts if f.fact == fact.fact and f.evidence == fact.evidence]
    if text is not None and spans and text[spans[0][0] : spans[0][1]].strip() != fact.evidence:
        spans = []
    if text is not None and not spans and fact.evidence in text:
        start = text.index(fact.evidence)
        spans = [(start, start + len(fact.evidence))]
    return spans


def show_article(location: str, fact: ActorFact) -> None:
    """The article behind one fact: title, date, source link, and its text with the sentence marked."""
    view = resources.article(location, fact.article)
    if view is None:
        st.warning("The article is not in the graph any more.")
        return
    st.markdown(f"**{md(view.title)}**")
    meta = [x for x in (str(view.date or ""), view.publisher or "", view.source or "") if x]
    st.caption(md(" · ".join(meta)))
    url = http_url(view.url)
    if url:
        st.link_button("Open the original", url)
    _copies_table(view)
    body = _article_text(view)
    spans = _spans(body.text, view, fact)
    if body.note:
        st.caption(md(body.note))
    if body.text is None:
        st.html(highlight(fact.evidence, [(0, len(fact.evidence), "", EVIDENCE_COLOUR)]))
        return
    st.html(highlight(body.text, [(s, e, "", EVIDENCE_COLOUR) for s, e in spans[:1]]))
