"""The gazetteer of Vietnamese administrative units, before and after 1 July 2025.

* Before: the GSO list of 2021-02-03 (``data/gso-admin-units-2021-02-03.csv``,
  63 provinces, 705 districts, 10,603 communes) — the three-level system that
  2019–2025 directives name (``Huyện ủy Kim Sơn`` under ``Tỉnh ủy Ninh Bình``).
* After: the ``vietnam-provinces`` package (34 provinces, 3,321 communes/wards,
  no districts), plus ``data/province-mergers-2025.json`` saying which new
  province each old one became part of (the package has no such mapping).

Names are matched accent- and case-blind (``KIM SON``, ``Kim Sơn`` and
``kim sơn`` are one key) and with or without their type word (``Huyện``,
``Tỉnh``, ``Thành phố``…).  Some names repeat (``Huyện Châu Thành`` lies in ten
provinces, Long An and Tiền Giang among them): pass the province the document names as ``province``.
"""

from __future__ import annotations

import csv
import json
from collections import defaultdict
from datetime import date
from functools import cache, lru_cache
from importlib import resources

from chidao.extract import regexes as rx
from chidao.extract.clean import fold
from chidao.extract.records import AdminUnit

REFORM_DATE = date(2025, 7, 1)
_ENDED = "2025-06-30"


@lru_cache(maxsize=1 << 16)
def name_key(name: str) -> str:
    """The matching key of a unit name: folded, without its type word.

    >>> name_key("Huyện Kim Sơn"), name_key("KIM SƠN"), name_key("TP. Hồ Chí Minh")
    ('kim son', 'kim son', 'ho chi minh')
    """
    k = fold(name).strip()
    k = rx.CITY_ABBREVIATION_F.sub("", k)
    k = rx.UNIT_TYPE_F.sub("", k)
    k = rx.DASH_SPACING.sub(" - ", k)
    return " ".join(k.split())


@lru_cache(maxsize=1 << 14)
def bare_name(name: str) -> str:
    """A unit name without its type word, as written: ``Huyện Kim Sơn`` → ``Kim Sơn``."""
    m = rx.UNIT_TYPE_F.match(fold(name))
    return name[m.end() :].strip() if m else name.strip()


@lru_cache(maxsize=1 << 16)
def unit_type(name: str) -> str | None:
    """The folded type word a name opens with (``huyen``, ``thanh pho``…), if any."""
    m = rx.UNIT_TYPE_F.match(fold(name))
    return m.group(0).strip(" .") if m else None


