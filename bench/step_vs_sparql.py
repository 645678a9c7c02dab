"""Each analysis next to the SPARQL query that gives the same answer, same store, same run.

For sampled documents of a store (picked by their issuer's level, from the store itself):

- ``lineage`` (a district letter, up) and ``cascade`` (a province document, and the
  central documents with the largest cascades, down): what the command pays past
  start-up and the name look-up —
  :func:`chidao.graph.analysis.questions.lineage_of` /
  :func:`~chidao.graph.analysis.questions.cascade_of` (load, analysis, the
  no-longer-in-force marks) — next to ONE SPARQL query returning what the command
  prints: the documents reached by the property path
  ``(eli:ensures_implementation_of|eli:based_on)+`` with their number, date, issuer,
  the issuer's label and level, and the carry-out edges from them (:data:`REFERENCE`;
  the edges kept are those between the answer's documents: :func:`reference`);
- ``hubs``: :func:`chidao.graph.analysis.questions.store_hubs` next to one query
  counting each document's implementers (``GROUP BY``) and describing the top ten
  (number, issuer, its label and level).

Each pair is checked to give the same answer (``same_answers``): the same documents,
each with a number, date, issuer label and level among those the query gives for it,
and the same edges; for ``hubs`` the same counts, and the same number and issuer
label for the documents both list.  The figure that counts is the ratio (command ÷
query), p50 over the samples.

Usage (``--previous``: the loads the commands used before, for the "before" column)::

    .venv/bin/python -m bench.step_vs_sparql --store STORE --samples 9 --central-samples 3
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import statistics
import time
from typing import Any

from bench.measure import emit
from chidao.graph.rdf.sparql_text import sparql_iri

CARRY = "eli:ensures_implementation_of|eli:based_on"
PATH = f"({CARRY})+"

_BY_LEVEL = """
SELECT DISTINCT ?d ?level WHERE {
  GRAPH ?g { ?d prov:hadPrimarySource ?f ; eli:passed_by ?o }
  ?o chidao:level ?level .
}
"""

# Central documents by how many documents carry them out directly: the largest
# cascades (a campaign: ~1,500 documents) are the case that costs.
_CENTRAL = """
SELECT ?d (COUNT(DISTINCT ?x) AS ?n) WHERE {
  GRAPH ?g { ?d prov:hadPrimarySource ?f ; eli:passed_by ?o }
  ?o chidao:level chidao:central .
  OPTIONAL { ?x eli:ensures_implementation_of|eli:based_on ?d }
} GROUP BY ?d ORDER BY DESC(?n) ?d
"""


def reference(root: str, upward: bool) -> str:
    """The query a SPARQL user writes for what ``lineage`` (``upward``) or ``cascade``
    prints of document ``root``: the documents, their number, date, issuer and links,
    and each issuer's label and level, one fact a row (``?d ?p ?x``, ``?q ?y`` the
    issuer's).

    Written as one pattern per document filtered on the property, after the walk: with
    one ``OPTIONAL`` per attribute (the obvious form) Oxigraph evaluates each one over
    the whole store and a lineage of four documents takes more than 15 s.
    """
    root = sparql_iri(root)
    walk = f"{root} {PATH} ?d" if upward else f"?d {PATH} {root}"
    return f"""
