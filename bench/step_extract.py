"""Extraction throughput, and the floor it is compared with.

``--mode floor`` reads every file, decodes it and runs one regular-expression
scan over the text (a document-number pattern): the least any extractor must
pay for the same bytes.  ``--mode extract`` runs
:func:`chidao.extract.pipeline.extract_path` on every file, in this process
(``--jobs 1``) or in a pool of ``--jobs`` worker processes, and checks each
record's number and issuer against the generator's ground truth.

Usage::

    .venv/bin/python -m bench.step_extract --corpus bench/corpora/n10000 --mode extract --jobs 2
"""

from __future__ import annotations

import argparse
import itertools
import multiprocessing as mp
import re
import time
from pathlib import Path
from typing import Any

from bench.generate import iter_manifest
from bench.measure import emit, iter_corpus, missing, spread

# The floor's one pass: every document number of the text, Party or State style
# ("395-CV/HU", "1234/UBND-VX", "68/NQ-CP"). Kept here, not in the package: it
# measures the cost of a scan, it extracts nothing.
FLOOR_PATTERN = re.compile(r"\d+\s?[-/]\s?[A-ZĐ][A-ZĐa-z]*(?:[-/][A-ZĐ][A-ZĐa-z]*)*")

Summary = tuple[str | None, str | None, int, int, int]


def _floor(paths: list[Path] | Any) -> tuple[int, int, int]:
    docs = nbytes = hits = 0
    for path in paths:
        data = path.read_bytes()
        text = data.decode("utf-8")
        hits += sum(1 for _ in FLOOR_PATTERN.finditer(text))
        docs += 1
        nbytes += len(data)
    return docs, nbytes, hits


def _summary(path: Path) -> tuple[Summary, int]:
    from chidao.extract.pipeline import extract_path

    rec = extract_path(path)
    summary = (
        rec.number.value if rec.number else None,
        rec.issuer.name if rec.issuer else None,
        len(rec.citations),
        len(rec.tasks),
        len(rec.recipients),
    )
    return summary, path.stat().st_size


class _Quality:
    """Running counts of how each record compares with the generator's truth."""

    def __init__(self) -> None:
        self.n = self.number_ok = self.issuer = self.cited = self.citations = self.tasks = 0

    def add(self, s: Summary, truth: dict[str, Any]) -> None:
        self.n += 1
        self.number_ok += s[0] == truth["number"]
        self.issuer += s[1] is not None
        self.cited += s[2] > 0
        self.citations += s[2]
        self.tasks += s[3]

    def to_json(self) -> dict[str, float]:
        n = self.n or 1
        return {
            "number_correct": round(self.number_ok / n, 4),
            "with_issuer": round(self.issuer / n, 4),
            "with_citation": round(self.cited / n, 4),
            "citations_per_doc": round(self.citations / n, 2),
            "tasks_per_doc": round(self.tasks / n, 2),
        }


def run_extract(corpus: Path, jobs: int, limit: int | None) -> dict[str, Any]:
    """Extract every document of ``corpus`` (up to ``limit``) with ``jobs`` processes."""
    try:
        from chidao.extract.pipeline import extract_path  # noqa: F401
    except ImportError as exc:  # the extraction helper has not landed it yet
        return {"skipped": f"chidao.extract.pipeline: {exc}"}
    # Only a 5-tuple per record is kept, and compared with the truth after the clock stops.
    summaries: list[Summary] = []
    every = spread(corpus, limit)
    nbytes = 0
    t0 = time.perf_counter()
    cpu0 = time.process_time()
    if jobs == 1:
        for s, size in map(_summary, iter_corpus(corpus, limit, every)):
            summaries.append(s)
            nbytes += size
    else:
        with mp.get_context("fork").Pool(jobs) as pool:
            for s, size in pool.imap(_summary, iter_corpus(corpus, limit, every), chunksize=64):
                summaries.append(s)
                nbytes += size
    seconds = time.perf_counter() - t0
    # On a shared machine wall time varies with the neighbours' load; one process's CPU time
    # does much less (with --jobs N the work is in the children, so only for --jobs 1).
    cpu = time.process_time() - cpu0 if jobs == 1 else None
    quality = _Quality()
    truths = itertools.islice(iter_manifest(corpus), 0, None, every)
    for s, truth in zip(summaries, truths, strict=False):
        quality.add(s, truth)
    return {
        "docs": quality.n,
        "sample": f"1 in {every}" if every > 1 else "all",
        "bytes": nbytes,
        "seconds": round(seconds, 3),
        "docs_per_s": round(quality.n / seconds, 1),
        "mb_per_s": round(nbytes / 1e6 / seconds, 3),
        "cpu_seconds": round(cpu, 3) if cpu is not None else None,
        "docs_per_cpu_s": round(quality.n / cpu, 1) if cpu else None,
        "quality": quality.to_json(),
    }


def run_floor(corpus: Path, limit: int | None) -> dict[str, Any]:
    """One regex pass over the same files."""
    every = spread(corpus, limit)
    # Read once untimed: the floor and the extraction after it both read from the page cache.
    for path in iter_corpus(corpus, limit, every):
        path.read_bytes()
    t0 = time.perf_counter()
    docs, nbytes, hits = _floor(iter_corpus(corpus, limit, every))
    seconds = time.perf_counter() - t0
    return {
        "docs": docs,
        "bytes": nbytes,
        "sample": f"1 in {every}" if every > 1 else "all",
        "matches": hits,
        "seconds": round(seconds, 3),
        "docs_per_s": round(docs / seconds, 1),
        "mb_per_s": round(nbytes / 1e6 / seconds, 3),
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--corpus", type=Path, required=True)
    ap.add_argument("--mode", choices=("floor", "extract"), required=True)
    ap.add_argument("--jobs", type=int, default=1)
    ap.add_argument("--limit", type=int, default=None, help="first N documents only")
    args = ap.parse_args(argv)
    try:
        if args.mode == "floor":
            result = run_floor(args.corpus, args.limit)
        else:
            result = run_extract(args.corpus, args.jobs, args.limit)
    except ImportError as exc:
        missing("chidao.extract", exc)
        return 0
    emit({"step": f"{args.mode}", "jobs": args.jobs, **result})
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
