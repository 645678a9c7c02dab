"""Shared test helpers: the test folder on ``sys.path`` (for ``_graph_records`` and friends)
and what the graph tests ask of a store."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

#: Graphs that are not a file's: the registry (organisations, units, types), the links
#: graphs of year-less citations, the link stage's pending keys.
NOT_FILES = tuple(
    f"https://w3id.org/chidao/graph/{kind}/" for kind in ("registry", "links", "pending")
)


def file_graphs(counts: dict[str, int]) -> dict[str, int]:
    """``counts`` (graph → triples) without the other graphs: one entry per file."""
    return {g: n for g, n in counts.items() if not str(g).startswith(NOT_FILES)}
