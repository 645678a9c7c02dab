"""Folding documents into groups so that a big view stays drawable.

A view of more documents than the browser handles comfortably (see
:data:`chidao.graph.views.build.DEFAULT_MAX_NODES`) shows one node per issuer, or per
province and level, instead of one per document. Edges between groups carry how
many document edges they stand for and their median lag.
"""

from __future__ import annotations

import statistics
from collections import Counter, defaultdict
from collections.abc import Callable, Hashable, Iterable
from datetime import date

import networkx as nx

#: Grouping schemes, finest first; ``auto`` tries them in this order.
GROUPINGS: tuple[str, ...] = ("issuer", "province", "level")


def _issuer_key(a: dict) -> tuple:
    if a.get("issuer"):
        return ("issuer", a["issuer"])
    if a.get("issuer_name"):
        return ("issuer-name", a["issuer_name"])
    return ("unknown-issuer", a.get("level"))


def _province_key(a: dict) -> tuple:
    # Central bodies are few and each is its own story: keep them apart.
    if a.get("level") == "central":
        return _issuer_key(a)
    return ("province", a.get("province"), a.get("level"))


def _level_key(a: dict) -> tuple:
    return ("level", a.get("level"))


_KEYS: dict[str, Callable[[dict], tuple]] = {
    "issuer": _issuer_key,
    "province": _province_key,
    "level": _level_key,
}


def group_of(G: nx.MultiDiGraph, node: Hashable, by: str) -> Hashable:
    """The group ``node`` falls in when documents are grouped ``by`` issuer/province/level.

    Non-document nodes are their own group.

    >>> G = nx.MultiDiGraph()
    >>> G.add_node("d", kind="document", level="district", province="Cà Mau")
    >>> group_of(G, "d", "province")
    ('province', 'Cà Mau', 'district')
    """
    a = G.nodes[node]
    if a.get("kind") != "document":
        return node
    return _KEYS[by](a)


def count_groups(G: nx.MultiDiGraph, nodes: Iterable[Hashable], by: str) -> int:
    """How many nodes a view of ``nodes`` grouped ``by`` would draw.

    >>> G = nx.MultiDiGraph()
    >>> G.add_node("a", kind="document", issuer="tu"); G.add_node("b", kind="document", issuer="tu")
    >>> count_groups(G, ["a", "b"], "issuer")
    1
    """
    return len({group_of(G, n, by) for n in nodes})


def _label(key: tuple, members: list[dict]) -> str:
    kind = key[0]
    if kind in ("issuer", "issuer-name"):
        return next((m["issuer_name"] for m in members if m.get("issuer_name")), str(key[1]))
    if kind == "province":
        # The level shows as the lane and the colour (and in the tooltip).
        if key[1]:
            return str(key[1])
        return "province unknown" if key[2] else "level unknown"
    if kind == "level":
        return f"{key[1] or 'level unknown'} level"
    if kind == "period":
        return f"day {key[2]}" if key[2] == key[3] else f"days {key[2]}–{key[3]}"
    return f"unknown issuer · {key[1] or 'level unknown'}"


def _uniform(values: Iterable[object]) -> object:
    distinct = set(values)
    return distinct.pop() if len(distinct) == 1 else None


