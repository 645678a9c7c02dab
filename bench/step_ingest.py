"""Ingest throughput: the embedded store through the project's path, and rdflib's
default in-memory store on the same triples.

Both modes extract every document (``--jobs`` worker processes) and build each
record's named graph, in batches, so memory stays flat however large the corpus.
Then:

- default mode: :func:`chidao.graph.ingest.ingest.ingest` (the path ``chidao ingest``
  takes): graphs built as N-Triples statements
  (:func:`chidao.graph.rdf.build.build_record`) and bulk-loaded into the
  on-disk store, ``--batch`` documents per write; the store's size on disk is
  measured at the end;
- ``--rdflib-memory``: the same triples as rdflib terms
  (:func:`chidao.graph.rdf.build.record_triples`) added to ``rdflib.Dataset()`` (the
  default ``Memory`` store) with ``Graph.addN``.

Extraction, graph building and loading are timed apart: ``triples_per_s`` is
the loading rate alone (the time inside ``store.write``, or inside ``addN``),
``build_ms_per_doc`` the builder's cost, ``docs_per_s`` the whole ingest
(extract + build + load).  Ingest writes each batch on a thread while the next
is extracted and built, so its ``store.write`` time shares the cores (and, for
its Python part, the GIL) with that work: a lower bound of the loader's rate
on an idle machine, measured as the user gets it.

Usage::

    .venv/bin/python -m bench.step_ingest --corpus bench/corpora/n10000-s7 --store /tmp/st
"""

from __future__ import annotations

import argparse
import multiprocessing as mp
import shutil
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from bench.measure import dir_size_mb, emit, iter_corpus

Quad = tuple[Any, Any, Any, Any]


def _extract(path: Path) -> Any:
    from chidao.extract.pipeline import extract_path

    return extract_path(path)


def iter_records(corpus: Path, jobs: int, limit: int | None, clock: dict[str, float]) -> Iterator:
    """Records of the corpus in order; time spent waiting for them goes to ``clock``."""
    paths = iter_corpus(corpus, limit)
    if jobs == 1:
        it: Iterator = map(_extract, paths)
        pool = None
    else:
        pool = mp.get_context("fork").Pool(jobs)
        it = pool.imap(_extract, paths, chunksize=32)
    try:
        while True:
            t0 = time.perf_counter()
            try:
                rec = next(it)
            except StopIteration:
                return
            finally:
                clock["extract"] += time.perf_counter() - t0
            yield rec
    finally:
        if pool is not None:
            pool.terminate()


def iter_batches(
    records: Iterator, batch: int, clock: dict[str, float]
) -> Iterator[tuple[list[Any], list[tuple[Any, list[Any]]]]]:
    """``(records, [(graph IRI, triples), …])`` per batch of ``batch`` documents."""
    from chidao.graph.rdf.build import record_triples
    from chidao.graph.rdf.ids import graph_iri

    recs: list[Any] = []
    graphs: list[tuple[Any, list[Any]]] = []
    for rec in records:
        t0 = time.perf_counter()
        graphs.append((graph_iri(rec.sha256, rec.source), record_triples(rec)))
        recs.append(rec)
        clock["build"] += time.perf_counter() - t0
        if len(recs) >= batch:
            yield recs, graphs
            recs, graphs = [], []
    if recs:
        yield recs, graphs


def load_rdflib_memory(batches: Iterator, clock: dict[str, float]) -> dict[str, Any]:
    """Add every quad to rdflib's default in-memory Dataset."""
    from rdflib import Dataset

    ds = Dataset()
    docs = quads = 0
    for recs, graphs in batches:
        t0 = time.perf_counter()
        for g, triples in graphs:
            ctx = ds.graph(g)
            # Graph.addN is rdflib's bulk path (one call per named graph).
            ctx.addN((s, p, o, ctx) for s, p, o in triples)
            quads += len(triples)
        clock["load"] += time.perf_counter() - t0
        docs += len(recs)
    return {"docs": docs, "quads": quads, "stored_quads": len(ds)}


