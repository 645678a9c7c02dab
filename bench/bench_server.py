"""The hostile-query benchmark of ``chidao serve`` (issue #17): does the server stay up,
answer light queries fast, and keep to its memory ceiling?

Builds (or reuses) a store of generated documents, starts ``chidao serve`` on
loopback as a user would, and fires a bounded mix of queries from many threads:
the saved queries, a light lookup, three-way cross products, ``SELECT *`` over
everything and ``SERVICE`` calls, in a fixed rotation. While it runs, the
resident memory of the server and its workers is sampled every 20 ms. Then
light queries alone, and one query built to eat memory. It stops by itself.

Usage::

    .venv/bin/python -m bench.bench_server --size 2000 --store /tmp/bench-server/store

Prints one JSON document: per kind of query the HTTP statuses, the light
queries' p50/p95 during and after the mix, the server's peak RSS (all
processes), and the memory-eating query's answer and its worker's peak.
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import psutil

ROOT = Path(__file__).resolve().parents[1]
CHIDAO = [str(Path(sys.executable).parent / "chidao")]

LIGHT = "SELECT ?n WHERE { ?d eli:number ?n } ORDER BY ?n LIMIT 5"
CROSS = "SELECT (COUNT(*) AS ?c) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
SELECT_ALL = "SELECT * WHERE { ?s ?p ?o }"
SERVICE = "SELECT * { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }"
HUNGRY = (
    "SELECT (STRLEN(GROUP_CONCAT(CONCAT(STR(?a), STR(?d)))) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f }"
)


def build_store(store: Path, size: int, seed: int) -> float:
    """Generate ``size`` documents and ingest them; seconds taken (0 if the store exists)."""
    if (store / "chidao-store.json").exists():
        return 0.0
    from bench.generate import write_corpus

    corpus = Path(tempfile.mkdtemp(prefix="bench-server-corpus-"))
    write_corpus(corpus, size, seed)
    started = time.monotonic()
    subprocess.run([*CHIDAO, "ingest", str(corpus), "--store", str(store)], check=True)
    return time.monotonic() - started


def post(url: str, query: str, timeout: float = 300) -> tuple[int | str, float, int]:
    """(status, seconds, body bytes) of one query: 200, ``"503 busy"``, ``"503 time limit"``,
    ``"413"``, …, or the name of the error when no HTTP answer came."""
    data = urllib.parse.urlencode({"query": query}).encode()
    request = urllib.request.Request(url, data=data, headers={"Accept": "text/csv"})
    started = time.monotonic()
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            body = response.read()
            return response.status, time.monotonic() - started, len(body)
    except urllib.error.HTTPError as err:
        body = err.read().decode("utf-8", "replace")
        why = next((w for w in ("busy", "time limit", "memory") if w in body), "")
        return f"{err.code} {why}".strip(), time.monotonic() - started, len(body)
    except OSError as err:
        return type(err).__name__, time.monotonic() - started, 0


class MemorySampler:
    """Peak RSS of a process and its children, sampled in a thread."""

    def __init__(self, pid: int, every_s: float = 0.02) -> None:
        self.root = psutil.Process(pid)
        self.every_s = every_s
        self.peak_total = 0
        self.peak_child = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        while not self._stop.is_set():
            total = 0
            try:
                procs = [self.root, *self.root.children(recursive=True)]
            except psutil.Error:
                return
            for proc in procs:
                try:
                    rss = proc.memory_info().rss
                except psutil.Error:
                    continue
                total += rss
                if proc.pid != self.root.pid:
                    self.peak_child = max(self.peak_child, rss)
            self.peak_total = max(self.peak_total, total)
            time.sleep(self.every_s)

    def __enter__(self) -> MemorySampler:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()


def start_server(store: Path, port: int, extra: list[str]) -> subprocess.Popen[str]:
    proc = subprocess.Popen(
        [*CHIDAO, "serve", "--store", str(store), "--port", str(port), *extra],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    assert proc.stdout is not None
    for line in proc.stdout:
        if "Ctrl-C" in line:
            return proc
    raise SystemExit(f"the server did not start (exit code {proc.wait()})")


def stop_server(proc: subprocess.Popen[str]) -> None:
    proc.send_signal(signal.SIGINT)
    try:
        proc.wait(30)
    except subprocess.TimeoutExpired:
        proc.kill()


def quantiles(times: list[float]) -> dict[str, float | None]:
    if len(times) < 2:
        return {"p50_s": times[0] if times else None, "p95_s": times[0] if times else None}
    cuts = statistics.quantiles(times, n=20)
    return {"p50_s": round(statistics.median(times), 4), "p95_s": round(cuts[18], 4)}


def hostile_mix(url: str, total: int, threads: int) -> dict[str, Any]:
    saved = {
        p.stem: p.read_text(encoding="utf-8") for p in (ROOT / "data" / "queries").glob("*.rq")
    }
    kinds = [("light", LIGHT), ("cross", CROSS), ("select-all", SELECT_ALL), ("service", SERVICE)]
    kinds += [(f"saved:{name}", text) for name, text in sorted(saved.items())]
    jobs = [kinds[i % len(kinds)] for i in range(total)]
    answers: dict[str, list[tuple[int | str, float, int]]] = {}
    lock = threading.Lock()

    def run(job: tuple[str, str]) -> None:
        answer = post(url, job[1])
        with lock:
            answers.setdefault(job[0], []).append(answer)

    started = time.monotonic()
    with ThreadPoolExecutor(threads) as pool:
        list(pool.map(run, jobs))
    wall = time.monotonic() - started
    by_kind = {}
    for kind, got in sorted(answers.items()):
        statuses: dict[str, int] = {}
        for status, _, _ in got:
            statuses[str(status)] = statuses.get(str(status), 0) + 1
        ok_times = [t for s, t, _ in got if s == 200]
        by_kind[kind] = {"statuses": statuses, **quantiles(ok_times)}
    failures = sum(1 for got in answers.values() for s, _, _ in got if not str(s)[:3].isdigit())
    light = [t for s, t, _ in answers.get("light", []) if s == 200]
    return {
        "queries": total,
        "threads": threads,
        "wall_s": round(wall, 1),
        "no_http_answer": failures,
        "light_during_mix": quantiles(light),
        "by_kind": by_kind,
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--size", type=int, default=2000, help="generated documents in the store")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--store", type=Path, default=Path(tempfile.gettempdir()) / "bench-server")
    ap.add_argument("--queries", type=int, default=200)
    ap.add_argument("--threads", type=int, default=20)
    ap.add_argument("--timeout", type=float, default=5.0, help="the server's --timeout")
    ap.add_argument("--workers", type=int, default=2, help="the server's --workers")
    ap.add_argument("--memory-mb", type=int, default=1024, help="the server's --memory-mb")
    ap.add_argument("--eater-memory-mb", type=int, default=300,
                    help="--memory-mb of the server the memory-eating query runs on")  # fmt: skip
    ap.add_argument("--port", type=int, default=7899)
    args = ap.parse_args(argv)

    ingest_s = build_store(args.store, args.size, args.seed)
    limits = ["--timeout", str(args.timeout), "--workers", str(args.workers),
              "--memory-mb", str(args.memory_mb)]  # fmt: skip
    report: dict[str, Any] = {
        "store": str(args.store),
        "documents": args.size,
        "ingest_s": round(ingest_s, 1),
        "server_options": limits,
        "cpus": os.cpu_count(),
    }
    url = f"http://127.0.0.1:{args.port}/query"
    server = start_server(args.store, args.port, limits)
    try:
        with MemorySampler(server.pid) as memory:
            report["mix"] = hostile_mix(url, args.queries, args.threads)
            after = [post(url, LIGHT) for _ in range(50)]
            report["light_after_mix"] = {
                "statuses": sorted({str(s) for s, _, _ in after}),
                **quantiles([t for s, t, _ in after if s == 200]),
            }
            report["alive_after"] = post(url, LIGHT)[0] == 200
        report["peak_rss_mb"] = {
            "server_and_workers": round(memory.peak_total / 2**20, 1),
            "largest_worker": round(memory.peak_child / 2**20, 1),
            "ceiling_per_worker": args.memory_mb,
        }
    finally:
        stop_server(server)
    # The memory ceiling: a query that only grows, with time enough to pass the ceiling.
    ceiling = ["--timeout", "120", "--workers", "1", "--memory-mb", str(args.eater_memory_mb)]
    server = start_server(args.store, args.port, ceiling)
    try:
        with MemorySampler(server.pid, every_s=0.005) as memory:
            status, seconds, _ = post(url, HUNGRY)
            alive = post(url, LIGHT)[0] == 200
        report["memory_eater"] = {
            "server_options": ceiling,
            "status": status,
            "seconds": round(seconds, 2),
            "largest_worker_rss_mb": round(memory.peak_child / 2**20, 1),
            "alive_after": alive,
        }
    finally:
        stop_server(server)
    json.dump(report, sys.stdout, indent=2)
    sys.stdout.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
