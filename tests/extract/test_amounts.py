"""Tests of `extract.amounts`: the money parser and its `aikg_amounts_v1` spaCy component."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import pytest
import spacy
from hypothesis import given, settings
from hypothesis import strategies as st

from extract.amounts import AMOUNTS_FACTORY, AmountMatch, find_amounts

GOLD = Path(__file__).resolve().parents[1] / "data" / "gold"

Expected = tuple[str, float, str, str]  # surface text, value, currency, bound


def parsed(text: str) -> list[Expected]:
    return [(m.text, m.value, m.currency, m.bound) for m in find_amounts(text)]


SINGLE: list[tuple[str, Expected]] = [
    ("Microsoft will invest $10 billion in the venture.", ("$10 billion", 1e10, "USD", "exact")),
    ("Meta guided to $65B of capex.", ("$65B", 65e9, "USD", "exact")),
    ("a $1.5bn loan", ("$1.5bn", 1.5e9, "USD", "exact")),
    ("It raised US$700 million.", ("US$700 million", 7e8, "USD", "exact")),
    ("worth $US5 billion", ("$US5 billion", 5e9, "USD", "exact")),
    ("a $A2 billion grant", ("$A2 billion", 2e9, "AUD", "exact")),
    ("a facility of USD 5 billion", ("USD 5 billion", 5e9, "USD", "exact")),
    ("priced at USD5bn", ("USD5bn", 5e9, "USD", "exact")),
    ("Microsoft will invest A$5 billion (about", ("A$5 billion", 5e9, "AUD", "exact")),
    ("a AU$2 billion deal", ("AU$2 billion", 2e9, "AUD", "exact")),
    ("C$1.2 billion for Quebec", ("C$1.2 billion", 1.2e9, "CAD", "exact")),
    ("CA$4 bn", ("CA$4 bn", 4e9, "CAD", "exact")),
    ("NZ$2m grant", ("NZ$2m", 2e6, "NZD", "exact")),
    ("more or less S$1 billion", ("S$1 billion", 1e9, "SGD", "exact")),
    ("HK$ 3bn", ("HK$ 3bn", 3e9, "HKD", "exact")),
    ("NT$100 billion", ("NT$100 billion", 1e11, "TWD", "exact")),
    ("would invest R$14.7 billion, or about", ("R$14.7 billion", 14.7e9, "BRL", "exact")),
    ("about RM20 billion", ("RM20 billion", 2e10, "MYR", "exact")),
    ("RM 1.2 billion", ("RM 1.2 billion", 1.2e9, "MYR", "exact")),
    ("EUR 4bn", ("EUR 4bn", 4e9, "EUR", "exact")),
    ("Microsoft will spend €3.2 billion", ("€3.2 billion", 3.2e9, "EUR", "exact")),
    ("a €4bn plan", ("€4bn", 4e9, "EUR", "exact")),
    ("lined up €109 billion", ("€109 billion", 109e9, "EUR", "exact")),
    ("some 4 billion euros", ("4 billion euros", 4e9, "EUR", "exact")),
    ("a 4 billion euro fund", ("4 billion euro", 4e9, "EUR", "exact")),
    ("a salary of £225,000", ("£225,000", 225e3, "GBP", "exact")),
    ("GBP 300 million", ("GBP 300 million", 3e8, "GBP", "exact")),
    ("a £2.5bn programme", ("£2.5bn", 2.5e9, "GBP", "exact")),
    ("500 million pounds", ("500 million pounds", 5e8, "GBP", "exact")),
    ("roughly ¥1.6 trillion", ("¥1.6 trillion", 1.6e12, "JPY", "exact")),
    ("about ¥295 billion", ("¥295 billion", 295e9, "JPY", "exact")),
    ("¥10 billion yuan", ("¥10 billion yuan", 1e10, "CNY", "exact")),
    ("RMB 10 billion", ("RMB 10 billion", 1e10, "CNY", "exact")),
    ("CNY 2.5 billion", ("CNY 2.5 billion", 2.5e9, "CNY", "exact")),
    ("or about 41 million yuan", ("41 million yuan", 41e6, "CNY", "exact")),
    ("3 billion renminbi", ("3 billion renminbi", 3e9, "CNY", "exact")),
    ("about 440 billion yen", ("440 billion yen", 440e9, "JPY", "exact")),
    ("invest ₹20,000 crore", ("₹20,000 crore", 2e11, "INR", "exact")),
    ("plans to invest ₹1,05,600 crore (", ("₹1,05,600 crore", 1.056e12, "INR", "exact")),
    ("worth roughly ₹1.3 lakh crore", ("₹1.3 lakh crore", 1.3e12, "INR", "exact")),
    ("Rs 500 crore", ("Rs 500 crore", 5e9, "INR", "exact")),
    ("Rs. 500 crore", ("Rs. 500 crore", 5e9, "INR", "exact")),
    ("a Rs 500-crore plant", ("Rs 500-crore", 5e9, "INR", "exact")),
    ("INR 2,000 crore", ("INR 2,000 crore", 2e10, "INR", "exact")),
    ("₹50 lakh", ("₹50 lakh", 5e6, "INR", "exact")),
    ("500 crore rupees", ("500 crore rupees", 5e9, "INR", "exact")),
    ("worth about ₩7 trillion (", ("₩7 trillion", 7e12, "KRW", "exact")),
    ("about 7 trillion won", ("7 trillion won", 7e12, "KRW", "exact")),
    ("KRW 1.2 trillion", ("KRW 1.2 trillion", 1.2e12, "KRW", "exact")),
    ("roughly SAR 19.9 billion", ("SAR 19.9 billion", 19.9e9, "SAR", "exact")),
    ("5 billion Saudi riyals", ("5 billion Saudi riyals", 5e9, "SAR", "exact")),
    ("about AED 110 billion", ("AED 110 billion", 110e9, "AED", "exact")),
    ("invest SEK 33.7 billion, roughly", ("SEK 33.7 billion", 33.7e9, "SEK", "exact")),
    ("33.7 billion Swedish kronor", ("33.7 billion Swedish kronor", 33.7e9, "SEK", "exact")),
    ("NOK 2 billion", ("NOK 2 billion", 2e9, "NOK", "exact")),
    ("CHF 2.1 billion", ("CHF 2.1 billion", 2.1e9, "CHF", "exact")),
    ("300 million Swiss francs", ("300 million Swiss francs", 3e8, "CHF", "exact")),
    ("roughly 25 billion pesos, for Mexico", ("25 billion pesos", 25e9, "MXN", "exact")),
    ("5 billion USD", ("5 billion USD", 5e9, "USD", "exact")),
    ("10 billion dollars", ("10 billion dollars", 1e10, "USD", "exact")),
    ("2 billion U.S. dollars", ("2 billion U.S. dollars", 2e9, "USD", "exact")),
    ("5 billion Australian dollars", ("5 billion Australian dollars", 5e9, "AUD", "exact")),
    ("a billion dollars", ("a billion dollars", 1e9, "USD", "exact")),
    ("half a billion dollars", ("half a billion dollars", 5e8, "USD", "exact")),
    ("two billion euros", ("two billion euros", 2e9, "EUR", "exact")),
    ("common stock at $23 per share", ("$23", 23.0, "USD", "exact")),
    ("433.3 million shares at $20.47 apiece", ("$20.47", 20.47, "USD", "exact")),
    ("cleared at $329.17 per megawatt-day", ("$329.17", 329.17, "USD", "exact")),
    ("a $1 trillion market value", ("$1 trillion", 1e12, "USD", "exact")),
    ("a $2-billion deal", ("$2-billion", 2e9, "USD", "exact")),
    ("$225k", ("$225k", 225e3, "USD", "exact")),
    ("$5M seed", ("$5M", 5e6, "USD", "exact")),
    ("$1T", ("$1T", 1e12, "USD", "exact")),
    ("a $500mn facility", ("$500mn", 5e8, "USD", "exact")),
    ("$0.5 billion", ("$0.5 billion", 5e8, "USD", "exact")),
    ("$1,200", ("$1,200", 1200.0, "USD", "exact")),
    ("$10 billion-plus", ("$10 billion-plus", 1e10, "USD", "min")),
    ("$10bn+ in orders", ("$10bn+", 1e10, "USD", "min")),
    ("$5 billion or more", ("$5 billion", 5e9, "USD", "min")),
    ("$5 billion or less", ("$5 billion", 5e9, "USD", "max")),
    ("offered up to $6.6 billion in grants", ("$6.6 billion", 6.6e9, "USD", "max")),
    ("as much as $500 billion", ("$500 billion", 5e11, "USD", "max")),
    ("just under $1 billion", ("$1 billion", 1e9, "USD", "max")),
    ("far less than $10 billion", ("$10 billion", 1e10, "USD", "max")),
    ("more than $10 billion", ("$10 billion", 1e10, "USD", "min")),
    ("invest at least $20 billion", ("$20 billion", 2e10, "USD", "min")),
    ("in excess of £1bn", ("£1bn", 1e9, "GBP", "min")),
    ("upwards of $2 billion", ("$2 billion", 2e9, "USD", "min")),
    ("nearly $5 billion", ("$5 billion", 5e9, "USD", "exact")),
    ("about $5 billion", ("$5 billion", 5e9, "USD", "exact")),
    ("roughly $5 billion", ("$5 billion", 5e9, "USD", "exact")),
    ("close to €9.9 billion in subsidies", ("€9.9 billion", 9.9e9, "EUR", "exact")),
    ("under a $10 billion contract", ("$10 billion", 1e10, "USD", "exact")),
    ("$1.5\u00a0billion", ("$1.5\u00a0billion", 1.5e9, "USD", "exact")),
    ("$10 billionaire", ("$10", 10.0, "USD", "exact")),
]


@pytest.mark.parametrize(("text", "expected"), SINGLE)
def test_single_amounts(text: str, expected: Expected) -> None:
    assert parsed(text) == [expected]


RANGES: list[tuple[str, list[Expected]]] = [
    ("$4.5bn-$5bn", [("$4.5bn", 4.5e9, "USD", "min"), ("$5bn", 5e9, "USD", "max")]),
    (
        "$8 billion to $10 billion",
        [("$8 billion", 8e9, "USD", "min"), ("$10 billion", 1e10, "USD", "max")],
    ),
    (
        "between £225,000 and £270,000",
        [("£225,000", 225e3, "GBP", "min"), ("£270,000", 270e3, "GBP", "max")],
    ),
    (
        "$64 billion-$72 billion",
        [("$64 billion", 64e9, "USD", "min"), ("$72 billion", 72e9, "USD", "max")],
    ),
    (
        "to between $91 billion and $93 billion.",
        [("$91 billion", 91e9, "USD", "min"), ("$93 billion", 93e9, "USD", "max")],
    ),
    ("$4.5-5 billion", [("$4.5", 4.5e9, "USD", "min"), ("5 billion", 5e9, "USD", "max")]),
    ("$8 to $10 billion", [("$8", 8e9, "USD", "min"), ("$10 billion", 1e10, "USD", "max")]),
    ("$4.5bn-5bn", [("$4.5bn", 4.5e9, "USD", "min"), ("5bn", 5e9, "USD", "max")]),
    ("€4–5bn", [("€4", 4e9, "EUR", "min"), ("5bn", 5e9, "EUR", "max")]),
    (
        "4 to 5 billion euros",
        [("4", 4e9, "EUR", "min"), ("5 billion euros", 5e9, "EUR", "max")],
    ),
    (
        "between 8 and 10 billion euros",
        [("8", 8e9, "EUR", "min"), ("10 billion euros", 1e10, "EUR", "max")],
    ),
    ("priced at $40-50 a share", [("$40", 40.0, "USD", "min"), ("50", 50.0, "USD", "max")]),
    ("below the $47 to $55 range", [("$47", 47.0, "USD", "min"), ("$55", 55.0, "USD", "max")]),
    (
        "rose from $5 billion to $10 billion",
        [("$5 billion", 5e9, "USD", "exact"), ("$10 billion", 1e10, "USD", "exact")],
    ),
    (
        "cut it to $8 billion, then $10 billion to $6 billion",
        [
            ("$8 billion", 8e9, "USD", "exact"),
            ("$10 billion", 1e10, "USD", "exact"),
            ("$6 billion", 6e9, "USD", "exact"),
        ],
    ),
    (
        "A$24 billion ($16 billion)",
        [("A$24 billion", 24e9, "AUD", "exact"), ("$16 billion", 16e9, "USD", "exact")],
    ),
    ("€4bn-$4.3bn", [("€4bn", 4e9, "EUR", "exact"), ("$4.3bn", 4.3e9, "USD", "exact")]),
]


@pytest.mark.parametrize(("text", "expected"), RANGES)
def test_ranges_and_pairs(text: str, expected: list[Expected]) -> None:
    assert parsed(text) == expected


NOT_MONEY = [
    "Intel's shares rose more than 20% on the day.",
    "a stake of about 2% and 10 percent of the votes",
    "Washington agreed to buy 433.3 million shares.",
    "OpenAI has more than 800 million weekly active users.",
    "The campus will draw 10 GW by 2030.",
    "In 2024 the company won a contract.",
    "in 2024 dollars",
    "a warrant for up to 160 million AMD shares",
    "tens of billions of dollars and several billion dollars more",
    "a multibillion-dollar agreement",
    "10-K filing for 2024",
    "B200 and GB300 chips",
    "Series B and Series C rounds",
    "500,000 pounds of steel",
    "who won 3 awards",
    "PHP 8.3 released",
    "500 USD",
    "X$5 billion",
    "trained more than four million people",
    "3.7 million square feet",
    "1.4 million MWh of electricity",
]


@pytest.mark.parametrize("text", NOT_MONEY)
def test_not_money(text: str) -> None:
    assert find_amounts(text) == []


def test_range_does_not_swallow_a_year_or_a_percentage() -> None:
    assert parsed("invest $10 billion to 2030") == [("$10 billion", 1e10, "USD", "exact")]
    assert parsed("$5 billion - 10% of revenue") == [("$5 billion", 5e9, "USD", "exact")]
    assert parsed("$5 billion to 10 million shares") == [("$5 billion", 5e9, "USD", "exact")]
    assert parsed("from 2023 to $10 billion") == [("$10 billion", 1e10, "USD", "exact")]
    assert parsed("Phase 2 - $3 billion") == [("$3 billion", 3e9, "USD", "exact")]


def test_a_paragraph_gives_every_mention_in_order() -> None:
    text = (
        "On August 22 Washington agreed to buy 433.3 million shares at $20.47 apiece, for a "
        "total of $8.9 billion. The purchase was funded with $5.7 billion in CHIPS Act grants "
        "and $3.2 billion from the Secure Enclave program. SoftBank paid $2 billion, a sum "
        "equivalent to roughly ¥295 billion. Intel's shares rose more than 20%."
    )
    assert [(m.value, m.currency) for m in find_amounts(text)] == [
        (20.47, "USD"),
        (8.9e9, "USD"),
        (5.7e9, "USD"),
        (3.2e9, "USD"),
        (2e9, "USD"),
        (295e9, "JPY"),
    ]


@pytest.mark.parametrize("text", [t for t, _ in SINGLE] + [t for t, _ in RANGES] + ["x $4.5bn-$5bn y\n$3m"])
def test_spans_are_slices_of_the_input(text: str) -> None:
    for m in find_amounts(text):
        assert text[m.start : m.end] == m.text


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            ["$", "€", "£", "¥", "₹", "Rs ", "US$", "A$", "1", "2,500", "4.5", ".", ",", "-", " ",
             " to ", " and ", "between ", "billion", "bn", "m", "crore", " euros", " yen", "+",
             "%", "\n", "up to ", "2024", " won", "a ", "half a "]
        ),
        max_size=14,
    ).map("".join)
)  # fmt: skip
def test_any_text_gives_positive_slices(text: str) -> None:
    for m in find_amounts(text):
        assert text[m.start : m.end] == m.text
        assert m.value > 0
        assert len(m.currency) == 3
        assert m.bound in {"exact", "min", "max"}


def test_matches_are_frozen_and_hashable() -> None:
    m = find_amounts("$10 billion")[0]
    assert m == AmountMatch("$10 billion", 1e10, "USD", 0, 11, "exact")
    assert len({m, find_amounts("$10 billion")[0]}) == 1
    with pytest.raises(dataclasses.FrozenInstanceError):
        m.value = 1.0  # type: ignore[misc]


def test_component_stores_matches_on_the_doc() -> None:
    nlp = spacy.blank("en")
    nlp.add_pipe(AMOUNTS_FACTORY)
    text = "Microsoft will invest A$5 billion (about US$3.2 billion) in Australia."
    doc = nlp(text)
    assert doc._.aikg_amounts == tuple(find_amounts(text))
    assert [m.currency for m in doc._.aikg_amounts] == ["AUD", "USD"]
    assert nlp.pipe_names == [AMOUNTS_FACTORY]


def test_component_leaves_other_docs_alone() -> None:
    nlp = spacy.blank("en")
    nlp.add_pipe(AMOUNTS_FACTORY, name="money")
    assert nlp("no money here")._.aikg_amounts == ()
    assert spacy.blank("en")("$5 billion")._.aikg_amounts is None


def test_gold_amounts_are_found_with_f1_at_least_095() -> None:
    tp = n_pred = n_gold = 0
    for path in sorted(GOLD.glob("*.json")):
        doc = json.loads(path.read_text(encoding="utf-8"))
        gold = [(a["currency"], float(a["value"])) for a in doc.get("amounts", [])]
        n_gold += len(gold)
        for m in find_amounts(doc["text"]):
            n_pred += 1
            hit = next(
                (g for g in gold if g[0] == m.currency and abs(g[1] - m.value) <= 5e-3 * g[1]),
                None,
            )
            if hit is not None:
                gold.remove(hit)
                tp += 1
    if n_gold == 0:
        pytest.skip("no gold documents with amounts")
    precision, recall = tp / max(n_pred, 1), tp / n_gold
    assert 2 * precision * recall / (precision + recall) >= 0.95
