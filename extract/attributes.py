"""A fast stand-in for en_core_web_sm's ``attribute_ruler``: the same rules, applied by lookup.

The model's attribute ruler runs a spaCy ``Matcher`` with 179 patterns over every token, which
cost about a tenth of the whole pipeline. Almost all of those patterns are a tag map (``TAG`` ->
``POS`` and ``MORPH``) or exceptions keyed on a word's lower-case form. :class:`FastAttributes`
is compiled from the ruler's own patterns and attributes, so it stays faithful to the model: the
leading tag map is applied to the whole doc at once with numpy, the exceptions are looked up by
their word, and the few rules keyed on neither are evaluated on whole columns. Matches are then
applied in the ruler's order (a later rule wins), with spaCy's own ``set_token_attrs``.

A pattern it cannot compile (an operator, an attribute it does not read) raises
:class:`UnsupportedPatternError`; :func:`replace_attribute_ruler` then keeps the stock ruler.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import numpy as np
from spacy.attrs import MORPH, POS  # type: ignore[import-not-found]
from spacy.language import Language
from spacy.tokens import Doc
from spacy.tokens._retokenize import set_token_attrs
from spacy.vocab import Vocab

from extract.errors import AikgError

__all__ = [
    "FAST_ATTRIBUTES",
    "FastAttributes",
    "UnsupportedPatternError",
    "make_fast_attributes",
    "replace_attribute_ruler",
]

#: The registered name of the component.
FAST_ATTRIBUTES = "aikg_attributes_v1"
#: Token attributes the rules may test, in the column order of ``Doc.to_array``.
_COLUMNS = {"TAG": 0, "LOWER": 1, "DEP": 2, "IS_SPACE": 3}
_ARRAY_ATTRS: list[int | str] = list(_COLUMNS)
_BASE_ATTRS = frozenset({"POS", "MORPH"})


class UnsupportedPatternError(AikgError):
    """An attribute-ruler pattern uses a feature the fast stand-in does not implement."""

    def __init__(self, pattern: object, problem: str) -> None:
        self.pattern = pattern
        self.problem = problem
        super().__init__(
            f"attribute-ruler pattern {pattern!r}: {problem} "
            f"(supported: attributes {', '.join(_COLUMNS)} with a value, IN, NOT_IN or REGEX)"
        )


@dataclass(frozen=True, slots=True)
class _Test:
    """One condition on one token attribute: ``kind`` is "in", "not_in", "is" or "regex"."""

    column: int
    kind: str
    values: frozenset[int] = frozenset()
    flag: bool = False
    regex: re.Pattern[str] | None = None


@dataclass(frozen=True, slots=True)
class _Rule:
    """A compiled pattern: one tuple of tests per token, the attributes to set, and on which token."""

    order: int
    tokens: tuple[tuple[_Test, ...], ...]
    attrs: dict[Any, Any]
    index: int


def _compile_test(vocab: Vocab, key: str, value: object, pattern: object) -> _Test:
    if key not in _COLUMNS:
        raise UnsupportedPatternError(pattern, f"attribute {key}")
    column = _COLUMNS[key]
    if key == "IS_SPACE":
        if not isinstance(value, bool):
            raise UnsupportedPatternError(pattern, "IS_SPACE needs true or false")
        return _Test(column, "is", flag=value)
    if isinstance(value, str):
        return _Test(column, "in", frozenset({vocab.strings.add(value)}))
    if isinstance(value, dict) and len(value) == 1:
        ((op, arg),) = value.items()
        if op in {"IN", "NOT_IN"} and isinstance(arg, list) and all(isinstance(a, str) for a in arg):
            return _Test(column, op.lower(), frozenset(vocab.strings.add(a) for a in arg))
        if op == "REGEX" and isinstance(arg, str):
            return _Test(column, "regex", regex=re.compile(arg))
    raise UnsupportedPatternError(pattern, f"value {value!r} of {key}")


def _compile_rules(vocab: Vocab, ruler: Any) -> list[_Rule]:
    """One `_Rule` per token pattern of the ruler, in the ruler's order."""
    rules: list[_Rule] = []
    for order, entry in enumerate(ruler.patterns):
        attrs = ruler.attrs[order]
        index = ruler.indices[order]
        for pattern in entry["patterns"]:
            if not isinstance(pattern, list) or not pattern:
                raise UnsupportedPatternError(pattern, "not a token pattern")
            tokens = []
            for spec in pattern:
                if not isinstance(spec, dict) or not spec or "OP" in spec:
                    raise UnsupportedPatternError(pattern, "operators and empty tokens")
                tokens.append(tuple(_compile_test(vocab, k, v, pattern) for k, v in spec.items()))
            if not -len(tokens) <= index < len(tokens):
                raise UnsupportedPatternError(pattern, f"index {index} outside the pattern")
            rules.append(_Rule(order, tuple(tokens), attrs, index))
    return rules


