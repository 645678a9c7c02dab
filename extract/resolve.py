"""Stage 4, *resolve*: printed organisation names → canonical organisations.

``resolve_organisation("HUYỆN ỦY KIM SƠN", hint)`` gives ``Huyện ủy Kim Sơn``
(level ``district``, system ``party``, parent ``Tỉnh ủy Ninh Bình``);
``resolve_organisation("Ban Thường vụ Tỉnh ủy", context=<Huyện ủy Hải Lăng>)``
gives ``Tỉnh ủy Quảng Trị`` because a committee speaks through its standing
committee and a bare ``Tỉnh ủy`` in a district letter is that district's province.

Matching is accent- and case-blind (:func:`chidao.extract.clean.fold`), so OCR
copies (``TONG CUC THUE``) resolve to the accented canonical names held in
``data/central-bodies.json`` and the gazetteer.  Nothing here names a particular
document's organisation: the rules are the Party and State naming conventions.
"""

from __future__ import annotations

import difflib
import json
import re
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import replace
from datetime import date
from functools import cache, lru_cache
from importlib import resources
from typing import cast

from chidao.extract import regexes as rx
from chidao.extract.clean import fold

# The document-type helpers live in their own module; resolve re-exports them (published API).
from chidao.extract.doc_types import (  # noqa: F401
    DOC_TYPE_CODES,
    doc_type_from_code,
    doc_type_from_number,
    doc_type_from_word,
)
from chidao.extract.gazetteer import REFORM_DATE, bare_name, default_gazetteer, name_key
from chidao.extract.records import AdminUnit, Organisation

#: The date of the document being resolved (set per call): from 2025-07-01 places are looked up
#: among the units of the two-level system first.
_AT: ContextVar[date | None] = ContextVar("chidao_resolve_at", default=None)


@contextmanager
def dated(at: date | None) -> Iterator[None]:
    """Resolve every name inside the block as of ``at`` (the document's date).

    >>> with dated(date(2026, 1, 1)):
    ...     resolve_organisation("Ủy ban nhân dân tỉnh Hưng Yên").unit.valid_until is None
    True
    """
    token = _AT.set(at)
    try:
        yield
    finally:
        _AT.reset(token)


# --- central bodies -------------------------------------------------------------------------


@cache
def _central() -> dict[str, dict[str, str | None]]:
    raw = resources.files("chidao.data").joinpath("central-bodies.json").read_text("utf-8")
    table: dict[str, dict[str, str | None]] = {}
    for body in json.loads(raw)["bodies"]:
        entry = {"name": body["name"], "system": body["system"], "parent": body.get("parent")}
        for alias in [body["name"], *body.get("aliases", [])]:
            table.setdefault(_key(alias), entry)
    return table


@lru_cache(maxsize=1 << 14)
def _central_entry(key: str) -> dict[str, str | None] | None:
    entry = _central().get(key)
    if entry is None and len(key) >= 12:
        # OCR slips in a long name ("TONG CUC HAL QUAN"): a near-identical known name.
        counts = tuple(Counter(key).items())
        likely = [
            k
            for k, k_counts in _fuzzy_candidates(len(key))
            if 2.0 * _shared_letters(counts, k_counts) / (len(key) + len(k)) >= _FUZZY_CUTOFF
        ]
        close = difflib.get_close_matches(key, likely, n=1, cutoff=_FUZZY_CUTOFF)
        if close and close[0].split(" ", 1)[0] != key.split(" ", 1)[0]:
            close = []  # "Sở Giáo dục và Đào tạo" is no slip for "Bộ …": the head word decides
        entry = _central()[close[0]] if close else None
    return entry


_FUZZY_CUTOFF = 0.92


def _shared_letters(counts: tuple[tuple[str, int], ...], other: Counter[str]) -> int:
    """``sum((Counter(a) & other).values())`` — the letters two names share — without building
    the intersection (a third of the time).

    >>> _shared_letters(tuple(Counter("cuc thue").items()), Counter("cuc hai quan"))
    6
    """
    get = other.get
    n = 0
    for ch, c in counts:
        o = get(ch, 0)
        n += c if c < o else o
    return n


