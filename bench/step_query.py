"""Latency of ``lineage`` and ``cascade`` on a store (p50, p95).

For ``--samples`` documents picked from the corpus' ground truth:

- *lookup*: the document named the way a user writes it (number, issuer, year)
  resolved to its IRI by :mod:`chidao.graph.analysis.lookup`;
- *the command path* (``cmd_…``), what ``chidao lineage`` / ``chidao cascade``
  pay past process start-up, on the store opened once: the lookup, the part of
  the graph the question needs (:func:`chidao.graph.analysis.load.load_neighbourhood`)
  and the analysis — ``cmd_lineage`` from a district letter,
  ``cmd_cascade_province`` and ``cmd_cascade_central`` (``--central-samples``
  of them: the whole country's answers, the largest tree), each with the p50 of
  its three parts (``…_parts``) and the mean nodes loaded (``…_nodes_mean``);
- the same analyses on the whole NetworkX view (:func:`~chidao.graph.analysis.load.load_graph`,
  timed once as ``load_s``): *lineage*, *cascade_province*, *cascade_central*.
  No command loads the whole graph for these questions, and that load grows
  with the store: it runs only up to ``--whole-graph-max`` documents.

``--from-manifest`` builds the same NetworkX schema straight from the
generator's ground truth instead of a store: it isolates the analysis from the
store and the loader (used where no store of that size was built).

Usage::

    .venv/bin/python -m bench.step_query --corpus bench/corpora/n10000-s7 --store STORE
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import networkx as nx

from bench.generate import iter_manifest
from bench.measure import emit, percentiles


def graph_from_manifest(corpus: Path) -> nx.MultiDiGraph:
    """The document graph of the ground truth, in :mod:`chidao.graph`'s schema."""
    G = nx.MultiDiGraph()
    campaign, known = -1, {}
    for t in iter_manifest(corpus):
        if t["campaign"] != campaign:  # citations never leave their campaign
            campaign, known = t["campaign"], {}
        node = f"doc/{t['issuer']}/{t['date'][:4]}/{t['number']}"
        date = dt.date.fromisoformat(t["date"])
        G.add_node(node, kind="document", number=t["number"], date=date, year=date.year,
                   level=t["level"], system=t["system"], issuer_name=t["issuer"],
                   issuer=f"org/{t['issuer']}", cited_only=False, source=t["path"])  # fmt: skip
        for c in t["citations"]:
            target = known.get(c["number"])
            if target is not None:
                lag = (date - G.nodes[target]["date"]).days
                G.add_edge(node, target, key=c["relation"], lag_days=lag)
        known[t["number"]] = node
    return G


def _targets(corpus: Path, samples: int, seed: int) -> dict[str, list[dict[str, Any]]]:
    """Reservoir samples of district, province and central documents from the truth."""
    rng = random.Random(seed)
    pools: dict[str, list[dict[str, Any]]] = {"district": [], "province": [], "central": []}
    seen = dict.fromkeys(pools, 0)
    for t in iter_manifest(corpus):
        level = t["level"]
        seen[level] += 1
        pool = pools[level]
        if len(pool) < samples:
            pool.append(t)
        else:
            j = rng.randrange(seen[level])
            if j < samples:
                pool[j] = t
    return pools


def _timed(fn: Callable[[], Any]) -> tuple[float, Any]:
    t0 = time.perf_counter()
    out = fn()
    return (time.perf_counter() - t0) * 1000, out


def _index(G: nx.MultiDiGraph) -> dict[tuple[str, str, int], str]:
    """(number, issuer name, year) → document node, to find the sampled documents."""
    idx = {}
    for n, a in G.nodes(data=True):
        if a.get("kind") == "document" and a.get("number") and not a.get("cited_only"):
            idx[(a["number"], a.get("issuer_name") or "", a.get("year") or 0)] = n
    return idx


def _resolve_all(
    store: Path, pools: dict[str, list[dict[str, Any]]], result: dict[str, Any]
) -> dict[str, list[str | None]]:
    """IRIs of the sampled documents, as a user finds them (number, issuer, year)."""
    from chidao.errors import ChidaoError
    from chidao.graph.analysis.lookup import resolve_document
    from chidao.graph.store.oxigraph import open_store

    st = open_store(str(store), read_only=True)
    times: list[float] = []
    failures: list[str] = []
    iris: dict[str, list[str | None]] = {}
    for level, pool in pools.items():
        iris[level] = []
        for t in pool:
            year = int(t["date"][:4])
            t0 = time.perf_counter()
            try:
                iri: str | None = resolve_document(st, t["number"], issuer=t["issuer"], year=year)
            except ChidaoError as exc:
                iri = None
                failures.append(f"{t['number']} {t['issuer']} {year}: {str(exc)[:120]}")
            times.append((time.perf_counter() - t0) * 1000)
            iris[level].append(iri)
    result["lookup"] = percentiles(times)
    result["lookup_failures"] = {"n": len(failures), "first": failures[:3]}
    st.close()
    return iris


