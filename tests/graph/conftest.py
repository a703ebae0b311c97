"""Fixtures of the graph tests: three hand-made extractions and the stores built from them.

The sample is small enough to know every query's answer by hand:

- article A (2025-09-18): Nvidia invests $5B in Intel; SoftBank ¥295B ($2B) in Intel; Nvidia
  plans $100B in OpenAI; Nvidia partners with Intel; Intel is based in Santa Clara; Jensen Huang
  works for Nvidia; a relation to an actor that is not an entity (dropped).
- article B (2025-10-01): Nvidia invests $5B in Intel again (same deal, second report);
  Microsoft buys 835 MW for $16B from Constellation; Oracle builds 1.2 GW for $15B in Abilene
  (Texas, US); OpenAI plans 10 GW in the US; CoreWeave builds for £1B ($1.3B) in the UK; Nvidia
  invests in CoreWeave; OpenAI raises $40B from SoftBank and is valued at $300B; Microsoft
  invests $10-12B in the UK; OpenAI partners with Microsoft and Oracle; a denied $7B
  Microsoft-Intel investment; a denied Intel-CoreWeave acquisition.
- article C (2025-10-05): the Microsoft-Constellation power deal again; Microsoft hires in
  Tokyo (Japan, never named as an entity).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from extract.records import Amount, Article, Entity, Evidence, Extraction, Mention, Relation
from graph.builder import build_extractions
from graph.store import OxigraphStore

Sentence = tuple[str, int, int]


class Doc:
    """Builds one article's text sentence by sentence, then its extraction."""

    def __init__(self, doc_id: str, title: str, date: dt.date, url: str | None = None) -> None:
        self.id, self.title, self.date, self.url = doc_id, title, date, url
        self.text = ""
        self.entities: list[Entity] = []
        self.amounts: list[Amount] = []
        self.relations: list[Relation] = []

    def say(self, sentence: str) -> Sentence:
        start = len(self.text)
        self.text += sentence + " "
        return sentence, start, start + len(sentence)

    def entity(self, name: str, etype: str, key: str, **kw: Any) -> None:
        forms = kw.pop("forms", (name,))
        mentions = tuple(Mention(f, i * 10, i * 10 + len(f)) for i, f in enumerate(forms))
        self.entities.append(Entity(self.id, key, name, etype, mentions, **kw))  # type: ignore[arg-type]

    def amount(
        self, s: Sentence, text: str, value: float, currency: str, usd: float | None, **kw: Any
    ) -> Amount:
        ev = Evidence(self.id, *s)
        pos = s[1] + max(s[0].find(text), 0)
        amount = Amount(self.id, text, value, currency, usd, ev, pos, pos + len(text), **kw)
        self.amounts.append(amount)
        return amount

    def rel(
        self,
        s: Sentence,
        subject: str,
        predicate: str,
        obj: str | None,
        usd: float | None = None,
        confidence: float = 0.9,
        **kw: Any,
    ) -> None:
        ev = Evidence(self.id, *s)
        self.relations.append(Relation(self.id, subject, predicate, obj, usd, confidence, ev, **kw))  # type: ignore[arg-type]

    def extraction(self) -> Extraction:
        article = Article(
            id=self.id,
            title=self.title,
            text=self.text,
            date=self.date,
            publisher="Example Wire",
            url=self.url,
            path=f"corpus/{self.id}.md",
            content_hash=f"hash-{self.id}",
        )
        return Extraction(article, tuple(self.entities), tuple(self.amounts), (), tuple(self.relations))


def _common(d: Doc) -> None:
    d.entity(
        "Nvidia",
        "Company",
        "nvidia",
        wikidata="Q182477",
        country="US",
        role="chipmaker",
        in_registry=True,
        aliases=("NVIDIA Corp",),
        forms=("Nvidia", "NVIDIA"),
    )
    d.entity("Intel", "Company", "intel", wikidata="Q248", country="US", role="chipmaker", in_registry=True)
    d.entity("OpenAI", "Company", "openai", wikidata="Q21708200", role="ai_lab", in_registry=True)
    d.entity("SoftBank Group", "Company", "softbank-group", role="investor", in_registry=True)
    d.entity("United States", "Country", "country:US", country="US", in_registry=True, forms=("US",))