@lru_cache(maxsize=256)
def _fuzzy_candidates(length: int) -> tuple[tuple[str, Counter[str]], ...]:
    """The known names (with their letter counts) whose length allows a match with a key of
    ``length`` characters.

    ``get_close_matches`` tests ``real_quick_ratio`` (lengths) then ``quick_ratio`` (letter
    counts) before the costly ``ratio``; here the first is worked out once per length and the
    second from counts made once, with the same arithmetic, so the names left out are exactly
    those it would have rejected and the match is the same.
    """
    return tuple(
        (k, Counter(k))
        for k in _central()
        if 2.0 * min(length, len(k)) / (length + len(k)) >= _FUZZY_CUTOFF
    )


def _key(s: str) -> str:
    k = fold(s)
    k = rx.DASH_SPACING.sub(" - ", k)
    k = rx.TRAILING_PUNCT.sub("", k)
    return " ".join(k.split())


@cache
def central_name_words() -> frozenset[str]:
    """Every word (lower case, as printed) of a national body's name: ``bộ``, ``giáo``…"""
    return frozenset(
        w
        for entry in _central().values()
        for w in str(entry["name"]).lower().split()
        if w.isalpha()
    )


@lru_cache(maxsize=1 << 15)
def central_body(printed: str) -> Organisation | None:
    """A national body by any of its printed names (``Bộ Tài chính``, ``TTg``, ``BỘ Y TẾ``)."""
    entry = _central_entry(_key(_expand(printed)))
    if entry is None:
        return None
    return Organisation(
        name=str(entry["name"]),
        parent=entry["parent"],
        level="central",
        system=entry["system"],
        printed=printed,
    )


# --- helpers ------------------------------------------------------------------------------


@lru_cache(maxsize=1 << 16)
def _expand(s: str) -> str:
    """Spell out abbreviations (``UBND`` → ``Ủy ban nhân dân``) and tidy spacing.

    Cached: the same few thousand names are printed over and over in an archive.
    """
    s = " ".join(s.replace("\n", " ").split()).strip(" ,.;:-")
    f = fold(s)
    for pat, repl in rx.ORG_ABBREVIATIONS_F:
        out, last = [], 0
        for m in pat.finditer(f):
            out.append(s[last : m.start()])
            out.append(repl)
            last = m.end()
        if out:
            out.append(s[last:])
            s = " ".join("".join(out).split())
            f = fold(s)  # only a replacement changes what the next pattern sees
    return s


_SMALL_WORDS = {"và", "của", "các", "về", "trực", "thuộc"}


#: Generic heads after which an organisation's own name is capitalised: "Sở Y tế", "Ban Tuyên giáo".
_HEADS = ("tổng cục", "chi cục", "trung tâm", "văn phòng", "sở", "bộ", "ban", "cục", "vụ", "phòng")


@lru_cache(maxsize=1 << 15)
def _case(s: str) -> str:
    """Sentence case for a name printed in capitals (``SỞ Y TẾ`` → ``Sở Y tế``)."""
    letters = [c for c in s if c.isalpha()]
    if letters and sum(c.isupper() for c in letters) / len(letters) > 0.6:
        # Acronyms (words without a vowel: "TNCS", "BCĐ", "QLRR") keep their capitals.
        keep = {i for i, w in enumerate(s.split(" ")) if _is_acronym(w)}
        s = " ".join(w if i in keep else w.lower() for i, w in enumerate(s.split(" ")))
        for head in _HEADS:
            if s.startswith(head + " ") and len(s) > len(head) + 1:
                k = len(head) + 1
                s = s[:k] + s[k].upper() + s[k + 1 :]
                break
        return s[:1].upper() + s[1:]
    return s


def _is_acronym(word: str) -> bool:
    """``TNCS``, ``BCĐ``, ``QLRR``, ``UBND``: two or more capitals and no vowel.

    >>> _is_acronym("TNCS"), _is_acronym("BAN"), _is_acronym("Ban")
    (True, False, False)
    """
    letters = [c for c in word if c.isalpha()]
    return (
        len(letters) >= 2
        and all(c.isupper() for c in letters)
        and not any(fold(c) in "aeiouy" for c in letters)
    )


def _place_case(s: str) -> str:
    """Title case for a place name: ``KIM SƠN`` → ``Kim Sơn``."""
    return " ".join(w[:1].upper() + w[1:].lower() if w.isalpha() else w for w in s.split())


