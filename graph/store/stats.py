"""What the store holds, in a few counts."""

from __future__ import annotations

from chidao.graph.store.oxigraph import TripleStore
from chidao.ontology.vocabulary import SPAN_KINDS

#: Every span property, from the vocabulary's table (a span is an IRI, not a typed node).
_SPAN_PROPS = " ".join(sorted(f"<{k.prop}>" for k in SPAN_KINDS.values()))

#: Count name → SPARQL (``?n``), over the union of the files' graphs.
COUNTS: dict[str, str] = {
    "files": "SELECT (COUNT(DISTINCT ?g) AS ?n) WHERE { GRAPH ?g { ?g prov:wasDerivedFrom ?f } }",
    "documents": "SELECT (COUNT(DISTINCT ?d) AS ?n) WHERE { ?d a eli:LegalResource }",
    # The link stage's list (chidao.graph.ingest.cited), whose class no other graph states:
    # one look-up per document otherwise. (Over the union, not GRAPH <list>: a constant graph
    # read while another process writes the store made the reader's memory run away.)
    "cited_only": "SELECT (COUNT(*) AS ?n) WHERE { ?d a chidao:CitedOnlyDocument }",
    "organisations": "SELECT (COUNT(DISTINCT ?o) AS ?n) WHERE { ?o a org:Organization }",
    "tasks": "SELECT (COUNT(DISTINCT ?k) AS ?n) WHERE { ?d odrl:obligation ?k }",
    "relations": (
        "SELECT (COUNT(*) AS ?n) WHERE { SELECT DISTINCT ?a ?p ?b WHERE { "
        "VALUES ?p { eli:ensures_implementation_of eli:based_on eli:amends eli:repeals "
        "eli:cites dcterms:replaces } ?a ?p ?b } }"
    ),
    "spans": (
        f"SELECT (COUNT(DISTINCT ?m) AS ?n) WHERE {{ VALUES ?p {{ {_SPAN_PROPS} }} ?s ?p ?m }}"
    ),
}


def store_stats(store: TripleStore) -> dict[str, int]:
    """Counts of quads, files, documents (and those known only from citations),
    organisations, tasks, document relations and spans."""
    out = {"quads": store.triple_count()}
    for name, sparql in COUNTS.items():
        rows = list(store.query(sparql).rows)
        out[name] = int(rows[0][0]) if rows and rows[0][0] is not None else 0  # type: ignore[arg-type]
    return out
