"""Hubs: the documents most carried out, most cited, and central by PageRank."""

from __future__ import annotations

from dataclasses import dataclass

import networkx as nx

from chidao.graph.analysis.nodes import CARRY_OUT, DOC_RELATIONS, is_document, level_rank

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
    docs = [n for n in G if is_document(G, n)]
    carried: dict[str, set[str]] = {n: set() for n in docs}
    pairs: set[tuple[str, str]] = set()
    for u, v, k in G.edges(keys=True):
        if u in carried and v in carried and u != v:
            if k in relations:
                pairs.add((u, v))
            if k in carry_out:
                carried[v].add(u)
    cites = nx.DiGraph()
    cites.add_nodes_from(docs)
    cites.add_edges_from(pairs)
    pr = nx.pagerank(cites) if len(cites) else {}
    out = []
    for n in docs:
        a = G.nodes[n]
        out.append(
            DocRank(
                iri=n,
                number=a.get("number"),
                issuer=a.get("issuer"),
                issuer_name=a.get("issuer_name"),
                level=a.get("level"),
                cited_only=bool(a.get("cited_only", False)),
                implemented_by=len(carried[n]),
                cited_by=cites.in_degree(n),
                pagerank=pr.get(n, 0.0),
            )
        )
    return out


def hubs(
    G: nx.MultiDiGraph,
    top: int = 10,
    by: str = "implemented_by",
    group: str | None = None,
    carry_out: tuple[str, ...] = CARRY_OUT,
    relations: tuple[str, ...] = DOC_RELATIONS,
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
    ranks = [r for r in document_ranks(G, carry_out, relations) if getattr(r, by) > 0]
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
