"""Every shipped query returns the rows worked out by hand from the sample (see conftest)."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable

import pytest

from graph import queries as q
from graph.builder import build_extractions
from graph.errors import QueryError, UnknownQueryError
from graph.store import GraphStore, OxigraphStore
from graph.vocab import PREDICATE_TERMS

from .conftest import Doc

Iri = Callable[[str], str]
NVIDIA, INTEL, OPENAI = "company/nvidia", "company/intel", "company/openai"


def test_every_query_file_has_title_description_and_bind_marker_for_params() -> None:
    shipped = q.list_queries()
    assert len(shipped) >= 15
    for query in shipped:
        assert query.title and query.description, query.name
        assert query.text.startswith("# title:"), query.name
        assert ("#@bind" in query.text) == bool(query.params), query.name
        for name, kind, help_text in query.params:
            assert kind in ("iri", "text") and help_text
            assert re.search(rf"\?{name}\b", query.text), f"{query.name}: ?{name} unused"


def test_unknown_query_lists_the_available_ones(sample_store: OxigraphStore) -> None:
    with pytest.raises(UnknownQueryError) as err:
        q.run_query(sample_store, "top_investor")
    assert str(err.value).startswith("unknown query 'top_investor'; available queries: actor_card, ")


def test_parameter_errors(sample_store: OxigraphStore) -> None:
    with pytest.raises(QueryError, match=r"^actor_facts: missing parameter 'actor'$"):
        q.run_query(sample_store, "actor_facts")
    with pytest.raises(QueryError, match=r"^actor_facts: unknown parameter 'who'; parameters: actor$"):
        q.run_query(sample_store, "actor_facts", actor="urn:x", who="y")
    with pytest.raises(QueryError, match=r"^actor_facts: parameter actor needs an IRI, got 'Nvidia'$"):
        q.actor_facts(sample_store, "Nvidia")


def test_top_investors(sample_store: OxigraphStore, iri: Iri) -> None:
    rows = q.top_investors(sample_store)
    assert [(r.investor_label, r.deals, r.total_usd) for r in rows] == [
        ("Nvidia", 2, 105e9),  # $5B in Intel (two reports, counted once) + $100B planned in OpenAI
        ("SoftBank Group", 2, 42e9),  # $2B (from ¥295B) in Intel + lead of OpenAI's $40B round
        ("Microsoft", 1, 10e9),  # the $10-12B UK range at its low end; the denied $7B is left out
    ]
    assert rows[0].investor == iri(NVIDIA)


def test_investment_by_country(sample_store: OxigraphStore, iri: Iri) -> None:
    rows = q.investment_by_country(sample_store)
    assert [(r.country_label, r.deals, r.total_usd) for r in rows] == [
        ("United States", 1, 15e9),  # Oracle's Abilene campus: a city inside the country
        ("United Kingdom", 2, 11.3e9),  # CoreWeave's £1B plus Microsoft's $10B
    ]
    assert rows[0].country == iri("country/country-us")


def test_actor_facts_gives_evidence_and_source(sample_store: OxigraphStore, iri: Iri) -> None:
    rows = q.actor_facts(sample_store, iri(INTEL))
    by_evidence = {r.evidence: r for r in rows}
    five = by_evidence["Nvidia will invest $5 billion in Intel."]
    assert (five.predicate, five.direction, five.other_label, five.usd) == ("invests_in", "in", "Nvidia", 5e9)
    assert (five.title, five.date, five.url) == (
        "Nvidia and SoftBank buy into Intel",
        dt.date(2025, 9, 18),
        "https://example.com/a",
    )
    assert by_evidence["Nvidia's $5bn stake in Intel closed."].fact == five.fact
    hq = by_evidence["Santa Clara-based Intel welcomed the deal."]
    assert (hq.predicate, hq.direction, hq.other_label) == ("headquartered_in", "out", "Santa Clara")
    denied = by_evidence["Microsoft denied it would invest $7 billion in Intel."]
    assert (denied.status, denied.confidence) == ("denied", 0.3)
    assert len(rows) == 7  # Nvidia (2 reports), SoftBank, partnership, HQ, the two denied deals


def test_actor_facts_of_objectless_facts(sample_store: OxigraphStore, iri: Iri) -> None:
    rows = q.actor_facts(sample_store, iri(OPENAI))
    valuation = [r for r in rows if r.predicate == "valued_at"]
    assert [(r.other, r.other_label, r.usd) for r in valuation] == [(None, None, 300e9)]


def test_datacenter_builds_by_country(sample_store: OxigraphStore) -> None:
    rows = q.datacenter_builds_by_country(sample_store)
    assert [(r.country_label, r.builds, r.total_mw, r.total_usd) for r in rows] == [
        ("United States", 2, 11200.0, 15e9),
        ("United Kingdom", 1, 0.0, 1.3e9),
    ]


def test_power_deals(sample_store: OxigraphStore) -> None:
    rows = q.power_deals(sample_store)
    assert [(r.buyer_label, r.seller_label, r.mw, r.usd, r.status, r.date) for r in rows] == [
        ("Microsoft", "Constellation Energy", 835.0, 16e9, "announced", dt.date(2025, 10, 1))
    ]


def test_funding_timeline(sample_store: OxigraphStore, iri: Iri) -> None:
    rows = q.funding_timeline(sample_store, iri(OPENAI))
    assert [(r.date, r.kind, r.usd, r.investor_label) for r in rows] == [
        (dt.date(2025, 9, 18), "investment", 100e9, "Nvidia"),
        (dt.date(2025, 10, 1), "funding round", 40e9, "SoftBank Group"),
        (dt.date(2025, 10, 1), "valuation", 300e9, None),
    ]


def test_common_partners(sample_store: OxigraphStore, iri: Iri) -> None:
    rows = q.common_partners(sample_store, iri("company/microsoft"), iri("company/oracle"))
    assert [(r.partner, r.partner_label) for r in rows] == [(iri(OPENAI), "OpenAI")]
    assert q.common_partners(sample_store, iri(NVIDIA), iri("company/oracle")) == []


def test_two_hop_investors(sample_store: OxigraphStore, iri: Iri) -> None:
    us = q.two_hop_investors(sample_store, iri("country/country-us"))
    assert [(r.investor_label, r.company_label, r.places) for r in us] == [
        ("Nvidia", "OpenAI", "United States"),
        ("SoftBank Group", "OpenAI", "United States"),
    ]
    uk = q.two_hop_investors(sample_store, iri("country/country-gb"))
    assert [(r.investor_label, r.company_label, r.places) for r in uk] == [
        ("Nvidia", "CoreWeave", "United Kingdom")
    ]


def test_multi_source_deals(sample_store: OxigraphStore) -> None:
    rows = q.multi_source_deals(sample_store)
    assert [(r.predicate, r.subject_label, r.object_label, r.sources, r.usd) for r in rows] == [
        ("buys_power_from", "Microsoft", "Constellation Energy", 2, 16e9),
        ("invests_in", "Nvidia", "Intel", 2, 5e9),
    ]


def test_newest_deals(sample_store: OxigraphStore) -> None:
    rows = q.newest_deals(sample_store, limit=50)
    assert len(rows) == 17  # A: 4, B: 12 more, C: 1 more; headquarters and employment are not deals
    dates = [r.date for r in rows if r.date is not None]
    assert len(dates) == len(rows) and dates == sorted(dates, reverse=True)
    power = next(r for r in rows if r.predicate == "buys_power_from")
    assert (power.date, power.reports, power.mw) == (dt.date(2025, 10, 1), 2, 835.0)
    assert rows[-1].date == dt.date(2025, 9, 18)
    assert len(q.newest_deals(sample_store, limit=3)) == 3


def test_overview_counts(sample_store: OxigraphStore) -> None:
    overview = q.overview_counts(sample_store)
    assert (overview.articles, overview.deals) == (3, 17)
    assert overview.actors == 15  # 14 named actors + Japan, named only through Tokyo
    assert overview.total_usd == pytest.approx(189.3e9)  # no valuation, nothing only denied
    assert overview.total_mw == 12035.0


def test_search_actors_by_name_and_alias(sample_store: OxigraphStore, iri: Iri) -> None:
    assert [h.label for h in q.search_actors(sample_store, "open")] == ["OpenAI"]
    hits = q.search_actors(sample_store, "nvidia corp")
    assert [(h.actor, h.type) for h in hits] == [(iri(NVIDIA), "Company")]
    assert q.search_actors(sample_store, "   ") == []
    assert q.search_actors(sample_store, '"} } DROP ALL #') == []


def test_actor_card(sample_store: OxigraphStore, iri: Iri) -> None:
    card = q.actor_card(sample_store, iri(NVIDIA))
    assert card is not None
    assert (card.label, card.type, card.role, card.in_registry) == ("Nvidia", "Company", "chipmaker", True)
    assert card.wikidata == "http://www.wikidata.org/entity/Q182477"
    assert card.aliases == ("NVIDIA", "NVIDIA Corp")
    assert (card.articles, card.facts) == (2, 5)  # Ghost Corp's relation was dropped
    tokyo = q.actor_card(sample_store, iri("city/city-1850147"))
    assert tokyo is not None
    assert (tokyo.type, tokyo.country_label) == ("City", "Japan")
    assert q.actor_card(sample_store, iri("company/nobody")) is None


def test_deal_reports(sample_store: OxigraphStore, iri: Iri) -> None:
    rows = q.deal_reports(sample_store)
    got = sorted(
        (r.article_id[0], r.predicate, r.subject_label, r.object_label, r.usd, r.mw, r.status, r.confidence)
        for r in rows
    )
    assert got == [
        ("a", "invests_in", "Nvidia", "Intel", 5e9, None, None, 0.9),
        ("a", "invests_in", "Nvidia", "OpenAI", 100e9, None, "planned", 0.9),
        ("a", "invests_in", "SoftBank Group", "Intel", 2e9, None, None, 0.9),
        ("a", "partners_with", "Intel", "Nvidia", None, None, None, 0.8),
        ("b", "acquires", "Intel", "CoreWeave", 20e9, None, "denied", 0.3),
        ("b", "builds_datacenter_in", "CoreWeave", "United Kingdom", 1.3e9, None, None, 0.9),
        ("b", "builds_datacenter_in", "OpenAI", "United States", None, 10000.0, "planned", 0.9),
        ("b", "builds_datacenter_in", "Oracle", "Abilene", 15e9, 1200.0, None, 0.9),
        ("b", "buys_power_from", "Microsoft", "Constellation Energy", 16e9, 835.0, "announced", 0.9),
        ("b", "invests_in", "Microsoft", "Intel", 7e9, None, "denied", 0.3),
        ("b", "invests_in", "Microsoft", "United Kingdom", 10e9, None, None, 0.9),  # the range's low end
        ("b", "invests_in", "Nvidia", "CoreWeave", None, None, None, 0.9),
        ("b", "invests_in", "Nvidia", "Intel", 5e9, None, None, 0.9),
        ("b", "partners_with", "Microsoft", "OpenAI", None, None, None, 0.9),
        ("b", "partners_with", "OpenAI", "Oracle", None, None, None, 0.9),
        ("b", "raises_funding", "OpenAI", "SoftBank Group", 40e9, None, None, 0.9),
        ("b", "valued_at", "OpenAI", None, 300e9, None, None, 0.9),
        ("c", "buys_power_from", "Microsoft", "Constellation Energy", 16e9, 835.0, None, 0.9),
        ("c", "hires_in", "Microsoft", "Tokyo", None, None, None, 0.9),
    ]  # 17 deals, two of them reported twice; headquarters and employment are not deals
    assert [r.date for r in rows] == sorted(r.date for r in rows)
    twice = [r for r in rows if r.subject == iri(NVIDIA) and r.object == iri(INTEL)]
    assert len({r.deal for r in twice}) == 1
    assert {(r.article, r.title, r.evidence) for r in twice} == {
        (
            "https://aikg.dev/id/article/a-nvidia-intel",
            "Nvidia and SoftBank buy into Intel",
            "Nvidia will invest $5 billion in Intel.",
        ),
        (
            "https://aikg.dev/id/article/b-power-and-builds",
            "Power deals and data-center builds",
            "Nvidia's $5bn stake in Intel closed.",
        ),
    }


def test_all_actors(sample_store: OxigraphStore, iri: Iri) -> None:
    cards = q.all_actors(sample_store)
    assert len(cards) == q.overview_counts(sample_store).actors
    assert [c.actor for c in cards] == sorted(c.actor for c in cards)
    by_label = {c.label: c for c in cards}
    assert by_label["Nvidia"] == q.actor_card(sample_store, iri(NVIDIA))
    assert by_label["Nvidia"].aliases == ("NVIDIA", "NVIDIA Corp")
    homes = {c.label: c.home for c in cards if c.home}
    assert homes == {
        "Nvidia": "US",  # the registry's home country (schema:location)
        "Intel": "US",
        "Santa Clara": "US",  # a city's country (schema:containedInPlace)
        "Abilene": "US",
        "Tokyo": "JP",
        "United States": "US",  # a country's own code
        "United Kingdom": "GB",
        "Japan": "JP",
    }
    assert (by_label["Intel"].country_label, by_label["Intel"].country_code) == ("United States", "US")


def test_ego_network(sample_store: OxigraphStore, iri: Iri) -> None:
    net = q.ego_network(sample_store, iri(OPENAI), depth=1)
    assert {n.label for n in net.nodes} == {
        "OpenAI",
        "Nvidia",
        "SoftBank Group",
        "Microsoft",
        "Oracle",
        "United States",
    }
    assert net.nodes[0].iri == iri(OPENAI) and net.nodes[0].depth == 0
    assert (iri(OPENAI), iri("company/softbank-group"), "raisesFundingFrom") in {
        (e.source, e.target, e.predicate) for e in net.edges
    }
    amounts = {
        (e.source.rsplit("/", 1)[-1], e.predicate, e.target.rsplit("/", 1)[-1]): (e.usd, e.deals)
        for e in net.edges
    }
    assert amounts == {
        ("openai", "raisesFundingFrom", "softbank-group"): (40e9, 1),
        ("nvidia", "investsIn", "openai"): (100e9, 1),
        ("openai", "buildsDatacenterIn", "country-us"): (None, 1),  # 10 GW, no amount
        ("microsoft", "partnersWith", "openai"): (None, 1),
        ("openai", "partnersWith", "oracle"): (None, 1),
    }
    intel = q.ego_network(sample_store, iri(INTEL), depth=1)
    edges = {(e.source, e.predicate, e.target): (e.usd, e.deals) for e in intel.edges}
    # Nvidia's $5B (reported twice, one deal) and Microsoft's denied $7B; the HQ is no deal
    assert edges[(iri(NVIDIA), "investsIn", iri(INTEL))] == (5e9, 1)
    assert edges[(iri("company/microsoft"), "investsIn", iri(INTEL))] == (7e9, 1)
    assert edges[(iri(INTEL), "headquarteredIn", iri("city/city-5393015"))] == (None, 0)
    two = q.ego_network(sample_store, iri(OPENAI), depth=2)
    assert {"Intel", "Constellation Energy", "Abilene"} <= {n.label for n in two.nodes}
    capped = q.ego_network(sample_store, iri(OPENAI), depth=2, max_nodes=3)
    assert len(capped.nodes) == 3 and capped.truncated


def test_ego_network_keeps_the_most_connected_neighbours_and_every_edge_among_them(
    sample_store: OxigraphStore, iri: Iri
) -> None:
    whole = q.ego_network(sample_store, iri(OPENAI), depth=1)
    facts = {n.iri: _fact_count(sample_store, n.iri) for n in whole.nodes if n.depth == 1}
    ranked = sorted(facts, key=lambda n: (-facts[n], n))
    capped = q.ego_network(sample_store, iri(OPENAI), depth=1, max_nodes=3)
    assert [n.iri for n in capped.nodes if n.depth == 1] == sorted(ranked[:2])
    assert capped.truncated and not whole.truncated
    two = q.ego_network(sample_store, iri(OPENAI), depth=2)
    kept = {n.iri for n in two.nodes}
    edges = sample_store.query(
        _EVERY_EDGE.replace("#@bind", "VALUES ?edge { " + " ".join(f"<{t.edge}>" for t in _EDGES) + " }"),
        check=False,
        max_rows=0,
    ).rows
    among = {
        (str(s), str(o), str(p).rsplit("#", 1)[-1]) for s, p, o in edges if str(s) in kept and str(o) in kept
    }
    assert among and {(e.source, e.target, e.predicate) for e in two.edges} == among
    assert any(e.source != iri(OPENAI) and e.target != iri(OPENAI) for e in two.edges)  # not a star


_EDGES = [t for name, t in PREDICATE_TERMS.items() if name != "valued_at"]
_EVERY_EDGE = "SELECT DISTINCT ?s ?edge ?o WHERE {\n#@bind\n GRAPH ?g { ?s ?edge ?o } }"


def _fact_count(store: OxigraphStore, actor: str) -> int:
    card = q.actor_card(store, actor)
    assert card is not None
    return card.facts


def test_article(sample_store: OxigraphStore) -> None:
    view = q.article(sample_store, "https://aikg.dev/id/article/a-nvidia-intel")
    assert view is not None
    assert (view.id, view.title, view.date, view.publisher, view.hash) == (
        "a-nvidia-intel",
        "Nvidia and SoftBank buy into Intel",
        dt.date(2025, 9, 18),
        "Example Wire",
        "hash-a-nvidia-intel",
    )
    assert [f.predicate for f in view.facts] == [
        "invests_in",
        "invests_in",
        "invests_in",
        "partners_with",
        "headquartered_in",
        "works_for",
    ]
    first = view.facts[0]
    assert (first.start, first.end, first.evidence) == (0, 39, "Nvidia will invest $5 billion in Intel.")
    assert q.article(sample_store, "https://aikg.dev/id/article/nope") is None


def test_queries_run_unbound(sample_store: GraphStore) -> None:
    """A parameterised query run as a file (no VALUES) answers for every actor."""
    every = sample_store.query(q.get_query("actor_facts").text)
    assert len(every) > len(q.actor_facts(sample_store, "https://aikg.dev/id/company/intel"))


def test_ego_deals_leaves_out_exactly_the_standing_facts() -> None:
    standing = sorted(p for p, terms in PREDICATE_TERMS.items() if not terms.is_deal)
    listed = ", ".join(f'"{p}"' for p in standing)
    assert f"FILTER(?predicate NOT IN ({listed}))" in q.get_query("ego_deals").text


def test_an_edge_sums_the_amounts_of_the_deals_that_have_one() -> None:
    """Two deals on one edge, one with an amount: the edge carries that amount and two deals
    (a SUM over an unbound value made the whole edge's amount unbound)."""
    docs = []
    for n, sentence in enumerate(("Acme will invest $2 billion in Beta.", "Acme will also invest in Beta.")):
        d = Doc(f"edge-{n}", f"Edge {n}", dt.date(2025, 3, 1 + n))
        d.entity("Acme", "Company", "acme")
        d.entity("Beta", "Company", "beta")
        s = d.say(sentence)
        amount = d.amount(s, "$2 billion", 2e9, "USD", 2e9) if n == 0 else None
        d.rel(s, "Acme", "invests_in", "Beta", 2e9 if amount else None, amount=amount)
        docs.append(d.extraction())
    store = OxigraphStore(None)
    build_extractions(docs, store)
    net = q.ego_network(store, "https://aikg.dev/id/company/acme")
    assert [(e.predicate, e.usd, e.deals) for e in net.edges] == [("investsIn", 2e9, 2)]
