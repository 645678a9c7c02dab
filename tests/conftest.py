"""Shared test helpers: the test folders on ``sys.path`` (for ``_graph_records`` and friends,
and the fixtures one test module takes from another, e.g. ``test_ocr``'s span check) and what
the graph tests ask of a store.

The tests mirror the package: ``tests/extract``, ``tests/graph/{rdf,store,ingest,analysis,
views,report}``, ``tests/cli``, ``tests/ontology``, ``tests/core`` and ``tests/benchmarks``
(the benchmark generator's own tests); doctests run from the package folders."""

from __future__ import annotations

import sys
from pathlib import Path

_HERE = Path(__file__).resolve().parent
for _folder in sorted({p.parent for p in _HERE.rglob("test_*.py")}, reverse=True):
    sys.path.insert(0, str(_folder))
sys.path.insert(0, str(_HERE))

#: Graphs that are not a file's: the registry (organisations, units, types), the links
#: graphs of year-less citations, the link stage's pending keys, the cited-only list.
NOT_FILES = (
    *(f"https://w3id.org/chidao/graph/{kind}/" for kind in ("registry", "links", "pending")),
    "https://w3id.org/chidao/graph/cited-only",
)


def file_graphs(counts: dict[str, int]) -> dict[str, int]:
    """``counts`` (graph → triples) without the other graphs: one entry per file."""
    return {g: n for g, n in counts.items() if not str(g).startswith(NOT_FILES)}
