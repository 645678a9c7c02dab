"""How a node or edge of an HTML view looks and where it sits.

Visual encoding (colour by administrative level, shape by system, a dashed grey
look for documents known only from citations, edge colour by relation) and the
top-down placement: one horizontal lane per level, central at the top. Small
views let vis-network's hierarchical layout place nodes inside their lane; big
ones get fixed positions from :func:`fixed_positions`, because vis-network's
hierarchical layout grows quadratically (``bench/bench_views.py``: 0.9 s at 500
nodes, 2.6 s at 1,500, 16 s for a 5,000-node tree) while fixed positions cost
nothing to lay out.
"""

from __future__ import annotations

import math
from collections.abc import Hashable, Iterable, Mapping

import networkx as nx

from chidao.graph.analysis.nodes import LEVELS, level_rank
from chidao.graph.views.fit import Cell, fitted_scale

#: Lane of a node whose level is unknown and cannot be inferred: below communes.
UNKNOWN_LANE = len(LEVELS)

LEVEL_COLOURS: dict[str | None, str] = {
    "central": "#c0392b",
    "province": "#e67e22",
    "district": "#2e86c1",
    "commune": "#28b463",
    None: "#7f8c8d",
}

#: Documents: label below the shape. Organisations: label inside it.
DOCUMENT_SHAPES: dict[str | None, str] = {
    "party": "dot",
    "state": "square",
    "front": "triangle",
    None: "diamond",
}
ORGANISATION_SHAPES: dict[str | None, str] = {
    "party": "ellipse",
    "state": "box",
    "front": "database",
    None: "circle",
}
#: A group of documents of mixed systems (aggregated views).
MIXED_GROUP_SHAPE = "hexagon"

RELATION_COLOURS: dict[str, str] = {
    "implements": "#2c3e50",
    "based_on": "#8e44ad",
    "amends": "#d35400",
    "replaces": "#b7950b",
    "cites": "#a6acaf",
    "issued_by": "#16a085",
    "recipient": "#a6acaf",
    "distribution": "#a6acaf",
    "assignee": "#239b56",
    "sub_organization_of": "#b3b6b7",
}
#: What an edge label says for each relation (the RDF names are for queries).
RELATION_LABELS: dict[str, str] = {
    "implements": "implements",
    "based_on": "based on",
    "amends": "amends",
    "replaces": "replaces",
    "cites": "cites",
    "issued_by": "issued by",
    "recipient": "addressed to",
    "distribution": "copied to",
    "assignee": "assigned to",
    "sub_organization_of": "part of",
}
#: Weak links are drawn dashed so that the carrying-out edges stand out.
DASHED_RELATIONS = frozenset({"cites", "recipient", "distribution", "sub_organization_of"})

CITED_ONLY_FILL = "#eeeeee"
CITED_ONLY_DASHES = [6, 4]

#: Grid cell of the fixed layout when the caller gives none (px at scale 1).
DEFAULT_CELL = Cell(150, 70)
#: Extra space between two lanes, in cell heights.
LANE_GAP_CELLS = 0.6


def node_colour(level: str | None, *, cited_only: bool = False) -> dict[str, object]:
    """The vis-network ``color`` of a node at ``level``.

    >>> node_colour("central")["background"]
    '#c0392b'
    >>> node_colour("central", cited_only=True)["background"]
    '#eeeeee'
    """
    base = LEVEL_COLOURS.get(level, LEVEL_COLOURS[None])
    fill = CITED_ONLY_FILL if cited_only else base
    return {
        "background": fill,
        "border": base,
        "highlight": {"background": fill, "border": "#111111"},
        "hover": {"background": fill, "border": "#111111"},
    }


def document_shape(system: str | None) -> str:
    """The vis-network shape of a document issued in ``system``.

    >>> document_shape("state"), document_shape("unheard-of")
    ('square', 'diamond')
    """
    return DOCUMENT_SHAPES.get(system, DOCUMENT_SHAPES[None])


