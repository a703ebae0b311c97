"""Quads and their text: canonical literals, N-Quads lines and SPARQL ``INSERT DATA`` blocks.

Literals are written in the canonical lexical form Oxigraph stores (``"1"^^xsd:decimal``, not
``"1.0"``), so a graph built here and the same graph dumped from the store give identical
N-Quads. The term syntax used is the common subset of N-Quads and SPARQL, so one serialiser
feeds both the store's bulk loader and an HTTP endpoint's update.

Example:
    >>> str(decimal_literal(5e9)), str(decimal_literal(0.90))
    ('5000000000', '0.9')
    >>> term_text(string_literal('say "hi"\\n'))
    '"say \\\\"hi\\\\"\\\\n"'
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from decimal import Decimal

from rdflib.namespace import XSD
from rdflib.term import BNode, Literal, Node, URIRef

__all__ = [
    "Quad",
    "Term",
    "boolean_literal",
    "date_literal",
    "datetime_literal",
    "decimal_literal",
    "insert_data_block",
    "integer_literal",
    "is_valid_iri",
    "quad_line",
    "string_literal",
    "term_text",
    "to_nquads",
]

Term = URIRef | Literal | BNode
#: subject, predicate, object, named graph.
Quad = tuple[URIRef, URIRef, Term, URIRef]

_IRI = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:[^\x00-\x20<>\"{}|^`\\]*$")
_ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t"}
_NEEDS_ESCAPE = re.compile(r'[\\"\x00-\x1f\x7f]')


def is_valid_iri(text: str) -> bool:
    """Whether text is an absolute IRI that N-Quads and SPARQL accept between ``<`` and ``>``.

    Example:
        >>> is_valid_iri("https://example.com/a?b=1"), is_valid_iri("https://x.com/a b")
        (True, False)
    """
    return bool(_IRI.match(text))


def decimal_literal(value: float | int | Decimal) -> Literal:
    """An ``xsd:decimal`` literal in canonical form (no exponent, no trailing zeros).

    Example:
        >>> str(decimal_literal(1.5e20)), str(decimal_literal(-0.0)), str(decimal_literal(12.50))
        ('150000000000000000000', '0', '12.5')
    """
    number = value if isinstance(value, Decimal) else Decimal(repr(value))
    text = format(number, "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    if text in ("-0", ""):
        text = "0"
    return Literal(text, datatype=XSD.decimal, normalize=False)


def integer_literal(value: int) -> Literal:
    """An ``xsd:integer`` literal."""
    return Literal(str(int(value)), datatype=XSD.integer, normalize=False)


def boolean_literal(value: bool) -> Literal:
    """An ``xsd:boolean`` literal, ``true`` or ``false``."""
    return Literal("true" if value else "false", datatype=XSD.boolean, normalize=False)


def date_literal(value: dt.date) -> Literal:
    """An ``xsd:date`` literal."""
    return Literal(value.isoformat(), datatype=XSD.date, normalize=False)


def datetime_literal(value: dt.datetime) -> Literal:
    """An ``xsd:dateTime`` literal (seconds precision, with the offset when known)."""
    return Literal(value.isoformat(timespec="seconds"), datatype=XSD.dateTime, normalize=False)


def string_literal(value: str) -> Literal:
    """A plain string literal (``xsd:string``, written without a datatype)."""
    return Literal(value)


def _escape(text: str) -> str:
    def one(match: re.Match[str]) -> str:
        char = match.group(0)
        return _ESCAPES.get(char) or f"\\u{ord(char):04X}"

    return _NEEDS_ESCAPE.sub(one, text)


def term_text(term: Node) -> str:
    """A term in the syntax shared by N-Quads and SPARQL.

    Raises:
        ValueError: an IRI that neither syntax can carry, or an unsupported term kind.

    Example:
        >>> term_text(URIRef("https://aikg.dev/id/x"))
        '<https://aikg.dev/id/x>'
        >>> term_text(integer_literal(3))
        '"3"^^<http://www.w3.org/2001/XMLSchema#integer>'
    """
    if isinstance(term, URIRef):
        if not is_valid_iri(str(term)):
            raise ValueError(f"not a valid absolute IRI: {str(term)!r}")
        return f"<{term}>"
    if isinstance(term, Literal):
        text = f'"{_escape(str(term))}"'
        if term.language:
            return f"{text}@{term.language}"
        if term.datatype is not None and term.datatype != XSD.string:
            return f"{text}^^<{term.datatype}>"
        return text
    if isinstance(term, BNode):
        return f"_:{term}"
    raise ValueError(f"unsupported RDF term {term!r}")


def quad_line(quad: Quad) -> str:
    """One N-Quads line, without the newline."""
    s, p, o, g = quad
    return f"{term_text(s)} {term_text(p)} {term_text(o)} {term_text(g)} ."


def to_nquads(quads: Iterable[Quad]) -> str:
    """N-Quads text of the quads, deduplicated and sorted: same quads, same bytes.

    Example:
        >>> q = (URIRef("urn:s"), URIRef("urn:p"), string_literal("o"), URIRef("urn:g"))
        >>> to_nquads([q, q])
        '<urn:s> <urn:p> "o" <urn:g> .\\n'
    """
    lines = sorted({quad_line(q) for q in quads})
    return "".join(line + "\n" for line in lines)


def insert_data_block(quads: Iterable[Quad]) -> str:
    """The body of a SPARQL ``INSERT DATA { ... }``: one ``GRAPH`` block per named graph.

    Example:
        >>> q = (URIRef("urn:s"), URIRef("urn:p"), string_literal("o"), URIRef("urn:g"))
        >>> print(insert_data_block([q]))
        GRAPH <urn:g> {
        <urn:s> <urn:p> "o" .
        }
    """
    by_graph: dict[URIRef, set[str]] = {}
    for s, p, o, g in quads:
        by_graph.setdefault(g, set()).add(f"{term_text(s)} {term_text(p)} {term_text(o)} .")
    blocks = []
    for graph in sorted(by_graph):
        body = "\n".join(sorted(by_graph[graph]))
        blocks.append(f"GRAPH {term_text(graph)} {{\n{body}\n}}")
    return "\n".join(blocks)