def article_a() -> Extraction:
    d = Doc(
        "a-nvidia-intel", "Nvidia and SoftBank buy into Intel", dt.date(2025, 9, 18), "https://example.com/a"
    )
    _common(d)
    d.entity("Santa Clara", "City", "city:5393015", country="US")
    d.entity("Jensen Huang", "Person", "jensen-huang", confidence=0.95)
    s = d.say("Nvidia will invest $5 billion in Intel.")
    d.rel(s, "Nvidia", "invests_in", "Intel", 5e9, amount=d.amount(s, "$5 billion", 5e9, "USD", 5e9))
    s = d.say("SoftBank agreed to buy ¥295 billion of Intel stock.")
    jpy = d.amount(s, "¥295 billion", 295e9, "JPY", 2e9, fx_rate=0.00678, fx_date=dt.date(2025, 8, 18))
    d.rel(s, "SoftBank Group", "invests_in", "Intel", 2e9, amount=jpy)
    s = d.say("Nvidia plans to invest $100 billion in OpenAI.")
    amount = d.amount(s, "$100 billion", 100e9, "USD", 100e9)
    d.rel(s, "Nvidia", "invests_in", "OpenAI", 100e9, status="planned", amount=amount)
    s = d.say("Intel and Nvidia will co-develop chips.")
    d.rel(s, "Intel", "partners_with", "Nvidia", confidence=0.8)
    s = d.say("Santa Clara-based Intel welcomed the deal.")
    d.rel(s, "Intel", "headquartered_in", "Santa Clara")
    s = d.say("Nvidia chief executive Jensen Huang called it a fusion.")
    d.rel(s, "Jensen Huang", "works_for", "Nvidia")
    s = d.say("Nvidia also supplies Ghost Corp.")
    d.rel(s, "Nvidia", "supplies", "Ghost Corp")
    return d.extraction()


def article_b() -> Extraction:
    d = Doc("b-power-and-builds", "Power deals and data-center builds", dt.date(2025, 10, 1))
    _common(d)
    d.entity("Microsoft", "Company", "microsoft", role="hyperscaler", in_registry=True)
    d.entity("Constellation Energy", "Company", "constellation-energy", role="utility", in_registry=True)
    d.entity("Oracle", "Company", "oracle", role="hyperscaler", in_registry=True)
    d.entity("CoreWeave", "Company", "coreweave", role="neocloud", in_registry=True)
    d.entity("Abilene", "City", "city:4669635", country="US")
    d.entity("United Kingdom", "Country", "country:GB", country="GB", forms=("UK",))
    s = d.say("Nvidia's $5bn stake in Intel closed.")
    d.rel(s, "Nvidia", "invests_in", "Intel", 5e9, amount=d.amount(s, "$5bn", 5e9, "USD", 5e9))
    s = d.say("Microsoft will buy 835 MW from Constellation Energy for $16 billion.")
    amount = d.amount(s, "$16 billion", 16e9, "USD", 16e9)
    d.rel(
        s,
        "Microsoft",
        "buys_power_from",
        "Constellation Energy",
        16e9,
        status="announced",
        amount=amount,
        power_mw=835,
    )
    s = d.say("Oracle is building a 1.2 GW campus in Abilene for $15 billion.")
    amount = d.amount(s, "$15 billion", 15e9, "USD", 15e9)
    d.rel(s, "Oracle", "builds_datacenter_in", "Abilene", 15e9, amount=amount, power_mw=1200)
    s = d.say("OpenAI plans 10 GW of data centers in the US.")
    d.rel(s, "OpenAI", "builds_datacenter_in", "United States", status="planned", power_mw=10000)
    s = d.say("CoreWeave will spend £1 billion on UK data centres.")
    gbp = d.amount(s, "£1 billion", 1e9, "GBP", 1.3e9, fx_rate=1.3, fx_date=dt.date(2025, 9, 30))
    d.rel(s, "CoreWeave", "builds_datacenter_in", "United Kingdom", 1.3e9, amount=gbp)
    s = d.say("Nvidia owns a stake in CoreWeave.")
    d.rel(s, "Nvidia", "invests_in", "CoreWeave")
    s = d.say("OpenAI raised $40 billion led by SoftBank Group at a $300 billion valuation.")
    amount = d.amount(s, "$40 billion", 40e9, "USD", 40e9)
    d.rel(s, "OpenAI", "raises_funding", "SoftBank Group", 40e9, amount=amount)
    amount = d.amount(s, "$300 billion", 300e9, "USD", 300e9)
    d.rel(s, "OpenAI", "valued_at", None, 300e9, amount=amount)
    s = d.say("Microsoft will invest between $10 billion and $12 billion in the UK.")
    low = d.amount(s, "$10 billion", 10e9, "USD", 10e9, bound="min")
    d.amount(s, "$12 billion", 12e9, "USD", 12e9, bound="max")
    d.rel(s, "Microsoft", "invests_in", "United Kingdom", 10e9, amount=low)
    s = d.say("OpenAI works with Microsoft and with Oracle.")
    d.rel(s, "OpenAI", "partners_with", "Microsoft")
    d.rel(s, "Oracle", "partners_with", "OpenAI")
    s = d.say("Microsoft denied it would invest $7 billion in Intel.")
    amount = d.amount(s, "$7 billion", 7e9, "USD", 7e9)
    d.rel(s, "Microsoft", "invests_in", "Intel", 7e9, confidence=0.3, status="denied", amount=amount)
    s = d.say("Intel denied it would buy CoreWeave for $20 billion.")
    amount = d.amount(s, "$20 billion", 20e9, "USD", 20e9)
    d.rel(s, "Intel", "acquires", "CoreWeave", 20e9, confidence=0.3, status="denied", amount=amount)
    return d.extraction()


