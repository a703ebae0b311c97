"""Relations read from the dependency parse: who invests in, builds in, buys from... whom."""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from extract import cues
from extract.entities import EntityIndex
from extract.records import Amount, Entity, Evidence, Power, Predicate, Relation, Status

__all__ = ["find_relations"]

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
            if lo <= a.start < hi and _is_valuation(self.sent, a) == valuation:
                return a
        return None

    def power_under(self, token: Token) -> Power | None:
        """The first power capacity inside `token`'s subtree."""
        lo, hi = token.left_edge.idx, token.right_edge.idx + len(token.right_edge)
        for p in self.powers:
            if lo <= p.start < hi:
                return p
        return None


def _is_valuation(sent: Span, amount: Amount) -> bool:
    # Look only inside the sentence: Doc.text rebuilds the whole text on every call.
    text, offset = sent.text, sent.start_char
    before = text[max(0, amount.start - offset - 30) : max(0, amount.start - offset)].lower()
    after = text[amount.end - offset : amount.end - offset + 25].lower()
    return "valu" in before[-22:] or after.lstrip(" -").startswith(("valuation", "post-money", "pre-money"))


def _in_dateline(token: Token) -> bool:
    """Whether `token` is part of a wire dateline ("STOCKHOLM, June 3 -"), which the parser
    sometimes takes for the subject of the first verb."""
    sent = token.sent
    if token.i - sent.start > 6:
        return False
    head = sent.doc[sent.start : min(sent.end, sent.start + 10)]
    first = sent.doc[sent.start]
    if not (first.is_upper and first.is_alpha and len(first) > 2):
        return False
    dash = next((t.i for t in head if t.text in {"-", "--", "\u2014", "\u2013"}), None)
    return dash is not None and token.i < dash


def _subjects(token: Token, s: _Sentence, referent: Entity | None) -> tuple[list[Entity], bool]:
    """The actors doing what `token` says, climbing through "plans to", "said it would", conjuncts."""
    current: Token | None = token
    for _ in range(6):
        if current is None:
            break
        subjects = [c for c in current.children if c.dep_ in _SUBJECT_DEPS and not _in_dateline(c)]
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


