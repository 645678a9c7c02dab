"""The complete NIF view of the stored spans, for interchange (``chidao export --provenance full``).

The store keeps one statement per mention: from what the span supports to the
span's RFC 5147 IRI ``<file/SHA#char=b,e>`` (:data:`chidao.ontology.vocabulary.SPAN_KINDS`).
Everything else NIF 2.0 says of a span follows from that statement and the
file's graph, and is spelt out here: ``nif:OffsetBasedString`` and the
mention's class, ``nif:beginIndex``/``nif:endIndex`` (from the IRI),
``nif:referenceContext`` (the file, a ``nif:Context``), ``itsrdf:taIdentRef``
(what the span names), ``chidao:field``, ``chidao:evidence`` from the fact,
and ``nif:anchorOf`` — the text itself: for an OCR'd, converted or web-page file
the text as read, stored once on the file (``nif:isString``); else read from the
source file when it is still there with the same SHA-256 (else left out: the
store never copies a plain file's text).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO
from urllib.parse import unquote, urlparse

import pyoxigraph as ox
from rdflib import URIRef

from chidao.graph.rdf.build import N_CHIDAO, N_ITSRDF, N_NFO, N_NIF, N_RDF, nt_iri, nt_string
from chidao.graph.rdf.implied import implied_quads
from chidao.graph.store.oxigraph import EXPORT_FORMATS, TripleStore
from chidao.ontology.vocabulary import SPAN_KINDS, SpanKind

_BY_PROP = {str(k.prop): k for k in SPAN_KINDS.values()}
_VALUES = " ".join(f"<{p}>" for p in _BY_PROP)

# One row per span statement, with what the NIF view needs from the same file's graph.
_SPANS = f"""
SELECT ?g ?h ?p ?span ?file ?url ?doc ?issuer ?assignee WHERE {{
  GRAPH ?g {{
    VALUES ?p {{ {_VALUES} }}
    ?h ?p ?span .
    ?g prov:wasDerivedFrom ?file .
    ?file nfo:fileUrl ?url .
    ?doc prov:hadPrimarySource ?file .
    OPTIONAL {{ ?doc eli:passed_by ?issuer }}
    OPTIONAL {{ ?h odrl:assignee ?assignee }}
  }}
}}
"""


@dataclass(frozen=True, slots=True)
class Span:
    """A span statement as stored, and its file."""

    graph: str
    holder: str
    kind: SpanKind
    iri: str
    file: str
    url: str
    doc: str
    issuer: str | None = None
    assignee: str | None = None

    @property
    def offsets(self) -> tuple[int, int]:
        """``(begin, end)`` from the IRI.

        >>> Span("g", "h", SPAN_KINDS["task"], "https://w3id.org/chidao/file/ab#char=3,9",
        ...      "f", "u", "d").offsets
        (3, 9)
        """
        begin, end = self.iri.rsplit("#char=", 1)[1].split(",")
        return int(begin), int(end)

    def refers_to(self) -> str | None:
        """What the span names (``itsrdf:taIdentRef``), if anything."""
        if self.kind.holder == "named":
            return None if self.holder == self.doc else self.holder
        if self.kind.name == "issuer":
            return self.issuer
        if self.kind.name == "assignee":
            return self.assignee
        return None

    def evidence_of(self) -> str:
        """The fact's node that ``chidao:evidence`` links from (the document for a name)."""
        return self.doc if self.kind.holder == "named" else self.holder


def stored_spans(store: TripleStore) -> Iterator[Span]:
    """Every span statement of the store's file graphs."""
    for g, h, p, span, file, url, doc, issuer, assignee in store.query(_SPANS).rows:
        yield Span(
            str(g),
            str(h),
            _BY_PROP[str(p)],
            str(span),
            str(file),
            str(url),
            str(doc),
            None if issuer is None else str(issuer),
            None if assignee is None else str(assignee),
        )


# The text as read of an OCR'd, converted or web-page file: stored once, on the file node.
_STORED_TEXT = "SELECT ?file ?text WHERE { GRAPH ?g { ?file nif:isString ?text } } LIMIT 1"


