"""The main job, end to end: ingest a corpus, then report on it and draw it.

``chidao run`` calls :func:`run`; it only composes the library's stages
(:func:`chidao.graph.ingest.ingest.ingest`, :func:`chidao.graph.analysis.load.load_graph`,
the analyses and the views) and picks *what* to show from the graph itself:
the most-carried-out document for the cascade, the document with the longest
chain for the lineage. Nothing here knows any particular document.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

import networkx as nx

from chidao.graph.analysis.cascade import Cascade, cascade
from chidao.graph.analysis.hubs import DocRank, hubs
from chidao.graph.analysis.lineage import Hop, lineage
from chidao.graph.analysis.load import load_graph
from chidao.graph.analysis.nodes import DocInfo, doc_info, level_rank
from chidao.graph.ingest.ingest import FileResult, IngestSummary, ingest
from chidao.graph.rdf.validate import ValidationReport, validate_store
from chidao.graph.store.oxigraph import TripleStore
from chidao.graph.views.build import cascade_view, corpus_view, write_view

#: The steps of :func:`run` after the ingest, in order (``on_step`` receives each).
STEPS: tuple[str, ...] = (
    "load the graph",
    "rank hubs",
    "validate (SHACL)",
    "draw views",
    "trace lineage",
)


@dataclass
class RunReport:
    """What :func:`run` did and found."""

    ingest: IngestSummary
    documents: int = 0  # ingested documents
    cited_only: int = 0  # documents known only from citations
    organisations: int = 0
    triples: int = 0
    hubs: list[DocRank] = field(default_factory=list)
    cascade: Cascade | None = None
    lineage_of: DocInfo | None = None
    lineage: list[list[Hop]] = field(default_factory=list)
    validation: ValidationReport | None = None
    views: list[Path] = field(default_factory=list)


def _deepest(G: nx.MultiDiGraph) -> tuple[str | None, list[list[Hop]]]:
    """The ingested document with the longest chain up.

    Ties go to the lower level (a district letter shows more of a cascade than a
    province one), then to more chains, then to the IRI, so the pick is stable.
    """
    best: tuple[int, int, int, str] | None = None
    best_chains: list[list[Hop]] = []
    for n, a in G.nodes(data=True):
        if a.get("kind") != "document" or a.get("cited_only"):
            continue
        chains = lineage(G, n)
        depth = max((len(c) for c in chains), default=0)
        key = (depth, level_rank(a.get("level")), len(chains), n)
        if depth and (best is None or key > best):
            best, best_chains = key, chains
    return (best[3], best_chains) if best is not None else (None, [])


def run(
    paths: Iterable[str | Path],
    store: TripleStore,
    out_dir: str | Path,
    *,
    jobs: int = 1,
    ocr: bool = True,
    progress: Callable[[FileResult], None] | None = None,
    on_start: Callable[[int], None] | None = None,
    on_step: Callable[[str], None] | None = None,
) -> RunReport:
    """Ingest ``paths`` into ``store``, analyse the graph and write views to ``out_dir``.

    Writes ``out_dir/corpus.html`` (every document) and, when some document is
    carried out by another, ``out_dir/cascade.html`` for the most carried-out one.
    ``progress`` is called after each file, ``on_start`` with the number of
    files, ``on_step`` with each of :data:`STEPS` as it begins; ``ocr`` turns
    OCR of scans and images on or off.
    """
    step = on_step or (lambda _name: None)
    summary = ingest(paths, store, jobs=jobs, ocr=ocr, progress=progress, on_start=on_start)
    report = RunReport(ingest=summary, triples=store.triple_count())
    step(STEPS[0])
    G = load_graph(store)
    kinds = nx.get_node_attributes(G, "kind")
    for n, kind in kinds.items():
        if kind == "organisation":
            report.organisations += 1
        elif G.nodes[n].get("cited_only"):
            report.cited_only += 1
        else:
            report.documents += 1
    step(STEPS[1])
    report.hubs = hubs(G, top=5).get("all", [])
    step(STEPS[2])
    report.validation = validate_store(store)
    step(STEPS[3])
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    report.views.append(write_view(corpus_view(G), out / "corpus.html"))
    if report.hubs:
        top = report.hubs[0].iri
        report.cascade = cascade(G, top)
        report.views.append(write_view(cascade_view(G, top), out / "cascade.html"))
    step(STEPS[4])
    deepest, chains = _deepest(G)
    if deepest is not None:
        report.lineage_of = doc_info(G, deepest)
        report.lineage = chains
    return report
