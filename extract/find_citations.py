"""Stage 3, *find*: the other documents a directive mentions (its citations).

A citation opens with a document-type word (``Nghị quyết``, ``Công văn``,
``văn bản``, ``Luật``…) and runs through its number (``số 43/NQ-CP``), date
(``ngày 03 tháng 8 năm 2021``) and issuer (``của Chính phủ``).  Each part is
optional except that a mention must carry a number, or be a law named by its
title (``Luật Quản lý thuế``; issuer ``Quốc hội``).  Matching is on folded text,
so OCR copies (``Quyết dịnh``, ``cong văn sô``, ``ngay``) are found; values
keep the printed form.

What is left out: the document's own number (repeated in an appendix line,
``Kèm theo Công văn số …``), generic plurals (``các văn bản của …``) and
``Công văn này``.  A document mentioned several times is listed once, at its
first mention, with the date and issuer filled in from later ones and the
strongest relation (any relation word beats a bare mention, see
:mod:`chidao.extract.relations`).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from difflib import SequenceMatcher
from functools import cache

from chidao.extract import regexes as rx
from chidao.extract.clean import Cleaned, fold
from chidao.extract.dates import check_date, iso_date
from chidao.extract.find_tasks import cut_at
from chidao.extract.issuer_codes import (
    committee_from_number,
    issuer_code,
    issuer_from_number,
    joint_issuers_from_number,
)
from chidao.extract.lines import upper_ratio
from chidao.extract.records import AdminUnit, Citation, Mention, Organisation, Problem
from chidao.extract.relations import Relation, ceases_after, classify, sentence_start
from chidao.extract.resolve import (
    COMMITTEE_BY_UNIT,
    central_body,
    doc_type_from_number,
    resolve_organisation,
)

#: Folded type word → document type as the guidelines write it.
DOC_TYPES = {
    "thong tu lien tich": "Thông tư liên tịch",
    "thong tu": "Thông tư",
    "nghi dinh": "Nghị định",
    "nghi quyet": "Nghị quyết",
    "quyet dinh": "Quyết định",
    "chi thi": "Chỉ thị",
    "thong bao ket luan": "Thông báo",
    "ket luan": "Kết luận",
    "thong bao": "Thông báo",
    "cong dien": "Công điện",
    "cong van": "Công văn",
    "van ban": "Công văn",
    "ke hoach": "Kế hoạch",
    "huong dan": "Hướng dẫn",
    "quy dinh": "Quy định",
    "quy che": "Quy chế",
    "to trinh": "Tờ trình",
    "bao cao": "Báo cáo",
    "bo luat": "Bộ luật",
    "luat": "Luật",
    "phap lenh": "Pháp lệnh",
    "hien phap": "Hiến pháp",
    "hiep dinh": "Hiệp định",
    "chuong trinh hanh dong": "Chương trình hành động",
    "chuong trinh": "Chương trình",
}

#: Longest printed issuer, in words, after ``của``.
MAX_ISSUER_WORDS = 14

#: Lower-case name words that fold onto a stop word (``sở``/``số``, ``cơ``/``có``):
#: "Công đoàn cơ sở Công ty …".
ISSUER_NAME_WORDS = frozenset({"sở", "cơ", "sỡ", "giáo", "tư", "đảng", "tải"})

#: Most words between a title's implementing verb and the mention it governs
#: (``… về tiếp tục đẩy mạnh thực hiện có hiệu quả Chỉ thị số 18``).
MAX_OBJECT_GAP_WORDS = 4

#: How like the code's body (difflib ratio, folded) a garbled printed issuer must be.
GARBLED_RATIO = 0.8

#: The body that passes laws.
LEGISLATURE = "Quốc hội"


@dataclass(frozen=True, slots=True)
class _Found:
    """One mention before deduplication (cleaned-text offsets)."""

    start: int
    end: int
    doc_type: str
    number: str | None
    date: str | None
    issuer: Organisation | None
    law_name: str | None = None  # folded title of a law, to merge its mentions
    relation: Relation = Relation("cites")

    @property
    def key(self) -> str:
        if self.number:
            return "n:" + number_key(self.number)
        if self.law_name:
            return "l:" + self.law_name
        return f"u:{self.doc_type}:{self.issuer.name if self.issuer else ''}"

    @property
    def fullness(self) -> int:
        return (self.date is not None) + (self.issuer is not None)


def number_key(number: str) -> str:
    """A number folded for comparison: no spaces, no accents, upper case, OCR slips undone.

    >>> number_key("12/CĐ-UBND") == number_key("12/CD - UBND")
    True
    >>> number_key("954/2020/UBTVQHI4") == number_key("954/2020/UBTVQH14")
    True
    >>> number_key("1999/QCPH- -BHXH-TCT") == number_key("1999/QCPH-BHXH-TCT")
    True
    """
    key = "".join(fold(number).split()).upper()
    key = rx.NUMBER_REPEATED_SEPARATOR.sub(lambda m: m.group(0)[0], key)
    return rx.NUMBER_OCR_ONE.sub("1", key)


def normalise_number(printed: str) -> str:
    """The number as printed without spaces around ``-`` and ``/``.

    >>> normalise_number("889/CD- -TTg"), normalise_number("1691/VPCP- KGVX")
    ('889/CD--TTg', '1691/VPCP-KGVX')
    """
    return "".join(printed.split())


def find_citations(
    cleaned: Cleaned,
    body: tuple[int, int],
    context: Organisation | None,
    own_number: str | None,
    problems: list[Problem] | None = None,
) -> tuple[Citation, ...]:
    """Every other document mentioned in ``cleaned.text[body[0]:body[1]]``.

    ``context`` is the issuing organisation (relative mentions such as
    ``của Ban Thường vụ Tỉnh ủy`` resolve against it); ``own_number`` the
    document's own number, never a citation.  Spans are in the original text.
    A cited date that cannot be (``ngày 31/2/2023``, ``năm 20211``) is ``None`` and,
    when ``problems`` is given, reported there.
    """
    # The header's subject line cites too ("V/v … thực hiện Chỉ thị 16/CT-TTg"): read from the
    # top; the title and the document's own number are left out below.
    lo, hi = 0, body[1]
    own_type = doc_type_from_number(own_number) if own_number else None
    found = _numbered(cleaned, lo, hi, context, own_number, problems, header_end=body[0])
    taken = [(f.start, f.end) for f in found]
    found += [f for f in _laws(cleaned, lo, hi) if not any(a <= f.start < b for a, b in taken)]
    taken = [(f.start, f.end) for f in found]
    found += [
        f for f in _named(cleaned, lo, hi, context) if not any(a <= f.start < b for a, b in taken)
    ]
    taken = [(f.start, f.end) for f in found]
    found += [
        f
        for f in _unnumbered(cleaned, lo, hi, context, own_type)
        if not any(a <= f.start < b for a, b in taken)
    ]
    found.sort(key=lambda f: f.start)
    # A letter (its type, or a "Kính gửi" above its body) does not legislate; see NON_LEGISLATIVE.
    letter = own_type in NON_LEGISLATIVE or (
        own_type is None and rx.LETTER_OPENER_F.search(cleaned.folded, 0, body[0]) is not None
    )
    found = _with_relations(cleaned, found, lo, letter)
    titled = _implemented_in_title(cleaned, body[0])
    if titled:
        # "KẾ HOẠCH / TRIỂN KHAI THỰC HIỆN CHỈ THỊ SỐ 09-CT/TU …": the document carries X out,
        # even where its Căn cứ section also lists X
        found = [
            replace(f, relation=Relation("implements", *titled[number_key(f.number)]))
            if f.number and number_key(f.number) in titled
            else f
            for f in found
        ]
    cut = cut_at(cleaned.text, body[1])
    if cut is not None:
        # A document cut short: a mention cut before its end (inside the number, or before its
        # date and issuer: "Quy định số 24-QĐ/TW, ng") is not listed.
        # (A mention with its date and issuer is whole, even if its title is cut: "Nghị quyết
        # số 58-NQ/TW ngày 05/8/2020 của Bộ Chính trị về" |.)
        found = [
            f
            for f in found
            if not (_cut_off(cleaned.text, f.end, cut) and (f.date is None or f.issuer is None))
        ]
    return tuple(_to_citation(cleaned, f) for f in _merge(found))


def _implemented_in_title(cleaned: Cleaned, header_end: int) -> dict[str, tuple[int, int]]:
    """Numbers a title in capitals says the document carries out, with the verb's span:
    ``TRIỂN KHAI THỰC HIỆN CHỈ THỊ SỐ 09-CT/TU …`` → ``{"09-CT/TU": …}``.

    >>> from chidao.extract.clean import clean
    >>> c = clean("KẾ HOẠCH\\nTHỰC HIỆN CHỈ THỊ SỐ 09-CT/TU NGÀY 05/01/2024\\nThực hiện")
    >>> list(_implemented_in_title(c, 50))
    ['09-CT/TU']
    """
    out: dict[str, tuple[int, int]] = {}
    text, f = cleaned.text, cleaned.folded
    for m in rx.TITLE_IMPLEMENTS_F.finditer(f, 0, header_end):
        if text[m.start() : m.end()].isupper():
            out[number_key(normalise_number(text[m.start("number") : m.end("number")]))] = (
                m.start("verb"),
                m.end("verb"),
            )
            break  # the title's own verb; a later one is its object's title ("… BAN HÀNH KẾ
            # HOẠCH TRIỂN KHAI CHỈ THỊ SỐ 31/CT-TTG": cites)
    return out


#: How many characters after a mention may stand before the cut for it to count as cut.
CUT_REACH = 12


def _cut_off(text: str, end: int, cut: int) -> bool:
    """Whether a mention ending at ``end`` runs into the cut at ``cut`` (no sentence mark
    between: ``… số 5313/QĐ-`` | ``… 24-QĐ/TW, ng`` |).

    >>> _cut_off("Căn cứ Quy định số 24-QĐ/TW, ng", 27, 31)
    True
    >>> _cut_off("theo Quyết định số 12/QĐ-UBND. Các sở phải bảo đảm tra", 30, 55)
    False
    """
    return cut - end <= CUT_REACH and not any(ch in ".;:" for ch in text[end:cut])


# --- numbered mentions -----------------------------------------------------------------------


def _numbered(
    cleaned: Cleaned,
    lo: int,
    hi: int,
    context: Organisation | None,
    own_number: str | None,
    problems: list[Problem] | None = None,
    header_end: int = 0,
) -> list[_Found]:
    text, f = cleaned.text, cleaned.folded
    own_year = _own_year(f, header_end) if own_number else None
    out: list[_Found] = []
    for m in rx.CITE_TYPE_F.finditer(f, lo, hi):
        if text[m.start() : m.end()].isupper():
            continue  # a title ("CÔNG ĐIỆN", "NGHỊ QUYẾT"), not a mention
        after = rx.CITE_AFTER_TYPE_F.match(f, m.end(), hi)
        if after is None:
            continue
        qual = after.group("qual") if after.group("number") else after.group("qual2")
        if qual and rx.CITE_TYPE_F.search(qual):
            continue  # "quy định tại Thông tư số …": the later type word opens the mention
        if qual and rx.CITE_FORM_F.search(qual):
            continue  # "thông báo theo mẫu 01-1/LPTB": a form, not a document
        group = "number" if after.group("number") else "bare"
        doc_type = DOC_TYPES[" ".join(m.group("type").split())]
        law_name = None
        if doc_type in ("Luật", "Bộ luật") and qual and qual.strip():
            law_name = " ".join((m.group("type") + qual).split())
        mention = _Mention(m.start(), after.start(group), after.end(), doc_type, law_name)
        found = _one_numbered(cleaned, mention, lo, hi, context, own_number, own_year, problems)
        while found is not None:
            out.append(found)
            # "các văn bản: số 4011/UBND-VX2 ngày 15/6/2021, số 1071/UBND-VX2 … và số 4761/…"
            nxt = rx.CITE_LIST_NEXT_F.match(f, found.end, hi)
            if nxt is None:
                break
            mention = _Mention(nxt.start("so"), nxt.start("number"), nxt.end(), doc_type, None)
            found = _one_numbered(cleaned, mention, lo, hi, context, own_number, own_year, problems)
    return out


@dataclass(frozen=True, slots=True)
class _Mention:
    """Where a numbered mention starts, where its number is, and its type."""

    start: int
    number_start: int
    number_end: int
    doc_type: str
    law_name: str | None


def _one_numbered(
    cleaned: Cleaned,
    mention: _Mention,
    lo: int,
    hi: int,
    context: Organisation | None,
    own_number: str | None,
    own_year: str | None,
    problems: list[Problem] | None,
) -> _Found | None:
    """The mention whose number is at ``mention``, with its date and issuer; ``None`` for the
    document itself."""
    text, f = cleaned.text, cleaned.folded
    start, end = mention.start, mention.number_end
    glued = rx.CITE_NUMBER_GLUED_DATE_F.search(f, mention.number_start, end)
    if glued is not None and glued.start() - mention.number_start > 4:
        end = glued.start()  # "1471/TM-VPngày 18 tháng 9 năm 2010"
    number = normalise_number(text[mention.number_start : end])
    repeat = rx.CITE_NUMBER_REPEAT_F.match(f, end, hi)
    if repeat is not None and number_key(number).endswith(repeat.group("code").upper()):
        end = repeat.end()  # "37-NQ/TW NQ/TW ngày …": the code printed twice
    if rx.CITE_ATTACHMENT_F.search(f[max(lo, start - 30) : start]):
        return None  # "Kèm theo Công văn số …" is the document itself
    date_pos = end
    date, end = _date_after(f, end, hi)
    own = number_key(own_number) if own_number else None
    if own is not None and number_key(number) == own and not _other_year(date, own_year):
        return None  # the document's own number (a number of another year is another one)
    if date is None and problems is not None:
        _report_cited_date(cleaned, date_pos, hi, problems)
    if date is None:
        date = _date_before(cleaned, start, lo)
    issuer, end = _issuer_after(cleaned, end, hi, context)
    if issuer is not None and not _known_body(issuer):
        # "của Bộ nông nghiệp" (cut), "của Ban Thường vụ Tnh y" (OCR): the number's code
        # ("TT-BNNPTNT", "-CTHĐ/TU") names the body when it is a known one
        coded = _issuer_from_code(number, context, own_number)
        if coded is not None and _known_body(coded) and _garbled_or_cut(issuer, coded):
            issuer = replace(coded, printed=issuer.printed, span=issuer.span)
    if issuer is None:
        issuer = _issuer_before(cleaned, start, lo, context)
    if issuer is None:
        issuer = _issuer_from_code(number, context, own_number)
    if issuer is None:
        issuer = _issuer_of_at(cleaned, start, lo, context)
    return _Found(start, end, mention.doc_type, number, date, issuer, mention.law_name)


def _own_year(f: str, header_end: int) -> str | None:
    """The year of the document's own date line (the last full date above the body)."""
    years = [m.group("y") for m in rx.OWN_DATE_LINE_F.finditer(f, 0, header_end)]
    return years[-1] if years else None


