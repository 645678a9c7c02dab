"""Keep the list of documents known only from citations in step with the store.

:data:`~chidao.graph.rdf.cited.CITED_ONLY` lists every document typed in some
stored graph (a file's cited document, or a placeholder a links graph leaves
unresolved) that no stored file is the source of, with the least issuer the
files describing it print. The link stage (:func:`chidao.graph.ingest.link.link`)
calls :func:`refresh` once the links graphs are written and before the pending
graphs go, with the documents a write may have changed the standing of; a kill
in between leaves the pending graphs, and the next run checks them again.

Each document is checked by look-ups (about 0.2 ms each at 10^5 documents);
past :data:`MIN_WHOLE` documents, or as many as the list holds, the list is
derived whole in one query instead (0.6 s at 10^5, 6.5 s at 10^6): the same
result, as the tests check. A store written before the list existed has it
derived whole at its next ingest (:data:`~chidao.graph.rdf.cited.DERIVED` tells).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

from rdflib import URIRef

from chidao.graph.rdf.cited import CITED_ONLY, DERIVED, Listing, change_update
from chidao.graph.rdf.sparql_text import insert_data, sparql_iri, sparql_iris
from chidao.graph.store.oxigraph import TripleStore

#: Documents per VALUES block.
CHUNK = 400

#: Fewer documents to check than this (or than the list holds) are looked up one by one.
MIN_WHOLE = 5000

# Every document typed somewhere and the source of no file, with the least issuer printed.
_WHOLE = """
SELECT ?d (MIN(?by) AS ?issuer) WHERE {
  { SELECT DISTINCT ?d WHERE {
      { GRAPH ?t { ?d a eli:LegalResource } }
      MINUS { GRAPH ?s { ?d prov:hadPrimarySource ?f } }
  } }
  OPTIONAL { GRAPH ?h { ?d eli:passed_by ?by } }
}
GROUP BY ?d
"""

# The same, for the documents of a VALUES block.
_SOME = """
SELECT ?d (MIN(?by) AS ?issuer) WHERE {{
  VALUES ?d {{ {values} }}
  FILTER EXISTS {{ GRAPH ?t {{ ?d a eli:LegalResource }} }}
  FILTER NOT EXISTS {{ ?d prov:hadPrimarySource ?f }}
  OPTIONAL {{ GRAPH ?h {{ ?d eli:passed_by ?by }} }}
}}
GROUP BY ?d
"""

# The list as stored (restricted by a VALUES block, or "").
_LISTED = """
SELECT ?d ?issuer WHERE {{
  {values}
  GRAPH {graph} {{ ?d a chidao:CitedOnlyDocument OPTIONAL {{ ?d chidao:citedIssuer ?issuer }} }}
}}
"""

_LISTED_COUNT = """
SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH {graph} {{ ?d a chidao:CitedOnlyDocument }} }}
"""

_DERIVED = "ASK {{ GRAPH {graph} {{ {graph} a chidao:CitedOnlyGraph }} }}"


@dataclass
class CitedSummary:
    """What :func:`refresh` did."""

    checked: int = 0  # documents checked (all listed, when derived whole)
    whole: bool = False  # derived whole rather than document by document
    listed: int = 0  # entries added or changed
    unlisted: int = 0  # entries removed


def _chunks(items: Sequence[str], n: int = CHUNK) -> Iterator[Sequence[str]]:
    for i in range(0, len(items), n):
        yield items[i : i + n]


def _listing(rows: Iterable[Sequence[object]]) -> dict[str, str | None]:
    return {
        str(d): (str(i) if isinstance(i, URIRef) else None)
        for d, i in rows
        if isinstance(d, URIRef)
    }


def is_derived(store: TripleStore) -> bool:
    """Whether the store's list has been derived whole (a store from before it was not)."""
    return bool(store.query(_DERIVED.format(graph=sparql_iri(CITED_ONLY))).boolean)


def listed(store: TripleStore, documents: Sequence[str] | None = None) -> dict[str, str | None]:
    """The list as stored, for ``documents`` (all when ``None``): document → issuer printed."""
    values = "" if documents is None else f"VALUES ?d {{ {sparql_iris(documents)} }}"
    return _listing(store.query(_LISTED.format(values=values, graph=sparql_iri(CITED_ONLY))).rows)


def derive(store: TripleStore, documents: Iterable[str] | None = None) -> dict[str, str | None]:
    """What the list should hold, for ``documents`` (every document when ``None``)."""
    if documents is None:
        return _listing(store.query(_WHOLE).rows)
    out: dict[str, str | None] = {}
    for part in _chunks(sorted(set(documents))):
        out.update(_listing(store.query(_SOME.format(values=sparql_iris(part))).rows))
    return out


def refresh(store: TripleStore, documents: Iterable[str] | None) -> CitedSummary:
    """Bring the list in step with the store for ``documents`` (all when ``None``)."""
    summary = CitedSummary()
    graph = sparql_iri(CITED_ONLY)
    todo = None if documents is None else sorted(set(documents))
    if todo is not None and is_derived(store):
        count = list(store.query(_LISTED_COUNT.format(graph=graph)).rows)
        size = int(str(count[0][0])) if count else 0
        if len(todo) < max(MIN_WHOLE, size):
            summary.checked = len(todo)
            for part in _chunks(todo):
                _apply(store, listed(store, part), derive(store, part), summary)
            return summary
    summary.whole = True
    before = listed(store)
    after = derive(store)
    summary.checked = len(after)
    _apply(store, before, after, summary)
    if not is_derived(store):
        store.update(insert_data([(CITED_ONLY, [DERIVED])]))
    return summary


def _apply(store: TripleStore, before: Listing, after: Listing, summary: CitedSummary) -> None:
    text = change_update(before, after)
    if text is None:
        return
    store.update(text)
    summary.listed += sum(1 for d, i in after.items() if d not in before or before[d] != i)
    summary.unlisted += sum(1 for d in before if d not in after)


__all__ = ["CitedSummary", "derive", "is_derived", "listed", "refresh"]
