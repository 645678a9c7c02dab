"""Hubs: the documents most carried out, most cited, and central by PageRank."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

import networkx as nx

from chidao.graph.analysis.nodes import CARRY_OUT, DOC_RELATIONS, level_rank

#: What :func:`hubs` can rank by.
RANK_KEYS: tuple[str, ...] = ("implemented_by", "cited_by", "pagerank")
#: How :func:`hubs` can group.
GROUPS: tuple[str, ...] = ("level", "issuer")


@dataclass(frozen=True, slots=True)
class DocRank:
    """A document's standing in the citation graph.

    ``implemented_by`` counts the documents that carry it out, ``cited_by`` the
    documents that mention it by any relation, ``pagerank`` its PageRank in the
    graph of citing → cited documents.
    """

    iri: str
    number: str | None
    issuer: str | None
    issuer_name: str | None
    level: str | None
    cited_only: bool
    implemented_by: int
    cited_by: int
    pagerank: float


def document_ranks(
    G: nx.MultiDiGraph,
    carry_out: tuple[str, ...] = CARRY_OUT,
    relations: tuple[str, ...] = DOC_RELATIONS,
) -> list[DocRank]:
    """Counts and PageRank for every document of ``G``, in node order.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        The document graph (schema in :mod:`chidao.graph`).
    carry_out : tuple of str
        Edge keys counted in ``implemented_by``.
    relations : tuple of str
        Edge keys counted in ``cited_by`` and walked by PageRank (several
        relations between two documents count once).

    Returns
    -------
    list of DocRank

    Examples
    --------
    >>> G = nx.MultiDiGraph()
    >>> for n in ("a", "b", "c"):
    ...     G.add_node(n, kind="document", number=n.upper())
    >>> _ = G.add_edge("b", "a", key="implements")
    >>> _ = G.add_edge("c", "a", key="cites")
    >>> [(r.number, r.implemented_by, r.cited_by) for r in document_ranks(G)]
    [('A', 1, 2), ('B', 0, 0), ('C', 0, 0)]
    """
    attrs = G.nodes
    return [_rank(n, attrs[n], *score) for n, *score in _scores(G, carry_out, relations)]


def _scores(
    G: nx.MultiDiGraph, carry_out: tuple[str, ...], relations: tuple[str, ...]
) -> list[tuple[str, int, int, float]]:
    """``(document, implemented_by, cited_by, pagerank)`` for every document of ``G``, in
    node order."""
    docs = [n for n, kind in G.nodes(data="kind") if kind == "document"]
    index = {n: i for i, n in enumerate(docs)}
    carried: dict[str, set[str]] = {n: set() for n in docs}
    pairs: set[tuple[int, int]] = set()
    for u, v, k in G.edges(keys=True):
        if u in index and v in index and u != v:
            if k in relations:
                pairs.add((index[u], index[v]))
            if k in carry_out:
                carried[v].add(u)
    cited_by = [0] * len(docs)
    for _, v in pairs:
        cited_by[v] += 1
    pr = pagerank(len(docs), pairs)
    return [(n, len(carried[n]), cited_by[i], pr[i]) for i, n in enumerate(docs)]


def pagerank(
    n: int, edges: Iterable[tuple[int, int]], alpha: float = 0.85, tol: float = 1.0e-6
) -> list[float]:
    """PageRank of nodes ``0 … n-1`` linked by ``edges`` (distinct ``(from, to)`` pairs),
    exactly as :func:`networkx.pagerank` computes it for a graph of those nodes in that
    order (the same sums in the same order: the very same floats), without building the
    graph or a SciPy matrix.

    >>> [round(x, 4) for x in pagerank(3, [(1, 0), (2, 0)])]
    [0.5745, 0.2128, 0.2128]
    >>> G = nx.DiGraph(); G.add_nodes_from(range(3)); G.add_edges_from([(1, 0), (2, 0)])
    >>> list(nx.pagerank(G).values()) == pagerank(3, [(1, 0), (2, 0)])
    True
    """
    import numpy as np

    if n == 0:
        return []
    pairs = np.array(sorted(edges), dtype=np.int64).reshape(-1, 2)
    # networkx multiplies x by the row-normalised adjacency matrix, a sparse product
    # that adds each column's terms in row order: edges sorted by row, bincount adds
    # them in that order too.
    rows, cols = pairs[:, 0], pairs[:, 1]
    S = np.bincount(rows, minlength=n).astype(float)
    S[S != 0] = 1.0 / S[S != 0]
    weights = S[rows]
    x = np.repeat(1.0 / n, n)
    p = np.repeat(1.0 / n, n)
    dangling_weights = p
    is_dangling = np.where(S == 0)[0]
    for _ in range(100):
        xlast = x
        xA = np.bincount(cols, weights=weights * x[rows], minlength=n)
        x = alpha * (xA + sum(x[is_dangling]) * dangling_weights) + (1 - alpha) * p
        err = np.absolute(x - xlast).sum()
        if err < n * tol:
            return [float(v) for v in x]
    raise nx.PowerIterationFailedConvergence(100)


def _rank(
    iri: str, a: Mapping[str, Any], implemented_by: int, cited_by: int, pagerank: float
) -> DocRank:
    return DocRank(
        iri=iri,
        number=a.get("number"),
        issuer=a.get("issuer"),
        issuer_name=a.get("issuer_name"),
        level=a.get("level"),
        cited_only=bool(a.get("cited_only", False)),
        implemented_by=implemented_by,
        cited_by=cited_by,
        pagerank=pagerank,
    )


def hubs(
    G: nx.MultiDiGraph,
    top: int = 10,
    by: str = "implemented_by",
    group: str | None = None,
    carry_out: tuple[str, ...] = CARRY_OUT,
    relations: tuple[str, ...] = DOC_RELATIONS,
    describe: Callable[[list[str]], Mapping[str, Mapping[str, Any]]] | None = None,
) -> dict[str, list[DocRank]]:
    """The ``top`` documents by ``by``, overall or per level or issuer.

    Ties are broken by the other two measures, then by number. Documents that
    score zero on ``by`` are left out: a hub is something at least one document
    points at.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        The document graph (schema in :mod:`chidao.graph`).
    top : int
        How many documents per group.
    by : {"implemented_by", "cited_by", "pagerank"}
        The measure to rank by.
    group : {None, "level", "issuer"}
        ``None`` gives one group, ``"all"``; ``"level"`` groups in the order
        central → commune (``"unknown"`` last); ``"issuer"`` by issuer name.
    carry_out, relations : tuple of str
        As in :func:`document_ranks`.
    describe : callable, optional
        The attributes (``number``, ``issuer``, ``issuer_name``, ``level``,
        ``cited_only``) of the documents it is given, when ``G`` holds only the
        citations (:func:`chidao.graph.analysis.load.load_citations`): asked only for
        the documents listed and those tied with the last one (all that score, when
        grouping).

    Returns
    -------
    dict of str to list of DocRank

    Examples
    --------
    >>> G = nx.MultiDiGraph()
    >>> G.add_node("nq", kind="document", number="43/NQ-CP", level="central")
    >>> G.add_node("kl", kind="document", number="52-KL/TU", level="province")
    >>> G.add_node("cv", kind="document", number="217-CV/HU", level="district")
    >>> G.add_node("tu", kind="document", number="418-CV/TU", level="province")
    >>> for u, v in [("cv", "nq"), ("cv", "kl"), ("tu", "nq")]:
    ...     _ = G.add_edge(u, v, key="implements")
    >>> [(r.number, r.implemented_by) for r in hubs(G)["all"]]
    [('43/NQ-CP', 2), ('52-KL/TU', 1)]
    >>> {k: [r.number for r in v] for k, v in hubs(G, group="level").items()}
    {'central': ['43/NQ-CP'], 'province': ['52-KL/TU']}
    """
    if by not in RANK_KEYS:
        raise ValueError(f"by must be one of {RANK_KEYS}, not {by!r}")
    if group is not None and group not in GROUPS:
        raise ValueError(f"group must be None or one of {GROUPS}, not {group!r}")
    others = [k for k in RANK_KEYS if k != by]
    position = {k: i for i, k in enumerate(RANK_KEYS, 1)}
    scored = [x for x in _scores(G, carry_out, relations) if x[position[by]] > 0]

    def measures(x: tuple[str, int, int, float]) -> tuple[float, ...]:
        return tuple(-x[position[k]] for k in (by, *others))

    scored.sort(key=measures)
    if describe is None:
        attrs: Mapping[str, Mapping[str, Any]] = G.nodes
    else:
        if group is None and len(scored) > top:
            # Ties on every measure are broken by number: those tied with the last
            # listed are needed too.
            last = measures(scored[top - 1]) if top > 0 else None
            scored = [x for x in scored if last is not None and measures(x) <= last]
        attrs = describe([x[0] for x in scored])
    ranks = [_rank(n, attrs.get(n, {}), *score) for n, *score in scored]
    ranks.sort(key=lambda r: (*(-getattr(r, k) for k in (by, *others)), r.number or "", r.iri))
    groups: dict[str, list[DocRank]] = {}
    for r in ranks:
        if group == "level":
            name = r.level or "unknown"
        elif group == "issuer":
            name = r.issuer_name or r.issuer or "unknown"
        else:
            name = "all"
        members = groups.setdefault(name, [])
        if len(members) < top:
            members.append(r)
    if group == "level":
        return dict(sorted(groups.items(), key=lambda kv: level_rank(kv[0])))
    return dict(sorted(groups.items())) if group == "issuer" else groups