def _base_tag(rule: _Rule, names: dict[Any, str]) -> int | None:
    """The tag of a plain tag-map rule (one token, one literal TAG, sets POS and/or MORPH)."""
    if len(rule.tokens) != 1 or len(rule.tokens[0]) != 1:
        return None
    (test,) = rule.tokens[0]
    if test.column != _COLUMNS["TAG"] or test.kind != "in" or len(test.values) != 1:
        return None
    if not {names.get(k, "") for k in rule.attrs} <= _BASE_ATTRS:
        return None
    return next(iter(test.values))


class FastAttributes:
    """Applies an attribute ruler's rules by lookup rather than with a ``Matcher``.

    Args:
        vocab: the pipeline's vocabulary.
        ruler: the model's ``AttributeRuler`` (its ``patterns``, ``attrs`` and ``indices``).

    Raises:
        UnsupportedPatternError: a pattern uses an operator or an attribute not handled here.
    """

    def __init__(self, vocab: Vocab, ruler: Any) -> None:
        self.vocab = vocab
        names = {POS: "POS", MORPH: "MORPH", "POS": "POS", "MORPH": "MORPH"}
        rules = _compile_rules(vocab, ruler)
        base: dict[int, dict[str, int]] = {}
        n_base = 0
        for rule in rules:
            tag = _base_tag(rule, names)
            if tag is None:
                break
            for key, value in rule.attrs.items():
                base.setdefault(tag, {})[names[key]] = value
            n_base += 1
        tags = sorted(base)
        self._tags = np.array(tags, dtype=np.uint64)
        self._sets_pos = np.array(["POS" in base[t] for t in tags], dtype=bool)
        self._pos = np.array([base[t].get("POS", 0) for t in tags], dtype=np.uint64)
        self._sets_morph = np.array(["MORPH" in base[t] for t in tags], dtype=bool)
        self._morph = np.array(
            [self._morph_hash(base[t]["MORPH"]) if "MORPH" in base[t] else 0 for t in tags], dtype=np.uint64
        )
        self._by_word: dict[int, list[_Rule]] = {}
        self._column_rules: list[_Rule] = []
        for rule in rules[n_base:]:
            words = [t for t in rule.tokens[0] if t.column == _COLUMNS["LOWER"] and t.kind == "in"]
            if words:
                for word in words[0].values:
                    self._by_word.setdefault(word, []).append(rule)
            else:
                self._column_rules.append(rule)
        self._words = np.array(sorted(self._by_word), dtype=np.uint64)
        self._regex_hits: dict[tuple[int, int], bool] = {}

    def _morph_hash(self, value: object) -> int:
        """The hash of a morphological analysis given as a string or a hash, added to the table."""
        text = value if isinstance(value, str) else self.vocab.strings[int(value)]  # type: ignore[call-overload]
        return int(self.vocab.morphology.add(text))

    def __call__(self, doc: Doc) -> Doc:
        """Set POS, MORPH, LEMMA, TAG and DEP of `doc`'s tokens as the attribute ruler would."""
        if not len(doc):
            return doc
        columns = doc.to_array(_ARRAY_ATTRS)
        matches = self._matches(doc, columns)
        self._apply_base(doc, columns[:, 0])
        for _order, start, rule in sorted(matches, key=lambda m: (m[0], m[1])):
            width = len(rule.tokens)
            set_token_attrs(doc[start + (rule.index % width)], rule.attrs)
        return doc

    def pipe(self, docs: Iterable[Doc], batch_size: int = 128) -> Iterable[Doc]:
        """Process a stream of docs (``batch_size`` is accepted for spaCy and unused)."""
        for doc in docs:
            yield self(doc)

    def _apply_base(self, doc: Doc, tags: np.ndarray) -> None:
        """The tag map, on every token at once."""
        current = doc.to_array([POS, MORPH]).astype(np.uint64)
        slot = np.searchsorted(self._tags, tags)
        slot[slot >= len(self._tags)] = 0
        found = self._tags[slot] == tags
        sets_pos = found & self._sets_pos[slot]
        sets_morph = found & self._sets_morph[slot]
        current[sets_pos, 0] = self._pos[slot[sets_pos]]
        current[sets_morph, 1] = self._morph[slot[sets_morph]]
        doc.from_array([POS, MORPH], current)  # type: ignore[arg-type]

    def _matches(self, doc: Doc, columns: np.ndarray) -> list[tuple[int, int, _Rule]]:
        """(rule order, start token, rule) of every match of the non-tag-map rules."""
        found: list[tuple[int, int, _Rule]] = []
        n = len(doc)
        rows = columns.tolist()
        for start in np.flatnonzero(np.isin(columns[:, 1], self._words)).tolist():
            for rule in self._by_word[rows[start][1]]:
                width = len(rule.tokens)
                if start + width <= n and all(
                    self._passes(test, rows[start + k][test.column])
                    for k, tests in enumerate(rule.tokens)
                    for test in tests
                ):
                    found.append((rule.order, start, rule))
        for rule in self._column_rules:
            width = len(rule.tokens)
            if width > n:
                continue
            hits = np.ones(n - width + 1, dtype=bool)
            # Regular expressions last, and only where everything else matched.
            tests = [(k, t) for k, ts in enumerate(rule.tokens) for t in ts]
            for k, test in sorted(tests, key=lambda kt: kt[1].kind == "regex"):
                alive = np.flatnonzero(hits)
                if not len(alive):
                    break
                hits[alive] = self._mask(test, columns[alive + k, test.column])
            found += [(rule.order, int(start), rule) for start in np.flatnonzero(hits)]
        return found

    def _passes(self, test: _Test, value: int) -> bool:
        if test.kind == "in":
            return value in test.values
        if test.kind == "not_in":
            return value not in test.values
        if test.kind == "is":
            return bool(value) == test.flag
        return self._regex_hit(test, value)

    def _regex_hit(self, test: _Test, value: int) -> bool:
        key = (id(test), value)
        hit = self._regex_hits.get(key)
        if hit is None:
            pattern = test.regex
            hit = pattern is not None and pattern.search(self.vocab.strings[value]) is not None
            self._regex_hits[key] = hit
        return hit

    def _mask(self, test: _Test, column: np.ndarray) -> np.ndarray:
        if test.kind == "is":
            return (column != 0) == test.flag
        if test.kind == "regex":
            values, inverse = np.unique(column, return_inverse=True)
            return np.array([self._regex_hit(test, v) for v in values.tolist()], dtype=bool)[inverse]
        if len(test.values) == 1:
            inside = column == next(iter(test.values))
        else:
            inside = np.isin(column, np.array(sorted(test.values), dtype=np.uint64))
        return inside if test.kind == "in" else ~inside


@Language.factory(FAST_ATTRIBUTES, default_config={"ruler": "attribute_ruler"})
def make_fast_attributes(nlp: Language, name: str, ruler: str) -> FastAttributes:
    """The stand-in for the pipeline's component `ruler`, compiled from its rules."""
    del name
    return FastAttributes(nlp.vocab, nlp.get_pipe(ruler))


def replace_attribute_ruler(nlp: Language, ruler: str = "attribute_ruler") -> bool:
    """Swap the pipeline's attribute ruler for a :class:`FastAttributes` compiled from it.

    Returns:
        True when replaced; False when the pipeline has no such ruler or one of its patterns is
        not supported, in which case the stock ruler stays.
    """
    if ruler not in nlp.pipe_names:
        return False
    try:
        nlp.add_pipe(FAST_ATTRIBUTES, after=ruler, config={"ruler": ruler})
    except UnsupportedPatternError:
        return False
    nlp.remove_pipe(ruler)
    return True