def _other_year(date: str | None, own_year: str | None) -> bool:
    """Whether a mention carrying the document's own number is dated in another year:
    ``Chỉ thị số 07/CT-UBND ngày 31/5/2021`` in Chỉ thị 07/CT-UBND of 2023 (serials restart
    each year).

    >>> _other_year("2021-05-31", "2023"), _other_year("2023-04-26", "2023")
    (True, False)
    >>> _other_year(None, "2023")
    False
    """
    return date is not None and own_year is not None and date[:4] != own_year


def _report_cited_date(cleaned: Cleaned, pos: int, hi: int, problems: list[Problem]) -> None:
    """A date printed after a cited number that is no date: a problem, the value stays None."""
    m = rx.CITE_DATE_ANY_F.match(cleaned.folded, pos, hi)
    if m is None:
        return
    day, month = m.group("d1") or m.group("d2"), m.group("m1") or m.group("m2")
    iso, why = check_date(day, month, m.group("y1") or m.group("y2"))
    if iso is not None:
        return
    start = pos + len(m.group(0)) - len(m.group(0).lstrip(" \n,"))
    span = cleaned.to_original(start, m.end())
    printed = cleaned.printed(start, m.end())
    detail = "year outside the plausible window" if why == "implausible" else "no such date"
    problems.append(Problem(f"{why}-date", f"cited document's date, {detail}: {printed!r}", span))