def _verb_relations(token: Token, s: _Sentence, referent: Entity | None) -> Iterator[_Found]:
    lemma = token.lemma_.lower()
    passive = any(c.dep_ in _PASSIVE_SUBJECT_DEPS or c.dep_ == "auxpass" for c in token.children)
    if passive or (token.tag_ == "VBN" and token.dep_ in {"acl", "amod"}):
        agents, patients = _passive_parts(token, s)
        inferred = False
    else:
        agents, inferred = _subjects(token, s, referent)
        patients = _direct_objects(token, s)
    amount = s.amount_under(token)
    power = s.power_under(token)
    objects = set(_dobj_lemmas(token))

    def emit(pred: Predicate, subj: Iterable[Entity], obj: Iterable[Entity | None]) -> Iterator[_Found]:
        for a in subj:
            for b in obj:
                if b is not None and (b == a):
                    continue
                yield _Found(a, pred, b, amount, power, inferred)

    actors = [a for a in agents if a.type in _ACTOR_TYPES]
    if lemma in cues.INVEST:
        targets = _prep_objects(token, s, ("in", "into", "to", "toward", "towards"))
        targets += [p for p in patients if p not in targets and p.type in _ORG_TYPES]
        # A state invests too: "the UAE intends to invest $1.4 trillion in the United States".
        investors = actors + [a for a in agents if a.type == "Country" and amount is not None]
        yield from emit("invests_in", investors, targets)
    elif lemma in cues.BACK:
        yield from emit("invests_in", actors, [p for p in patients if p.type in _ORG_TYPES])
    elif lemma == "value" and passive:
        valuation = s.amount_under(token, valuation=True) or amount
        for p in patients:
            if p.type in _ORG_TYPES:
                yield _Found(p, "valued_at", None, valuation, None, inferred)
    elif lemma == "value":
        # "the round valued Thinking Machines at $12 billion", "valuing the developer at €11.7 billion"
        valued = [p for p in patients if p.type in _ORG_TYPES]
        refers = any(
            c.dep_ == "dobj" and (c.lemma_.lower() in cues.REFERRING_NOUNS or c.pos_ == "PRON")
            for c in token.children
        )
        if not valued and refers and s.raiser is not None:
            valued = [s.raiser]
        for p in valued:
            yield _Found(p, "valued_at", None, amount, None, inferred)
    elif (lemma in cues.RAISE or lemma in _ANNOUNCE_VERBS) and (
        objects & _ROUND_NOUNS
        or (lemma in cues.RAISE and (objects & cues.FUNDING_NOUNS or amount is not None))
    ):
        if lemma in {"close", "complete"} and not objects & cues.FUNDING_NOUNS:
            return
        leads = _lead_investors(s)
        for a in actors:
            if a.type in _ORG_TYPES:
                s.raiser = a
            if a.type not in _ORG_TYPES:
                continue
            yield _Found(a, "raises_funding", leads[0] if leads else None, amount, None, inferred)
            for lead in leads:
                yield _Found(lead, "invests_in", a, amount, None, inferred)
            valuation = s.amount_under(token, valuation=True)
            if valuation is not None:
                yield _Found(a, "valued_at", None, valuation, None, inferred)
    elif lemma == "lead" and objects & cues.FUNDING_NOUNS:
        investees = [
            e
            for c in token.children
            if c.dep_ == "dobj"
            for e in s.entities_in(c)
            if e.type in _ORG_TYPES and e not in actors
        ]
        yield from emit("invests_in", [a for a in actors if a.type in _ORG_TYPES], investees[:1])
    elif lemma in cues.PURCHASE:
        if objects & cues.POWER_NOUNS and not objects & cues.COMPUTE_WORDS and "stake" not in objects:
            sellers = _prep_objects(token, s, ("from",))
            yield from emit("buys_power_from", actors, sellers)
        elif objects & cues.HARDWARE_NOUNS and lemma in {"buy", "purchase", "acquire"}:
            for seller in _prep_objects(token, s, ("from",)):
                if seller.type in _ORG_TYPES:
                    yield from emit("supplies", [seller], actors)
        elif lemma != "take" or "stake" in objects or "over" in {c.lower_ for c in token.children}:
            targets = [p for p in patients if p.type in _ORG_TYPES]
            targets += [e for e in _prep_objects(token, s, ("in", "of")) if e.type in _ORG_TYPES]
            yield from emit("acquires", actors, targets)
    elif lemma in cues.PARTNER_VERBS:
        partners = [e for e in _prep_objects(token, s, ("with", "alongside")) if e.type in _ACTOR_TYPES]
        together = any(c.lower_ in {"together", "up", "forces"} for c in token.children)
        if lemma in {"join", "work", "agree"} and not partners and not together:
            return
        if not partners and len(actors) > 1:
            for i, a in enumerate(actors):  # "X, Y and Z agreed to work together": every pair
                yield from emit("partners_with", [a], actors[i + 1 :])
        yield from emit("partners_with", actors, partners)
    elif lemma in cues.SUPPLY:
        customers = [e for e in _prep_objects(token, s, ("to", "for")) if e.type in _ACTOR_TYPES]
        customers += [p for p in patients if p.type in _ORG_TYPES and p not in customers]
        if (objects & cues.POWER_NOUNS and not objects & cues.COMPUTE_WORDS) or lemma == "power":
            for c in customers:
                yield from emit("buys_power_from", [c], actors)
        else:
            yield from emit("supplies", actors, customers)
    elif lemma in cues.HIRE:
        places = [e for e in s.entities_in(token) if e.type in _PLACE_TYPES]
        yield from emit("hires_in", [a for a in actors if a.type in _ORG_TYPES], places)
    expands_facilities = lemma in cues.EXPAND and bool(objects & cues.FACILITY_NOUNS)
    builds = lemma in cues.BUILD or lemma in cues.INVEST or expands_facilities
    if builds and cues.DATACENTER_CONTEXT.search(s.sent.text):
        places = _prep_objects(token, s, ("in", "at", "near", "outside", "across"))
        places += [e for e in _dobj_places(token, s) + _clause_places(token, s) if e not in places]
        yield from emit("builds_datacenter_in", actors, _most_specific(places, s))
    if lemma in cues.INVEST and amount is not None:
        for place in _prep_objects(token, s, ("for",)):
            if place.type in {"Country", "Region"}:
                yield from emit("invests_in", actors, [place])
    if lemma in cues.EXPAND and not objects & cues.FACILITY_NOUNS:
        places = _prep_objects(token, s, ("to", "into", "in"))
        places += [p for p in patients if p not in places]
        yield from emit("expands_to", actors, [p for p in places if p.type in _PLACE_TYPES])


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