class _Texts:
    """The texts spans point into, by file IRI, each read once: the stored text as read
    (``nif:isString``) when the graph has it, else the source file while it still has
    the stored hash."""

    def __init__(self, store: TripleStore) -> None:
        self._store = store
        self._texts: dict[str, str | None] = {}

    def get(self, file: str, url: str) -> str | None:
        if file not in self._texts:
            rows = list(self._store.query(_STORED_TEXT, {"file": URIRef(file)}).rows)
            stored = rows[0][1] if rows else None
            self._texts[file] = str(stored) if stored is not None else _read(file, url)
        return self._texts[file]


def _read(file: str, url: str) -> str | None:
    from chidao.errors import ChidaoError
    from chidao.extract.read import read_path
    from chidao.graph.ingest.ingest import file_sha256

    path = Path(unquote(urlparse(url).path))
    if file_sha256(path) != file.rsplit("/", 1)[1]:
        return None  # gone or changed: the offsets no longer point into it
    try:
        return read_path(path).text
    except ChidaoError:
        return None


def nif_quads(store: TripleStore) -> Iterator[str]:
    """The NIF statements of every stored span, as N-Quads lines in the span's file graph."""
    texts = _Texts(store)
    files: set[tuple[str, str]] = set()
    for s in stored_spans(store):
        g, m = nt_iri(s.graph), nt_iri(s.iri)
        begin, end = s.offsets
        lines = [
            (m, N_RDF.type, N_NIF.OffsetBasedString),
            (m, N_RDF.type, nt_iri(str(s.kind.mention))),
            (m, N_NIF.beginIndex, f'"{begin}"^^<http://www.w3.org/2001/XMLSchema#integer>'),
            (m, N_NIF.endIndex, f'"{end}"^^<http://www.w3.org/2001/XMLSchema#integer>'),
            (m, N_NIF.referenceContext, nt_iri(s.file)),
            (nt_iri(s.evidence_of()), N_CHIDAO.evidence, m),
        ]
        if s.kind.field is not None:
            lines.append((m, N_CHIDAO.field, nt_string(s.kind.field)))
        ref = s.refers_to()
        if ref is not None:
            lines.append((m, N_ITSRDF.taIdentRef, nt_iri(ref)))
        text = texts.get(s.file, s.url)
        if text is not None and end <= len(text):
            lines.append((m, N_NIF.anchorOf, nt_string(text[begin:end])))
        if (s.graph, s.file) not in files:
            files.add((s.graph, s.file))
            f = nt_iri(s.file)
            lines.append((f, N_RDF.type, N_NIF.Context))
            lines.append((f, N_NIF.beginIndex, '"0"^^<http://www.w3.org/2001/XMLSchema#integer>'))
            digest = nt_iri(f"{s.file}#sha256")
            lines.append((f, N_NFO.hasHash, digest))
            lines.append((digest, N_RDF.type, N_NFO.FileHash))
            lines.append((digest, N_NFO.hashAlgorithm, nt_string("SHA-256")))
            lines.append((digest, N_NFO.hashValue, nt_string(s.file.rsplit("/", 1)[1])))
        for subject, prop, obj in lines:
            yield f"{subject} {prop} {obj} {g} .\n"


def export_full(store: TripleStore, fmt: str, out: IO[bytes]) -> None:
    """Export the store as :meth:`TripleStore.export` does, with the NIF view of every span
    and what the lean store implies (:mod:`chidao.graph.rdf.implied`).

    Built in memory (an interchange copy, not a second store): the store's
    quads and the NIF statements, serialised in ``fmt``.
    """
    import io

    buffer = io.BytesIO()
    store.export("nq", buffer)
    full = ox.Store()
    full.load(buffer.getvalue(), ox.RdfFormat.N_QUADS)
    full.load("".join(nif_quads(store)).encode("utf-8"), ox.RdfFormat.N_QUADS)
    full.load("".join(implied_quads(store)).encode("utf-8"), ox.RdfFormat.N_QUADS)
    rdf_format = EXPORT_FORMATS[fmt]
    if rdf_format.supports_datasets:
        full.dump(out, format=rdf_format)
    else:
        union = full.query(
            "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }", use_default_graph_as_union=True
        )
        ox.serialize(union, out, format=rdf_format)