def _date_after(f: str, pos: int, hi: int) -> tuple[str | None, int]:
    m = rx.CITE_DATE_F.match(f, pos, hi)
    if m is None:
        return None, pos
    day = (m.group("d1") or m.group("d2")).replace(" ", "")
    month = m.group("m1") or m.group("m2")
    year = (m.group("y1") or m.group("y2")).replace(" ", "")
    # "ngày 31/2/2023", OCR's "ngày 48 tháng 3": no such day, None.
    return iso_date(day, month, year), m.end()


def _date_before(cleaned: Cleaned, pos: int, lo: int) -> str | None:
    """The date that opens the mention's sentence: "Ngày 17/10/2022, Tổng cục Hải quan ban
    hành công văn số 4357/TCHQ-GSQL" — the date the cited document was issued."""
    f = cleaned.folded
    start = sentence_start(cleaned.text, pos, lo)
    found = None
    for m in rx.CITE_DATE_OPENING_F.finditer(f, start, pos):
        found = m  # the last one before the mention
    if found is None or rx.CITE_TYPE_F.search(f, found.end(), pos):
        return None
    date, _ = _date_after(f, found.start(), pos)
    return date


#: How far before a type word (characters) the subject that issued it may stand.
ISSUER_BEFORE_REACH = 160


def _issuer_after(
    cleaned: Cleaned, pos: int, hi: int, context: Organisation | None
) -> tuple[Organisation | None, int]:
    f, text = cleaned.folded, cleaned.text
    m = rx.CITE_OF_F.match(f, pos, hi)
    if m is None:
        return None, pos
    words = _issuer_words(text, f, m.end(), hi)
    addressee = _addressee(cleaned, words, pos)
    if addressee is not None:
        return addressee, words[-1][1]
    # Shorten from the right until the words name an organisation; a name known only by its
    # head word ("Bộ Tài chính Hướng dẫn", "Cục Hải quan tỉnh Bình Dương vướng mắc …") gives
    # way to a shorter one that is a known body or placed in the gazetteer ("Bộ Tài chính").
    best: tuple[Organisation, int, int] | None = None
    for n in range(len(words), 0, -1):
        start, org_end = words[0][0], words[n - 1][1]
        printed = " ".join(text[start:org_end].split())
        org = _resolve_issuer(printed, context)
        if org is None or _placed_by_lower_case(org, text[words[n - 1][0] : org_end]):
            continue
        org = replace(org, printed=printed, span=cleaned.to_original(start, org_end))
        if _known_body(org) or _spelled_out(printed) != printed:
            return org, org_end  # (a name recognised by spelling it out: "Sở NN & PTNT")
        best = best or (org, org_end, n)
    return (best[0], best[1]) if best else (None, pos)


def _garbled_or_cut(printed: Organisation, coded: Organisation) -> bool:
    """Whether a printed issuer that names no known body is the code's body cut short or
    garbled: ``Bộ nông nghiệp`` (cut) and ``Bộ Tôi chính`` (OCR) for the code's ministry, ``Ban
    Thường vụ Tnh y`` (a committee's speaker, OCR'd) for the code's committee; another body
    (``Ban Tôn giáo Chính phủ`` under a ``-HD/BTGTU`` number) keeps its name.

    >>> bo = resolve_organisation("Bộ Tài chính")
    >>> ocr, cut = Organisation("Bộ Tôi chính"), Organisation("Bộ chính")
    >>> _garbled_or_cut(ocr, bo), _garbled_or_cut(cut, bo)
    (True, True)
    >>> _garbled_or_cut(Organisation("Ban Tôn giáo Chính phủ"), bo)
    False
    """
    b = " ".join(fold(coded.name).split())
    for name in (printed.name, printed.printed or printed.name):
        a = " ".join(fold(name).split())
        if b.startswith(a) or SequenceMatcher(None, a, b).ratio() >= GARBLED_RATIO:
            return True
    a = " ".join(fold(printed.printed or printed.name).split())
    return bool(rx.COMMITTEE_SPEAKER_F.match(a)) and bool(rx.COMMITTEE_NAME_F.search(b))


def _placed_by_lower_case(org: Organisation, last: str) -> bool:
    """Whether the gazetteer placed ``org`` by a last word printed in lower case, which names
    no place: "UBND thành" (of OCR's "UBND thành phHà Nội") is no commune "Thanh".

    >>> _placed_by_lower_case(resolve_organisation("UBND thành"), "thành")
    True
    """
    if org.unit is None or not last[:1].islower():
        return False
    m = rx.UNIT_TYPE_WORD.match(org.unit.name)
    proper = org.unit.name[m.end() :] if m else org.unit.name
    return " ".join(fold(proper).split()) == fold(last)


def _issuer_of_at(
    cleaned: Cleaned, start: int, lo: int, context: Organisation | None
) -> Organisation | None:
    """Whose document it is when it is named after them: ``ý kiến của Cục Quản lý Dược, Bộ
    Y tế tại Công văn số 2140/QLD-ĐK`` (after the number's code, which names the
    issuer of ``chỉ đạo của Thủ tướng Chính phủ tại Công văn số …/VPCP-…``: the Office).

    >>> from chidao.extract.clean import clean
    >>> c = clean("Ý kiến của Bộ Y tế, Bộ Tài chính tại Công văn số 12/MT-YT")
    >>> _issuer_of_at(c, c.text.index("Công văn"), 0, None).name
    'Bộ Y tế'
    """
    floor = max(lo, start - ISSUER_BEFORE_REACH)
    if not cleaned.folded[floor:start].rstrip().endswith("tai"):
        return None  # the pattern ends "… tại ": no need to scan
    m = rx.CITE_OF_AT_F.search(cleaned.folded, floor, start)
    if m is None:
        return None
    printed = cleaned.text[m.start("who") : m.end("who")].split(",")[0]
    printed = " ".join(rx.NAME_ABBREVIATION.sub("", printed).split())
    return _resolve_issuer(printed, context) if printed else None


