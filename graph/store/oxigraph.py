"""The triple store: an interface, the embedded Oxigraph store, and :func:`open_store`.

:class:`TripleStore` is what the rest of chidao (ingest, queries, the NetworkX
loader, the commands) programs against.  :class:`OxigraphStore` keeps the graph
on disk in an embedded `Oxigraph <https://github.com/oxigraph/oxigraph>`_
(pyoxigraph, RocksDB) database — no server needed.  It talks to pyoxigraph
directly rather than through rdflib's per-triple ``Graph.add`` path, which is
too slow for 10^5 files; :meth:`OxigraphStore.rdflib_dataset` gives the same
store as an :class:`rdflib.Dataset` (through ``oxrdflib``) for rdflib code.

Every source file is one named graph, and :meth:`TripleStore.write` leaves each
graph of a batch fully present or absent, whatever happens to the process:

- a batch that only adds new graphs (the bulk of any ingest) goes through
  pyoxigraph's bulk loader, which writes sorted files and hands them to RocksDB
  in one ingestion, bypassing the write-ahead log and the memtables — several
  times faster than a transaction, and memory stays flat however large the
  store.  The batch reaches it as one N-Quads text made of the builder's
  statements (:class:`chidao.graph.rdf.build.Statements`): no Python object per term
  or quad.  Every IRI the statements list is checked first (each distinct one
  once, by pyoxigraph), so one bad term fails the whole batch before anything
  is written, and the loader then parses leniently, without checking each
  occurrence again.  The bulk loader is not a transaction, so the graphs are
  first listed in a *journal* file in the store's folder (synced to disk), and
  the journal is removed once the load returned.  Opening the store for writing replays a
  journal left behind by a killed process: its graphs are dropped, so the next
  ingest writes them again, whole (:meth:`OxigraphStore.recover`);
- a batch that replaces or rewrites a graph is ONE transaction (a single SPARQL
  update: ``DROP`` the old graphs, ``INSERT DATA`` the new ones), so a changed
  file is replaced atomically.

A store opened read-only never recovers (it cannot write): it sees what RocksDB
ingested.  Oxigraph's bulk loader (atomic by default in its current sources)
hands all the files of one call to RocksDB in a single ingestion, so a reader
sees a batch whole or not at all; the journal makes the writer's guarantee
independent of that detail, but a reader opened on a crashed store before any
writer has recovered it relies on it.

Queries see the union of all named graphs as their default graph.
"""

from __future__ import annotations

import io
import os
import re
import time
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Protocol, runtime_checkable

import pyoxigraph as ox
from rdflib import BNode, Dataset, Literal, URIRef
from rdflib.term import Node

from chidao.errors import QueryError, StoreError
from chidao.graph.rdf.build import Statements
from chidao.graph.store.folder import (
    CHIDAO_GRAPHS,
    Folder,
    fsync_dir,
    inspect_folder,
    mark,
    refusal,
    store_writer,
)
from chidao.graph.store.rebuild import Rebuilt, finish_rebuild, rebuild_store, room_to_rebuild
from chidao.ontology.namespaces import CHIDAO, DCTERMS, ELI, NFO, PROV, XSD
from chidao.settings import default_store_path

Triple = tuple[Node, Node, Node]

#: Export formats: name → (pyoxigraph format, whether it keeps named graphs).
EXPORT_FORMATS: dict[str, ox.RdfFormat] = {
    "ttl": ox.RdfFormat.TURTLE,
    "nt": ox.RdfFormat.N_TRIPLES,
    "nq": ox.RdfFormat.N_QUADS,
    "trig": ox.RdfFormat.TRIG,
    "jsonld": ox.RdfFormat.JSON_LD,
}

#: Prefixes every query may use without declaring them.
PREFIXES: dict[str, str] = {
    "chidao": str(CHIDAO),
    "eli": str(ELI),
    "dcterms": str(DCTERMS),
    "org": "http://www.w3.org/ns/org#",
    "odrl": "http://www.w3.org/ns/odrl/2/",
    "prov": str(PROV),
    "nif": "http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#",
    "itsrdf": "http://www.w3.org/2005/11/its/rdf#",
    "nfo": str(NFO),
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "xsd": str(XSD),
}


