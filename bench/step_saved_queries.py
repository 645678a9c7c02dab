"""Latency of every saved query (``data/queries/*.rq``) on a store, with its default bindings.

What ``chidao query @name --store STORE`` waits for past process start-up: the
query run through :meth:`~chidao.graph.store.oxigraph.OxigraphStore.query` (as
the CLI runs it, nothing bound) and every row read. Each query runs
``--repeat`` times (p50 seconds, row count) in a child process that opened the
store read-only, so a query past ``--timeout`` seconds is killed and reported as
such instead of holding the benchmark. For scale, one cheap reference query runs
the same way first: the COUNT of the quads of one file's graph.

Usage (``--folder DIR`` runs the ``.rq`` files of a folder instead, e.g. the queries before a
change)::

    .venv/bin/python -m bench.step_saved_queries --store STORE [--repeat 3] [--timeout 120]
"""

from __future__ import annotations

import argparse
import multiprocessing as mp
import statistics
import time
from pathlib import Path
from typing import Any

from bench.measure import emit

#: The reference: one file's graph, counted (``?g`` bound, never spliced in).
REFERENCE = "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g"
_ONE_FILE_GRAPH = (
    "PREFIX prov: <http://www.w3.org/ns/prov#> "
    "SELECT ?g WHERE { GRAPH ?g { ?g prov:wasDerivedFrom ?file } } LIMIT 1"
)


def _worker(store: str, name: str, repeat: int, out: Any) -> None:
    """Run one query ``repeat`` times, sending ``(seconds, rows)`` after each run.

    ``name`` is a saved query's name, a ``.rq`` file's path, or ``reference``.
    """
    from chidao.graph.store.oxigraph import open_store
    from chidao.graph.store.results import load_query

    try:
        db = open_store(store, read_only=True)
        if name == "reference":
            graph = next(iter(db.query(_ONE_FILE_GRAPH).rows))[0]
            sparql, bindings = REFERENCE, {"g": graph}
        else:
            sparql, bindings = load_query(f"@{name}"), None
        for _ in range(repeat):
            t0 = time.perf_counter()
            rows = sum(1 for _row in db.query(sparql, bindings).rows)
            out.send((time.perf_counter() - t0, rows))
        db.close()
    except Exception as exc:  # reported in the step's JSON, the other queries go on
        out.send(("error", f"{type(exc).__name__}: {exc}"))
    finally:
        out.close()


def time_query(store: Path, name: str, repeat: int, timeout: float) -> dict[str, Any]:
    """p50 seconds and rows of ``repeat`` runs of one query; a run past ``timeout`` s stops it."""
    ctx = mp.get_context("spawn")  # a fresh interpreter: nothing of the parent's store state
    recv, send = ctx.Pipe(duplex=False)
    proc = ctx.Process(target=_worker, args=(str(store), name, repeat, send))
    proc.start()
    send.close()
    seconds: list[float] = []
    rows: int | None = None
    result: dict[str, Any] = {}
    for _ in range(repeat):
        if not recv.poll(timeout):
            result["timeout"] = f"a run took more than {timeout:g} s (killed)"
            proc.kill()
            break
        try:
            got = recv.recv()
        except EOFError:
            result["error"] = "the query process died"
            break
        if got[0] == "error":
            result["error"] = got[1]
            break
        seconds.append(got[0])
        rows = got[1]
    proc.join(5)
    if seconds:
        result["p50_s"] = round(statistics.median(seconds), 4)
        result["runs_s"] = [round(s, 4) for s in seconds]
    result["rows"] = rows
    return result


def run(
    store: Path,
    repeat: int,
    timeout: float,
    names: list[str] | None,
    folder: Path | None = None,
) -> dict[str, Any]:
    from chidao.graph.store.results import saved_queries

    if folder is not None:  # other versions of the queries, e.g. before a change
        files = {p.stem: str(p) for p in sorted(folder.glob("*.rq"))}
    else:
        files = {name: name for name in sorted(saved_queries())}
    queries = [n for n in files if not names or n in names]
    result: dict[str, Any] = {"store": str(store), "repeat": repeat, "timeout_s": timeout}
    if folder is not None:
        result["folder"] = str(folder)
    result["reference_one_graph_count"] = time_query(store, "reference", repeat, timeout)
    result["queries"] = {}
    for name in queries:
        result["queries"][name] = time_query(store, files[name], repeat, timeout)
        emit({"step": "saved_queries", **result, "partial": f"after {name}"})
    timed = [q["p50_s"] for q in result["queries"].values() if "p50_s" in q]
    complete = len(timed) == len(queries)
    result["slowest_p50_s"] = max(timed) if complete and timed else None
    return result


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--store", type=Path, required=True, help="an embedded store (read only)")
    ap.add_argument("--repeat", type=int, default=3, help="runs per query (p50 over them)")
    ap.add_argument("--timeout", type=float, default=120.0, help="seconds a run may take")
    ap.add_argument("--query", action="append", dest="names", help="one saved query (repeatable)")
    ap.add_argument(
        "--folder", type=Path, default=None, help="run the .rq files of this folder instead"
    )
    args = ap.parse_args(argv)
    if not args.store.exists():
        emit({"step": "saved_queries", "skipped": f"no store at {args.store}"})
        return 0
    result = run(args.store, args.repeat, args.timeout, args.names, args.folder)
    emit({"step": "saved_queries", **result})
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