def _issuer_before(
    cleaned: Cleaned, start: int, lo: int, context: Organisation | None
) -> Organisation | None:
    """The subject that issues the mention at ``start``, when it is a known body (or bodies
    joined by ``và``): ``Ngày 05/3/2021, Ban Thường vụ Tỉnh ủy đã ban hành Chỉ thị số …``.

    >>> from chidao.extract.clean import clean
    >>> c = clean("Ngày 10/3/2020, Bộ Tài chính và Ngân hàng Nhà nước (NHNN) Việt Nam ký Quy chế")
    >>> _issuer_before(c, c.text.index("Quy chế"), 0, None).name
    'Bộ Tài chính và Ngân hàng Nhà nước Việt Nam'
    """
    text, f = cleaned.text, cleaned.folded
    floor = max(lo, start - ISSUER_BEFORE_REACH)
    if not f[floor:start].rstrip().endswith(("hanh", "ky")):
        return None  # the pattern ends "… ban hành " / "… ký ": no need to scan
    verb = rx.CITE_ISSUED_BY_F.search(f, floor, start)
    if verb is None or text[verb.start("verb") : verb.end("verb")].lower() == "kỳ":
        return None  # "kỳ" (a period) is no "ký"
    left = floor
    for mark in rx.CITE_CLAUSE_MARK.finditer(text, floor, verb.start()):
        left = mark.end()
    subject = rx.NAME_ABBREVIATION.sub("", " ".join(text[left : verb.start()].split()))
    parts = []
    for printed in rx.JOINT_SUBJECT_SPLIT.split(subject):
        org = _resolve_issuer(printed, context) if printed else None
        if org is None or not _known_body(org):
            return None  # "Cục Thuế đề nghị Công ty ký …": no known body issues it
        parts.append(org)
    if len(parts) == 1:
        return parts[0]
    return Organisation(name=" và ".join(p.name for p in parts), system=parts[0].system)


def _known_body(org: Organisation) -> bool:
    """Is ``org`` a national body or placed in the gazetteer, not just a name-shaped phrase?

    >>> _known_body(resolve_organisation("Bộ Tài chính"))
    True
    >>> _known_body(resolve_organisation("Bộ Tài chính Hướng dẫn"))
    False
    >>> _known_body(resolve_organisation("Bộ Tài chính - Bộ Công an"))  # a joint circular's
    True
    """
    if org.unit is not None or central_body(org.name) is not None:
        return True
    parts = rx.JOINT_ISSUER_SPLIT.split(org.name)
    return len(parts) > 1 and all(central_body(part) is not None for part in parts)


def _addressee(cleaned: Cleaned, words: list[tuple[int, int]], pos: int) -> Organisation | None:
    """``của Công ty`` in a reply is the company it answers, named after ``Kính gửi``."""
    if not words:
        return None
    f = cleaned.folded
    printed = " ".join(f[words[0][0] : words[-1][1]].split())
    word = rx.CITE_ADDRESSEE_WORD_F.match(printed)
    if word is None:
        return None
    kind = " ".join(word.group(1).split())
    for m in rx.CITE_ADDRESSEE_LINE_F.finditer(f, 0, pos):
        name_start, name_end = m.span("name")
        if " ".join(f[name_start:name_end].split()).startswith(kind):
            name_start, name_end = cleaned.trim(name_start, name_end)
            name = cleaned.printed(name_start, name_end)
            return Organisation(
                name=name,
                printed=" ".join(cleaned.text[words[0][0] : words[-1][1]].split()),
                span=cleaned.to_original(words[0][0], words[-1][1]),
            )
    return None


def _issuer_words(text: str, f: str, pos: int, hi: int) -> list[tuple[int, int]]:
    """Word spans of a printed issuer: up to punctuation or a lower-case function word.

    Names are capitalised, so ``tại``, ``về``, ``đã`` end one but ``Tài chính`` and
    ``Đảng`` do not; ``và`` joins two names only when a capital follows
    (``Bộ Tài nguyên và Môi trường``, not ``Chính phủ và khoản 5``).
    """
    out: list[tuple[int, int]] = []
    for m in rx.ISSUER_WORD.finditer(text, pos, hi):
        punct = m.group("punct")
        if punct == "," and any(rx.ISSUER_COMMA_JOIN_F.match(f, start) for start, _ in out[-2:]):
            continue  # "Bộ Văn hóa, Thể thao và Du lịch"
        if punct or len(out) >= MAX_ISSUER_WORDS:
            break
        word = m.group("word")
        if out and _header_line_follows(text, f, (out[0][0], out[-1][1]), m.start()):
            break
        if out and not word[0].isupper() and not word[0].isdigit():
            # (at m.start() in the whole text, not a copy of its tail: neither pattern looks back)
            if (
                rx.CITE_ISSUER_STOP_F.match(f, m.start())
                and word.lower() not in ISSUER_NAME_WORDS
                and not (word == "tai" and f[out[-1][0] : out[-1][1]] == "thien")
            ):
                break  # "về", "tại", "số" end a name; "cơ sở", "thiên tai" do not
            if rx.ISSUER_AND_F.match(f, m.start()) and (
                not _next_is_capital(text, m.end(), hi)
                or rx.CITE_TYPE_F.match(f, m.end() + 1, hi)  # "… và Công điện khẩn số …"
            ):
                break
        out.append((m.start(), m.end()))
    return out


def _header_line_follows(text: str, f: str, name: tuple[int, int], start: int) -> bool:
    """Does a header line start at ``start``, after a line break: the motto or the Party's name
    (``CỘNG HÒA XÃ HỘI …`` right under a ``V/v`` line), or a line in capitals after words that
    are not (``… của Thủ tướng Chính phủ`` / ``ĐẢNG CỘNG SẢN VIỆT NAM``)?  ``name`` is the span of
    the words taken so far.

    >>> t = "của Thủ tướng Chính phủ\\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
    >>> _header_line_follows(t, fold(t), (4, 23), 24)
    True
    >>> t = "của Ban Thường vụ\\nTỉnh ủy"
    >>> _header_line_follows(t, fold(t), (4, 17), 18)
    False
    """
    if "\n" not in text[name[1] : start]:
        return False
    line_end = text.find("\n", start)
    line = text[start : line_end if line_end >= 0 else len(text)]
    if rx.RIGHT_COLUMN_F.match(f, start):
        return True
    words = [w for w in line.split() if any(ch.isalpha() for ch in w)]
    return (
        len(words) >= 2 and upper_ratio(line) > 0.9 and upper_ratio(text[name[0] : name[1]]) < 0.5
    )


def _next_is_capital(text: str, pos: int, hi: int) -> bool:
    nxt = rx.ISSUER_WORD.search(text, pos, hi)
    return bool(nxt and nxt.group("word") and nxt.group("word")[0].isupper())


def _resolve_issuer(printed: str, context: Organisation | None) -> Organisation | None:
    folded = fold(printed)
    head = rx.CITE_POSITION_F.match(folded)
    if head is not None:  # "Bộ trưởng Bộ Tài chính" → the ministry
        printed = printed[head.end() :]
    if len(printed) < 2:
        return None
    return resolve_cited(printed, context)


