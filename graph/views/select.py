"""Which nodes an HTML view shows: a cascade, a neighbourhood, the corpus, filtered."""

from __future__ import annotations

from collections.abc import Iterable

import networkx as nx

from chidao.graph.analysis.cascade import cascade
from chidao.graph.analysis.lineage import lineage
from chidao.graph.analysis.nodes import CARRY_OUT, LEVELS, cited, is_document, level_rank

#: Edges from a document to an organisation (schema of :mod:`chidao.graph`).
DOC_TO_ORG = ("issued_by", "recipient", "distribution", "assignee")


def cascade_nodes(
    G: nx.MultiDiGraph,
    doc: str,
    relations: tuple[str, ...] = CARRY_OUT,
    context: bool = True,
) -> set[str]:
    """``doc``, every document it carries out (up) and every one carrying it out (down).

    Uses :func:`chidao.graph.analysis.lineage.lineage` and
    :func:`chidao.graph.analysis.cascade.cascade`, so "carries out" means the same as in
    ``chidao lineage`` and ``chidao cascade``. With ``context``, the other
    documents that those below ``doc`` directly carry out come too (a district
    letter carrying out the Government resolution *and* its province's
    conclusion shows both).

    Examples
    --------
    >>> G = nx.MultiDiGraph()
    >>> for n in ("gov", "prov", "dist", "other"):
    ...     G.add_node(n, kind="document")
    >>> _ = G.add_edge("prov", "gov", key="implements")
    >>> _ = G.add_edge("dist", "prov", key="based_on")
    >>> _ = G.add_edge("other", "gov", key="cites")
    >>> sorted(cascade_nodes(G, "prov"))
    ['dist', 'gov', 'prov']
    >>> G.add_node("plan", kind="document")
    >>> _ = G.add_edge("dist", "plan", key="implements")
    >>> sorted(cascade_nodes(G, "prov")), sorted(cascade_nodes(G, "prov", context=False))
    (['dist', 'gov', 'plan', 'prov'], ['dist', 'gov', 'prov'])
    """
    up = {hop.target for chain in lineage(G, doc, relations) for hop in chain}
    down = {n.document.iri for n in cascade(G, doc, relations).nodes}
    beside = {v for d in down for v, _ in cited(G, d, relations)} if context else set()
    return {doc} | up | down | beside


def organisation_nodes(G: nx.MultiDiGraph, org: str) -> set[str]:
    """``org``, its parent and sub-organisations, the documents linked to it and their issuers.

    Raises
    ------
    networkx.NodeNotFound
        If ``org`` is not an organisation of ``G``.

    Examples
    --------
    >>> G = nx.MultiDiGraph()
    >>> G.add_node("tu", kind="organisation")
    >>> G.add_node("hu", kind="organisation")
    >>> G.add_node("cv", kind="document")
    >>> _ = G.add_edge("cv", "hu", key="issued_by")
    >>> _ = G.add_edge("cv", "tu", key="recipient")
    >>> _ = G.add_edge("hu", "tu", key="sub_organization_of")
    >>> sorted(organisation_nodes(G, "tu"))
    ['cv', 'hu', 'tu']
    """
    if org not in G or G.nodes[org].get("kind") != "organisation":
        raise nx.NodeNotFound(f"organisation {org!r} is not in the graph")
    out = {org}
    for u, v, k in [*G.in_edges(org, keys=True), *G.out_edges(org, keys=True)]:
        if k == "sub_organization_of":
            out.update((u, v))
    docs = {u for u, _, k in G.in_edges(org, keys=True) if k in DOC_TO_ORG and is_document(G, u)}
    out |= docs
    for d in docs:
        out.update(v for _, v, k in G.out_edges(d, keys=True) if k == "issued_by")
    return out


def document_nodes(G: nx.MultiDiGraph) -> set[str]:
    """Every document node of ``G`` (the corpus view).

    >>> G = nx.MultiDiGraph()
    >>> G.add_node("d", kind="document"); G.add_node("o", kind="organisation")
    >>> document_nodes(G)
    {'d'}
    """
    return {n for n, kind in G.nodes(data="kind") if kind == "document"}


def filter_nodes(
    G: nx.MultiDiGraph,
    nodes: Iterable[str],
    *,
    province: str | None = None,
    down_to: str | None = None,
    keep: Iterable[str] = (),
) -> set[str]:
    """``nodes`` without the documents outside ``province`` or below level ``down_to``.

    ``province`` matches the node's ``province`` attribute case-insensitively, as
    a substring ("hà giang" matches "Tỉnh Hà Giang"); central documents have no
    province and are kept. ``down_to`` is one of ``central`` … ``commune``.
    Organisations and the nodes in ``keep`` are never dropped.

    Examples
    --------
    >>> G = nx.MultiDiGraph()
    >>> G.add_node("gov", kind="document", level="central")
    >>> G.add_node("bk", kind="document", level="province", province="Hà Giang")
    >>> G.add_node("py", kind="document", level="district", province="Cà Mau")
    >>> sorted(filter_nodes(G, G, province="hà giang"))
    ['bk', 'gov']
    >>> sorted(filter_nodes(G, G, down_to="province"))
    ['bk', 'gov']
    """
    if down_to is not None and down_to not in LEVELS:
        raise ValueError(f"level must be one of {', '.join(LEVELS)}, not {down_to!r}")
    wanted = province.casefold().strip() if province else None
    kept = set(keep)
    out = set()
    for n in nodes:
        a = G.nodes[n]
        if n in kept or a.get("kind") != "document":
            out.add(n)
            continue
        level = a.get("level")
        if down_to is not None and level in LEVELS and level_rank(level) > level_rank(down_to):
            continue
        if wanted and level != "central" and wanted not in (a.get("province") or "").casefold():
            continue
        out.add(n)
    return out
