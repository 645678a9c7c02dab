"""Coverage gaps: the units one level down that show no document carrying out a document."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

import networkx as nx

from chidao.extract.clean import fold
from chidao.extract.gazetteer import (
    REFORM_DATE,
    Gazetteer,
    default_gazetteer,
    name_key,
    unit_type,
)
from chidao.extract.records import AdminUnit
from chidao.graph.analysis.cascade import cascade
from chidao.graph.analysis.nodes import CARRY_OUT, LEVELS, DocInfo

#: A unit as the caller gives it: a name, or an object with ``name`` (and ``level``),
#: such as :class:`chidao.extract.records.AdminUnit`.
UnitLike = Any

#: ``units(own_unit, province, at)``: the units one level below ``own_unit``
#: (``None``: the country) of ``province`` (``None`` for the country; the
#: province itself for a province) in force at ``at``.
UnitsFn = Callable[[str | None, str | None, date | None], Iterable[UnitLike]]


@dataclass(frozen=True, slots=True)
class Coverage:
    """Which units one level below a document's issuer carried it out.

    ``unit`` is the issuer's own unit (``None`` for a central document),
    ``covered`` maps each unit with a carrying-out document to those documents'
    IRIs, ``missing`` lists the units without one, in the order given.
    """

    document: DocInfo
    unit: str | None
    unit_level: str | None
    covered: dict[str, list[str]]
    missing: list[str]


def _name(u: UnitLike) -> str:
    return u if isinstance(u, str) else u.name


def _same_unit(a: str, b: str) -> bool:
    # "Huyện Kỳ Anh" and "Thị xã Kỳ Anh" were both in Hà Tĩnh: when both names
    # carry a type word it must agree; otherwise the bare names decide.
    if name_key(a) != name_key(b):
        return False
    ta, tb = unit_type(a), unit_type(b)
    return ta is None or tb is None or ta == tb


def _unit_of(G: nx.MultiDiGraph, node: str, level: str) -> str | None:
    a = G.nodes[node]
    if a.get(level):
        return a[level]
    # The schema names province and district only; a commune is read off the
    # issuer's name ("Ủy ban nhân dân xã Hòa Bình"), matched below by suffix.
    return a.get("issuer_name") if level == "commune" else None


def _in_unit(G: nx.MultiDiGraph, node: str, unit: str, level: str) -> bool:
    found = _unit_of(G, node, level)
    if found is None:
        return False
    if level == "commune" and not G.nodes[node].get("commune"):
        return fold(found).endswith(" " + fold(unit)) or fold(found) == fold(unit)
    return _same_unit(found, unit)


def coverage_gaps(
    G: nx.MultiDiGraph,
    doc: str,
    units: Iterable[UnitLike] | UnitsFn,
    relations: tuple[str, ...] = CARRY_OUT,
    unit_level: str | None = None,
) -> Coverage:
    """The units one level below ``doc``'s issuer with no document carrying it out.

    A unit counts as covered when any document in the cascade of ``doc`` (see
    :func:`~chidao.graph.analysis.cascade.cascade`), at that unit's level or below, was
    issued in it: a commune letter in a district covers the district.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        The document graph (schema in :mod:`chidao.graph`).
    doc : str
        IRI of a central, province- or district-level document.
    units : iterable or callable
        The units one level down, as names or objects with ``name`` (and
        ``level``) attributes; or a callable ``units(own_unit, province, at)``
        returning them for the issuer's unit (``None`` for a central document)
        and province (which tells namesake districts apart) at the document's
        date — such as :func:`gazetteer_units`.
    relations : tuple of str
        Edge keys that count as carrying out.
    unit_level : str, optional
        Level of ``units`` when they do not say: by default the level below
        ``doc``'s (``province`` for a central document, ``district`` for a
        province one, ``commune`` for a district one).

    Returns
    -------
    Coverage

    Raises
    ------
    networkx.NodeNotFound
        If ``doc`` is not a document of ``G``.
    ValueError
        If ``doc``'s level is unknown or has no level below it.

    Examples
    --------
    >>> G = nx.MultiDiGraph()
    >>> G.add_node("kl", kind="document", number="52-KL/TU", level="province",
    ...            province="Tỉnh Ninh Bình")
    >>> G.add_node("cv", kind="document", number="217-CV/HU", level="district",
    ...            province="Tỉnh Ninh Bình", district="Huyện Kim Sơn")
    >>> _ = G.add_edge("cv", "kl", key="implements")
    >>> gaps = coverage_gaps(G, "kl", ["Huyện Kim Sơn", "Huyện Yên Mô", "Thành phố Tam Điệp"])
    >>> gaps.covered, gaps.missing
    ({'Huyện Kim Sơn': ['cv']}, ['Huyện Yên Mô', 'Thành phố Tam Điệp'])
    """
    tree = cascade(G, doc, relations)  # raises NodeNotFound for a non-document
    info = tree.root
    if info.level not in LEVELS[:-1]:
        raise ValueError(
            f"{info.number or doc}: level {info.level!r} has no level below it to check"
        )
    own = None if info.level == "central" else G.nodes[doc].get(info.level)
    province = G.nodes[doc].get("province")
    found = list(units(own, province, info.date) if callable(units) else units)
    default_level = LEVELS[LEVELS.index(info.level) + 1]
    covered: dict[str, list[str]] = {}
    missing: list[str] = []
    for u in found:
        name = _name(u)
        level = unit_level or getattr(u, "level", None) or default_level
        rank = LEVELS.index(level) if level in LEVELS else len(LEVELS)
        docs = [
            n.document.iri
            for n in tree.nodes
            if (n.document.level in LEVELS and LEVELS.index(n.document.level) >= rank)
            and _in_unit(G, n.document.iri, name, level)
        ]
        if docs:
            covered[name] = docs
        else:
            missing.append(name)
    return Coverage(
        document=info,
        unit=own,
        unit_level=unit_level
        or (getattr(found[0], "level", None) if found else None)
        or default_level,
        covered=covered,
        missing=missing,
    )


def gazetteer_units(gazetteer: Gazetteer | None = None) -> UnitsFn:
    """A ``units`` callable for :func:`coverage_gaps` backed by the gazetteer.

    For a province it gives the province's children in force at the document's
    date (districts before 1 July 2025, communes and wards after); for a
    district its communes; for the country (a central document) every province
    in force then.

    >>> units = gazetteer_units()
    >>> [u.name for u in units("Tỉnh Ninh Bình", "Tỉnh Ninh Bình", date(2021, 9, 5))][:2]
    ['Thành phố Ninh Bình', 'Thành phố Tam Điệp']
    >>> len(units("Huyện Châu Thành", "Tỉnh Tiền Giang", date(2021, 2, 15)))
    23
    >>> len(units(None, None, date(2021, 7, 1))), len(units(None, None, date(2025, 8, 1)))
    (63, 34)
    """
    g = gazetteer or default_gazetteer()

    def units(own: str | None, province: str | None, at: date | None) -> list[AdminUnit]:
        if own is None:
            return _provinces(g, at)
        if province is None or name_key(own) == name_key(province):
            unit = g.province(own, at=at) or g.province(own)
        else:
            found = g.find(own, level="district", province=province)
            unit = found[0] if len(found) == 1 else None
        return g.children(unit, at=at) if unit is not None else []

    return units


def _provinces(g: Gazetteer, at: date | None) -> list[AdminUnit]:
    # The gazetteer lists provinces only through their districts: every province
    # has a district whose name is unique, which names it.
    old: dict[str, AdminUnit] = {}
    for name in g.district_names():
        p = g.province_of(name)
        if p is not None:
            old.setdefault(p.name, p)
    if at is None or at < REFORM_DATE:
        return sorted(old.values(), key=lambda u: u.code or u.name)
    new = {s.name: s for s in (g.successor(p) for p in old.values()) if s is not None}
    return sorted(new.values(), key=lambda u: u.code or u.name)