_POWER_SELLER_ROLES = frozenset({"utility", "power_producer", "energy_company"})


_COMPUTE_SELLER_ROLES = frozenset({"neocloud", "chip_maker", "hardware_maker", "datacenter_operator"})
#: Deal nouns that, between a compute seller and a buyer, mean a supply contract.
_SUPPLY_NOUNS = frozenset({"contract", "deal", "agreement", "order"})


def _sells_power(e: Entity) -> bool:
    return e.role in _POWER_SELLER_ROLES


def _sells_compute(e: Entity) -> bool:
    return e.role in _COMPUTE_SELLER_ROLES


def _noun_relations(token: Token, s: _Sentence, referent: Entity | None) -> Iterator[_Found]:
    """Deals named by a noun: "a partnership with X", "the acquisition of Y", "a stake in Z"."""
    lemma = token.lemma_.lower()
    if token.pos_ != "NOUN":
        return
    head = token.head
    while head.dep_ in {"dobj", "pobj", "prep", "conj", "compound", "amod"} and head.head is not head:
        if head.pos_ in {"VERB", "AUX"}:
            break
        head = head.head
    if head.pos_ not in {"VERB", "AUX"}:
        return
    actors, inferred = _subjects(head, s, referent)
    actors = [a for a in actors if a.type in _ACTOR_TYPES]
    if not actors:
        return
    amount = s.amount_under(token)
    power = s.power_under(token)
    power_deal = lemma == "ppa" or any(
        t.lemma_.lower() in {"power", "electricity", "energy", "ppa"} for t in token.subtree if t.i < token.i
    )
    if lemma in {"investment", "commitment"}:
        # "Microsoft announced a new multiyear investment in OpenAI"
        for target in _prep_objects(token, s, ("in", "into")):
            if target.type in _ORG_TYPES:
                for a in actors:
                    if a != target and a.type in _ORG_TYPES:
                        yield _Found(a, "invests_in", target, amount, None, inferred)
    if (
        lemma in cues.INVEST_NOUNS
        and token.dep_ in {"dobj", "pobj"}
        and cues.DATACENTER_CONTEXT.search(s.sent.text)
    ):
        places = _clause_places(head, s)
        clause_amount = amount or s.amount_under(head)
        for a in actors:
            if a.type not in _ORG_TYPES:
                continue
            for place in places:
                yield _Found(a, "builds_datacenter_in", place, clause_amount, power, inferred)
                if clause_amount is not None and place.type in {"Country", "Region"}:
                    yield _Found(a, "invests_in", place, clause_amount, power, inferred)
    if lemma in cues.PARTNER_NOUNS:
        others = [e for e in _prep_objects(token, s, ("with", "between")) if e.type in _ACTOR_TYPES]
        for a in actors:
            for o in others:
                if o == a:
                    continue
                if power_deal:
                    buyer, seller = (o, a) if _sells_power(a) and not _sells_power(o) else (a, o)
                    yield _Found(buyer, "buys_power_from", seller, amount, power, inferred)
                elif lemma in _SUPPLY_NOUNS and (_sells_compute(a) or _sells_compute(o)):
                    seller, buyer = (a, o) if _sells_compute(a) and not _sells_compute(o) else (o, a)
                    yield _Found(seller, "supplies", buyer, amount, power, inferred)
                else:
                    yield _Found(a, "partners_with", o, amount, power, inferred)
    elif lemma in {"acquisition", "takeover", "purchase", "buyout"}:
        for o in _prep_objects(token, s, ("of",)):
            if o.type in _ORG_TYPES:
                for a in actors:
                    if a != o:
                        yield _Found(a, "acquires", o, amount, None, inferred)
    elif lemma == "stake":
        for o in _prep_objects(token, s, ("in",)):
            if o.type in _ORG_TYPES:
                for a in actors:
                    if a != o and head.lemma_.lower() in {
                        "take",
                        "buy",
                        "acquire",
                        "hold",
                        "own",
                        "purchase",
                        "get",
                    }:
                        yield _Found(a, "acquires", o, amount, None, inferred)


