"""RDF term syntax in one place: N-Triples terms for the builder, SPARQL terms for queries
and updates, and the ``DROP GRAPH`` update every writer of chidao's graphs uses.

Every IRI or string chidao writes into RDF or SPARQL text goes through here
(or through pyoxigraph's own serialiser, in :mod:`chidao.graph.store`), so a bad
IRI can only be refused, never end a term early.

>>> print(drop_graphs(["https://w3id.org/chidao/graph/a", "https://w3id.org/chidao/graph/b"]))
DROP SILENT GRAPH <https://w3id.org/chidao/graph/a> ;
DROP SILENT GRAPH <https://w3id.org/chidao/graph/b>
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from chidao.graph.rdf.sparql_text import sparql_iri, sparql_iris, sparql_term

# --- N-Triples terms -------------------------------------------------------------------------

# Characters no IRI may hold, written as \u escapes: a parser decodes them and then refuses
# the IRI, so a bad IRI fails the load and can never end the term early.
_IRI_BAD = re.compile(r'[\x00-\x20<>"{}|^`\\]')  # e.g. the space and ">" of "http://x> <y"
# What a string literal may not hold raw (N-Triples ECHAR), and the usual controls.
_STRING_BAD = re.compile(r'[\\"\n\r\t\b\f]')  # e.g. the quotes of 'Say "hi"'
_ECHAR = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t", "\b": "\\b", "\f": "\\f"}
_UNECHAR = {v: k for k, v in _ECHAR.items()}
_ESCAPED = re.compile(r"\\(?:u[0-9A-Fa-f]{4}|.)")  # e.g. \" or \u003E, read back


def _uchar(m: re.Match[str]) -> str:
    return f"\\u{ord(m.group()):04X}"


def nt_iri(iri: str) -> str:
    """``iri`` as an N-Triples term.

    >>> nt_iri("https://w3id.org/chidao/doc/chinh-phu/2021/30-nq-cp")
    '<https://w3id.org/chidao/doc/chinh-phu/2021/30-nq-cp>'
    >>> print(nt_iri("http://x> <http://y"))  # refused by any parser, never two terms
    <http://x\\u003E\\u0020\\u003Chttp://y>
    """
    if _IRI_BAD.search(iri) is None:
        return f"<{iri}>"
    return "<" + _IRI_BAD.sub(_uchar, iri) + ">"


def nt_string(text: str) -> str:
    """``text`` as a plain (``xsd:string``) literal.

    >>> print(nt_string('Say "hi"\\n'))
    "Say \\"hi\\"\\n"
    """
    if _STRING_BAD.search(text) is None:
        return f'"{text}"'
    return '"' + _STRING_BAD.sub(lambda m: _ECHAR[m.group()], text) + '"'


def drop_graphs(graphs: Iterable[str]) -> str:
    """One SPARQL update (one transaction) dropping ``graphs``; each IRI checked."""
    return " ;\n".join(f"DROP SILENT GRAPH {sparql_iri(g)}" for g in graphs)


__all__ = ["drop_graphs", "nt_iri", "nt_string", "sparql_iri", "sparql_iris", "sparql_term"]
