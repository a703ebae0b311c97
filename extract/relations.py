"""Relations read from the dependency parse: who invests in, builds in, buys from... whom."""

from __future__ import annotations

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
_CLIMB_DEPS = frozenset({"xcomp", "conj", "advcl", "ccomp", "relcl", "acl", "pobj", "prep", "pcomp"})


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

    def __init__(self, sent: Span, index: EntityIndex, amounts: list[Amount], powers: list[Power]):
        self.sent = sent
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
        """The entity of `token` and of each token conjoined with it ("Microsoft and Nvidia")."""
        out: list[Entity] = []
        for t in (token, *token.conjuncts):
            e = self.entity(t)
            if e is not None and e not in out:
                out.append(e)
        return out

    def amount_under(self, token: Token, *, valuation: bool = False) -> Amount | None:
        """The first amount inside `token`'s subtree (a valuation one only if asked for)."""
        lo, hi = token.left_edge.idx, token.right_edge.idx + len(token.right_edge)
        for a in self.amounts:
            if lo <= a.start < hi and _is_valuation(self.sent.doc, a) == valuation:
                return a
        return None

    def power_under(self, token: Token) -> Power | None:
        """The first power capacity inside `token`'s subtree."""
        lo, hi = token.left_edge.idx, token.right_edge.idx + len(token.right_edge)
        for p in self.powers:
            if lo <= p.start < hi:
                return p
        return None


def _is_valuation(doc: Doc, amount: Amount) -> bool:
    before = doc.text[max(0, amount.start - 30) : amount.start].lower()
    after = doc.text[amount.end : amount.end + 25].lower()
    return "valu" in before[-22:] or after.lstrip(" -").startswith(("valuation", "post-money", "pre-money"))


def _subjects(token: Token, s: _Sentence, referent: Entity | None) -> tuple[list[Entity], bool]:
    """The actors doing what `token` says, climbing through "plans to", "said it would", conjuncts."""
    current: Token | None = token
    for _ in range(6):
        if current is None:
            break
        for child in current.children:
            if child.dep_ in _SUBJECT_DEPS:
                found = s.with_conjuncts(child)
                if found:
                    return found, False
                if child.lower_ in cues.REFERRING_NOUNS or child.lemma_ in cues.REFERRING_NOUNS:
                    near = s.org_before(child)
                    if near or referent:
                        return [near or referent], True  # type: ignore[list-item]
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
        e = s.entity(token.head)
        if e is not None:
            patients.append(e)
    return agents, patients


def _prep_objects(token: Token, s: _Sentence, preps: Iterable[str]) -> list[Entity]:
    """Entities reached from `token` (or its direct object) through the given prepositions."""
    wanted = set(preps)
    heads = [token, *(c for c in token.children if c.dep_ in {"dobj", "attr", "oprd"})]
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
        yield from emit("invests_in", actors, targets)
    elif lemma in cues.BACK:
        yield from emit("invests_in", actors, [p for p in patients if p.type in _ORG_TYPES])
    elif lemma == "value" and passive:
        valuation = s.amount_under(token, valuation=True) or amount
        for p in patients:
            if p.type in _ORG_TYPES:
                yield _Found(p, "valued_at", None, valuation, None, inferred)
    elif lemma in cues.RAISE and (objects & cues.FUNDING_NOUNS or amount is not None):
        if lemma in {"close", "complete"} and not objects & cues.FUNDING_NOUNS:
            return
        leads = _lead_investors(s)
        for a in actors:
            if a.type not in _ORG_TYPES:
                continue
            yield _Found(a, "raises_funding", leads[0] if leads else None, amount, None, inferred)
            for lead in leads:
                yield _Found(lead, "invests_in", a, amount, None, inferred)
            valuation = s.amount_under(token, valuation=True)
            if valuation is not None:
                yield _Found(a, "valued_at", None, valuation, None, inferred)
    elif lemma == "lead" and objects & cues.FUNDING_NOUNS:
        investees = [e for e in s.entities_in(token) if e.type in _ORG_TYPES and e not in actors]
        yield from emit("invests_in", [a for a in actors if a.type in _ORG_TYPES], investees[:1])
    elif lemma in cues.PURCHASE:
        if objects & cues.POWER_NOUNS and "stake" not in objects:
            sellers = _prep_objects(token, s, ("from",))
            yield from emit("buys_power_from", actors, sellers)
        elif lemma != "take" or "stake" in objects or "over" in {c.lower_ for c in token.children}:
            targets = [p for p in patients if p.type in _ORG_TYPES]
            targets += [e for e in _prep_objects(token, s, ("in", "of")) if e.type in _ORG_TYPES]
            yield from emit("acquires", actors, targets)
    elif lemma in cues.PARTNER_VERBS:
        partners = [e for e in _prep_objects(token, s, ("with", "alongside")) if e.type in _ACTOR_TYPES]
        if lemma in {"join", "work"} and not partners:
            return
        if not partners and len(actors) > 1:
            yield from emit("partners_with", actors[:1], actors[1:])
        yield from emit("partners_with", actors, partners)
    elif lemma in cues.SUPPLY:
        customers = [e for e in _prep_objects(token, s, ("to", "for")) if e.type in _ACTOR_TYPES]
        customers += [p for p in patients if p.type in _ORG_TYPES and p not in customers]
        if objects & cues.POWER_NOUNS or lemma == "power":
            for c in customers:
                yield from emit("buys_power_from", [c], actors)
        else:
            yield from emit("supplies", actors, customers)
    elif lemma in cues.HIRE:
        places = [e for e in s.entities_in(token) if e.type in _PLACE_TYPES]
        yield from emit("hires_in", actors, places)
    if (lemma in cues.BUILD or lemma in cues.INVEST) and cues.DATACENTER_CONTEXT.search(s.sent.text):
        places = _prep_objects(token, s, ("in", "at", "near", "outside", "across"))
        places += [e for e in _dobj_places(token, s) if e not in places]
        yield from emit("builds_datacenter_in", actors, [p for p in places if p.type in _PLACE_TYPES])
    if lemma in cues.EXPAND:
        places = _prep_objects(token, s, ("to", "into", "in"))
        places += [p for p in patients if p not in places]
        yield from emit("expands_to", actors, [p for p in places if p.type in _PLACE_TYPES])


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