def _unit_for_place(
    place: str, utype: str | None, province_hint: str | None = None
) -> AdminUnit | None:
    """The gazetteer unit a printed place names (``Châu Thành`` with hint ``Long An``)."""
    g = default_gazetteer()
    place = place.strip(" ,.;:-")
    if not place:
        return None
    typed = f"{_UTYPE_WORD.get(utype or '', '')} {place}".strip()
    at = _AT.get()
    if at is not None and at >= REFORM_DATE:
        # A letter of the two-level system names the units in force from 2025-07-01.
        found = g.find(typed if utype else place, province=province_hint, at=at)
        if len(found) == 1 or (found and found[0].level == "province"):
            return found[0]
    found = g.find(typed) if utype else g.find(place)
    if utype == "thanh pho":
        # "Thành phố X" is a city: a centrally-run one (province) or a provincial one (district).
        cities = [u for u in found if fold(u.name).startswith("thanh pho ")]
        found = cities or found
    if utype in ("tinh", "thanh pho"):
        provinces = [u for u in found if u.level == "province"]
        if provinces:
            return provinces[0]
    if province_hint:
        pk = name_key(province_hint)
        inside = [u for u in found if u.level == "province" or name_key(u.province or "") == pk]
        if inside:
            found = inside
    districts = [u for u in found if u.level == "district"]
    provinces = [u for u in found if u.level == "province"]
    if utype in ("huyen", "quan", "thi xa") or (utype is None and districts and not provinces):
        return districts[0] if len(districts) == 1 else None
    if provinces:
        return provinces[0]
    if utype == "thanh pho" and len(districts) == 1:
        return districts[0]
    communes = [u for u in found if u.level == "commune"]
    return communes[0] if len(communes) == 1 else None


_UTYPE_WORD = {
    "tinh": "Tỉnh",
    "thanh pho": "Thành phố",
    "huyen": "Huyện",
    "quan": "Quận",
    "thi xa": "Thị xã",
    "xa": "Xã",
    "phuong": "Phường",
    "thi tran": "Thị trấn",
}


def _province_of(org: Organisation | None) -> AdminUnit | None:
    """The province an organisation belongs to, through its gazetteer unit."""
    if org is None or org.unit is None:
        return None
    if org.unit.level == "province":
        return org.unit
    return default_gazetteer().province(org.unit.province or "")


def _district_of(org: Organisation | None) -> AdminUnit | None:
    if org is None or org.unit is None:
        return None
    if org.unit.level == "district":
        return org.unit
    if org.unit.level == "commune" and org.unit.district:
        found = default_gazetteer().find(org.unit.district, province=org.unit.province)
        return found[0] if found else None
    return None


def _unit_label(unit: AdminUnit) -> str:
    """A unit as named after a body: ``Tỉnh Ninh Bình`` → ``tỉnh Ninh Bình``."""
    name = unit.name
    bare = bare_name(name)
    word = name[: len(name) - len(bare)].strip()
    return f"{word.lower()} {bare}".strip()


# --- committees -----------------------------------------------------------------------------

#: A unit's kind (folded) → the name of its Party committee (``Đảng bộ tỉnh`` → ``Tỉnh ủy``).
COMMITTEE_BY_UNIT = {
    "tinh": "Tỉnh ủy",
    "thanh pho": "Thành ủy",
    "huyen": "Huyện ủy",
    "quan": "Quận ủy",
    "thi xa": "Thị ủy",
    "xa": "Đảng ủy xã",
    "phuong": "Đảng ủy phường",
    "thi tran": "Đảng ủy thị trấn",
}


#: Cities whose committee is named with the type word (the name alone is a person's).
_CITY_KEEPS_TYPE = frozenset({"Hồ Chí Minh"})


