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

from collections import Counter
from collections.abc import Hashable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import networkx as nx

from chidao.errors import ChidaoError
from chidao.files import write_text_whole
from chidao.graph.analysis.nodes import CARRY_OUT, LEVELS
from chidao.graph.views.aggregate import GROUPINGS, aggregate, count_groups
from chidao.graph.views.fit import (
    FONT_PX,
    MIN_SCALE,
    SQUARE_LABEL_WIDTH,
    VIEW_HEIGHT,
    VIEW_WIDTH,
    cell_for,
    fitted_scale,
    most_nodes,
    node_box,
)
from chidao.graph.views.html import Legend, Page, render_html
from chidao.graph.views.items import (
    DOCUMENT_SIZE,
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
    RELATION_LABELS,
    extent,
    fixed_positions,
    lanes,
)
from chidao.graph.views.select import (
    cascade_nodes,
    document_nodes,
    filter_nodes,
    organisation_nodes,
)
from chidao.graph.views.timeline import timeline_plan

if TYPE_CHECKING:  # pyvis pulls in IPython: imported only to draw
    from pyvis.network import Network

#: ``--max-nodes`` default: none; views group as much as they need to read.
DEFAULT_MAX_NODES: int | None = None
#: vis-network's own hierarchical layout places views of at most this many nodes
#: with at most :data:`HIERARCHICAL_MAX_LANE` in a lane: it spreads a lane at
#: ``nodeSpacing`` px, so a wider lane would not fit the window legibly.
HIERARCHICAL_MAX_NODES = 40
HIERARCHICAL_MAX_LANE = 5
#: Edge labels of grid layouts are drawn once they would be this big (px).
EDGE_LABEL_MIN_PX = 10
#: ``(nodeSpacing, levelSeparation)`` of the hierarchical layout, px.
HIERARCHICAL_SPACING = (170, 150)

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
                "levelSeparation": HIERARCHICAL_SPACING[1],
                "nodeSpacing": HIERARCHICAL_SPACING[0],
                "treeSpacing": HIERARCHICAL_SPACING[0],
                "blockShifting": True,
                "edgeMinimization": True,
                "parentCentralization": True,
            }
        }
    else:
        # Straight edges and hiding them while dragging keep big views responsive.
        edges["smooth"] = False
        # Edge labels only once zoomed in: at the first paint of a grid they would
        # lie across the node labels (their text is in the tooltip too).
        edges["scaling"] = {"label": {"enabled": True, "drawThreshold": EDGE_LABEL_MIN_PX}}
        layout = {"hierarchical": {"enabled": False}, "improvedLayout": False}
    return {
        "layout": layout,
        "physics": {"enabled": False},
        # A white label background keeps labels readable where edges cross them.
        "nodes": {
            "font": {
                "size": FONT_PX,
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
    # The timeline's day ticks and band names are not part of the legend.
    G = G.subgraph(n for n, kind in G.nodes(data="kind") if kind != "axis")
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
        (RELATION_LABELS.get(name, name), colour, name in DASHED_RELATIONS)
        for name, colour in RELATION_COLOURS.items()
        if name in relations_here
    )
    return Legend(levels=levels, shapes=tuple(shapes), marks=tuple(marks), relations=relations)


@dataclass
class Plan:
    """What a view draws and how: the (grouped) graph, each node's item, its lane and
    position, and whether it reads at first paint (:mod:`chidao.graph.views.fit`)."""

    drawn: nx.MultiDiGraph
    grouping: str | None
    compact: bool
    items: dict[Hashable, dict]
    lane_of: dict[Hashable, int]
    hierarchical: bool
    positions: dict[Hashable, tuple[int, int]]
    scale: float

    @property
    def reads(self) -> bool:
        return self.scale >= MIN_SCALE


def _item(a: dict, root: bool, compact: bool) -> dict:
    kind = a.get("kind")
    if kind == "group":
        return group_item(a)
    if kind == "organisation":
        return organisation_item(a)
    return document_item(a, root=root, compact=compact)


def _box(spec: dict) -> tuple[float, float]:
    shape = spec["shape"]
    inside = shape in ("box", "ellipse", "database", "circle", "text")
    if shape in ("database", "circle"):
        # vis-network draws these as tall as they are wide around their label.
        w, h = node_box(spec["label"], 5, inside=True, width=SQUARE_LABEL_WIDTH)
        return (max(w, h), max(w, h))
    return node_box(spec["label"], spec.get("size", DOCUMENT_SIZE), inside=inside)


def plan_view(
    G: nx.MultiDiGraph,
    nodes: list[Hashable],
    grouping: str | None,
    *,
    compact: bool = False,
    keep: Iterable[Hashable] = (),
    quick: bool = False,
) -> Plan | None:
    """Lay out ``nodes`` of ``G`` grouped by ``grouping`` (``None``: one node each).

    With ``quick``, return ``None`` as soon as the view cannot read at first paint
    (before the costly placement), for :func:`build_network` trying groupings.
    """
    keep = set(keep)
    drawn = aggregate(G, nodes, grouping, keep) if grouping else nx.MultiDiGraph(G.subgraph(nodes))
    items = {n: _item(a, n in keep, compact) for n, a in drawn.nodes(data=True)}
    cell = cell_for(_box(spec) for spec in items.values())
    n = len(items)
    if quick and n * cell.width * cell.height * MIN_SCALE**2 > VIEW_WIDTH * VIEW_HEIGHT:
        return None  # even perfectly packed, the cells would not fit the window
    lane_of = lanes(drawn, drawn.nodes)
    widest = max(Counter(lane_of.values()).values(), default=0)
    hierarchical = widest <= HIERARCHICAL_MAX_LANE and n <= HIERARCHICAL_MAX_NODES
    positions: dict[Hashable, tuple[int, int]] = {}
    if hierarchical:
        # vis-network spreads a lane at nodeSpacing and lanes at levelSeparation.
        width = widest * HIERARCHICAL_SPACING[0] + cell.width
        height = (max(lane_of.values(), default=0) + 1) * HIERARCHICAL_SPACING[1]
    else:
        order = {
            m: (str(a.get("date") or a.get("first_date") or ""), str(a.get("number") or ""), str(m))
            for m, a in drawn.nodes(data=True)
        }
        boxes: dict[int, list[tuple[float, float]]] = {}
        for m, spec in items.items():
            boxes.setdefault(lane_of[m], []).append(_box(spec))
        cells = {lane: cell_for(bs) for lane, bs in boxes.items()}
        positions = fixed_positions(drawn, lane_of, order, cells=cells)
        width, height = extent(positions, {m: cells[lane_of[m]] for m in positions})
    plan = Plan(drawn, grouping, compact, items, lane_of, hierarchical, positions, 0.0)
    plan.scale = fitted_scale(width, height)
    if quick and not plan.reads:
        return None
    return plan


def choose_plan(
    G: nx.MultiDiGraph,
    nodes: list[Hashable],
    *,
    max_nodes: int | None = None,
    group_by: str = "auto",
    keep: Iterable[Hashable] = (),
) -> Plan:
    """The most detailed plan of ``nodes`` that reads at first paint.

    ``group_by="auto"`` tries, in turn: every document with its number and date,
    with its number only, then documents grouped per issuer, per province and
    level, per level; the first that reads at first paint (and has at most
    ``max_nodes`` nodes, when given) wins. ``"none"`` or a grouping draws as asked.
    """
    keep = set(keep)
    if group_by == "none":
        return _fallback(G, nodes, None, keep)
    if group_by in GROUPINGS:
        return _fallback(G, nodes, group_by, keep)
    if group_by != "auto":
        raise ChidaoError(f"unknown grouping {group_by!r}: use auto, none, {', '.join(GROUPINGS)}")
    bound = most_nodes()
    for grouping in (None, *GROUPINGS):
        count = len(nodes) if grouping is None else count_groups(G, nodes, grouping)
        if count > bound or (max_nodes is not None and count > max_nodes):
            continue  # cannot read (or too many asked): skip the costly layout
        for compact in (False, True):
            plan = plan_view(G, nodes, grouping, compact=compact, keep=keep, quick=True)
            if plan is not None:
                return plan
    return _fallback(G, nodes, GROUPINGS[-1], keep)


def _fallback(G: nx.MultiDiGraph, nodes: list[Hashable], grouping: str | None, keep: set) -> Plan:
    # As asked (or the coarsest): the compact labels if the full ones do not read.
    plan = plan_view(G, nodes, grouping, keep=keep)
    assert plan is not None
    if not plan.reads:
        plan = plan_view(G, nodes, grouping, compact=True, keep=keep) or plan
    return plan


def network_of(plan: Plan, *, options: dict | None = None) -> Network:
    """The pyvis network drawing ``plan``."""
    from pyvis.network import Network  # pyvis pulls in IPython: imported when drawn

    drawn, lane_of = plan.drawn, plan.lane_of
    net = Network(height="100%", width="100%", directed=True, cdn_resources="in_line")
    net.options = options or _options(plan.hierarchical)
    for n in sorted(drawn.nodes, key=lambda m: (lane_of.get(m, 0), str(m))):
        spec = dict(plan.items[n])
        spec["level"] = lane_of.get(n, 0)
        if n in plan.positions:
            spec["x"], spec["y"] = plan.positions[n]
        label = spec.pop("label")
        shape = spec.pop("shape")
        net.add_node(node_id(n), label=label, shape=shape, **spec)
    for u, v, k, a in drawn.edges(keys=True, data=True):
        spec = edge_item(drawn, u, v, k, a)
        if plan.hierarchical and lane_of[u] == lane_of[v]:
            # Straight, an edge inside a lane runs through the nodes between its ends.
            spec["smooth"] = {"enabled": True, "type": "curvedCW", "roundness": 0.3}
        elif abs(lane_of.get(u, 0) - lane_of.get(v, 0)) > 1:
            # Skipping a lane, it may cross a node there: the page bends it once
            # the layout is known (assets/view.js).
            spec["skip"] = True
        net.add_edge(node_id(u), node_id(v), **spec)
    return net


def build_network(
    G: nx.MultiDiGraph,
    nodes: Iterable[Hashable],
    *,
    max_nodes: int | None = None,
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
    max_nodes : int, optional
        With ``group_by="auto"``, also group documents when there are more nodes.
    group_by : {"auto", "none", "issuer", "province", "level"}
        How to group documents; ``"auto"``: only as much as the view needs to
        read at first paint (:func:`choose_plan`); ``"none"`` draws every one.
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
    >>> _ = G.add_edge("b", "a", key="based_on", lag_days=3)
    >>> net, drawn, grouping = build_network(G, G.nodes)
    >>> [(n["id"], n["level"]) for n in net.nodes], grouping
    ([('a', 0), ('b', 1)], None)
    >>> [(e["from"], e["to"], e["label"]) for e in net.edges]
    [('b', 'a', 'based on · 3 d')]
    """
    plan = choose_plan(
        G, list(dict.fromkeys(nodes)), max_nodes=max_nodes, group_by=group_by, keep=keep
    )
    return network_of(plan), plan.drawn, plan.grouping


def _page(
    title: str,
    subtitle: Iterable[str],
    selected: int,
    plan: Plan,
    group_by: str,
) -> Page:
    lines = [*subtitle]
    notes = []
    drawn = plan.drawn
    nodes = sum(1 for _, kind in drawn.nodes(data="kind") if kind != "axis")
    edges = drawn.number_of_edges()
    if plan.grouping and group_by == "auto":
        notes.append(
            f"{selected:,} nodes do not read one by one at this size: documents are grouped "
            f"by {plan.grouping} into {nodes:,} nodes. Narrow the view (--province, "
            "--down-to) or draw every one with --group-by none and zoom in."
        )
    elif plan.grouping:
        lines.append(f"Documents grouped by {plan.grouping}: {count_of(nodes, 'node')}")
    else:
        lines.append(f"{count_of(nodes, 'node')}, {count_of(edges, 'edge')}")
    if not plan.reads:
        notes.append("Zoom in to read the labels: at this size they overlap.")
    elif plan.compact and not plan.grouping:
        lines.append("Labels show numbers; hover a node for its date and issuer.")
    return Page(title=title, subtitle=tuple(lines), notes=tuple(notes), legend=_legend(drawn))


def _view(
    G: nx.MultiDiGraph,
    nodes: set,
    title: str,
    subtitle: Iterable[str],
    *,
    max_nodes: int | None,
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
    plan = choose_plan(
        G, sorted(chosen, key=str), max_nodes=max_nodes, group_by=group_by, keep=keep
    )
    return render_html(network_of(plan), _page(title, subtitle, len(chosen), plan, group_by))


def _describe(G: nx.MultiDiGraph, doc: str) -> str:
    a = G.nodes[doc]
    parts = [
        a.get("number") or a.get("doc_type") or doc,
        a.get("issuer_name"),
        fmt_date(a.get("date")),
    ]
    return ", ".join(p for p in parts if p)


def _kind_of_view(G: nx.MultiDiGraph, doc: str, relations: tuple[str, ...]) -> str:
    """ "Cascade" when something carries ``doc`` out, else "Lineage" (it only looks up)."""
    carried_out = any(k in relations for _, _, k in G.in_edges(doc, keys=True))
    return "Cascade" if carried_out else "Lineage"


def timeline_view(
    G: nx.MultiDiGraph,
    doc: str,
    *,
    relations: tuple[str, ...] = CARRY_OUT,
    group_by: str = "auto",
    province: str | None = None,
    down_to: str | None = None,
    max_nodes: int | None = None,
) -> str:
    """The HTML timeline of ``doc``'s cascade (or lineage): x = days from ``doc``, y = level.

    See :mod:`chidao.graph.views.timeline`. ``max_nodes`` is accepted for symmetry
    with :func:`cascade_view` and ignored: the timeline groups by legibility.

    Raises
    ------
    chidao.errors.ChidaoError
        If ``doc`` is not a document of ``G``.
    """
    if doc not in G or G.nodes[doc].get("kind") != "document":
        raise ChidaoError(f"document {doc!r} is not in the graph")
    nodes = cascade_nodes(G, doc, relations, context=False)
    try:
        chosen = filter_nodes(G, nodes, province=province, down_to=down_to, keep={doc})
    except ValueError as exc:
        raise ChidaoError(str(exc)) from exc
    drawn, items, pos, grouping, scale, origin = timeline_plan(
        G, doc, sorted(chosen, key=str), group_by=group_by
    )
    lane_of = dict.fromkeys(drawn, 0)
    plan = Plan(drawn, grouping, True, items, lane_of, False, pos, scale)
    kind = _kind_of_view(G, doc, relations).lower()
    title = f"Timeline of the {kind} of {_describe(G, doc)}"
    subtitle = [
        f"x: days after {origin}; y: a band per level; undated documents in the last band",
        f"{count_of(len(chosen) - 1, 'document')} linked by "
        + ", ".join(RELATION_LABELS.get(r, r) for r in relations),
    ]
    page = _page(title, subtitle, len(chosen), plan, group_by)
    options = _options(False)
    # Edges converge on few nodes here: their labels only once well zoomed in.
    options["edges"]["scaling"]["label"]["drawThreshold"] = 2 * EDGE_LABEL_MIN_PX
    return render_html(network_of(plan, options=options), page)


def cascade_view(
    G: nx.MultiDiGraph,
    doc: str,
    *,
    relations: tuple[str, ...] = CARRY_OUT,
    max_nodes: int | None = None,
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
    title = f"{_kind_of_view(G, doc, relations)} of {_describe(G, doc)}"
    linked = ", ".join(RELATION_LABELS.get(r, r) for r in relations)
    subtitle = [f"{count_of(len(nodes) - 1, 'document')} linked by {linked}"]
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
    max_nodes: int | None = None,
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
    max_nodes: int | None = None,
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
    """Write ``html`` to ``path`` whole (:func:`chidao.files.write_text_whole`); the path."""
    return write_text_whole(html, path, "view")
