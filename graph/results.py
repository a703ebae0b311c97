"""Query results: one small result object for every backend, and its W3C serialisations.

Rows hold rdflib terms (``URIRef``, ``Literal``, ``BNode``) whichever store answered, so callers
never see pyoxigraph or JSON terms. :meth:`QueryResult.to_json` and :meth:`QueryResult.to_csv`
write the W3C SPARQL 1.1 Query Results JSON and CSV formats.

Example:
    >>> r = QueryResult("select", ("n",), ((Literal(2),),))
    >>> r.records()
    [{'n': 2}]
    >>> r.to_csv()
    'n\\r\\n2\\r\\n'
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass, field
from typing import Any
from typing import Literal as TypingLiteral

import pyoxigraph as ox
from rdflib.namespace import XSD
from rdflib.term import BNode, Literal, Node, URIRef

from graph.nquads import Term

__all__ = [
    "QueryResult",
    "ResultKind",
    "term_from_json",
    "term_from_oxigraph",
    "term_to_json",
    "term_to_oxigraph",
    "term_value",
]

ResultKind = TypingLiteral["select", "ask", "graph"]
_GRAPH_VARS = ("subject", "predicate", "object")


@dataclass(frozen=True, slots=True)
class QueryResult:
    """The answer of one query.

    Attributes:
        kind: ``select``, ``ask`` or ``graph`` (CONSTRUCT and DESCRIBE).
        vars: the projected variable names; ``subject``, ``predicate``, ``object`` for graphs.
        rows: one tuple per solution (or triple), None where a variable is unbound.
        boolean: the answer of an ASK query.
        truncated: whether rows stopped at the row cap.
    """

    kind: ResultKind
    vars: tuple[str, ...] = ()
    rows: tuple[tuple[Term | None, ...], ...] = ()
    boolean: bool | None = None
    truncated: bool = False

    def __len__(self) -> int:
        return len(self.rows)

    def records(self) -> list[dict[str, Any]]:
        """Rows as dicts of python values (str for IRIs, int/Decimal/date/str for literals)."""
        return [
            {name: term_value(term) for name, term in zip(self.vars, row, strict=True)} for row in self.rows
        ]

    def column(self, name: str) -> list[Any]:
        """The python values of one variable, in row order."""
        index = self.vars.index(name)
        return [term_value(row[index]) for row in self.rows]

    def to_json(self) -> str:
        """W3C SPARQL 1.1 Query Results JSON (graphs as subject/predicate/object bindings)."""
        if self.kind == "ask":
            return json.dumps({"head": {}, "boolean": bool(self.boolean)})
        bindings = [
            {name: term_to_json(term) for name, term in zip(self.vars, row, strict=True) if term is not None}
            for row in self.rows
        ]
        doc = {"head": {"vars": list(self.vars)}, "results": {"bindings": bindings}}
        return json.dumps(doc, ensure_ascii=False)

    def to_csv(self) -> str:
        """W3C SPARQL 1.1 Query Results CSV: a header row, CRLF line ends, lexical forms."""
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\r\n")
        if self.kind == "ask":
            writer.writerow(["boolean"])
            writer.writerow(["true" if self.boolean else "false"])
            return out.getvalue()
        writer.writerow(self.vars)
        for row in self.rows:
            writer.writerow([_csv_text(term) for term in row])
        return out.getvalue()

    def to_table(self, max_width: int = 60) -> str:
        """A plain-text table for terminals, long cells shortened with an ellipsis."""
        if self.kind == "ask":
            return "true" if self.boolean else "false"
        cells = [[_short(_csv_text(t), max_width) for t in row] for row in self.rows]
        widths = [len(v) for v in self.vars]
        for row in cells:
            widths = [max(w, len(c)) for w, c in zip(widths, row, strict=True)]
        lines = ["  ".join(v.ljust(w) for v, w in zip(self.vars, widths, strict=True))]
        lines.append("  ".join("-" * w for w in widths))
        lines += ["  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)) for row in cells]
        return "\n".join(line.rstrip() for line in lines)


def _short(text: str, width: int) -> str:
    text = text.replace("\n", " ")
    return text if len(text) <= width else text[: width - 1] + "…"


def _csv_text(term: Node | None) -> str:
    if term is None:
        return ""
    if isinstance(term, BNode):
        return f"_:{term}"
    return str(term)


def term_value(term: Node | None) -> Any:
    """The python value of a term: str for IRIs and blank nodes, the literal's python value.

    Example:
        >>> term_value(Literal("5", datatype=XSD.decimal))
        Decimal('5')
        >>> term_value(URIRef("https://aikg.dev/id/x"))
        'https://aikg.dev/id/x'
    """
    if term is None:
        return None
    if isinstance(term, Literal):
        value = term.toPython()
        return str(term) if isinstance(value, Literal) else value
    return str(term)


def term_to_json(term: Node) -> dict[str, str]:
    """One RDF term in the W3C SPARQL JSON results format."""
    if isinstance(term, URIRef):
        return {"type": "uri", "value": str(term)}
    if isinstance(term, BNode):
        return {"type": "bnode", "value": str(term)}
    if isinstance(term, Literal):
        out = {"type": "literal", "value": str(term)}
        if term.language:
            out["xml:lang"] = term.language
        elif term.datatype is not None and term.datatype != XSD.string:
            out["datatype"] = str(term.datatype)
        return out
    raise ValueError(f"unsupported RDF term {term!r}")


def term_from_json(binding: dict[str, str]) -> Term:
    """An rdflib term from one W3C SPARQL JSON results binding.

    Example:
        >>> term_from_json({"type": "literal", "value": "1", "datatype": str(XSD.integer)})
        rdflib.term.Literal('1', datatype=rdflib.term.URIRef('http://www.w3.org/2001/XMLSchema#integer'))
    """
    kind, value = binding["type"], binding["value"]
    if kind == "uri":
        return URIRef(value)
    if kind == "bnode":
        return BNode(value)
    if kind in ("literal", "typed-literal"):
        lang = binding.get("xml:lang")
        datatype = binding.get("datatype")
        if lang:
            return Literal(value, lang=lang)
        if datatype and datatype != str(XSD.string):
            return Literal(value, datatype=URIRef(datatype), normalize=False)
        return Literal(value)
    raise ValueError(f"unsupported SPARQL JSON term type {kind!r}")


def term_from_oxigraph(term: Any) -> Term:
    """An rdflib term from a pyoxigraph term (``xsd:string`` becomes a plain literal)."""
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return Literal(term.value, lang=term.language)
        datatype = term.datatype.value
        if datatype == str(XSD.string):
            return Literal(term.value)
        return Literal(term.value, datatype=URIRef(datatype), normalize=False)
    raise ValueError(f"unsupported pyoxigraph term {term!r}")


def term_to_oxigraph(term: Node) -> ox.NamedNode | ox.BlankNode | ox.Literal:
    """A pyoxigraph term from an rdflib term."""
    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, BNode):
        return ox.BlankNode(str(term))
    if isinstance(term, Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        if term.datatype is not None:
            return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
        return ox.Literal(str(term))
    raise ValueError(f"unsupported RDF term {term!r}")


@dataclass(slots=True)
class RowCollector:
    """Collects rows up to a cap, remembering whether more were offered."""

    max_rows: int | None
    rows: list[tuple[Term | None, ...]] = field(default_factory=list)
    truncated: bool = False

    def offer(self, row: tuple[Term | None, ...]) -> bool:
        """Add a row; False once the cap is passed (the caller should stop)."""
        if self.max_rows is not None and len(self.rows) >= self.max_rows:
            self.truncated = True
            return False
        self.rows.append(row)
        return True
