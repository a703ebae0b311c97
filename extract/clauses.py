"""Clause reading for the relation finder: a sentence's entities and figures, subjects (through
"plans to", passives, lists and "the company"), objects, prepositions and places."""

from __future__ import annotations

import itertools
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property

from spacy.tokens import Span, Token

from extract import cues
from extract.entities import EntityIndex
from extract.records import Amount, Entity, Power, Predicate

__all__: list[str] = []  # helpers of extract.relations, not a public API

_ACTOR_TYPES = frozenset({"Company", "Organization", "Person"})
_ORG_TYPES = frozenset({"Company", "Organization"})
_PLACE_TYPES = frozenset({"Country", "Region", "City"})
_SUBJECT_DEPS = frozenset({"nsubj", "csubj"})
_PASSIVE_SUBJECT_DEPS = frozenset({"nsubjpass", "csubjpass"})
#: Dependencies climbed to find the subject of "plans to invest", "in talks to raise", ...
_CLIMB_DEPS = frozenset({"xcomp", "conj", "advcl", "ccomp", "relcl", "acl", "pobj", "prep", "pcomp", "dobj"})
#: Relative pronouns: "Nebius, which signed ..." takes its subject from the noun it hangs on.
_RELATIVE = frozenset({"which", "that", "who", "whom", "whose"})
#: Dependencies that start another clause: a search for a verb's places stops there.
_CLAUSE_DEPS = frozenset({"relcl", "advcl", "ccomp", "conj", "parataxis", "csubj"})


#: Tokens that may stand between the items of a list of names.
_LIST_GLUE = frozenset({",", "and", "&"})


def _kind(e: Entity) -> str:
    return "org" if e.type in _ORG_TYPES else "place" if e.type in _PLACE_TYPES else "person"


@dataclass(frozen=True, slots=True)
class _Found:
    subject: Entity
    predicate: Predicate
    object: Entity | None
    amount: Amount | None = None
    power: Power | None = None
    inferred_subject: bool = False


class _Sentence:
    """One sentence with the entities, amounts and power figures inside it."""

    def __init__(
        self,
        sent: Span,
        index: EntityIndex,
        amounts: list[Amount],
        powers: list[Power],
        raiser: Entity | None = None,
    ):
        self.sent = sent
        #: The company whose funding round is being reported (from this or earlier sentences).
        self.raiser = raiser
        self.index = index
        self.amounts = [a for a in amounts if sent.start_char <= a.start < sent.end_char]
        self.powers = [p for p in powers if sent.start_char <= p.start < sent.end_char]

    @cached_property
    def text(self) -> str:
        """The sentence's text (``Span.text`` joins its tokens again on every call)."""
        return self.sent.text

    @cached_property
    def _dateline_end(self) -> int:
        """The token index of the dash that ends a wire dateline opening the sentence
        ("STOCKHOLM, June 3 -"), or -1."""
        doc, start = self.sent.doc, self.sent.start
        first = doc[start]
        if not (first.is_upper and first.is_alpha and len(first) > 2):
            return -1
        head = doc[start : min(self.sent.end, start + 10)]
        return next((t.i for t in head if t.text in {"-", "--", "\u2014", "\u2013"}), -1)

    def in_dateline(self, token: Token) -> bool:
        """Whether `token` is part of a wire dateline ("STOCKHOLM, June 3 -"), which the parser
        sometimes takes for the subject of the first verb."""
        return token.i - self.sent.start <= 6 and token.i < self._dateline_end

    def entity(self, token: Token) -> Entity | None:
        """The entity a token belongs to, or the entity its noun phrase is named after."""
        found = self.index.at(token.i)
        if found is not None:
            return found
        for child in token.children:
            if child.dep_ in {"compound", "poss", "nmod", "appos"}:
                found = self.index.at(child.i)
                if found is not None:
                    return found
        return None

    def org_before(self, token: Token) -> Entity | None:
        """The last company or organisation named in this sentence before `token`."""
        for i in range(token.i - 1, self.sent.start - 1, -1):
            e = self.index.at(i)
            if e is not None and e.type in _ORG_TYPES:
                return e
        return None

    def entities_in(self, token: Token) -> list[Entity]:
        """Entities named in the subtree of `token`, in text order, without repeats."""
        seen: list[Entity] = []
        for t in token.subtree:
            e = self.index.at(t.i)
            if e is not None and e not in seen:
                seen.append(e)
        return seen

    def with_conjuncts(self, token: Token) -> list[Entity]:
        """The entity of `token` and of each entity listed with it ("Microsoft, Nvidia and xAI")."""
        out: list[Entity] = []
        for t in (token, *token.conjuncts):
            e = self.entity(t)
            if e is not None and e not in out:
                out.append(e)
            for listed in self.enumeration(t):
                if listed not in out:
                    out.append(listed)
        return out

    def enumeration(self, token: Token) -> list[Entity]:
        """Entities of the same kind listed next to `token`'s, separated only by commas and "and"."""
        first = self.index.at(token.i)
        if first is None:
            return []
        kind = _kind(first)
        doc, lo, hi = self.sent.doc, token.i, token.i
        while lo - 1 >= self.sent.start and (
            self.index.at(lo - 1) is not None or doc[lo - 1].lower_ in _LIST_GLUE
        ):
            lo -= 1
        while hi + 1 < self.sent.end and (
            self.index.at(hi + 1) is not None or doc[hi + 1].lower_ in _LIST_GLUE
        ):
            hi += 1
        out: list[Entity] = []
        for i in range(lo, hi + 1):
            e = self.index.at(i)
            if e is not None and _kind(e) == kind and e not in out:
                out.append(e)
        return out

    def amount_under(self, token: Token, *, valuation: bool = False) -> Amount | None:
        """The first amount inside `token`'s subtree (a valuation one only if asked for)."""
        lo, hi = token.left_edge.idx, token.right_edge.idx + len(token.right_edge)
        for a in self.amounts:
            if lo <= a.start < hi and _is_valuation(self.text, self.sent.start_char, a) == valuation:
                return a
        return None

    def power_under(self, token: Token) -> Power | None:
        """The first power capacity inside `token`'s subtree."""
        lo, hi = token.left_edge.idx, token.right_edge.idx + len(token.right_edge)
        for p in self.powers:
            if lo <= p.start < hi:
                return p
        return None


