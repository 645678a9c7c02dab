"""Ingest: files → records → named graphs in the store, crash-safe and resumable.

:func:`ingest` streams over the input files.  A file whose named graph (content
hash + path) is already stored is skipped before it is even extracted, so a run
that was killed picks up where it stopped and ingesting the same files twice
changes nothing.  The others are extracted (:func:`chidao.extract.batch.extract_many`,
in worker processes when ``jobs > 1``), turned into triples
(:func:`chidao.graph.rdf.build.record_statements`) and written in batches
(:meth:`~chidao.graph.store.oxigraph.TripleStore.write`: each graph of a batch lands
whole or not at all, and a changed file's new graph replaces the old one in
one transaction).  A batch is written on a thread while the next one is
extracted and built (the store's bulk loader releases the GIL); one batch at
a time, and a file is reported only once its batch is in the store.  A file
that cannot be read or extracted is reported and the run goes on; the store
is never half-written.

Memory does not grow with the number of files: the file list is streamed, only
the files in flight are remembered (to skip one named twice), and look-ups of
year-less citations are cached in a bounded LRU.
"""

from __future__ import annotations

import hashlib
import time
from collections import OrderedDict, defaultdict
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import URIRef

from chidao.extract.batch import extract_many
from chidao.extract.read import iter_input_files
from chidao.graph.ingest.relink import rebuild, waiting_files
from chidao.graph.rdf import ids
from chidao.graph.rdf.build import Built, build_record
from chidao.graph.store.oxigraph import GraphWrite, TripleStore, store_lookup, to_ox

#: Files per store write: large enough to amortise a bulk load (each writes a set
#: of sorted files that RocksDB must later compact), small enough that a crash
#: loses little work and a batch's triples stay some tens of MB.
DEFAULT_BATCH = 256

#: Distinct registration numbers whose store look-up is remembered.
LOOKUP_CACHE = 4096


@dataclass(frozen=True, slots=True)
class FileResult:
    """What ingest did with one file: ``added``, ``replaced``, ``skipped``, ``failed``,
    ``removed`` (its graph dropped by ``prune`` because the file is gone), ``relinked``
    (built again because a document its citations waited for is now stored: see
    :mod:`chidao.graph.ingest.relink`) or ``stale`` (it waited, but could not be built again)."""

    source: str
    status: str
    graph: str | None = None
    triples: int = 0
    messages: tuple[str, ...] = ()  # "error: …" / "warning: …" lines naming the file


@dataclass
class IngestSummary:
    """Counts of a run (``triples`` = triples written, before the store's deduplication)."""

    files: int = 0
    added: int = 0
    replaced: int = 0
    skipped: int = 0
    failed: int = 0
    removed: int = 0
    relinked: int = 0
    stale: int = 0
    triples: int = 0
    seconds: float = 0.0
    errors: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.failed == 0

    def count(self, result: FileResult) -> None:
        setattr(self, result.status, getattr(self, result.status) + 1)
        self.triples += result.triples
        self.errors.extend(m for m in result.messages if m.startswith("error:"))


def file_sha256(path: Path) -> str | None:
    """The SHA-256 of a file's bytes, ``None`` if it cannot be read (extraction says why)."""
    h = hashlib.sha256()
    try:
        with path.open("rb") as f:
            for chunk in iter(lambda: f.read(1 << 20), b""):
                h.update(chunk)
    except OSError:
        return None
    return h.hexdigest()


