"""A synthetic news corpus: N realistic articles about AI-infrastructure deals, deterministic by seed.

Each article (250-500 words) leads with one deal (an investment, a funding round with its lead
investor and valuation, a data-center build with MW or GW in a city, state or country, a power
purchase, an acquisition, a partnership or a supply contract), adds related events (hires,
expansions, headquarters), a hedged or denied deal now and then, a quote and background
paragraphs. Amounts come in a dozen currencies and notations; actors and places are drawn from
:mod:`benchmarks.pools`. Article ``i`` depends only on ``(seed, i)``, so the corpus of 200 is the
first 200 articles of the corpus of 1,000.

Example:
    >>> import tempfile
    >>> from pathlib import Path
    >>> folder = Path(tempfile.mkdtemp())
    >>> [p.name for p in generate_corpus(2, seed=7, folder=folder)]
    ['synth-000000.md', 'synth-000001.md']
"""

from __future__ import annotations

import datetime as dt
import random
import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from benchmarks import phrases
from benchmarks.pools import Actor, Pools, load_pools

__all__ = ["MAX_WORDS", "MIN_WORDS", "PUBLISHER", "format_money", "format_power", "generate_corpus", "mutate"]

MIN_WORDS = 250
MAX_WORDS = 500
PUBLISHER = "aikg synthetic"
_FRONT = re.compile(r"\A---\n.*?\n---\n", re.DOTALL)
_LEAD_KINDS = {
    "funding": 16, "datacenter": 16, "invest_country": 12, "invest_company": 8, "ppa": 10,
    "acquisition": 10, "partnership": 8, "supply": 10,
}  # fmt: skip
_SIDE_KINDS = ("hire", "expansion", "headquarters", "datacenter", "partnership", "supply", "ppa")
#: code -> (units per US dollar, notations); {v} number, {s} scale word, {a} abbreviation.
_CURRENCIES: dict[str, tuple[float, tuple[str, ...]]] = {
    "USD": (1.0, ("${v} {s}", "US${v} {s}", "${v}{a}", "${v} {s}", "{v} {s} dollars")),
    "EUR": (0.92, ("€{v} {s}", "€{v}{a}", "{v} {s} euros")),
    "GBP": (0.79, ("£{v} {s}", "£{v}{a}")),
    "JPY": (150.0, ("¥{v} {s}", "{v} {s} yen")),
    "INR": (83.0, ("₹{c} crore", "Rs {c} crore")),
    "AUD": (1.5, ("A${v} {s}", "{v} {s} Australian dollars")),
    "CAD": (1.35, ("C${v} {s}",)),
    "SGD": (1.35, ("S${v} {s}",)),
    "KRW": (1350.0, ("{v} {s} won", "₩{v} {s}")),
    "SAR": (3.75, ("SAR {v} {s}", "{v} {s} riyals")),
    "AED": (3.67, ("AED {v} {s}", "{v} {s} dirhams")),
    "SEK": (10.5, ("SEK {v} {s}", "{v} {s} kronor")),
    "BRL": (5.0, ("R${v} {s}", "{v} {s} reais")),
    "MYR": (4.6, ("RM{v} {s}", "{v} {s} ringgit")),
    "CHF": (0.88, ("CHF {v} {s}",)),
}
_EURO = frozenset(
    ("AT", "BE", "CY", "DE", "EE", "ES", "FI", "FR", "GR", "HR", "IE", "IT", "LT", "LU", "LV", "MT", "NL",
     "PT", "SI", "SK")
)  # fmt: skip
_LOCAL = {
    "GB": "GBP", "JP": "JPY", "IN": "INR", "AU": "AUD", "CA": "CAD", "SG": "SGD", "KR": "KRW",
    "SA": "SAR", "AE": "AED", "SE": "SEK", "BR": "BRL", "MY": "MYR", "CH": "CHF",
}  # fmt: skip
_SCALES = ((1e12, "trillion", "tn"), (1e9, "billion", "bn"), (1e6, "million", "m"))
_DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday")
_MONTHS = ("January", "March", "April", "June", "July", "September", "October", "November")
_TITLES = ("chief executive", "chief financial officer", "president", "head of infrastructure", "founder")
_NOUNS = ("startup", "company", "firm", "group")
_CHIPS = ("Blackwell", "H200", "MI350", "Trainium", "TPU", "Gaudi")
_ENERGY = ("solar", "wind", "nuclear", "geothermal", "hydro", "gas-fired")
_SERIES = "ABCDEFG"
_START = dt.date(2023, 1, 1)
_SPAN_DAYS = 1000


