"""The link stage: year-less citations linked to the documents the store holds.

Ingest writes each file's graph as the file says it (:mod:`chidao.graph.rdf.build`)
and, in the same write, a *pending graph* naming what that batch may change the
links of: its file graphs (``chidao:linkGraph``: their own citations), the
complete documents it makes known for the first time (``chidao:linkDocument``:
a year-less citation may now resolve to one), and, for the files it replaces or
removes, every number key they described (``chidao:linkPending``: a document
may be known no more) and every document (``chidao:linkStanding``).
:func:`link` then derives, by queries over what is stored (never re-reading a
source file):

1. the file graphs to link: those listed, those citing a placeholder a new
   document could stand for (its IRI without its issuer, its year or both:
   :meth:`~chidao.graph.rdf.ids.DocKey.partial_iris`), and those holding a
   year-less citation with a pending key — never every file citing a popular
   number, which made each ingest cost time in proportion to the store;
2. all their year-less citations, and the documents known with those keys;
3. each such file's *links graph* (:func:`chidao.graph.rdf.links.link_statements`),
   written where it differs from the stored one, a chunk of graphs per write
   (each write whole or absent);
4. the list of documents known only from citations, for the documents whose
   standing these writes may have changed (:mod:`chidao.graph.ingest.cited`);
5. then the pending graphs are dropped.

A kill at any moment leaves the pending graphs in place (they go last), and
the next run — even one that ingests nothing — derives the same links again:
the store ends as a clean run leaves it.  The links depend only on the file
graphs stored, so the order in which files arrived never changes them.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from urllib.parse import unquote, urlparse

from rdflib import Literal, URIRef

from chidao.graph.ingest.cited import CitedSummary, is_derived, refresh
from chidao.graph.rdf import ids
from chidao.graph.rdf.build import (
    N_CHIDAO,
    PrintedCitation,
    Statements,
    nt_iri,
    nt_string,
    rdflib_triples,
)
from chidao.graph.rdf.links import link_statements, links_graph_iri
from chidao.graph.rdf.terms import drop_graphs, sparql_iris, sparql_term
from chidao.graph.store.oxigraph import GraphWrite, TripleStore
from chidao.ontology.namespaces import CHIDAO

#: Pending graphs' IRIs begin so.
PENDING = ids.BASE + "graph/pending/"

#: Keys or graphs per VALUES block.
CHUNK = 400

#: Links graphs per store write.
WRITE_CHUNK = 256

_PENDING = """
SELECT ?pg ?kind ?x WHERE {
  VALUES ?kind { chidao:linkPending chidao:linkGraph chidao:linkDocument chidao:linkStanding }
  GRAPH ?pg { ?pg ?kind ?x }
}
"""

# File graphs citing one of the placeholders (year-less citations).
_CITING_PLACEHOLDERS = """
SELECT DISTINCT ?g WHERE {{
  VALUES ?p {{ {values} }}
  GRAPH ?g {{ ?p chidao:citationSpan ?m }}
}}
"""

# The documents among these that some graph describes with a number key.
_DESCRIBED = "SELECT DISTINCT ?d WHERE {{ VALUES ?d {{ {values} }} ?d chidao:numberKey ?k }}"

_CITING = """
SELECT DISTINCT ?g WHERE {{
  VALUES ?k {{ {values} }}
  GRAPH ?g {{
    ?p chidao:numberKey ?k ; chidao:citationSpan ?m .
    ?m chidao:relation ?r .
    ?g prov:wasDerivedFrom ?f . ?doc prov:hadPrimarySource ?f .
    FILTER (?p != ?doc)
  }}
}}
"""

_CITATIONS = """
SELECT ?g ?doc ?r ?p ?m ?k WHERE {{
  VALUES ?g {{ {values} }}
  GRAPH ?g {{
    ?p chidao:citationSpan ?m ; chidao:numberKey ?k .
    ?m chidao:relation ?r .
    ?g prov:wasDerivedFrom ?f . ?doc prov:hadPrimarySource ?f .
    FILTER (?p != ?doc)
  }}
}}
"""

_KNOWN = "SELECT DISTINCT ?d ?k WHERE {{ VALUES ?k {{ {values} }} ?d chidao:numberKey ?k }}"

_FILE_URL = """
SELECT ?g ?url WHERE {{
  VALUES ?g {{ {values} }}
  GRAPH ?g {{ ?g prov:wasDerivedFrom ?f . ?f nfo:fileUrl ?url }}
}}
"""

# Every document the graphs describe or type (their own, those they cite, placeholders),
# with its number key where it has one.
_GRAPH_DOCUMENTS = """
SELECT DISTINCT ?d ?k WHERE {{
  VALUES ?g {{ {values} }}
  GRAPH ?g {{ {{ ?d chidao:numberKey ?k }} UNION {{ ?d a eli:LegalResource }} }}
}}
"""


@dataclass
class LinkSummary:
    """What :func:`link` did: links graphs written, and the files whose links changed."""

    keys: int = 0
    graphs: int = 0  # links graphs derived
    written: int = 0  # of which differed from the store and were written
    changed: dict[str, str] = field(default_factory=dict)  # file graph → file path
    cited: CitedSummary = field(default_factory=CitedSummary)  # the cited-only list


def _chunks(items: Sequence[str], n: int = CHUNK) -> Iterator[Sequence[str]]:
    for i in range(0, len(items), n):
        yield items[i : i + n]


def _keys(keys: Iterable[str]) -> str:
    return " ".join(sparql_term(Literal(k)) for k in keys)


def _partials(documents: Iterable[str]) -> set[str]:
    """The placeholders the complete ``documents`` could stand for (no issuer, year or both)."""
    return {
        p
        for d in documents
        if (key := ids.DocKey.parse(d)) is not None and key.complete
        for p in key.partial_iris()
    }


def pending_write(
    keys: Iterable[str],
    graphs: Iterable[str],
    documents: Iterable[str] = (),
    standing: Iterable[str] = (),
) -> GraphWrite | None:
    """The pending graph of a batch (``None`` when it names nothing).

    ``graphs``: file graphs whose own citations to link; ``documents``: complete documents
    made known; ``keys``: number keys whose every year-less citation to link again;
    ``standing``: documents replaced or removed files described, whose standing to check again.
    Its IRI is a hash of what it names, so writing the same batch again names the same graph.
    """
    keys, graphs = sorted(set(keys)), sorted(set(graphs))
    documents, standing = sorted(set(documents)), sorted(set(standing))
    if not (keys or graphs or documents or standing):
        return None
    text = "\n".join([*graphs, "", *keys, "", *documents, "", *standing])
    iri = PENDING + hashlib.sha256(text.encode("utf-8")).hexdigest()[:32]
    term = nt_iri(iri)
    triples = (
        *((term, N_CHIDAO.linkPending, nt_string(k)) for k in keys),
        *((term, N_CHIDAO.linkGraph, nt_iri(g)) for g in graphs),
        *((term, N_CHIDAO.linkDocument, nt_iri(d)) for d in documents),
        *((term, N_CHIDAO.linkStanding, nt_iri(d)) for d in standing),
    )
    return GraphWrite(
        URIRef(iri), Statements(tuple(triples), (iri, *graphs, *documents, *standing))
    )


def described_documents(statements: Statements) -> set[str]:
    """The complete documents (issuer and year) a file graph describes with a number key:
    its own and those its citations name in full."""
    found = set()
    for s, p, _o in statements.triples:
        if p == N_CHIDAO.numberKey:
            iri = s[1:-1]
            key = ids.DocKey.parse(iri)
            if key is not None and key.complete:
                found.add(iri)
    return found


def new_documents(store: TripleStore, documents: Iterable[str]) -> set[str]:
    """Those of ``documents`` no graph of the store describes yet (one query per chunk)."""
    todo = sorted(set(documents))
    known: set[str] = set()
    for part in _chunks(todo):
        known.update(
            str(d) for (d,) in store.query(_DESCRIBED.format(values=sparql_iris(part))).rows
        )
    return set(todo) - known


def stored_documents(store: TripleStore, graphs: Sequence[str]) -> tuple[set[str], set[str]]:
    """``(keys, documents)``: every number key and every document stored file ``graphs``
    describe — their own, those they cite (which may be known from them alone) and their
    placeholders. Ingest asks before it replaces or removes them; the link stage, of the files
    a batch wrote."""
    keys: set[str] = set()
    documents: set[str] = set()
    for part in _chunks(list(graphs)):
        for d, k in store.query(_GRAPH_DOCUMENTS.format(values=sparql_iris(part))).rows:
            if isinstance(d, URIRef):
                documents.add(str(d))
            if k is not None:
                keys.add(str(k))
    return keys, documents


def link(store: TripleStore, write_chunk: int = WRITE_CHUNK) -> LinkSummary:
    """Derive and write the links graphs the pending keys call for; then drop the pending."""
    summary = LinkSummary()
    named: dict[str, set[str]] = defaultdict(set)
    pending: set[str] = set()
    for pg, kind, x in store.query(_PENDING).rows:
        pending.add(str(pg))
        named[str(kind)].add(str(x))
    if not pending:
        if not is_derived(store):  # a store written before the cited-only list existed
            summary.cited = refresh(store, None)
        return summary
    keys = sorted(named[str(CHIDAO.linkPending)])
    summary.keys = len(keys)
    citing: set[str] = set(named[str(CHIDAO.linkGraph)])
    for part in _chunks(keys):
        citing.update(str(g) for (g,) in store.query(_CITING.format(values=_keys(part))).rows)
    for part in _chunks(sorted(_partials(named[str(CHIDAO.linkDocument)]))):
        rows = store.query(_CITING_PLACEHOLDERS.format(values=sparql_iris(part))).rows
        citing.update(str(g) for (g,) in rows)
    citations: dict[str, list[PrintedCitation]] = defaultdict(list)
    for part in _chunks(sorted(citing)):
        for g, doc, r, p, m, k in store.query(_CITATIONS.format(values=sparql_iris(part))).rows:
            citations[str(g)].append(
                PrintedCitation(str(g), str(doc), str(r), str(p), str(m), str(k))
            )
    wanted = sorted({c.key for cs in citations.values() for c in cs})
    known: dict[str, list[str]] = defaultdict(list)
    for part in _chunks(wanted):
        for d, k in store.query(_KNOWN.format(values=_keys(part))).rows:
            if isinstance(d, URIRef):
                known[str(k)].append(str(d))
    writes = []
    for g in sorted(citations):
        statements = link_statements(g, citations[g], known)
        summary.graphs += 1
        lg = links_graph_iri(g)
        stored = set(store.graph_triples(str(lg)))
        if stored == set(rdflib_triples(statements)):
            continue
        writes.append(GraphWrite(lg, statements))
        if stored:
            summary.changed[g] = ""
    for part in _chunks(writes, write_chunk):  # type: ignore[arg-type]
        store.write(list(part))
        summary.written += len(part)
    if summary.changed:
        for part in _chunks(sorted(summary.changed)):
            for g, url in store.query(_FILE_URL.format(values=sparql_iris(part))).rows:
                summary.changed[str(g)] = unquote(urlparse(str(url)).path)
    # Documents whose standing (ingested, known only from citations, unknown) may have
    # changed: those the written and the replaced files describe, and the placeholders a
    # document made known or no longer known may have resolved or left unresolved.
    _, written = stored_documents(store, sorted(named[str(CHIDAO.linkGraph)]))
    standing = named[str(CHIDAO.linkStanding)] | named[str(CHIDAO.linkDocument)] | written
    summary.cited = refresh(store, standing | _partials(standing))
    # Last: until here a kill leaves the pending keys for the next run.
    store.update(drop_graphs(sorted(pending)))
    return summary