def _is_valuation(text: str, offset: int, amount: Amount) -> bool:
    """Whether `amount`, in the sentence `text` starting at character `offset`, is a valuation."""
    # Look only inside the sentence: Doc.text rebuilds the whole text on every call.
    before = text[max(0, amount.start - offset - 30) : max(0, amount.start - offset)].lower()
    after = text[amount.end - offset : amount.end - offset + 25].lower()
    return "valu" in before[-22:] or after.lstrip(" -").startswith(("valuation", "post-money", "pre-money"))


def _subjects(token: Token, s: _Sentence, referent: Entity | None) -> tuple[list[Entity], bool]:
    """The actors doing what `token` says, climbing through "plans to", "said it would", conjuncts."""
    current: Token | None = token
    for _ in range(6):
        if current is None:
            break
        subjects = [c for c in current.children if c.dep_ in _SUBJECT_DEPS and not s.in_dateline(c)]
        # "X and Y co-led": the tokenizer splits "co-", and the parser hangs X on "co".
        subjects += [
            g
            for c in subjects
            if s.index.at(c.i) is None
            for g in c.children
            if g.dep_ in _SUBJECT_DEPS | {"compound", "nmod", "poss"} and s.index.at(g.i) is not None
        ]
        found = [e for c in subjects for e in s.with_conjuncts(c)]
        if found:
            return list(dict.fromkeys(found)), False
        if current.dep_ == "relcl" and any(c.lower_ in _RELATIVE for c in subjects):
            e = s.entity(current.head)
            if e is None and current.head.dep_ == "appos":
                e = s.entity(current.head.head)
            if e is not None:
                return [e], False
        for child in subjects:
            if child.lower_ in cues.REFERRING_NOUNS or child.lemma_ in cues.REFERRING_NOUNS:
                near = s.org_before(child) or referent
                if near is not None:
                    return [near], True
        if subjects:
            return [], False
        if current.dep_ in _CLIMB_DEPS and current.head is not current:
            if current.dep_ == "relcl":
                e = s.entity(current.head)
                if e is not None:
                    return [e], False
            current = current.head
        else:
            break
    return [], False


def _passive_parts(token: Token, s: _Sentence) -> tuple[list[Entity], list[Entity]]:
    """(agents, patients) of a passive verb: "X was acquired by Y" gives ([Y], [X])."""
    agents: list[Entity] = []
    patients: list[Entity] = []
    for child in token.children:
        if child.dep_ in _PASSIVE_SUBJECT_DEPS:
            patients += s.with_conjuncts(child)
        elif child.dep_ == "agent":
            for pobj in child.children:
                if pobj.dep_ == "pobj":
                    agents += s.with_conjuncts(pobj)
    if token.dep_ in {"acl", "amod"} and not patients:
        head = token.head
        e = s.entity(head)
        if e is None and head.dep_ == "appos":
            e = s.entity(head.head)  # "MGX, the investor backed by Mubadala"
        if e is not None:
            patients.append(e)
    return agents, patients