def format_money(rng: random.Random, usd: float, currency: str = "USD") -> str:
    """An amount of `usd` US dollars written in `currency`, in one of its notations.

    Example:
        >>> format_money(random.Random(1), 3.2e9)
        'US$3.2 billion'
    """
    rate, notations = _CURRENCIES[currency]
    value = usd * rate
    notation = rng.choice(notations)
    if "{c}" in notation:
        crore = max(100, round(value / 1e7, -2))
        return notation.format(c=f"{crore:,.0f}")
    scale, word, abbr = next((s for s in _SCALES if value >= s[0]), _SCALES[-1])
    number = round(value / scale, 1 if value / scale < 100 else 0)
    return notation.format(v=f"{number:g}", s=word, a=abbr)


def format_power(rng: random.Random, mw: float, adjective: bool = False) -> str:
    """A capacity of `mw` megawatts as news writes it ("300 MW", "1.2 gigawatts", "a 2-GW campus").

    Args:
        rng: the random source choosing the notation.
        mw: the capacity in megawatts.
        adjective: the form before a noun ("a 300-megawatt campus").

    Example:
        >>> format_power(random.Random(3), 1200)
        '1.2 GW'
    """
    big = mw >= 1000
    number = f"{round(mw / 1000, 1):g}" if big else f"{round(mw, -1) or 10:g}"
    unit, word = ("GW", "gigawatt") if big else ("MW", "megawatt")
    if adjective:
        return rng.choice((f"{number}-{word}", f"{number} {unit}", f"{number}-{unit}"))
    return rng.choice((f"{number} {unit}", f"{number} {word}s"))


@dataclass(slots=True)
class _Article:
    """An article being written: its random source, slot values and chosen place."""

    rng: random.Random
    pools: Pools
    date: dt.date
    country_code: str

    def pick(self, actors: tuple[Actor, ...]) -> str:
        return self.rng.choice(actors).name

    def usd(self, low: float, high: float) -> float:
        return float(10 ** self.rng.uniform(low, high))

    def money(self, usd: float) -> str:
        local = _LOCAL.get(self.country_code, "EUR" if self.country_code in _EURO else "USD")
        currency = local if self.rng.random() < 0.5 else "USD"
        return format_money(self.rng, usd, currency)

    def slots(self) -> dict[str, str]:
        """A fresh value for every slot any template may use."""
        p, rng = self.pools, self.rng
        country = p.country_name(self.country_code)
        cities = [c for c in p.cities if c.country == self.country_code]
        city = rng.choice(cities).name if cities else country
        amount, mw = self.usd(8.0, 10.6), self.usd(1.3, 3.7)
        others = rng.sample(p.investors, 3)
        state = rng.choice(p.states).name
        return {
            "inv": self.pick(p.investors + p.hyperscalers),
            "co": self.pick(p.startups + p.builders),
            "lead": self.pick(p.investors),
            "others": f"{others[0].name}, {others[1].name} and {others[2].name}",
            "buyer": self.pick(p.hyperscalers + p.builders),
            "seller": self.pick(p.power_sellers),
            "acq": self.pick(p.acquirers),
            "target": self.pick(p.startups + p.builders),
            "a": self.pick(p.companies),
            "b": self.pick(p.companies),
            "supplier": self.pick(p.suppliers),
            "customer": self.pick(p.startups + p.hyperscalers),
            "hyper": self.pick(p.hyperscalers),
            "hyper2": self.pick(p.hyperscalers),
            "analyst": self.pick(p.analysts),
            "gov": self.pick(p.authorities),
            "person": self.pick(p.people),
            "title": rng.choice(_TITLES),
            "amt": self.money(amount),
            "val": format_money(rng, amount * rng.uniform(4, 30)),
            "power": format_power(rng, mw),
            "power_adj": format_power(rng, mw, adjective=True),
            "country": country,
            "city": city,
            "state": state,
            "place": rng.choice((city, state, country)),
            "region": rng.choice(p.regions).name,
            "home": rng.choice(p.cities).name,
            "day": rng.choice(_DAYS),
            "month": rng.choice(_MONTHS),
            "year": str(self.date.year + rng.randint(1, 4)),
            "founded": str(rng.randint(1995, self.date.year - 1)),
            "years": str(rng.randint(2, 20)),
            "n": f"{rng.choice((12, 40, 150, 300, 500, 1200, 2500, 10000)):,}",
            "months": str(rng.randint(6, 36)),
            "pct": str(rng.randint(2, 49)),
            "noun": rng.choice(_NOUNS),
            "chip": rng.choice(_CHIPS),
            "energy": rng.choice(_ENERGY),
            "series": rng.choice(_SERIES),
        }

    def sentence(self, templates: tuple[str, ...], slots: dict[str, str] | None = None) -> str:
        return self.rng.choice(templates).format(**(slots or self.slots()))

    def paragraph(self, templates: tuple[str, ...], count: int) -> str:
        picked = self.rng.sample(templates, min(count, len(templates)))
        return " ".join(t.format(**self.slots()) for t in picked)

    def background(self, unused: list[str], count: int) -> str:
        """`count` background sentences not used before in this article (drawn from `unused`)."""
        picked = [unused.pop() for _ in range(min(count, len(unused)))]
        return " ".join(t.format(**self.slots()) for t in picked)