class _Timed:
    """Wraps a store method to add its time (and calls) to a clock."""

    def __init__(self, fn: Any, clock: dict[str, float], name: str) -> None:
        self.fn, self.clock, self.name = fn, clock, name
        clock.setdefault(name, 0.0)
        clock.setdefault(f"{name}_calls", 0)

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        t0 = time.perf_counter()
        try:
            return self.fn(*args, **kwargs)
        finally:
            self.clock[self.name] += time.perf_counter() - t0
            self.clock[f"{self.name}_calls"] += 1


def ingest_store(args: argparse.Namespace, clock: dict[str, float]) -> dict[str, Any]:
    """The whole project path, :func:`chidao.graph.ingest.ingest.ingest`, into a new store.

    The store's methods are wrapped to time the write transactions (the load
    rate compared with rdflib) apart from the per-file look-ups ingest makes.
    """
    from chidao.graph.ingest import ingest as ingest_module
    from chidao.graph.ingest.ingest import DEFAULT_BATCH, ingest
    from chidao.graph.store.oxigraph import open_store

    if args.store.exists():
        shutil.rmtree(args.store)
    st = open_store(str(args.store))
    st.write = _Timed(st.write, clock, "load")  # type: ignore[method-assign]
    # The builder, as ingest calls it (a module global, looked up at each call).
    ingest_module.build_record = _Timed(  # type: ignore[assignment]
        ingest_module.build_record, clock, "build"
    )
    # The link stage (year-less citations, from the store by queries), at the end of the run.
    ingest_module.link = _Timed(ingest_module.link, clock, "link")  # type: ignore[assignment]
    for name in ("has_graph", "graphs_for_file"):
        setattr(st, name, _Timed(getattr(st, name), clock, f"lookup_{name}"))
    paths = iter_corpus(args.corpus, args.limit)
    # Throughput per window of files: shows whether the cost per file grows with the store.
    window = args.window
    marks: list[float] = [time.perf_counter()]
    done = [0]

    def progress(_result: Any) -> None:
        done[0] += 1
        if done[0] % window == 0:
            marks.append(time.perf_counter())

    summary = ingest(
        paths, st, jobs=args.jobs, batch_size=args.batch or DEFAULT_BATCH, progress=progress
    )
    rates = [round(window / (b - a), 1) for a, b in zip(marks, marks[1:], strict=False)]
    t0 = time.perf_counter()
    stored = st.triple_count()
    st.flush()
    loaded_mb = dir_size_mb(args.store)
    clock["count"] = time.perf_counter() - t0
    optimized = None
    if args.optimize:  # what `chidao ingest --optimize` adds; the query step reads this store
        from chidao.graph.store.oxigraph import optimize_store

        t0 = time.perf_counter()
        done = optimize_store(st)  # a rebuild in one bulk load when the disk has room
        optimized = "compacted in place" if done is None else f"rebuilt: {done.quads} quads"
        clock["optimize"] = time.perf_counter() - t0
    t0 = time.perf_counter()
    st.close()
    clock["close"] = time.perf_counter() - t0
    optimized_mb = dir_size_mb(args.store) if args.optimize else None  # after close: files freed
    reference = bulk_reference(args.store) if args.bulk_reference else {}
    return {
        **reference,
        "docs": summary.added + summary.replaced,
        "failed": summary.failed,
        "quads": summary.triples,
        "stored_quads": stored,
        "batch": args.batch or DEFAULT_BATCH,
        "store_mb": loaded_mb,
        "store_mb_optimized": optimized_mb,
        "optimize": optimized,
        "docs_per_s_by_window": {"window": window, "rates": rates},
    }