SELECT DISTINCT ?d ?p ?x ?q ?y WHERE {{
  {{ SELECT DISTINCT ?d WHERE {{ {{ {walk} }} UNION {{ VALUES ?d {{ {root} }} }} }} }}
  ?d ?p ?x
  FILTER(?p IN (eli:number, eli:date_document, eli:passed_by,
                eli:ensures_implementation_of, eli:based_on))
  OPTIONAL {{ ?x ?q ?y FILTER(?q IN (skos:prefLabel, chidao:level)) }}
}}
"""


def best_reference(root: str, upward: bool) -> str:
    """The fastest single query found for the same answer as :func:`reference`: the
    documents and their issuers first (a zero-or-one step from each document), then
    one pattern per node filtered on the property, no ``OPTIONAL``; rows ``?d ?p ?x``
    (an issuer's label and level are rows of the issuer)."""
    root = sparql_iri(root)
    walk = f"{root} {PATH} ?s" if upward else f"?s {PATH} {root}"
    return f"""
SELECT DISTINCT ?d ?p ?x WHERE {{
  {{ SELECT DISTINCT ?d WHERE {{
      {{ {walk} }} UNION {{ VALUES ?s {{ {root} }} }}
      ?s eli:passed_by? ?d
  }} }}
  ?d ?p ?x
  FILTER(?p IN (eli:number, eli:date_document, eli:passed_by,
                eli:ensures_implementation_of, eli:based_on, skos:prefLabel, chidao:level))
}}
"""


def _best_rows(rows: list[tuple[Any, ...]]) -> list[tuple[Any, ...]]:
    """:func:`best_reference`'s rows in :func:`reference`'s shape (``?d ?p ?x ?q ?y``)."""
    about: dict[str, list[tuple[Any, Any]]] = {}
    facts = []
    for d, p, x in rows:
        if str(p).rsplit("#", 1)[-1] in ("prefLabel", "level"):
            about.setdefault(str(d), []).append((p, x))
        else:
            facts.append((d, p, x))
    out: list[tuple[Any, ...]] = []
    for d, p, x in facts:
        named = about.get(str(x), []) if str(p).endswith("passed_by") else []
        out.extend((d, p, x, q, y) for q, y in named) if named else out.append(
            (d, p, x, None, None)
        )
    return out


_HUBS = """
SELECT DISTINCT ?d ?n ?p ?x ?q ?y WHERE {
  { SELECT ?d (COUNT(DISTINCT ?c) AS ?n) WHERE {
      ?c eli:ensures_implementation_of|eli:based_on ?d FILTER(?c != ?d)
    } GROUP BY ?d ORDER BY DESC(?n) ?d LIMIT 10 }
  ?d ?p ?x FILTER(?p IN (eli:number, eli:passed_by))
  OPTIONAL { ?x ?q ?y FILTER(?q IN (skos:prefLabel, chidao:level)) }
}
"""

_REL = {
    "http://data.europa.eu/eli/ontology#ensures_implementation_of": "implements",
    "http://data.europa.eu/eli/ontology#based_on": "based_on",
}


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


def _largest_central(store: Any, n: int) -> list[str]:
    return [str(d) for d, _ in list(store.query(_CENTRAL).rows)[:n]]


def _local(term: Any) -> str | None:
    return None if term is None else str(term).rsplit("#", 1)[-1]


def _reference_answer(rows: list[tuple[Any, ...]]) -> dict[str, Any]:
    """The query's rows as ``{"docs": {iri: {field: {values}}}, "edges": {(a, b, rel)}}``."""
    docs: dict[str, dict[str, set[Any]]] = {}
    links: set[tuple[str, str, str]] = set()
    issuers: dict[str, set[str]] = {}
    about: dict[str, dict[str, set[Any]]] = {}
    for d, p, x, q, y in rows:
        seen = docs.setdefault(str(d), {k: set() for k in ("number", "date")})
        prop = str(p).rsplit("#", 1)[-1]
        if str(p) in _REL:
            links.add((str(d), str(x), _REL[str(p)]))
        elif prop == "passed_by":
            issuers.setdefault(str(d), set()).add(str(x))
            if q is not None:
                field = "level" if str(q).endswith("level") else "label"
                value = _local(y) if field == "level" else str(y)
                about.setdefault(str(x), {"label": set(), "level": set()})[field].add(value)
        else:
            seen["number" if prop == "number" else "date"].add(str(x))
    for d, seen in docs.items():
        for field in ("number", "date"):
            seen[field] = seen[field] or {None}
        named = [about.get(o, {"label": set(), "level": set()}) for o in issuers.get(d, ())]
        for field in ("label", "level"):
            seen[field] = {v for a in named for v in a[field]} or {None}
    edges = {(a, b, r) for a, b, r in links if a in docs and b in docs}
    return {"docs": docs, "edges": edges}


def _same(docs: dict[str, dict[str, Any]], ref: dict[str, Any]) -> bool:
    """Whether the command printed the documents, and for each a number, date, issuer
    label and level, that the query gives."""
    if docs.keys() != ref["docs"].keys():
        return False
    return all(
        shown[k] in ref["docs"][iri][k]
        for iri, shown in docs.items()
        for k in ("number", "date", "label", "level")
    )


def _same_edges(
    root: str,
    down: bool,
    named: dict[tuple[str, str], str],
    pairs: set[tuple[str, str]],
    edges: set[tuple[str, str, str]],
) -> bool:
    """Whether the command links the pairs of documents the query links (but those that
    lead back to ``root``: a cycle ends there), each by the strongest relation the
    query gives for it (``implements`` before ``based_on``)."""
    given: dict[tuple[str, str], set[str]] = {}
    for a, b, rel in edges:
        given.setdefault((a, b), set()).add(rel)
    if pairs != {p for p in given if p[0 if down else 1] != root}:
        return False
    return all(
        rel == ("implements" if "implements" in given[p] else "based_on")
        for p, rel in named.items()
    )


def _shown(info: Any) -> dict[str, Any]:
    return {
        "number": info.number,
        "date": info.date.isoformat() if isinstance(info.date, dt.date) else None,
        "label": info.issuer_name,
        "level": info.level,
    }


def _previous(store: Any, iri: str, down: bool) -> Any:
    """The command as it ran before the bulk loads: the induced subgraph with
    organisations (:func:`~chidao.graph.analysis.load.load_neighbourhood`), the
    analysis, the no-longer-in-force marks."""
    import dataclasses

    from chidao.graph.analysis import cascade, lineage
    from chidao.graph.analysis.load import load_neighbourhood
    from chidao.graph.analysis.nodes import CARRY_OUT, doc_info
    from chidao.graph.analysis.questions import Lineage
    from chidao.graph.analysis.validity import not_in_force

    G = load_neighbourhood(store, iri, up=not down, down=down, relations=CARRY_OUT)
    as_of = dt.date.today()
    if down:
        tree = cascade(G, iri, CARRY_OUT)
        shown = sorted({iri} | {n.document.iri for n in tree.nodes})
        ended = not_in_force(store, shown, as_of)
        return dataclasses.replace(tree, as_of=as_of, no_longer_in_force=ended)
    chains = lineage(G, iri, CARRY_OUT, None)
    shown = sorted({iri} | {hop.target for chain in chains for hop in chain})
    return Lineage(doc_info(G, iri), chains, as_of, not_in_force(store, shown, as_of))


def _pair(store: Any, iri: str, down: bool, previous: bool = False) -> dict[str, Any]:
    from chidao.graph.analysis.nodes import CARRY_OUT
    from chidao.graph.analysis.questions import cascade_of, lineage_of

    def command() -> Any:
        if previous:
            return _previous(store, iri, down)
        if down:
            return cascade_of(store, iri, CARRY_OUT)
        return lineage_of(store, iri, CARRY_OUT)

    def query() -> dict[str, Any]:
        rows = list(store.query(reference(iri, upward=not down)).rows)
        return _reference_answer(rows)

    def best() -> dict[str, Any]:
        rows = list(store.query(best_reference(iri, upward=not down)).rows)
        return _reference_answer(_best_rows(rows))

    a_ms, result = _ms(command)
    q_ms, ref = _ms(query)
    b_ms, ref_best = _ms(best)
    if down:
        docs = {result.root.iri: _shown(result.root)}
        docs.update({n.document.iri: _shown(n.document) for n in result.nodes})
        named = {(n.document.iri, n.parent): n.relation for n in result.nodes}
        pairs = set(named) | {(n.document.iri, u) for n in result.nodes for u in n.also_carries_out}
    else:
        docs = {result.document.iri: _shown(result.document)}
        for chain in result.chains:
            docs.update({h.target: _shown(h) for h in chain})
        named = {(h.source, h.target): h.relation for chain in result.chains for h in chain}
        pairs = set(named)
    same = _same(docs, ref) and _same_edges(iri, down, named, pairs, ref["edges"])
    same = same and ref_best == ref
    return {
        "analysis_ms": a_ms,
        "query_ms": q_ms,
        "best_query_ms": b_ms,
        "answers": len(ref["docs"]) - 1,
        "same": same,
    }


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
        "best_query_p50_ms": round(statistics.median(p["best_query_ms"] for p in pairs), 2),
        "ratio_best_p50": round(
            statistics.median(p["analysis_ms"] / max(p["best_query_ms"], 1e-3) for p in pairs), 2
        ),
        "same_answers": sum(p["same"] for p in pairs),
    }


