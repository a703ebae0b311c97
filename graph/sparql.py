"""SPARQL texts the stores send: per-article replacement, actor merging, and safe value binding.

Every write is one SPARQL update, so it is one transaction on Oxigraph and one request on an
HTTP endpoint. Values reach a query only through :func:`bind_values`, which writes them as
escaped RDF terms in a ``VALUES`` block; user text is never pasted into SPARQL.

Example:
    >>> print(bind_values("SELECT ?a WHERE {\\n  #@bind\\n  ?a ?p ?o }", {"a": URIRef("urn:x")}))
    SELECT ?a WHERE {
      VALUES ?a { <urn:x> }
      ?a ?p ?o }
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping, Sequence

from rdflib.term import URIRef

from graph import iris
from graph.nquads import Quad, Term, datetime_literal, insert_data_block, string_literal, term_text
from graph.vocab import AIKG, PREFIXES, PROV

__all__ = [
    "ARTICLE_HASHES_QUERY",
    "BIND_MARKER",
    "Bindings",
    "bind_values",
    "merge_actors_update",
    "prefix_block",
    "remove_article_update",
    "replace_article_update",
    "replace_graph_update",
]

#: The line in a query where :func:`bind_values` puts its VALUES blocks.
BIND_MARKER = "#@bind"
Bindings = Mapping[str, Term | Sequence[Term]]
_VAR = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")


def prefix_block(names: Iterable[str] = ("aikg", "schema", "prov", "dcterms", "skos")) -> str:
    """PREFIX lines for the given prefix names of :data:`graph.vocab.PREFIXES`."""
    return "".join(f"PREFIX {n}: <{PREFIXES[n]}>\n" for n in names)


def bind_values(sparql: str, bindings: Bindings | None) -> str:
    """Bind variables to RDF terms with VALUES blocks, placed at every ``#@bind`` marker line.

    A query marks each group that should see the bound values, its subqueries included (SPARQL
    evaluates a subquery on its own, so an unbound one would compute its answer for every
    value before the join). Without a marker the VALUES go after the query, where SPARQL joins
    them with its results.
    A variable bound to a sequence takes any of its values.

    Raises:
        ValueError: a variable name is not a SPARQL variable name, a value is not an RDF term
            (or an IRI that SPARQL cannot carry), or a sequence is empty.

    Example:
        >>> bind_values("SELECT * { ?s ?p ?o }", {"s": [URIRef("urn:a"), URIRef("urn:b")]})
        'SELECT * { ?s ?p ?o }\\nVALUES ?s { <urn:a> <urn:b> }'
    """
    if not bindings:
        return sparql
    blocks = []
    for name, value in sorted(bindings.items()):
        if not _VAR.match(name):
            raise ValueError(f"not a SPARQL variable name: {name!r}")
        values = [value] if isinstance(value, URIRef | str) else list(value)
        if not values:
            raise ValueError(f"no values to bind to ?{name}")
        blocks.append(f"VALUES ?{name} {{ {' '.join(term_text(v) for v in values)} }}")
    if BIND_MARKER in sparql:
        lines = sparql.split("\n")
        for i, line in enumerate(lines):
            if line.strip() == BIND_MARKER:
                indent = line[: len(line) - len(line.lstrip())]
                lines[i] = "\n".join(indent + block for block in blocks)
        return "\n".join(lines)
    return sparql + "\n" + "\n".join(blocks)


def _now() -> str:
    now = dt.datetime.now(dt.UTC).replace(microsecond=0)
    return term_text(datetime_literal(now))


#: Forgets that the last build finished: part of every article write and removal.
_UNFINISHED = (
    f"DELETE WHERE {{ GRAPH {term_text(iris.META_GRAPH)} {{ {term_text(iris.BUILD_STATE)} ?p ?o }} }}"
)


def replace_article_update(article_id: str, quads: Iterable[Quad], content_hash: str) -> str:
    """One update that swaps an article's graph, adds its actors and records its hash.

    The meta graph describes the article's named graph (not the article, so the union of all
    graphs holds each article triple once): the content hash it was built from, the article
    it derives from and when it was written.

    Raises:
        ValueError: a quad belongs to a graph other than the article's or the actors graph.
    """
    graph = iris.article_graph_iri(article_id)
    node = term_text(graph)
    quads = list(quads)
    for quad in quads:
        if quad[3] not in (graph, iris.ACTORS_GRAPH):
            raise ValueError(f"quad for graph <{quad[3]}> in article {article_id!r}")
    meta = term_text(iris.META_GRAPH)
    data = insert_data_block(quads)
    return (
        f"DROP SILENT GRAPH {term_text(graph)} ;\n"
        f"DELETE WHERE {{ GRAPH {meta} {{ {node} ?p ?o }} }} ;\n"
        f"{_UNFINISHED} ;\n"
        f"INSERT DATA {{\n{data}\n"
        f"GRAPH {meta} {{\n"
        f"{node} <{AIKG.contentHash}> {term_text(string_literal(content_hash))} .\n"
        f"{node} <{PROV.wasDerivedFrom}> {term_text(iris.article_iri(article_id))} .\n"
        f"{node} <{PROV.generatedAtTime}> {_now()} .\n"
        "}\n}"
    )


def remove_article_update(article_id: str) -> str:
    """One update that drops an article's graph and its build metadata."""
    graph = term_text(iris.article_graph_iri(article_id))
    meta = term_text(iris.META_GRAPH)
    return (
        f"DROP SILENT GRAPH {graph} ;\nDELETE WHERE {{ GRAPH {meta} {{ {graph} ?p ?o }} }} ;\n{_UNFINISHED}"
    )


