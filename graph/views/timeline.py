"""A cascade or lineage on a time axis: x = days from the root document, y = level.

Each level (central, province, district, commune) is a band; a document sits at
its date, and documents whose labels would collide stack into more rows of their
band. Undated documents go to a marked lane at the bottom. The day scale is the
largest that lets the whole timeline read at first paint
(:mod:`chidao.graph.views.fit`); when no scale does, documents are grouped per
province and level (a group sits at its members' median day), then per level.
"""

from __future__ import annotations

import functools
import math
import statistics
from collections.abc import Callable, Hashable, Iterable
from datetime import date

import networkx as nx

from chidao.errors import ChidaoError
from chidao.graph.analysis.nodes import LEVELS
from chidao.graph.views.aggregate import GROUPINGS, aggregate, count_groups, group_of
from chidao.graph.views.fit import (
    FONT_PX,
    GAP_X,
    GAP_Y,
    MIN_SCALE,
    VIEW_WIDTH,
    fitted_scale,
    most_nodes,
    node_box,
    text_width,
)
from chidao.graph.views.items import count_of, document_item, group_item

#: Day steps the axis may tick at; the smallest that leaves room for its labels wins.
TICK_STEPS = (1, 2, 5, 7, 10, 14, 30, 60, 90, 180, 365, 730, 1825)
#: Band of the undated documents, below communes and unknown levels.
UNDATED_BAND = len(LEVELS) + 1
BAND_NAMES = {**dict(enumerate(LEVELS)), len(LEVELS): "level unknown", UNDATED_BAND: "undated"}
AXIS_COLOUR = "#566573"


def _band(a: dict) -> int:
    level = a.get("level")
    return LEVELS.index(level) if level in LEVELS else len(LEVELS)


def pack_rows(spans: list[tuple[float, float]]) -> list[int]:
    """Row of each ``(left, right)`` span so that spans in one row do not overlap.

    Greedy, in the order given (sort by ``left`` first): each span takes the
    first row whose last span ends before it starts.

    >>> pack_rows([(0, 10), (5, 15), (12, 20), (16, 30)])
    [0, 1, 0, 1]
    """
    ends: list[float] = []
    rows = []
    for left, right in spans:
        for i, end in enumerate(ends):
            if end <= left:
                ends[i] = right
                rows.append(i)
                break
        else:
            ends.append(right)
            rows.append(len(ends) - 1)
    return rows


def tick_step(px_per_day: float, label_px: float) -> int:
    """The smallest of :data:`TICK_STEPS` whose ticks are ``label_px`` apart or more.

    >>> tick_step(2.0, 110), tick_step(40.0, 110)
    (60, 5)
    """
    for step in TICK_STEPS:
        if step * px_per_day >= label_px:
            return step
    return TICK_STEPS[-1]