@lru_cache(maxsize=1 << 15)
def committee_of(unit: AdminUnit) -> Organisation:
    """The Party committee of an administrative unit (``Huyện Kim Sơn`` → ``Huyện ủy Kim Sơn``)."""
    typ = _type_of(unit)
    head = COMMITTEE_BY_UNIT.get(typ, "Đảng ủy")
    bare = bare_name(unit.name)
    # A city named after a person keeps "Thành phố": "Thành ủy Thành phố Hồ Chí Minh".
    name = f"{head} {unit.name if bare in _CITY_KEEPS_TYPE else bare}"
    parent = None
    if unit.level == "district":
        prov = default_gazetteer().province(unit.province or "")
        parent = committee_of(prov).name if prov else None
    elif unit.level == "commune" and unit.district:
        found = default_gazetteer().find(unit.district, province=unit.province)
        parent = committee_of(found[0]).name if found else None
    elif unit.level == "commune" and unit.province:  # two-level system: right under the province
        prov = default_gazetteer().province(unit.province)
        parent = committee_of(prov).name if prov else None
    return Organisation(name=name, parent=parent, level=unit.level, system="party", unit=unit)


@lru_cache(maxsize=1 << 15)
def peoples_committee_of(unit: AdminUnit, body: str = "Ủy ban nhân dân") -> Organisation:
    """The People's Committee (or Council) of a unit: ``Ủy ban nhân dân tỉnh Ninh Bình``."""
    parent = None
    if unit.level == "district":
        prov = default_gazetteer().province(unit.province or "")
        parent = f"{body} {_unit_label(prov)}" if prov else None
    elif unit.level == "commune" and unit.district:
        found = default_gazetteer().find(unit.district, province=unit.province)
        parent = f"{body} {_unit_label(found[0])}" if found else None
    elif unit.level == "commune" and unit.province:  # two-level system: right under the province
        prov = default_gazetteer().province(unit.province)
        parent = f"{body} {_unit_label(prov)}" if prov else None
    return Organisation(
        name=f"{body} {_unit_label(unit)}",
        parent=parent,
        level=unit.level,
        system="state",
        unit=unit,
    )


def _type_of(unit: AdminUnit) -> str:
    f = fold(unit.name)
    for t in ("thanh pho", "thi tran", "thi xa", "tinh", "huyen", "quan", "xa", "phuong"):
        if f.startswith(t + " "):
            return t
    return ""


# --- the resolver ---------------------------------------------------------------------------


def resolve_organisation(
    printed: str,
    context: Organisation | None = None,
    province_hint: str | None = None,
    at: date | None = None,
) -> Organisation | None:
    """Canonicalise a printed organisation name.

    ``context`` is the issuing organisation, against which relative mentions
    (``Tỉnh ủy``, ``Ủy ban nhân dân Tỉnh``, ``huyện``) resolve; ``province_hint``
    a province the document names, deciding between namesake districts; ``at``
    the document's date (from 2025-07-01 the two-level units are tried first).
    Returns ``None`` when ``printed`` does not name an organisation.

    >>> resolve_organisation("HUYỆN ỦY CHÂU THÀNH", province_hint="Long An").parent
    'Tỉnh ủy Long An'
    >>> ctx = resolve_organisation("Huyện ủy Kim Sơn")
    >>> resolve_organisation("Ban Thường vụ Tỉnh ủy", ctx).name
    'Tỉnh ủy Ninh Bình'
    >>> resolve_organisation("Ủy ban nhân dân Tỉnh", ctx).name
    'Ủy ban nhân dân tỉnh Ninh Bình'
    >>> resolve_organisation("TONG CUC THUE").name, resolve_organisation("Bộ Tài chính").level
    ('Tổng cục Thuế', 'central')
    """
    if not printed or not printed.strip():
        return None
    at = at if at is not None else _AT.get()
    # Before the reform the date is never read (see _unit_for_place): one cache entry for all.
    at_key = at if at is not None and at >= REFORM_DATE else None
    if context is None:
        return _resolve_cached(printed, False, None, None, province_hint, at_key)
    hint = province_hint
    if hint is None:
        prov = _province_of(context)
        hint = prov.name if prov else None
    # Most names ("Sở Y tế tỉnh X", "Bộ Tài chính") never consult the issuer: one entry for all
    # issuers (the province hint drawn from the issuer still decides namesakes, so it is kept).
    found = _CONTEXT_FREE.get((printed, hint, at_key), _MISSING)
    if found is not _MISSING:
        return found  # type: ignore[return-value]
    # Resolution reads only the context's level and unit: the issuers of a thousand letters
    # share a few hundred such keys.
    return _resolve_cached(printed, True, context.level, context.unit, province_hint, at_key)


