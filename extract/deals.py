"""Deals read from verbs and nouns: investments, rounds, acquisitions, partnerships, supply
and power contracts, data-center builds, expansions, hires; and a round's co-investors."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from spacy.tokens import Token

from extract import cues
from extract.clauses import (
    _ACTOR_TYPES,
    _ORG_TYPES,
    _PASSIVE_SUBJECT_DEPS,
    _PLACE_TYPES,
    _clause_places,
    _direct_objects,
    _dobj_lemmas,
    _dobj_places,
    _Found,
    _lead_investors,
    _most_specific,
    _passive_parts,
    _prep_objects,
    _Sentence,
    _subjects,
)
from extract.records import Entity, Predicate

__all__: list[str] = []


def _verb_relations(token: Token, s: _Sentence, referent: Entity | None) -> Iterator[_Found]:
    lemma = token.lemma_.lower()
    if lemma not in _VERB_CUES:
        return  # no branch below reads anything from this verb
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
    if builds and cues.DATACENTER_CONTEXT.search(s.text):
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
    if token.pos_ != "NOUN" or lemma not in _NOUN_CUES:
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
        and cues.DATACENTER_CONTEXT.search(s.text)
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
    if raiser is None or not _FUNDING_TALK.search(s.text):
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
#: Every lemma some branch of `_verb_relations` acts on; other verbs are skipped at once.
_VERB_CUES = (
    cues.INVEST | cues.BACK | cues.RAISE | _ANNOUNCE_VERBS | cues.PURCHASE | cues.PARTNER_VERBS
    | cues.SUPPLY | cues.HIRE | cues.EXPAND | cues.BUILD | {"value", "lead"}
)  # fmt: skip
#: Every lemma some branch of `_noun_relations` acts on.
_NOUN_CUES = (
    cues.INVEST_NOUNS | cues.PARTNER_NOUNS | {"acquisition", "takeover", "purchase", "buyout", "stake"}
)
_EMPLOYMENT_VERBS = _FOUND_VERBS | _LEAD_VERBS | _ROLE_VERBS | _HIRE_VERBS


def _acts_on(lemma: str, *, verb: bool) -> bool:
    """Whether a verb (`verb`) or noun with this lower-case lemma can take part in a relation:
    `_verb_relations` and `_employment`, or `_noun_relations`, return nothing for any other."""
    if verb:
        return lemma in _VERB_CUES or lemma in _EMPLOYMENT_VERBS
    return lemma in _NOUN_CUES


def _employment(token: Token, s: _Sentence) -> Iterator[_Found]:
    """People and the organisations they found, run, join or serve: "founded by Robin Khuda",
    "X joined Meta", "Meta hired X", "she will serve as SSI's chief executive"."""
    lemma = token.lemma_.lower()
    if token.pos_ not in {"VERB", "AUX"} or lemma not in _EMPLOYMENT_VERBS:
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
