"""Registry graphs no graph refers to any more, dropped.

An organisation, unit, document type, change event or agent is described once,
in a registry graph of its own (:func:`chidao.graph.rdf.ids.registry_graph_iri`),
written the first time a file names it. When files are replaced or pruned, a
description may lose the last file that named it; left in place, the store
would differ from a clean ingest of the same files, and queries over the
registry (``documents-by-level``, the views' organisation lists) would show
bodies no document mentions.

:func:`collect_registry` finds them with one query per round — a registry
graph whose described term is the object of no statement in any other graph —
and drops them in one transaction. A unit named only by a dropped organisation
becomes unreferenced in turn, so rounds repeat until none is found (the
registry's chains are short: organisation → unit → province → change event).
"""

from __future__ import annotations

from chidao.graph.rdf.build import REGISTRY_TYPES
from chidao.graph.rdf.ids import REGISTRY_GRAPHS
from chidao.graph.rdf.terms import drop_graphs
from chidao.graph.store.oxigraph import TripleStore

# Registry graphs whose described term (the subject typed in it) no other graph points to.
# Only the registry's classes are read: every file types its documents and itself, and reading
# those took a minute per ingest at 4·10^5 documents.
_UNREFERENCED = f"""
SELECT DISTINCT ?r WHERE {{
  VALUES ?type {{ {" ".join(REGISTRY_TYPES)} }}
  GRAPH ?r {{ ?t a ?type }}
  FILTER (STRSTARTS(STR(?r), "{REGISTRY_GRAPHS}"))
  FILTER NOT EXISTS {{ GRAPH ?g {{ ?x ?p ?t }} FILTER (?g != ?r) }}
}}
"""

#: Rounds at most: the registry's reference chains are far shorter.
MAX_ROUNDS = 8


def collect_registry(store: TripleStore) -> list[str]:
    """Drop the registry graphs nothing refers to; returns their IRIs, in the order dropped."""
    dropped: list[str] = []
    for _ in range(MAX_ROUNDS):
        found = sorted(str(r) for (r,) in store.query(_UNREFERENCED).rows)
        if not found:
            break
        store.update(drop_graphs(found))  # one update, one transaction
        dropped.extend(found)
    return dropped