_MISSING = object()
#: (printed, province hint, date key) → result, for resolutions that did not read the issuer.
_CONTEXT_FREE: dict[tuple[str, str | None, date | None], Organisation | None] = {}
_CONTEXT_FREE_MAX = 1 << 16


class _WatchedContext:
    """Stands in for the issuer in a cached resolution and notes whether it was consulted."""

    __slots__ = ("_level", "_unit", "read")

    def __init__(self, level: str | None, unit: AdminUnit | None) -> None:
        self._level, self._unit, self.read = level, unit, False

    @property
    def level(self) -> str | None:
        self.read = True
        return self._level

    @property
    def unit(self) -> AdminUnit | None:
        self.read = True
        return self._unit


@lru_cache(maxsize=1 << 16)
def _resolve_cached(
    printed: str,
    has_context: bool,
    context_level: str | None,
    context_unit: AdminUnit | None,
    province_hint: str | None,
    at: date | None,
) -> Organisation | None:
    """:func:`resolve_organisation` on a hashable key; results are frozen, so shared safely."""
    if has_context and province_hint is None:
        prov = _province_of(Organisation(name="", level=context_level, unit=context_unit))
        province_hint = prov.name if prov else None
    watched = _WatchedContext(context_level, context_unit) if has_context else None
    context = cast(Organisation | None, watched)
    text = _expand(printed)
    f = fold(text)
    # A standing committee speaks for its committee: drop "Ban Thường vụ", "Thường trực".
    while True:
        m = rx.ORG_SPOKESMAN_F.match(f)
        if not m or not rx.COMMITTEE_AHEAD_F.match(f[m.end() :]):
            break
        text, f = text[m.end() :], f[m.end() :]
    if _AT.get() == at:  # already in force (the common case): no context-variable switch
        org = _resolve(text, f, context, province_hint)
    else:
        with dated(at):
            org = _resolve(text, f, context, province_hint)
    result = None if org is None else replace(org, printed=" ".join(printed.split()))
    if watched is not None and not watched.read:
        if len(_CONTEXT_FREE) >= _CONTEXT_FREE_MAX:
            _CONTEXT_FREE.clear()  # bounded; clear() is atomic, safe under threads too
        _CONTEXT_FREE[(printed, province_hint, at)] = result
    return result


def _resolve(
    text: str, f: str, context: Organisation | None, province_hint: str | None
) -> Organisation | None:
    central = central_body(text)
    if central is not None:
        return central
    joint = _joint(text, f, context, province_hint)
    if joint is not None:
        return joint
    m = rx.PARTY_CADRE_BOARD_F.match(f)
    if m:  # "Ban cán sự đảng Bộ Y tế": the Party's board in a State body, at that body's level
        # A relative "UBND tỉnh" is read against the issuer: its province's.
        body = _resolve(text[m.end() :], f[m.end() :], context, province_hint)
        if body is not None and (body.level == "central" or body.unit is not None):
            return cadre_board(body)
    m = rx.FRONT_COMMITTEE_F.match(f)
    if m:  # "Ủy ban MTTQ Việt Nam thị xã" (of the issuer's town), "… tỉnh Ninh Bình"
        place = text[m.start("place") :].strip(" ,.;:-")
        utype = m.group("utype")
        if place:
            unit = _unit_for_place(place, utype, province_hint)
        elif utype in ("tinh", "thanh pho"):
            unit = _province_of(context)
        else:
            unit = _district_of(context) if utype in ("huyen", "quan", "thi xa") else None
        if unit is not None:
            return _front_committee(unit)
    m = rx.PARTY_BRANCH_F.match(f)
    if m:  # "Đảng bộ tỉnh Ninh Bình" names its committee
        place = text[m.start("place") :].strip(" ,.;:-")
        if not place:  # "Ban Chấp hành Đảng bộ tỉnh": the issuer's own province's
            utype = m.group("utype")
            rel = _province_of(context) if utype in ("tinh", "thanh pho") else None
            if utype in ("huyen", "quan", "thi xa"):
                rel = _district_of(context)
            return committee_of(rel) if rel is not None else None
        unit = _unit_for_place(place, m.group("utype"), province_hint)
        return committee_of(unit) if unit else None
    m = rx.PARTY_COMMITTEE_F.match(f)
    if m:
        return _party_committee(text, m, context, province_hint)
    m = rx.PEOPLES_BODY_F.match(f)
    if m:
        return _peoples_body(text, m, context, province_hint)
    m = rx.COMMITTEE_ORGAN_F.match(f)
    if m:
        committee = _resolve(
            text[m.start("committee") :], f[m.start("committee") :], context, province_hint
        )
        organ = _case(text[: m.end("organ")])
        if committee is None:
            return Organisation(name=organ, system="party")
        tail = _case(text[m.start("committee") :])
        return Organisation(
            name=f"{organ} {tail}",
            parent=committee.name,
            level=committee.level,
            system="party",
            unit=committee.unit,
        )
    org = _territorial_agency(text, f, province_hint)
    if org is not None:
        return org
    if rx.NOT_A_NAME_F.search(f):
        return None
    if rx.ORG_HEAD_F.match(f) or rx.FRONT_WORDS_F.search(f):
        system = "front" if rx.FRONT_WORDS_F.search(f) else None
        if system is None and rx.PARTY_ORGAN_F.match(f):
            system = "party"
        if system is None and rx.STATE_HEAD_F.match(f):
            system = "state"  # "Công an tỉnh", "Sở Y tế", "Vụ Pháp chế", "Thanh tra tỉnh"
        level = _level_words(f) or ("province" if f.startswith("so ") else None)
        return Organisation(name=_case(text), system=system, level=level)
    return None


