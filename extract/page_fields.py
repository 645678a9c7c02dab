"""Completing a record from what the page says and from what the document implies.

Two kinds of help, each marked on the value it gives:

* ``origin="page"`` — the web page's metadata block or lead line (:mod:`find_page`) names a
  field the document's own text lacks or garbles (a header cut off, a copy that shows only the
  body). The document's own text always wins where it gives the field.
* ``origin="inferred"`` — the header prints the issuer without its unit (``ỦY BAN NHÂN DÂN``
  alone): the unit comes from the document's authority line (``ỦY BAN NHÂN DÂN THÀNH PHỐ
  HẢI PHÒNG``), its title (``… TRÊN ĐỊA BÀN TỈNH LAI CHÂU``) or its place line (``Hà Giang,
  ngày …``), as a reader would take it.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date

from chidao.extract.clean import Cleaned, fold, tone_normal
from chidao.extract.doc_types import doc_type_from_number
from chidao.extract.find_header import Header
from chidao.extract.find_issuer import document_provinces, territory
from chidao.extract.find_page import Page
from chidao.extract.gazetteer import REFORM_DATE, bare_name, default_gazetteer
from chidao.extract.records import Mention, Organisation
from chidao.extract.resolve import (
    committee_of,
    dated,
    peoples_committee_of,
    resolve_organisation,
)

#: How far into the document (cleaned characters) the authority line or title may be.
FRONT_CHARS = 1500


def fill_header(header: Header, page: Page) -> Header:
    """The header with the fields it lacks taken from the page (``origin="page"``).

    >>> from chidao.extract.find_page import PageField
    >>> page = Page("", 0, 0, (PageField("number", "12/KH-UBND", (5, 15), "metadata"),))
    >>> h = fill_header(Header(), page)
    >>> h.number.value, h.number.origin, h.doc_type.value
    ('12/KH-UBND', 'page', 'Kế hoạch')
    """
    page = agreeing(page, header)
    changes: dict[str, Mention] = {}
    for name in ("number", "date", "subject"):
        if getattr(header, name) is None:
            f = page.get(name)
            if f is not None:
                changes[name] = Mention(f.value, f.span, f.printed or f.value, origin="page")
    if header.doc_type is None:
        f = page.get("doc_type")
        number = changes.get("number") or header.number
        if f is not None:
            changes["doc_type"] = Mention(f.value, f.span, f.printed or f.value, origin="page")
        elif number is not None and doc_type_from_number(number.value):
            kind = doc_type_from_number(number.value) or ""
            changes["doc_type"] = Mention(kind, number.span, number.printed, origin=number.origin)
    return replace(header, **changes) if changes else header


def agreeing(page: Page, header: Header) -> Page:
    """The page's fields less those of a block (lead line, metadata) that names another
    document: a number or a type other than the document's own (a related document's lead).

    >>> from chidao.extract.find_page import PageField
    >>> page = Page("", 0, 0, (PageField("number", "12/QĐ-UBND", (0, 10), "lead"),
    ...                        PageField("date", "2020-01-02", (11, 21), "lead")))
    >>> agreeing(page, Header(number=Mention("45/KH-UBND"))).fields
    ()
    """
    if not page.fields:
        return page
    drop: set[str] = set()
    for f in page.fields:
        own = header.number if f.name == "number" else header.doc_type
        if f.name not in ("number", "doc_type") or own is None or own.origin != "document":
            continue
        if f.name == "number":
            # The serial decides: "1961/QĐUBND" (OCR) and "1961/2019/QĐ-UBND" are one number.
            if _serial(f.value) != _serial(own.value):
                drop.add(f.source)
        elif _key(f.value) != _key(own.value):
            drop.add(f.source)
    if not drop:
        return page
    return replace(page, fields=tuple(f for f in page.fields if f.source not in drop))


def _serial(number: str) -> str:
    m = re.match(r"\D*(\d+)", number)
    return m.group(1).lstrip("0") if m else number


def _key(value: str) -> str:
    """A number or type compared without case, accents, spaces and separators."""
    return "".join(ch for ch in fold(value) if ch.isalnum())


def fill_issuer(
    issuer: Organisation | None, cleaned: Cleaned, header: Header, page: Page
) -> Organisation | None:
    """The issuer completed: its unit inferred where the header prints none, or the page's
    issuer where the document names none (or only the Central Committee, whose header
    Politburo and Secretariat documents share)."""
    page = agreeing(page, header)
    at = date.fromisoformat(header.date.value) if header.date is not None else None
    with dated(at):
        if issuer is not None and issuer.unit is None and _unitless_local(issuer):
            inferred = _infer_unit(issuer, cleaned, header, page, at)
            if inferred is not None:
                return inferred
        if issuer is not None and _generic_central(issuer, header):
            organ = _organ_in_title(cleaned, header)
            if organ is not None:
                return organ
        if issuer is None or issuer.level is None or _generic_central(issuer, header):
            from_page = _page_issuer(page, header, cleaned, at)
            if from_page is not None and (issuer is None or from_page.name != issuer.name):
                return from_page
        if issuer is not None and fold(issuer.name).startswith("ban chi dao"):
            return _steering(issuer, cleaned, header, at)
    return issuer


def _steering(org: Organisation, cleaned: Cleaned, header: Header, at: date | None) -> Organisation:
    """A local steering committee (``BCĐ XÂY DỰNG NÔNG THÔN MỚI`` / ``XÃ NHÂN KHANG``): placed
    in its unit, under the Party committee when the header is the Party's (``ĐẢNG CỘNG SẢN
    VIỆT NAM``), else under the People's Committee; acronyms of its name spelled out where the
    document spells them (``ĐCVMĐT`` → ``đạt chuẩn văn minh đô thị``)."""
    name = expand_acronyms(org.name, cleaned.text)
    unit = org.unit
    if unit is None:
        m = _UNIT_AT_END.search(fold(name))
        if m is not None:
            place = name[m.start("place") :]
            hints = document_provinces(cleaned) or [None]
            for hint in hints:
                found = default_gazetteer().find(
                    place, level=_LEVEL_OF.get(m.group("utype")), province=hint, at=at
                )
                if len(found) == 1:
                    unit = found[0]
                    break
    if unit is None:
        return replace(org, name=name) if name != org.name else org
    party = "dang cong san viet nam" in cleaned.folded[: max(header.end, 0) + 1] or (
        org.system == "party"
    )
    if org.parent is not None and org.unit is not None:
        return replace(org, name=name)
    above = committee_of(unit) if party else peoples_committee_of(unit)
    m = _UNIT_AT_END.search(fold(name))
    if m is not None:  # the unit's name as the gazetteer spells it: "… xã Nhân Khang"
        name = name[: m.start("place")] + bare_name(unit.name)
    return replace(
        org,
        name=name,
        unit=unit,
        level=unit.level,
        parent=above.name,
        system="party" if party else "state",
        origin="inferred",
    )


_UNIT_AT_END = re.compile(
    r"\b(?P<utype>xa|phuong|thi tran|huyen|quan|thi xa|tinh|thanh pho)\s+(?P<place>[a-z][a-z ]*)$"
)
_LEVEL_OF = {
    "xa": "commune",
    "phuong": "commune",
    "thi tran": "commune",
    "huyen": "district",
    "quan": "district",
    "thi xa": "district",
    "tinh": "province",
    "thanh pho": None,
}


def expand_acronyms(name: str, text: str) -> str:
    """Spell out an acronym of ``name`` (a word of three or more capitals and no vowel) that
    ``text`` spells out word by word: ``Ban Chỉ đạo … phường ĐCVMĐT`` with ``… phường đạt chuẩn
    văn minh đô thị`` in the text.

    >>> expand_acronyms("Ban Chỉ đạo đề án ĐCVMĐT", "… xây dựng phường đạt chuẩn văn minh đô thị")
    'Ban Chỉ đạo đề án đạt chuẩn văn minh đô thị'
    """
    words = name.split(" ")
    changed = False
    for i, w in enumerate(words):
        letters = [c for c in w if c.isalpha()]
        if len(letters) < 3 or not all(c.isupper() for c in letters):
            continue
        if any(fold(c) in "aeiouy" for c in letters):
            continue
        initials = "".join(fold(c) for c in letters)
        pattern = r"\b" + r"\s+".join(rf"{ch}[^\W\d_]*" for ch in initials) + r"\b"
        m = re.search(pattern, fold(text))
        if m is not None:
            words[i] = " ".join(text[m.start() : m.end()].split())
            changed = True
    return " ".join(words) if changed else name


def _unitless_local(org: Organisation) -> bool:
    """``Ủy ban nhân dân`` / ``Hội đồng nhân dân`` printed with no unit."""
    return fold(org.name) in ("uy ban nhan dan", "hoi dong nhan dan")


def _generic_central(org: Organisation, header: Header) -> bool:
    """The Central Committee's header (``BAN CHẤP HÀNH TRUNG ƯƠNG``) over a ``…/TW`` number:
    Politburo and Secretariat documents print the same header."""
    number = header.number.value if header.number else ""
    name = fold(org.name)
    return name in ("ban chap hanh trung uong", "ban chap hanh trung uong dang") and (
        number.upper().endswith(("/TW", "/TƯ"))
    )


def _organ_in_title(cleaned: Cleaned, header: Header) -> Organisation | None:
    """``KẾT LUẬN`` / ``CỦA BAN BÍ THƯ``: the title names the central organ that issued it."""
    zone = cleaned.folded[: max(header.end, 0) + 200]
    m = _TITLE_ORGAN.search(zone)
    if m is None:
        return None
    s, e = m.start("organ"), m.end("organ")
    found = resolve_organisation(cleaned.text[s:e])
    if found is None or found.level != "central":
        return None
    return replace(found, printed=cleaned.text[s:e], span=cleaned.to_original(s, e))


_TITLE_ORGAN = re.compile(r"(?:^|\n)\s*cua\s+(?P<organ>bo chinh tri|ban bi thu)\s*(?:\n|$)")


def _infer_unit(
    org: Organisation, cleaned: Cleaned, header: Header, page: Page, at: date | None
) -> Organisation | None:
    body = org.name
    front = cleaned.text[: min(len(cleaned.text), max(header.end, 0) + FRONT_CHARS)]
    # The authority line: "ỦY BAN NHÂN DÂN THÀNH PHỐ HẢI PHÒNG", "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH X".
    for m in _AUTHORITY.finditer(fold(front)):
        printed = " ".join(front[m.start("body") : m.end()].split())
        found = resolve_organisation(printed, at=at)
        if found is not None and found.unit is not None and fold(found.name).startswith(fold(body)):
            return _inferred(found, org)
    # The title: "… TRÊN ĐỊA BÀN TỈNH LAI CHÂU", "… TỈNH HÀ GIANG GIAI ĐOẠN …".
    if header.subject is not None:
        for m in _UNIT_IN_TITLE.finditer(fold(header.subject.value)):
            words = header.subject.value[m.start("place") :].split()
            unit = _longest_unit(words, m.group("utype"), at)
            if unit is not None:
                return _inferred(peoples_committee_of(unit, body), org)
    # The place line: "Hà Giang, ngày …", "Huế, ngày …".
    if header.place is not None:
        unit = _place_unit(header.place.value, at)
        if unit is not None:
            return _inferred(peoples_committee_of(unit, body), org)
    f = page.get("issuer")
    if f is not None:
        unit = _place_unit(f.value, at)
        if unit is not None:
            org = peoples_committee_of(unit, body)
            return replace(org, printed=f.printed or f.value, span=f.span, origin="page")
    return None


_AUTHORITY = re.compile(
    r"(?:^|\n)(?:chu tich\s+)?(?P<body>uy ban nhan dan|hoi dong nhan dan)\s+"
    r"(?:tinh|thanh pho|huyen|quan|thi xa|xa|phuong|thi tran)\s+[a-z ]{2,30}(?=\n)"
)
_UNIT_IN_TITLE = re.compile(r"\b(?P<utype>tinh|thanh pho)\s+(?P<place>[a-z])")


def _longest_unit(words: list[str], utype: str, at: date | None):  # type: ignore[no-untyped-def]
    g = default_gazetteer()
    for n in range(min(4, len(words)), 0, -1):
        name = " ".join(words[:n]).strip(" ,.;:")
        unit = g.province(name, at=at)
        if unit is not None and fold(unit.name).startswith(utype):
            return unit
    return None


def _place_unit(place: str, at: date | None):  # type: ignore[no-untyped-def]
    """The unit a place line names: a province first, else a district (``TP. Lạng Sơn``)."""
    g = default_gazetteer()
    name = re.sub(r"^(?:TP\.?|Tp\.?)\s*", "Thành phố ", place.strip())
    if fold(name).startswith(("tinh ", "thanh pho ")) or not fold(name).startswith(
        ("huyen ", "quan ", "thi xa ", "xa ", "phuong ")
    ):
        unit = g.province(name, at=at)
        if unit is not None and not fold(place).startswith(("tp", "thanh pho")):
            return unit
        if unit is not None and fold(unit.name).startswith("thanh pho"):
            return unit
    found = _exact(g.find(name, level="district", at=at), name)
    if len(found) == 1:
        return found[0]
    # From 1 July 2025 below the province are communes and wards only.
    found = g.find(name, level="commune", at=at) if at is not None and at >= REFORM_DATE else []
    found = _exact(found, name)
    return found[0] if len(found) == 1 else None


def _exact(found: list, name: str) -> list:  # type: ignore[type-arg]
    """Namesakes told apart by their accents (``Gia Viễn`` is not ``Gia Viên``) where the
    accent-blind lookup found several."""
    if len(found) < 2:
        return found
    want = tone_normal(bare_name(name)).lower()
    same = [u for u in found if tone_normal(bare_name(u.name)).lower() == want]
    return same or found


def _inferred(found: Organisation, printed: Organisation) -> Organisation:
    return replace(found, printed=printed.printed, span=printed.span, origin="inferred")


_CODE_BODY = {"ubnd": "Ủy ban nhân dân", "hdnd": "Hội đồng nhân dân"}


def _page_issuer(
    page: Page, header: Header, cleaned: Cleaned, at: date | None
) -> Organisation | None:
    f = page.get("issuer")
    if f is None:
        return None
    found = resolve_organisation(f.value, at=at)
    if found is not None and found.level is not None and found.unit is not None:
        return replace(found, printed=f.printed or f.value, span=f.span, origin="page")
    if found is not None and found.level == "central":
        return replace(found, printed=f.printed or f.value, span=f.span, origin="page")
    if found is not None and found.system == "party" and found.level in ("province", "district"):
        # "của Ban Thường vụ Tỉnh ủy": the committee of the unit the document is about.
        unit = territory(cleaned, (0, len(cleaned.text)), None)
        if unit is not None and unit.level == "district" and found.level == "province":
            unit = default_gazetteer().province(unit.province or "", at=at)
        if unit is not None and unit.level == found.level:
            return replace(
                committee_of(unit), printed=f.printed or f.value, span=f.span, origin="page"
            )
    # A place ("Tỉnh Quảng Ngãi", "Thành phố Huế"): the number's code names the body.
    number = header.number.value if header.number else ""
    codes = [c for c in re.split(r"[-/]", fold(number)) if c]
    unit = _place_unit(f.value, at)
    if unit is None:
        return None
    for code in codes:
        if code in _CODE_BODY:
            org = peoples_committee_of(unit, _CODE_BODY[code])
            return replace(org, printed=f.printed or f.value, span=f.span, origin="page")
        if code in ("tu", "thu", "hu", "qu", "du"):
            return replace(
                committee_of(unit), printed=f.printed or f.value, span=f.span, origin="page"
            )
    return None
