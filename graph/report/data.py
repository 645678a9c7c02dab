"""The numbers of a report, computed with the library's own analyses.

:func:`document_report` asks :func:`~chidao.graph.analysis.questions.document_cascade`
and :func:`~chidao.graph.analysis.questions.document_gaps` — the functions behind
``chidao cascade`` and ``chidao gaps`` — so the report says what they say.
:func:`corpus_report` loads the whole graph once and counts over it.
"""

from __future__ import annotations

import statistics
from collections import Counter, defaultdict
from dataclasses import dataclass

import networkx as nx

from chidao.graph.analysis import CARRY_OUT, Cascade, CascadeNode, DocRank, hubs
from chidao.graph.analysis.coverage import coverage_gaps, gazetteer_units
from chidao.graph.analysis.diffusion import (
    LagStats,
    diffusion_curve,
    lag_stats,
    level_lags,
    reach_days,
    unit_first_days,
)
from chidao.graph.analysis.load import load_graph, load_neighbourhood
from chidao.graph.analysis.nodes import LEVELS, level_rank
from chidao.graph.analysis.questions import Gaps, document_cascade, document_gaps
from chidao.graph.store.oxigraph import TripleStore

#: How many documents the fastest / slowest lists show.
EXTREMES = 5


@dataclass(frozen=True, slots=True)
class DocumentReport:
    """What ``chidao report DOC`` shows about one document."""

    cascade: Cascade
    gaps: Gaps | None  # None: the document's level has none below it
    gaps_error: str | None
    lags: tuple[LagStats, ...]
    first_days: dict[str, int | None]  # covered unit → first day
    curve: list[tuple[int, float]]  # (day, share of units) at the gaps' level
    deeper: dict[str, tuple[int, list[tuple[int, float]]]]  # level → (units, curve) further down
    fastest: tuple[CascadeNode, ...]
    slowest: tuple[CascadeNode, ...]
    chains: tuple[tuple[CascadeNode, ...], ...]  # root's child … a document at depth ≥ 2

    @property
    def units(self) -> int:
        """How many units one level below the issuer were in force (gazetteer)."""
        if self.gaps is None:
            return 0
        return len(self.gaps.coverage.covered) + len(self.gaps.coverage.missing)


def _chains(tree: Cascade) -> tuple[tuple[CascadeNode, ...], ...]:
    by_iri = {n.document.iri: n for n in tree.nodes}
    out = []
    for node in tree.nodes:
        if node.depth < 2:
            continue
        chain = [node]
        while chain[-1].parent in by_iri:
            chain.append(by_iri[chain[-1].parent])
        out.append(tuple(reversed(chain)))
    return tuple(out)


def document_report(
    store: TripleStore,
    ref: str,
    issuer: str | None = None,
    year: int | None = None,
    relations: tuple[str, ...] = CARRY_OUT,
) -> DocumentReport:
    """The report on the document ``ref`` names (as ``chidao cascade`` reads it).

    Raises
    ------
    chidao.errors.QueryError
        If ``ref`` names no document, or several.
    """
    tree = document_cascade(store, ref, issuer, year, relations)
    try:
        gaps: Gaps | None = document_gaps(store, ref, issuer, year, relations)
        error = None
    except ValueError as exc:  # a commune document: no level below
        gaps, error = None, str(exc)
    deeper = _deeper_curves(store, tree, gaps, relations)
    lags = level_lags(tree)
    stats = tuple(lag_stats(lv, lags[lv]) for lv in sorted(lags, key=level_rank))
    days = {n.document.iri: n.days_from_root for n in tree.nodes}
    first = unit_first_days(gaps.coverage, days) if gaps else {}
    units = len(gaps.coverage.covered) + len(gaps.coverage.missing) if gaps else 0
    dated = sorted(
        (n for n in tree.nodes if n.days_from_root is not None),
        key=lambda n: (n.days_from_root, n.document.number or "", n.document.iri),
    )
    return DocumentReport(
        cascade=tree,
        gaps=gaps,
        gaps_error=error,
        lags=stats,
        first_days=first,
        curve=diffusion_curve(first, units),
        deeper=deeper,
        fastest=tuple(dated[:EXTREMES]),
        slowest=tuple(reversed(dated[-EXTREMES:])) if len(dated) > EXTREMES else (),
        chains=_chains(tree),
    )