def _based_in(s: _Sentence, previous_org: Entity | None, referent: Entity | None) -> Iterator[_Found]:
    """ "X-based Y", "Y, based in X", "Y is headquartered in X"."""
    toks = list(s.sent)
    for i, t in enumerate(toks):
        if t.lower_ not in {"based", "headquartered"}:
            continue
        places: list[Entity] = []
        if i >= 2 and toks[i - 1].text == "-":
            e = s.index.at(toks[i - 2].i)
            if e is not None and e.type in _PLACE_TYPES:
                # "Austin, Texas-based": the city before the comma is the headquarters.
                j = toks[i - 2].i
                while j > s.sent.start and s.index.at(j - 1) is e:
                    j -= 1
                before = (
                    s.index.at(j - 2) if j - 2 >= s.sent.start and s.sent.doc[j - 1].text == "," else None
                )
                places.append(before if before is not None and before.type == "City" else e)
        for prep in t.children:
            if prep.dep_ == "prep" and prep.lower_ in {"in", "out"}:
                places += [e for e in s.entities_in(prep) if e.type in _PLACE_TYPES][:1]
        if not places:
            continue
        holder: Entity | None = None
        head = t.head
        for cand in (
            head,
            *[c for c in t.head.children if c.dep_ in _SUBJECT_DEPS | _PASSIVE_SUBJECT_DEPS],
        ):
            e = s.entity(cand)
            if e is not None and e.type in _ORG_TYPES:
                holder = e
                break
        if holder is None:
            for c in t.children:
                if c.dep_ in _PASSIVE_SUBJECT_DEPS:
                    e = s.entity(c)
                    if e is not None and e.type in _ORG_TYPES:
                        holder = e
        if holder is None and head.dep_ == "appos":
            holder = s.entity(head.head)
        referred = holder is None and head.lemma_.lower() in cues.REFERRING_NOUNS
        if referred:
            # "The Baltimore-based company": an organisation named just before, or the one the
            # article is about, whichever is not known to be based in another country.
            home = places[0].country
            for antecedent in (s.org_before(t), referent, previous_org):
                if antecedent is None or (not antecedent.in_registry and len(antecedent.name.split()) < 2):
                    continue  # a lone word the model took for a company is no antecedent
                if antecedent.country is None or home is None or antecedent.country == home:
                    holder = antecedent
                    break
        if holder is not None:
            for p in places:
                yield _Found(holder, "headquartered_in", p, inferred_subject=referred)


