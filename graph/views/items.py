"""What each node and edge of an HTML view shows: pyvis item dicts and tooltips.

A node's tooltip travels as ``tip``: rows of ``[label, value]`` (or ``[note]``)
that the page turns into text nodes (``assets/view.js``), so that nothing a
document says is ever parsed as HTML.
"""

from __future__ import annotations

import json
import math
from collections.abc import Hashable
from datetime import date

import networkx as nx

from chidao.graph.views.fit import FONT_PX, LABEL_WIDTH, SQUARE_LABEL_WIDTH
from chidao.graph.views.layout import (
    CITED_ONLY_DASHES,
    MIXED_GROUP_SHAPE,
    RELATION_LABELS,
    document_shape,
    edge_style,
    node_colour,
    organisation_shape,
)


def fmt_date(d: date | None) -> str | None:
    """``d`` the Vietnamese way, day first.

    >>> fmt_date(date(2021, 9, 6))
    '06/09/2021'
    """
    return d.strftime("%d/%m/%Y") if d else None


def fmt_days(days: float | None) -> str | None:
    """A lag in days, as an edge label shows it.

    >>> fmt_days(67), fmt_days(15.5), fmt_days(None)
    ('67 d', '15.5 d', None)
    """
    if days is None:
        return None
    return f"{days:.0f} d" if float(days).is_integer() else f"{days:.1f} d"


def count_of(n: int, noun: str) -> str:
    """``n`` ``noun``, plural when it should be.

    >>> count_of(1, "document"), count_of(2041, "document")
    ('1 document', '2,041 documents')
    """
    return f"{n:,} {noun}{'' if n == 1 else 's'}"


def _rows(*pairs: tuple[str, object]) -> list[list[str]]:
    return [[k, str(v)] for k, v in pairs if v not in (None, "")]


def _search_text(*parts: object) -> str:
    return " ".join(str(p) for p in parts if p).casefold()


#: Node sizes (vis-network: radius of a dot), px at scale 1.
DOCUMENT_SIZE = 10
ROOT_SIZE = 16


def relation_label(relation: str) -> str:
    """What an edge label says for ``relation`` (an edge key of :mod:`chidao.graph`).

    >>> relation_label("based_on"), relation_label("sub_organization_of")
    ('based on', 'part of')
    """
    return RELATION_LABELS.get(relation, relation.replace("_", " "))


def document_item(a: dict, root: bool, *, compact: bool = False) -> dict:
    """pyvis node options of a document with attributes ``a``; ``root`` draws it bigger.

    The label is the number and the date; ``compact``: the number only (the date
    is in the tooltip), for views that would not read otherwise.
    """
    number = a.get("number")
    cited_only = bool(a.get("cited_only"))
    label = number or a.get("doc_type") or "(no number)"
    when = fmt_date(a.get("date"))
    if when and not compact:
        label += "\n" + when
    tip = _rows(
        ("Number", number),
        ("Type", a.get("doc_type")),
        ("Date", when),
        ("Issuer", a.get("issuer_name")),
        ("Level", a.get("level")),
        ("System", a.get("system")),
        ("Province", a.get("province")),
        ("District", a.get("district")),
        ("Subject", a.get("subject")),
        ("Source", a.get("source")),
    )
    if cited_only:
        tip.append(["Known only from citations: no file of it is in the corpus."])
    node = {
        "label": label,
        "shape": document_shape(a.get("system")),
        "color": node_colour(a.get("level"), cited_only=cited_only),
        "size": ROOT_SIZE if root else DOCUMENT_SIZE,
        "borderWidth": 4 if root else 2,
        "widthConstraint": {"maximum": LABEL_WIDTH},
        "tip": tip,
        "kind": "document",
        "lvl": a.get("level") or "unknown",  # for the legend's level switches
        "cited_only": cited_only,
        "search": _search_text(number, a.get("issuer_name"), a.get("subject")),
    }
    if cited_only:
        node["shapeProperties"] = {"borderDashes": CITED_ONLY_DASHES}
        node["font"] = {"color": "#616a6b", "size": FONT_PX}
    return node


