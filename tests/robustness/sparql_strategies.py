"""Hypothesis strategies for the read-only guard: hostile SPARQL in disguise, and harmless SPARQL
that only mentions the forbidden words where they do nothing (strings, comments, IRIs, names)."""

from __future__ import annotations

import random
import re
from collections.abc import Sequence

from hypothesis import strategies as st

__all__ = ["ALLOWED", "HOSTILE", "harmless_queries", "hostile_queries"]

#: One statement per forbidden operation (updates, graph management, LOAD, SERVICE, foreign
#: FROM); in queries, ``@`` marks the group pattern that nesting wraps.
HOSTILE = (
    "INSERT DATA { <urn:a> <urn:b> <urn:c> }",
    "INSERT DATA { GRAPH <urn:g> { <urn:a> <urn:b> 'SELECT * WHERE { ?s ?p ?o }' } }",
    "DELETE DATA { <urn:a> <urn:b> <urn:c> }",
    "DELETE WHERE { ?s ?p ?o }",
    "DELETE { ?s ?p ?o } INSERT { ?s ?p '# not a comment' } WHERE { ?s ?p ?o }",
    "INSERT { ?s <urn:p> ?o } WHERE { ?s ?p ?o }",
    "WITH <urn:g> DELETE { ?s ?p ?o } WHERE { ?s ?p ?o }",
    "LOAD <http://example.org/data.ttl>",
    "LOAD SILENT <file:///etc/passwd> INTO GRAPH <urn:g>",
    "CLEAR ALL",
    "CLEAR SILENT DEFAULT",
    "CLEAR GRAPH <https://aikg.dev/graph/actors>",
    "DROP ALL",
    "DROP SILENT NAMED",
    "DROP GRAPH <https://aikg.dev/graph/meta>",
    "CREATE GRAPH <urn:g>",
    "CREATE SILENT GRAPH <urn:g>",
    "ADD <urn:a> TO <urn:b>",
    "ADD SILENT DEFAULT TO <urn:b>",
    "MOVE DEFAULT TO <urn:b>",
    "MOVE SILENT <urn:a> TO DEFAULT",
    "COPY <urn:a> TO <urn:b>",
    "COPY SILENT DEFAULT TO <urn:g>",
    "SELECT * WHERE { @SERVICE <http://example.org/sparql> { ?s ?p ?o }@ }",
    "SELECT * WHERE { @SERVICE SILENT <http://example.org/sparql> { ?s ?p ?o }@ }",
    "ASK { @SERVICE ?endpoint { ?s ?p ?o }@ }",
    "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o . @SERVICE <http://x.example/> { ?o ?q ?r }@ }",
    "SELECT * FROM <file:///etc/passwd> WHERE { @?s ?p ?o@ }",
    "SELECT * FROM NAMED <http://example.org/g> WHERE { @GRAPH ?g { ?s ?p ?o }@ }",
)
#: Harmless queries naming every forbidden word only where it does nothing.
ALLOWED = (
    "SELECT ?drop ?insert WHERE { @?drop <http://example.org/DELETE> ?insert@ }",
    "SELECT * WHERE { @?s ?p 'DROP ALL'@ }",
    'SELECT * WHERE { @?s ?p """LOAD <http://x/>\nCLEAR ALL"""@ }',
    "SELECT * WHERE { @?s ?p ?o@ } # INSERT DATA { <urn:a> <urn:b> <urn:c> }",
    "PREFIX service: <http://example.org/service#> SELECT * WHERE { @?s service:copy ?o@ }",
    "ASK { @?move <urn:add> 'CREATE GRAPH'@en@ }",
    "DESCRIBE <http://example.org/SERVICE>",
    "CONSTRUCT { ?s <urn:copy> ?o } WHERE { @?s ?p ?o FILTER(?o != 'WITH')@ }",
)
_KEYWORD = re.compile(r"(?<![?$:\w])[A-Z]{2,}\b(?!:)", re.IGNORECASE)
_NESTS = (
    ("{ ", " }"),
    ("OPTIONAL { ", " }"),
    ("{ ?x ?y ?z } UNION { ", " }"),
    ("MINUS { ", " }"),
    ("FILTER EXISTS { ", " }"),
    ("{ SELECT * WHERE { ", " } }"),
    ("GRAPH ?g { ", " }"),
)
_COMMENTS = (
    "# a comment\n",
    "# SELECT * WHERE { ?s ?p ?o }\n",
    "#'unbalanced \"quotes { in a comment\n",
    "#\r\n",
)
_PREFIXES = (
    "PREFIX select: <http://example.org/select#>\n",
    "PREFIX : <http://example.org/>\n",
    "BASE <http://example.org/base/>\n",
    "PREFIX ask: <http://example.org/ask#> PREFIX drop: <http://example.org/drop#>\n",
)