def _located_in(s: _Sentence) -> Iterator[_Found]:
    """ "Johor, Malaysia" or "Kulai, Johor, Malaysia": a place, a comma, and its country."""
    spans = [(span, e) for span, e in s.index.spans if s.sent.start <= span.start < s.sent.end]
    doc = s.sent.doc
    for i, (a, ea) in enumerate(spans):
        if ea.type not in {"City", "Region"}:
            continue
        prev_end = a.end
        for b, eb in spans[i + 1 : i + 3]:
            if doc[prev_end : b.start].text.strip() != ",":
                break
            if eb.type == "Country":
                if eb != ea and not (ea.country and eb.country and ea.country != eb.country):
                    yield _Found(ea, "located_in", eb)
                break
            if eb.type != "Region":
                break
            prev_end = b.end


#: Titles that belong to a company: a person with one of these and no organisation named works
#: for the company the article is about ("Chief executive Ali Ghodsi said ...").
_COMPANY_TITLES = frozenset(
    {"ceo", "chief", "founder", "co-founder", "cofounder", "cfo", "cto", "coo", "chairman", "chairwoman"}
)
_FORMER = frozenset({"former", "ex", "ex-", "onetime", "previously", "then", "late"})


def _works_for(s: _Sentence, referent: Entity | None) -> Iterator[_Found]:
    """ "Microsoft president Brad Smith", "Sam Altman, chief executive of OpenAI",
    "Chief executive Ali Ghodsi" (of the company the article is about)."""
    spans = [(span, e) for span, e in s.index.spans if s.sent.start <= span.start < s.sent.end]
    doc = s.sent.doc
    for span, person in spans:
        if person.type != "Person":
            continue
        left = doc[max(s.sent.start, span.start - 7) : span.start]
        right = doc[span.end : min(s.sent.end, span.end + 9)]
        for window, reverse in ((left, True), (right, False)):
            tokens = list(window)
            if not any(t.lower_ in cues.TITLE_WORDS for t in tokens):
                continue
            if any(t.pos_ == "VERB" and t.lower_ not in {"founded", "led"} for t in tokens):
                cut = [i for i, t in enumerate(tokens) if t.pos_ == "VERB"]
                tokens = tokens[cut[-1] + 1 :] if reverse else tokens[: cut[0]]
            if not any(t.lower_ in cues.TITLE_WORDS for t in tokens):
                continue
            if any(t.lower_ in _FORMER for t in tokens):
                continue
            found = [s.index.at(t.i) for t in tokens]
            org_list = [o for o in found if o is not None and o.type in _ORG_TYPES]
            if org_list:
                yield _Found(person, "works_for", org_list[-1] if reverse else org_list[0])
                break
            if referent is None or any(o is not None and o.type in _PLACE_TYPES for o in found):
                continue
            near = tokens[-3:] if reverse else tokens[:5]
            company_title = any(t.lower_ in _COMPANY_TITLES for t in near)
            if company_title and (reverse or any(t.lower_ in {"its", "their"} for t in near)):
                yield _Found(person, "works_for", referent, inferred_subject=True)
                break


_FUNDING_TALK = re.compile(r"\b(round|funding|financing|raise[sd]?|investors|backers|Series [A-K]\b)", re.I)
#: Verbs by which an investor joins a round without naming the company again.
_ROUND_VERBS = frozenset(
    {"participate", "join", "invest", "lead", "co-lead", "colead", "back", "take", "contribute"}
)
#: Words that introduce a list of a round's investors: "participation from", "investors included".
_ROUND_LISTS = frozenset({"participation", "include", "including", "alongside"})
_INVESTOR_NOUNS = frozenset({"investor", "backer", "participant", "shareholder", "lead"})


