"""Relink: citations that waited for a document ingested after them.

A citation that prints its number but not its year (``Thực hiện Kế hoạch số
12-KH/TU của Ban Thường vụ Tỉnh ủy``) is resolved at ingest against the
documents already known (:func:`chidao.graph.rdf.ids.citation_target`).  When the
cited document is not in the store yet, the citation points to a placeholder
(``doc/tinh-uy-ninh-binh/_/12-kh-tu``).  The order in which files are ingested
must not decide the graph, so once a document is stored, the files whose
citations point to one of *its* placeholders are built again: their citations
then resolve to it (or list it among the candidates).

A document ``doc/I/Y/N`` can only be what three placeholders stand for —
``doc/_/_/N``, ``doc/I/_/N`` and ``doc/_/Y/N`` — so finding the files that
waited for it costs a few index look-ups, not a pass over the store.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path
from urllib.parse import unquote, urlparse

from chidao.errors import ChidaoError
from chidao.extract.batch import extract_file
from chidao.graph.rdf import ids
from chidao.graph.rdf.build import build_record
from chidao.graph.rdf.sparql_text import sparql_iri
from chidao.graph.store.oxigraph import GraphWrite, TripleStore, store_lookup

#: Placeholders asked about per query (a VALUES block of IRIs chidao minted).
CHUNK = 300

# The files (graph, file URL) holding a citation that points to one of ?p.
_WAITING = """
SELECT DISTINCT ?g ?url WHERE {{
    VALUES ?p {{ {values} }}
    GRAPH ?g {{ ?p chidao:citationSpan ?m . ?g prov:wasDerivedFrom ?f . ?f nfo:fileUrl ?url }}
}}
"""


def placeholders(doc: str) -> list[str]:
    """The placeholder IRIs a citation of the complete document ``doc`` may point to.

    >>> placeholders(ids.BASE + "doc/tinh-uy-x/2021/12-kh-tu")  # doctest: +NORMALIZE_WHITESPACE
    ['https://w3id.org/chidao/doc/_/_/12-kh-tu', 'https://w3id.org/chidao/doc/tinh-uy-x/_/12-kh-tu',
     'https://w3id.org/chidao/doc/_/2021/12-kh-tu']
    >>> placeholders(ids.BASE + "doc/_/_/12-kh-tu")
    []
    """
    key = ids.DocKey.parse(doc)
    if key is None or not key.complete:
        return []
    base = f"{ids.BASE}doc/"
    return [
        f"{base}{ids.UNKNOWN}/{ids.UNKNOWN}/{key.number}",
        f"{base}{key.issuer}/{ids.UNKNOWN}/{key.number}",
        f"{base}{ids.UNKNOWN}/{key.year}/{key.number}",
    ]


def waiting_files(store: TripleStore, docs: Iterable[str]) -> dict[str, str]:
    """``{graph: file path}`` of the files with a citation waiting for one of ``docs``."""
    wanted = sorted({p for d in docs for p in placeholders(d)})
    found: dict[str, str] = {}
    for i in range(0, len(wanted), CHUNK):
        values = " ".join(sparql_iri(p) for p in wanted[i : i + CHUNK])
        for g, url in store.query(_WAITING.format(values=values)).rows:
            found[str(g)] = unquote(urlparse(str(url)).path)
    return found


def rebuild(
    store: TripleStore, files: dict[str, str], batch_size: int
) -> Iterator[tuple[str, str, int, str | None]]:
    """Build the graphs of ``files`` again and replace them, ``batch_size`` files a write.

    Yields ``(source, graph, triples, problem)`` per file once its batch is
    written; ``problem`` says why a file was left as it was (gone, changed on
    disk since it was ingested, or unreadable now).
    """
    from chidao.graph.ingest.ingest import registry_writes  # ingest imports this module

    lookup = store_lookup(store)
    registered: set[str] = set()
    batch: list[tuple[GraphWrite, str, int]] = []
    for graph, path in sorted(files.items()):
        try:
            if not Path(path).is_file():
                yield path, graph, 0, "the file is gone; its citations stay as they were"
                continue
            record = extract_file(path)
        except ChidaoError as exc:
            yield path, graph, 0, f"cannot read it again: {exc.message}"
            continue
        if str(ids.graph_iri(record.sha256, record.source)) != graph:
            yield path, graph, 0, "changed since it was ingested; ingest it again"
            continue
        built = build_record(record, lookup)
        statements = built.statements
        for w in registry_writes(store, built, registered):
            batch.append((w, "", 0))
        batch.append(
            (
                GraphWrite(ids.graph_iri(record.sha256, record.source), statements),
                path,
                len(statements),
            )
        )
        if len(batch) >= batch_size:
            yield from _write(store, batch)
    if batch:
        yield from _write(store, batch)


def _write(
    store: TripleStore, batch: list[tuple[GraphWrite, str, int]]
) -> Iterator[tuple[str, str, int, str | None]]:
    store.write([w for w, _, _ in batch])  # each graph replaced whole, in one transaction
    done = [(path, str(w.graph), n, None) for w, path, n in batch if path]
    batch.clear()
    yield from done