def _level_words(f: str) -> str | None:
    if rx.LEVEL_PROVINCE_F.search(f):
        return "province"
    if rx.LEVEL_DISTRICT_F.search(f):
        return "district"
    if rx.LEVEL_COMMUNE_F.search(f):
        return "commune"
    return None


def _party_committee(
    text: str, m: re.Match[str], context: Organisation | None, province_hint: str | None
) -> Organisation | None:
    kind, utype = m.group("kind"), m.group("utype")
    place = text[m.start("place") :].strip(" ,.;:-")
    if kind == "dang":
        if not utype:
            return Organisation(name=_case(text), system="party") if place else None
        if utype == "khoi":
            return _bloc_committee(text, place)
        unit = _unit_for_place(place, utype, province_hint) if place else None
        if unit is None:
            return Organisation(
                name=f"Đảng ủy {_UTYPE_WORD[utype].lower()} {_place_case(place)}".strip(),
                level="commune",
                system="party",
            )
        return committee_of(unit)
    if not place:  # relative: "Tỉnh ủy" / "Huyện ủy" of the issuer's own units
        if kind == "tinh" or (kind == "thanh" and context and context.level == "district"):
            prov = _province_of(context)
            if prov and kind == "tinh":
                return committee_of(prov)
            if prov and kind == "thanh" and _type_of(prov) == "thanh pho":
                return committee_of(prov)
        if kind in ("huyen", "quan", "thi", "thanh"):
            dist = _district_of(context)
            if dist is not None:
                return committee_of(dist)
        head = {"tinh": "Tỉnh ủy", "thanh": "Thành ủy", "huyen": "Huyện ủy"}.get(kind, "")
        level = "province" if kind == "tinh" else "district" if kind != "thanh" else None
        return Organisation(name=head or _case(text), level=level, system="party")
    utype = {"tinh": "tinh", "huyen": "huyen", "quan": "quan", "thi": "thi xa"}.get(kind)
    if kind == "thanh":
        unit = _unit_for_place(_strip_unit_word(place), "thanh pho", province_hint)
    else:
        unit = _unit_for_place(place, utype, province_hint)
        if unit is None and kind in ("huyen", "quan", "thi"):
            # Namesake districts without a province hint: still a district committee.
            head = {"huyen": "Huyện ủy", "quan": "Quận ủy", "thi": "Thị ủy"}[kind]
            return Organisation(
                name=f"{head} {_place_case(place)}", level="district", system="party"
            )
    if unit is None:
        head = {"tinh": "Tỉnh ủy", "thanh": "Thành ủy"}.get(kind, "Đảng ủy")
        return Organisation(name=f"{head} {_place_case(place)}", system="party")
    org = committee_of(unit)
    if kind == "thanh" and unit.level == "province":
        bare = bare_name(unit.name)
        org = replace(org, name=f"Thành ủy {unit.name if bare in _CITY_KEEPS_TYPE else bare}")
    return org