def _round_investors(s: _Sentence, raiser: Entity | None) -> Iterator[_Found]:
    """Investors of the round being reported, where the sentence does not name the company:
    "X and Y co-led the round", "with participation from X", "Z also invested", "X is among
    the investors"."""
    if raiser is None or not _FUNDING_TALK.search(s.sent.text):
        return
    found: list[Entity] = []
    for t in s.sent:
        lemma = t.lemma_.lower()
        if t.pos_ in {"VERB", "AUX"} and lemma in _ROUND_VERBS:
            if lemma == "take" and not any(c.lemma_.lower() == "part" for c in t.children):
                continue
            if lemma in {"lead", "co-lead", "colead"} and not _dobj_lemmas(t) & cues.FUNDING_NOUNS:
                continue
            if lemma in {"invest", "back"} and (_prep_objects(t, s, ("in", "into")) or _direct_objects(t, s)):
                continue  # names its own target: handled with the verb
            found += _subjects(t, s, None)[0]
        elif lemma in _ROUND_LISTS:
            found += [
                e for c in t.children if c.dep_ in {"prep", "dobj", "pobj", "pcomp"} for e in s.entities_in(c)
            ]
        elif lemma in _INVESTOR_NOUNS and t.dep_ in {"attr", "pobj"} and t.pos_ == "NOUN":
            verb = t.head.head if t.dep_ == "pobj" else t.head
            found += _subjects(verb, s, None)[0]
    seen: set[str] = set()
    for e in found:
        if e.type in _ORG_TYPES | {"Person"} and e != raiser and e.key not in seen:
            seen.add(e.key)
            yield _Found(e, "invests_in", raiser)


#: Verbs that report a round rather than raise it: "confirmed a €1.7 billion Series C round".
_ANNOUNCE_VERBS = frozenset({"confirm", "announce", "unveil", "disclose", "finalize", "finalise"})
_ROUND_NOUNS = frozenset({"round", "funding", "financing", "series", "raise", "seed"})
_FOUND_VERBS = frozenset({"found", "co-found", "cofound", "start", "launch", "create"})
_LEAD_VERBS = frozenset({"run", "lead", "head", "chair", "helm"})
_ROLE_VERBS = frozenset({"serve", "become", "remain", "join", "rejoin"})
_HIRE_VERBS = frozenset({"hire", "appoint", "name", "recruit", "tap", "poach"})


def _employment(token: Token, s: _Sentence) -> Iterator[_Found]:
    """People and the organisations they found, run, join or serve: "founded by Robin Khuda",
    "X joined Meta", "Meta hired X", "she will serve as SSI's chief executive"."""
    lemma = token.lemma_.lower()
    if token.pos_ not in {"VERB", "AUX"} or not (_FOUND_VERBS | _LEAD_VERBS | _ROLE_VERBS | _HIRE_VERBS) & {
        lemma
    }:
        return
    passive = any(c.dep_ in _PASSIVE_SUBJECT_DEPS or c.dep_ == "auxpass" for c in token.children)
    if passive or (token.tag_ == "VBN" and token.dep_ in {"acl", "amod"}):
        agents, patients = _passive_parts(token, s)
        if lemma in _FOUND_VERBS | _LEAD_VERBS:
            people, orgs = agents, patients
        elif lemma in _HIRE_VERBS:
            people, orgs = patients, agents
        else:
            return
    else:
        subjects, _ = _subjects(token, s, None)
        objects = _direct_objects(token, s)
        if lemma in _HIRE_VERBS:
            people, orgs = objects, subjects
        elif lemma in _ROLE_VERBS and lemma not in {"join", "rejoin"}:
            people = subjects
            orgs = [
                e for c in token.children if c.dep_ in {"attr", "prep", "acomp"} for e in s.entities_in(c)
            ]
        else:
            people, orgs = subjects, objects
    for person in people:
        if person.type != "Person":
            continue
        for org in orgs:
            if org.type in _ORG_TYPES:
                yield _Found(person, "works_for", org)


def _confidence(f: _Found, status: Status | None) -> float:
    sure = [f.subject.confidence] + ([f.object.confidence] if f.object else [])
    base = 0.9 if min(sure) >= 1.0 else 0.7
    if f.inferred_subject:
        base -= 0.1
    if status == "rumoured":
        base = min(base, 0.35)
    elif status == "denied":
        base = min(base, 0.2)
    return round(base, 2)


