"""Reading document and organisation nodes of the NetworkX view.

The analysis modules (:mod:`~chidao.graph.analysis.lineage`,
:mod:`~chidao.graph.analysis.cascade`, :mod:`~chidao.graph.analysis.coverage`,
:mod:`~chidao.graph.analysis.hubs`, :mod:`~chidao.graph.analysis.who`)
share these helpers so that every one of them reads the schema documented in
:mod:`chidao.graph` the same way, and tolerates the attributes a partial graph
lacks (a document known only from citations has no source, often no date).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from typing import Any

import networkx as nx

#: Administrative levels from the top down; ``None`` (unknown) sorts last.
LEVELS: tuple[str, ...] = ("central", "province", "district", "commune")

#: Relations by which a document carries out a higher one (``Thực hiện``, ``Căn cứ``).
CARRY_OUT: tuple[str, ...] = ("implements", "based_on")

#: Every document → document relation of the schema.
DOC_RELATIONS: tuple[str, ...] = ("implements", "based_on", "amends", "replaces", "cites")


def level_rank(level: str | None) -> int:
    """Position of ``level`` in :data:`LEVELS`; unknown levels come after all of them.

    >>> [level_rank(x) for x in ("central", "commune", None)]
    [0, 3, 4]
    """
    return LEVELS.index(level) if level in LEVELS else len(LEVELS)


@dataclass(frozen=True, slots=True)
class DocInfo:
    """The attributes of a document node that reports show."""

    iri: str
    number: str | None
    doc_type: str | None
    date: date | None
    issuer: str | None
    issuer_name: str | None
    level: str | None
    cited_only: bool
    source: str | None


def doc_info(G: nx.MultiDiGraph, node: str) -> DocInfo:
    """The :class:`DocInfo` of document ``node`` (missing attributes become ``None``).

    >>> G = nx.MultiDiGraph()
    >>> G.add_node("d", kind="document", number="43/NQ-CP", level="central")
    >>> doc_info(G, "d").number, doc_info(G, "d").cited_only
    ('43/NQ-CP', False)
    """
    a = G.nodes[node]
    return DocInfo(
        iri=node,
        number=a.get("number"),
        doc_type=a.get("doc_type"),
        date=a.get("date"),
        issuer=a.get("issuer"),
        issuer_name=a.get("issuer_name"),
        level=a.get("level"),
        cited_only=bool(a.get("cited_only", False)),
        source=a.get("source"),
    )


def is_document(G: nx.MultiDiGraph, node: str) -> bool:
    """Whether ``node`` is a document node (``kind="document"``)."""
    return G.nodes[node].get("kind") == "document"


def require_document(G: nx.MultiDiGraph, node: str) -> None:
    """Raise :class:`networkx.NodeNotFound` unless ``node`` is a document of ``G``."""
    if node not in G or not is_document(G, node):
        raise nx.NodeNotFound(f"document {node!r} is not in the graph")


def days_between(later: date | None, earlier: date | None) -> int | None:
    """``later − earlier`` in days, or ``None`` when either date is missing.

    >>> days_between(date(2021, 9, 6), date(2021, 7, 1))
    67
    >>> days_between(date(2021, 9, 6), None) is None
    True
    """
    if later is None or earlier is None:
        return None
    return (later - earlier).days


def edge_lag(G: nx.MultiDiGraph, u: str, v: str, key: str) -> int | None:
    """The lag of edge ``u → v`` (citing → cited): its ``lag_days``, else from the node dates."""
    lag = G.edges[u, v, key].get("lag_days")
    if lag is not None:
        return int(lag)
    return days_between(G.nodes[u].get("date"), G.nodes[v].get("date"))


def strongest(keys: set[str], relations: tuple[str, ...]) -> str | None:
    """The first of ``relations`` among ``keys``: one relation per pair of documents.

    >>> strongest({"cites", "implements"}, ("implements", "based_on", "cites"))
    'implements'
    """
    return next((r for r in relations if r in keys), None)


def cited(G: nx.MultiDiGraph, node: str, relations: tuple[str, ...]) -> Iterator[tuple[str, str]]:
    """``(document, relation)`` for each document ``node`` cites by one of ``relations``.

    Two documents linked by several relations yield once, with the relation that
    comes first in ``relations``.
    """
    by_target: dict[str, set[str]] = {}
    for _, v, k in G.out_edges(node, keys=True):
        if k in relations and is_document(G, v):
            by_target.setdefault(v, set()).add(k)
    for v, keys in by_target.items():
        rel = strongest(keys, relations)
        assert rel is not None
        yield v, rel


def citing(G: nx.MultiDiGraph, node: str, relations: tuple[str, ...]) -> Iterator[tuple[str, str]]:
    """``(document, relation)`` for each document that cites ``node`` by one of ``relations``."""
    by_source: dict[str, set[str]] = {}
    for u, _, k in G.in_edges(node, keys=True):
        if k in relations and is_document(G, u):
            by_source.setdefault(u, set()).add(k)
    for u, keys in by_source.items():
        rel = strongest(keys, relations)
        assert rel is not None
        yield u, rel


def to_jsonable(value: Any) -> Any:
    """``value`` as JSON-ready data: dataclasses as dicts, dates as ISO strings.

    >>> to_jsonable({"d": date(2021, 7, 1), "xs": [None, 3]})
    {'d': '2021-07-01', 'xs': [None, 3]}
    >>> to_jsonable(DocInfo("d", "43/NQ-CP", None, None, None, None, None, True, None))["number"]
    '43/NQ-CP'
    """
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return to_jsonable(dataclasses.asdict(value))
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, dict):
        return {str(k): to_jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [to_jsonable(v) for v in value]
    return value