def replace_graph_update(graph: URIRef, quads: Iterable[Quad]) -> str:
    """One update that replaces a whole named graph with the given quads."""
    quads = [(s, p, o, graph) for s, p, o, _ in quads]
    return f"DROP SILENT GRAPH {term_text(graph)} ;\nINSERT DATA {{\n{insert_data_block(quads)}\n}}"


def merge_actors_update() -> str:
    """One update that leaves each actor one label, one confidence and one registry entry.

    Articles add their view of an actor to the actors graph; this keeps the alphabetically
    first preferred label (the others become alternative labels), the highest confidence, and
    drops actors no article mentions any more (but the home countries of those it mentions).
    The result does not depend on build order.
    """
    g = term_text(iris.ACTORS_GRAPH)
    return prefix_block(("aikg", "schema", "skos", "rdfs")) + (
        f"DELETE {{ GRAPH {g} {{ ?a skos:prefLabel ?l }} }}\n"
        f"INSERT {{ GRAPH {g} {{ ?a skos:altLabel ?l }} }}\n"
        f"WHERE {{ GRAPH {g} {{ ?a skos:prefLabel ?l, ?m FILTER(STR(?m) < STR(?l)) }} }} ;\n"
        f"DELETE {{ GRAPH {g} {{ ?a rdfs:label ?l }} }}\n"
        f"WHERE {{ GRAPH {g} {{ ?a rdfs:label ?l\n"
        "  { ?a skos:prefLabel ?p FILTER(?l != ?p) }\n"
        "  UNION { ?a rdfs:label ?m FILTER(STR(?m) < STR(?l))\n"
        "          FILTER NOT EXISTS { ?a skos:prefLabel ?any } } } } ;\n"
        f"DELETE {{ GRAPH {g} {{ ?a skos:altLabel ?l }} }}\n"
        f"WHERE {{ GRAPH {g} {{ ?a skos:altLabel ?l ; skos:prefLabel ?l }} }} ;\n"
        f"DELETE {{ GRAPH {g} {{ ?a aikg:confidence ?c }} }}\n"
        f"WHERE {{ GRAPH {g} {{ ?a aikg:confidence ?c, ?d FILTER(?d > ?c) }} }} ;\n"
        f"DELETE {{ GRAPH {g} {{ ?a aikg:inRegistry false }} }}\n"
        f"WHERE {{ GRAPH {g} {{ ?a aikg:inRegistry false, true }} }} ;\n"
        f"DELETE {{ GRAPH {g} {{ ?a aikg:role ?r }} }}\n"
        f"WHERE {{ GRAPH {g} {{ ?a aikg:role ?r, ?s FILTER(STR(?s) < STR(?r)) }} }} ;\n"
        f"DELETE {{ GRAPH {g} {{ ?a aikg:registryKey ?k }} }}\n"
        f"WHERE {{ GRAPH {g} {{ ?a aikg:registryKey ?k, ?j FILTER(STR(?j) < STR(?k)) }} }} ;\n"
        # Actors no article mentions, but the home countries (schema:location) of those that are
        # mentioned: two set differences, 60x faster than a NOT EXISTS tested on every triple.
        f"DELETE {{ GRAPH {g} {{ ?a ?p ?o }} }}\n"
        f"WHERE {{ {{ SELECT DISTINCT ?a WHERE {{ GRAPH {g} {{ ?a ?anyP ?anyO }} }} }}\n"
        "  MINUS { SELECT DISTINCT ?a WHERE { GRAPH ?any { ?article schema:mentions ?a } } }\n"
        "  MINUS { SELECT DISTINCT ?a WHERE { GRAPH ?other { ?mentioning schema:mentions ?b }\n"
        f"                                    GRAPH {g} {{ ?b schema:location ?a }} }} }}\n"
        f"  GRAPH {g} {{ ?a ?p ?o }} }}"
    )


#: The content hash of every article in the store, by article id.
ARTICLE_HASHES_QUERY = (
    prefix_block(("aikg", "dcterms", "prov"))
    + f"SELECT ?id ?hash WHERE {{ GRAPH {term_text(iris.META_GRAPH)} "
    "{ ?graph aikg:contentHash ?hash ; prov:wasDerivedFrom ?article } "
    "GRAPH ?graph { ?article dcterms:identifier ?id } }"
)