def _layout(
    boxes: dict[Hashable, tuple[float, float]],
    days: dict[Hashable, float | None],
    band_of: dict[Hashable, int],
    px_per_day: float,
) -> tuple[dict[Hashable, tuple[int, int]], dict[int, float], float, float]:
    """Positions of the nodes, the y of each band, and the drawing's width and height."""
    pos: dict[Hashable, tuple[int, int]] = {}
    band_y: dict[int, float] = {}
    dated = [d for d in days.values() if d is not None]
    lo = min(dated, default=0.0)
    hi = max(dated, default=0.0)
    right_edge = (hi - lo) * px_per_day
    y = 0.0
    for band in sorted(set(band_of.values())):
        members = [n for n in boxes if band_of[n] == band]
        row_h = max(boxes[n][1] for n in members) + GAP_Y
        if band == UNDATED_BAND:
            # No date, no x: a grid as wide as the dated part.
            cell_w = max(boxes[n][0] for n in members) + GAP_X
            per_row = max(1, int((right_edge + cell_w) // cell_w))
            for i, n in enumerate(sorted(members, key=str)):
                row, col = divmod(i, per_row)
                pos[n] = (round(col * cell_w), round(y + row * row_h))
            rows = math.ceil(len(members) / per_row)
        else:
            xs = {n: (days[n] - lo) * px_per_day for n in members}  # type: ignore[operator]
            order = sorted(members, key=lambda n: (xs[n], str(n)))
            spans = [(xs[n] - boxes[n][0] / 2, xs[n] + boxes[n][0] / 2 + GAP_X) for n in order]
            placed = pack_rows(spans)
            for n, row in zip(order, placed, strict=True):
                pos[n] = (round(xs[n]), round(y + row * row_h))
            rows = max(placed) + 1
        band_y[band] = y
        y += (rows + 0.5) * row_h
    widest = max((w for w, _ in boxes.values()), default=0)
    return pos, band_y, right_edge + widest + GAP_X, y


def _fit(
    boxes: dict[Hashable, tuple[float, float]],
    days: dict[Hashable, float | None],
    band_of: dict[Hashable, int],
) -> tuple[float, float]:
    """``(px_per_day, scale)`` of the most legible timeline (it reads if scale ≥ MIN_SCALE).

    Tries day scales that would fill the window at fitted scales from 1.5 down
    to :data:`~chidao.graph.views.fit.MIN_SCALE`: a finer day scale spreads the
    documents (fewer stacked rows) but widens the drawing.
    """
    dated = [d for d in days.values() if d is not None]
    span = max(max(dated, default=0) - min(dated, default=0), 1)
    widest = max((w for w, _ in boxes.values()), default=0)
    best = (1.0, -1.0)
    scale = 1.5
    while scale >= MIN_SCALE * 0.94:
        ppd = max(VIEW_WIDTH / scale - MARGIN - widest, 1) / span
        _, _, w, h = _layout(boxes, days, band_of, ppd)
        got = fitted_scale(w + MARGIN, h + AXIS_PX)
        if got > best[1]:
            best = (ppd, got)
        scale *= 0.94
    return best


LINE_PX = round(FONT_PX * 1.3)
#: Room left of the bands for their names, and above them for the day axis (px).
MARGIN = max(text_width(name) for name in BAND_NAMES.values()) + 2 * GAP_X + 40
AXIS_PX = 2 * LINE_PX + GAP_Y


def _axis_item(label: str, colour: str = AXIS_COLOUR) -> dict:
    return {
        "label": label,
        "shape": "text",
        "font": {"color": colour, "size": FONT_PX, "background": "none"},
        "kind": "axis",
        "chosen": False,
        "tip": [],
        "search": "",
    }


def timeline_plan(
    G: nx.MultiDiGraph,
    doc: str,
    nodes: Iterable[Hashable],
    *,
    group_by: str = "auto",
) -> tuple[nx.MultiDiGraph, dict, dict, str | None, float, str]:
    """Lay out ``nodes`` (``doc``'s cascade or lineage) on a time axis.

    Returns the graph drawn (documents or groups, plus ``kind="axis"`` nodes for
    the day ticks and band names), each node's item and position, the grouping
    used, the fitted scale, and the origin's description.
    """
    nodes = list(dict.fromkeys(nodes))
    root_date: date | None = G.nodes[doc].get("date")
    origin = "the root document"
    if root_date is None:
        # An undated root: count from the earliest dated document instead.
        dated = [G.nodes[n]["date"] for n in nodes if G.nodes[n].get("date")]
        root_date = min(dated, default=None)
        origin = "the earliest dated document (the root is undated)"
    doc_days = {
        n: (G.nodes[n]["date"] - root_date).days if root_date and G.nodes[n].get("date") else None
        for n in nodes
    }
    if group_by == "none":
        tries: tuple[str | None, ...] = (None,)
    elif group_by in GROUPINGS:
        tries = (group_by,)
    elif group_by == "auto":
        # Then one group per level and period of k days, k growing.
        tries = (None, "province", *(f"{k}-day period" for k in TICK_STEPS[1:]), "level")
    else:
        raise ChidaoError(f"unknown grouping {group_by!r}: use auto, none, {', '.join(GROUPINGS)}")
    bound = most_nodes()
    for grouping in tries:
        if grouping is None and len(nodes) > bound and len(tries) > 1:
            continue  # cannot read one by one: skip the costly packing
        if grouping in GROUPINGS and count_groups(G, nodes, grouping) > bound:
            continue
        drawn, items, days = _grouped(G, doc, nodes, grouping, doc_days)
        if drawn.number_of_nodes() > bound and grouping != tries[-1]:
            continue
        band_of = {
            n: UNDATED_BAND if days[n] is None else _band(a) for n, a in drawn.nodes(data=True)
        }
        boxes = {n: node_box(items[n]["label"], items[n]["size"]) for n in drawn}
        ppd, scale = _fit(boxes, days, band_of)
        if scale >= MIN_SCALE:
            break
    pos, band_y, _width, _height = _layout(boxes, days, band_of, ppd)
    _add_axis(drawn, items, pos, band_y, days, ppd, boxes)
    return drawn, items, pos, grouping, scale, origin


def _period_key(
    G: nx.MultiDiGraph, days: dict[Hashable, int | None], step: int
) -> Callable[[Hashable], tuple]:
    def key(n: Hashable) -> tuple:
        level = G.nodes[n].get("level")
        d = days.get(n)
        if d is None:
            return ("level", level)
        first = (d // step) * step
        return ("period", level, first, first + step - 1)

    return key


def _grouped(
    G: nx.MultiDiGraph,
    doc: str,
    nodes: list[Hashable],
    grouping: str | None,
    doc_days: dict[Hashable, int | None],
) -> tuple[nx.MultiDiGraph, dict, dict]:
    if grouping is None:
        drawn = nx.MultiDiGraph(G.subgraph(nodes))
        items = {n: document_item(a, n == doc, compact=True) for n, a in drawn.nodes(data=True)}
        return drawn, items, dict(doc_days)
    if grouping.endswith("-day period"):
        key = _period_key(G, doc_days, int(grouping.split("-")[0]))
        drawn = aggregate(G, nodes, grouping, keep={doc}, key=key)
    else:
        key = functools.partial(group_of, G, by=grouping)
        drawn = aggregate(G, nodes, grouping, keep={doc})
    members: dict[Hashable, list[int]] = {}
    for n in nodes:
        if n != doc and doc_days[n] is not None:
            members.setdefault(key(n), []).append(doc_days[n])  # type: ignore[arg-type]
    items: dict[Hashable, dict] = {}
    days: dict[Hashable, float | None] = {}
    for n, a in drawn.nodes(data=True):
        if a.get("kind") == "group":
            items[n] = group_item(a)
            ds = members.get(n)
            days[n] = statistics.median(ds) if ds else None
            items[n]["tip"].append(["Median day", f"{days[n]:g}" if ds else "undated"])
        else:
            items[n] = document_item(a, n == doc, compact=True)
            days[n] = doc_days.get(n)
    return drawn, items, days


def _add_axis(
    drawn: nx.MultiDiGraph,
    items: dict,
    pos: dict,
    band_y: dict[int, float],
    days: dict[Hashable, float | None],
    ppd: float,
    boxes: dict[Hashable, tuple[float, float]],
) -> None:
    dated = [d for d in days.values() if d is not None]
    lo, hi = min(dated, default=0), max(dated, default=0)
    label_px = text_width("day −0000") + GAP_X
    step = tick_step(ppd, label_px)
    top = min((y for _, y in pos.values()), default=0) - AXIS_PX
    first = math.ceil(lo / step) * step
    for d in range(int(first), int(hi) + 1, step):
        key = ("axis-day", d)
        drawn.add_node(key, kind="axis")
        items[key] = _axis_item("day 0" if d == 0 else f"day {d:+d}".replace("-", "−"))
        pos[key] = (round((d - lo) * ppd), round(top))
    left = -MARGIN / 2 - max((w for w, _ in boxes.values()), default=0) / 2
    for band, y in band_y.items():
        key = ("axis-band", band)
        drawn.add_node(key, kind="axis")
        name = BAND_NAMES[band]
        items[key] = _axis_item(
            f"{name} (no date)" if band == UNDATED_BAND else name,
            colour="#7b241c" if band == UNDATED_BAND else AXIS_COLOUR,
        )
        pos[key] = (round(left), round(y))


def describe(days_count: int, grouping: str | None, origin: str) -> list[str]:
    """Subtitle lines of a timeline page."""
    lines = [f"x: days after {origin}; y: one band per level", count_of(days_count, "document")]
    if grouping:
        lines.append(f"grouped by {grouping}")
    return lines