def organisation_shape(system: str | None) -> str:
    """The vis-network shape of an organisation of ``system``.

    >>> organisation_shape("party")
    'ellipse'
    """
    return ORGANISATION_SHAPES.get(system, ORGANISATION_SHAPES[None])


def edge_style(relation: str) -> dict[str, object]:
    """``color`` and ``dashes`` of an edge with key ``relation``.

    >>> edge_style("cites")["dashes"], edge_style("implements")["dashes"]
    (True, False)
    """
    colour = RELATION_COLOURS.get(relation, "#7f8c8d")
    return {
        "color": {"color": colour, "highlight": "#111111", "hover": "#111111"},
        "dashes": relation in DASHED_RELATIONS,
    }


def lanes(G: nx.MultiDiGraph, nodes: Iterable[Hashable]) -> dict[Hashable, int]:
    """The lane (0 = central … 3 = commune) of each of ``nodes`` in ``G``.

    A node with no known level goes one lane above the highest node that points
    at it (a resolution known only from a district's citation sits above that
    district), else one lane below the lowest node it points at, else to the
    bottom lane :data:`UNKNOWN_LANE`.

    Examples
    --------
    >>> G = nx.MultiDiGraph()
    >>> G.add_node("law", kind="document")
    >>> G.add_node("d", kind="document", level="district")
    >>> _ = G.add_edge("d", "law", key="implements")
    >>> sorted(lanes(G, ["law", "d"]).items())
    [('d', 2), ('law', 1)]
    """
    nodes = list(nodes)
    chosen = set(nodes)
    out: dict[Hashable, int] = {}
    unknown: list[Hashable] = []
    for n in nodes:
        level = G.nodes[n].get("level")
        if level in LEVELS:
            out[n] = level_rank(level)
        else:
            unknown.append(n)
    for n in unknown:
        above = [out[u] for u in G.predecessors(n) if u in chosen and u in out]
        below = [out[v] for v in G.successors(n) if v in chosen and v in out]
        if above:
            out[n] = max(min(above) - 1, 0)
        elif below:
            out[n] = min(max(below) + 1, UNKNOWN_LANE)
        else:
            out[n] = UNKNOWN_LANE
    return out


