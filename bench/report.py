"""The Markdown tables of a benchmark run (from the JSON :mod:`bench.run` writes).

Usage: ``.venv/bin/python -m bench.report bench/results/<stamp>.json [more.json …]``
(several runs are merged into one set of tables).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

# Targets of issue 9, shown beside the figures (measured, never asserted in tests).
TARGET_DOCS_PER_S = 2000
TARGET_TRIPLES_PER_S = 100_000
TARGET_RDFLIB_RATIO = 5
TARGET_QUERY_P50_MS = 50
TARGET_INGEST_RSS_MB = 2048


def _get(d: dict[str, Any], *path: str) -> Any:
    for p in path:
        if not isinstance(d, dict) or p not in d:
            return None
        d = d[p]
    return d


def _n(x: Any, digits: int = 0) -> str:
    if x is None:
        return "–"
    if isinstance(x, float) and digits:
        return f"{x:,.{digits}f}"
    return f"{round(x):,}" if isinstance(x, int | float) else str(x)


def _compaction(ing: dict[str, Any] | None) -> str:
    seconds = ((ing or {}).get("seconds") or {}).get("optimize")
    if seconds is None:
        return "–"
    return f"{seconds:,.1f} ({_n((ing or {}).get('store_mb_optimized'), 1)})"


def _cell(step: dict[str, Any] | None, key: str, digits: int = 0) -> str:
    if not step:
        return "–"
    if "skipped" in step:
        return "skipped"
    if "error" in step:
        return "error"
    return _n(step.get(key), digits)


def _ratio(a: Any, b: Any) -> str:
    if not isinstance(a, int | float) or not isinstance(b, int | float) or not b:
        return "–"
    return f"{a / b:.2f}×"


def _rss(step: dict[str, Any] | None) -> str:
    peak = _get(step or {}, "peak_rss_mb")
    if not peak or "skipped" in (step or {}):
        return "–"
    return f"{_n(peak.get('max_process'))} / {_n(peak.get('tree_sampled'))}"


def markdown(results: dict[str, Any]) -> str:
    """Extraction, ingest, query and memory tables of one run."""
    m = results.get("machine", {})
    jobs = results.get("jobs", 2)
    out = [
        f"Run {results.get('started')} → {results.get('finished')}: `{results.get('command')}`",
        "",
        f"Machine: {m.get('cpus')} CPUs ({m.get('cpu')}), {m.get('memory_gb')} GB RAM, "
        f"Python {m.get('python')}; load average at start {m.get('load_avg_at_start')}, "
        f"at end {m.get('load_avg_at_end')}. {results.get('note', '')}",
        "",
        f"### Extraction (target ≥ {TARGET_DOCS_PER_S:,} docs/s per core)",
        "",
        "| docs in corpus | docs extracted | KB/doc | floor docs/s (MB/s) | extract 1 core "
        f"docs/s (MB/s) | cost × floor | extract --jobs {jobs} docs/s (MB/s) | speed-up "
        "| number correct | with citation |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    sizes = dict(sorted(results.get("sizes", {}).items(), key=lambda kv: int(kv[0])))
    for size, r in sizes.items():
        c, fl, e1, en = r.get("corpus", {}), r.get("floor"), r.get("extract-1"), r.get("extract-N")
        kb = c.get("bytes", 0) / max(int(size), 1) / 1000
        q = _get(e1 or {}, "quality") or {}
        out.append(
            f"| {int(size):,} | {_cell(e1, 'docs')} | {kb:.1f} "
            f"| {_cell(fl, 'docs_per_s')} ({_cell(fl, 'mb_per_s', 1)}) "
            f"| {_cell(e1, 'docs_per_s')} ({_cell(e1, 'mb_per_s', 1)}) "
            f"| {_ratio(_get(fl or {}, 'docs_per_s'), _get(e1 or {}, 'docs_per_s'))} "
            f"| {_cell(en, 'docs_per_s')} ({_cell(en, 'mb_per_s', 1)}) "
            f"| {_ratio(_get(en or {}, 'docs_per_s'), _get(e1 or {}, 'docs_per_s'))} "
            f"| {_n(q.get('number_correct'), 3)} | {_n(q.get('with_citation'), 3)} |"
        )
    out += [
        "",
        f"### Ingest (target ≥ {TARGET_TRIPLES_PER_S:,} triples/s and ≥ {TARGET_RDFLIB_RATIO}× "
        "rdflib in-memory)",
        "",
        "| docs | quads | load into store: triples/s | rdflib in-memory: triples/s "
        "| store ÷ rdflib | whole ingest (extract+build+load) docs/s | build ms/doc "
        "| store on disk MB | bytes/quad | compaction s (MB after) |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for size, r in sizes.items():
        ing, rdf = r.get("ingest"), r.get("rdflib")
        quads = _get(ing or {}, "quads")
        mb = _get(ing or {}, "store_mb")
        per = f"{mb * 1e6 / quads:.0f}" if isinstance(mb, int | float) and quads else "–"
        out.append(
            f"| {int(size):,} | {_cell(ing, 'quads')} | {_cell(ing, 'triples_per_s')} "
            f"| {_cell(rdf, 'triples_per_s')} "
            f"| {_ratio(_get(ing or {}, 'triples_per_s'), _get(rdf or {}, 'triples_per_s'))} "
            f"| {_cell(ing, 'docs_per_s')} | {_cell(ing, 'build_ms_per_doc', 2)} "
            f"| {_cell(ing, 'store_mb', 1)} | {per} | {_compaction(ing)} |"
        )
    out += [
        "",
        f"### Lineage and cascade (target p50 ≤ {TARGET_QUERY_P50_MS} ms on 10^6 docs)",
        "",
        "| docs | graph from | load graph s | graph nodes / edges | lookup p50 / p95 ms "
        "| lineage p50 / p95 ms | cascade (province doc) p50 / p95 ms "
        "| cascade (central doc) p50 / p95 ms |",
        "|---:|---|---:|---:|---:|---:|---:|---:|",
    ]
    for size, r in sizes.items():
        for step in ("query", "analysis"):
            q = r.get(step)
            if not q:
                continue
            if "error" in q and "partial" in q:  # stopped while loading the graph
                q = {**q["partial"], "load_s": f"> {q['error'].split()[-2]} (stopped)"}
            elif "skipped" in q or "error" in q:
                out.append(f"| {int(size):,} | {step}: {_cell(q, 'x')} | | | | | | |")
                continue

            def pp(name: str, q: dict[str, Any] = q) -> str:
                p = q.get(name) or {}
                if not p.get("n"):
                    return "–"
                return f"{_n(p.get('p50_ms'), 2)} / {_n(p.get('p95_ms'), 2)}"

            load = q.get("load_s")
            out.append(
                f"| {int(size):,} | {q.get('graph_from')} "
                f"| {load if isinstance(load, str) else _n(load, 2)} "
                f"| {_n(q.get('nodes'))} / {_n(q.get('edges'))} | {pp('lookup')} "
                f"| {pp('lineage')} | {pp('cascade_province')} | {pp('cascade_central')} |"
            )
    out += [
        "",
        f"### What a user waits for: look-up + partial load + analysis per command, through "
        f"the store (minus start-up; target p50 ≤ {TARGET_QUERY_P50_MS} ms on 10^6 docs)",
        "",
        "| docs | store open ms | `lineage` p50 / p95 ms (resolve · load · analyse p50) "
        "| `cascade` province doc p50 / p95 ms (resolve · load · analyse) "
        "| `cascade` central doc p50 / p95 ms (resolve · load · analyse) | nodes loaded |",
        "|---:|---:|---:|---:|---:|---:|",
    ]
    for size, r in sizes.items():
        q = r.get("query") or {}
        if "partial" in q and isinstance(q["partial"], dict):
            q = q["partial"]
        if not any(k.startswith("cmd_") for k in q):
            continue

        def cmd(key: str, q: dict[str, Any] = q) -> str:
            p = q.get(key) or {}
            if not p.get("n"):
                return "–"
            parts = q.get(f"{key}_parts") or {}
            split = " · ".join(
                _n(parts.get(f"{k}_p50_ms"), 1) for k in ("resolve", "load", "analysis")
            )
            missing = f", {p['not_found']} not found" if p.get("not_found") else ""
            return (
                f"{_n(p.get('p50_ms'), 1)} / {_n(p.get('p95_ms'), 1)} ({split}; n={p['n']}"
                f"{missing})"
            )

        nodes = " / ".join(
            _n(q.get(f"{k}_nodes_mean"), 0)
            for k in ("cmd_lineage", "cmd_cascade_province", "cmd_cascade_central")
        )
        out.append(
            f"| {int(size):,} | {_n(q.get('store_open_ms'), 1)} | {cmd('cmd_lineage')} "
            f"| {cmd('cmd_cascade_province')} | {cmd('cmd_cascade_central')} | {nodes} |"
        )
    names = ["floor", "extract-1", "extract-N", "ingest", "rdflib", "query", "analysis"]
    out += [
        "",
        f"### Peak resident memory, MB: largest process / sampled process tree "
        f"(target: ingest of 10^6 docs ≤ {TARGET_INGEST_RSS_MB:,} MB)",
        "",
        "| docs | generate | " + " | ".join(names) + " |",
        "|---:|---:|" + "---:|" * len(names),
    ]
    for size, r in sizes.items():
        corpus = r.get("corpus") or {}
        gen = "reused" if corpus.get("reused") else _rss(corpus)
        out.append(f"| {int(size):,} | {gen} | " + " | ".join(_rss(r.get(s)) for s in names) + " |")
    return "\n".join(out) + "\n"


def merge(runs: list[dict[str, Any]]) -> dict[str, Any]:
    """Several runs as one (sizes from later runs win), keeping every command line."""
    merged = dict(runs[0])
    merged["sizes"] = {}
    for r in runs:
        for size, steps in r.get("sizes", {}).items():
            into = merged["sizes"].setdefault(size, {})
            for step, res in steps.items():
                # A corpus reused from an earlier run keeps the figures of its generation.
                if step == "corpus" and res.get("reused") and step in into:
                    continue
                into[step] = res
    if len(runs) > 1:
        merged["command"] = "` + `".join(r.get("command", "") for r in runs)
        merged["finished"] = runs[-1].get("finished")
        merged["machine"] = dict(runs[0].get("machine", {}))
        merged["machine"]["load_avg_at_end"] = runs[-1].get("machine", {}).get("load_avg_at_end")
        merged["note"] = " ".join(dict.fromkeys(r.get("note", "") for r in runs if r.get("note")))
    return merged


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    print(markdown(merge([json.loads(Path(a).read_text()) for a in args])))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
