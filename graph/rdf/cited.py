"""Documents known only from citations: the graph that lists them, apart from deriving it.

A document some stored file cites while no stored file is its source (its
``prov:hadPrimarySource``) is known only from citations: the documents worth
collecting next, and half of what ``@documents-by-level`` counts. Finding them
means joining every document of the store with every source file — a second
at 10^5 documents — so the graph :data:`CITED_ONLY` lists them, each with the
issuer its citing files print (the least IRI where they differ). It is derived
from the stored file and links graphs by :mod:`chidao.graph.ingest.cited`; this
module holds its IRI and its syntax.

>>> from rdflib import URIRef
>>> before = {"http://e/d1": "http://e/org1", "http://e/d2": None}
>>> after = {"http://e/d1": "http://e/org2", "http://e/d2": None}
>>> print(change_update(before, after))
DELETE DATA {
GRAPH <https://w3id.org/chidao/graph/cited-only> {
<http://e/d1> <https://w3id.org/chidao/ontology#citedIssuer> <http://e/org1> .
}
} ;
INSERT DATA {
GRAPH <https://w3id.org/chidao/graph/cited-only> {
<http://e/d1> <https://w3id.org/chidao/ontology#citedIssuer> <http://e/org2> .
}
}
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from rdflib import RDF, URIRef
from rdflib.term import Node

from chidao.graph.rdf import ids
from chidao.graph.rdf.sparql_text import delete_data, insert_data
from chidao.ontology.namespaces import CHIDAO

#: The graph listing the documents known only from citations.
CITED_ONLY = ids.BASE + "graph/cited-only"

#: The statement saying the graph has been derived whole from the store.
DERIVED = (URIRef(CITED_ONLY), RDF.type, CHIDAO.CitedOnlyGraph)

#: A listing: document IRI → the issuer its citing files print (``None``: none printed).
Listing = Mapping[str, "str | None"]


def listing_triples(listing: Listing) -> Iterator[tuple[Node, Node, Node]]:
    """The statements of ``listing`` in :data:`CITED_ONLY`.

    >>> for t in listing_triples({"http://e/d": "http://e/org"}):
    ...     print(t[1].split("#")[1])
    type
    citedIssuer
    """
    for doc, issuer in sorted(listing.items()):
        yield URIRef(doc), RDF.type, CHIDAO.CitedOnlyDocument
        if issuer is not None:
            yield URIRef(doc), CHIDAO.citedIssuer, URIRef(issuer)


def change_update(before: Listing, after: Listing) -> str | None:
    """One SPARQL update (one transaction) turning the listing ``before`` into ``after``.

    Only documents whose entry differs are written; ``None`` when none does.
    Every IRI goes through :func:`~chidao.graph.rdf.sparql_text.sparql_iri`.
    """
    gone = {d: i for d, i in before.items() if d not in after or after[d] != i}
    new = {d: i for d, i in after.items() if d not in before or before[d] != i}
    old_triples = set(listing_triples(gone))
    new_triples = set(listing_triples(new))
    drop, add = old_triples - new_triples, new_triples - old_triples
    parts = []
    if drop:
        parts.append(delete_data([(CITED_ONLY, sorted(drop))]))
    if add:
        parts.append(insert_data([(CITED_ONLY, sorted(add))]))
    return " ;\n".join(parts) or None


__all__ = ["CITED_ONLY", "DERIVED", "Listing", "change_update", "listing_triples"]