def _words(text: str) -> int:
    return len(text.split())


def _article(pools: Pools, seed: int, index: int) -> tuple[dict[str, object], str]:
    """(front matter, body) of article `index`."""
    rng = random.Random(f"aikg-synth:{seed}:{index}")
    market = rng.random() < 0.8
    country = rng.choice(pools.markets if market else pools.countries).country or "US"
    a = _Article(rng, pools, _START + dt.timedelta(days=rng.randrange(_SPAN_DAYS)), country)
    kind = rng.choices(list(_LEAD_KINDS), weights=list(_LEAD_KINDS.values()))[0]
    lead = a.slots()
    title = rng.choice(phrases.TITLES[kind]).format(**lead)
    context = list(phrases.CONTEXT)
    rng.shuffle(context)
    dateline = f"{lead['city'].upper()} -- " if rng.random() < 0.6 and lead["city"] != lead["country"] else ""
    details = rng.sample(phrases.DETAILS[kind], 2)
    paragraphs = [
        dateline + a.sentence(phrases.EVENTS[kind], lead) + " " + details[0].format(**lead),
        details[1].format(**lead) + " " + a.sentence(phrases.QUOTES, lead),
    ]
    extra = [a.paragraph(phrases.EVENTS[k], rng.randint(1, 2)) for k in rng.sample(_SIDE_KINDS, 3)]
    if rng.random() < 0.4:
        extra.append(a.sentence(phrases.HEDGED) + " " + a.background(context, 1))
    extra.append(a.background(context, rng.randint(2, 3)))
    rng.shuffle(extra)
    target = rng.randint(MIN_WORDS + 20, MAX_WORDS - 20)
    words = sum(_words(p) for p in paragraphs)
    for para in extra:
        if words + _words(para) <= MAX_WORDS:
            paragraphs.append(para)
            words += _words(para)
    while words < target and context:
        para = a.background(context, rng.randint(2, 3))
        if words + _words(para) > MAX_WORDS:
            break
        paragraphs.append(para)
        words += _words(para)
    meta: dict[str, object] = {
        "id": f"synth-{index:06d}",
        "title": title,
        "date": a.date,
        "publisher": PUBLISHER,
        "source": f"aikg benchmark generator, seed {seed}, article {index}",
        "tags": [kind],
    }
    return meta, "\n\n".join(paragraphs)


def _render(meta: dict[str, object], body: str) -> str:
    front = yaml.safe_dump(meta, sort_keys=False, allow_unicode=True, width=10_000)
    return f"---\n{front}---\n\n{body}\n"


def generate_corpus(n: int, seed: int, folder: str | Path) -> list[Path]:
    """Write `n` articles as ``synth-NNNNNN.md`` into `folder` and return their paths.

    Articles of an earlier, larger run (``synth-*.md`` beyond `n`) are removed, so the folder
    holds exactly this corpus; other files are left alone.

    Args:
        n: how many articles.
        seed: the seed; the same seed gives byte-identical files.
        folder: where to write (created if missing).
    """
    if n < 0:
        raise ValueError(f"the number of articles must be 0 or more, got {n}")
    out = Path(folder)
    out.mkdir(parents=True, exist_ok=True)
    pools = load_pools()
    paths = []
    for index in range(n):
        meta, body = _article(pools, seed, index)
        path = out / f"{meta['id']}.md"
        text = _render(meta, body)
        if not path.is_file() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8")
        paths.append(path)
    keep = set(paths)
    for stale in out.glob("synth-*.md"):
        if stale not in keep:
            stale.unlink()
    return paths


def mutate(folder: str | Path, fraction: float, seed: int) -> list[Path]:
    """Change the text of a fraction of the articles in `folder` (at least one when fraction > 0).

    One update sentence is appended to the last paragraph of each chosen article; the front
    matter stays. Used to measure an incremental rebuild.

    Returns:
        The changed files, sorted.
    """
    if not 0.0 <= fraction <= 1.0:
        raise ValueError(f"fraction must be between 0 and 1, got {fraction}")
    files = sorted(Path(folder).glob("synth-*.md"))
    count = 0 if fraction == 0 or not files else max(1, round(fraction * len(files)))
    rng = random.Random(f"aikg-mutate:{seed}:{len(files)}:{fraction}")
    chosen = sorted(rng.sample(files, count))
    pools = load_pools()
    for path in chosen:
        text = path.read_text(encoding="utf-8")
        match = _FRONT.match(text)
        head, body = (match.group(0), text[match.end() :]) if match else ("", text)
        a = _Article(rng, pools, _START, rng.choice(pools.markets).country or "US")
        update = a.sentence(phrases.UPDATES)
        path.write_text(f"{head}{body.rstrip()} {update}\n", encoding="utf-8")
    return chosen
