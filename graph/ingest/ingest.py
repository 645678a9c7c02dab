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

Building a file's graph reads nothing but the file; citations without issuer
or year are linked afterwards, from what is stored, by the link stage
(:mod:`chidao.graph.ingest.link`), which every run finishes (also one that was
killed before it could).

Memory does not grow with the number of files: the file list is streamed and
only the files in flight are remembered (to skip one named twice).
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from chidao.extract.batch import extract_many
from chidao.extract.read import Skipped, iter_input_files, walk_inputs
from chidao.graph.ingest.collect import collect_registry
from chidao.graph.ingest.link import (
    described_documents,
    link,
    new_documents,
    pending_write,
    stored_documents,
)
from chidao.graph.rdf import ids
from chidao.graph.rdf.build import Built, build_record
from chidao.graph.rdf.links import links_graph_iri
from chidao.graph.rdf.terms import drop_graphs
from chidao.graph.store.oxigraph import GraphWrite, TripleStore

#: Files per store write: large enough to amortise a bulk load (each writes a set
#: of sorted files that RocksDB must later compact), small enough that a crash
#: loses little work and a batch's triples stay some tens of MB.
DEFAULT_BATCH = 256


@dataclass(frozen=True, slots=True)
class FileResult:
    """What ingest did with one file: ``added``, ``replaced``, ``skipped``, ``failed``,
    ``unreadable`` (a path the walk could not take: a dangling or looping link, a folder
    that cannot be listed, a name that is not UTF-8), ``removed`` (its graph dropped by
    ``prune`` because the file is gone) or ``relinked`` (its year-less citations point
    elsewhere now that other documents are stored: see :mod:`chidao.graph.ingest.link`)."""

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
    unreadable: int = 0
    removed: int = 0
    relinked: int = 0
    stale: int = 0
    triples: int = 0
    collected: int = 0  # registry descriptions no file names any more, dropped
    seconds: float = 0.0
    errors: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.failed == 0 and self.unreadable == 0

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
    ocr: bool = True,
) -> IngestSummary:
    """Ingest the files under ``paths`` (files or folders) into ``store``.

    ``progress`` is called once per file when its fate is final (after its
    batch is committed); ``on_start`` once with the number of files found
    (and of unreadable paths).
    ``strict`` stops at the first file that fails (the batch so far is still
    committed).  ``prune`` also drops, in one transaction, the graphs of files
    that were under a folder of ``paths`` and are gone; it is skipped when
    some path could not be read (a folder that could not be listed must not
    look emptied).  A path the walk cannot take is reported as ``unreadable``
    and the run goes on.  ``ocr`` turns OCR of scans and images on or off.
    Returns an :class:`IngestSummary`.
    """
    started = time.perf_counter()
    summary = IngestSummary()
    if on_start is not None or prune:
        paths = list(paths)  # walked more than once: a generator would be used up
    if on_start is not None:
        # A first walk only counts (the progress bar's total): no list of 10^6 names is kept.
        # Unreadable paths count too: each gets its progress call.
        on_start(sum(1 for _ in walk_inputs(paths)))
    present: set[str] | None = set() if prune else None  # what prune keeps

    def report(result: FileResult) -> None:
        summary.count(result)
        if progress is not None:
            progress(result)

    # Graphs handed to extraction and not yet committed or failed, by source: a file
    # named twice is skipped while its first copy is in flight, by has_graph after.
    in_flight: dict[str, str] = {}
    claimed: set[str] = set()

    def unreadable(skipped: Skipped) -> None:
        report(FileResult(skipped.path, "unreadable", messages=(skipped.line(),)))

    def todo() -> Iterator[Path]:
        for path in iter_input_files(paths, on_skip=unreadable):
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

    # Registry graphs (organisations, units, types, events) this run wrote or is writing.
    registered: set[str] = set()
    registry: list[GraphWrite] = []  # those the batch being built names first
    keys: set[str] = set()  # number keys of the documents replaced files described
    standing: set[str] = set()  # and those documents
    documents: set[str] = set()  # complete documents the batch being built describes
    # (write, result, source as walked)
    batch: list[tuple[GraphWrite, FileResult, str]] = []
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
        for _, result, source in done:
            settled(source)
            report(result)

    def commit() -> None:
        finish()
        # One write, whole or absent: the registry graphs the batch names, its files' graphs
        # and the pending graph that makes the link stage link them and what they may change.
        files = [w for w, *_ in batch]
        # Not yet described in the store (an earlier batch still being written may describe
        # some too: then both name them, which costs a few links derived twice, never one missed).
        made_known = new_documents(store, documents)
        pending = pending_write(keys, [str(w.graph) for w in files], made_known, standing)
        writes = [*registry, *files, *([pending] if pending else [])]
        written.append((writer.submit(store.write, writes), list(batch)))
        batch.clear()
        registry.clear()
        keys.clear()
        standing.clear()
        documents.clear()

    try:
        for outcome in extract_many(todo(), jobs=jobs, strict=strict, ocr=ocr):
            messages = tuple(outcome.messages())
            record = outcome.record
            if record is None:
                settled(outcome.source)
                report(FileResult(outcome.source, "failed", messages=messages))
                continue
            graph = ids.graph_iri(record.sha256, record.source)
            path = ids.source_path(record.source)
            old = tuple(g for g in store.graphs_for_file(path) if g != graph)
            built = build_record(record)
            triples = built.statements
            documents.update(described_documents(triples))
            if old:
                old_keys, old_documents = stored_documents(store, old)
                keys.update(old_keys)
                standing.update(old_documents)
            status = "replaced" if old else "added"
            registry.extend(registry_writes(store, built, registered))
            # A replaced file's links graph goes with its graph; the link stage makes the new one.
            gone = (*old, *(str(links_graph_iri(g)) for g in old))
            write = GraphWrite(graph, triples, gone)
            result = FileResult(record.source, status, str(graph), len(triples), messages)
            batch.append((write, result, outcome.source))
            if len(batch) >= batch_size:
                commit()
        if batch:
            commit()
        finish()
    finally:
        writer.shutdown(wait=True)  # a write under way ends whole, whatever stopped the run
    if present is not None and not summary.unreadable:
        for result in prune_missing(store, paths, present):
            report(result)
    # Always, not only after a replacement: a run killed before it is completed by the next.
    summary.collected = len(collect_registry(store))
    linked = link(store)
    for graph, source in sorted(linked.changed.items()):
        report(FileResult(source, "relinked", graph))
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
    keys, standing = stored_documents(store, [g for g, _url in gone])
    pending = pending_write(keys, [g for g, _url in gone], standing=standing)
    if pending is not None:  # the link stage relinks what cited the documents that go
        store.write([pending])
    # One update, so one transaction; each IRI checked (terms.drop_graphs).
    drops = [g for g, _url in gone] + [str(links_graph_iri(g)) for g, _url in gone]
    store.update(drop_graphs(drops))
    return [FileResult(_path_of(url), "removed", g) for g, url in gone]


def _path_of(url: str) -> str:
    from urllib.parse import unquote, urlparse

    return unquote(urlparse(url).path)
