"""The app's cached resources: the store and the spaCy pipeline, query results, and the ingest write.

``@st.cache_resource`` holds the store (one per location) and the pipeline; ``@st.cache_data``
holds every query result, keyed by the store location. :func:`add_article` writes one article
and clears the data caches, so every page shows it on the next run.
"""

from __future__ import annotations

from dataclasses import asdict, fields
from decimal import Decimal
from typing import Any

import pandas as pd
import streamlit as st
from rdflib.term import Literal, URIRef

from extract import Extraction
from extract.nlp import load_nlp
from graph import overview as graph_overview
from graph import queries
from graph.build import ArticleGraph
from graph.builder import build_extractions
from graph.dealfilter import DealFilter
from graph.errors import QueryError
from graph.nquads import Term, is_valid_iri
from graph.overview import FilterOptions, OverviewFigures
from graph.results import QueryResult
from graph.rows import ActorCard, ActorFact, ArticleView, EgoNetwork, Overview
from graph.settings import get_setting
from graph.store import GraphStore, open_store
from graph.subgraph import Selection, select_deals

__all__ = [
    "actor_card",
    "actor_facts",
    "actors",
    "add_article",
    "article",
    "ego_network",
    "filter_options",
    "nlp",
    "overview",
    "overview_figures",
    "result_frame",
    "run_sparql",
    "selection",
    "store",
    "store_location",
]

_ACTOR_COLUMNS = [f.name for f in fields(ActorCard)] + ["home"]


def store_location() -> str:
    """Where the graph lives (``AIKG_STORE``, default ``.aikg/store``)."""
    return str(get_setting("store"))


def _is_folder(location: str) -> bool:
    return location not in ("memory", ":memory:") and not location.startswith(("http://", "https://"))


@st.cache_resource(show_spinner=False)
def store(location: str) -> GraphStore:
    """The store the pages read, opened once per location.

    A folder is opened read-only, so ``aikg build`` and ``aikg query`` keep working while the
    app runs; :func:`add_article` opens it for writing only for the moment of an ingest.
    """
    return open_store(location, read_only=_is_folder(location))


@st.cache_resource(show_spinner="Loading the spaCy pipeline…")
def nlp() -> object:
    """The spaCy pipeline (loaded once; extract reuses the same object)."""
    return load_nlp()


def add_article(location: str, extraction: Extraction) -> ArticleGraph:
    """Write one extracted article (and merge its actors) into the store, then clear the caches."""
    if not _is_folder(location):
        graph = build_extractions([extraction], store(location))[0]
    else:
        store.clear()  # the read-only handle would not see the write; reopen it afterwards
        writer = open_store(location)
        try:
            graph = build_extractions([extraction], writer)[0]
        finally:
            writer.close()
    st.cache_data.clear()
    return graph


@st.cache_data(show_spinner=False)
def overview(location: str) -> Overview:
    """The headline counts of the whole graph."""
    return queries.overview_counts(store(location))


@st.cache_data(show_spinner=False)
def actors(location: str) -> pd.DataFrame:
    """Every actor's card as a table indexed by IRI, with ``home`` (its country's ISO code)."""
    cards = queries.all_actors(store(location))
    rows = [{**asdict(card), "home": card.home} for card in cards]
    df = pd.DataFrame.from_records(rows, columns=_ACTOR_COLUMNS)
    return df.set_index("actor", drop=False)


@st.cache_data(show_spinner=False)
def filter_options(location: str) -> FilterOptions:
    """What the sidebar filters offer: the dates, deal types, countries and roles in the graph."""
    return graph_overview.filter_options(store(location))


@st.cache_data(show_spinner=False, max_entries=32)
def overview_figures(location: str, deal_filter: DealFilter) -> OverviewFigures:
    """The Overview's figures under a filter."""
    return graph_overview.overview_figures(store(location), deal_filter)


@st.cache_data(show_spinner=False, max_entries=16)
def selection(location: str, deal_filter: DealFilter) -> Selection:
    """The deals, parties and articles a filter keeps (what a filtered export holds)."""
    return select_deals(store(location), deal_filter)


@st.cache_data(show_spinner=False)
def actor_card(location: str, iri: str) -> ActorCard | None:
    """One actor's card."""
    return queries.actor_card(store(location), iri)


@st.cache_data(show_spinner=False)
def actor_facts(location: str, iri: str) -> list[ActorFact]:
    """Every report of every fact about one actor."""
    return queries.actor_facts(store(location), iri)


@st.cache_data(show_spinner=False)
def ego_network(location: str, iri: str, depth: int) -> EgoNetwork:
    """The actors within ``depth`` hops of one actor (at most 500), with USD on the edges."""
    return queries.ego_network(store(location), iri, depth=depth, max_nodes=500)


@st.cache_data(show_spinner=False)
def article(location: str, iri: str) -> ArticleView | None:
    """One article's metadata and facts."""
    return queries.article(store(location), iri)


@st.cache_data(show_spinner=False, max_entries=64)
def run_sparql(location: str, text: str, params: tuple[tuple[str, str, str], ...]) -> QueryResult:
    """A user's query, read-only guard on, with (name, kind, value) parameters bound."""
    bindings: dict[str, Term] = {}
    for name, kind, value in params:
        if kind == "iri":
            if not is_valid_iri(value):
                raise QueryError(f"parameter {name} needs an IRI, got {value!r}")
            bindings[name] = URIRef(value)
        else:
            bindings[name] = Literal(value)
    return store(location).query(text, bindings=bindings or None, check=True)


def _py(value: Any) -> Any:
    return float(value) if isinstance(value, Decimal) else value


def result_frame(result: QueryResult) -> pd.DataFrame:
    """A query result as a table: decimals as floats, other non-numbers as text."""
    records = [{k: _py(v) for k, v in r.items()} for r in result.records()]
    frame = pd.DataFrame.from_records(records, columns=list(result.vars))
    for column in frame.columns:
        if frame[column].dtype == object:
            frame[column] = frame[column].map(lambda v: v if v is None else str(v))
    return frame
