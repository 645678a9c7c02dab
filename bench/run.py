"""Run the benchmarks and write the figures side by side.

For each size: generate (or reuse) the synthetic corpus, then run each step in
its own process, sampling the resident memory of its process tree:

- ``floor``       one raw regex pass over the corpus' bytes;
- ``extract-1``   extraction on one core; ``extract-N`` with ``--jobs N``;
- ``ingest``      extraction + RDF build + load into the embedded store through
                  :mod:`chidao.graph.ingest.ingest`, and the same triples added to
                  rdflib's default in-memory store (the ratio of the two load rates);
- ``query``       ``lineage`` and ``cascade`` latency (p50, p95) on that store;
- ``analysis``    the same latencies on a NetworkX view built from the generator's
                  ground truth: the analysis alone, for sizes without a store.

Results go to ``bench/results/<stamp>.json`` and ``.md`` (git-ignored); the
Markdown is printed too.  Usage (from the repository root)::

    nice .venv/bin/python -m bench.run --sizes 1000,10000 --jobs 2
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import shutil
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import psutil

from bench.report import markdown

ROOT = Path(__file__).resolve().parents[1]
STEPS = ("floor", "extract-1", "extract-N", "ingest", "rdflib", "query", "analysis")

#: Store bytes per document assumed before any store of this run was measured:
#: 322 B/quad × ~400 quads/doc, measured on the 10^4 corpus (README).
STORE_BYTES_PER_DOC = 130_000

#: Disk kept free beyond the store's estimate (RocksDB compactions, the OS).
DISK_MARGIN = 1.25


def store_fits(size: int, stores: Path, per_doc: float) -> tuple[bool, str]:
    """Whether a store of ``size`` documents fits on the disk holding ``stores``.

    A store that cannot fit is not attempted: a full disk would fail the run
    hours in, and the figure it was for says nothing about chidao.
    """
    probe = stores
    while not probe.exists():
        probe = probe.parent
    free = shutil.disk_usage(probe).free
    need = size * per_doc * DISK_MARGIN
    text = f"needs ~{need / 1e9:,.0f} GB ({per_doc / 1e3:,.0f} KB/doc), {free / 1e9:,.0f} GB free"
    return need <= free, text


def machine() -> dict[str, Any]:
    """What the figures were measured on, and how busy the machine was."""
    mem = psutil.virtual_memory()
    return {
        "cpus": os.cpu_count(),
        "cpu": _cpu_model(),
        "memory_gb": round(mem.total / 2**30, 1),
        "python": platform.python_version(),
        "platform": platform.platform(),
        "load_avg_at_start": [round(x, 2) for x in os.getloadavg()],
    }


def _cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor()


def run_step(argv: list[str], timeout: float, log: Path) -> dict[str, Any]:
    """Run one step's process; return its JSON result plus wall time and peak memory.

    The peak is taken two ways: ``ru_maxrss`` of the largest process (exact,
    from the kernel) and the sampled sum over the step's process tree (a pool
    of workers adds up).
    """
    out = log.with_suffix(".out")
    with open(out, "w") as fo, open(log, "w") as fe:
        t0 = time.perf_counter()
        proc = subprocess.Popen([sys.executable, "-m", *argv], cwd=ROOT, stdout=fo, stderr=fe)
        ps = psutil.Process(proc.pid)
        tree_peak = 0
        rusage = None
        while True:
            pid, status, rusage = os.wait4(proc.pid, os.WNOHANG)
            if pid:
                proc.returncode = os.waitstatus_to_exitcode(status)
                break
            try:
                procs = [ps, *ps.children(recursive=True)]
                tree_peak = max(tree_peak, sum(_rss(p) for p in procs))
            except psutil.NoSuchProcess:
                pass
            if time.perf_counter() - t0 > timeout:
                proc.kill()
                proc.wait()
                result = {"error": f"timed out after {timeout:.0f} s", "log": str(log)}
                lines = out.read_text().strip().splitlines()
                if lines:  # what the step measured before it was stopped
                    result["partial"] = json.loads(lines[-1])
                result["peak_rss_mb"] = {"tree_sampled": round(tree_peak / 2**20, 1)}
                return result
            time.sleep(0.2)
        wall = time.perf_counter() - t0
    lines = out.read_text().strip().splitlines()
    if proc.returncode != 0 or not lines:
        tail = log.read_text()[-2000:]
        return {"error": f"exit {proc.returncode}", "stderr_tail": tail, "log": str(log)}
    result = json.loads(lines[-1])
    result["wall_s"] = round(wall, 2)
    result["peak_rss_mb"] = {
        "max_process": round(rusage.ru_maxrss / 1024, 1) if rusage else None,
        "tree_sampled": round(tree_peak / 2**20, 1),
    }
    return result


def _rss(p: psutil.Process) -> int:
    try:
        return p.memory_info().rss
    except psutil.Error:
        return 0


def bench_size(args: argparse.Namespace, size: int, logs: Path) -> dict[str, Any]:
    """Every step on one corpus size."""
    corpus = args.corpora / f"n{size}-s{args.seed}"
    print(f"[{size:,}] generate …", file=sys.stderr, flush=True)
    gen = ["bench.generate", "--size", str(size), "--seed", str(args.seed), "--out", str(corpus)]
    res: dict[str, Any] = {"corpus": run_step(gen, args.timeout, logs / f"n{size}-generate.log")}
    if "error" in res["corpus"]:
        return res
    res["corpus"]["path"] = str(corpus)
    limit = args.extract_limit if args.extract_limit and size > args.extract_limit else None
    lim = ["--limit", str(limit)] if limit else []
    store = args.stores / f"n{size}-s{args.seed}"
    plan: dict[str, list[str]] = {
        "floor": ["bench.step_extract", "--corpus", str(corpus), "--mode", "floor", *lim],
        "extract-1": ["bench.step_extract", "--corpus", str(corpus), "--mode", "extract", *lim],
        "extract-N": [
            "bench.step_extract",
            "--corpus",
            str(corpus),
            "--mode",
            "extract",
            "--jobs",
            str(args.jobs),
            *lim,
        ],  # fmt: skip
        "ingest": [
            "bench.step_ingest",
            "--corpus",
            str(corpus),
            "--store",
            str(store),
            "--jobs",
            str(args.jobs),
        ],  # fmt: skip
        "rdflib": [
            "bench.step_ingest",
            "--corpus",
            str(corpus),
            "--rdflib-memory",
            "--jobs",
            str(args.jobs),
        ],  # fmt: skip
        "query": [
            "bench.step_query",
            "--corpus",
            str(corpus),
            "--store",
            str(store),
            "--samples",
            str(args.samples),
        ],
        "analysis": [
            "bench.step_query",
            "--corpus",
            str(corpus),
            "--from-manifest",
            "--samples",
            str(args.samples),
        ],
    }
    for step in args.steps:
        if step == "rdflib" and size > args.rdflib_max:
            res[step] = {"skipped": f"rdflib in-memory only up to {args.rdflib_max:,} docs"}
            continue
        if step in ("ingest", "query") and size > args.store_max:
            res[step] = {"skipped": f"stores only up to {args.store_max:,} docs"}
            continue
        if step == "ingest":
            fits, text = store_fits(size, args.stores, args.store_bytes_per_doc)
            if not fits:
                res[step] = {"skipped": f"disk too small for the store: {text}"}
                continue
        timeout = args.query_timeout if step in ("query", "analysis") else args.timeout
        print(f"[{size:,}] {step} …", file=sys.stderr, flush=True)
        res[step] = run_step(plan[step], timeout, logs / f"n{size}-{step}.log")
        if step == "ingest" and res[step].get("store_mb") and res[step].get("docs"):
            # Later (larger) sizes are judged by what this store really took.
            args.store_bytes_per_doc = res[step]["store_mb"] * 1e6 / res[step]["docs"]
        print(f"[{size:,}] {step}: {_brief(res[step])}", file=sys.stderr, flush=True)
    if not args.keep_stores and store.exists():
        shutil.rmtree(store)
    return res


def _brief(r: dict[str, Any]) -> str:
    keys = ("skipped", "error", "docs_per_s", "triples_per_s", "wall_s")
    return ", ".join(f"{k}={r[k]}" for k in keys if k in r)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0], formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("--sizes", default="1000,10000", help="comma-separated corpus sizes")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--jobs", type=int, default=2, help="worker processes for extract-N")
    ap.add_argument("--steps", default=",".join(STEPS), help=f"subset of {','.join(STEPS)}")
    ap.add_argument("--extract-limit", type=int, default=20_000,
                    help="extract at most this many documents per size (0: all)")  # fmt: skip
    ap.add_argument("--rdflib-max", type=int, default=100_000,
                    help="largest size on which rdflib's in-memory store is measured")  # fmt: skip
    ap.add_argument("--store-max", type=int, default=10_000,
                    help="largest size ingested into a store and queried")  # fmt: skip
    ap.add_argument("--samples", type=int, default=200, help="queries per latency figure")
    ap.add_argument("--store-bytes-per-doc", type=float, default=STORE_BYTES_PER_DOC,
                    help="store bytes per doc for the disk check, until measured")  # fmt: skip
    ap.add_argument("--timeout", type=float, default=1500, help="seconds allowed per step")
    ap.add_argument("--query-timeout", type=float, default=600, help="seconds for a query step")
    ap.add_argument("--corpora", type=Path, default=ROOT / "bench" / "corpora")
    ap.add_argument("--stores", type=Path, default=ROOT / "bench" / "corpora" / "stores")
    ap.add_argument("--out", type=Path, default=ROOT / "bench" / "results")
    ap.add_argument("--keep-stores", action="store_true", help="keep the stores built")
    ap.add_argument("--note", default="", help="free text saved with the results")
    args = ap.parse_args(argv)
    args.sizes = [int(s.replace("_", "")) for s in args.sizes.split(",") if s]
    args.steps = [s for s in args.steps.split(",") if s]
    unknown = set(args.steps) - set(STEPS)
    if unknown:
        ap.error(f"unknown steps: {', '.join(sorted(unknown))}")

    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    logs = args.out / f"{stamp}-logs"
    logs.mkdir(parents=True, exist_ok=True)
    results: dict[str, Any] = {
        "started": dt.datetime.now().isoformat(timespec="seconds"),
        "command": " ".join(["python -m bench.run", *(argv if argv is not None else sys.argv[1:])]),
        "machine": machine(),
        "note": args.note,
        "jobs": args.jobs,
        "sizes": {},
    }
    for size in args.sizes:
        results["sizes"][str(size)] = bench_size(args, size, logs)
        # Written after every size so that a killed run keeps what it measured.
        results["finished"] = dt.datetime.now().isoformat(timespec="seconds")
        results["machine"]["load_avg_at_end"] = [round(x, 2) for x in os.getloadavg()]
        (args.out / f"{stamp}.json").write_text(json.dumps(results, indent=2, ensure_ascii=False))
        (args.out / f"{stamp}.md").write_text(markdown(results))
    print(markdown(results))
    print(f"written: {args.out / stamp}.json and .md", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