def _command_paths(
    store: Path, pools: dict[str, list[dict[str, Any]]], central: int, result: dict[str, Any]
) -> None:
    """``cmd_…``: look-up + neighbourhood load + analysis per sampled document."""
    from chidao.errors import ChidaoError
    from chidao.graph.analysis import cascade, lineage
    from chidao.graph.analysis.load import load_neighbourhood
    from chidao.graph.analysis.lookup import resolve_document
    from chidao.graph.store.oxigraph import open_store

    t0 = time.perf_counter()
    st = open_store(str(store), read_only=True)
    result["store_open_ms"] = round((time.perf_counter() - t0) * 1000, 1)
    plans = (
        ("cmd_lineage", "district", pools["district"], False),
        ("cmd_cascade_province", "province", pools["province"], True),
        ("cmd_cascade_central", "central", pools["central"][:central], True),
    )
    for key, _level, pool, down in plans:
        totals: list[float] = []
        parts: dict[str, list[float]] = {"resolve": [], "load": [], "analysis": []}
        nodes: list[int] = []
        failed = 0
        for t in pool:
            year = int(t["date"][:4])
            t0 = time.perf_counter()
            try:
                iri = resolve_document(st, t["number"], issuer=t["issuer"], year=year)
            except ChidaoError:
                failed += 1
                continue
            t1 = time.perf_counter()
            if down:
                G = load_neighbourhood(st, iri, up=False)
                t2 = time.perf_counter()
                cascade(G, iri)
            else:
                G = load_neighbourhood(st, iri, down=False)
                t2 = time.perf_counter()
                lineage(G, iri)
            t3 = time.perf_counter()
            totals.append((t3 - t0) * 1000)
            for name, ms in (("resolve", t1 - t0), ("load", t2 - t1), ("analysis", t3 - t2)):
                parts[name].append(ms * 1000)
            nodes.append(G.number_of_nodes())
        result[key] = {**percentiles(totals), "not_found": failed}
        result[f"{key}_parts"] = {
            f"{name}_p50_ms": percentiles(ms).get("p50_ms") for name, ms in parts.items()
        }
        result[f"{key}_nodes_mean"] = round(sum(nodes) / max(len(nodes), 1), 1)
        emit({"step": "query", **result, "partial": f"after {key}"})
    st.close()


def run(
    corpus: Path,
    store: Path | None,
    samples: int,
    seed: int,
    central: int = 10,
    whole_graph_max: int = 20_000,
) -> dict[str, Any]:
    from chidao.graph.analysis import cascade, lineage

    pools = _targets(corpus, samples, seed)
    result: dict[str, Any] = {"graph_from": "store" if store else "ground truth"}
    t0 = time.perf_counter()
    if store is None:
        G = graph_from_manifest(corpus)
        idx = _index(G)
        iris = {
            k: [idx.get((t["number"], t["issuer"], int(t["date"][:4]))) for t in v]
            for k, v in pools.items()
        }
    else:
        from chidao.graph.analysis.load import load_graph
        from chidao.graph.store.oxigraph import open_store

        iris = _resolve_all(store, pools, result)
        # Partial results first: if a later part outlives the step's time limit, the
        # figures before it survive.
        emit({"step": "query", **result, "partial": "after the look-ups"})
        _command_paths(store, pools, central, result)
        size = json.loads((corpus / "meta.json").read_text())["size"]
        if size > whole_graph_max:
            limit = f"--whole-graph-max {whole_graph_max:,}"
            result["whole_graph"] = f"skipped: {size:,} docs > {limit}"
            return result
        t0 = time.perf_counter()
        G = load_graph(open_store(str(store), read_only=True))
    result["load_s"] = round(time.perf_counter() - t0, 3)
    result["nodes"] = G.number_of_nodes()
    result["edges"] = G.number_of_edges()
    found = {k: [n for n in v if n is not None and n in G] for k, v in iris.items()}
    result["found"] = {k: f"{len(found[k])}/{len(pools[k])}" for k in pools}
    lin = [_timed(lambda n=n: lineage(G, n)) for n in found["district"]]
    result["lineage"] = percentiles([ms for ms, _ in lin])
    result["lineage_hops_mean"] = round(
        sum(max((len(c) for c in chains), default=0) for _, chains in lin) / max(len(lin), 1), 2
    )
    for level in ("province", "central"):
        runs = [_timed(lambda n=n: cascade(G, n)) for n in found[level]]
        result[f"cascade_{level}"] = percentiles([ms for ms, _ in runs])
        result[f"cascade_{level}_nodes_mean"] = round(
            sum(len(c.nodes) for _, c in runs) / max(len(runs), 1), 1
        )
    return result


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--corpus", type=Path, required=True)
    ap.add_argument("--store", type=Path, default=None)
    ap.add_argument(
        "--from-manifest", action="store_true", help="skip the store: build G from truth"
    )
    ap.add_argument("--samples", type=int, default=200)
    ap.add_argument("--seed", type=int, default=11)
    ap.add_argument(
        "--central-samples",
        type=int,
        default=10,
        help="central documents whose cascade is timed through the store (the slowest)",
    )
    ap.add_argument(
        "--whole-graph-max",
        type=int,
        default=20_000,
        help="load the whole graph (load_s, lineage, cascade_…) only up to this many docs",
    )
    args = ap.parse_args(argv)
    store = None if args.from_manifest else args.store
    if store is not None and not store.exists():
        emit({"step": "query", "skipped": f"no store at {store} (ingest did not run)"})
        return 0
    try:
        result = run(
            args.corpus, store, args.samples, args.seed, args.central_samples, args.whole_graph_max
        )
    except ImportError as exc:  # the analysis or the loader has not landed yet
        emit({"step": "query", "skipped": f"not available: {exc}"})
        return 0
    emit({"step": "query", **result})
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