class Gazetteer:
    """Lookups over the pre- and post-2025 administrative units."""

    def __init__(self, gso_rows: list[dict[str, str]], mergers: dict[str, str]) -> None:
        self._by_level: dict[str, dict[str, list[AdminUnit]]] = {
            lvl: defaultdict(list) for lvl in ("province", "district", "commune")
        }
        self._districts_of: dict[str, list[AdminUnit]] = defaultdict(list)
        self._communes_of: dict[str, list[AdminUnit]] = defaultdict(list)
        self._mergers = {name_key(k): name_key(v) for k, v in mergers.items()}
        continuing = set(self._mergers.values())
        seen_p: set[str] = set()
        seen_d: set[str] = set()
        for row in gso_rows:
            pname, pcode = row["Tỉnh Thành Phố"].strip(), row["Mã TP"].strip()
            dname, dcode = row["Quận Huyện"].strip(), row["Mã QH"].strip()
            cname, ccode = row["Phường Xã"].strip(), row["Mã PX"].strip()
            if pcode not in seen_p:
                seen_p.add(pcode)
                ended = None if name_key(pname) in continuing else _ENDED
                unit = AdminUnit(pname, "province", pcode, None, None, ended)
                self._by_level["province"][name_key(pname)].append(unit)
            if dcode and dcode not in seen_d:
                seen_d.add(dcode)
                d = AdminUnit(dname, "district", dcode, pname, None, _ENDED)
                self._by_level["district"][name_key(dname)].append(d)
                self._districts_of[pcode].append(d)
            if ccode:
                c = AdminUnit(cname, "commune", ccode, pname, dname, _ENDED)
                self._by_level["commune"][name_key(cname)].append(c)
                self._communes_of[dcode].append(c)
        self._new_provinces: dict[str, AdminUnit] = {}
        self._new_wards: dict[str, list[AdminUnit]] = defaultdict(list)
        self._new_by_name: dict[str, list[AdminUnit]] = defaultdict(list)
        self._load_2025()
        # Resolving names asks for the same few thousand places again and again.
        self._find_cached = lru_cache(maxsize=1 << 16)(self._find)

    def _load_2025(self) -> None:
        try:
            from vietnam_provinces import Province, Ward
        except ImportError:  # the package is a declared dependency; degrade, don't crash
            return
        code_to_name: dict[object, str] = {}
        for p in Province.iter_all():
            full = p.name if fold(p.name).startswith("thanh pho") else f"Tỉnh {p.name}"
            unit = AdminUnit(full, "province", f"{int(p.code):02d}", None, None, None)
            self._new_provinces[name_key(full)] = unit
            code_to_name[p.code] = full
        for w in Ward.iter_all():
            pname = code_to_name.get(w.province_code)
            unit = AdminUnit(w.name, "commune", str(int(w.code)), pname, None, None)
            self._new_wards[name_key(pname or "")].append(unit)
            self._new_by_name[name_key(w.name)].append(unit)

    # -- lookups ---------------------------------------------------------------------------

    def find(
        self,
        name: str,
        level: str | None = None,
        province: str | None = None,
        at: date | None = None,
    ) -> list[AdminUnit]:
        """Units called ``name`` (accent/case-blind, type word optional).

        ``level`` restricts to province/district/commune; a type word in ``name``
        (``Huyện``, ``Phường``) restricts too.  ``province`` keeps units of that
        province.  ``at`` ≥ 2025-07-01 looks in the two-level system.
        """
        return list(self._find_cached(name, level, province, at is not None and at >= REFORM_DATE))

    def _find(
        self, name: str, level: str | None, province: str | None, two_level: bool
    ) -> tuple[AdminUnit, ...]:
        key = name_key(name)
        if not key:
            return ()
        typ = unit_type(name)
        levels = [level] if level else _levels_for_type(typ)
        if two_level:
            found: list[AdminUnit] = []
            if "province" in levels and key in self._new_provinces:
                found.append(self._new_provinces[key])
            if "commune" in levels:
                found.extend(self._new_by_name.get(key, []))
        else:
            found = [u for lvl in levels for u in self._by_level[lvl].get(key, [])]
        if typ and typ not in ("tinh", "thanh pho"):
            found = [u for u in found if unit_type(u.name) == typ]
        if province:
            pk = name_key(province)
            inside = [u for u in found if u.level == "province" or name_key(u.province or "") == pk]
            found = inside
        return tuple(found)

    def province(self, name: str, at: date | None = None) -> AdminUnit | None:
        """The province called ``name`` (``Ninh Bình``, ``TỈNH QUẢNG TRỊ``, ``TP Hồ Chí Minh``)."""
        found = self.find(name, level="province", at=at)
        return found[0] if found else None

    def province_of(
        self, district_name: str, hint: str | list[str] | None = None
    ) -> AdminUnit | None:
        """The province of a district; ``hint`` (province name(s) the document names) decides
        between namesakes.  ``None`` when unknown or still ambiguous.

        >>> default_gazetteer().province_of("Hải Lăng").name
        'Tỉnh Quảng Trị'
        >>> default_gazetteer().province_of("Châu Thành", hint="Long An").name
        'Tỉnh Long An'
        """
        found = self.find(district_name, level="district")
        if len(found) > 1 and hint:
            hints = [hint] if isinstance(hint, str) else hint
            keys = {name_key(h) for h in hints}
            found = [u for u in found if name_key(u.province or "") in keys] or found
        provinces = {u.province for u in found}
        if len(provinces) != 1:
            return None
        return self.province(next(iter(provinces)) or "")

    def successor(self, province: AdminUnit | str) -> AdminUnit | None:
        """The post-2025 province a pre-2025 province became part of."""
        name = province.name if isinstance(province, AdminUnit) else province
        new_key = self._mergers.get(name_key(name))
        return self._new_provinces.get(new_key) if new_key else None

    def children(self, unit: AdminUnit, at: date | None = None) -> list[AdminUnit]:
        """The units one level below ``unit`` in force at ``at`` (default: before the reform).

        Before 2025-07-01 a province has districts and a district communes; from
        then on a province has communes/wards directly and districts have none.

        >>> g = default_gazetteer()
        >>> len(g.children(g.province("Ninh Bình")))
        8
        >>> len(g.children(g.province("Ninh Bình"), at=date(2026, 1, 1))) > 100
        True
        """
        if at is not None and at >= REFORM_DATE:
            if unit.level != "province":
                return []
            new = self.successor(unit) or self._new_provinces.get(name_key(unit.name))
            return list(self._new_wards.get(name_key(new.name), [])) if new else []
        if unit.level == "province":
            if unit.code in self._districts_of:
                return list(self._districts_of[unit.code])
            old = self._by_level["province"].get(name_key(unit.name), [])
            return list(self._districts_of[old[0].code]) if old else []
        if unit.level == "district":
            return list(self._communes_of.get(unit.code or "", []))
        return []

    def units(self, level: str, at: date | None = None) -> list[AdminUnit]:
        """Every unit of a level (``province``, ``district``, ``commune``) in force at ``at``."""
        if at is not None and at >= REFORM_DATE:
            if level == "province":
                return list(self._new_provinces.values())
            if level == "commune":
                return [u for units in self._new_wards.values() for u in units]
            return []
        return [u for units in self._by_level[level].values() for u in units]

    def district_names(self) -> list[str]:
        """Every pre-2025 district name (without type word), for scanning text."""
        return [units[0].name for units in self._by_level["district"].values()]


def _levels_for_type(typ: str | None) -> list[str]:
    if typ == "tinh":
        return ["province"]
    if typ == "thanh pho":
        return ["province", "district"]
    if typ in ("huyen", "quan", "thi xa"):
        return ["district"]
    if typ in ("xa", "phuong", "thi tran", "dac khu"):
        return ["commune"]
    return ["province", "district", "commune"]


@cache
def default_gazetteer() -> Gazetteer:
    """The gazetteer built from the package data, loaded once per process."""
    data = resources.files("chidao.data")
    with data.joinpath("gso-admin-units-2021-02-03.csv").open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    mergers = json.loads(data.joinpath("province-mergers-2025.json").read_text(encoding="utf-8"))
    return Gazetteer(rows, mergers["mergers"])
