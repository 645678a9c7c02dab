"""Will a view read at first paint? Label sizes, grid cells and the fitted scale.

The page opens zoomed out just enough for the whole drawing to fit beside the
legend (``assets/view.js``). A view reads at that first paint when, at the
fitted scale, node labels are at least :data:`MIN_FONT_PX` high and no two of
them overlap. This module estimates, in Python, each node's box (shape plus the
label under it, wrapped at :data:`LABEL_WIDTH`), lays the nodes out on a grid of
cells that hold the biggest box (so boxes cannot overlap) and computes the scale
the page will fit the grid at, for a reference window :data:`VIEW_WIDTH` ×
:data:`VIEW_HEIGHT` pixels (a 1400 × 900 window minus the legend). A view whose
scale would fall below :data:`MIN_SCALE` groups its documents
(:mod:`chidao.graph.views.aggregate`) until it does not.

The estimates are checked in headless Chromium by ``tests/graph/views/test_views_browser.py``:
no two label boxes vis-network reports overlap, and nodes are at least 8 px.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass

#: Node label font size (px at scale 1).
FONT_PX = 14
#: Labels must be at least this high on screen at the first paint.
MIN_FONT_PX = 9.0
MIN_SCALE = MIN_FONT_PX / FONT_PX
#: Width (px at scale 1) past which a label wraps (vis-network ``widthConstraint``).
LABEL_WIDTH = 128
#: Narrower wrap for shapes drawn as tall as they are wide around their label
#: (vis-network's ``database`` and ``circle``): a long name would make them huge.
SQUARE_LABEL_WIDTH = 72
#: Generous mean glyph width and line height of the system sans-serif, as a
#: fraction of the font size (Vietnamese diacritics make lines a little taller).
CHAR_WIDTH = 0.62
LINE_HEIGHT = 1.3
#: Room kept free around each box, px at scale 1.
GAP_X = 18
GAP_Y = 14
#: The drawing area the first paint fits the view into (px): a 1400 × 900
#: window minus the legend overlay, a title bar and a margin.
VIEW_WIDTH = 1020
VIEW_HEIGHT = 710


#: The smallest box a node can have (a document with a short one-line label),
#: and so the most nodes that can ever read at first paint.
SMALLEST_BOX = (60.0, 42.0)


def most_nodes() -> int:
    """An upper bound on how many nodes read at first paint (no layout does better).

    >>> 300 < most_nodes() < 600
    True
    """
    w, h = SMALLEST_BOX
    return int(VIEW_WIDTH * VIEW_HEIGHT / (MIN_SCALE**2 * (w + GAP_X) * (h + GAP_Y)))


@dataclass(frozen=True, slots=True)
class Cell:
    """Width and height (px at scale 1) of one grid cell: the biggest node box plus gaps."""

    width: float
    height: float


def text_width(line: str) -> float:
    """Estimated width (px at scale 1) of one line of label text.

    >>> text_width("281-CV/HU")
    78.12
    """
    return round(len(line) * CHAR_WIDTH * FONT_PX, 2)


def wrapped_lines(label: str, width: float = LABEL_WIDTH) -> list[str]:
    """``label`` wrapped as vis-network wraps it at ``width`` px (greedy, by word).

    >>> wrapped_lines("Bà Rịa - Vũng Tàu · 12 docs")
    ['Bà Rịa - Vũng', 'Tàu · 12 docs']
    """
    out: list[str] = []
    for para in label.split("\n"):
        line = ""
        for word in para.split(" "):
            trial = f"{line} {word}" if line else word
            if line and text_width(trial) > width:
                out.append(line)
                line = word
            else:
                line = trial
        out.append(line)
    return out


def node_box(
    label: str, size: float, *, inside: bool = False, width: float = LABEL_WIDTH
) -> tuple[float, float]:
    """Estimated ``(width, height)`` of a node drawn with ``label`` wrapped at ``width``.

    ``size`` is vis-network's node size (radius of a dot); the label sits under
    the shape, or ``inside`` it (boxes, ellipses: organisations).

    >>> node_box("281-CV/HU", 10)
    (78.12, 42.2)
    """
    lines = wrapped_lines(label, width)
    text_w = min(max((text_width(line) for line in lines), default=0), width)
    text_h = len(lines) * LINE_HEIGHT * FONT_PX
    if inside:
        return round(text_w + 2 * size, 2), round(text_h + 2 * size, 2)
    return round(max(text_w, 2 * size), 2), round(2 * size + 4 + text_h, 2)


def cell_for(boxes: Iterable[tuple[float, float]]) -> Cell:
    """The grid cell that holds every box of ``boxes`` with the gaps around it.

    >>> cell_for([(78, 42), (100, 30)])
    Cell(width=118, height=56)
    """
    boxes = list(boxes) or [(0.0, 0.0)]
    width = max(w for w, _ in boxes) + GAP_X
    height = max(h for _, h in boxes) + GAP_Y
    return Cell(math.ceil(width), math.ceil(height))


def fitted_scale(width: float, height: float) -> float:
    """The scale at which a drawing ``width`` × ``height`` px fits the reference area.

    >>> fitted_scale(2040, 710)
    0.5
    """
    if width <= 0 or height <= 0:
        return math.inf
    return min(VIEW_WIDTH / width, VIEW_HEIGHT / height)


def reads(width: float, height: float) -> bool:
    """Whether a drawing of that size is legible at first paint (scale ≥ :data:`MIN_SCALE`).

    >>> reads(1500, 900), reads(5000, 900)
    (True, False)
    """
    return fitted_scale(width, height) >= MIN_SCALE
