"""The analysis functions over the NetworkX view, in one namespace.

Each lives in its own module; import them from here::

    from chidao.graph.analysis import lineage, cascade, coverage_gaps, hubs, who

All take a ``networkx.MultiDiGraph`` laid out as :mod:`chidao.graph` documents
and return plain values (lists, dicts and frozen dataclasses that
:func:`dataclasses.asdict` turns into JSON-ready dicts with
:func:`~chidao.graph.analysis.nodes.to_jsonable`).
"""

from __future__ import annotations

from chidao.graph.analysis.cascade import Cascade, CascadeNode, LevelSummary, Relay, cascade
from chidao.graph.analysis.coverage import Coverage, coverage_gaps
from chidao.graph.analysis.hubs import DocRank, document_ranks, hubs
from chidao.graph.analysis.lineage import Hop, lineage, lineage_tops
from chidao.graph.analysis.nodes import CARRY_OUT, DOC_RELATIONS, LEVELS, DocInfo, to_jsonable
from chidao.graph.analysis.who import (
    Addressed,
    AssignedTask,
    CarriedOut,
    OrgActivity,
    Sender,
    who,
)

__all__ = [
    "CARRY_OUT",
    "DOC_RELATIONS",
    "LEVELS",
    "Addressed",
    "AssignedTask",
    "Cascade",
    "CarriedOut",
    "CascadeNode",
    "Coverage",
    "DocInfo",
    "DocRank",
    "Hop",
    "LevelSummary",
    "OrgActivity",
    "Relay",
    "Sender",
    "cascade",
    "coverage_gaps",
    "document_ranks",
    "hubs",
    "lineage",
    "lineage_tops",
    "to_jsonable",
    "who",
]
