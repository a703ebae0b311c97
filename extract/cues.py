"""Word lists that drive relation finding: trigger lemmas, context nouns, hedges and denials."""

from __future__ import annotations

import re

from extract.records import Status

__all__ = [
    "BACK",
    "BUILD",
    "DATACENTER_CONTEXT",
    "EXPAND",
    "FACILITY_NOUNS",
    "FUNDING_NOUNS",
    "HARDWARE_NOUNS",
    "HIRE",
    "INVEST",
    "INVEST_NOUNS",
    "PARTNER_NOUNS",
    "PARTNER_VERBS",
    "POWER_NOUNS",
    "PURCHASE",
    "RAISE",
    "REFERRING_NOUNS",
    "SUPPLY",
    "TITLE_WORDS",
    "sentence_status",
]

INVEST = frozenset(
    {
        "invest",
        "pour",
        "inject",
        "plow",
        "plough",
        "commit",
        "spend",
        "allocate",
        "earmark",
        "pledge",
        "contribute",
    }
)
#: Nouns that name an investment the way the verbs do ("an $11 billion commitment for a campus").
INVEST_NOUNS = frozenset({"investment", "commitment", "pledge", "plan", "spending", "capex"})
#: What a compute buyer buys from a supplier ("buy GPUs from Dell").
HARDWARE_NOUNS = frozenset(
    {"gpu", "gpus", "chip", "chips", "equipment", "server", "servers", "system", "systems",
     "accelerator", "accelerators", "processor", "processors", "capacity", "compute", "rack", "racks",
     "hardware", "infrastructure", "service", "services", "data", "software", "model", "models",
     "computing"}
)  # fmt: skip
#: Objects of "expand" that make it a data-center build rather than a market entry.
FACILITY_NOUNS = frozenset(
    {"facility", "facilities", "capacity", "campus", "campuses", "center", "centers", "centre",
     "centres", "footprint", "infrastructure", "region", "regions", "presence", "cluster"}
)  # fmt: skip
BACK = frozenset({"back", "fund", "finance", "bankroll"})
RAISE = frozenset({"raise", "secure", "close", "land", "bag", "obtain", "attract", "complete", "collect"})
PURCHASE = frozenset({"acquire", "buy", "purchase", "take", "snap", "absorb"})
PARTNER_VERBS = frozenset({"partner", "team", "collaborate", "ally", "cooperate", "join", "work", "agree"})
SUPPLY = frozenset({"supply", "provide", "sell", "deliver", "ship", "furnish", "rent", "lease", "power"})
BUILD = frozenset(
    {"build", "construct", "develop", "open", "operate", "launch", "establish", "set", "erect",
     "plan", "break", "host", "run", "add", "deploy", "bring", "create"}
)  # fmt: skip
EXPAND = frozenset({"expand", "enter", "extend", "grow", "broaden", "move"})
HIRE = frozenset({"hire", "recruit", "employ"})
FUNDING_NOUNS = frozenset(
    {"round", "funding", "financing", "capital", "investment", "series", "money", "cash", "raise",
     "tranche", "equity", "debt", "seed", "valuation"}
)  # fmt: skip
PARTNER_NOUNS = frozenset(
    {"partnership", "agreement", "alliance", "venture", "collaboration", "deal", "pact",
     "memorandum", "mou", "tie-up", "contract", "framework", "accord", "lease"}
)  # fmt: skip
POWER_NOUNS = frozenset({"power", "electricity", "energy", "output", "ppa", "nuclear"})
#: Words that make "power" or "capacity" computing rather than electricity.
COMPUTE_WORDS = frozenset({"computing", "compute", "computer", "gpu", "gpus", "cloud", "ai", "processing"})
DATACENTER_CONTEXT = re.compile(
    r"\b(data[- ]?cent(er|re)s?|campus(es)?|facilit(y|ies)|supercomputers?|clusters?|cloud regions?|"
    r"regions?|hubs?|server farms?|sites?|infrastructure|capacity|AI factor(y|ies)|gigafactor(y|ies))\b",
    re.IGNORECASE,
)
#: Definite noun phrases and pronouns that refer back to an actor named earlier.
REFERRING_NOUNS = frozenset(
    {"company", "firm", "startup", "start-up", "group", "lab", "giant", "maker", "chipmaker",
     "operator", "developer", "provider", "utility", "fund", "investor", "business", "hyperscaler",
     "neocloud", "conglomerate", "designer", "producer", "insurgent", "challenger", "owner",
     "it", "they", "we"}
)  # fmt: skip
TITLE_WORDS = frozenset(
    {"ceo", "chief", "executive", "president", "founder", "co-founder", "cofounder", "chairman",
     "chairwoman", "chair", "head", "director", "officer", "minister", "secretary", "cfo", "cto",
     "coo", "partner", "spokesperson", "spokesman", "spokeswoman", "vice", "leader", "boss",
     "manager", "analyst", "governor", "economist", "strategist", "principal", "scientist"}
)  # fmt: skip

_DENIED = re.compile(
    r"\b(denied|denies|deny|denying|refuted|rejected (the )?reports?|dismissed (the )?reports?|"
    r"(is|was|are|were) not (raising|in talks|investing|buying|acquiring|planning)|"
    r"not raising|no plans to|has no plans|had no plans|never (planned|agreed)|false reports?|"
    r"called (the )?reports? (false|inaccurate|untrue))\b",
    re.IGNORECASE,
)
_RUMOURED = re.compile(
    r"\b(in talks|in (early |advanced |preliminary )?(talks|discussions|negotiations)|"
    r"people (familiar|briefed|with knowledge)|according to (people|sources|persons|a person|reports?|"
    r"media reports?|the report)|reportedly|(is|are|was|were) said to|sources said|"
    r"considering|weighing|exploring|discussing|mulling|rumou?red?|speculation|"
    r"unconfirmed|declined to comment|did not respond|would not comment|not yet confirmed|"
    r"if (the|it|they)|potential(ly)?|possible)\b",
    re.IGNORECASE,
)
#: Modal hedges, case-sensitive so that the month "May" is not one.
_MODAL = re.compile(r"\b(could|may|might)\b")
_PLANNED = re.compile(
    r"\b(plans? to|planning to|planned to|will|intends? to|intended to|intending to|aims? to|"
    r"expects? to|(is|are) set to|proposed|"
    r"by 20\d\d|over the next)\b",
    re.IGNORECASE,
)
_COMPLETED = re.compile(r"\b(completed|closed|finali[sz]ed|has acquired|have acquired)\b", re.IGNORECASE)
_ANNOUNCED = re.compile(r"\b(announced|unveiled|agreed|signed|said on)\b", re.IGNORECASE)


def sentence_status(text: str) -> Status | None:
    """The status a sentence's wording gives the deals in it.

    >>> sentence_status("xAI denied reports that it had raised $10 billion.")
    'denied'
    >>> sentence_status("OpenAI is in talks to raise money, people familiar with the matter said.")
    'rumoured'
    >>> sentence_status("Microsoft will invest $3.2 billion in Germany.")
    'planned'
    """
    if _DENIED.search(text):
        return "denied"
    if _RUMOURED.search(text) or _MODAL.search(text):
        return "rumoured"
    if _COMPLETED.search(text):
        return "completed"
    if _PLANNED.search(text):
        return "planned"
    if _ANNOUNCED.search(text):
        return "announced"
    return None