#: Spelled-out names of the abbreviations in ``regexes.AGENCY_ABBREVIATION`` (spaces,
#: ``&`` and ``-`` removed from the key).
AGENCY_NAMES = {
    "NNPTNT": "Nông nghiệp và Phát triển nông thôn",
    "NNvàPTNT": "Nông nghiệp và Phát triển nông thôn",
    "PTNT": "Phát triển nông thôn",
    "LĐTBXH": "Lao động - Thương binh và Xã hội",
    "TTTT": "Thông tin và Truyền thông",
    "VHTTDL": "Văn hóa, Thể thao và Du lịch",
    "VH,TTDL": "Văn hóa, Thể thao và Du lịch",
    "KHĐT": "Kế hoạch và Đầu tư",
    "TNMT": "Tài nguyên và Môi trường",
    "GDĐT": "Giáo dục và Đào tạo",
    "GTVT": "Giao thông vận tải",
    "KHCN": "Khoa học và Công nghệ",
}

#: The Youth Union's central committee, which its Secretariat speaks for.
YOUTH_UNION_CENTRAL = "Ban Chấp hành Trung ương Đoàn TNCS Hồ Chí Minh"


def resolve_cited(printed: str, context: Organisation | None) -> Organisation | None:
    """A cited document's issuer, resolved as a reader would: abbreviations spelled out
    (``Sở NN & PTNT``), who speaks for a committee dropped (``Ban Thường trực Ủy ban MTTQ``,
    ``Hội nghị Tỉnh ủy lần thứ 5``, ``Ban Chấp hành Đảng bộ tỉnh``), and a body named without
    its unit placed in the issuer's (``Ủy ban nhân dân Thành phố``, ``Sở Công Thương``).

    >>> hn = resolve_organisation("Ủy ban nhân dân thành phố Hà Nội")
    >>> resolve_cited("Ủy ban nhân dân Thành phố", hn).name
    'Ủy ban nhân dân thành phố Hà Nội'
    >>> resolve_cited("Sở NN & PTNT", hn).name
    'Sở Nông nghiệp và Phát triển nông thôn thành phố Hà Nội'
    >>> resolve_cited("Ban Chấp hành Đảng bộ Thành phố", hn).name
    'Thành ủy Hà Nội'
    """
    printed = _spelled_out(printed)
    org = resolve_organisation(printed, context)
    unit = context.unit if context is not None else None
    if org is None or unit is None or org.unit is not None:
        return _with_unit_name(org)
    if central_body(org.name) is not None:
        return org
    folded = " ".join(fold(printed).split())
    committee = next((k for k, v in COMMITTEE_BY_UNIT.items() if fold(v) == folded), None)
    if committee is not None:
        # "Thành ủy" in a Hà Nội letter: the city's committee
        own = _unit_of_level(unit, committee)
        m = rx.UNIT_TYPE_WORD.match(own) if own else None
        if own is not None and m is not None:
            placed = resolve_organisation(f"{printed} {own[m.end() :].strip()}", context)
            if placed is not None and placed.unit is not None:
                return placed
    level = rx.BARE_LEVEL_END_F.search(folded)
    if level is not None:
        # "Ủy ban nhân dân Thành phố" in a Hà Nội letter: the city's own committee
        own = _unit_of_level(unit, level.group("level"))
        if own is not None:
            words = len(level.group("level").split())
            head = " ".join(printed.split()[:-words])
            placed = resolve_organisation(f"{head} {_lower_type(own)}", context)
            if placed is not None and (placed.unit is not None or _names_unit(placed, own)):
                return _with_unit_name(placed)  # (a town's Front committee has no gazetteer unit)
    if rx.AGENCY_HEAD_SO_F.match(fold(printed)):
        # "Sở Công Thương" cited by a provincial body: that province's department
        province = unit.name if unit.level == "province" else unit.province
        if province:
            placed = resolve_organisation(f"{printed} {_lower_type(province)}", context)
            if placed is not None and placed.unit is not None:
                return _with_unit_name(placed)
    return org


def _names_unit(org: Organisation, unit_name: str) -> bool:
    """Whether ``org``'s name carries the unit ``unit_name`` (``… thị xã Điện Bàn``)."""
    m = rx.UNIT_TYPE_WORD.match(unit_name)
    proper = unit_name[m.end() :].strip() if m else unit_name
    return bool(proper) and fold(proper) in fold(org.name)


def _spelled_out(printed: str) -> str:
    """The printed issuer with abbreviations spelled out and speakers dropped.

    >>> _spelled_out("Sở NN & PTNT tỉnh Hà Nam"), _spelled_out("Hội nghị Tỉnh ủy lần thứ 5 Khoá XX")
    ('Sở Nông nghiệp và Phát triển nông thôn tỉnh Hà Nam', 'Tỉnh ủy')
    >>> _spelled_out("Ban Chấp hành Đảng bộ tỉnh"), _spelled_out("Ban Bí thư Trung ương Đoàn")
    ('Tỉnh ủy', 'Ban Chấp hành Trung ương Đoàn TNCS Hồ Chí Minh')
    """
    if rx.YOUTH_UNION_CENTRAL.match(printed):
        return YOUTH_UNION_CENTRAL
    printed = rx.AGENCY_ABBREVIATION.sub(
        lambda m: (
            AGENCY_NAMES.get(m.group(0).replace(" ", "").replace("&", "").replace("-", ""))
            or m.group(0)
        ),
        printed,
    )
    printed = rx.NAME_AMPERSAND.sub(" và ", printed)
    printed = rx.FRONT_SPEAKER.sub("", printed)
    if rx.CONFERENCE_HEAD.match(printed):
        printed = rx.CONFERENCE_TAIL.sub("", rx.CONFERENCE_HEAD.sub("", printed))
    party = rx.PARTY_ORGANISATION.match(printed)
    if party is not None:
        committee = COMMITTEE_BY_UNIT[" ".join(fold(party.group("level")).split())]
        printed = f"{committee} {party.group('rest')}" if party.group("rest") else committee
    return printed


def _unit_of_level(unit: AdminUnit, level: str) -> str | None:
    """The name of the issuer's unit (or the unit above it) that a bare level word means."""
    names = {"province": unit.name if unit.level == "province" else unit.province}
    names["district"] = unit.name if unit.level == "district" else unit.district
    names["commune"] = unit.name if unit.level == "commune" else None
    order = ("commune", "district", "province")
    for key in order:
        name = names[key]
        if name and " ".join(fold(name).split()).startswith(level + " "):
            return name
    return None


def _lower_type(unit_name: str) -> str:
    """``Thành phố Hà Nội`` → ``thành phố Hà Nội`` (the type word as written inside a name)."""
    m = rx.UNIT_TYPE_WORD.match(unit_name)
    return unit_name[: m.end()].lower() + unit_name[m.end() :] if m else unit_name


def _with_unit_name(org: Organisation | None) -> Organisation | None:
    """A committee's organ placed by the gazetteer but named without its unit (``Ban Tuyên
    giáo Huyện ủy``, unit Huyện Nga Sơn) gets the unit's name (``… Huyện ủy Nga Sơn``)."""
    if org is None or org.unit is None or org.unit.level == "commune":
        return org
    m = rx.UNIT_TYPE_WORD.match(org.unit.name)
    bare = org.unit.name[m.end() :].strip() if m else org.unit.name
    if not bare or fold(bare) in fold(org.name):
        return org
    if not rx.COMMITTEE_ORGAN_END_F.search(fold(org.name)):
        return org
    return replace(org, name=f"{org.name} {bare}")


@cache
def _national_body(name: str) -> Organisation:
    return resolve_organisation(name, None) or Organisation(name=name)