def find_relations(
    doc: Doc, doc_id: str, index: EntityIndex, amounts: list[Amount], powers: list[Power]
) -> list[Relation]:
    """Every relation the dependency parse of `doc` states, one per (subject, predicate, object)."""
    out: dict[tuple[str, str, str | None, str | None], Relation] = {}
    referent = _topic(index)
    last_raiser: Entity | None = None
    inferred_hq: set[tuple[str, str]] = set()
    for sent in doc.sents:
        s = _Sentence(sent, index, amounts, powers, last_raiser)
        status = cues.sentence_status(sent.text)
        evidence = Evidence(doc_id, sent.text.strip(), sent.start_char, sent.end_char)
        found: list[_Found] = []
        for token in sent:
            if token.pos_ in {"VERB", "AUX"} or token.tag_ == "VBN":
                found += _verb_relations(token, s, referent)
                found += _employment(token, s)
            elif token.pos_ == "NOUN":
                found += _noun_relations(token, s, referent)
        found += _based_in(s, _last_org_before(index, sent.start), referent)
        found += _located_in(s)
        found += _works_for(s, referent)
        found += _round_investors(s, s.raiser)
        last_raiser = s.raiser
        for f in found:
            if f.object is not None and f.object == f.subject:
                continue
            key = (f.subject.name, f.predicate, f.object.name if f.object else None, status)
            if key in out:
                continue
            amount = f.amount
            if f.predicate == "headquartered_in" and f.inferred_subject and f.object is not None:
                inferred_hq.add((f.subject.name, f.object.name))
            out[key] = Relation(
                doc=doc_id,
                subject=f.subject.name,
                predicate=f.predicate,
                object=f.object.name if f.object else None,
                amount_usd=amount.usd if amount else None,
                confidence=_confidence(f, status),
                evidence=evidence,
                status=status,
                amount=amount,
                power_mw=f.power.mw if f.power else None,
            )
        for span, e in index.spans:
            in_sentence = sent.start <= span.start < sent.end and e.type in _ORG_TYPES
            subject = any(t.dep_ in _SUBJECT_DEPS | _PASSIVE_SUBJECT_DEPS for t in span)
            if in_sentence and subject and len(e.mentions) >= 2:
                referent = e  # a recurring organisation that was just the subject
    return _consistent_headquarters(list(out.values()), inferred_hq)


def _consistent_headquarters(relations: list[Relation], inferred: set[tuple[str, str]]) -> list[Relation]:
    """Drop a headquarters read through "the X-based company" for an organisation the article
    places elsewhere in so many words ("Meta, which is headquartered in Menlo Park").

    Args:
        relations: the article's relations.
        inferred: (subject, place) of the headquarters whose subject was inferred.
    """
    hq = [r for r in relations if r.predicate == "headquartered_in"]
    stated = {r.subject for r in hq if (r.subject, r.object or "") not in inferred}
    dropped = {id(r) for r in hq if (r.subject, r.object or "") in inferred and r.subject in stated}
    return [r for r in relations if id(r) not in dropped]


def _last_org_before(index: EntityIndex, token_i: int) -> Entity | None:
    """The organisation named last before a token: "... said Joe Dominguez of Constellation.
    The Baltimore-based company ..." describes Constellation, whatever the article is about."""
    before = [(span.start, e) for span, e in index.spans if span.start < token_i and e.type in _ORG_TYPES]
    return max(before, key=lambda se: se[0])[1] if before else None


def _topic(index: EntityIndex) -> Entity | None:
    """The organisation an article is about: the one named most often (first named on ties).

    "The company", "the startup" and "it" as subjects refer to it unless the sentence itself
    names an organisation before them.
    """
    orgs = [e for e in index.entities if e.type in _ORG_TYPES]
    if not orgs:
        return None
    return max(orgs, key=lambda e: (len(e.mentions), -min((m.start for m in e.mentions), default=0)))
