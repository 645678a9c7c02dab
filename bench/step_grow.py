"""Grow one store shard by shard through ``chidao ingest``'s path, toward 10^6 documents.

A generated corpus (``bench.generate``) is stored in shards of 10,000 files
(``shard-0000`` …). This step ingests them one after the other into ONE embedded
store (:func:`chidao.graph.ingest.ingest.ingest`, extraction in ``--jobs`` worker
processes, the link stage at the end of each shard), and after each shard
prints one JSON line: documents in the store, the shard's whole-path docs/s and
quads written, the store's size on disk (MB, and KB per document), free disk
and the peak resident memory of this process and of the extraction workers.

It stops, between two shards, when free disk falls under ``--min-free-gb`` or
after ``--max-seconds``, and can be run again on the same store to go on: the
shards already listed in the progress file (``<store>.grow.jsonl``, beside the
store, never inside it) are not walked again, and a shard cut short is finished
(ingest skips the files the store holds). Run it niced when the machine is shared::

    nice -n 19 .venv/bin/python -m bench.step_grow --corpus CORPUS --store STORE --jobs 2

The last line is the summary (``bench.measure.emit``), with the total time spent
ingesting over all runs.
"""

from __future__ import annotations

import argparse
import json
import shutil
import time
from pathlib import Path
from typing import Any

from bench.measure import dir_size_mb, emit, peak_rss_mb


def _done(progress: Path) -> list[dict[str, Any]]:
    if not progress.exists():
        return []
    return [json.loads(line) for line in progress.read_text(encoding="utf-8").splitlines() if line]


_DOCS = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?d prov:hadPrimarySource ?f } }"


def _documents(store: Any) -> int:
    """Documents in the store: one per file graph (one index scan)."""
    return int(next(iter(store.query(_DOCS).rows))[0])


def grow(
    corpus: Path,
    store_dir: Path,
    jobs: int,
    min_free_gb: float,
    max_seconds: float | None,
    batch: int,
    per_call: int = 1,
) -> dict[str, Any]:
    """Ingest ``corpus``'s shards into ``store_dir`` until done, disk or time runs out."""
    from chidao.graph.ingest.ingest import ingest
    from chidao.graph.store.oxigraph import OxigraphStore

    progress = store_dir.with_name(store_dir.name + ".grow.jsonl")
    rows = _done(progress)
    finished = {s for r in rows for s in r.get("shards", [r["shard"]])}
    started = time.perf_counter()
    stop = "corpus done"
    store = OxigraphStore(store_dir)
    try:
        todo = [p for p in sorted(corpus.glob("shard-*")) if p.is_dir() and p.name not in finished]
        # Several shards per ingest call: one pool start and one link stage for all of them.
        for k in range(0, len(todo), per_call):
            shards = todo[k : k + per_call]
            free_gb = shutil.disk_usage(store_dir).free / 1e9
            if free_gb < min_free_gb:
                stop = f"free disk {free_gb:.1f} GB < {min_free_gb} GB"
                break
            if max_seconds is not None and time.perf_counter() - started > max_seconds:
                stop = f"time budget {max_seconds:.0f} s spent"
                break
            t0 = time.perf_counter()
            summary = ingest(shards, store, jobs=jobs, batch_size=batch)
            seconds = time.perf_counter() - t0
            docs = _documents(store)  # counted, not summed: a shard cut short is finished later
            mb = dir_size_mb(store_dir)
            row = {
                "shard": shards[0].name,
                "shards": [p.name for p in shards],
                "added": summary.added,
                "failed": summary.failed,
                "docs_in_store": docs,
                "seconds": round(seconds, 1),
                "docs_per_s": round(summary.added / seconds, 1) if seconds else None,
                "quads_written": summary.triples,
                "quads_per_doc": round(summary.triples / summary.added, 1)
                if summary.added
                else None,
                "store_mb": round(mb, 1),
                "kb_per_doc": round(mb * 1000 / docs, 1) if docs else None,
                "free_gb": round(shutil.disk_usage(store_dir).free / 1e9, 1),
                "peak_rss_mb": peak_rss_mb(),
                "at": time.strftime("%Y-%m-%dT%H:%M:%S"),
            }
            with progress.open("a", encoding="utf-8") as f:
                f.write(json.dumps(row) + "\n")
            print(json.dumps(row), flush=True)
    finally:
        store.close()
    rows = _done(progress)
    return {
        "step": "grow",
        "corpus": str(corpus),
        "store": str(store_dir),
        "shards": len(rows),
        "docs": rows[-1]["docs_in_store"] if rows else 0,
        "ingest_seconds_all_runs": round(sum(r["seconds"] for r in rows), 1),
        "store_mb": round(dir_size_mb(store_dir), 1),
        "stopped": stop,
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--corpus", type=Path, required=True, help="a bench.generate corpus folder")
    ap.add_argument("--store", type=Path, required=True, help="the store folder (grown in place)")
    ap.add_argument("--jobs", type=int, default=2, help="extraction worker processes")
    ap.add_argument("--batch", type=int, default=256, help="files per store write")
    ap.add_argument("--min-free-gb", type=float, default=15.0, help="stop under this free disk")
    ap.add_argument("--max-seconds", type=float, default=None, help="stop after this long")
    ap.add_argument("--shards-per-call", type=int, default=1, help="shards per ingest call")
    args = ap.parse_args()
    emit(
        grow(
            args.corpus,
            args.store,
            args.jobs,
            args.min_free_gb,
            args.max_seconds,
            args.batch,
            args.shards_per_call,
        )
    )


if __name__ == "__main__":
    main()
