"""The Explore page: find an actor (typos forgiven), see its card, network, deals and sources."""

from __future__ import annotations

import difflib
import re

import pandas as pd
import streamlit as st

from graph.queries import LISTED
from graph.rows import ActorCard
from ui import resources
from ui.facts import facts_table, show_article
from ui.network import network
from ui.render import country_name, md, readable

__all__ = ["fuzzy", "page_explore"]

_QID = re.compile(r"^https?://www\.wikidata\.org/entity/(Q[1-9][0-9]*)$")
_NEAR_MISS = 0.72


def _score(needle: str, name: str) -> float:
    hay = name.casefold()
    if needle == hay:
        return 3.0
    if needle in hay:
        return 2.0 + len(needle) / max(len(hay), 1)
    ratio = difflib.SequenceMatcher(None, needle, hay).ratio()
    words = max((difflib.SequenceMatcher(None, needle, w).ratio() for w in hay.split()), default=0.0)
    return max(ratio, words)


def fuzzy(actors: pd.DataFrame, text: str, limit: int = 25) -> list[str]:
    """Actor IRIs whose name or an alias matches ``text``, best first (difflib, typo-tolerant).

    A name containing the text scores above any near miss; among equals, better-connected
    actors come first.

    Args:
        actors: the actor table (``actor``, ``label``, ``aliases`` tuples, ``facts``).
        text: what the reader typed.
        limit: the most IRIs returned.
    """
    needle = text.strip().casefold()
    if not needle:
        return []
    scored: list[tuple[float, int, str]] = []
    for iri, label, aliases, facts in actors[["actor", "label", "aliases", "facts"]].itertuples(index=False):
        names = [str(label), *(str(a) for a in aliases or () if a)]
        best = max(_score(needle, name) for name in names)
        if best >= _NEAR_MISS:
            scored.append((best, int(facts), str(iri)))
    scored.sort(key=lambda s: (-s[0], -s[1], s[2]))
    return [iri for _, _, iri in scored[:limit]]


def _pick_actor(actors: pd.DataFrame) -> str | None:
    text = st.text_input("Search actors", key="actor_search", placeholder="a name or alias; typos are fine")
    if text.strip():
        options = fuzzy(actors, text)
        if not options:
            st.info("No actor matches that name.")
            return None
    else:
        options = list(actors.sort_values(["facts", "label"], ascending=[False, True])["actor"])
    labels = actors["label"].to_dict()
    types = actors["type"].to_dict()
    facts = actors["facts"].to_dict()
    picked = st.selectbox(
        "Actor",
        options,
        format_func=lambda iri: f"{labels.get(iri, iri)} · {types.get(iri, '?')} · {facts.get(iri, 0)} facts",
        key=f"actor_pick::{text.strip().casefold()}",
    )
    return str(picked) if picked else None


def _show_card(card: ActorCard) -> None:
    st.subheader(md(card.label))
    cols = st.columns(4)
    cols[0].metric("Type", card.type)
    cols[1].metric("Role", card.role or "–")
    country = card.country_label or (country_name(card.home) if card.home else None)
    cols[2].metric("Country", country or "–")
    cols[3].metric("Facts / articles", f"{card.facts} / {card.articles}")
    match = _QID.match(card.wikidata or "")
    if match:
        st.markdown(f"Wikidata: [{match.group(1)}](https://www.wikidata.org/wiki/{match.group(1)})")
    if card.aliases:
        st.markdown("Also known as: " + ", ".join(md(a) for a in card.aliases))


def page_explore(location: str) -> None:
    """Draw the Explore page."""
    st.header("Explore")
    actors = resources.actors(location)
    if actors.empty:
        st.info("The graph holds no actors yet.")
        return
    iri = _pick_actor(actors)
    if iri is None:
        return
    card = resources.actor_card(location, iri)
    if card is None:
        st.warning("That actor is not in the graph any more.")
        return
    _show_card(card)

    st.subheader("Network")
    left, right = st.columns(2)
    depth = left.radio("Depth", (1, 2), horizontal=True, key="ego_depth")
    cap = right.slider("Most actors shown", 5, 150, 40, key="ego_cap")
    page, note, height = network(location, iri, int(depth), int(cap))
    st.caption(md(note))
    st.iframe(page, height=height)

    st.subheader("Deals and facts")
    facts = resources.actor_facts(location, iri)
    if not facts:
        st.info("No fact names this actor.")
        return
    facts_table(facts)
    if len(facts) >= LISTED:
        st.caption(
            f"The {LISTED} newest reports of this actor's {card.facts:,} facts. "
            "Every report is in the exports (Export page, or `aikg export`)."
        )
    st.subheader("Source")
    chosen = st.selectbox(
        "Show the article behind",
        range(len(facts)),
        format_func=lambda i: (
            f"{facts[i].date or '?'} · {readable(facts[i].predicate)} · "
            f"{facts[i].other_label or '–'} · {facts[i].evidence[:90]}"
        ),
        key=f"fact_pick::{iri}",
    )
    show_article(location, facts[int(chosen)])
