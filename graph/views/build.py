"""Interactive HTML views of the graph: a cascade, an organisation, the corpus.

Each view picks nodes (:mod:`~chidao.graph.views.select`), folds documents into
groups when there are more than the browser draws comfortably
(:mod:`~chidao.graph.views.aggregate`), styles and places them
(:mod:`~chidao.graph.views.layout`) in a :class:`pyvis.network.Network`, and
writes that as one offline HTML file (:mod:`~chidao.graph.views.html`).

Sizes, measured in headless Chromium on two cores (``bench/bench_views.py``, table
in the README): vis-network's own hierarchical layout takes 0.9 s at 500 nodes and
2.6 s at 1,500 (16 s for a 5,000-node tree), so it is used up to
:data:`HIERARCHICAL_MAX_NODES`; above, positions are computed here. Each frame of a
pan or zoom then costs 11 ms at 500 nodes, 42 ms at 2,000, 100 ms at 3,000 and
390 ms at 5,000. :data:`DEFAULT_MAX_NODES` (2,000, which still holds a whole
central campaign down to every district, about 1,540 documents) keeps the view
fluid; past it, documents are grouped per issuer, else per province and level.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING

import networkx as nx

from chidao.errors import ChidaoError
from chidao.graph.analysis.nodes import CARRY_OUT, LEVELS
from chidao.graph.views.aggregate import GROUPINGS, aggregate, choose_grouping
from chidao.graph.views.html import Legend, Page, render_html
from chidao.graph.views.items import (
    count_of,
    document_item,
    edge_item,
    fmt_date,
    group_item,
    node_id,
    organisation_item,
)
from chidao.graph.views.layout import (
    CITED_ONLY_FILL,
    DASHED_RELATIONS,
    DOCUMENT_SHAPES,
    LEVEL_COLOURS,
    MIXED_GROUP_SHAPE,
    ORGANISATION_SHAPES,
    RELATION_COLOURS,
    fixed_positions,
    lanes,
)
from chidao.graph.views.select import (
    cascade_nodes,
    document_nodes,
    filter_nodes,
    organisation_nodes,
)

if TYPE_CHECKING:  # pyvis pulls in IPython: imported only to draw
    from pyvis.network import Network

#: Above this many nodes, documents are grouped (``group_by="auto"``).
DEFAULT_MAX_NODES = 2000
#: Up to this many nodes, vis-network's hierarchical layout places them.
HIERARCHICAL_MAX_NODES = 500

SYSTEM_NAMES = {"party": "Party", "state": "State", "front": "Fatherland Front", None: "unknown"}


def _options(hierarchical: bool) -> dict:
    edges: dict = {
        "font": {
            "size": 11,
            "align": "horizontal",
            "strokeWidth": 0,
            "color": "#34495e",
            "background": "rgba(255,255,255,0.9)",
        },
        "arrows": {"to": {"enabled": True, "scaleFactor": 0.6}},
    }
    if hierarchical:
        edges["smooth"] = {"type": "cubicBezier", "forceDirection": "vertical", "roundness": 0.4}
        layout = {
            "hierarchical": {
                "enabled": True,
                "direction": "UD",
                "levelSeparation": 170,
                "nodeSpacing": 200,
                "treeSpacing": 220,
                "blockShifting": True,
                "edgeMinimization": True,
                "parentCentralization": True,
            }
        }
    else:
        # Straight edges and hiding them while dragging keep big views responsive.
        edges["smooth"] = False
        layout = {"hierarchical": {"enabled": False}, "improvedLayout": False}
    return {
        "layout": layout,
        "physics": {"enabled": False},
        # A white label background keeps labels readable where edges cross them.
        "nodes": {
            "font": {
                "size": 15,
                "face": "system-ui, sans-serif",
                "background": "rgba(255,255,255,0.85)",
            }
        },
        "edges": edges,
        "interaction": {
            "hover": True,
            "tooltipDelay": 120,
            "keyboard": {"enabled": True, "bindToWindow": False},
            "hideEdgesOnDrag": not hierarchical,
            "multiselect": True,
        },
    }


def _legend(G: nx.MultiDiGraph) -> Legend:
    kinds = {a.get("kind") for _, a in G.nodes(data=True)}
    levels_here = {a.get("level") for _, a in G.nodes(data=True)}
    levels = tuple(
        (lv or "level unknown", LEVEL_COLOURS[lv], lv or "unknown")
        for lv in (*LEVELS, None)
        if lv in levels_here
    )
    # A group of mixed systems is a hexagon (under "Marks"), not an unknown system.
    systems_here = {
        a.get("system")
        for _, a in G.nodes(data=True)
        if a.get("kind") != "group" or a.get("system")
    }
    shapes: list[tuple[str, str]] = []
    for system in ("party", "state", "front", None):
        if system not in systems_here:
            continue
        if kinds & {"document", "group"}:
            shapes.append((f"{SYSTEM_NAMES[system]} document", DOCUMENT_SHAPES[system]))
        if "organisation" in kinds:
            shapes.append((f"{SYSTEM_NAMES[system]} organisation", ORGANISATION_SHAPES[system]))
    marks: list[tuple[str, str, str, str, bool]] = []
    if any(a.get("cited_only") is True for _, a in G.nodes(data=True)):
        marks.append(("known only from citations", "dot", CITED_ONLY_FILL, "#7f8c8d", True))
    if "group" in kinds:
        marks.append(
            ("group of documents (size: count)", MIXED_GROUP_SHAPE, "#d5d8dc", "#566573", False)
        )
    relations_here = {k for _, _, k in G.edges(keys=True)}
    relations = tuple(
        (name, colour, name in DASHED_RELATIONS)
        for name, colour in RELATION_COLOURS.items()
        if name in relations_here
    )
    return Legend(levels=levels, shapes=tuple(shapes), marks=tuple(marks), relations=relations)


def build_network(
    G: nx.MultiDiGraph,
    nodes: Iterable[Hashable],
    *,
    max_nodes: int = DEFAULT_MAX_NODES,
    group_by: str = "auto",
    keep: Iterable[Hashable] = (),
) -> tuple[Network, nx.MultiDiGraph, str | None]:
    """The pyvis network drawing ``nodes`` of ``G`` and the edges between them.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        Graph following the schema of :mod:`chidao.graph`.
    nodes : iterable
        Nodes to draw.
    max_nodes : int
        With ``group_by="auto"``, group documents when there are more nodes.
    group_by : {"auto", "none", "issuer", "province", "level"}
        How to group documents; ``"none"`` draws every one whatever the size.
    keep : iterable
        Documents never folded into a group (the cascade's root).

    Returns
    -------
    (pyvis.network.Network, networkx.MultiDiGraph, str or None)
        The network; the graph it draws (grouped or not); the grouping used.

    Examples
    --------
    >>> G = nx.MultiDiGraph()
    >>> G.add_node("a", kind="document", number="1/NQ-CP", level="central")
    >>> G.add_node("b", kind="document", number="2-CV/TU", level="province")
    >>> _ = G.add_edge("b", "a", key="implements", lag_days=3)
    >>> net, drawn, grouping = build_network(G, G.nodes)
    >>> [(n["id"], n["level"]) for n in net.nodes], grouping
    ([('a', 0), ('b', 1)], None)
    >>> [(e["from"], e["to"], e["label"]) for e in net.edges]
    [('b', 'a', 'implements · 3 d')]
    """
    nodes = list(dict.fromkeys(nodes))
    keep = set(keep)
    if group_by == "auto":
        grouping = choose_grouping(G, nodes, max_nodes, keep)
    elif group_by == "none":
        grouping = None
    elif group_by in GROUPINGS:
        grouping = group_by
    else:
        raise ChidaoError(f"unknown grouping {group_by!r}: use auto, none, {', '.join(GROUPINGS)}")
    drawn = aggregate(G, nodes, grouping, keep) if grouping else nx.MultiDiGraph(G.subgraph(nodes))

    lane_of = lanes(drawn, drawn.nodes)
    hierarchical = drawn.number_of_nodes() <= HIERARCHICAL_MAX_NODES
    positions: dict[Hashable, tuple[int, int]] = {}
    if not hierarchical:
        order = {
            n: (str(a.get("date") or a.get("first_date") or ""), str(a.get("number") or ""), str(n))
            for n, a in drawn.nodes(data=True)
        }
        positions = fixed_positions(drawn, lane_of, order)

    from pyvis.network import Network  # pyvis pulls in IPython: imported when drawn

    net = Network(height="100%", width="100%", directed=True, cdn_resources="in_line")
    net.options = _options(hierarchical)
    for n, a in sorted(drawn.nodes(data=True), key=lambda na: (lane_of[na[0]], str(na[0]))):
        kind = a.get("kind")
        if kind == "group":
            spec = group_item(a)
        elif kind == "organisation":
            spec = organisation_item(a)
        else:
            spec = document_item(a, root=n in keep)
        spec["level"] = lane_of[n]
        if n in positions:
            spec["x"], spec["y"] = positions[n]
        label = spec.pop("label")
        shape = spec.pop("shape")
        net.add_node(node_id(n), label=label, shape=shape, **spec)
    for u, v, k, a in drawn.edges(keys=True, data=True):
        spec = edge_item(drawn, u, v, k, a)
        if hierarchical and lane_of[u] == lane_of[v]:
            # Straight, an edge inside a lane runs through the nodes between its ends.
            spec["smooth"] = {"enabled": True, "type": "curvedCW", "roundness": 0.3}
        elif hierarchical and abs(lane_of[u] - lane_of[v]) > 1:
            # Skipping a lane, it may cross a node there: the page bends it once
            # the layout is known (assets/view.js).
            spec["skip"] = True
        net.add_edge(node_id(u), node_id(v), **spec)
    return net, drawn, grouping


def _page(
    title: str,
    subtitle: Iterable[str],
    selected: int,
    drawn: nx.MultiDiGraph,
    grouping: str | None,
) -> Page:
    lines = [*subtitle]
    notes = []
    if grouping:
        notes.append(
            f"{selected:,} nodes are too many to draw one by one: documents are grouped by "
            f"{grouping} into {drawn.number_of_nodes():,} nodes. Narrow the view "
            "(--province, --down-to) or raise --max-nodes to see documents."
        )
    else:
        nodes, edges = drawn.number_of_nodes(), drawn.number_of_edges()
        lines.append(f"{count_of(nodes, 'node')}, {count_of(edges, 'edge')}")
    return Page(title=title, subtitle=tuple(lines), notes=tuple(notes), legend=_legend(drawn))


def _view(
    G: nx.MultiDiGraph,
    nodes: set,
    title: str,
    subtitle: Iterable[str],
    *,
    max_nodes: int,
    group_by: str,
    province: str | None,
    down_to: str | None,
    keep: Iterable[Hashable] = (),
) -> str:
    keep = set(keep)
    try:
        chosen = filter_nodes(G, nodes, province=province, down_to=down_to, keep=keep)
    except ValueError as exc:
        raise ChidaoError(str(exc)) from exc
    if not chosen:
        narrowed = " after --province / --down-to" if province or down_to else ""
        raise ChidaoError(f"no documents to draw{narrowed}")
    net, drawn, grouping = build_network(
        G, sorted(chosen, key=str), max_nodes=max_nodes, group_by=group_by, keep=keep
    )
    return render_html(net, _page(title, subtitle, len(chosen), drawn, grouping))


def _describe(G: nx.MultiDiGraph, doc: str) -> str:
    a = G.nodes[doc]
    parts = [
        a.get("number") or a.get("doc_type") or doc,
        a.get("issuer_name"),
        fmt_date(a.get("date")),
    ]
    return ", ".join(p for p in parts if p)


def cascade_view(
    G: nx.MultiDiGraph,
    doc: str,
    *,
    relations: tuple[str, ...] = CARRY_OUT,
    max_nodes: int = DEFAULT_MAX_NODES,
    group_by: str = "auto",
    province: str | None = None,
    down_to: str | None = None,
) -> str:
    """The HTML view of ``doc``'s cascade: what it carries out, and what carries it out.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        Graph following the schema of :mod:`chidao.graph`.
    doc : str
        The document's IRI.
    relations : tuple of str
        Edge keys followed up and down (as in ``chidao cascade``).
    max_nodes, group_by
        See :func:`build_network`.
    province, down_to
        Keep only documents of that province / down to that level (the root is
        always kept).

    Returns
    -------
    str
        A self-contained HTML page (no network access needed to open it).

    Raises
    ------
    chidao.errors.ChidaoError
        If ``doc`` is not a document of ``G``.
    """
    if doc not in G or G.nodes[doc].get("kind") != "document":
        raise ChidaoError(f"document {doc!r} is not in the graph")
    nodes = cascade_nodes(G, doc, relations)
    title = f"Cascade of {_describe(G, doc)}"
    subtitle = [f"{count_of(len(nodes) - 1, 'document')} linked by {', '.join(relations)}"]
    return _view(
        G,
        nodes,
        title,
        subtitle,
        max_nodes=max_nodes,
        group_by=group_by,
        province=province,
        down_to=down_to,
        keep={doc},
    )


def organisation_view(
    G: nx.MultiDiGraph,
    org: str,
    *,
    max_nodes: int = DEFAULT_MAX_NODES,
    group_by: str = "auto",
    province: str | None = None,
    down_to: str | None = None,
) -> str:
    """The HTML view of organisation ``org``: its parent and units, the documents it
    issued, received or was assigned, and their issuers.

    Raises
    ------
    chidao.errors.ChidaoError
        If ``org`` is not an organisation of ``G``.
    """
    try:
        nodes = organisation_nodes(G, org)
    except nx.NodeNotFound as exc:
        raise ChidaoError(str(exc)) from exc
    name = G.nodes[org].get("name") or org
    docs = sum(1 for n in nodes if G.nodes[n].get("kind") == "document")
    subtitle = [count_of(docs, "document")]
    return _view(
        G,
        nodes,
        f"Organisation: {name}",
        subtitle,
        max_nodes=max_nodes,
        group_by=group_by,
        province=province,
        down_to=down_to,
        keep={org},
    )


def corpus_view(
    G: nx.MultiDiGraph,
    *,
    max_nodes: int = DEFAULT_MAX_NODES,
    group_by: str = "auto",
    province: str | None = None,
    down_to: str | None = None,
) -> str:
    """The HTML view of every document of ``G`` and the citations between them."""
    nodes = document_nodes(G)
    return _view(
        G,
        nodes,
        "All documents",
        [f"{count_of(len(nodes), 'document')} in the corpus"],
        max_nodes=max_nodes,
        group_by=group_by,
        province=province,
        down_to=down_to,
    )


def write_view(html: str, path: str | Path) -> Path:
    """Write ``html`` to ``path`` (UTF-8) and return the path.

    Raises
    ------
    chidao.errors.ChidaoError
        If the file cannot be written.
    """
    path = Path(path)
    try:
        path.write_text(html, encoding="utf-8")
    except OSError as exc:
        raise ChidaoError(f"cannot write the view: {exc.strerror}", source=str(path)) from exc
    return path
