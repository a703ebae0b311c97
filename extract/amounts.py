"""Find money amounts in news text ("$10 billion", "₹20,000 crore", "between £2m and £3m").

A pure-regex parser: patterns are compiled once at import, and `find_amounts` returns one
`AmountMatch` per money mention, in text order, whose span is an exact slice of the input. Ranges
give both bounds; a bare bound borrows the currency and scale of its partner ("$4.5-5 billion").
The `aikg_amounts_v1` spaCy component stores the matches on `doc._.aikg_amounts`.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import Literal

from spacy.language import Language
from spacy.tokens import Doc

__all__ = [
    "AMOUNTS_FACTORY",
    "AmountMatch",
    "AmountsComponent",
    "Bound",
    "find_amounts",
    "make_amounts_component",
]

#: The versioned spaCy factory name (spaCy forbids "." in factory names, hence "_v1").
AMOUNTS_FACTORY = "aikg_amounts_v1"

Bound = Literal["exact", "min", "max"]

#: Currency signs and codes written before the number, mapped to ISO 4217.
_PREFIXES: dict[str, str] = {
    "US$": "USD", "U.S.$": "USD", "$US": "USD", "$A": "AUD", "$NZ": "NZD", "USD": "USD",
    "$": "USD", "A$": "AUD", "AU$": "AUD",
    "AUD": "AUD", "C$": "CAD", "CA$": "CAD", "CAD": "CAD", "NZ$": "NZD", "NZD": "NZD",
    "S$": "SGD", "SGD": "SGD", "HK$": "HKD", "HKD": "HKD", "NT$": "TWD", "TWD": "TWD",
    "R$": "BRL", "BRL": "BRL", "Mex$": "MXN", "MXN": "MXN", "€": "EUR", "EUR": "EUR",
    "£": "GBP", "GBP": "GBP", "¥": "JPY", "JP¥": "JPY", "JPY": "JPY", "CN¥": "CNY",
    "CNY": "CNY", "RMB": "CNY", "₹": "INR", "Rs.": "INR", "Rs": "INR", "INR": "INR",
    "₩": "KRW", "KRW": "KRW", "SAR": "SAR", "AED": "AED", "Dh": "AED", "Dhs": "AED",
    "QAR": "QAR", "KWD": "KWD", "BHD": "BHD", "OMR": "OMR", "SEK": "SEK", "NOK": "NOK",
    "DKK": "DKK", "ISK": "ISK", "CHF": "CHF", "RM": "MYR", "MYR": "MYR", "Rp": "IDR",
    "IDR": "IDR", "THB": "THB", "฿": "THB", "PHP": "PHP", "₱": "PHP", "VND": "VND",
    "₫": "VND", "ZAR": "ZAR", "TRY": "TRY", "₺": "TRY", "PLN": "PLN", "CZK": "CZK",
    "HUF": "HUF", "RON": "RON", "ILS": "ILS", "₪": "ILS", "RUB": "RUB", "₽": "RUB",
    "NGN": "NGN", "₦": "NGN", "KES": "KES", "EGP": "EGP", "PKR": "PKR",
}  # fmt: skip

#: Currency names written after the number (matched case-insensitively).
_SUFFIXES: dict[str, str] = {
    "dollars": "USD", "dollar": "USD", "US dollars": "USD", "U.S. dollars": "USD",
    "American dollars": "USD", "Australian dollars": "AUD", "Canadian dollars": "CAD",
    "New Zealand dollars": "NZD", "Singapore dollars": "SGD", "Singaporean dollars": "SGD",
    "Hong Kong dollars": "HKD", "Taiwan dollars": "TWD", "New Taiwan dollars": "TWD",
    "Taiwanese dollars": "TWD", "euros": "EUR", "euro": "EUR", "pounds": "GBP",
    "pounds sterling": "GBP", "sterling": "GBP", "British pounds": "GBP",
    "Egyptian pounds": "EGP", "yen": "JPY", "Japanese yen": "JPY", "yuan": "CNY",
    "Chinese yuan": "CNY", "renminbi": "CNY", "won": "KRW", "Korean won": "KRW",
    "South Korean won": "KRW", "rupees": "INR", "rupee": "INR", "Indian rupees": "INR",
    "Pakistani rupees": "PKR", "Sri Lankan rupees": "LKR", "riyals": "SAR",
    "Saudi riyals": "SAR", "Qatari riyals": "QAR", "Omani rials": "OMR", "dirhams": "AED",
    "UAE dirhams": "AED", "Emirati dirhams": "AED", "Kuwaiti dinars": "KWD",
    "Bahraini dinars": "BHD", "kronor": "SEK", "krona": "SEK", "Swedish kronor": "SEK",
    "Swedish krona": "SEK", "Norwegian kroner": "NOK", "Norwegian krone": "NOK",
    "Danish kroner": "DKK", "Danish krone": "DKK", "Swiss francs": "CHF", "francs": "CHF",
    "ringgit": "MYR", "rupiah": "IDR", "baht": "THB", "Mexican pesos": "MXN",
    "Philippine pesos": "PHP", "Chilean pesos": "CLP", "Colombian pesos": "COP",
    "Argentine pesos": "ARS", "pesos": "MXN", "reais": "BRL", "Brazilian reais": "BRL",
    "rand": "ZAR",
    "lira": "TRY", "Turkish lira": "TRY", "zloty": "PLN", "zlotys": "PLN", "shekels": "ILS",
    "roubles": "RUB", "rubles": "RUB", "dong": "VND", "naira": "NGN",
    "Kenyan shillings": "KES", "forint": "HUF", "koruna": "CZK",
}  # fmt: skip
#: ISO codes accepted after the number ("5 billion USD"), matched case-sensitively.
_SUFFIX_CODES = frozenset(v for v in _PREFIXES.values()) | {"RMB"}
#: Currency words that are also common English words (and every ISO code written after the
#: number, "8 PHP"): accepted only after a scale word ("7 trillion won", "5 billion USD").
_NEEDS_SCALE = frozenset({"won", "rand", "dong", "pounds", "sterling", "lira", "pesos"})

_SCALES: dict[str, Decimal] = {
    "lakh crore": Decimal(10) ** 12, "thousand crore": Decimal(10) ** 10,
    "trillion": Decimal(10) ** 12, "billion": Decimal(10) ** 9, "million": Decimal(10) ** 6,
    "thousand": Decimal(10) ** 3, "crore": Decimal(10) ** 7, "crores": Decimal(10) ** 7,
    "lakh": Decimal(10) ** 5, "lakhs": Decimal(10) ** 5, "lac": Decimal(10) ** 5,
    "tn": Decimal(10) ** 12, "trn": Decimal(10) ** 12, "bn": Decimal(10) ** 9,
    "bln": Decimal(10) ** 9, "mn": Decimal(10) ** 6, "mln": Decimal(10) ** 6,
    "cr": Decimal(10) ** 7, "t": Decimal(10) ** 12, "b": Decimal(10) ** 9,
    "m": Decimal(10) ** 6, "k": Decimal(10) ** 3,
}  # fmt: skip
_WORD_NUMBERS: dict[str, Decimal] = {
    "half a": Decimal("0.5"), "half an": Decimal("0.5"), "a": Decimal(1), "an": Decimal(1),
    "one": Decimal(1), "two": Decimal(2), "three": Decimal(3), "four": Decimal(4),
    "five": Decimal(5), "six": Decimal(6), "seven": Decimal(7), "eight": Decimal(8),
    "nine": Decimal(9), "ten": Decimal(10), "twenty": Decimal(20), "fifty": Decimal(50),
    "a hundred": Decimal(100), "one hundred": Decimal(100),
}  # fmt: skip


def _alternation(options: Iterable[str]) -> str:
    """A regex alternation of literal strings, longest first so that "US$" wins over "$"."""
    return "|".join(re.escape(o) for o in sorted(options, key=len, reverse=True))


_HS = r"[^\S\r\n]"  # horizontal white space (a line break ends a mention)
_NUM = r"(?:\d{1,3}(?:,\d{2})*(?:,\d{3})+|\d+)(?:\.\d+)?|\.\d+"
_WORD_SCALE = (
    rf"(?i:lakh{_HS}+crore|thousand{_HS}+crore|trillion|billion|million|thousand|crores?|lakhs?"
    r"|lac)\b"
)
_ABBR_SCALE = r"(?:tn|trn|bn|Bn|BN|bln|mn|Mn|mln|cr)(?![A-Za-z0-9])"
_LETTER_SCALE = r"[TtBbMmKk](?![A-Za-z0-9])"
_SUFFIX = rf"(?i:{_alternation(_SUFFIXES)})\b|(?:{_alternation(_SUFFIX_CODES)})\b"
_PLUS = r"-plus\b|\+"
_SCALE_GROUPS = ("scale", "abbr", "letter")
_SUFFIX_CODES_MAP = {code: ("CNY" if code == "RMB" else code) for code in _SUFFIX_CODES}
_SUFFIX_LOWER = {k.lower(): v for k, v in _SUFFIXES.items()}

_CHUNK_RE = re.compile(
    rf"""
    (?:(?<![A-Za-z0-9$])(?P<pre>{_alternation(_PREFIXES)}){_HS}?|(?<![\w.,$€£¥₹₩]))
    (?P<num>{_NUM})
    (?:(?:{_HS}*|-)(?P<scale>{_WORD_SCALE})|{_HS}?(?P<abbr>{_ABBR_SCALE})|(?P<letter>{_LETTER_SCALE}))?
    (?:{_HS}+(?P<suf>{_SUFFIX}))?
    (?P<plus>{_PLUS})?
    """,
    re.VERBOSE,
)
_WORD_RE = re.compile(
    rf"""(?<![\w-])(?P<num>(?i:{_alternation(_WORD_NUMBERS)})){_HS}+
    (?P<scale>(?i:trillion|billion|million))\b{_HS}+(?P<suf>{_SUFFIX})""",
    re.VERBOSE,
)
_YEAR_RE = re.compile(r"(?:19|20)\d\d")
_NOT_MONEY_AFTER = re.compile(
    rf"{_HS}*(?:%|per{_HS}?cent\b|percent\b)|{_HS}+(?i:shares|people|jobs|users|customers|"
    r"homes|households|GPUs|chips|tonnes|tons|barrels|units|square|acres|hectares|years|"
    r"months|workers|employees|residents|subscribers|devices|servers|MW|GW|megawatts|gigawatts)\b"
)
_RANGE_SEP = re.compile(rf"{_HS}*[-–—]{_HS}*|{_HS}+(?:to|and|through){_HS}+")
_BETWEEN = re.compile(rf"\bbetween{_HS}+$", re.IGNORECASE)
_FROM = re.compile(rf"\bfrom{_HS}+$", re.IGNORECASE)
#: A bare number after one of these words is a label ("Phase 2 - $3 billion"), not a range end.
_LABEL_BEFORE = re.compile(
    rf"\b(?:phase|stage|unit|block|tranche|building|site|number|no\.)#?{_HS}*$", re.IGNORECASE
)
_MAX_BEFORE = re.compile(
    rf"\b(?:up{_HS}+to|as{_HS}+much{_HS}+as|as{_HS}+high{_HS}+as|no{_HS}+more{_HS}+than|"
    rf"not{_HS}+more{_HS}+than|less{_HS}+than|under|below|at{_HS}+most|a{_HS}+maximum{_HS}+of|"
    rf"capped{_HS}+at){_HS}+$",
    re.IGNORECASE,
)
_MIN_BEFORE = re.compile(
    rf"\b(?:more{_HS}+than|over|at{_HS}+least|in{_HS}+excess{_HS}+of|upwards?{_HS}+of|above|"
    rf"exceeding|north{_HS}+of|a{_HS}+minimum{_HS}+of|no{_HS}+less{_HS}+than|greater{_HS}+than|"
    rf"topping){_HS}+$",
    re.IGNORECASE,
)
_MIN_AFTER = re.compile(rf"{_HS}+or{_HS}+(?:more|higher|above|greater)\b", re.IGNORECASE)
_MAX_AFTER = re.compile(rf"{_HS}+or{_HS}+(?:less|lower|below)\b", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class AmountMatch:
    """One money mention: its surface text and span, parsed value, currency and bound.

    Attributes:
        text: the mention, equal to ``source[start:end]``.
        value: the amount in units of `currency` ("$10 billion" gives 1e10).
        currency: ISO 4217 code.
        start: character offset of the first character.
        end: character offset one past the last character.
        bound: "exact", or "min"/"max" for "more than"/"up to" and the two ends of a range.
    """

    text: str
    value: float
    currency: str
    start: int
    end: int
    bound: Bound = "exact"


@dataclass(slots=True)
class _Chunk:
    """A number with whatever currency and scale stand next to it (working state)."""

    start: int
    end: int
    number: Decimal
    scale: Decimal | None
    currency: str | None
    needs_scale: bool = False
    year_like: bool = False
    bound: Bound = "exact"


def _scale_of(m: re.Match[str]) -> Decimal | None:
    groups = m.groupdict()
    word = next((groups[g] for g in _SCALE_GROUPS if groups.get(g)), None)
    if word is None:
        return None
    return _SCALES[re.sub(rf"{_HS}+", " ", word.lower())]


def _chunk(m: re.Match[str], *, words: bool = False) -> _Chunk:
    """Turn a regex match into a chunk, settling prefix/suffix currency conflicts."""
    number = _WORD_NUMBERS[m["num"].lower()] if words else Decimal(m["num"].replace(",", ""))
    scale = _scale_of(m)
    pre_text = m.groupdict().get("pre")
    pre = _PREFIXES[pre_text] if pre_text else None
    suf_text = m["suf"]
    suf = None
    if suf_text is not None:
        suf = _SUFFIX_CODES_MAP.get(suf_text) or _SUFFIX_LOWER.get(suf_text.lower())
    end = m.end()
    currency = pre or suf
    if pre is not None and suf is not None and suf != pre:
        if pre_text == "¥" and suf == "CNY":
            currency = "CNY"  # "¥10 billion yuan"
        else:  # "$10 million won ..." : the word after is not part of the amount
            end = max((m.end(g) for g in _SCALE_GROUPS if m[g]), default=m.end("num"))
    needs_scale = pre_text == "PHP" or (
        pre is None
        and suf_text is not None
        and (suf_text in _SUFFIX_CODES_MAP or suf_text.lower() in _NEEDS_SCALE)
    )
    year_like = pre is None and scale is None and _YEAR_RE.fullmatch(m["num"]) is not None
    return _Chunk(m.start(), end, number, scale, currency, needs_scale, year_like)


def _value(c: _Chunk) -> Decimal:
    return c.number * (c.scale or 1)


def _join_ranges(text: str, chunks: list[_Chunk]) -> None:
    """Let the two ends of a range share currency and scale, and mark them min and max."""
    for left, right in itertools.pairwise(chunks):
        sep = _RANGE_SEP.fullmatch(text, left.end, right.start)
        if sep is None or (left.currency is None and right.currency is None):
            continue
        before = text[max(0, left.start - 12) : left.start]
        if sep[0].strip() == "and" and not _BETWEEN.search(before):
            continue
        if left.currency is not None and right.currency not in (None, left.currency):
            continue  # "€4bn-$4.3bn" is a conversion, not a range
        scale = left.scale
        if scale is None and right.scale is not None and left.number <= right.number:
            scale = right.scale  # "$8 to $10 billion", "4 to 5 billion euros"
        if right.currency is None:  # "$4.5bn-5bn", "$40-50", "$4.5-5 billion"
            if _NOT_MONEY_AFTER.match(text, right.end) or right.year_like:
                continue
            if left.scale is not None and right.scale is None:
                continue  # "$10 billion to 2030"
        elif left.currency is None and (
            left.year_like or (scale is None and right.scale) or _LABEL_BEFORE.search(before)
        ):
            continue  # "from 2023 to $10 billion", "from 12 to $10 billion", "Phase 2 - $3bn"
        if left.number * (scale or 1) > _value(right):
            continue  # ranges run upwards; anything else is a change or a list
        left.scale = scale
        left.currency = right.currency = left.currency or right.currency
        if not _FROM.search(before):
            left.bound, right.bound = "min", "max"


def _bound(text: str, c: _Chunk) -> Bound:
    if c.bound != "exact":
        return c.bound
    span = text[c.start : c.end]
    if span.endswith(("-plus", "+")) or _MIN_AFTER.match(text, c.end):
        return "min"
    if _MAX_AFTER.match(text, c.end):
        return "max"
    before = text[max(0, c.start - 30) : c.start]
    if _MAX_BEFORE.search(before):
        return "max"
    if _MIN_BEFORE.search(before):
        return "min"
    return "exact"


def find_amounts(text: str) -> list[AmountMatch]:
    """Every money mention in `text`, in order of appearance.

    Args:
        text: any plain text, typically an article body.

    Returns:
        One `AmountMatch` per mention; a range gives one per bound.

    Example:
        >>> [(a.text, a.value, a.currency, a.bound) for a in find_amounts("up to €4bn")]
        [('€4bn', 4000000000.0, 'EUR', 'max')]
        >>> [(a.value, a.bound) for a in find_amounts("$4.5-5 billion")]
        [(4500000000.0, 'min'), (5000000000.0, 'max')]
    """
    chunks = [_chunk(m) for m in _CHUNK_RE.finditer(text)]
    chunks += [_chunk(m, words=True) for m in _WORD_RE.finditer(text)]
    chunks.sort(key=lambda c: c.start)
    _join_ranges(text, chunks)
    found: list[AmountMatch] = []
    for c in chunks:
        if c.currency is None or (c.needs_scale and c.scale is None):
            continue
        if (c.year_like and c.scale is None) or _value(c) <= 0:
            continue  # "in 2024 dollars"
        found.append(
            AmountMatch(text[c.start : c.end], float(_value(c)), c.currency, c.start, c.end, _bound(text, c))
        )
    return found


class AmountsComponent:
    """spaCy component storing `find_amounts(doc.text)` on ``doc._.aikg_amounts`` (a tuple)."""

    def __init__(self, name: str = "aikg_amounts") -> None:
        self.name = name
        if not Doc.has_extension("aikg_amounts"):
            Doc.set_extension("aikg_amounts", default=None)

    def __call__(self, doc: Doc) -> Doc:
        doc._.aikg_amounts = tuple(find_amounts(doc.text))
        return doc


@Language.factory(AMOUNTS_FACTORY)
def make_amounts_component(nlp: Language, name: str) -> AmountsComponent:
    """Factory of the `aikg_amounts_v1` component (uses only ``doc.text``)."""
    return AmountsComponent(name)