def _outside_data(text: str) -> list[tuple[bool, str]]:
    """The text as (is_code, piece) pieces: strings and IRIs are data, the rest is code."""
    pieces: list[tuple[bool, str]] = []
    for piece in re.split(r"(\"\"\"[\s\S]*?\"\"\"|'[^'\n]*'|\"[^\"\n]*\"|<[^<>\s]*>)", text):
        if piece:
            pieces.append((piece[:1] not in ("'", '"', "<"), piece))
    return pieces


def _random_case(text: str, rnd: random.Random) -> str:
    """Keywords (upper-case words outside strings and IRIs) in random upper and lower case."""

    def one(match: re.Match[str]) -> str:
        return "".join(c.upper() if rnd.random() < 0.5 else c.lower() for c in match.group(0))

    return "".join(_KEYWORD.sub(one, piece) if code else piece for code, piece in _outside_data(text))


def _escape_letters(text: str, rnd: random.Random) -> str:
    """Some letters of the keywords written as \\uXXXX or \\UXXXXXXXX escapes."""

    def letter(ch: str) -> str:
        if rnd.random() < 0.3:
            return f"\\u{ord(ch):04X}" if rnd.random() < 0.7 else f"\\U{ord(ch):08x}"
        return ch

    def one(match: re.Match[str]) -> str:
        return "".join(letter(c) for c in match.group(0))

    return "".join(_KEYWORD.sub(one, piece) if code else piece for code, piece in _outside_data(text))


def _spread_comments(text: str, rnd: random.Random) -> str:
    """Comments (and odd whitespace) after some of the spaces between tokens."""
    parts = text.split(" ")
    glue = [rnd.choice((" ", "\t", "\n ", " " + rnd.choice(_COMMENTS))) for _ in parts[1:]]
    out = parts[0]
    for sep, part in zip(glue, parts[1:], strict=True):
        out += sep + part
    return out


def _nest(text: str, depth: int, rnd: random.Random) -> str:
    """Wrap the pattern between the ``@`` marks in ``depth`` nested groups, and drop the marks.

    The marks are found from the ends: ``'CREATE GRAPH'@en`` holds an ``@`` of its own.
    """
    first = text.find(" @") + 1
    last = text.rfind("@ ")
    if first <= 0 or last <= first:
        return text
    inner = text[first + 1 : last]
    for _ in range(depth):
        left, right = rnd.choice(_NESTS)
        inner = f"{left}{inner}{right}"
    return text[:first] + inner + text[last + 1 :]


def _disguise(draw: st.DrawFn, texts: Sequence[str], depth: int, prefixes: int, *, hide: bool) -> str:
    """One of `texts`, nested up to `depth` groups deep, its case shuffled, behind up to
    `prefixes` PREFIX lines; with `hide`, also spread with comments and unicode escapes."""
    text = draw(st.sampled_from(texts))
    rnd = random.Random(draw(st.integers(0, 2**32 - 1)))
    text = _nest(text, draw(st.integers(0, depth)), rnd)
    if draw(st.booleans()):
        text = _random_case(text, rnd)
    if hide and draw(st.booleans()):
        text = _spread_comments(text, rnd)
    if hide and draw(st.booleans()):
        text = _escape_letters(text, rnd)
    return "".join(draw(st.lists(st.sampled_from(_PREFIXES), max_size=prefixes))) + text


@st.composite
def hostile_queries(draw: st.DrawFn) -> str:
    """One forbidden statement disguised with case, comments, prefixes, escapes and nesting."""
    return _disguise(draw, HOSTILE, depth=4, prefixes=3, hide=True)


@st.composite
def harmless_queries(draw: st.DrawFn) -> str:
    """A read-only query that names forbidden words only in strings, comments, IRIs and names."""
    return _disguise(draw, ALLOWED, depth=3, prefixes=2, hide=False)
