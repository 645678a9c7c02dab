"""Lineage down: the cascade of documents that carry out a document, level by level."""

from __future__ import annotations

import heapq
import statistics
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

import networkx as nx

from chidao.graph.analysis.nodes import (
    CARRY_OUT,
    LEVELS,
    DocInfo,
    cited,
    citing,
    days_between,
    doc_info,
    edge_lag,
    level_rank,
    require_document,
)

if TYPE_CHECKING:  # validity reads the store: the graph analyses do not import it
    from chidao.graph.analysis.validity import Change


@dataclass(frozen=True, slots=True)
class CascadeNode:
    """A document in the cascade, placed under the document it carries out.

    ``parent`` is the cascade document it carries out that came last before it
    (the province conclusion rather than the resolution the conclusion carries
    out); ``also_carries_out`` lists the other cascade documents it cites by one of
    the relations. ``lag_days`` is counted from ``parent``, ``days_from_root``
    from the cascade's root; both are ``None`` where a date is missing.
    """

    document: DocInfo
    parent: str
    relation: str
    depth: int
    lag_days: int | None
    days_from_root: int | None
    also_carries_out: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class LevelSummary:
    """The cascade documents issued at one level (``None``: level unknown).

    ``first_days`` and ``median_days`` are days from the root to the dated
    documents of that level; ``undated`` counts the others. ``issuers`` are the
    names of the bodies that issued them, most documents first.
    """

    level: str | None
    count: int
    undated: int
    first_days: int | None
    median_days: float | None
    issuers: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Relay:
    """A body whose cascade documents were themselves carried out: it passed it on."""

    issuer: str | None
    issuer_name: str | None
    level: str | None
    documents: int  # its cascade documents
    carried_out_by: int  # documents that directly carry out one of them


@dataclass(frozen=True, slots=True)
class Cascade:
    """Everything that carries out ``root``, transitively.

    ``nodes`` come in the order they were placed (by date, then level), so a
    node's ``parent`` always comes before it.
    """

    root: DocInfo
    nodes: tuple[CascadeNode, ...]
    levels: tuple[LevelSummary, ...]
    relays: tuple[Relay, ...]
    #: The date the marks below hold on (``None``: not asked of a store).
    as_of: date | None = None
    #: Documents of the cascade (root included) no longer in force on ``as_of``, each with
    #: the change that ended it (:func:`chidao.graph.analysis.validity.not_in_force`).
    no_longer_in_force: dict[str, Change] = field(default_factory=dict)


def _key(
    G: nx.MultiDiGraph, v: str, inherited: date | None, depth: int
) -> tuple[date, int, int, str]:
    # Undated documents borrow the date of the document that led to them, so that
    # they stay next to it instead of sinking to the end.
    d = G.nodes[v].get("date") or inherited or date.max
    return (d, level_rank(G.nodes[v].get("level")), depth, v)