class _BatchIndex:
    """Documents known by number: the store's, and the batch's not yet committed.

    The store's answers are cached per number (a central document's number is
    looked up by every letter that cites it without its year, and the store
    holds one ``eli:number`` triple per citing graph).  Only this run writes
    the store while it runs, so an entry goes stale only when a document with
    that number is committed: :meth:`committed` drops it then.
    """

    def __init__(self, store: TripleStore, cache_size: int = LOOKUP_CACHE) -> None:
        self._store = store
        self._cache: OrderedDict[str, list[str]] = OrderedDict()
        self._cache_size = cache_size
        self._pending: dict[str, set[str]] = defaultdict(set)  # the batch being built
        self._writing: dict[str, set[str]] = {}  # the batch being written

    def add(self, number: str, iri: str) -> None:
        self._pending[number].add(iri)

    def writing(self) -> None:
        """The batch built so far goes to the store (the previous one is committed)."""
        assert not self._writing, "one batch is written at a time"
        self._writing, self._pending = self._pending, defaultdict(set)

    def committed(self) -> None:
        """The batch being written is in the store: its numbers' cached answers are stale."""
        for number in self._writing:
            self._cache.pop(number, None)
        self._writing = {}

    def _stored(self, number: str) -> list[str]:
        found = self._cache.get(number)
        if found is None:
            found = self._store.find_documents(number)
            self._cache[number] = found
            if len(self._cache) > self._cache_size:
                self._cache.popitem(last=False)
        else:
            self._cache.move_to_end(number)
        return found

    def lookup(self, number: str, issuer: str | None, year: int | None) -> list[str]:
        found = set(store_lookup(_Known(self._stored(number)))(number, issuer, year))
        for iri in (*self._pending.get(number, ()), *self._writing.get(number, ())):
            key = ids.DocKey.parse(iri)
            if key is None or not key.complete:
                continue
            if (issuer is None or key.issuer == issuer) and (year is None or key.year == year):
                found.add(iri)
        return sorted(found)


class _Known:
    """Just enough of a store for :func:`store_lookup`: documents already found."""

    def __init__(self, docs: list[str]) -> None:
        self._docs = docs

    def find_documents(self, number: str) -> list[str]:
        return self._docs


def ingest(
    paths: Iterable[str | Path],
    store: TripleStore,
    *,
    batch_size: int = DEFAULT_BATCH,
    jobs: int = 1,
    strict: bool = False,
    progress: Callable[[FileResult], None] | None = None,
    on_start: Callable[[int], None] | None = None,
    prune: bool = False,
) -> IngestSummary:
    """Ingest the files under ``paths`` (files or folders) into ``store``.

    ``progress`` is called once per file when its fate is final (after its
    batch is committed); ``on_start`` once with the number of files found.
    ``strict`` stops at the first file that fails (the batch so far is still
    committed).  ``prune`` also drops, in one transaction, the graphs of files
    that were under a folder of ``paths`` and are gone.  Returns an
    :class:`IngestSummary`.
    """
    started = time.perf_counter()
    summary = IngestSummary()
    if on_start is not None or prune:
        paths = list(paths)  # walked more than once: a generator would be used up
    if on_start is not None:
        # A first walk only counts (the progress bar's total): no list of 10^6 names is kept.
        on_start(sum(1 for _ in iter_input_files(paths)))
    present: set[str] | None = set() if prune else None  # what prune keeps

    def report(result: FileResult) -> None:
        summary.count(result)
        if progress is not None:
            progress(result)

    # Graphs handed to extraction and not yet committed or failed, by source: a file
    # named twice is skipped while its first copy is in flight, by has_graph after.
    in_flight: dict[str, str] = {}
    claimed: set[str] = set()

    def todo() -> Iterator[Path]:
        for path in iter_input_files(paths):
            summary.files += 1
            name = str(path)
            if present is not None:
                present.add(name)
            sha = file_sha256(path)
            if sha is not None:
                graph = str(ids.graph_iri(sha, name))
                if graph in claimed or store.has_graph(graph):
                    report(FileResult(name, "skipped", graph))
                    continue
                claimed.add(graph)
                in_flight[name] = graph
            yield path

    def settled(source: str) -> None:
        graph = in_flight.pop(source, None)
        if graph is not None:
            claimed.discard(graph)

    index = _BatchIndex(store)
    # Registry graphs (organisations, units, types, events) this run wrote or is writing.
    registered: set[str] = set()
    registry: list[GraphWrite] = []  # those the batch being built names first
    # (write, result, source as walked, the document's IRI where its key is complete)
    batch: list[tuple[GraphWrite, FileResult, str, str | None]] = []
    # Files whose citations waited for a document stored in this run: built again at the end.
    waiting: dict[str, str] = {}
    # One batch is written on a thread while the next is extracted and built: the store's
    # bulk loader runs without the GIL. Its files are reported once the write returned.
    # The thread starts at the first commit, after extraction's worker processes were
    # forked (a process pool that forks starts all its workers with its first task).
    writer = ThreadPoolExecutor(max_workers=1, thread_name_prefix="chidao-write")
    written: list[tuple[Future[None], list[tuple[GraphWrite, FileResult, str]]]] = []

    def finish() -> None:
        """Wait for the batch being written; report its files (re-raises its error)."""
        if not written:
            return
        future, done = written.pop()
        future.result()
        index.committed()
        waiting.update(waiting_files(store, [d for *_, d in done if d is not None]))
        for _, result, source, _doc in done:
            settled(source)
            report(result)

    def commit() -> None:
        finish()
        index.writing()
        # The registry graphs the batch names first: a batch is one write, whole or absent.
        writes = [*registry, *(w for w, *_ in batch)]
        written.append((writer.submit(store.write, writes), list(batch)))
        batch.clear()
        registry.clear()

    try:
        for outcome in extract_many(todo(), jobs=jobs, strict=strict):
            messages = tuple(outcome.messages())
            record = outcome.record
            if record is None:
                settled(outcome.source)
                report(FileResult(outcome.source, "failed", messages=messages))
                continue
            graph = ids.graph_iri(record.sha256, record.source)
            path = ids.source_path(record.source)
            old = tuple(g for g in store.graphs_for_file(path) if g != graph)
            built = build_record(record, index.lookup)
            triples = built.statements
            doc = str(ids.record_doc_iri(record))
            if record.number is not None:
                index.add(record.number.value, doc)
            status = "replaced" if old else "added"
            registry.extend(registry_writes(store, built, registered))
            write = GraphWrite(graph, triples, old)
            result = FileResult(record.source, status, str(graph), len(triples), messages)
            batch.append((write, result, outcome.source, doc))
            if len(batch) >= batch_size:
                commit()
        if batch:
            commit()
        finish()
    finally:
        writer.shutdown(wait=True)  # a write under way ends whole, whatever stopped the run
    for source, graph, n, problem in rebuild(store, waiting, batch_size):
        if problem is None:
            report(FileResult(source, "relinked", graph, n))
        else:
            report(FileResult(source, "stale", graph, messages=(f"warning: {source}: {problem}",)))
    if present is not None:
        for result in prune_missing(store, paths, present):
            report(result)
    summary.seconds = time.perf_counter() - started
    return summary


