"""SPARQL text for a remote store, built without splicing user input.

A remote endpoint cannot take pre-bound variables the way pyoxigraph's
``substitutions`` do, so :func:`bind_values` writes them into the query as a
``VALUES`` block at the start of the query's ``WHERE`` group. Every value goes
through :func:`sparql_term`, which escapes literals and refuses IRIs that
could break out of ``<…>``. :func:`insert_data` uses the same serializer for
the ``INSERT DATA`` of a document's graph.

The scanner here is hand-written rather than a regular expression: it must
skip strings, IRIs and comments to find the right ``{``, and a small state
machine says so more plainly.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator, Mapping

from rdflib.term import BNode, Literal, Node, URIRef, Variable

from chidao.errors import QueryError

# Characters SPARQL's IRIREF production forbids inside <…>.
_IRI_FORBIDDEN = frozenset('<>"{}|^`\\')

_ECHAR = {
    "\\": "\\\\",
    '"': '\\"',
    "\n": "\\n",
    "\r": "\\r",
    "\t": "\\t",
    "\b": "\\b",
    "\f": "\\f",
}


def sparql_iri(iri: str) -> str:
    """``<iri>``, after checking that nothing in ``iri`` can end the IRI early.

    >>> sparql_iri("http://example.org/doc/43%2FNQ-CP")
    '<http://example.org/doc/43%2FNQ-CP>'
    >>> sparql_iri("http://x> } ; DROP ALL ; #")
    Traceback (most recent call last):
    ...
    chidao.errors.QueryError: not a valid IRI for SPARQL: 'http://x> } ; DROP ALL ; #'
    """
    if not iri or any(c in _IRI_FORBIDDEN or ord(c) <= 0x20 for c in iri):
        raise QueryError(f"not a valid IRI for SPARQL: {iri!r}")
    return f"<{iri}>"


def sparql_iris(iris: Iterable[str]) -> str:
    """``iris`` as the terms of a ``VALUES`` block, each checked by :func:`sparql_iri`.

    >>> sparql_iris(["http://e/a", "http://e/b"])
    '<http://e/a> <http://e/b>'
    """
    return " ".join(sparql_iri(i) for i in iris)


def _lang_ok(lang: str) -> bool:
    parts = lang.split("-")
    return all(p and p.isascii() and p.isalnum() for p in parts) and parts[0].isalpha()


def sparql_term(term: Node) -> str:
    """``term`` written as SPARQL, fully escaped.

    Blank nodes are written as ``_:label`` and are only meaningful inside
    ``INSERT DATA``; variables are refused (a value was expected).

    >>> sparql_term(Literal('Say "hi"\\n', lang="vi"))
    '"Say \\\\"hi\\\\"\\\\n"@vi'
    >>> from rdflib.namespace import XSD
    >>> sparql_term(Literal("2021-07-01", datatype=XSD.date))
    '"2021-07-01"^^<http://www.w3.org/2001/XMLSchema#date>'
    """
    if isinstance(term, URIRef):
        return sparql_iri(str(term))
    if isinstance(term, Literal):
        body = '"' + "".join(_ECHAR.get(c, c) for c in str(term)) + '"'
        if term.language:
            if not _lang_ok(term.language):
                raise QueryError(f"not a valid language tag: {term.language!r}")
            return f"{body}@{term.language}"
        if term.datatype is not None:
            return f"{body}^^{sparql_iri(str(term.datatype))}"
        return body
    if isinstance(term, BNode):
        label = str(term)
        if not label or not all(c.isascii() and (c.isalnum() or c in "_-") for c in label):
            # rdflib's own labels are alphanumeric; anything else gets a safe one.
            label = "b" + hashlib.sha256(label.encode("utf-8")).hexdigest()[:32]
        return f"_:{label}"
    raise QueryError(f"cannot write {term!r} as a SPARQL value")


def _var_name(name: str | Variable) -> str:
    text = str(name).lstrip("?$")
    if not text or not all(c.isalnum() or c == "_" for c in text):
        raise QueryError(f"not a valid SPARQL variable name: {name!r}")
    return text


def values_block(bindings: Mapping[str | Variable, Node]) -> str:
    """A one-row ``VALUES (?a ?b) { (… …) }`` block for ``bindings``.

    >>> values_block({"org": URIRef("http://e/o/1"), "n": Literal(3)})
    'VALUES (?org ?n) { (<http://e/o/1> "3"^^<http://www.w3.org/2001/XMLSchema#integer>) }'
    """
    names = [_var_name(k) for k in bindings]
    values = []
    for value in bindings.values():
        if isinstance(value, BNode):
            raise QueryError("a blank node cannot be bound in a query sent to a remote store")
        values.append(sparql_term(value))
    return f"VALUES ({' '.join('?' + n for n in names)}) {{ ({' '.join(values)}) }}"


def _tokens(query: str) -> Iterator[tuple[int, str]]:
    """``(offset, token)`` for each keyword-like word and each brace of ``query``.

    Words come upper-cased; strings, IRIs, comments, variables and prefixed
    names' local parts are skipped, so none of them can pass for a keyword.
    """
    i, n = 0, len(query)
    while i < n:
        c = query[i]
        if c == "#":
            end = query.find("\n", i)
            i = n if end < 0 else end + 1
        elif c in "\"'":
            i = _string_end(query, i)
        elif c == "<" and _iri_end(query, i) > 0:
            i = _iri_end(query, i)
        elif c in "?$":
            i += 1
            while i < n and (query[i].isalnum() or query[i] == "_"):
                i += 1
        elif c.isalpha():
            j = i
            while j < n and (query[j].isalnum() or query[j] in "_-:."):
                j += 1
            if i == 0 or query[i - 1] != ":":
                yield i, query[i:j].upper()
            i = j
        else:
            if c in "{}":
                yield i, c
            i += 1


_FORMS = ("SELECT", "ASK", "CONSTRUCT", "DESCRIBE")


def query_form(query: str) -> str:
    """``SELECT``, ``ASK``, ``CONSTRUCT`` or ``DESCRIBE``.

    >>> query_form('PREFIX ex: <http://e/select#>\\nCONSTRUCT { ?s ex:p "ASK" } WHERE {}')
    'CONSTRUCT'
    """
    for _, token in _tokens(query):
        if token in _FORMS:
            return token
    raise QueryError("not a SPARQL query: no SELECT, ASK, CONSTRUCT or DESCRIBE")


def where_brace(query: str) -> int:
    """Offset of the ``{`` that opens the outermost ``WHERE`` group of ``query``.

    Strings, IRIs and comments are skipped; a ``CONSTRUCT`` template is
    skipped too. Raises :class:`QueryError` if there is none (``DESCRIBE <x>``,
    or ``CONSTRUCT WHERE {…}``, whose group can hold only triples).

    >>> q = 'PREFIX ex: <http://e/#>\\nSELECT ("{" AS ?b) # {\\nWHERE { ?s ?p ?o }'
    >>> q[where_brace(q):]
    '{ ?s ?p ?o }'
    >>> q = "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }"
    >>> where_brace(q)
    29
    """
    form = query_form(query)
    depth = 0
    previous = ""
    template_done = form != "CONSTRUCT"
    for i, token in _tokens(query):
        if token == "{":
            if depth == 0:
                if template_done:
                    return i
                if previous == "WHERE":
                    raise QueryError(
                        "CONSTRUCT WHERE {…} cannot take bindings: write the template out"
                    )
                template_done = True  # this brace opens the template, not the pattern
            depth += 1
        elif token == "}":
            depth -= 1
        elif depth == 0:
            previous = token
    raise QueryError("the query has no WHERE group to bind values in")


def _string_end(text: str, i: int) -> int:
    quote = text[i]
    if text.startswith(quote * 3, i):
        end = text.find(quote * 3, i + 3)
        while end > 0 and _escaped(text, end):
            end = text.find(quote * 3, end + 1)
        return len(text) if end < 0 else end + 3
    j = i + 1
    while j < len(text):
        if text[j] == "\\":
            j += 2
            continue
        if text[j] == quote or text[j] == "\n":
            return j + 1
        j += 1
    return len(text)


def _escaped(text: str, i: int) -> bool:
    backslashes = 0
    while i - 1 - backslashes >= 0 and text[i - 1 - backslashes] == "\\":
        backslashes += 1
    return backslashes % 2 == 1


def _iri_end(text: str, i: int) -> int:
    """End (exclusive) of the IRIREF starting at ``i``, or -1 if ``<`` is an operator."""
    j = i + 1
    while j < len(text):
        c = text[j]
        if c == ">":
            return j + 1
        if c in _IRI_FORBIDDEN or ord(c) <= 0x20:
            return -1
        j += 1
    return -1


def bind_values(query: str, bindings: Mapping[str | Variable, Node] | None) -> str:
    """``query`` with ``bindings`` joined in as a ``VALUES`` block opening its WHERE group.

    Inside the group the block joins with everything that follows, so each
    bound variable holds its value throughout the pattern, before any
    grouping or aggregation — as pyoxigraph's substitutions behave.

    >>> bind_values("SELECT ?t WHERE { ?t <http://e/assignee> ?org }",
    ...             {"org": URIRef("http://e/o/1")})
    'SELECT ?t WHERE { VALUES (?org) { (<http://e/o/1>) } ?t <http://e/assignee> ?org }'
    """
    if not bindings:
        return query
    at = where_brace(query) + 1
    return f"{query[:at]} {values_block(bindings)}{query[at:]}"


def insert_data(graphs: Iterable[tuple[str, Iterable[tuple[Node, Node, Node]]]]) -> str:
    """One ``INSERT DATA`` holding a ``GRAPH <g> { … }`` block per named graph.

    >>> triples = [(URIRef("http://e/a"), URIRef("http://e/b"), Literal(1))]
    >>> print(insert_data([("http://e/g", triples)]))
    INSERT DATA {
    GRAPH <http://e/g> {
    <http://e/a> <http://e/b> "1"^^<http://www.w3.org/2001/XMLSchema#integer> .
    }
    }
    """
    return _data("INSERT DATA", graphs)


def delete_data(graphs: Iterable[tuple[str, Iterable[tuple[Node, Node, Node]]]]) -> str:
    """One ``DELETE DATA`` holding a ``GRAPH <g> { … }`` block per named graph.

    >>> print(delete_data([("http://e/g", [(URIRef("http://e/a"), URIRef("http://e/b"), URIRef("http://e/c"))])]))
    DELETE DATA {
    GRAPH <http://e/g> {
    <http://e/a> <http://e/b> <http://e/c> .
    }
    }
    """
    return _data("DELETE DATA", graphs)


def _data(keyword: str, graphs: Iterable[tuple[str, Iterable[tuple[Node, Node, Node]]]]) -> str:
    parts = [keyword, " {\n"]
    for graph_iri, triples in graphs:
        parts.append(f"GRAPH {sparql_iri(graph_iri)} {{\n")
        parts.extend(
            f"{sparql_term(s)} {sparql_term(p)} {sparql_term(o)} .\n" for s, p, o in triples
        )
        parts.append("}\n")
    parts.append("}")
    return "".join(parts)


def declared_prefixes(query: str) -> set[str]:
    """The prefix names ``query`` declares itself.

    >>> sorted(declared_prefixes("PREFIX eli: <http://e/> prefix : <http://x/> SELECT * {}"))
    ['', 'eli']
    """
    names: set[str] = set()
    for at, word in _tokens(query):
        if word == "PREFIX":
            rest = query[at + len(word) :].lstrip()
            name, colon, _ = rest.partition(":")
            if colon and name.replace("_", "").replace("-", "").replace(".", "").isalnum():
                names.add(name)
            elif colon and not name:
                names.add("")
    return names