def _hubs(store: Any, previous: bool = False) -> dict[str, Any]:
    from chidao.graph.analysis.hubs import hubs
    from chidao.graph.analysis.load import load_documents
    from chidao.graph.analysis.questions import store_hubs

    if previous:  # the whole graph of documents and their issuers, then the ranking
        a_ms, ranks = _ms(lambda: hubs(load_documents(store), top=10))
    else:
        a_ms, ranks = _ms(lambda: store_hubs(store, top=10))
    q_ms, rows = _ms(lambda: list(store.query(_HUBS).rows))
    top = next(iter(ranks.values()), [])
    counts: dict[str, int] = {}
    numbers: dict[str, set[str]] = {}
    labels: dict[str, set[str]] = {}
    for d, n, p, x, q, y in rows:
        counts[str(d)] = int(n)
        if str(p).endswith("#number"):
            numbers.setdefault(str(d), set()).add(str(x))
        elif q is not None and str(q).endswith("prefLabel"):
            labels.setdefault(str(d), set()).add(str(y))
    same = sorted(r.implemented_by for r in top) == sorted(counts.values()) and all(
        r.number in numbers.get(r.iri, {None}) and r.issuer_name in labels.get(r.iri, {None})
        for r in top
        if r.iri in counts
    )
    return {
        "analysis_ms": round(a_ms, 1),
        "query_ms": round(q_ms, 1),
        "ratio": round(a_ms / max(q_ms, 1e-3), 2),
        "same_counts": same,
    }


def run(args: argparse.Namespace) -> dict[str, Any]:
    from chidao.graph.store.oxigraph import open_store

    store = open_store(str(args.store), read_only=True)
    rng = random.Random(args.seed)
    out: dict[str, Any] = {"store": str(args.store), "quads": store.triple_count()}
    out["loads"] = "previous" if args.previous else "bulk"
    samples = (
        ("lineage", _sample(store, "district", args.samples, rng), False),
        ("cascade_province", _sample(store, "province", args.samples, rng), True),
        ("cascade_central", _largest_central(store, args.central_samples), True),
    )
    for name, docs, down in samples:
        out[name] = _summary([_pair(store, d, down, args.previous) for d in docs])
    out["hubs"] = _hubs(store, args.previous)
    store.close()
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--store", required=True)
    ap.add_argument("--samples", type=int, default=15)
    ap.add_argument("--central-samples", type=int, default=3)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument(
        "--previous",
        action="store_true",
        help="time the loads the commands used before the bulk ones (load_neighbourhood, "
        "load_documents), for a before/after table in one store",
    )
    emit({"step": "vs_sparql", **run(ap.parse_args(argv))})
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