def _issuer_from_code(
    number: str, context: Organisation | None, own_number: str | None
) -> Organisation | None:
    glued = rx.NUMBER_GLUED_CODES.match(number)
    if glued is not None:
        number = f"{glued.group(1)}-{glued.group(2)}"  # "491/QĐTTg" is "491/QĐ-TTg"
    department = _department_from_code(number, context)
    if department is not None:
        return department
    agency = _party_agency_from_code(number, context)
    if agency is not None:
        return agency
    joint = joint_issuers_from_number(number)
    if joint:
        # "Thông tư liên tịch số 02/2019/TTLT-BTC-BCA": every body whose code it carries
        return _national_body(" - ".join(joint))
    name = issuer_from_number(number)
    if name is not None:
        return _national_body(name)
    # A number carrying the issuer's own code is one of its own earlier letters.
    code = issuer_code(number)
    if context is not None and own_number and code and code == issuer_code(own_number):
        return context
    committee = committee_from_number(number)
    if committee is not None and context is not None:
        # "Chỉ thị số 05-CT/TU" in a district letter: its province's committee
        resolved = resolve_organisation(committee, context)
        if resolved is not None and resolved.unit is not None:
            return resolved
    return None


#: A provincial department's code in a number (``…/TTr-SNV``, ``…/SNV-CCHC``) → its name.
DEPARTMENT_CODES = {
    "SNV": "Sở Nội vụ",
    "STP": "Sở Tư pháp",
    "STC": "Sở Tài chính",
    "SYT": "Sở Y tế",
    "SXD": "Sở Xây dựng",
    "SCT": "Sở Công Thương",
    "SGTVT": "Sở Giao thông vận tải",
    "SGDĐT": "Sở Giáo dục và Đào tạo",
    "SKHĐT": "Sở Kế hoạch và Đầu tư",
    "STTTT": "Sở Thông tin và Truyền thông",
    "STNMT": "Sở Tài nguyên và Môi trường",
    "SKHCN": "Sở Khoa học và Công nghệ",
    "SNNPTNT": "Sở Nông nghiệp và Phát triển nông thôn",
    "SLĐTBXH": "Sở Lao động - Thương binh và Xã hội",
    "SVHTTDL": "Sở Văn hóa, Thể thao và Du lịch",
    "SNgV": "Sở Ngoại vụ",
}


def _department_from_code(number: str, context: Organisation | None) -> Organisation | None:
    """A provincial department named by its code (``1494/TTr-SNV``, ``2231/SNV-CCHC&PC``),
    placed in the issuer's province; ``None`` without a province to place it in.

    >>> hp = resolve_organisation("Ủy ban nhân dân thành phố Hải Phòng")
    >>> _department_from_code("2231/SNV-CCHC&PC", hp).name
    'Sở Nội vụ thành phố Hải Phòng'
    """
    unit = context.unit if context is not None else None
    if unit is None:
        return None
    parts = [p for p in rx.NUMBER_CODE_PARTS.split(number) if p]
    name = next((DEPARTMENT_CODES[p] for p in parts[1:] if p in DEPARTMENT_CODES), None)
    province = unit.name if unit.level == "province" else unit.province
    if name is None or not province:
        return None
    placed = resolve_organisation(f"{name} {_lower_type(province)}", context)
    return placed if placed is not None and placed.unit is not None else None


#: A Party agency's code before its committee's in a Party number (``16-HD/BTGHU``).
PARTY_AGENCY_CODES = {
    "BTG": "Ban Tuyên giáo",
    "BTC": "Ban Tổ chức",
    "BDV": "Ban Dân vận",
    "BNC": "Ban Nội chính",
    "UBKT": "Ủy ban Kiểm tra",
    "VP": "Văn phòng",
}

#: A committee's code at the end of a Party number (``…/BTGHU``, ``…/VPTU``, ``…/BTCTW``).
PARTY_COMMITTEE_CODES = {
    "TU": "Tỉnh ủy",
    "THU": "Thành ủy",
    "HU": "Huyện ủy",
    "QU": "Quận ủy",
    "TW": "Trung ương",
    "TƯ": "Trung ương",
    "ĐU": "Đảng ủy",
}


def _party_agency_from_code(number: str, context: Organisation | None) -> Organisation | None:
    """A Party agency issuing under its own number, named by the number's code
    (``16-HD/BTGHU`` → ``Ban Tuyên giáo Huyện ủy`` of the issuer's district).

    >>> _party_agency_from_code("20-HD/BTCTW", None).name
    'Ban Tổ chức Trung ương'
    >>> _party_agency_from_code("12/TT-BTC", None) is None  # a State number: Bộ Tài chính
    True
    """
    m = rx.PARTY_NUMBER_CODE.match(number)
    if m is None:
        return None
    code = m.group("code").upper()
    for prefix, agency in PARTY_AGENCY_CODES.items():
        committee = (
            PARTY_COMMITTEE_CODES.get(code[len(prefix) :]) if code.startswith(prefix) else None
        )
        if committee is not None:
            org = resolve_cited(f"{agency} {committee}", context)
            return org if org is not None and _known_body(org) else None
    return None


# --- laws named by title ------------------------------------------------------------------------

#: Printed words that fold onto a stop word but go on a law's name: "Luật Đầu tư" (not "từ"),
#: "Luật Chứng khoán" (not "khoản"), "Luật Xử lý vi phạm …" (not "vì"), "Luật Ban hành văn bản
#: quy phạm pháp luật" (not "vẫn", "bán", "quy định").
LAW_NAME_WORDS = frozenset({"tư", "khoán", "vi", "văn", "bản", "quy phạm"})


def _law_name_end(text: str, f: str, end: int, hi: int) -> int:
    """Where a law's name ends, past stop words printed as name words.

    >>> from chidao.extract.clean import fold
    >>> t = "Luật Đầu tư năm 2020"
    >>> t[: _law_name_end(t, fold(t), 8, len(t))]
    'Luật Đầu tư'
    """
    while True:
        words = [w.strip(',.;:()"“”').lower() for w in text[end : min(hi, end + 40)].split()[:2]]
        if not words or not (words[0] in LAW_NAME_WORDS or " ".join(words) in LAW_NAME_WORDS):
            return end  # ("quy phạm", not "quy định": "Luật Ban hành văn bản quy phạm pháp luật")
        more = rx.LAW_NAME_MORE_F.match(f, end, hi)
        if more is None:
            return end
        end = more.end()


def _laws(cleaned: Cleaned, lo: int, hi: int) -> list[_Found]:
    text, f = cleaned.text, cleaned.folded
    out: list[_Found] = []
    if f.find(rx.LAW_NAME_NEEDS_F, lo, hi) < 0:
        return out  # no "luật": nothing to find, and the scan would try every "b" and "l"
    legislature = resolve_organisation(LEGISLATURE, None) or Organisation(name=LEGISLATURE)
    for m in rx.LAW_NAME_F.finditer(f, lo, hi):
        word = text[m.start() : m.start("name")]
        if not word[0].isupper() or word.isupper():
            continue  # "pháp luật": the common noun; "LUẬT": a title or a stamp
        if f[max(lo, m.start() - 5) : m.start()].endswith("phap "):
            continue  # "Hệ Thống Pháp Luật vui lòng …" (a portal's name) is no law
        end = _law_name_end(text, f, m.end(), hi)
        tail = rx.LAW_TITLE_TAIL_F.match(f, end, hi)
        if tail is not None and _date_after(f, tail.end(), hi)[0] is not None:
            end = tail.end()  # "Luật Ban hành văn bản quy phạm pháp luật ngày 22 tháng 6 năm 2015"
        year = rx.CITE_YEAR_F.match(f, end, hi)
        date, end2 = _date_after(f, end, hi)
        end = year.end() if year else end2
        doc_type = "Bộ luật" if m.group("type").startswith("bo") else "Luật"
        name = " ".join(f[m.start() : _law_name_end(text, f, m.end(), hi)].split())
        out.append(_Found(m.start(), end, doc_type, None, date, legislature, law_name=name))
    return out