def lane_columns(sizes: Mapping[int, int], cells: Mapping[int, Cell]) -> dict[int, int]:
    """How many columns each lane wraps into so that the drawing fits the window best.

    A lane of ``n`` nodes in ``c`` columns takes ``ceil(n / c)`` rows of its own
    cell height; every lane is at most as wide as the widest. The width that gives
    the largest fitted scale (:func:`chidao.graph.views.fit.fitted_scale`) wins,
    so a view is as wide as the window is, not one row thousands of nodes wide,
    and a lane of short labels packs more columns than one of long labels.

    >>> lane_columns({0: 1, 1: 63, 2: 600}, dict.fromkeys(range(3), Cell(120, 60)))
    {0: 1, 1: 23, 2: 23}
    >>> lane_columns({0: 40, 1: 40}, {0: Cell(200, 60), 1: Cell(100, 60)})
    {0: 5, 1: 10}
    """
    lanes_here = [lane for lane, n in sizes.items() if n]
    if not lanes_here:
        return {}
    widths = sorted(
        {c * cells[lane].width for lane in lanes_here for c in range(1, sizes[lane] + 1)}
    )
    best: dict[int, int] = {lane: 1 for lane in lanes_here}
    best_scale = -1.0
    for width in widths:
        columns = {
            lane: max(1, min(sizes[lane], int(width // cells[lane].width))) for lane in lanes_here
        }
        height = (
            sum(
                (math.ceil(sizes[lane] / columns[lane]) + LANE_GAP_CELLS) * cells[lane].height
                for lane in lanes_here
            )
            - LANE_GAP_CELLS * cells[lanes_here[-1]].height
        )
        drawn = max(columns[lane] * cells[lane].width for lane in lanes_here)
        scale = fitted_scale(drawn, height)
        if scale > best_scale + 1e-9:
            best, best_scale = columns, scale
    return best


def fixed_positions(
    G: nx.MultiDiGraph,
    lane_of: Mapping[Hashable, int],
    order_key: Mapping[Hashable, tuple] | None = None,
    cell: Cell | None = None,
    cells: Mapping[int, Cell] | None = None,
) -> dict[Hashable, tuple[int, int]]:
    """Top-down ``(x, y)`` pixel positions: one lane per level, wrapped into rows.

    Lanes are filled from the top; within a lane, nodes are ordered by the mean
    ``x`` of their neighbours already placed in the lanes above (so a district
    letter lands under the province document it carries out), then by
    ``order_key`` (default: the node itself). Every node of a lane gets a grid
    cell (``cells[lane]``, else ``cell``: big enough for the lane's biggest node
    and its label, so labels cannot overlap); lanes wrap into
    :func:`lane_columns` columns, filled column by column.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        The graph the nodes come from (for their neighbours).
    lane_of : mapping
        Node → lane, as from :func:`lanes`.
    order_key : mapping, optional
        Node → sort key breaking ties between nodes without placed neighbours.
    cell : Cell, optional
        Grid cell size of every lane (default: :data:`DEFAULT_CELL`).
    cells : mapping, optional
        Lane → grid cell size, where it differs from ``cell``.

    Returns
    -------
    dict
        Node → ``(x, y)``; lanes are centred on ``x = 0``.

    Examples
    --------
    >>> G = nx.MultiDiGraph()
    >>> _ = G.add_edge("p2", "c", key="implements")
    >>> _ = G.add_edge("p1", "c", key="implements")
    >>> pos = fixed_positions(G, {"c": 0, "p1": 1, "p2": 1}, cell=Cell(100, 50))
    >>> pos["c"], pos["p1"], pos["p2"]
    ((0, 0), (-50, 80), (50, 80))
    """
    by_lane: dict[int, list[Hashable]] = {}
    for n, lane in lane_of.items():
        by_lane.setdefault(lane, []).append(n)
    cell_of = {lane: (cells or {}).get(lane) or cell or DEFAULT_CELL for lane in by_lane}
    columns_of = lane_columns({lane: len(ns) for lane, ns in by_lane.items()}, cell_of)
    pos: dict[Hashable, tuple[int, int]] = {}
    y = 0.0
    for lane in sorted(by_lane):

        def key(n: Hashable) -> tuple:
            xs = [pos[m][0] for m in nx.all_neighbors(G, n) if m in pos]
            bary = sum(xs) / len(xs) if xs else math.inf
            tie = order_key[n] if order_key is not None else (str(n),)
            return (bary, tie)

        members = sorted(by_lane[lane], key=key)
        cell = cell_of[lane]
        rows = math.ceil(len(members) / columns_of[lane])
        cols = math.ceil(len(members) / rows)
        for i, n in enumerate(members):
            # Column by column, so that the documents under one parent stay together
            # in a block beneath it instead of being spread along a row.
            col, row = divmod(i, rows)
            x = round((col - (cols - 1) / 2) * cell.width)
            pos[n] = (x, round(y + row * cell.height))
        y += (rows + LANE_GAP_CELLS) * cell.height
    return pos


def extent(
    positions: Mapping[Hashable, tuple[float, float]],
    cell: Cell | Mapping[Hashable, Cell],
) -> tuple[float, float]:
    """Width and height (px at scale 1) of a drawing of ``positions`` on cells.

    ``cell`` is every node's cell, or a node → cell mapping.

    >>> extent({"a": (0, 0), "b": (100, 50)}, Cell(100, 50))
    (200.0, 100)
    """
    if not positions:
        return (0, 0)

    def of(n: Hashable) -> Cell:
        return cell if isinstance(cell, Cell) else cell[n]

    left = min(x - of(n).width / 2 for n, (x, _) in positions.items())
    right = max(x + of(n).width / 2 for n, (x, _) in positions.items())
    top = min(y for _, y in positions.values())
    bottom = max(y + of(n).height for n, (_, y) in positions.items())
    return (right - left, bottom - top)
