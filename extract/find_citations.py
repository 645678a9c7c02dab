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
from functools import cache

from chidao.extract import regexes as rx
from chidao.extract.clean import Cleaned, fold
from chidao.extract.dates import check_date, iso_date
from chidao.extract.issuer_codes import (
    committee_from_number,
    issuer_code,
    issuer_from_number,
    joint_issuers_from_number,
)
from chidao.extract.lines import upper_ratio
from chidao.extract.records import Citation, Mention, Organisation, Problem
from chidao.extract.relations import Relation, classify, sentence_start
from chidao.extract.resolve import central_body, doc_type_from_number, resolve_organisation

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
}

#: Longest printed issuer, in words, after ``của``.
MAX_ISSUER_WORDS = 14

#: Lower-case name words that fold onto a stop word (``sở``/``số``, ``cơ``/``có``):
#: "Công đoàn cơ sở Công ty …".
ISSUER_NAME_WORDS = frozenset({"sở", "cơ", "sỡ", "giáo", "tư", "đảng"})

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
    found = _numbered(cleaned, lo, hi, context, own_number, problems)
    taken = [(f.start, f.end) for f in found]
    found += [f for f in _laws(cleaned, lo, hi) if not any(a <= f.start < b for a, b in taken)]
    taken = [(f.start, f.end) for f in found]
    found += [
        f
        for f in _unnumbered(cleaned, lo, hi, context, own_type)
        if not any(a <= f.start < b for a, b in taken)
    ]
    found.sort(key=lambda f: f.start)
    found = _with_relations(cleaned, found, lo)
    return tuple(_to_citation(cleaned, f) for f in _merge(found))


# --- numbered mentions -----------------------------------------------------------------------


def _numbered(
    cleaned: Cleaned,
    lo: int,
    hi: int,
    context: Organisation | None,
    own_number: str | None,
    problems: list[Problem] | None = None,
) -> list[_Found]:
    text, f = cleaned.text, cleaned.folded
    own = number_key(own_number) if own_number else None
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
        number = normalise_number(text[after.start(group) : after.end(group)])
        if own is not None and number_key(number) == own:
            continue
        if rx.CITE_ATTACHMENT_F.search(f[max(lo, m.start() - 30) : m.start()]):
            continue  # "Kèm theo Công văn số …" is the document itself
        end = after.end()
        date_pos = end
        date, end = _date_after(f, end, hi)
        if date is None and problems is not None:
            _report_cited_date(cleaned, date_pos, hi, problems)
        if date is None:
            date = _date_before(cleaned, m.start(), lo)
        issuer, end = _issuer_after(cleaned, end, hi, context)
        if issuer is None:
            issuer = _issuer_before(cleaned, m.start(), lo, context)
        if issuer is None:
            issuer = _issuer_from_code(number, context, own_number)
        if issuer is None:
            issuer = _issuer_of_at(cleaned, m.start(), lo, context)
        doc_type = DOC_TYPES[" ".join(m.group("type").split())]
        law_name = None
        if doc_type in ("Luật", "Bộ luật") and qual and qual.strip():
            law_name = " ".join((m.group("type") + qual).split())
        out.append(_Found(m.start(), end, doc_type, number, date, issuer, law_name))
    return out


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
    year = m.group("y1") or m.group("y2")
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
        if org is None:
            continue
        org = replace(org, printed=printed, span=cleaned.to_original(start, org_end))
        if _known_body(org):
            return org, org_end
        best = best or (org, org_end, n)
    return (best[0], best[1]) if best else (None, pos)


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
            if rx.CITE_ISSUER_STOP_F.match(f, m.start()) and word.lower() not in ISSUER_NAME_WORDS:
                break  # "về", "tại", "số" end a name; "cơ sở" does not
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
    return resolve_organisation(printed, context)


@cache
def _national_body(name: str) -> Organisation:
    return resolve_organisation(name, None) or Organisation(name=name)


def _issuer_from_code(
    number: str, context: Organisation | None, own_number: str | None
) -> Organisation | None:
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


def _with_relations(cleaned: Cleaned, found: list[_Found], lo: int) -> list[_Found]:
    # Relation words are matched with line breaks as spaces ("thực\nhiện"); same offsets.
    flat = cleaned.folded.replace("\n", " ")
    out: list[_Found] = []
    for cur in found:
        start = sentence_start(cleaned.text, cur.start, lo)
        prev = out[-1] if out and out[-1].end > start else None
        trigger = classify(flat, start, prev.end if prev else start, cur.start)
        joined = prev is not None and rx.REL_LIST_JOIN_F.search(flat, prev.end, cur.start)
        if joined and (trigger is None or rx.REL_TITLE_OPEN_F.match(flat, prev.end, cur.start)):
            # "Căn cứ Công điện số 12 … về việc … để thực hiện … và công văn số 345": the
            # title's "thực hiện" is not this mention's relation
            relation = prev.relation
        else:
            relation = trigger or Relation("cites")
        out.append(replace(cur, relation=relation))
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