#: The issuer of the Party's statute.
PARTY = "Đảng Cộng sản Việt Nam"

#: A Party organisation's level word (folded) → the level of its unit.
PARTY_LEVELS = {
    "tinh": "province",
    "thanh pho": "province",
    "huyen": "district",
    "quan": "district",
    "thi xa": "district",
    "xa": "commune",
    "phuong": "commune",
    "thi tran": "commune",
}


def _named(cleaned: Cleaned, lo: int, hi: int, context: Organisation | None) -> list[_Found]:
    """Documents known by name rather than number: the Party's statute (``Điều lệ Đảng``), a
    congress's or plenum's resolution (``Nghị quyết Đại hội đại biểu Đảng bộ tỉnh lần thứ
    XVII``, issuer the Party organisation; ``Kết luận Hội nghị lần thứ tư Ban Chấp hành Trung
    ương``), a council's (``Nghị quyết HĐND Thành phố Hà Nội về …``).
    """
    text, f = cleaned.text, cleaned.folded
    out: list[_Found] = []
    if "Điều" in text or "Điề" in text:
        party = Organisation(name=PARTY, level="central", system="party")
        for m in rx.CITE_PARTY_STATUTE.finditer(text, lo, hi):
            out.append(_Found(m.start(), m.end(), "Điều lệ", None, None, party, "dieu le dang"))
    for m in rx.CITE_NAMED_BODY.finditer(text, lo, hi):
        if rx.CITE_PLURAL_BEFORE_F.search(f, max(lo, m.start() - 12), m.start()):
            continue  # "các Nghị quyết Đại hội …"
        body = " ".join(m.group("body").split())
        issuer = _congress_issuer(body, context)
        if issuer is None:
            continue
        doc_type = DOC_TYPES[" ".join(fold(m.group("type")).split())]
        key = " ".join(fold(text[m.start() : m.end()]).split())
        if not fold(body).startswith(("dai hoi", "hoi nghi")):
            key = None  # a council's: the same as a numbered one of that council, if listed
        out.append(_Found(m.start(), m.end(), doc_type, None, None, issuer, key))
    return out


def _congress_issuer(body: str, context: Organisation | None) -> Organisation | None:
    """Who adopted a resolution named by its congress, plenum or council.

    >>> _congress_issuer("Đại hội Đảng bộ xã Nhân Khang", None).name
    'Đảng bộ xã Nhân Khang'
    >>> _congress_issuer("Đại hội X của Đảng", None).name
    'Đại hội đại biểu toàn quốc lần thứ X của Đảng'
    >>> _congress_issuer("Hội nghị lần thứ tư Ban Chấp hành Trung ương Đảng khóa XIII", None).name
    'Ban Chấp hành Trung ương Đảng'
    >>> _congress_issuer("Đại hội Đảng các cấp", None) is None
    True
    """
    folded = fold(body)
    if "cac cap" in folded:
        return None  # "Đại hội Đảng các cấp": every congress, no one document
    if not folded.startswith("dai hoi"):
        return resolve_cited(body, context)  # "Hội nghị … Ban Chấp hành Trung ương", "HĐND …"
    org = rx.CITE_PARTY_ORGANISATION.search(body)
    if org is not None:
        level = " ".join(fold(org.group("level")).split())
        words = []
        for word in org.group("name").split():
            if not word[:1].isupper() or rx.ROMAN_NUMERAL.fullmatch(word):
                break  # "… xã Nhân Khang nhiệm kỳ", "… tỉnh lần thứ XVII"
            words.append(word)
        name = " ".join(words)
        unit_level = PARTY_LEVELS[level]
        if not name and context is not None and context.unit is not None:
            own = _unit_of_level(context.unit, level)
            m = rx.UNIT_TYPE_WORD.match(own) if own else None
            name = own[m.end() :].strip() if own and m else ""
            if own is not None:
                unit_level = context.unit.level if own == context.unit.name else unit_level
        if not name:
            return None
        level_word = org.group("level").lower()
        return Organisation(
            name=f"Đảng bộ {' '.join(level_word.split())} {name}", level=unit_level, system="party"
        )
    roman = rx.ROMAN_NUMERAL.search(body)
    if roman is not None and ("toan quoc" in folded or "cua dang" in folded):
        return Organisation(
            name=f"Đại hội đại biểu toàn quốc lần thứ {roman.group(0)} của Đảng",
            level="central",
            system="party",
        )
    return None


def _unnumbered(
    cleaned: Cleaned, lo: int, hi: int, context: Organisation | None, own_type: str | None
) -> list[_Found]:
    """``Kết luận của Ban Thường vụ Tỉnh ủy``: a document named by type and issuer only."""
    f = cleaned.folded
    out: list[_Found] = []
    for m in rx.CITE_UNNUMBERED.finditer(cleaned.text, lo, hi):
        if not rx.CITE_UNNUMBERED_LEAD_F.search(f, max(lo, m.start() - 60), m.start()):
            continue  # "các Nghị quyết của Trung ương", "… và Quyết định của …" (to come)
        issuer, end = _issuer_after(cleaned, m.end(), hi, context)
        if issuer is None:
            continue
        doc_type = DOC_TYPES[" ".join(fold(m.group("type")).split())]
        if own_type == doc_type and context is not None and issuer.name == context.name:
            continue  # "triển khai Nghị quyết của Chính phủ" in that Nghị quyết
        out.append(_Found(m.start(), end, doc_type, None, None, issuer, law_name=None))
    return out


# --- relations, merging, records ------------------------------------------------------------


#: Document types that carry out or report and do not legislate: in them an article-style
#: "Sửa đổi, bổ sung …" / "Bãi bỏ …" describes what another document did (a letter presenting
#: a new circular); only "Công văn này thay thế …" is their own act.
NON_LEGISLATIVE = frozenset({"Công văn", "Công điện", "Thông báo", "Báo cáo", "Tờ trình"})