def registry_writes(store: TripleStore, built: Built, registered: set[str]) -> list[GraphWrite]:
    """The registry graphs ``built`` names that neither the store nor this run holds yet.

    ``registered`` (the graphs this run has written or is writing) is updated.
    A registry graph's IRI is a hash of its statements, so one that is stored
    is already right: it is never written again.
    """
    out = []
    for part in built.registry:
        g = str(part.graph)
        if g in registered:
            continue
        registered.add(g)
        if not store.has_graph(g):
            out.append(GraphWrite(part.graph, part.statements))
    return out


def prune_missing(
    store: TripleStore, paths: Iterable[str | Path], present: Iterable[str]
) -> list[FileResult]:
    """Drop the graphs of files under the folders of ``paths`` that are not in ``present``.

    Only folders are pruned (a file named on the command line says nothing
    about its neighbours); all graphs go in one transaction.
    """
    folders = [Path(ids.source_path(str(p))) for p in paths if Path(p).is_dir()]
    if not folders:
        return []
    keep = {Path(ids.source_path(p)).as_uri() for p in present}
    roots = [f.as_uri().rstrip("/") + "/" for f in folders]
    rows = store.query(
        "SELECT DISTINCT ?g ?url WHERE { GRAPH ?g { ?g prov:wasDerivedFrom ?f . "
        "?f nfo:fileUrl ?url } }"
    ).rows
    gone = sorted(
        (str(g), str(url))
        for g, url in rows
        if str(url) not in keep and any(str(url).startswith(r) for r in roots)
    )
    if not gone:
        return []
    # One update, so one transaction; IRIs are written by pyoxigraph's serialiser (to_ox),
    # which refuses anything that is not an IRI.
    store.update(" ;\n".join(f"DROP SILENT GRAPH {to_ox(URIRef(g))}" for g, _url in gone))
    return [FileResult(_path_of(url), "removed", g) for g, url in gone]


def _path_of(url: str) -> str:
    from urllib.parse import unquote, urlparse

    return unquote(urlparse(url).path)
