"""Helpers every benchmark step shares: walking a corpus, timing, peak memory, output.

Each step runs in its own process (``python -m bench.step_…``) so that its peak
resident memory is its own; it prints one JSON object as its last line of
standard output, which :mod:`bench.run` collects.
"""

from __future__ import annotations

import json
import os
import resource
import statistics
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any


def iter_corpus(corpus: Path, limit: int | None = None, every: int = 1) -> Iterator[Path]:
    """The documents of a generated corpus in id order, streamed shard by shard.

    ``every`` > 1 takes one document in ``every`` (a sample spread over the whole
    corpus); ``limit`` stops after that many documents.
    """
    n = i = 0
    for shard in sorted(p for p in Path(corpus).iterdir() if p.name.startswith("shard-")):
        for name in sorted(os.listdir(shard)):
            if limit is not None and n >= limit:
                return
            if i % every == 0:
                yield shard / name
                n += 1
            i += 1


def spread(corpus: Path, limit: int | None) -> int:
    """The stride that spreads ``limit`` documents over the whole corpus."""
    if not limit:
        return 1
    size = json.loads((Path(corpus) / "meta.json").read_text())["size"]
    return max(1, size // limit)


def peak_rss_mb() -> dict[str, float]:
    """Peak resident memory of this process and of its largest finished child, in MB."""
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KB on Linux
    kids = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return {"self": round(own, 1), "largest_child": round(kids, 1)}


def percentiles(values_ms: list[float]) -> dict[str, float]:
    """p50 / p95 / max of latencies in milliseconds."""
    if not values_ms:
        return {"n": 0}
    ordered = sorted(values_ms)
    p95 = ordered[min(len(ordered) - 1, int(round(0.95 * (len(ordered) - 1))))]
    return {
        "n": len(ordered),
        "p50_ms": round(statistics.median(ordered), 3),
        "p95_ms": round(p95, 3),
        "max_ms": round(ordered[-1], 3),
    }


def dir_size_mb(path: Path) -> float:
    """Bytes on disk under ``path``, in MB."""
    total = 0
    for root, _dirs, files in os.walk(path):
        for f in files:
            try:
                total += os.stat(os.path.join(root, f)).st_blocks * 512
            except OSError:
                pass
    return round(total / 1e6, 1)


def emit(result: dict[str, Any]) -> None:
    """Print the step's result (with its peak memory) as the last line of stdout."""
    result["peak_rss_mb"] = peak_rss_mb()
    sys.stdout.write(json.dumps(result, ensure_ascii=False, default=str) + "\n")
    sys.stdout.flush()


def missing(module: str, exc: BaseException) -> None:
    """Report a step that cannot run yet because the code it measures is missing."""
    emit({"skipped": f"{module} not available: {exc}"})
