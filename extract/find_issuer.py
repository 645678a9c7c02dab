"""Stage 3/4: who issued the document.

From the header's organisation lines when there are any (issuer last, its
superior above it); otherwise from the digital-signature stamp (``Ký bởi:``,
``Người ký:``) or from the body, where the issuer speaks of itself
(``Ban Thường vụ Huyện ủy yêu cầu:``, ``Tổng cục Thuế đề nghị …``) and names its
territory (``huyện Hải Lăng``), which the gazetteer places in its province.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import replace
from datetime import date

from chidao.extract import regexes as rx
from chidao.extract.clean import Cleaned, fold
from chidao.extract.find_header import Header, org_line_text
from chidao.extract.gazetteer import default_gazetteer
from chidao.extract.lines import capitalised, split_lines
from chidao.extract.records import AdminUnit, Organisation
from chidao.extract.resolve import (
    cadre_board,
    committee_of,
    dated,
    peoples_committee_of,
    resolve_organisation,
    with_parent,
)


def find_issuer(cleaned: Cleaned, header: Header, body: tuple[int, int]) -> Organisation | None:
    """The issuing organisation, with its parent, level and system."""
    at = date.fromisoformat(header.date.value) if header.date is not None else None
    with dated(at):
        return _find_issuer(cleaned, header, body)


def _find_issuer(cleaned: Cleaned, header: Header, body: tuple[int, int]) -> Organisation | None:
    org = _from_header(cleaned, header)
    if org is None or org.level is None:
        org = _from_stamp(cleaned) or org
    if org is None or org.level is None or _is_relative(org):
        org = _from_body(cleaned, body) or org
    if (
        org is not None
        and org.unit is None
        and org.level in ("district", "commune")
        and org.printed
    ):
        # A namesake district ("Huyện ủy Châu Thành": Long An or Tiền Giang?) with no superior
        # printed: the provinces the letter names decide.
        for province in document_provinces(cleaned):
            placed = resolve_organisation(org.printed, province_hint=province)
            if placed is not None and placed.unit is not None:
                return replace(
                    placed, printed=org.printed, span=org.span, parent=org.parent or placed.parent
                )
    return org


def _leading_capitalised(words: list[str]) -> list[str]:
    """The capitalised words a name starts with, up to punctuation.

    >>> _leading_capitalised("ủy Ninh Bình".split()), _leading_capitalised("Ninh Bình về".split())
    ([], ['Ninh', 'Bình'])
    >>> _leading_capitalised("Hải Lăng, Ban Thường vụ".split())
    ['Hải', 'Lăng']
    """
    out = []
    for w in words:
        bare = w.rstrip(",.;:)!?")
        if not capitalised(bare):
            break
        out.append(bare)
        if bare != w:  # "huyện Hải Lăng, Ban …": the name ends at the comma
            break
    return out


def document_provinces(cleaned: Cleaned) -> list[str]:
    """Provinces the text names (``tỉnh Ninh Bình``, ``Tỉnh ủy Quảng Trị``), most named first."""
    g = default_gazetteer()
    counts: Counter[str] = Counter()
    for m in rx.PROVINCE_MENTION.finditer(cleaned.text):
        words = _leading_capitalised(m.group(1).split())
        for n in range(len(words), 0, -1):
            unit = g.province(" ".join(words[:n]))
            if unit is not None:
                counts[unit.name] += 1
                break
    return [name for name, _ in counts.most_common()]


def _is_relative(org: Organisation) -> bool:
    """A committee named without its place (``Huyện ủy``, ``Ủy ban nhân dân huyện``)."""
    return org.unit is None and rx.RELATIVE_BODY_F.fullmatch(fold(org.name)) is not None


def _from_header(cleaned: Cleaned, header: Header) -> Organisation | None:
    resolved: list[Organisation] = []
    hint: str | None = None  # the superior's province decides a namesake district below it
    for parts in header.org_lines:
        text = org_line_text(cleaned, parts)
        org = resolve_organisation(text, province_hint=hint)
        if org is None:
            continue
        span = cleaned.to_original(parts[0][0], parts[-1][1])
        resolved.append(replace(org, printed=text, span=span))
        hint = _province_name(org.unit) or hint
    if not resolved:
        return None
    issuer = resolved[-1]
    if len(resolved) > 1:
        superior = resolved[-2]
        # A committee's superior is the committee one level up: the rule and the header agree
        # ("ĐẢNG BỘ TỈNH NINH BÌNH" above "HUYỆN ỦY KIM SƠN"); for agencies the header decides.
        if issuer.level is None and superior.level == "central" and issuer.printed:
            # "BAN TỔ CHỨC" under "BAN CHẤP HÀNH TRUNG ƯƠNG": the Central Committee's own
            # commission, a national body (no parent).
            own = resolve_organisation(f"{issuer.printed} Trung ương")
            if own is not None and own.level == "central":
                return replace(own, printed=issuer.printed, span=issuer.span)
        cadre = rx.PARTY_CADRE_BOARD_F.match(fold(issuer.printed or ""))
        if issuer.unit is None and superior.unit is not None and cadre is not None:
            # "BAN CÁN SỰ ĐẢNG UBND TỈNH" under "TỈNH ỦY X": the body read against the committee.
            body = resolve_organisation((issuer.printed or "")[cadre.end() :], context=superior)
            if body is not None and body.unit is not None:
                board = cadre_board(body)
                issuer = replace(board, printed=issuer.printed, span=issuer.span)
        label = _unit_label_of(superior)
        if fold(issuer.name).startswith("ban chi dao") and label is not None:
            # "BCĐ XÂY DỰNG ĐỀ ÁN …" under "ĐẢNG ỦY PHƯỜNG X": the committee's steering
            # committee for that unit, named with it.
            return replace(
                issuer,
                name=f"{issuer.name} {label}",
                parent=superior.name,
                level=superior.level,
                system=superior.system,
                unit=superior.unit,
            )
        if issuer.unit is None and superior.system == "party" and superior.unit is not None:
            # "VĂN PHÒNG" under "TỈNH ỦY NINH BÌNH": an organ of that committee.
            placed = resolve_organisation(f"{issuer.printed} {superior.name}")
            if placed is not None and placed.unit is not None and placed.system == "party":
                issuer = replace(placed, printed=issuer.printed, span=issuer.span)
        if issuer.unit is None and issuer.level != "central" and superior.unit is not None:
            # "SỞ Y TẾ" under "ỦY BAN NHÂN DÂN THÀNH PHỐ HỒ CHÍ MINH": the department of that unit.
            label = superior.unit.name
            label = label[:1].lower() + label[1:]
            placed = resolve_organisation(f"{issuer.printed} {label}")
            if placed is not None and placed.unit is not None:
                issuer = replace(placed, printed=issuer.printed, span=issuer.span)
        if issuer.level is None and superior.level == "central":
            # "VỤ PHÁP CHẾ" under a ministry: a central department of it.
            issuer = replace(issuer, level="central", system=issuer.system or superior.system)
        if issuer.level is not None and superior.name != issuer.name:
            issuer = with_parent(issuer, superior)
    return issuer


def _unit_label_of(org: Organisation) -> str | None:
    """``phường Hương Xuân`` for the committee of that ward (from the gazetteer's unit, or the
    name of a namesake ward's committee the gazetteer cannot place)."""
    if org.unit is not None:
        return org.unit.name[:1].lower() + org.unit.name[1:]
    m = rx.PARTY_COMMITTEE_F.match(fold(org.name))
    if m is not None and m.group("kind") == "dang" and m.group("utype") and m.group("place"):
        return org.name[len("Đảng ủy ") :]
    return None


def _province_name(unit: AdminUnit | None) -> str | None:
    if unit is None:
        return None
    return unit.name if unit.level == "province" else unit.province


def _from_stamp(cleaned: Cleaned) -> Organisation | None:
    """``Ký bởi: Tổng cục Thuế`` / ``Người ký: Cục Thuế thành phố Hồ Chí Minh``."""
    for ln in split_lines(cleaned)[:12]:
        m = rx.STAMP_SIGNER_F.match(ln.folded)
        if m is None:
            continue
        text = ln.text[m.end() :].strip()
        org = resolve_organisation(text)
        if org is not None and org.level is not None:
            s = ln.start + m.end()
            return replace(org, printed=text, span=cleaned.to_original(s, s + len(text)))
    return None


#: How much each verb of ``ISSUER_SPEECH_F`` says that its subject is the letter's issuer
#: ("Tổng cục Thuế có ý kiến như sau" is the issuer; "Bộ Tài chính hướng dẫn …" may not be).
_SPEECH_WEIGHTS_F = {
    "co y kien": 3, "tra loi": 2, "nhan duoc": 2, "yeu cau": 2,
    "de nghi": 1, "gioi thieu": 1, "thong bao": 1, "huong dan": 1,
}  # fmt: skip


def _from_body(cleaned: Cleaned, body: tuple[int, int]) -> Organisation | None:
    """The organisation that opens the clauses where the letter speaks (weighted vote)."""
    lo, hi = body
    f = cleaned.folded
    votes: Counter[str] = Counter()
    found: dict[str, Organisation] = {}
    for m in rx.ISSUER_SPEECH_F.finditer(f, lo, hi):
        floor = max(lo, m.start() - 300)
        starts = [
            c.end()
            for c in rx.CLAUSE_START_F.finditer(f, floor, m.start())
            # A line break before a lower-case word only wraps the sentence: "Ban Thường\nvụ".
            if not (c.group(0) == "\n" and cleaned.text[c.end() : c.end() + 1].islower())
        ]
        start = starts[-1] if starts else floor
        words = cleaned.text[start : m.start()].split()
        if not words or fold(words[0]) in ("cua", "theo", "tai"):
            continue
        for n in range(min(len(words), 9), 0, -1):
            cand = " ".join(words[:n])
            org = resolve_organisation(cand)
            if org is not None and org.level is not None and org.system is not None:
                votes[org.name] += _SPEECH_WEIGHTS_F[m.group(0)]
                found.setdefault(org.name, org)
                break
    if not votes:
        return None
    org = found[votes.most_common(1)[0][0]]
    if _is_relative(org):
        unit = territory(cleaned, body, org.level)
        if unit is not None:
            org = committee_of(unit) if org.system == "party" else peoples_committee_of(unit)
    return org


def territory(cleaned: Cleaned, body: tuple[int, int], level: str | None) -> AdminUnit | None:
    """The first unit of the issuer's level named in the text (``huyện Hải Lăng``)."""
    g = default_gazetteer()
    for m in rx.UNIT_MENTION_F.finditer(cleaned.folded, 0, body[1]):
        want = "province" if m.group("utype") in ("tinh", "thanh pho") else "district"
        if level is not None and want != level:
            continue
        words = _leading_capitalised(cleaned.text[m.end() : m.end() + 60].split()[:4])
        for n in range(len(words), 0, -1):
            found = g.find(" ".join(words[:n]), level=want)
            if len(found) == 1:
                return found[0]
    return None
