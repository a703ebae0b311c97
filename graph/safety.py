"""The read-only guard: which SPARQL may run, and for how long.

:func:`check_query` lets through SELECT, ASK, CONSTRUCT and DESCRIBE and refuses everything that
writes (INSERT, DELETE, LOAD, CLEAR, DROP, CREATE, ADD, MOVE, COPY, WITH), calls out (SERVICE) or
reads a dataset outside aikg's graphs (FROM / FROM NAMED). Two independent layers decide:

1. a token scan that first decodes ``\\uXXXX`` escapes (SPARQL applies them before parsing), then
   skips comments, strings, IRIs, variables, prefixed names and language tags, and looks at the
   bare keywords that remain, whatever their case;
2. rdflib's SPARQL parser: text that parses as an update, or whose parse tree holds a SERVICE
   pattern, is refused.

:func:`run_with_timeout` runs a query in a daemon thread and stops waiting at the limit; it then
sets the query's stop event, which ends a query between two result rows. Oxigraph cannot cancel
work inside one row (an aggregate, ORDER BY over everything), so users' queries on a store folder
run in a child process instead, killed at the limit (:mod:`graph.query_process`); this thread
serves aikg's own queries, the in-memory store and a writer's store.

Example:
    >>> check_query("PREFIX s: <https://schema.org/> SELECT * WHERE { ?a a s:Person }")
    'SELECT'
    >>> check_query("select * { service <http://x/> { ?s ?p ?o } }")
    Traceback (most recent call last):
    ...
    graph.errors.QueryRefusedError: query refused: SERVICE (it would call another endpoint over the network)
"""

from __future__ import annotations

import re
import threading
from collections.abc import Callable
from typing import TypeVar
from urllib.parse import urljoin

from pyparsing import ParseBaseException, ParseResults
from rdflib.plugins.sparql.parser import parseQuery, parseUpdate

from graph.errors import QueryRefusedError, QueryTimeoutError

__all__ = ["ALLOWED_GRAPH_PREFIXES", "QUERY_FORMS", "check_query", "run_with_timeout"]

#: Query forms that may run.
QUERY_FORMS = ("SELECT", "ASK", "CONSTRUCT", "DESCRIBE")
#: IRIs a FROM / FROM NAMED clause may name.
ALLOWED_GRAPH_PREFIXES = ("https://aikg.dev/",)
_UPDATE_WORDS = frozenset(
    {"INSERT", "DELETE", "LOAD", "CLEAR", "DROP", "CREATE", "ADD", "MOVE", "COPY", "WITH"}
)
_READ_ONLY = "aikg queries are read-only: only SELECT, ASK, CONSTRUCT and DESCRIBE run"
_MAX_QUERY_CHARS = 100_000

_UNICODE_ESCAPE = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")
_TOKEN = re.compile(
    r"""
    (?P<comment>\#[^\n\r]*)
  | (?P<string>'''(?:[^'\\]|\\.|'(?!''))*'''|\"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\"
               |'(?:[^'\\\n\r]|\\.)*'|"(?:[^"\\\n\r]|\\.)*")
  | (?P<iri><[^<>"{}|^`\\\x00-\x20]*>)
  | (?P<var>[?$][A-Za-z0-9_\u00b7-\uffff]+)
  | (?P<lang>@[A-Za-z]+(?:-[A-Za-z0-9]+)*)
  | (?P<pname>(?:[A-Za-z_\u00c0-\uffff][\w.\-\u00b7-\uffff]*)?:[\w.:%\-\u00b7-\uffff]*)
  | (?P<number>[0-9]+(?:\.[0-9]*)?(?:[eE][+-]?[0-9]+)?)
  | (?P<word>[A-Za-z_][A-Za-z0-9_]*)
  | (?P<other>\S)
  | (?P<space>\s+)
    """,
    re.VERBOSE | re.DOTALL,
)

T = TypeVar("T")


def _decode_escapes(text: str) -> str:
    def one(match: re.Match[str]) -> str:
        code = int(match.group(1) or match.group(2), 16)
        return chr(code) if code <= 0x10FFFF else match.group(0)

    return _UNICODE_ESCAPE.sub(one, text)


def _tokens(text: str) -> list[tuple[str, str]]:
    return [
        (m.lastgroup or "other", m.group(0))
        for m in _TOKEN.finditer(text)
        if m.lastgroup not in ("space", "comment")
    ]