def aggregate(
    G: nx.MultiDiGraph,
    nodes: Iterable[Hashable],
    by: str,
    keep: Iterable[Hashable] = (),
    key: Callable[[Hashable], tuple] | None = None,
) -> nx.MultiDiGraph:
    """The graph of ``nodes`` with their documents folded into groups.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        Graph following the schema of :mod:`chidao.graph`.
    nodes : iterable
        The nodes to show.
    by : {"issuer", "province", "level"}
        How documents are grouped (organisations are never grouped).
    keep : iterable
        Documents shown on their own all the same (a cascade's root).
    key : callable, optional
        Node → group key, instead of the scheme ``by`` names (which then only
        names the grouping); a key ``("period", level, first_day, last_day)``
        is labelled with its days.

    Returns
    -------
    networkx.MultiDiGraph
        Group nodes (``kind="group"``, for two documents or more: a document
        alone in its group stays itself) with ``label``, ``grouping``, ``count``,
        ``cited_only`` (how many members are known only from citations),
        ``level``, ``system``, ``province`` (when all members share it),
        ``first_date``, ``last_date`` and ``sample`` (up to five member numbers,
        oldest first); kept nodes and organisations with their own attributes.
        Edges keep their relation as key and get ``count`` and ``lag_days`` (the
        median lag of the edges they stand for, or ``None``). Edges inside a
        group are dropped; their number is the group's ``internal`` attribute.

    Examples
    --------
    >>> G = nx.MultiDiGraph()
    >>> G.add_node("gov", kind="document", level="central", issuer="cp")
    >>> for n in ("a", "b"):
    ...     G.add_node(n, kind="document", level="province", issuer="tu", issuer_name="Tỉnh ủy")
    >>> _ = G.add_edge("a", "gov", key="implements", lag_days=10)
    >>> _ = G.add_edge("b", "gov", key="implements", lag_days=20)
    >>> A = aggregate(G, G.nodes, "issuer", keep=["gov"])
    >>> sorted(map(str, A.nodes))
    ["('issuer', 'tu')", 'gov']
    >>> A.nodes[("issuer", "tu")]["count"], A.nodes[("issuer", "tu")]["label"]
    (2, 'Tỉnh ủy')
    >>> A.edges[("issuer", "tu"), "gov", "implements"]["count"]
    2
    >>> A.edges[("issuer", "tu"), "gov", "implements"]["lag_days"]
    15.0
    """
    if key is None and by not in _KEYS:
        raise ValueError(f"grouping must be one of {', '.join(GROUPINGS)}, not {by!r}")
    kept = set(keep)
    chosen = set(nodes)

    def key_of(n: Hashable) -> Hashable:
        if n in kept or G.nodes[n].get("kind") != "document":
            return n
        return key(n) if key is not None else group_of(G, n, by)

    group: dict[Hashable, Hashable] = {n: key_of(n) for n in chosen}
    members: dict[Hashable, list[dict]] = defaultdict(list)
    for n, g in group.items():
        if g != n:
            members[g].append(G.nodes[n])
    # A group of one is drawn as its document: its number says more than "1 doc".
    alone = {g for g, ms in members.items() if len(ms) == 1}
    for n, g in group.items():
        if g in alone:
            group[n] = n
    members = defaultdict(list, {g: ms for g, ms in members.items() if g not in alone})

    A = nx.MultiDiGraph()
    for n, g in group.items():
        if g == n:
            A.add_node(n, **G.nodes[n])
    for g, ms in members.items():
        dates: list[date] = sorted(m["date"] for m in ms if m.get("date"))
        sample = sorted(ms, key=lambda m: (m.get("date") or date.max, m.get("number") or ""))
        A.add_node(
            g,
            kind="group",
            grouping=by,
            label=_label(g, ms),
            count=len(ms),
            cited_only=sum(1 for m in ms if m.get("cited_only")),
            level=_uniform(m.get("level") for m in ms),
            system=_uniform(m.get("system") for m in ms),
            province=_uniform(m.get("province") for m in ms),
            first_date=dates[0] if dates else None,
            last_date=dates[-1] if dates else None,
            sample=[m["number"] for m in sample if m.get("number")][:5],
            internal=0,
        )

    lags: dict[tuple[Hashable, Hashable, str], list[int]] = defaultdict(list)
    counts: Counter[tuple[Hashable, Hashable, str]] = Counter()
    # Out-edges of the chosen nodes, filtered by hand: a subgraph view is 5x slower.
    edges = G.out_edges(chosen, keys=True, data="lag_days")
    for u, v, k, lag in (e for e in edges if e[1] in chosen):
        gu, gv = group[u], group[v]
        if gu == gv and gu != u:
            A.nodes[gu]["internal"] += 1
            continue
        counts[gu, gv, k] += 1
        if lag is not None:
            lags[gu, gv, k].append(lag)
    for (gu, gv, k), c in counts.items():
        ls = lags.get((gu, gv, k))
        A.add_edge(gu, gv, key=k, count=c, lag_days=statistics.median(ls) if ls else None)
    return A


def choose_grouping(
    G: nx.MultiDiGraph, nodes: Iterable[Hashable], max_nodes: int, keep: Iterable[Hashable] = ()
) -> str | None:
    """The finest grouping that brings ``nodes`` under ``max_nodes``; ``None`` if none is needed.

    Falls back to ``"level"`` (one node per level) when even provinces are too many.

    >>> G = nx.MultiDiGraph()
    >>> for i in range(5):
    ...     G.add_node(i, kind="document", level="district", issuer=f"o{i % 2}")
    >>> choose_grouping(G, G.nodes, 10), choose_grouping(G, G.nodes, 3)
    (None, 'issuer')
    """
    nodes = list(nodes)
    if len(nodes) <= max_nodes:
        return None
    kept = set(keep)
    for by in GROUPINGS:
        drawn = len({n if n in kept else group_of(G, n, by) for n in nodes})
        if drawn <= max_nodes:
            return by
    return GROUPINGS[-1]
