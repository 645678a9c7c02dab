"""Each analysis next to the single SPARQL query that gives the same answer, same store, same run.

For sampled documents of a store (picked by their issuer's level, from the store itself):

- ``lineage`` (a district letter, up) and ``cascade`` (a province and a central
  document, down): what the command pays past start-up and the name look-up —
  :func:`chidao.graph.analysis.load.load_neighbourhood` then the analysis — next
  to one SPARQL query with a property path over the carry-out relations
  (``(eli:ensures_implementation_of|eli:based_on)+``) returning the same documents;
- ``hubs``: :func:`chidao.graph.analysis.questions.store_hubs` next to one
  ``GROUP BY`` query counting each document's implementers.

Each pair is checked to give the same set of documents (or the same top counts),
so the ratio compares like with like.  The figure that counts is the ratio
(analysis ÷ query), p50 over the samples.

Usage::

    .venv/bin/python -m bench.step_vs_sparql --store STORE --samples 15
"""

from __future__ import annotations

import argparse
import random
import statistics
import time
from typing import Any

from bench.measure import emit

PATH = "(eli:ensures_implementation_of|eli:based_on)+"

_BY_LEVEL = """
SELECT DISTINCT ?d ?level WHERE {
  GRAPH ?g { ?d prov:hadPrimarySource ?f ; eli:passed_by ?o }
  ?o chidao:level ?level .
}
"""

_DOWN = f"SELECT DISTINCT ?d ?root WHERE {{ ?d {PATH} ?root }}"
_UP = f"SELECT DISTINCT ?d ?root WHERE {{ ?root {PATH} ?d }}"
_HUBS = """
SELECT ?d (COUNT(DISTINCT ?x) AS ?n) WHERE { ?x eli:ensures_implementation_of|eli:based_on ?d }
GROUP BY ?d ORDER BY DESC(?n) ?d LIMIT 10
"""


def _ms(fn: Any) -> tuple[float, Any]:
    t0 = time.perf_counter()
    out = fn()
    return (time.perf_counter() - t0) * 1000, out


def _sample(store: Any, level: str, n: int, rng: random.Random) -> list[str]:
    from rdflib import URIRef

    from chidao.ontology.namespaces import CHIDAO

    rows = store.query(_BY_LEVEL, {"level": URIRef(CHIDAO[level])}).rows
    docs = sorted(str(d) for d, _ in rows)
    return rng.sample(docs, min(n, len(docs)))


def _pair(store: Any, iri: str, down: bool) -> dict[str, Any]:
    from rdflib import URIRef

    from chidao.graph.analysis.cascade import cascade
    from chidao.graph.analysis.lineage import lineage
    from chidao.graph.analysis.load import load_neighbourhood
    from chidao.graph.analysis.nodes import CARRY_OUT

    def analysis() -> set[str]:
        G = load_neighbourhood(store, iri, up=not down, down=down, relations=CARRY_OUT)
        if down:
            result = cascade(G, iri, CARRY_OUT)
            return {n.document.iri for n in result.nodes if n.document.iri != iri}
        chains = lineage(G, iri, CARRY_OUT, None)
        return {hop.target for chain in chains for hop in chain}

    def query() -> set[str]:
        rows = store.query(_DOWN if down else _UP, {"root": URIRef(iri)}).rows
        return {str(d) for d, _ in rows}

    a_ms, a = _ms(analysis)
    q_ms, q = _ms(query)
    return {"analysis_ms": a_ms, "query_ms": q_ms, "answers": len(q), "same": a == q}


def _summary(pairs: list[dict[str, Any]]) -> dict[str, Any]:
    if not pairs:
        return {"n": 0}
    return {
        "n": len(pairs),
        "answers_mean": round(statistics.mean(p["answers"] for p in pairs), 1),
        "analysis_p50_ms": round(statistics.median(p["analysis_ms"] for p in pairs), 2),
        "query_p50_ms": round(statistics.median(p["query_ms"] for p in pairs), 2),
        "ratio_p50": round(
            statistics.median(p["analysis_ms"] / max(p["query_ms"], 1e-3) for p in pairs), 2
        ),
        "same_answers": sum(p["same"] for p in pairs),
    }


def run(args: argparse.Namespace) -> dict[str, Any]:
    from chidao.graph.analysis.questions import store_hubs
    from chidao.graph.store.oxigraph import open_store

    store = open_store(str(args.store), read_only=True)
    rng = random.Random(args.seed)
    out: dict[str, Any] = {"store": str(args.store), "quads": store.triple_count()}
    for name, level, down, n in (
        ("lineage", "district", False, args.samples),
        ("cascade_province", "province", True, args.samples),
        ("cascade_central", "central", True, args.central_samples),
    ):
        out[name] = _summary([_pair(store, d, down) for d in _sample(store, level, n, rng)])
    a_ms, ranks = _ms(lambda: store_hubs(store, top=10))
    q_ms, rows = _ms(lambda: list(store.query(_HUBS).rows))
    top = [(r.iri, r.implemented_by) for r in next(iter(ranks.values()))]
    counts = [(str(d), int(n)) for d, n in rows]
    out["hubs"] = {
        "analysis_ms": round(a_ms, 1),
        "query_ms": round(q_ms, 1),
        "ratio": round(a_ms / max(q_ms, 1e-3), 2),
        "same_counts": sorted(n for _, n in top) == sorted(n for _, n in counts),
    }
    store.close()
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--store", required=True)
    ap.add_argument("--samples", type=int, default=15)
    ap.add_argument("--central-samples", type=int, default=3)
    ap.add_argument("--seed", type=int, default=7)
    emit({"step": "vs_sparql", **run(ap.parse_args(argv))})
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