def _strip_unit_word(place: str) -> str:
    """``Thành phố Hồ Chí Minh`` after ``Thành ủy``: the place without its type word."""
    m = re.match(r"(?i)(?:thành phố|thanh pho|tp\.?)\s+", place)
    return place[m.end() :] if m else place


def _joint(
    text: str, f: str, context: Organisation | None, province_hint: str | None
) -> Organisation | None:
    """Joint issuers printed with a dash (``ỦY BAN NHÂN DÂN TỈNH X - ỦY BAN MTTQ VIỆT NAM TỈNH
    X``): each part resolved, joined with `` - `` in the order printed; level, unit, parent and
    system are the first-named body's. A dash inside one name (``Bộ Lao động - Thương binh và
    Xã hội``, ``Bà Rịa - Vũng Tàu``) leaves a part that names no body: no joint."""
    cuts = list(rx.JOINT_DASH.finditer(f))
    if not cuts:
        return None
    bounds = [0] + [x for m in cuts for x in (m.start(), m.end())] + [len(text)]
    parts = []
    for a, b in zip(bounds[::2], bounds[1::2], strict=True):
        if not rx.ORG_HEAD_F.match(f[a:b]) and not rx.PARTY_COMMITTEE_F.match(f[a:b]):
            return None
        org = _resolve(text[a:b], f[a:b], context, province_hint)
        if org is None or org.level is None:
            return None
        parts.append(org)
    first = parts[0]
    return replace(first, name=" - ".join(o.name for o in parts))


def cadre_board(body: Organisation) -> Organisation:
    """The Party's board (``Ban cán sự đảng``) in a State body, under the committee of the
    body's unit (none for a national body).

    >>> cadre_board(resolve_organisation("Bộ Y tế")).name
    'Ban cán sự đảng Bộ Y tế'
    """
    parent = committee_of(body.unit).name if body.unit is not None else None
    return Organisation(
        name=f"Ban cán sự đảng {body.name}",
        parent=parent,
        level=body.level,
        system="party",
        unit=body.unit,
    )


def _front_committee(unit: AdminUnit) -> Organisation:
    """The Front committee of a unit; its parent the one a level up."""
    body = "Ủy ban Mặt trận Tổ quốc Việt Nam"
    above = peoples_committee_of(unit).parent
    parent = above.replace("Ủy ban nhân dân", body, 1) if above else None
    return Organisation(
        name=f"{body} {_unit_label(unit)}", parent=parent, level=unit.level, system="front",
        unit=unit,
    )  # fmt: skip


def _bloc_committee(text: str, place: str) -> Organisation:
    """``Đảng ủy Khối cơ quan tỉnh X`` (under the Tỉnh ủy), ``Đảng ủy Khối các cơ quan Trung
    ương`` (central): a bloc committee is named by its bloc, not by a unit."""
    bloc = " ".join(w.lower() if w.isupper() and not _is_acronym(w) else w for w in place.split())
    # "… CÁC CƠ QUAN TỈNH" completed with "tỉnh Ninh Bình": one type word.
    bloc = re.sub(r"\b(tỉnh|huyện|thành phố|quận) \1\b", r"\1", bloc)
    name = f"Đảng ủy Khối {bloc}".strip()
    f = fold(place)
    if "trung uong" in f:
        return Organisation(name=name, level="central", system="party")
    m = re.search(r"\b(?:tinh|thanh pho)\s+(.+)$", f)
    unit = _unit_for_place(place[m.start(1) :], None) if m else None
    if unit is not None and unit.level == "province":
        return Organisation(
            name=name, parent=committee_of(unit).name, level="province", system="party", unit=unit
        )
    return Organisation(name=name, system="party")