@dataclass(frozen=True, slots=True)
class GraphWrite:
    """One file's named graph to write, and the graphs it supersedes.

    ``triples`` are the builder's N-Triples statements
    (:func:`chidao.graph.rdf.build.record_statements`, what ingest writes) or rdflib
    triples (converted, and so checked, term by term).
    """

    graph: URIRef
    triples: Sequence[Triple] | Statements
    replaces: tuple[str, ...] = ()

    def statements(self) -> Statements:
        """The triples as N-Triples statements (raises ``ValueError`` on a bad rdflib term)."""
        if isinstance(self.triples, Statements):
            return self.triples
        # pyoxigraph builds (and so checks) each term; its serialiser escapes it.
        return Statements(tuple((_nt(s), _nt(p), _nt(o)) for s, p, o in self.triples))


@dataclass
class QueryResult:
    """A SPARQL result: ``rows`` (SELECT), ``boolean`` (ASK) or ``triples`` (CONSTRUCT)."""

    kind: str  # "select" | "ask" | "graph"
    variables: list[str] = field(default_factory=list)
    rows: Iterator[tuple[Node | None, ...]] = field(default_factory=lambda: iter(()))
    boolean: bool | None = None
    triples: Iterator[Triple] = field(default_factory=lambda: iter(()))


@runtime_checkable
class TripleStore(Protocol):
    """What chidao needs from a triple store, embedded or remote."""

    def write(self, batch: Sequence[GraphWrite]) -> None:
        """Replace the graphs of ``batch`` (and drop what each replaces) in one transaction."""

    def has_graph(self, graph: str) -> bool:
        """Whether the named graph ``graph`` is stored (a file already ingested as it is)."""

    def graphs_for_file(self, path: str) -> list[str]:
        """The named graphs built from the file at absolute ``path`` (any content)."""

    def query(self, sparql: str, bindings: Mapping[str, Node] | None = None) -> QueryResult:
        """Run a SPARQL query over the union of the graphs.

        ``bindings`` pre-bind variables to values (never spliced into the text);
        a bound variable must be projected by a SELECT (``SELECT *`` or listed).
        """

    def update(self, sparql: str) -> None:
        """Run a SPARQL update."""

    def triple_count(self, graph: str | None = None) -> int:
        """Triples in ``graph``, or quads in the whole store."""

    def graph_counts(self) -> dict[str, int]:
        """Triples per named graph."""

    def named_graphs(self) -> Iterator[str]:
        """Every named graph's IRI."""

    def graph_triples(self, graph: str) -> Iterator[Triple]:
        """The triples of one named graph."""

    def export(self, fmt: str, out: IO[bytes]) -> None:
        """Write the store in ``fmt`` (:data:`EXPORT_FORMATS`)."""

    def close(self) -> None:
        """Flush and release the store."""


# --- term conversion -------------------------------------------------------------------------