def _based_in(s: _Sentence, referent: Entity | None) -> Iterator[_Found]:
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
        if holder is None and head.lemma_.lower() in cues.REFERRING_NOUNS:
            holder = referent
        if holder is not None:
            for p in places:
                yield _Found(holder, "headquartered_in", p)


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


def _works_for(s: _Sentence) -> Iterator[_Found]:
    """ "Microsoft president Brad Smith", "Sam Altman, chief executive of OpenAI"."""
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
            if any(t.lower_ in {"former", "ex", "ex-", "onetime", "previously", "then"} for t in tokens):
                continue
            orgs = [s.index.at(t.i) for t in tokens]
            org_list = [o for o in orgs if o is not None and o.type in _ORG_TYPES]
            if org_list:
                yield _Found(person, "works_for", org_list[-1] if reverse else org_list[0])
                break


_FUNDING_TALK = re.compile(r"\b(round|funding|financing|raise[sd]?|investors|backers|Series [A-K]\b)", re.I)
_PARTICIPATION = frozenset({"include", "participate", "participation", "join", "alongside", "back"})


def _participants(s: _Sentence, raiser: Entity | None) -> Iterator[_Found]:
    """Investors named in a round: "with participation from X and Y", "investors included X"."""
    if raiser is None or not _FUNDING_TALK.search(s.sent.text):
        return
    for t in s.sent:
        if t.lemma_.lower() not in _PARTICIPATION:
            continue
        if t.pos_ == "VERB" and t.lemma_.lower() in {"participate", "join", "back"}:
            found, _ = _subjects(t, s, None)
        else:
            found = [
                e for c in t.children if c.dep_ in {"prep", "dobj", "pobj", "attr"} for e in s.entities_in(c)
            ]
        for e in found:
            if e.type in _ORG_TYPES and e != raiser:
                yield _Found(e, "invests_in", raiser)


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
    referent: Entity | None = next((e for e in index.entities if e.type in _ORG_TYPES), None)
    last_raiser: Entity | None = None
    for sent in doc.sents:
        s = _Sentence(sent, index, amounts, powers)
        status = cues.sentence_status(sent.text)
        evidence = Evidence(doc_id, sent.text.strip(), sent.start_char, sent.end_char)
        found: list[_Found] = []
        for token in sent:
            if token.pos_ in {"VERB", "AUX"} or token.tag_ == "VBN":
                found += _verb_relations(token, s, referent)
            elif token.pos_ == "NOUN":
                found += _noun_relations(token, s, referent)
        found += _based_in(s, referent)
        found += _located_in(s)
        found += _works_for(s)
        raisers = [f.subject for f in found if f.predicate == "raises_funding"]
        if raisers:
            last_raiser = raisers[-1]
        found += _participants(s, last_raiser)
        for f in found:
            if f.object is not None and f.object == f.subject:
                continue
            key = (f.subject.name, f.predicate, f.object.name if f.object else None, status)
            if key in out:
                continue
            amount = f.amount
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
            if in_sentence and any(t.dep_ in _SUBJECT_DEPS | _PASSIVE_SUBJECT_DEPS for t in span):
                referent = e
    return list(out.values())
