"""Lineage up: from a document to the highest documents it carries out."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import networkx as nx

from chidao.graph.analysis.nodes import (
    CARRY_OUT,
    cited,
    doc_info,
    edge_lag,
    level_rank,
    require_document,
)


@dataclass(frozen=True, slots=True)
class Hop:
    """One step up a chain: ``source`` carries out ``target`` by ``relation``.

    The other fields describe ``target``; ``lag_days`` is ``date(source) −
    date(target)`` (``None`` where a date is missing).
    """

    source: str
    target: str
    relation: str
    lag_days: int | None
    number: str | None
    doc_type: str | None
    date: date | None
    issuer: str | None
    issuer_name: str | None
    level: str | None
    cited_only: bool


def _hop(G: nx.MultiDiGraph, u: str, v: str, relation: str) -> Hop:
    d = doc_info(G, v)
    return Hop(
        source=u,
        target=v,
        relation=relation,
        lag_days=edge_lag(G, u, v, relation),
        number=d.number,
        doc_type=d.doc_type,
        date=d.date,
        issuer=d.issuer,
        issuer_name=d.issuer_name,
        level=d.level,
        cited_only=d.cited_only,
    )


def _order(G: nx.MultiDiGraph, v: str) -> tuple[int, str, str]:
    # Higher levels first, then by number: a stable, readable order of branches.
    a = G.nodes[v]
    return (level_rank(a.get("level")), a.get("number") or "", v)


def lineage(
    G: nx.MultiDiGraph,
    doc: str,
    relations: tuple[str, ...] = CARRY_OUT,
    max_depth: int | None = None,
) -> list[list[Hop]]:
    """The chains from ``doc`` up to the highest documents it carries out.

    A chain follows edges whose key is in ``relations`` (by default
    ``implements`` and ``based_on``; add ``"cites"`` to follow every mention)
    until it reaches a document that carries out nothing further — the top of
    that chain. Where two documents are linked by several of ``relations``, the
    hop takes the one listed first. A cycle ends the chain at the last document
    before it repeats; ``max_depth`` caps the number of hops per chain.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        The document graph (schema in :mod:`chidao.graph`).
    doc : str
        IRI of the document to start from.
    relations : tuple of str
        Edge keys that count as carrying out, strongest first.
    max_depth : int, optional
        Longest chain to follow, in hops.

    Returns
    -------
    list of list of Hop
        One list per chain, first hop first; ``[]`` when ``doc`` carries out
        nothing. Branches are ordered by level (central first), then number.

    Raises
    ------
    networkx.NodeNotFound
        If ``doc`` is not a document of ``G``.

    Examples
    --------
    A district letter carries out a province conclusion and, directly, a
    Government resolution; the conclusion is known only from the citation.

    >>> from datetime import date
    >>> G = nx.MultiDiGraph()
    >>> G.add_node("gov", kind="document", number="43/NQ-CP", level="central",
    ...            date=date(2021, 7, 1))
    >>> G.add_node("prov", kind="document", number="52-KL/TU", level="province",
    ...            date=date(2021, 9, 5), cited_only=True)
    >>> G.add_node("dist", kind="document", number="217-CV/HU", level="district",
    ...            date=date(2021, 9, 6))
    >>> _ = G.add_edge("dist", "prov", key="implements", lag_days=1)
    >>> _ = G.add_edge("dist", "gov", key="implements", lag_days=67)
    >>> for chain in lineage(G, "dist"):
    ...     print([(h.number, h.relation, h.level, h.lag_days) for h in chain])
    [('43/NQ-CP', 'implements', 'central', 67)]
    [('52-KL/TU', 'implements', 'province', 1)]
    """
    require_document(G, doc)
    chains: list[list[Hop]] = []
    # Iterative DFS; each frame holds the path so far and the set of its nodes.
    stack: list[tuple[str, list[Hop], frozenset[str]]] = [(doc, [], frozenset([doc]))]
    while stack:
        node, path, seen = stack.pop()
        ups = (
            []
            if max_depth is not None and len(path) >= max_depth
            else list(cited(G, node, relations))
        )
        ups = sorted((v for v in ups if v[0] not in seen), key=lambda vr: _order(G, vr[0]))
        if not ups:
            if path:
                chains.append(path)
            continue
        # Push in reverse so the first branch is explored (and reported) first.
        for v, rel in reversed(ups):
            stack.append((v, [*path, _hop(G, node, v, rel)], seen | {v}))
    return chains


def lineage_tops(chains: list[list[Hop]]) -> list[str]:
    """The distinct documents at the top of ``chains``, in chain order.

    >>> lineage_tops([])
    []
    """
    tops: list[str] = []
    for chain in chains:
        if chain[-1].target not in tops:
            tops.append(chain[-1].target)
    return tops