def to_ox(term: Node) -> ox.NamedNode | ox.BlankNode | ox.Literal:
    """An rdflib term as a pyoxigraph term."""
    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, BNode):
        return ox.BlankNode(str(term))
    if isinstance(term, Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        if term.datatype:
            return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
        return ox.Literal(str(term))
    raise QueryError(f"cannot bind a {type(term).__name__} in a query")


# Looked up once: a namespace attribute costs more than the rest of from_ox.
_XSD_STRING = str(XSD.string)


def from_ox(term: object) -> Node | None:
    """A pyoxigraph term as an rdflib term."""
    if term is None:
        return None
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return Literal(term.value, lang=term.language)
        dt = term.datatype.value
        return Literal(term.value, datatype=None if dt == _XSD_STRING else URIRef(dt))
    raise StoreError(f"unsupported term in a result: {term!r}")


_TSV_ESCAPES = {"t": "\t", "n": "\n", "r": "\r", '"': '"', "\\": "\\"}
_TSV_ESCAPE = re.compile(r"\\(.)")
_XSD = str(XSD)


def tsv_term(cell: str) -> Node:
    """One cell of Oxigraph's SPARQL TSV results as an rdflib term (as :func:`from_ox`).

    Oxigraph writes IRIs as ``<…>``, blank nodes as ``_:…``, booleans, integers,
    decimals and doubles in their Turtle short form when they have one, and other
    literals quoted (escaping only tab, newline, return, quote and backslash)
    with ``@lang`` or ``^^<datatype>`` unless they are plain strings.

    >>> tsv_term('"Hà Nội"@vi')
    rdflib.term.Literal('Hà Nội', lang='vi')
    >>> tsv_term("12") == Literal(12)
    True
    """
    first = cell[:1]
    if first == "<" and not cell.startswith("<<"):
        return URIRef(cell[1:-1])
    if first == '"':
        end = cell.rfind('"')
        value = cell[1:end]
        if "\\" in value:
            value = _TSV_ESCAPE.sub(lambda m: _TSV_ESCAPES[m.group(1)], value)
        tail = cell[end + 1 :]
        if tail.startswith("@"):
            return Literal(value, lang=tail[1:])
        if tail.startswith("^^<"):
            return Literal(value, datatype=URIRef(tail[3:-1]))
        return Literal(value)
    if cell.startswith("_:"):
        return BNode(cell[2:])
    if cell in ("true", "false"):
        return Literal(cell, datatype=URIRef(_XSD + "boolean"))
    if first in "+-.0123456789" and cell:
        kind = "double" if "e" in cell or "E" in cell else "decimal" if "." in cell else "integer"
        return Literal(cell, datatype=URIRef(_XSD + kind))
    raise StoreError(f"unsupported term in a result: {cell!r}")


def _nt(term: Node) -> str:
    """``term`` in N-Triples / SPARQL syntax, escaped (pyoxigraph's serialiser)."""
    return str(to_ox(term))


def check_iris(batch: Sequence[GraphWrite]) -> list[Statements]:
    """Each write's statements, after checking every IRI they hold (raises ``ValueError``).

    The builder's statements list their IRIs (:attr:`Statements.iris`); each
    distinct one is parsed once by pyoxigraph, so the text can then be loaded
    without the parser checking every occurrence again.
    """
    checked: set[str] = set()
    out = []
    for w in batch:
        statements = w.statements()
        for iri in (str(w.graph), *statements.iris):
            if iri not in checked:
                ox.NamedNode(iri)  # raises ValueError on anything that is not an IRI
                checked.add(iri)
        out.append(statements)
    return out


def nquads(batch: Sequence[GraphWrite]) -> bytes:
    """``batch`` as one N-Quads document, every IRI checked (raises ``ValueError``)."""
    parts: list[str] = []
    for w, statements in zip(batch, check_iris(batch), strict=True):
        tail = f" {_nt(w.graph)} .\n"
        parts.extend(f"{s} {p} {o}{tail}" for s, p, o in statements.triples)
    return "".join(parts).encode("utf-8")  # a lone surrogate raises UnicodeEncodeError


def _insert_data(batch: Sequence[GraphWrite]) -> str:
    """The single SPARQL update that replaces every graph of ``batch``."""
    parts: list[str] = []
    for w in batch:
        for old in (*w.replaces, str(w.graph)):
            parts.append(f"DROP SILENT GRAPH {_nt(URIRef(old))} ;\n")
    parts.append("INSERT DATA {\n")
    for w, statements in zip(batch, check_iris(batch), strict=True):
        parts.append(f"GRAPH {_nt(w.graph)} {{\n")
        parts.extend(f"{s} {p} {o} .\n" for s, p, o in statements.triples)
        parts.append("}\n")
    parts.append("}\n")
    return "".join(parts)


# --- the embedded store ----------------------------------------------------------------------

_FILE_URL = ox.NamedNode(str(NFO.fileUrl))

#: The graphs of the bulk load under way, one IRI a line, in the store's folder.
JOURNAL = "chidao-bulk-journal"

#: Quads written through transactions (RocksDB's memtables) between two flushes.
#: Oxigraph lets each of its ~10 column families buffer up to 256 MB before
#: flushing; flushing sooner keeps a long run of replacements at a few hundred MB.
FLUSH_EVERY_QUADS = 1_000_000


class OxigraphStore:
    """An embedded Oxigraph store in a folder (``None``: in memory, for tests).

    The folder is checked before RocksDB opens it (:mod:`chidao.graph.store.folder`):
    a missing or empty folder becomes a new store, marked as chidao's; a
    non-empty folder that is not a store is refused and left untouched; an
    Oxigraph store chidao did not create is refused unless ``adopt``; a store
    whose creation was killed is finished when opened for writing (and
    reported in one line when opened read-only).

    A store opened read-only while a writer (an ingest) works on it sees the
    store as it was when opened: RocksDB reads the files it lists at that
    moment and keeps them open. Opening can race with the writer deleting
    files it compacted; the open is then retried (:data:`READ_OPEN_RETRY_S`).
    """

    def __init__(
        self, path: str | Path | None = None, read_only: bool = False, *, adopt: bool = False
    ) -> None:
        self.path = Path(path) if path is not None else None
        if self.path is None:
            self._ox = ox.Store()
        elif read_only:
            self._ox = _open_read_only(self.path, adopt=adopt)
        else:
            self._ox = _open_for_writing(self.path, adopt=adopt)
        self.read_only = read_only
        self._unflushed = 0  # quads written through transactions since the last flush
        self.recovered: list[str] = []  # graphs of an interrupted bulk load, dropped at open
        if not read_only:
            self.recovered = self.recover()

    def __enter__(self) -> OxigraphStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # writing

    def write(self, batch: Sequence[GraphWrite]) -> None:
        try:
            self._write(batch)
        except ValueError as exc:  # pyoxigraph refuses an invalid IRI or literal
            raise StoreError(f"invalid RDF term, nothing written: {exc}") from exc

    def _write(self, batch: Sequence[GraphWrite]) -> None:
        if not batch:
            return
        if self.read_only:
            raise StoreError("the store is open read-only", source=str(self.path))
        if any(w.replaces or self.has_graph(str(w.graph)) for w in batch):
            self._update(_insert_data(batch))  # DROP + INSERT DATA: one transaction
            self._written(sum(len(w.triples) for w in batch))
            return
        data = nquads(batch)  # every IRI checked before anything is written
        try:
            if self.path is None:  # in memory: a transaction, nothing to recover
                self._ox.load(data, ox.RdfFormat.N_QUADS, lenient=True)
            else:
                self._bulk_write([str(w.graph) for w in batch], data)
        except OSError as exc:
            raise StoreError(f"cannot write the store: {exc}", source=str(self.path)) from exc

    def _bulk_write(self, graphs: list[str], data: bytes) -> None:
        """Bulk-load the N-Quads ``data`` (new graphs only), with the journal around the load.

        ``data`` comes from :func:`nquads`, which checked every IRI: the loader
        parses it leniently (without checking each IRI again: 20–40 % of the load's time).
        """
        assert self.path is not None
        journal = self.path / JOURNAL
        with journal.open("w", encoding="utf-8") as f:
            f.write("".join(f"{g}\n" for g in graphs))
            f.flush()
            os.fsync(f.fileno())
        fsync_dir(self.path)
        try:
            # RocksDB syncs the ingested files before returning.
            self._ox.bulk_load(data, ox.RdfFormat.N_QUADS, lenient=True)
        except SyntaxError as exc:  # not expected after nquads(); the journal undoes it
            self.recover()
            raise ValueError(f"the bulk loader refused the batch: {exc}") from exc
        journal.unlink()
        fsync_dir(self.path)

    def _written(self, quads: int) -> None:
        """Count quads gone through the memtables; flush them to disk now and then."""
        self._unflushed += quads
        if self._unflushed >= FLUSH_EVERY_QUADS:
            self.flush()

    def optimize(self) -> None:
        """Compact the indexes (RocksDB's full compaction).

        Bulk loads leave many sorted files for each read to look through; after
        a large ingest one compaction makes reads 1.3–2× faster (measured on
        10^4 documents: a lineage 13 → 10 ms, a central cascade 2.9 → 1.5 s).
        """
        if self.read_only:
            raise StoreError("the store is open read-only", source=str(self.path))
        try:
            self._ox.optimize()
        except OSError as exc:
            raise StoreError(f"cannot optimise the store: {exc}", source=str(self.path)) from exc

    def rebuild(self) -> Rebuilt:
        """Rewrite the store in one bulk load and swap it in (:mod:`chidao.graph.store.rebuild`).

        A third smaller than after many ingest batches, and as fast to read as
        after :meth:`optimize`; needs free disk for a second copy while it runs
        (:func:`~chidao.graph.store.rebuild.room_to_rebuild`).
        """
        if self.read_only or self.path is None:
            raise StoreError("only a store open for writing, on disk, can be rebuilt")
        held = [self.__dict__.pop("_ox")]
        try:
            return rebuild_store(held, self.path)
        finally:
            # The same database back after a failure, else the rebuilt one.
            self._ox = held.pop() if held else _open_for_writing(self.path, adopt=False)

    def flush(self) -> None:
        """Write RocksDB's memtables to disk (frees their memory and the write-ahead log)."""
        try:
            self._ox.flush()
        except OSError as exc:
            raise StoreError(f"cannot flush the store: {exc}", source=str(self.path)) from exc
        self._unflushed = 0

    def recover(self) -> list[str]:
        """Drop the graphs of a bulk load that did not finish; returns their IRIs.

        Run when the store is opened for writing, before anything reads it.  A
        graph listed in the journal may be partly written (or whole: the load
        may have finished just before the process died); either way it is
        dropped, so it is absent and the next ingest writes it again.  Files
        the bulk loader left half-made in the folder (named by digits only,
        unlike any of RocksDB's own) are removed too.
        """
        if self.path is None or self.read_only:
            return []
        journal = self.path / JOURNAL
        if not journal.exists():
            return []
        graphs = [g for g in journal.read_text(encoding="utf-8").splitlines() if g]
        if graphs:
            # One update, one transaction; IRIs written by pyoxigraph's serialiser.
            self._update(" ;\n".join(f"DROP SILENT GRAPH {_nt(URIRef(g))}" for g in graphs))
            self.flush()
        for entry in os.scandir(self.path):
            if entry.name.isdigit() and entry.is_file():
                os.unlink(entry.path)
        journal.unlink()
        fsync_dir(self.path)
        return graphs

    def update(self, sparql: str) -> None:
        self._update(sparql)
        self._written(1)  # unknown size: counts as one

    def _update(self, sparql: str) -> None:
        if self.read_only:
            raise StoreError("the store is open read-only", source=str(self.path))
        try:
            self._ox.update(sparql, prefixes=PREFIXES)
        except SyntaxError as exc:
            raise QueryError(f"invalid SPARQL update: {exc}") from exc
        except OSError as exc:
            raise StoreError(f"cannot write the store: {exc}", source=str(self.path)) from exc

    # reading

    def has_graph(self, graph: str) -> bool:
        return self._ox.contains_named_graph(ox.NamedNode(graph))

    def graphs_for_file(self, path: str) -> list[str]:
        # An index lookup (object + predicate), not SPARQL: ingest asks this once per file.
        url = ox.NamedNode(Path(path).as_uri())
        graphs = set()
        for q in self._ox.quads_for_pattern(None, _FILE_URL, url, None):
            graph = q.graph_name
            if isinstance(graph, ox.NamedNode):
                graphs.add(graph.value)
        return sorted(graphs)

    def pairs(
        self, predicate: str, iris: Iterable[str], *, by_object: bool = False
    ) -> Iterator[tuple[Node, Node]]:
        """Distinct ``(subject, object)`` pairs of ``predicate`` over all the graphs,
        the subject (``by_object``: the object) one of ``iris``.

        What ``SELECT DISTINCT ?s ?o WHERE { VALUES ?s { … } ?s <predicate> ?o }``
        over the union gives, from one index lookup per IRI instead of a query.
        Faster only for triples few files repeat (a citation, stated by the
        citing file): every quad found is decoded, graph name included, where
        the query deduplicates before decoding.
        """
        pred = ox.NamedNode(predicate)
        try:
            for iri in iris:
                node = ox.NamedNode(iri)
                if by_object:
                    found = {q.subject for q in self._ox.quads_for_pattern(None, pred, node, None)}
                    pairs = ((other, node) for other in found)
                else:
                    found = {q.object for q in self._ox.quads_for_pattern(node, pred, None, None)}
                    pairs = ((node, other) for other in found)
                for s, o in pairs:
                    yield from_ox(s), from_ox(o)  # type: ignore[misc]
        except OSError as exc:
            raise StoreError(f"cannot read the store: {exc}", source=str(self.path)) from exc

    def first_objects(
        self, predicate: str, iris: Iterable[str], obj: Node | None = None
    ) -> Iterator[tuple[Node, Node]]:
        """``(subject, object)``: for each of ``iris`` stated with ``predicate`` (and
        object ``obj``, if given), the first object the store's index lists.

        One index seek per IRI, however many files repeat the triple (a ministry's
        name: most of the store), where ``DISTINCT`` reads every copy. The first
        object is the least in Oxigraph's own term order, the one the first row
        for that subject of ``SELECT DISTINCT ?s ?o WHERE { ?s <predicate> ?o }``
        over the union gives.
        """
        pred = ox.NamedNode(predicate)
        want = None if obj is None else to_ox(obj)
        try:
            for iri in iris:
                try:
                    node = ox.NamedNode(iri)
                except ValueError as exc:
                    raise QueryError(f"not a valid IRI: {iri!r} ({exc})") from exc
                q = next(iter(self._ox.quads_for_pattern(node, pred, want, None)), None)
                if q is not None:
                    yield from_ox(q.subject), from_ox(q.object)  # type: ignore[misc]
        except OSError as exc:
            raise StoreError(f"cannot read the store: {exc}", source=str(self.path)) from exc

    def query(self, sparql: str, bindings: Mapping[str, Node] | None = None) -> QueryResult:
        subs = {ox.Variable(k): to_ox(v) for k, v in (bindings or {}).items()}
        try:
            res = self._ox.query(
                sparql, prefixes=PREFIXES, use_default_graph_as_union=True, substitutions=subs
            )
        except SyntaxError as exc:
            raise QueryError(f"invalid SPARQL query: {exc}") from exc
        except OSError as exc:
            raise StoreError(f"cannot read the store: {exc}", source=str(self.path)) from exc
        except RuntimeError as exc:  # e.g. a bound variable the SELECT does not project
            raise QueryError(f"cannot run the query: {exc}") from exc
        if isinstance(res, ox.QueryBoolean):
            return QueryResult("ask", boolean=bool(res))
        if isinstance(res, ox.QuerySolutions):
            names = [v.value for v in res.variables]
            rows = (tuple(from_ox(sol[n]) for n in names) for sol in res)
            return QueryResult("select", variables=names, rows=rows)
        triples = ((from_ox(t.subject), from_ox(t.predicate), from_ox(t.object)) for t in res)
        return QueryResult("graph", triples=triples)  # type: ignore[arg-type]

    def select_rows(self, sparql: str) -> list[tuple[Node | None, ...]]:
        """The rows of a SELECT query, as :meth:`query` gives them, decoded in bulk.

        For the loaders' queries (thousands of rows, few distinct terms): the
        result goes out as one SPARQL TSV text written by Oxigraph, and each
        distinct term of it is built once, where :meth:`query` makes a
        pyoxigraph object and then an rdflib term for every cell (0.2–0.3 s of a
        whole country's cascade, 21,000 rows). The whole result is held in memory.
        """
        try:
            res = self._ox.query(sparql, prefixes=PREFIXES, use_default_graph_as_union=True)
            if not isinstance(res, ox.QuerySolutions):
                raise QueryError("select_rows needs a SELECT query")
            if not res.variables:  # TSV cannot tell one empty row from none
                return [() for _ in res]
            text = res.serialize(format=ox.QueryResultsFormat.TSV).decode("utf-8")
        except SyntaxError as exc:
            raise QueryError(f"invalid SPARQL query: {exc}") from exc
        except OSError as exc:
            raise StoreError(f"cannot read the store: {exc}", source=str(self.path)) from exc
        except RuntimeError as exc:
            raise QueryError(f"cannot run the query: {exc}") from exc
        terms: dict[str, Node | None] = {"": None}  # an empty cell: unbound
        rows: list[tuple[Node | None, ...]] = []
        # The first line names the variables; every line ends with a newline, and a
        # row whose cells are all unbound is an empty line.
        for line in text.split("\n")[1:-1]:
            cells = line.split("\t")
            for cell in cells:
                if cell not in terms:
                    terms[cell] = tsv_term(cell)
            rows.append(tuple(terms[cell] for cell in cells))
        return rows

    def triple_count(self, graph: str | None = None) -> int:
        if graph is None:
            return len(self._ox)
        return sum(1 for _ in self._ox.quads_for_pattern(None, None, None, ox.NamedNode(graph)))

    def graph_counts(self) -> dict[str, int]:
        res = self.query("SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g")
        return {str(g): int(n) for g, n in res.rows}  # type: ignore[arg-type]

    def graph_triples(self, graph: str) -> Iterator[Triple]:
        """The triples of one named graph."""
        for q in self._ox.quads_for_pattern(None, None, None, ox.NamedNode(graph)):
            yield from_ox(q.subject), from_ox(q.predicate), from_ox(q.object)  # type: ignore[misc]

    def named_graphs(self) -> Iterator[str]:
        """Every named graph's IRI."""
        for g in self._ox.named_graphs():
            yield g.value

    def export(self, fmt: str, out: IO[bytes]) -> None:
        if fmt not in EXPORT_FORMATS:
            raise StoreError(f"unknown export format {fmt!r}; use one of {sorted(EXPORT_FORMATS)}")
        rdf_format = EXPORT_FORMATS[fmt]
        if rdf_format.supports_datasets:
            self._ox.dump(out, format=rdf_format, prefixes=PREFIXES)
            return
        # Triple formats get the union of the graphs (each file's provenance stays in the
        # triples: prov:hadPrimarySource, nif:referenceContext).
        union = self._ox.query(
            "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }", use_default_graph_as_union=True
        )
        ox.serialize(union, out, format=rdf_format, prefixes=PREFIXES)

    def rdflib_dataset(self) -> Dataset:
        """This store as an :class:`rdflib.Dataset` (oxrdflib), sharing the open database."""
        from oxrdflib import OxigraphStore as RdflibOxigraph

        return Dataset(store=RdflibOxigraph(store=self._ox))

    def close(self) -> None:
        """Flush and release the database (its lock, and RocksDB's write-ahead log)."""
        db = self.__dict__.pop("_ox", None)
        if db is None:
            return  # already closed
        if not self.read_only:
            try:
                db.flush()
            except OSError as exc:
                raise StoreError(f"cannot flush the store: {exc}", source=str(self.path)) from exc
        del db  # the last reference: pyoxigraph closes RocksDB here


#: How long opening a store read-only retries while a writer deletes the files it
#: compacted (RocksDB lists the files, then opens them: one may be gone between).
READ_OPEN_RETRY_S = 10.0


def _open_read_only(path: Path, *, adopt: bool) -> ox.Store:
    """``path`` opened read-only, after checking it is a store chidao may read."""
    finish_rebuild(path, write=False)
    found = inspect_folder(path)
    if found is Folder.MISSING:
        raise StoreError("no store here yet: run `chidao ingest` first", source=str(path))
    if found is not Folder.CHIDAO and found is not Folder.UNMARKED:
        raise refusal(path, found, write=False)
    db = _read_only_with_retry(path)
    if found is Folder.UNMARKED and not adopt and _kind_of_unmarked(db) == "foreign":
        raise refusal(path, found, write=False)
    return db


def _read_only_with_retry(path: Path) -> ox.Store:
    deadline = time.monotonic() + READ_OPEN_RETRY_S
    pause = 0.01
    while True:
        try:
            return ox.Store.read_only(str(path))
        except (OSError, RuntimeError) as exc:
            text = str(exc)
            if "Column family not found" in text:
                raise StoreError(
                    "the store is incomplete (its creation was interrupted): run `chidao ingest` "
                    "to finish creating it",
                    source=str(path),
                ) from exc
            # A file listed in the manifest was deleted by a writer's compaction.
            if "No such file" in text and time.monotonic() < deadline:
                time.sleep(pause)
                pause = min(pause * 2, 0.25)
                continue
            raise StoreError(
                f"cannot open the store read-only: {_reason(exc)}", source=str(path)
            ) from exc


def _kind_of_unmarked(db: ox.Store) -> str:
    """``"chidao"`` (holds chidao's file graphs: a store made before the marker), ``"empty"``
    or ``"foreign"``."""
    for graph in db.named_graphs():
        if isinstance(graph, ox.NamedNode) and graph.value.startswith(CHIDAO_GRAPHS):
            return "chidao"
    if next(iter(db.quads_for_pattern(None, None, None, None)), None) is None:
        return "empty"
    return "foreign"


def _open_for_writing(path: Path, *, adopt: bool) -> ox.Store:
    """``path`` opened for writing: created (and marked) if missing or empty, finished if its
    creation was interrupted, refused if it is not chidao's (unless ``adopt``)."""
    finish_rebuild(path, write=True)
    found = inspect_folder(path)
    if found in (Folder.NOT_A_FOLDER, Folder.OTHER):
        raise refusal(path, found, write=True)
    if found is Folder.UNMARKED and not adopt:
        writer = store_writer(path)
        if writer is not None:
            raise _locked(path, writer)
        try:
            kind = _kind_of_unmarked(_read_only_with_retry(path))
        except StoreError as exc:
            raise StoreError(
                f"{exc.message}; this folder has no chidao marker, so chidao will not repair it "
                "unless told to adopt it (--adopt)",
                source=str(path),
            ) from exc
        if kind == "foreign":
            raise refusal(path, found, write=True)
    if found in (Folder.MISSING, Folder.EMPTY):
        try:
            path.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise StoreError(
                f"cannot create the store folder: {_reason(exc)}", source=str(path)
            ) from exc
        mark(path, "creating")
    try:
        db = ox.Store(str(path))
    except OSError as exc:
        writer = store_writer(path)
        if writer is not None or "lock" in str(exc).lower():
            raise _locked(path, writer) from exc
        raise StoreError(
            f"cannot open the store for writing: {_reason(exc)}", source=str(path)
        ) from exc
    if found is not Folder.CHIDAO:
        mark(path, "ready")  # created, finished or adopted: chidao's from now on
    return db


def _locked(path: Path, writer: int | None) -> StoreError:
    who = f"process {writer}" if writer is not None else "another process"
    return StoreError(
        f"the store is open for writing by {who} (a chidao ingest, or a writable server): "
        "wait until it ends",
        source=str(path),
    )


def _reason(exc: BaseException) -> str:
    if isinstance(exc, PermissionError) or "Permission denied" in str(exc):
        return "permission denied (the folder or its files are not writable by you)"
    if "Read-only file system" in str(exc):
        return "the file system is read-only"
    return getattr(exc, "strerror", None) or str(exc)


def optimize_store(store: TripleStore, *, in_place: bool = False) -> Rebuilt | None:
    """Make ``store`` smaller and faster to read; embedded stores only.

    By default the store is rewritten in one bulk load (:meth:`OxigraphStore.rebuild`)
    when the disk has room for a second copy while it runs, and what it did is
    returned; otherwise, or with ``in_place``, its indexes are compacted in place
    (:meth:`OxigraphStore.optimize`) and ``None`` is returned.

    Raises
    ------
    StoreError
        For a SPARQL endpoint (the server manages its own storage) or a store
        opened read-only.
    """
    if not isinstance(store, OxigraphStore):
        raise StoreError("only the embedded store can be optimised; a server compacts its own")
    if store.read_only or store.path is None:
        raise StoreError("the store is open read-only", source=str(store.path))
    if in_place or not room_to_rebuild(store.path):
        store.optimize()
        return None
    return store.rebuild()


def open_store(
    store_path: str | None = None,
    endpoint: str | None = None,
    update_endpoint: str | None = None,
    read_only: bool = False,
    *,
    adopt: bool = False,
) -> TripleStore:
    """Open the store the options name.

    ``endpoint`` (and ``update_endpoint``) select a remote SPARQL 1.1 store;
    otherwise the embedded store at ``store_path``, by default
    :func:`chidao.settings.default_store_path` (``$CHIDAO_STORE``); ``adopt``
    accepts an Oxigraph store chidao did not create (:class:`OxigraphStore`).
    """
    if endpoint or update_endpoint:
        if not endpoint:
            raise StoreError("--update-endpoint needs --endpoint too", source=update_endpoint)
        # Imported here: chidao.graph.store.remote builds on this module.
        from chidao.graph.store.remote import RemoteStore

        return RemoteStore(endpoint, update_endpoint, read_only=read_only)
    return OxigraphStore(store_path or default_store_path(), read_only=read_only, adopt=adopt)


def export_bytes(store: TripleStore, fmt: str) -> bytes:
    """The store exported in ``fmt``, in memory (for tests and small stores)."""
    buf = io.BytesIO()
    store.export(fmt, buf)
    return buf.getvalue()


__all__ = [
    "EXPORT_FORMATS",
    "GraphWrite",
    "OxigraphStore",
    "QueryResult",
    "TripleStore",
    "export_bytes",
    "open_store",
]