def _peoples_body(
    text: str, m: re.Match[str], context: Organisation | None, province_hint: str | None
) -> Organisation | None:
    body = "Ủy ban nhân dân" if m.group("body").startswith("uy") else "Hội đồng nhân dân"
    utype = m.group("utype")
    place = text[m.start("place") :].strip(" ,.;:-") if m.group("place") else ""
    if place and (
        fold(place).startswith(("cac ", "va ")) or "," in place or rx.ORG_HEAD_F.match(fold(place))
    ):
        # A group or a list ("UBND các xã, thị trấn", "HĐND, UBND, Ủy ban MTTQ huyện"), not one
        # body: keep the words as printed.
        return Organisation(name=_case(text), system="state", level=_level_words(fold(text)))
    if not place:
        unit = None
        if utype == "tinh" or (utype == "thanh pho" and context and context.level != "province"):
            unit = _province_of(context)
        elif utype == "thanh pho" and context is not None:
            # "UBND Thành phố" in a letter of a centrally-run city: that city.
            prov = _province_of(context)
            unit = prov if prov is not None and _type_of(prov) == "thanh pho" else None
        elif utype in ("huyen", "quan", "thi xa"):
            unit = _district_of(context)
        if unit is None:
            level = _level_words(utype or "")
            label = f" {text[m.start('utype') : m.end('utype')].lower()}" if utype else ""
            return Organisation(name=f"{body}{label}", level=level, system="state")
        return peoples_committee_of(unit, body)
    unit = _unit_for_place(place, utype, province_hint)
    if unit is None:
        label = f"{text[m.start('utype') : m.end('utype')].lower()} " if utype else ""
        return Organisation(
            name=f"{body} {label}{_place_case(place)}",
            level=_level_words(utype or ""),
            system="state",
        )
    return peoples_committee_of(unit, body)


_AGENCY_NAMES = {
    "cuc thue": ("Cục Thuế", "province", "Tổng cục Thuế"),
    "chi cuc thue": ("Chi cục Thuế", "district", None),
    "cuc hai quan": ("Cục Hải quan", "province", "Tổng cục Hải quan"),
    "chi cuc hai quan": ("Chi cục Hải quan", "district", None),
    "bao hiem xa hoi": ("Bảo hiểm xã hội", None, "Bảo hiểm xã hội Việt Nam"),
    "kho bac nha nuoc": ("Kho bạc Nhà nước", None, "Kho bạc Nhà nước"),
    "cuc thong ke": ("Cục Thống kê", "province", "Tổng cục Thống kê"),
}


def _territorial_agency(text: str, f: str, province_hint: str | None) -> Organisation | None:
    """``Cục Thuế tỉnh Bắc Ninh`` and the like: an agency plus the unit it serves."""
    if rx.TERRITORIAL_AGENCY_F.match(f) is None:
        return None  # no prefix can match in full if none matches at all: skip the scan
    for cut in (m.start() for m in rx.SPACE.finditer(f)):
        if not rx.TERRITORIAL_AGENCY_F.fullmatch(f[:cut]):
            continue
        t = rx.TERRITORY_F.match(f, cut + 1)
        if t is None:
            continue
        org = _agency_in(text, f[:cut], cut, t, province_hint)
        if org is not None:
            return org
    return None


def _agency_in(
    text: str, agency_f: str, cut: int, t: re.Match[str], province_hint: str | None
) -> Organisation | None:
    place = text[t.start("place") :].strip(" ,.;:-")
    utype = t.group("utype")
    if fold(place).startswith(("cac ", "va ", "viet nam")):
        return None
    if utype is None and not all(w[:1].isupper() for w in place.split() if w[:1].isalpha()):
        return None  # a bare place is a proper name: "Sở Lao động - Thương binh" names none
    unit = _unit_for_place(place, utype, province_hint)
    known = _AGENCY_NAMES.get(agency_f)
    agency = known[0] if known else _case(text[:cut])
    if unit is None:
        if known is None:
            return None
        return Organisation(
            name=f"{agency} {_case(text[t.start() :])}", level=known[1], system="state"
        )
    level = unit.level
    parent = None
    if known is not None:
        if level == "province":
            parent = known[2]
        else:
            prov = default_gazetteer().province(unit.province or "")
            if prov is not None:
                upper = {"chi cuc thue": "Cục Thuế", "chi cuc hai quan": "Cục Hải quan"}.get(
                    agency_f, agency
                )
                parent = f"{upper} {_unit_label(prov)}"
    elif level == "province":
        parent = f"Ủy ban nhân dân {_unit_label(unit)}"
    return Organisation(
        name=f"{agency} {_unit_label(unit)}", parent=parent, level=level, system="state", unit=unit
    )


def with_parent(org: Organisation, superior: Organisation | None) -> Organisation:
    """``org`` with the superior printed above it in the header as its parent."""
    if superior is None or superior.name == org.name:
        return org
    return replace(org, parent=superior.name)