def bulk_reference(store: Path) -> dict[str, Any]:
    """pyoxigraph's own ``bulk_load`` of the same quads (the store's N-Quads dump) into a new
    store: the loader's rate on this machine in this run, what ingest's rate is measured against.
    """
    import tempfile

    import pyoxigraph as ox

    with tempfile.TemporaryDirectory(dir=store.parent) as tmp:
        dump = Path(tmp) / "dump.nq"
        ox.Store.read_only(str(store)).dump(str(dump), ox.RdfFormat.N_QUADS)
        target = ox.Store(str(Path(tmp) / "store"))
        t0 = time.perf_counter()
        target.bulk_load(path=str(dump), format=ox.RdfFormat.N_QUADS)
        seconds = time.perf_counter() - t0
        quads = len(target)
        del target
    return {
        "bulk_load_quads": quads,
        "bulk_load_seconds": round(seconds, 2),
        "bulk_load_quads_per_s": round(quads / seconds),
    }


def run(args: argparse.Namespace) -> dict[str, Any]:
    clock: dict[str, float] = {"extract": 0.0, "build": 0.0, "load": 0.0}
    t0 = time.perf_counter()
    if args.rdflib_memory:
        records = iter_records(args.corpus, args.jobs, args.limit, clock)
        batches = iter_batches(records, args.batch or 1000, clock)
        result = load_rdflib_memory(batches, clock)
        store_kind = "rdflib.Dataset() (Memory), Graph.addN per file"
    else:
        result = ingest_store(args, clock)
        store_kind = "chidao.graph.ingest.ingest.ingest → embedded Oxigraph"
        del clock["extract"]  # inside ingest(), in worker processes: not separable
    # Compaction is reported apart (seconds.optimize): ingest rates are of the ingest alone.
    wall = time.perf_counter() - t0 - clock.get("optimize", 0.0)
    seconds = {k: round(v, 2) if isinstance(v, float) else v for k, v in clock.items()}
    return {
        "target": store_kind,
        **result,
        "seconds": seconds | {"total": round(wall, 2)},
        "triples_per_s": round(result["quads"] / clock["load"]) if clock["load"] else None,
        "ingest_triples_per_s": round(result["quads"] / wall),
        "docs_per_s": round(result["docs"] / wall, 1),
        "quads_per_doc": round(result["quads"] / max(result["docs"], 1), 1),
        # What the store holds (registry and links graphs included), per document.
        "stored_quads_per_doc": round(
            result.get("stored_quads", result["quads"]) / max(result["docs"], 1), 1
        ),
        **(
            {"kb_per_doc_optimized": round(result["store_mb_optimized"] * 1000 / result["docs"], 1)}
            if result.get("store_mb_optimized") and result["docs"]
            else {}
        ),
        "build_ms_per_doc": round(clock["build"] * 1000 / max(result["docs"], 1), 3),
        **_bytes_per_quad(result),
    }


def _bytes_per_quad(result: dict[str, Any]) -> dict[str, Any]:
    if not result.get("store_mb") or not result.get("stored_quads"):
        return {}
    return {"store_bytes_per_quad": round(result["store_mb"] * 1e6 / result["stored_quads"], 1)}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--corpus", type=Path, required=True)
    ap.add_argument("--store", type=Path, help="store folder (replaced)")
    ap.add_argument("--rdflib-memory", action="store_true", help="rdflib's in-memory store")
    ap.add_argument("--jobs", type=int, default=2, help="extraction worker processes")
    ap.add_argument(
        "--batch", type=int, default=0, help="documents per transaction (0: ingest's default)"
    )
    ap.add_argument("--limit", type=int, default=None)
    ap.add_argument(
        "--no-optimize",
        dest="optimize",
        action="store_false",
        help="leave the store as ingest leaves it (by default it is compacted after, timed apart)",
    )
    ap.add_argument("--window", type=int, default=500, help="files per throughput window")
    ap.add_argument(
        "--bulk-reference",
        action="store_true",
        help="also time pyoxigraph's own bulk_load of the same quads into a new store",
    )
    args = ap.parse_args(argv)
    if not args.rdflib_memory and args.store is None:
        ap.error("--store or --rdflib-memory is required")
    step = "rdflib" if args.rdflib_memory else "ingest"
    try:
        result = run(args)
    except ImportError as exc:  # the store or the RDF builder has not landed yet
        emit({"step": step, "skipped": f"not available: {exc}"})
        return 0
    emit({"step": step, **result})
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