def article_c() -> Extraction:
    d = Doc("c-constellation-again", "Constellation confirms Microsoft deal", dt.date(2025, 10, 5))
    d.entity("Microsoft", "Company", "microsoft", role="hyperscaler", in_registry=True, forms=("MSFT",))
    d.entity("Constellation Energy", "Company", "constellation-energy", role="utility", in_registry=True)
    d.entity("Tokyo", "City", "city:1850147", country="JP")
    s = d.say("Constellation said Microsoft agreed to pay $16 billion for the plant's output.")
    amount = d.amount(s, "$16 billion", 16e9, "USD", 16e9)
    d.rel(s, "Microsoft", "buys_power_from", "Constellation Energy", 16e9, amount=amount, power_mw=835)
    s = d.say("Microsoft is hiring engineers in Tokyo.")
    d.rel(s, "Microsoft", "hires_in", "Tokyo")
    return d.extraction()


@pytest.fixture(scope="session")
def sample_extractions() -> tuple[Extraction, ...]:
    """The three hand-made extractions, A, B, C."""
    return (article_a(), article_b(), article_c())


@pytest.fixture(scope="session")
def make_extractions() -> Callable[[], tuple[Extraction, ...]]:
    """A function that builds fresh copies of the three extractions."""
    return lambda: (article_a(), article_b(), article_c())


@pytest.fixture(scope="session")
def sample_store(sample_extractions: tuple[Extraction, ...]) -> Iterator[OxigraphStore]:
    """An in-memory store built from the sample (read by many tests: do not write to it)."""
    store = OxigraphStore(None)
    build_extractions(sample_extractions, store)
    yield store


@pytest.fixture(scope="module")
def sample_folder(
    tmp_path_factory: pytest.TempPathFactory, sample_extractions: tuple[Extraction, ...]
) -> Path:
    """The sample built into an on-disk store folder, closed so that other processes can open it
    (one per test module: a module may write to it)."""
    path = tmp_path_factory.mktemp("sample") / "store"
    with OxigraphStore(path) as store:
        build_extractions(sample_extractions, store)
    return path


@pytest.fixture
def disk_store(tmp_path: Path) -> Iterator[OxigraphStore]:
    """An empty on-disk store in a temporary folder, closed after the test."""
    store = OxigraphStore(tmp_path / "store")
    yield store
    store.close()


IRI = "https://aikg.dev/id/"


@pytest.fixture(scope="session")
def iri() -> Callable[[str], str]:
    """Shorthand for actor IRIs: iri("company/nvidia")."""
    return lambda tail: IRI + tail
