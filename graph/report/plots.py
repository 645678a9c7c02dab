"""The report's charts as inline SVG, drawn with matplotlib (imported only here).

Text stays text in the SVG (``svg.fonttype = none``) and nothing links outside
it, so the page needs no font or image file.
"""

from __future__ import annotations

import io
import re
from collections.abc import Mapping, Sequence
from typing import Any

from chidao.graph.analysis.diffusion import LagStats

LEVEL_COLOURS = {
    "central": "#c0392b",
    "province": "#e67e22",
    "district": "#2e86c1",
    "commune": "#28b463",
}
OTHER_COLOUR = "#7f8c8d"
_METADATA = re.compile(r"<metadata>.*?</metadata>\s*", re.S)


def _figure(width: float = 7.0, height: float = 3.2) -> tuple[Any, Any]:
    import matplotlib

    matplotlib.use("Agg")  # no display: render to a file only
    import matplotlib.pyplot as plt

    plt.rcParams.update({"svg.fonttype": "none", "font.size": 9, "svg.hashsalt": "chidao"})
    fig, ax = plt.subplots(figsize=(width, height))
    ax.spines[["top", "right"]].set_visible(False)
    return fig, ax


def _svg(fig: Any) -> str:
    import matplotlib.pyplot as plt

    buf = io.StringIO()
    fig.tight_layout()
    fig.savefig(buf, format="svg", metadata={"Date": None})
    plt.close(fig)
    text = buf.getvalue()
    text = _METADATA.sub("", text)  # RDF about the drawing tool: not the reader's business
    return text[text.index("<svg") :]  # drop the XML prolog and DOCTYPE for inlining


def diffusion_svg(curves: Mapping[str, Sequence[tuple[int, float]]], units_word: str) -> str:
    """Step curves: the cumulative share of units carrying the root out, by day."""
    fig, ax = _figure()
    for name, points in curves.items():
        if not points:
            continue
        xs = [d for d, _ in points]
        ys = [100 * s for _, s in points]
        colour = LEVEL_COLOURS.get(name, OTHER_COLOUR)
        ax.step(xs, ys, where="post", color=colour, label=name, linewidth=2)
    ax.set_xlabel("days after the document")
    ax.set_ylabel(f"% of {units_word} carrying it out")
    ax.set_ylim(0, 100)
    ax.set_xlim(left=0)
    ax.grid(alpha=0.3)
    if len(curves) > 1:
        ax.legend(frameon=False)
    return _svg(fig)


def lags_svg(stats: Sequence[LagStats], lags: Mapping[str | None, Sequence[int | None]]) -> str:
    """One box plot per level of the days from the root to its documents."""
    fig, ax = _figure(height=0.6 + 0.55 * max(len(stats), 1))
    rows = [(s.level or "unknown", [d for d in lags[s.level] if d is not None]) for s in stats]
    rows = [(name, ds) for name, ds in rows if ds]
    if rows:
        box = ax.boxplot(
            [ds for _, ds in rows],
            orientation="horizontal",
            patch_artist=True,
            widths=0.5,
            showfliers=True,
        )
        for patch, (name, _) in zip(box["boxes"], rows, strict=True):
            patch.set_facecolor(LEVEL_COLOURS.get(name, OTHER_COLOUR))
            patch.set_alpha(0.6)
        ax.set_yticks(range(1, len(rows) + 1), [name for name, _ in rows])
        ax.invert_yaxis()
    ax.set_xlabel("days after the document")
    ax.grid(axis="x", alpha=0.3)
    return _svg(fig)


def months_svg(per_month: Mapping[str, Mapping[str, int]]) -> str:
    """Documents per month, one line per level."""
    fig, ax = _figure()
    months = list(per_month)
    levels = sorted({lv for c in per_month.values() for lv in c}, key=_level_order)
    for lv in levels:
        ax.plot(
            range(len(months)),
            [per_month[m].get(lv, 0) for m in months],
            marker="o",
            markersize=3,
            color=LEVEL_COLOURS.get(lv, OTHER_COLOUR),
            label=lv,
        )
    step = max(1, len(months) // 12)
    ax.set_xticks(range(0, len(months), step), months[::step], rotation=45, ha="right")
    ax.set_ylabel("documents")
    ax.grid(alpha=0.3)
    if levels:
        ax.legend(frameon=False)
    return _svg(fig)


def _level_order(level: str) -> int:
    order = list(LEVEL_COLOURS)
    return order.index(level) if level in order else len(order)
