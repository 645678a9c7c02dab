"""Shared test helpers: the test folder on ``sys.path`` (for ``_graph_records`` and friends)
and what the graph tests ask of a store."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

#: Registry graphs (organisations, units, types) are named so; file graphs are not.
REGISTRY = "https://w3id.org/chidao/graph/registry/"


def file_graphs(counts: dict[str, int]) -> dict[str, int]:
    """``counts`` (graph → triples) without the registry's graphs: one entry per file."""
    return {g: n for g, n in counts.items() if not str(g).startswith(REGISTRY)}