def _check_tokens(tokens: list[tuple[str, str]]) -> str:
    """The query form, after refusing update keywords, SERVICE and foreign FROM graphs."""
    prefixes: dict[str, str] = {}
    base = ""
    form = ""
    for i, (kind, value) in enumerate(tokens):
        if kind != "word":
            continue
        word = value.upper()
        following = tokens[i + 1 : i + 4]
        if word in _UPDATE_WORDS:
            raise QueryRefusedError(word, _READ_ONLY)
        if word == "SERVICE":
            raise QueryRefusedError("SERVICE", "it would call another endpoint over the network")
        if word == "PREFIX" and len(following) >= 2 and following[1][0] == "iri":
            prefixes[following[0][1].rstrip(":")] = urljoin(base, following[1][1][1:-1])
        elif word == "BASE" and following and following[0][0] == "iri":
            base = urljoin(base, following[0][1][1:-1])
        elif word == "FROM":
            _check_from(following, prefixes, base)
        elif not form and word in QUERY_FORMS:
            form = word
        elif not form and word not in ("PREFIX", "BASE"):
            raise QueryRefusedError(word, _READ_ONLY)
    if not form:
        raise QueryRefusedError("an empty query", "write a SELECT, ASK, CONSTRUCT or DESCRIBE query")
    return form


def _check_from(following: list[tuple[str, str]], prefixes: dict[str, str], base: str) -> None:
    rest = following
    if rest and rest[0][0] == "word" and rest[0][1].upper() == "NAMED":
        rest = rest[1:]
    if not rest:
        raise QueryRefusedError("FROM", "FROM must name an aikg graph")
    kind, value = rest[0]
    if kind == "iri":
        iri = urljoin(base, value[1:-1])
    elif kind == "pname" and value.split(":", 1)[0] in prefixes:
        head, local = value.split(":", 1)
        iri = prefixes[head] + local
    else:
        iri = value
    if not iri.startswith(ALLOWED_GRAPH_PREFIXES):
        raise QueryRefusedError(
            f"FROM <{iri}>",
            f"FROM may only name aikg graphs ({', '.join(ALLOWED_GRAPH_PREFIXES)}...)",
        )


def _walk_for_service(node: object) -> bool:
    name = getattr(node, "name", None)
    if name == "ServiceGraphPattern":
        return True
    if isinstance(node, dict):
        return any(_walk_for_service(v) for v in node.values())
    if isinstance(node, list | tuple | ParseResults):
        return any(_walk_for_service(v) for v in node)
    return False


def _check_with_rdflib(text: str) -> None:
    """Refuse what rdflib's parser reads as an update or a SERVICE call."""
    try:
        tree = parseQuery(text)
    except ParseBaseException:
        try:
            parseUpdate(text)
        except ParseBaseException:
            return  # neither: the store reports the syntax error
        raise QueryRefusedError("an update", _READ_ONLY) from None
    if _walk_for_service(tree):
        raise QueryRefusedError("SERVICE", "it would call another endpoint over the network")


def check_query(text: str) -> str:
    """Check that a SPARQL text is a read-only query over aikg's graphs.

    Args:
        text: the SPARQL text, as a user typed it.

    Returns:
        The query form: ``SELECT``, ``ASK``, ``CONSTRUCT`` or ``DESCRIBE``.

    Raises:
        QueryRefusedError: the text writes, calls another endpoint, names a foreign graph, is
            empty or too long; the error names what was refused.

    Example:
        >>> check_query("ASK { ?s ?p ?o }")
        'ASK'
        >>> check_query("# just a comment\\nDROP ALL")
        Traceback (most recent call last):
        ...
        graph.errors.QueryRefusedError: query refused: DROP (aikg queries are read-only: only SELECT, ASK, CONSTRUCT and DESCRIBE run)
    """
    if len(text) > _MAX_QUERY_CHARS:
        raise QueryRefusedError(f"a query of {len(text)} characters", f"the limit is {_MAX_QUERY_CHARS}")
    decoded = _decode_escapes(text)
    form = _check_tokens(_tokens(decoded))
    _check_with_rdflib(decoded)
    return form


def run_with_timeout(
    work: Callable[[], T], timeout_s: float | None, *, stop: threading.Event | None = None
) -> T:
    """Run ``work`` in a daemon thread and return its result, waiting at most ``timeout_s``.

    Args:
        work: the query to run.
        timeout_s: seconds to wait; None or 0 runs ``work`` here, without a limit.
        stop: set at the limit, for ``work`` to check and end early.

    Raises:
        QueryTimeoutError: the work was still running at the limit (``stop`` is set; nothing
            waits for the work any more).
        Exception: whatever ``work`` raised.

    Example:
        >>> run_with_timeout(lambda: 41 + 1, 1.0)
        42
    """
    if not timeout_s:  # None or 0: no limit (aikg's own exports and checks)
        return work()
    values: list[T] = []
    errors: list[BaseException] = []

    def target() -> None:
        try:
            values.append(work())
        except BaseException as exc:  # handed over to the waiting thread below
            errors.append(exc)

    thread = threading.Thread(target=target, name="aikg-query", daemon=True)
    thread.start()
    thread.join(timeout_s)
    if thread.is_alive():
        if stop is not None:
            stop.set()
        raise QueryTimeoutError(timeout_s)
    if errors:
        raise errors[0]
    return values[0]
