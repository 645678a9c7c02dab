"""How fast a document spread: diffusion curves and lag statistics.

Pure functions over what :func:`~chidao.graph.analysis.cascade.cascade` and
:func:`~chidao.graph.analysis.coverage.coverage_gaps` return, so that a report's
numbers are the ones ``chidao cascade`` and ``chidao gaps`` print.
"""

from __future__ import annotations

import statistics
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from chidao.extract.gazetteer import name_key
from chidao.graph.analysis.cascade import Cascade
from chidao.graph.analysis.coverage import Coverage


@dataclass(frozen=True, slots=True)
class LagStats:
    """Days from the root to the documents of one level: how many, and their spread.

    ``unknown`` counts the documents whose lag cannot be told (they, or the
    root, carry no date); the quantiles are over the others (``None`` if none).
    """

    level: str | None
    count: int
    unknown: int
    minimum: int | None
    q1: float | None
    median: float | None
    q3: float | None
    maximum: int | None


def lag_stats(level: str | None, days: Iterable[int | None]) -> LagStats:
    """The :class:`LagStats` of ``days`` (``None``: unknown).

    >>> s = lag_stats("district", [4, 10, None, 30, 12])
    >>> (s.count, s.unknown, s.minimum, s.median, s.maximum)
    (5, 1, 4, 11.0, 30)
    """
    days = list(days)
    known = sorted(d for d in days if d is not None)
    if not known:
        return LagStats(level, len(days), len(days), None, None, None, None, None)
    if len(known) > 1:
        q1, _, q3 = statistics.quantiles(known, n=4, method="inclusive")
    else:
        q1 = q3 = float(known[0])
    return LagStats(
        level,
        len(days),
        len(days) - len(known),
        known[0],
        q1,
        float(statistics.median(known)),
        q3,
        known[-1],
    )


def level_lags(tree: Cascade) -> dict[str | None, list[int | None]]:
    """Days from the root of each cascade document, per level, in cascade order.

    >>> from chidao.graph.analysis.cascade import cascade
    >>> import networkx as nx, datetime as dt
    >>> G = nx.MultiDiGraph()
    >>> G.add_node("c", kind="document", level="central", date=dt.date(2021, 1, 1))
    >>> G.add_node("p", kind="document", level="province", date=dt.date(2021, 1, 9))
    >>> _ = G.add_edge("p", "c", key="implements")
    >>> level_lags(cascade(G, "c"))
    {'province': [8]}
    """
    out: dict[str | None, list[int | None]] = {}
    for node in tree.nodes:
        out.setdefault(node.document.level, []).append(node.days_from_root)
    return out


def unit_first_days(coverage: Coverage, days: Mapping[str, int | None]) -> dict[str, int | None]:
    """For each covered unit, the first day (from the root) a document of it carried it out.

    ``days`` maps document IRIs to their days from the root; a unit whose
    documents are all undated maps to ``None``.

    >>> from chidao.graph.analysis.nodes import DocInfo
    >>> info = DocInfo("c", None, None, None, None, None, "central", False, None)
    >>> cov = Coverage(info, None, "province", {"A": ["a1", "a2"], "B": ["b"]}, ["C"])
    >>> unit_first_days(cov, {"a1": 9, "a2": 3, "b": None})
    {'A': 3, 'B': None}
    """
    out: dict[str, int | None] = {}
    for unit, docs in coverage.covered.items():
        known = [days[d] for d in docs if days.get(d) is not None]
        out[unit] = min(known) if known else None  # type: ignore[type-var]
    return out


def diffusion_curve(first_days: Mapping[str, int | None], units: int) -> list[tuple[int, float]]:
    """The cumulative share of ``units`` carrying out the root, by day: ``(day, share)`` steps.

    One point per day on which the share grows (units with an unknown day are
    left out: they are covered, but nobody can say when).

    >>> diffusion_curve({"A": 3, "B": 3, "C": 10, "D": None}, 8)
    [(0, 0.0), (3, 0.25), (10, 0.375)]
    """
    if units <= 0:
        return []
    counts: dict[int, int] = {}
    for day in first_days.values():
        if day is not None:
            counts[day] = counts.get(day, 0) + 1
    points = [(0, 0.0)]
    total = 0
    for day in sorted(counts):
        total += counts[day]
        if day == 0 and points[0][0] == 0:
            points[0] = (0, total / units)
        else:
            points.append((day, total / units))
    return points


def reach_days(
    docs: Iterable[tuple[str | None, str | None, int | None]],
    units: Iterable[tuple[str, str]],
) -> dict[str, int | None]:
    """First day each unit ``(province, name)`` of ``units`` had a document, for those reached.

    ``docs`` are ``(province, unit name, day)`` of the documents at that unit's
    level or below (``None`` where unknown). Names match as the gazetteer matches
    them (:func:`chidao.extract.gazetteer.name_key`: no type word, no accents),
    within the province, so namesake districts of two provinces stay apart.
    Keys are ``"name, province"``; a unit reached only by undated documents maps
    to ``None``.

    >>> units = [("Tỉnh Phú Yên", "Huyện Sông Hinh"), ("Tỉnh Phú Yên", "Huyện Đồng Xuân")]
    >>> reach_days([("Phú Yên", "Sông Hinh", 67), ("Phú Yên", "Sông Hinh", 40)], units)
    {'Huyện Sông Hinh, Tỉnh Phú Yên': 40}
    """
    first: dict[tuple[str, str], int | None] = {}
    for province, name, day in docs:
        if not province or not name:
            continue
        key = (name_key(province), name_key(name))
        if key not in first or (day is not None and (first[key] is None or day < first[key])):  # type: ignore[operator]
            first[key] = day
    out: dict[str, int | None] = {}
    for province, name in units:
        key = (name_key(province), name_key(name))
        if key in first:
            out[f"{name}, {province}"] = first[key]
    return out
