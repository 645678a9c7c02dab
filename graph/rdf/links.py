"""What a year-less citation points to: the linking policy, apart from building and storing.

A file's graph holds each citation as printed (:mod:`chidao.graph.rdf.build`).
A citation that names its issuer and year names its document's IRI, and the
file's graph links to it directly.  One that omits either (``Thực hiện Kế
hoạch số 12-KH/TU``) names only a *placeholder* (``doc/_/_/12-kh-tu``,
``doc/tinh-uy-x/_/12-kh-tu``…) described as read, with its number's key; which
document it stands for depends on what else is stored, so its link lives in a
*links graph* of the citing file (:func:`links_graph_iri`), derived here from
the documents known with that key (:func:`link_statements`) and written by
:mod:`chidao.graph.ingest.link`:

- exactly one known document (complete: issuer and year) fits the number and
  the issuer or year the citation gives → the citing document links to it;
- none → it links to the placeholder, typed as a document known only from
  citations;
- several → the placeholder too, and the citation's span lists them as
  ``chidao:candidate``\\ s with ``chidao:ambiguous true``: never a merge.

The result depends only on the stored file graphs, never on the order they
arrived in.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from rdflib import URIRef

from chidao.graph.rdf import ids
from chidao.graph.rdf.build import (
    N_CHIDAO,
    N_ELI,
    N_RDF,
    N_XSD,
    PrintedCitation,
    Statements,
    nt_iri,
)

#: Links graphs' IRIs begin so.
LINKS = ids.BASE + "graph/links/"


def links_graph_iri(graph: str) -> URIRef:
    """The links graph of the file graph ``graph``.

    >>> str(links_graph_iri(ids.BASE + "graph/ab12/cd34"))
    'https://w3id.org/chidao/graph/links/ab12/cd34'
    """
    return URIRef(LINKS + graph[len(ids.BASE + "graph/") :])


def file_graph_iri(links: str) -> str:
    """The file graph a links graph belongs to (the inverse of :func:`links_graph_iri`).

    >>> file_graph_iri(ids.BASE + "graph/links/ab12/cd34")
    'https://w3id.org/chidao/graph/ab12/cd34'
    """
    return ids.BASE + "graph/" + links[len(LINKS) :]


def resolve(citation: PrintedCitation, known: Iterable[str]) -> tuple[str, tuple[str, ...]]:
    """``(target, candidates)`` of ``citation`` among the ``known`` documents with its key.

    >>> c = PrintedCitation("g", "d", "p", ids.BASE + "doc/_/2021/12-kh", "s", "12/kh")
    >>> resolve(c, [ids.BASE + "doc/ubnd-x/2021/12-kh", ids.BASE + "doc/ubnd-x/2020/12-kh"])
    ('https://w3id.org/chidao/doc/ubnd-x/2021/12-kh', ())
    >>> resolve(c, [])
    ('https://w3id.org/chidao/doc/_/2021/12-kh', ())
    """
    want = ids.DocKey.parse(citation.placeholder)
    found = set()
    for iri in known:
        key = ids.DocKey.parse(iri)
        if key is None or not key.complete or iri == citation.placeholder:
            continue  # a placeholder is never a candidate
        if want is not None and want.issuer is not None and key.issuer != want.issuer:
            continue
        if want is not None and want.year is not None and key.year != want.year:
            continue
        found.add(iri)
    if len(found) == 1:
        return found.pop(), ()
    return citation.placeholder, tuple(sorted(found))


def link_statements(
    graph: str, citations: Iterable[PrintedCitation], known: Mapping[str, Iterable[str]]
) -> Statements:
    """The links graph of the file graph ``graph``: its ``citations`` resolved among
    ``known`` (number key → documents with that key)."""
    out: dict[tuple[str, str, str], None] = {}
    iris: dict[str, None] = {}

    def add(s: str, p: str, o: str) -> None:
        out[(s, p, o)] = None

    def iri(value: str) -> str:
        iris[value] = None
        return nt_iri(value)

    for c in sorted(citations, key=lambda c: (c.span, c.placeholder, c.relation)):
        target, candidates = resolve(c, known.get(c.key, ()))
        if target == c.doc:
            continue  # a document does not cite itself
        add(iri(c.doc), nt_iri(c.relation), iri(target))
        if target == c.placeholder:
            add(iri(target), N_RDF.type, N_ELI.LegalResource)
        for candidate in candidates:
            add(iri(c.span), N_CHIDAO.candidate, iri(candidate))
        if len(candidates) > 1:
            add(iri(c.span), N_CHIDAO.ambiguous, f'"true"^^{N_XSD.boolean}')
    return Statements(tuple(out), tuple(iris))


__all__ = [
    "LINKS",
    "PrintedCitation",
    "file_graph_iri",
    "link_statements",
    "links_graph_iri",
    "resolve",
]