def _deeper_curves(
    store: TripleStore, tree: Cascade, gaps: Gaps | None, relations: tuple[str, ...]
) -> dict[str, tuple[int, list[tuple[int, float]]]]:
    """The district curve of a document whose gaps count provinces.

    Districts in force on its date come from the gazetteer (per province); a
    district is reached when a cascade document at district level or below
    names it (its ``district`` and ``province``).
    """
    if gaps is None or gaps.coverage.unit_level != "province" or tree.root.date is None:
        return {}
    at = tree.root.date
    units_of = gazetteer_units()
    level = None
    districts: list[tuple[str, str]] = []
    for province in units_of(None, None, at):
        for unit in units_of(province.name, province.name, at):
            districts.append((province.name, unit.name))
            level = level or unit.level
    if not districts or level not in LEVELS:
        return {}
    G = load_neighbourhood(store, tree.root.iri, up=False, relations=relations)
    below = {lv for lv in LEVELS if level_rank(lv) >= level_rank(level)}
    docs = [
        (
            G.nodes[n.document.iri].get("province"),
            G.nodes[n.document.iri].get(level),
            n.days_from_root,
        )
        for n in tree.nodes
        if n.document.level in below and n.document.iri in G
    ]
    first = reach_days(docs, districts)
    return {level: (len(districts), diffusion_curve(first, len(districts)))}


@dataclass(frozen=True, slots=True)
class CentralCoverage:
    """How many of the units one level down carried out one central document."""

    iri: str
    number: str | None
    issuer_name: str | None
    covered: int
    units: int


@dataclass(frozen=True, slots=True)
class CorpusReport:
    """What ``chidao report --all`` shows about the whole store."""

    documents: int
    per_month: dict[str, Counter[str]]  # "YYYY-MM" → level → documents
    median_lag: dict[tuple[str, str], tuple[int, float]]  # (level, province) → (n, median)
    hubs: list[DocRank]
    central: list[CentralCoverage]


def corpus_report(store: TripleStore, top: int = 10) -> CorpusReport:
    """Documents per level per month, median lags, hubs and the coverage of central documents.

    A document's lag is that of its carrying-out edges (``lag_days``, days after
    the document it carries out); documents of unknown level or province are
    counted under ``"unknown"``.
    """
    G = load_graph(store)
    return corpus_numbers(G, top)


def corpus_numbers(G: nx.MultiDiGraph, top: int = 10) -> CorpusReport:
    """:func:`corpus_report` over a graph already loaded."""
    docs = [n for n, kind in G.nodes(data="kind") if kind == "document"]
    per_month: dict[str, Counter[str]] = defaultdict(Counter)
    lags: dict[tuple[str, str], list[float]] = defaultdict(list)
    for n in docs:
        a = G.nodes[n]
        level = a.get("level") or "unknown"
        if a.get("date") and not a.get("cited_only"):
            per_month[a["date"].strftime("%Y-%m")][level] += 1
        for _, _, k, lag in G.out_edges(n, keys=True, data="lag_days"):
            if k in CARRY_OUT and lag is not None:
                lags[level, a.get("province") or "unknown"].append(lag)
    median_lag = {
        key: (len(values), float(statistics.median(values)))
        for key, values in sorted(
            lags.items(), key=lambda kv: (level_rank(kv[0][0]) if kv[0][0] in LEVELS else 9, kv[0])
        )
    }
    units = gazetteer_units()
    central = []
    for n in docs:
        a = G.nodes[n]
        if a.get("level") != "central":
            continue
        if not any(k in CARRY_OUT for _, _, k in G.in_edges(n, keys=True)):
            continue
        cov = coverage_gaps(G, n, units)
        total = len(cov.covered) + len(cov.missing)
        central.append(
            CentralCoverage(n, a.get("number"), a.get("issuer_name"), len(cov.covered), total)
        )
    central.sort(key=lambda c: (-c.covered, c.number or "", c.iri))
    return CorpusReport(
        documents=len(docs),
        per_month=dict(sorted(per_month.items())),
        median_lag=median_lag,
        hubs=hubs(G, top=top).get("all", []),
        central=central,
    )
