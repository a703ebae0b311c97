"""The sidebar filters (dates, deal types, countries, actor roles), shared by Overview and Export.

The widgets offer what :func:`graph.overview.filter_options` finds in the graph, and return a
:class:`graph.dealfilter.DealFilter`: what the filter keeps is defined once, in ``graph/``. The
widget keys are the same on both pages, so a filter set on the Overview carries over to Export.
"""

from __future__ import annotations

import streamlit as st

from graph.dealfilter import DealFilter
from graph.overview import FilterOptions
from ui.render import country_name, readable

__all__ = ["filters"]


def filters(options: FilterOptions) -> DealFilter:
    """The filter widgets (in the sidebar) and their values."""
    side = st.sidebar
    side.subheader("Filters")
    start = end = None
    if options.first is not None and options.last is not None:
        low, high = options.first, options.last
        picked = side.date_input(
            "Reported between", value=(low, high), min_value=low, max_value=high, key="f_dates"
        )
        if isinstance(picked, tuple) and len(picked) == 2:
            start = picked[0] if picked[0] > low else None
            end = picked[1] if picked[1] < high else None
    deal_types = side.multiselect("Deal type", options.deal_types, format_func=readable, key="f_types")
    countries = side.multiselect(
        "Country",
        sorted(options.countries, key=country_name),
        format_func=country_name,
        key="f_countries",
        help="Deals aimed at the country (or a city or region in it), or made by an actor based there.",
    )
    roles = side.multiselect("Actor role", options.roles, key="f_roles")
    return DealFilter(start, end, tuple(deal_types), tuple(countries), tuple(roles))