def _prep_objects(token: Token, s: _Sentence, preps: Iterable[str]) -> list[Entity]:
    """Entities reached from `token` (or its direct object) through the given prepositions."""
    wanted = set(preps)
    heads = [token, *(c for c in token.children if c.dep_ in {"dobj", "attr", "oprd"})]
    for head in list(heads[1:]):  # "much of its capacity to CoreWeave"
        for prep in head.children:
            if prep.dep_ == "prep" and prep.lower_ == "of":
                heads += [c for c in prep.children if c.dep_ == "pobj"]
    out: list[Entity] = []
    for head in heads:
        for prep in head.children:
            if prep.dep_ in {"prep", "dative"} and prep.lower_ in wanted:
                for pobj in prep.children:
                    if pobj.dep_ == "pobj":
                        for e in s.with_conjuncts(pobj):
                            if e not in out:
                                out.append(e)
    return out


def _direct_objects(token: Token, s: _Sentence) -> list[Entity]:
    out: list[Entity] = []
    for child in token.children:
        if child.dep_ in {"dobj", "dative"}:
            out += [e for e in s.with_conjuncts(child) if e not in out]
    return out


def _dobj_lemmas(token: Token) -> set[str]:
    """Lemmas of the head nouns of `token`'s objects and their compounds ("power purchase deal")."""
    lemmas: set[str] = set()
    for child in token.children:
        if child.dep_ in {"dobj", "nsubjpass", "attr"}:
            lemmas.add(child.lemma_.lower())
            lemmas |= {t.lemma_.lower() for t in child.children if t.dep_ in {"compound", "amod", "nmod"}}
            for prep in child.children:
                if prep.dep_ == "prep" and prep.lower_ == "of":
                    lemmas |= {t.lemma_.lower() for t in prep.children if t.dep_ == "pobj"}
    return lemmas


def _most_specific(places: list[Entity], s: _Sentence) -> list[Entity]:
    """Places without those that only locate another one: "Abilene, Texas" gives Abilene."""
    places = [p for p in places if p.type in _PLACE_TYPES]
    doc = s.sent.doc
    spans = [(span, e) for span, e in s.index.spans if s.sent.start <= span.start < s.sent.end]
    container: set[str] = set()
    for (a, ea), (b, eb) in itertools.pairwise(spans):
        if ea in places and eb in places and doc[a.end : b.start].text.strip() == ",":
            container.add(eb.key)
    for p in places:
        if p.type == "Country" and any(q.country == p.country and q.type != "Country" for q in places):
            container.add(p.key)
    return [p for p in places if p.key not in container]


def _clause_places(token: Token, s: _Sentence) -> list[Entity]:
    """Places named after "in", "near", "at" anywhere in `token`'s own clause, in text order."""
    out: list[Entity] = []
    stack = [c for c in token.children if c.dep_ not in _CLAUSE_DEPS and c.dep_ not in _SUBJECT_DEPS]
    while stack:
        t = stack.pop()
        if t.dep_ == "pobj" and t.head.lower_ in {"in", "near", "at", "outside", "across", "for"}:
            for e in s.with_conjuncts(t):
                if e.type in _PLACE_TYPES and e not in out:
                    out.append(e)
        elif t.dep_ in {"appos", "npadvmod"} or (t.dep_ == "conj" and t.head.dep_ == "pobj"):
            named = s.entity(t)
            if named is not None and named.type in _PLACE_TYPES and named not in out:
                out.append(named)
        stack += [c for c in t.children if c.dep_ not in _CLAUSE_DEPS or t.dep_ == "pobj"]
    return sorted(out, key=lambda e: min((m.start for m in e.mentions), default=0))


def _dobj_places(token: Token, s: _Sentence) -> list[Entity]:
    out: list[Entity] = []
    for child in token.children:
        if child.dep_ in {"dobj", "nsubjpass"}:
            out += [e for e in s.entities_in(child) if e.type in _PLACE_TYPES and e not in out]
    return out


def _lead_investors(s: _Sentence) -> list[Entity]:
    """Investors leading a round: "led by X", "X led the round", "from X"."""
    out: list[Entity] = []
    for t in s.sent:
        if t.lemma_ == "lead":
            agents, _ = _passive_parts(t, s)
            out += [a for a in agents if a.type in _ORG_TYPES and a not in out]
            if not agents:
                for child in t.children:
                    if child.dep_ == "nsubj":
                        out += [e for e in s.with_conjuncts(child) if e.type in _ORG_TYPES and e not in out]
    return out