def _with_relations(
    cleaned: Cleaned, found: list[_Found], lo: int, letter: bool = False
) -> list[_Found]:
    # Relation words are matched with line breaks as spaces ("thực\nhiện"); same offsets.
    flat = cleaned.folded.replace("\n", " ")
    basis = _basis_sections(cleaned.text, lo)
    out: list[_Found] = []
    objects: set[int] = set()  # mentions that are only the object of a previous one's title
    for cur in found:
        start = sentence_start(cleaned.text, cur.start, lo)
        prev = out[-1] if out and out[-1].end > start else None
        trigger = classify(flat, start, prev.end if prev else start, cur.start)
        joined = prev is not None and rx.REL_LIST_JOIN_F.search(flat, prev.end, cur.start)
        heading = next((h for h in basis if h[1] <= cur.start < h[2]), None)
        if heading is not None and (trigger is None or trigger.name not in ("amends", "replaces")):
            # an item under "I. CĂN CỨ XÂY DỰNG KẾ HOẠCH", whatever its title says
            relation = Relation("based_on", heading[0], heading[1])
        elif joined and (trigger is None or rx.REL_TITLE_OPEN_F.match(flat, prev.end, cur.start)):
            # "Căn cứ Công điện số 12 … về việc … để thực hiện … và công văn số 345": the
            # title's "thực hiện" is not this mention's relation; after a title's object
            # ("Thực hiện A về thực hiện B; C"), the list goes on from A
            lead = next((g for i, g in reversed(list(enumerate(out))) if i not in objects), prev)
            relation = lead.relation if len(out) - 1 in objects else prev.relation
        elif (
            prev is not None
            and trigger is not None
            and trigger.name == "implements"
            and trigger.start is not None
            and trigger.end is not None
            and len(flat[trigger.end : cur.start].split()) <= MAX_OBJECT_GAP_WORDS
            and rx.REL_IN_TITLE_F.match(flat, prev.end, trigger.start)
        ):
            # "Thực hiện Kết luận số 01 … về tiếp tục thực hiện Chỉ thị số 05": the object of
            # the implemented document is only mentioned
            relation = Relation("cites", trigger.start, trigger.end)
            objects.add(len(out))
        else:
            relation = trigger or Relation("cites")
            if trigger is None and prev is not None and not joined:
                if rx.REL_IN_TITLE_F.match(flat, prev.end, cur.start):
                    # "Nghị định số 123 … hướng dẫn thi hành một số điều của Luật Hộ tịch": a
                    # mention inside the previous one's title; a list goes on past it
                    objects.add(len(out))
        if (
            relation.name in ("amends", "replaces", "repeals")
            and letter
            and relation.start is not None
            and not rx.REL_SELF_SUBJECT_F.search(flat, start, relation.start)
        ):
            relation = Relation("cites", relation.start, relation.end)  # described, not done
        if relation.name not in ("amends", "replaces"):
            ends = ceases_after(flat, cur.end)
            relation = ends or relation  # "Quyết định số 12 … hết hiệu lực kể từ ngày … này …"
        out.append(replace(cur, relation=relation))
    return out


def _basis_sections(text: str, lo: int) -> list[tuple[int, int, int]]:
    """``(heading start, heading end, section end)`` of each ``CĂN CỨ …`` section heading.

    >>> t = "I. CĂN CỨ\\n1. Quyết định số 1/QĐ-TTg;\\nII. MỤC ĐÍCH\\n- Thực hiện"
    >>> [(t[a:b], t[b:c].strip()) for a, b, c in _basis_sections(t, 0)]
    [('I. CĂN CỨ', '1. Quyết định số 1/QĐ-TTg;')]
    """
    out = []
    if "CĂN CỨ" not in text:
        return out
    for m in rx.REL_BASIS_HEADING.finditer(text, lo):
        nxt = rx.REL_NEXT_SECTION.search(text, m.end())
        out.append((m.start(), m.end(), nxt.start() if nxt else len(text)))
    return out


def _merge(found: list[_Found]) -> list[_Found]:
    """One entry per document: first mention, filled in from the others."""
    by_key: dict[str, list[_Found]] = {}
    for f in found:
        by_key.setdefault(_same_as(f.key, by_key), []).append(f)
    # A law cited by title and elsewhere with its number ("Luật Quản lý thuế số 38/2019/QH14").
    merged: list[_Found] = []
    for group in by_key.values():
        first = max(group, key=lambda g: (g.fullness, -g.start))
        first = min(group, key=lambda g: g.start) if first.fullness == group[0].fullness else first
        date = first.date or next((g.date for g in group if g.date), None)
        issuer = first.issuer or next((g.issuer for g in group if g.issuer), None)
        relation = next((g.relation for g in group if g.relation.name != "cites"), first.relation)
        number = _usual_number(group) if first.number else None
        merged.append(replace(first, number=number, date=date, issuer=issuer, relation=relation))
    # "Kết luận của Ban Thường vụ Tỉnh ủy" is the numbered Kết luận of that body, if listed.
    numbered = {(g.doc_type, g.issuer.name) for g in merged if g.number and g.issuer}
    merged = [
        g
        for g in merged
        if g.number
        or g.law_name
        or (g.doc_type, g.issuer.name if g.issuer else None) not in numbered
    ]
    # "Luật Quản lý thuế" and "Luật Quản lý thuế số 38/2019/QH14" are one law.
    titled = {g.law_name for g in merged if g.number and g.law_name}
    merged = [g for g in merged if g.number or g.law_name not in titled]
    merged.sort(key=lambda g: g.start)
    return merged


def _cut_title(a: str, b: str) -> bool:
    """Is one of two law keys the other cut short by OCR: less its last word (``l:luat dau`` /
    ``l:luat dau tu``), or its first three words or more (``l:luat xu ly`` / ``l:luat xu ly vi
    pham hanh chinh``; ``l:luat thue`` stays apart from ``l:luat thue thu nhap ca nhan``)?

    >>> _cut_title("l:luat dau", "l:luat dau tu"), _cut_title("l:luat thue", "l:luat thue gtgt ca")
    (True, False)
    """
    short, long_ = sorted((a, b), key=len)
    if not long_.startswith(short + " "):
        return False
    return " " not in long_[len(short) + 1 :] or short.count(" ") >= 2


def _same_as(key: str, seen: dict[str, list[_Found]]) -> str:
    """The key of an earlier mention of the same document, or ``key``.

    An OCR-truncated number (``16/CT-T`` from ``16/CT-T Tự``) is the same document as
    a full one it begins (``16/CT-TTg``); a law's title one word short, the same law.
    """
    if key in seen:
        return key
    if key.startswith("l:"):
        # "Luật Đầu tu" (OCR'd, cut at "tu") is the "Luật Đầu tư" listed
        for other in seen:
            if other.startswith("l:") and _cut_title(key, other):
                return other
        return key
    if not key.startswith("n:"):
        return key
    serial = key.split("/", 1)[0]
    for other in seen:
        if "/" in key and "/" in other and other.split("/", 1)[0] == serial:
            if other.startswith(key) or key.startswith(other):
                return other
    return key


def _usual_number(group: list[_Found]) -> str | None:
    """The printed form most mentions agree on (``UBTVQH14`` over one OCR'd ``UBTVQHI4``)."""
    counts: dict[str, int] = {}
    for g in group:
        if g.number:
            counts[g.number] = counts.get(g.number, 0) + 1
    if not counts:
        return None
    best = max(counts.values())
    return next(g.number for g in group if g.number and counts[g.number] == best)


def _to_citation(cleaned: Cleaned, f: _Found) -> Citation:
    text = cleaned.text
    surface = cleaned.printed(f.start, f.end)
    year = None
    if f.number:
        m = rx.CITE_NUMBER_YEAR.search(f.number)
        year = int(m.group(1)) if m else None
    if year is None and f.date:
        year = int(f.date[:4])
    trigger = None
    if f.relation.start is not None and f.relation.end is not None:
        printed = text[f.relation.start : f.relation.end]
        words = " ".join(printed.split())
        trigger = Mention(
            value=words[:1].upper() + words[1:],  # "Thực hiện", "Căn cứ", "theo"
            span=cleaned.to_original(f.relation.start, f.relation.end),
            printed=words,
        )
    return Citation(
        surface=surface,
        span=cleaned.to_original(f.start, f.end),
        doc_type=f.doc_type,
        number=f.number,
        date=f.date,
        year=year,
        issuer=f.issuer,
        relation=f.relation.name,
        trigger=trigger,
    )