def organisation_item(a: dict) -> dict:
    """pyvis node options of an organisation with attributes ``a``."""
    name = a.get("name") or "(unnamed organisation)"
    shape = organisation_shape(a.get("system"))
    return {
        "label": name,
        "shape": shape,
        "color": node_colour(a.get("level")),
        # Label inside the shape: white on the level colour, without the label backdrop.
        "font": {"color": "#ffffff", "background": "none"},
        "widthConstraint": {
            "maximum": SQUARE_LABEL_WIDTH if shape in ("database", "circle") else LABEL_WIDTH
        },
        "tip": _rows(
            ("Organisation", name),
            ("Level", a.get("level")),
            ("System", a.get("system")),
            ("Province", a.get("province")),
            ("District", a.get("district")),
        ),
        "kind": "organisation",
        "lvl": a.get("level") or "unknown",  # for the legend's level switches
        "search": _search_text(name),
    }


def group_item(a: dict) -> dict:
    """pyvis node options of a group of documents (from :mod:`~chidao.graph.views.aggregate`)."""
    count = a["count"]
    shape = document_shape(a["system"]) if a.get("system") else MIXED_GROUP_SHAPE
    span = " – ".join(filter(None, (fmt_date(a["first_date"]), fmt_date(a["last_date"]))))
    tip = _rows(
        ("Group", a["label"]),
        ("Documents", count),
        ("Grouped by", a["grouping"]),
        ("Level", a.get("level")),
        ("System", a.get("system")),
        ("Dates", span),
        ("Known only from citations", a["cited_only"] or None),
        ("Citations inside the group", a["internal"] or None),
        ("For example", ", ".join(a["sample"])),
    )
    return {
        "label": f"{a['label']}\n{count} doc{'s' if count != 1 else ''}",
        "shape": shape,
        "color": node_colour(a.get("level")),
        # Grows with the count, but only so much: a big group must not cover its row.
        "size": round(DOCUMENT_SIZE + min(2 * math.sqrt(count), 10)),
        "borderWidth": 4,
        "widthConstraint": {"maximum": LABEL_WIDTH},
        "tip": tip,
        "kind": "group",
        "lvl": a.get("level") or "unknown",  # for the legend's level switches
        "count": count,
        "search": _search_text(a["label"], *a["sample"]),
    }


def node_id(n: Hashable) -> str | int:
    """The pyvis id of node ``n``.

    >>> node_id("https://e/d"), node_id(("province", "Cà Mau", "district"))
    ('https://e/d', 'group:["province", "Cà Mau", "district"]')
    """
    # pyvis wants str or int ids; group keys are tuples.
    if isinstance(n, str | int):
        return n
    return "group:" + json.dumps(n, ensure_ascii=False, default=str)


def edge_item(G: nx.MultiDiGraph, u: Hashable, v: Hashable, k: str, a: dict) -> dict:
    """pyvis edge options of ``u → v`` with key (relation) ``k`` and attributes ``a``."""
    lag = a.get("lag_days")
    count = a.get("count")
    label = relation_label(k) if count is None else f"{relation_label(k)} ×{count}"
    if lag is not None:
        label += f" · {'median ' if count is not None else ''}{fmt_days(lag)}"
    name = {
        n: G.nodes[n].get("number") or G.nodes[n].get("label") or G.nodes[n].get("name")
        for n in (u, v)
    }
    tip = _rows(
        ("Relation", relation_label(k)),
        ("From", name[u]),
        ("To", name[v]),
        ("Edges", count),
        ("Lag" if count is None else "Median lag", fmt_days(lag)),
    )
    return {
        "label": label,
        "tip": tip,
        "relation": k,
        "lag_days": lag,
        "width": 1 + math.log2(count) if count else 1.5,
        "arrows": "to",
        **edge_style(k),
    }
