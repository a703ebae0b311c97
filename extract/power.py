"""Find power capacities in news text ("300 MW", "1.2 gigawatts", "a 2-GW campus") in megawatts.

A pure-regex parser compiled once at import. Energy (MWh, TWh, "megawatt-hours"), vague scale
("gigawatt-scale", "multi-gigawatt") and rack densities ("130 kW per rack") are not capacities
and are skipped. Ranges give both ends ("100 to 300 MW" gives 100 and 300). The
`aikg_power_v1` spaCy component stores the matches on `doc._.aikg_power`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from spacy.language import Language
from spacy.tokens import Doc

__all__ = ["POWER_FACTORY", "PowerComponent", "PowerMatch", "find_power", "make_power_component"]

#: The versioned spaCy factory name (spaCy forbids "." in factory names, hence "_v1").
POWER_FACTORY = "aikg_power_v1"

_MW_PER_UNIT: dict[str, Decimal] = {
    "tw": Decimal(10) ** 6, "gw": Decimal(10) ** 3, "mw": Decimal(1), "kw": Decimal("0.001"),
    "terawatt": Decimal(10) ** 6, "gigawatt": Decimal(10) ** 3, "megawatt": Decimal(1),
    "kilowatt": Decimal("0.001"),
}  # fmt: skip
_WORD_NUMBERS: dict[str, Decimal] = {
    "half a": Decimal("0.5"), "a": Decimal(1), "one": Decimal(1), "two": Decimal(2),
    "three": Decimal(3), "four": Decimal(4), "five": Decimal(5), "six": Decimal(6),
    "seven": Decimal(7), "eight": Decimal(8), "nine": Decimal(9), "ten": Decimal(10),
    "a hundred": Decimal(100),
}  # fmt: skip

_HS = r"[^\S\r\n]"
_NUM = r"(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?"
_UNIT = (
    r"(?P<abbr>[TGM]W|[kK]W)(?:e|p|ac|dc)?(?![A-Za-z0-9])"
    r"|(?P<word>(?i:terawatt|gigawatt|megawatt|kilowatt))s?\b"
)
_POWER_RE = re.compile(
    rf"""(?<![\w.,$€£¥₹₩])(?P<num>{_NUM})(?:-plus|\+)?(?:{_HS}?-?{_HS}?)(?:{_UNIT})""",
    re.VERBOSE,
)
_WORD_POWER_RE = re.compile(
    rf"""(?<![\w-])(?P<num>(?i:half{_HS}a|a{_HS}hundred|one|two|three|four|five|six|seven|eight|
    nine|ten|a)){_HS}+(?P<word>(?i:gigawatt|megawatt))s?\b""",
    re.VERBOSE,
)
#: "a gigawatt" counts only as a stated capacity: "a gigawatt of", "more than a gigawatt".
_A_UNIT_CUE_AFTER = re.compile(rf"{_HS}+of\b", re.IGNORECASE)
_A_UNIT_CUE_BEFORE = re.compile(
    rf"\b(?:than|nearly|almost|about|around|roughly|over|past|beyond|to|least|some|"
    rf"approximately){_HS}+$",
    re.IGNORECASE,
)
#: Words after the unit that make it energy, scale talk or a density rather than capacity.
_NOT_CAPACITY_AFTER = re.compile(
    rf"(?:-|{_HS}+)(?i:hours?\b|hr\b)|/h\b|"
    rf"{_HS}*(?:per|/|a|an){_HS}*(?i:racks?|cabinets?|GPUs?|chips?|servers?|nodes?|cards?|"
    r"square|sq|m2|hours?)\b",
)
#: Per-unit densities only make sense in kilowatts ("250 kW each" is a rack, not a site).
_KW_EACH_AFTER = re.compile(rf"{_HS}+(?i:each|apiece)\b")
_RANGE_LEFT = re.compile(
    rf"(?<![\w.,$€£¥₹₩])(?P<num>{_NUM})(?P<sep>{_HS}*[-–—]{_HS}*|{_HS}+(?:to|and){_HS}+)$"
)
_BETWEEN = re.compile(rf"\bbetween{_HS}+$", re.IGNORECASE)
#: A number after one of these words is a label ("Phase 1-300 MW"), not the low end of a range.
_LABEL_BEFORE = re.compile(
    rf"\b(?:phase|stage|unit|block|tranche|building|site|number|no\.)#?{_HS}*$", re.IGNORECASE
)
_YEAR_RE = re.compile(r"(?:19|20)\d\d")


@dataclass(frozen=True, slots=True)
class PowerMatch:
    """One power capacity: its surface text and span, in megawatts.

    Attributes:
        text: the mention, equal to ``source[start:end]``.
        mw: the capacity in megawatts ("1.2 GW" gives 1200.0).
        start: character offset of the first character.
        end: character offset one past the last character.
    """

    text: str
    mw: float
    start: int
    end: int


def _unit_mw(m: re.Match[str]) -> Decimal:
    unit = m.groupdict().get("abbr") or m["word"]
    return _MW_PER_UNIT[unit.lower()]


def _is_capacity(text: str, m: re.Match[str]) -> bool:
    if _NOT_CAPACITY_AFTER.match(text, m.end()):
        return False
    return not (_unit_mw(m) < 1 and _KW_EACH_AFTER.match(text, m.end()))


def _range_start(text: str, m: re.Match[str], number: Decimal) -> PowerMatch | None:
    """The bare left end of a range ending in `m` ("100 to 300 MW", "1-2 GW"), if any."""
    left = _RANGE_LEFT.search(text, max(0, m.start() - 40), m.start())
    if left is None or left.end() != m.start():
        return None
    before = text[max(0, left.start() - 12) : left.start()]
    if (left["sep"].strip() == "and" and not _BETWEEN.search(before)) or _LABEL_BEFORE.search(before):
        return None
    low = Decimal(left["num"].replace(",", ""))
    if low <= 0 or low >= number or _YEAR_RE.fullmatch(left["num"]):
        return None
    return PowerMatch(left["num"], float(low * _unit_mw(m)), left.start(), left.end("num"))


def find_power(text: str) -> list[PowerMatch]:
    """Every power capacity in `text`, in order of appearance.

    Args:
        text: any plain text, typically an article body.

    Returns:
        One `PowerMatch` per mention; a range gives one per end.

    Example:
        >>> [(p.text, p.mw) for p in find_power("a 1.2 GW campus, not 5 TWh a year")]
        [('1.2 GW', 1200.0)]
        >>> [p.mw for p in find_power("100 to 300 MW")]
        [100.0, 300.0]
    """
    found: list[PowerMatch] = []
    for m in _POWER_RE.finditer(text):
        number = Decimal(m["num"].replace(",", ""))
        if number <= 0 or not _is_capacity(text, m):
            continue
        low = _range_start(text, m, number)
        if low is not None:
            found.append(low)
        found.append(PowerMatch(m[0], float(number * _unit_mw(m)), m.start(), m.end()))
    for m in _WORD_POWER_RE.finditer(text):
        word = re.sub(rf"{_HS}+", " ", m["num"].lower())
        if not _is_capacity(text, m):
            continue
        if word == "a" and not (
            _A_UNIT_CUE_AFTER.match(text, m.end())
            or _A_UNIT_CUE_BEFORE.search(text, max(0, m.start() - 20), m.start())
        ):
            continue
        found.append(PowerMatch(m[0], float(_WORD_NUMBERS[word] * _unit_mw(m)), m.start(), m.end()))
    return sorted(found, key=lambda p: p.start)


class PowerComponent:
    """spaCy component storing `find_power(doc.text)` on ``doc._.aikg_power`` (a tuple)."""

    def __init__(self, name: str = "aikg_power") -> None:
        self.name = name
        if not Doc.has_extension("aikg_power"):
            Doc.set_extension("aikg_power", default=None)

    def __call__(self, doc: Doc) -> Doc:
        doc._.aikg_power = tuple(find_power(doc.text))
        return doc


@Language.factory(POWER_FACTORY)
def make_power_component(nlp: Language, name: str) -> PowerComponent:
    """Factory of the `aikg_power_v1` component (uses only ``doc.text``)."""
    return PowerComponent(name)