def cascade(
    G: nx.MultiDiGraph,
    doc: str,
    relations: tuple[str, ...] = CARRY_OUT,
) -> Cascade:
    """The tree of documents that carry out ``doc``, transitively, by level.

    Documents are placed in order of date (then level, then hops from ``doc``),
    each under the already-placed document it carries out that was placed last,
    so a district letter citing both a Government resolution and the province
    conclusion that carries it out hangs under the conclusion. Cycles and
    missing dates cannot break the tree: a document is placed once, and only
    under documents placed before it.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        The document graph (schema in :mod:`chidao.graph`).
    doc : str
        IRI of the document whose cascade is wanted.
    relations : tuple of str
        Edge keys that count as carrying out, strongest first.

    Returns
    -------
    Cascade
        The root, the placed nodes, one :class:`LevelSummary` per level present
        (central → province → district → commune → unknown) and the relays.

    Raises
    ------
    networkx.NodeNotFound
        If ``doc`` is not a document of ``G``.

    Examples
    --------
    >>> from datetime import date
    >>> G = nx.MultiDiGraph()
    >>> G.add_node("gov", kind="document", number="43/NQ-CP", level="central",
    ...            date=date(2021, 7, 1), issuer_name="Chính phủ")
    >>> G.add_node("prov", kind="document", number="418-CV/TU", level="province",
    ...            date=date(2021, 7, 20), issuer_name="Tỉnh ủy Ninh Bình")
    >>> G.add_node("dist", kind="document", number="217-CV/HU", level="district",
    ...            date=date(2021, 9, 6), issuer_name="Huyện ủy Kim Sơn")
    >>> _ = G.add_edge("prov", "gov", key="implements", lag_days=19)
    >>> _ = G.add_edge("dist", "gov", key="implements", lag_days=67)
    >>> c = cascade(G, "gov")
    >>> [(n.document.number, n.parent, n.days_from_root) for n in c.nodes]
    [('418-CV/TU', 'gov', 19), ('217-CV/HU', 'gov', 67)]
    >>> [(s.level, s.count, s.first_days, s.median_days) for s in c.levels]
    [('province', 1, 19, 19), ('district', 1, 67, 67)]
    """
    require_document(G, doc)
    root = doc_info(G, doc)
    placed: dict[str, int] = {doc: 0}  # node → placement index
    depth: dict[str, int] = {doc: 0}
    when: dict[str, date | None] = {doc: root.date}  # own date, else the one it borrowed
    order: list[tuple[str, str, str]] = []  # (node, parent, relation) as placed
    heap: list[tuple[tuple[date, int, int, str], str]] = []
    queued: set[str] = set()

    def push_children(u: str) -> None:
        for w, _rel in citing(G, u, relations):
            if w not in placed and w not in queued:
                queued.add(w)
                when[w] = G.nodes[w].get("date") or when[u]
                heapq.heappush(heap, (_key(G, w, when[u], depth[u] + 1), w))

    push_children(doc)
    while heap:
        _, v = heapq.heappop(heap)
        queued.discard(v)
        ups = {u: rel for u, rel in cited(G, v, relations) if u in placed}
        parent = max(ups, key=placed.__getitem__)
        placed[v] = len(placed)
        depth[v] = depth[parent] + 1
        order.append((v, parent, ups[parent]))
        push_children(v)

    nodes = []
    for v, parent, rel in order:
        info = doc_info(G, v)
        nodes.append(
            CascadeNode(
                document=info,
                parent=parent,
                relation=rel,
                depth=depth[v],
                lag_days=edge_lag(G, v, parent, rel),
                days_from_root=days_between(info.date, root.date),
                also_carries_out=tuple(
                    sorted(u for u, _ in cited(G, v, relations) if u in placed and u != parent)
                ),
            )
        )
    return Cascade(
        root=root,
        nodes=tuple(nodes),
        levels=_levels(nodes),
        relays=_relays(G, doc, nodes, relations),
    )


def _levels(nodes: list[CascadeNode]) -> tuple[LevelSummary, ...]:
    out = []
    for level in (*LEVELS, None):
        here = [n for n in nodes if n.document.level == level]
        if not here:
            continue
        days = sorted(n.days_from_root for n in here if n.days_from_root is not None)
        names = Counter(n.document.issuer_name for n in here if n.document.issuer_name)
        out.append(
            LevelSummary(
                level=level,
                count=len(here),
                undated=len(here) - len(days),
                first_days=days[0] if days else None,
                median_days=statistics.median(days) if days else None,
                issuers=tuple(
                    name for name, _ in sorted(names.items(), key=lambda x: (-x[1], x[0]))
                ),
            )
        )
    return tuple(out)


def _relays(
    G: nx.MultiDiGraph, root: str, nodes: list[CascadeNode], relations: tuple[str, ...]
) -> tuple[Relay, ...]:
    in_cascade = {n.document.iri for n in nodes}
    by_issuer: dict[str | None, list[CascadeNode]] = {}
    for n in nodes:
        below = [
            w for w, _ in citing(G, n.document.iri, relations) if w in in_cascade and w != root
        ]
        if below:
            by_issuer.setdefault(n.document.issuer or n.document.issuer_name, []).append(n)
    relays = []
    for ns in by_issuer.values():
        carriers = {
            w
            for n in ns
            for w, _ in citing(G, n.document.iri, relations)
            if w in in_cascade and w != root
        }
        d = ns[0].document
        relays.append(Relay(d.issuer, d.issuer_name, d.level, len(ns), len(carriers)))
    relays.sort(key=lambda r: (level_rank(r.level), -r.carried_out_by, r.issuer_name or ""))
    return tuple(relays)
