"""Stage 3, *find*: the header block of a directive.

Decree 30/2020/NĐ-CP (State) and Guideline 36-HD/VPTW (Party) lay the header
out in two columns: on the left the issuing body under its superior, the
number (``Số 217-CV/HU``, ``Số: 43/NQ-CP``) and the subject (``V/v …``); on the
right the national motto or ``ĐẢNG CỘNG SẢN VIỆT NAM`` and the place and date.
Converted or OCR'd copies interleave the columns, merge them onto one line or
lose parts; every element is therefore looked for on its own, line by line,
in the zone before the recipients (``Kính gửi``) or the first body paragraph.

Values keep the printed text; spans point into the original text.
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass, field

from chidao.extract import regexes as rx
from chidao.extract.clean import Cleaned, fold
from chidao.extract.dates import (
    YEAR_MIN,
    check_date,
    check_serial,
    iso_date,
    plausible_year,
    year_max,
)
from chidao.extract.doc_types import doc_type_from_number, doc_type_from_word
from chidao.extract.lines import (
    Line,
    has_right_column,
    left_column,
    split_lines,
    upper_ratio,
)
from chidao.extract.records import Mention, Problem
from chidao.extract.resolve import (
    resolve_organisation,
)
from chidao.extract.scan import search_if

#: How far (in lines) the header may reach when no ``Kính gửi`` closes it.
HEADER_MAX_LINES = 30
#: A lower-case line longer than this is a sentence of the body, not a header line.
BODY_LINE_MIN = 40


@dataclass(frozen=True)
class Header:
    """What the header block says; spans are in the original text."""

    number: Mention | None = None
    doc_type: Mention | None = None
    date: Mention | None = None
    place: Mention | None = None
    subject: Mention | None = None
    #: Left-column organisation lines, top to bottom (superior first, issuer last); each is
    #: the cleaned-text spans of its (possibly wrapped) parts.
    org_lines: tuple[tuple[tuple[int, int], ...], ...] = ()
    #: Cleaned offset where the header zone ends (start of Kính gửi or of the body).
    end: int = 0
    problems: tuple[Problem, ...] = field(default=())


def find_header(cleaned: Cleaned, recipients_start: int | None = None) -> Header:
    """Find the header elements in the zone before ``recipients_start`` (cleaned offset)."""
    lines = split_lines(cleaned)
    zone = _zone(lines, recipients_start)
    problems: list[Problem] = []
    date_line, date, place = _date(cleaned, zone, problems)
    number_line, number = _number(cleaned, zone, problems, date_line)
    title_line, doc_type, title_subject = _title(cleaned, zone)
    subject = _subject(cleaned, zone, number_line) or title_subject
    if subject is None and title_line is None and recipients_start is not None:
        subject = _subject_before_recipients(cleaned, zone, (number_line, date_line))
    if doc_type is None and number is not None:
        code_type = doc_type_from_number(number.value)
        if code_type:
            doc_type = Mention(code_type, number.span, number.printed)
    if title_line is None and _has_vv_line(zone):
        doc_type = Mention("Công văn")  # a V/v line and no title: a Công văn (not "1864/CT-…")
    org_lines: list[tuple[tuple[int, int], ...]] = []
    for anchor in _anchors(zone, number_line, date_line, title_line):
        org_lines = _org_lines(cleaned, zone, anchor)
        if org_lines:
            break
    end = _header_end(cleaned, zone, recipients_start, number_line, date_line, title_line, subject)
    return Header(
        number=number,
        doc_type=doc_type,
        date=date,
        place=place,
        subject=subject,
        org_lines=tuple(org_lines),
        end=end,
        problems=tuple(problems),
    )


def _header_end(
    cleaned: Cleaned,
    zone: list[Line],
    recipients_start: int | None,
    number_line: Line | None,
    date_line: Line | None,
    title_line: Line | None,
    subject: Mention | None,
) -> int:
    """Cleaned offset where the body may begin: at ``Kính gửi``, else after the last header
    element found (a letter without recipients goes straight from its subject to its body)."""
    if recipients_start is not None:
        return recipients_start
    ends = [ln.end for ln in (number_line, date_line, title_line) if ln is not None]
    if subject is not None and subject.span is not None:
        # The subject's end in the cleaned text: the first offset mapping past its span.
        # (The map never decreases, and its sentinel maps past every span.)
        ends.append(bisect_left(cleaned.offsets, subject.span[1]))
    if ends:
        return max(ends)
    for ln in zone:
        # No header element at all: the body starts at the first sentence ("Thực hiện Chỉ thị
        # số 13/CT-TTg …, Ủy ban nhân dân tỉnh yêu cầu:"), below any stamp or name lines.
        if (
            len(ln.text.strip()) > BODY_LINE_MIN
            and upper_ratio(ln.text) < 0.3
            and not rx.STAMP_LINE_F.match(ln.folded)
        ):
            return ln.start
    return zone[-1].end if zone else 0


def _zone(lines: list[Line], recipients_start: int | None) -> list[Line]:
    if recipients_start is not None:
        return [ln for ln in lines if ln.end <= recipients_start or ln.start < recipients_start]
    out = []
    title_above = False
    for ln in lines[: HEADER_MAX_LINES * 2]:
        # A long lower-case line ending a sentence is body text: the header is over (unless it
        # is the subject under a title standing alone: "Quyết định" / "ban hành Quy định …").
        if (
            len(ln.text) > 120
            and upper_ratio(ln.text) < 0.3
            and not rx.SUBJECT_VV_F.match(ln.folded)
            and not title_above
        ):
            break
        out.append(ln)
        if not ln.blank:
            kind = doc_type_from_word(ln.text.strip()) if len(ln.text) <= 40 else None
            title_above = kind is not None and fold(ln.text.strip()) == fold(kind)
    return out[:HEADER_MAX_LINES]


# --- number -----------------------------------------------------------------------------------


def _number(
    cleaned: Cleaned, zone: list[Line], problems: list[Problem], date_line: Line | None
) -> tuple[Line | None, Mention | None]:
    seen_date = False
    for ln in zone:
        seen_date = seen_date or ln is date_line
        if rx.STAMP_LINE_F.match(ln.folded):
            continue
        for a in rx.NUMBER_ANCHOR_F.finditer(ln.folded):
            # The anchor must open the line or its left part: not "số" inside a sentence.
            before = ln.text[: a.start()].strip()
            if len(before) > 6 and not has_right_column(ln):
                continue
            if ln.text[a.start()].islower() and (
                any(ch.isalpha() for ch in before) or (seen_date and ln is not date_line)
            ):
                continue  # "… Nghị quyết số 954/2020/…" inside a phrase, not "Số:"
            sp = rx.NUMBER_SPACED.match(ln.text, a.end())
            if sp is not None:
                # "Số 09 KH/ĐU": the dash between serial and type lost in conversion.
                s0, e0 = ln.start + sp.start(), ln.start + sp.end()
                value = f"{sp.group('serial')}-{sp.group('type')}/{sp.group('code')}"
                return ln, Mention(value, cleaned.to_original(s0, e0), cleaned.printed(s0, e0))
            m = rx.NUMBER_RAW.match(ln.text, a.end())
            if m is None:
                continue
            c = rx.NUMBER_CODE.match(ln.text, m.end())
            if c is None or not any(ch.isupper() for ch in c.group("code")):
                if not before and _garbage_number(ln.text[a.end() :]):
                    # "Số: ???/@@-XX": the number line, unreadable — not a body's name.
                    s, e = ln.start + a.end(), ln.start + len(ln.text.rstrip())
                    span, printed = cleaned.to_original(s, e), cleaned.printed(s, e)
                    problems.append(
                        Problem("unreadable-number", f"number {printed!r} cannot be read", span)
                    )
                    return ln, None
                continue
            raw = m.group("raw").strip()
            start = ln.start + (m.start("raw") if raw else m.start("sep"))
            end = ln.start + c.end()
            span = cleaned.to_original(start, end)
            printed = cleaned.printed(start, end)
            if not raw or not rx.NUMBER_SERIAL_OK.fullmatch(raw):
                problems.append(
                    Problem("unreadable-number", f"number {printed!r} has no readable serial", span)
                )
                return ln, None
            serial = "".join(ch for ch in raw if ch.isdigit())
            code = "".join(c.group("code").split()).rstrip(".")
            why = _number_problem(serial, code)
            if why:
                problems.append(Problem("impossible-number", f"number {printed!r}: {why}", span))
                return ln, None
            return ln, Mention(f"{serial}{m.group('sep')}{code}", span, printed)
    return None, None


def _garbage_number(rest: str) -> bool:
    """Is what follows ``Số`` a number gone to garbage (``???/@@-XX``), not a name (``Y TẾ``)?

    >>> _garbage_number("???/@@-XX"), _garbage_number(" Y TẾ"), _garbage_number("")
    (True, False, False)
    """
    word = rest.strip().split(" ")[0] if rest.strip() else ""
    return bool(word) and any(ch in "/-" for ch in word) and not word.replace("-", "").isalpha()


def _number_problem(serial: str, code: str) -> str:
    """Why a serial and code cannot be a registration number, or ``''``.

    >>> _number_problem("0000", "UBND-VX"), _number_problem("12", "1066/NĐ-CP")
    ('serial 0 (registers start at 1)', 'year 1066 is implausible')
    >>> _number_problem("38", "2015/TT-BTC")
    ''
    """
    if check_serial(serial):
        return "serial 0 (registers start at 1)"
    head = code.split("/")[0].split("-")[0]
    if len(head) == 4 and head.isdigit() and not plausible_year(int(head)):
        return f"year {head} is implausible"
    return ""


# --- date and place ---------------------------------------------------------------------------


def parse_date(day: str, month: str, year: str) -> str | None:
    """ISO date from printed parts, ``None`` when unreadable, impossible or implausible.

    >>> parse_date("15", "02", "2021"), parse_date("31", "2", "2021"), parse_date("2#", "9", "2021")
    ('2021-02-15', None, None)
    >>> parse_date("12", "3", "20211"), parse_date("12", "3", "1066")
    (None, None)
    """
    return iso_date(day, month, year)


def _date_problem(why: str, printed: str, span: tuple[int, int]) -> Problem:
    """The problem of a date line that gave no date (``why`` from :func:`check_date`)."""
    if why == "implausible":
        return Problem(
            "implausible-date",
            f"year outside {YEAR_MIN}–{year_max()}: {printed!r}",
            span,
        )
    if why == "impossible":
        return Problem("impossible-date", f"no such date: {printed!r}", span)
    return Problem("unreadable-date", f"date cannot be read: {printed!r}", span)


def _date(
    cleaned: Cleaned, zone: list[Line], problems: list[Problem]
) -> tuple[Line | None, Mention | None, Mention | None]:
    for ln in zone:
        if rx.STAMP_LINE_F.match(ln.folded):
            continue
        m = rx.DATE_LINE_F.search(ln.folded)
        if m is None or not _opens_date_line(ln.text[: m.start()]):
            continue
        start, end = ln.start + m.start(), ln.start + m.end()
        span = cleaned.to_original(start, end)
        printed = cleaned.printed(start, end)
        # "ngày 2 4 tháng 12": the scan's space inside the day is no separator
        iso, why = check_date(
            m.group("d").replace(" ", ""), m.group("m").replace(" ", ""), m.group("y")
        )
        date = None
        if iso is not None:
            date = Mention(iso, span, printed)
        else:
            problems.append(_date_problem(why, printed, span))
        place = _place(cleaned, ln, ln.start + m.start())
        return ln, date, place
    for ln in zone:
        # The numeric form: "Hà Nội, ngày 03-8-2021", "Kim Sơn, 12/3/2021".
        m = rx.DATE_LINE_NUMERIC_F.search(ln.folded)
        if m is None or rx.STAMP_LINE_F.match(ln.folded):
            continue
        if not _place_before(ln.text[: m.start()]):
            continue  # "- Căn cứ Chỉ thị số 42-CT/TW, ngày 25-8-2004": a citation, no date line
        start, end = ln.start + m.start(), ln.start + m.end()
        span = cleaned.to_original(start, end)
        printed = cleaned.printed(start, end)
        iso, why = check_date(m.group("d"), m.group("m"), m.group("y"))
        if iso is None:
            problems.append(_date_problem(why, printed, span))
        date = Mention(iso, span, printed) if iso else None
        return ln, date, _place(cleaned, ln, start)
    return None, None, None


def _place_before(before: str) -> bool:
    """Is the text before a numeric date's comma a place (``Hà Nội``, ``TP. Vinh``), possibly
    after the number's column (``Số: 12/UBND``)?

    >>> _place_before("Kim Sơn,"), _place_before("- Căn cứ Chỉ thị số 42-CT/TW,")
    (True, False)
    """
    words = before.rstrip(" ,").split()[-5:]
    place = []
    for w in reversed(words):
        if w[:1].isupper() or w in ("-", "–") or fold(w) in ("tp.", "tx."):
            place.append(w)
        else:
            break
    return bool(place)


def _opens_date_line(before: str) -> bool:
    """Is what precedes ``ngày`` a place (or nothing), not a sentence (``… từ ngày 01 tháng 7``)?"""
    before = before.rstrip()
    if not before or before.endswith(","):
        return True
    last = before.split()[-1]
    return last[:1].isupper() or not any(ch.isalpha() for ch in last)


_PLACE_LOWER = {"phố", "pho", "phô", "phó"}


def _place(cleaned: Cleaned, ln: Line, date_start: int) -> Mention | None:
    """The place before ``, ngày``: the run of capitalised words ending there."""
    text = cleaned.text[ln.start : date_start].rstrip(" ,")
    words = text.split(" ")
    run: list[str] = []
    for w in reversed(words):
        if not w:
            break
        # "Bà Rịa - Vũng Tàu": a dash between capitalised words belongs to the place.
        if w[0].isupper() or w in _PLACE_LOWER or (w in ("-", "–") and run):
            run.append(w)
        else:
            break
    run.reverse()
    while run and run[0] in ("-", "–"):
        run.pop(0)
    # Debris before the place: "7 Q Hà Nội", "…/CD-TTg Ha Nội", "GTGT Hà Nội", "CT-KK Hà Nội".
    while (
        run
        and fold(run[0]) not in ("tp.", "tx.")
        and (
            len(run[0]) == 1
            or not any(ch.isalpha() for ch in run[0])
            or any(ch.isdigit() or ch in "/-" for ch in run[0])
            or (len(run) > 1 and run[0].isupper() and not run[1].isupper())
        )
    ):
        run.pop(0)
    if not run:
        return None
    value = " ".join(run)
    if rx.NUMBER_ANCHOR_F.fullmatch(fold(value) + " "):
        return None
    start = ln.start + len(text) - len(value)
    end = ln.start + len(text)
    return Mention(value, cleaned.to_original(start, end), value)


# --- title and subject ------------------------------------------------------------------------


def _title(
    cleaned: Cleaned, zone: list[Line]
) -> tuple[Line | None, Mention | None, Mention | None]:
    for i, ln in enumerate(zone):
        s, e = left_column(ln)
        seg = cleaned.text[s:e].strip()
        if not seg or len(seg) > 40:
            continue
        kind = doc_type_from_word(seg)
        if kind is None or fold(seg).startswith(("so ", "so:")):
            continue
        if upper_ratio(seg) < 0.7 and fold(seg) != fold(kind):
            continue  # "Quyết định" alone on its line is a title (a journal's archive copy)
        lo = ln.start + (len(cleaned.text[s:e]) - len(cleaned.text[s:e].lstrip()))
        hi = lo + len(seg)
        title = Mention(kind, cleaned.to_original(lo, hi), seg)
        return ln, title, _lines_after(cleaned, zone, i + 1, title_subject=True)
    return None, None, None


def _subject(cleaned: Cleaned, zone: list[Line], number_line: Line | None) -> Mention | None:
    for i, ln in enumerate(zone):
        m = rx.SUBJECT_VV_F.match(ln.folded) or rx.SUBJECT_VA.match(ln.text)
        if m is not None:
            return _lines_after(cleaned, zone, i, skip=m.end())
    if number_line is not None:
        # Party letters print the subject under the number without "V/v" (seeds: "Về công tác…").
        i = zone.index(number_line)
        for j in range(i + 1, min(i + 3, len(zone))):
            ln = zone[j]
            if ln.blank:
                continue
            if _is_subject_start(ln):
                return _lines_after(cleaned, zone, j)
            break
    return None


def _subject_before_recipients(
    cleaned: Cleaned, zone: list[Line], header_lines: tuple[Line | None, ...]
) -> Mention | None:
    """A subject printed without ``V/v`` below the number and date, above ``Kính gửi``
    (a converter may put the date between the number and the subject)."""
    found = [zone.index(ln) for ln in header_lines if ln is not None]
    if not found:
        return None
    for j in range(max(found) + 1, len(zone)):
        ln = zone[j]
        if ln.blank or has_right_column(ln) or not ln.text.strip(" -—–_=*."):
            continue
        return _lines_after(cleaned, zone, j) if _is_subject_start(ln) else None
    return None


def _short_token(ln: Line) -> bool:
    """A lone acronym ending a wrapped subject: ``TMDT``."""
    text = ln.text.strip()
    return len(text.split()) == 1 and 2 <= len(text) <= 6 and text.isalpha() and text.isupper()


def _wrapped_after_gap(zone: list[Line], j: int) -> bool:
    """After the blank line ``j``, does the subject go on (a short lower-case line)?"""
    nxt = next((ln for ln in zone[j + 1 :] if not ln.blank), None)
    if (
        nxt is None
        or search_if(rx.RECIPIENTS_F, rx.RECIPIENTS_NEEDS_F, nxt.folded)
        or rx.RIGHT_COLUMN_F.search(nxt.folded)
    ):
        return False
    text = nxt.text.strip()
    wordy = len(text.split()) >= 2 and rx.WORD3.search(text) is not None
    return len(text) <= 40 and ((text[:1].islower() and wordy) or _short_token(nxt))


def _has_vv_line(zone: list[Line]) -> bool:
    return any(rx.SUBJECT_VV_F.match(ln.folded) or rx.SUBJECT_VA.match(ln.text) for ln in zone)


def _is_subject_start(ln: Line) -> bool:
    text = ln.text.strip()
    if not text or upper_ratio(text) > 0.5 or has_right_column(ln):
        return False
    if rx.DATE_LINE_F.search(ln.folded) or search_if(
        rx.RECIPIENTS_F, rx.RECIPIENTS_NEEDS_F, ln.folded
    ):
        return False
    return text[0].isupper() and len(text) < 100


def _stray_caps_line(ln: Line) -> bool:
    """A short capital line under a title that is not its subject: the issuing body or organ
    (``CỦA BAN THƯỜNG VỤ TỈNH ỦY``, ``ỦY BAN NHÂN DÂN TỈNH …``), a lone ``VỀ``; a subject
    opens with a verb or a noun of its own (``BAN HÀNH QUY ĐỊNH …``, ``TRIỂN KHAI …``)."""
    f = ln.folded.strip()
    if f.startswith("ban hanh") or rx.TITLE_SUBJECT_VERB_F.match(f):
        return False
    return True


def _has_letters(ln: Line) -> bool:
    """Does the line hold any letter (not a year or a rule alone)?"""
    return any(ch.isalpha() for ch in ln.text)


def _caps_subject_ends(ln: Line) -> bool:
    """Does this capital line end a title subject in capitals (the authority line of a
    Quyết định, a section heading, ``QUYẾT ĐỊNH:``, a title word)?"""
    text = ln.text.strip()
    return (
        rx.CAPS_SUBJECT_STOP_F.match(ln.folded.lstrip()) is not None
        or text.endswith(":")
        or doc_type_from_word(text) is not None
        and len(text) <= 40
    )


def _lines_after(
    cleaned: Cleaned, zone: list[Line], i: int, skip: int = 0, title_subject: bool = False
) -> Mention | None:
    """The subject from line ``i`` (after ``skip`` chars) through its continuation lines."""
    start = None
    end = None
    caps = False  # a title subject in capitals goes on over its capital lines
    for j in range(i, len(zone)):
        ln = zone[j]
        if ln.blank:
            if start is None and title_subject:
                continue
            if start is not None and _wrapped_after_gap(zone, j):
                continue  # OCR put blank lines inside the subject: "V/v Chấn chỉnh …\n\nbáo cáo"
            break
        upper = upper_ratio(ln.text)
        if (
            j > i
            and (
                rx.DATE_LINE_F.search(ln.folded)
                or search_if(rx.RECIPIENTS_F, rx.RECIPIENTS_NEEDS_F, ln.folded)
                or (
                    rx.NUMBER_ANCHOR_F.match(ln.folded)
                    and not caps
                    # "V/v thực hiện Kết luận" / "số 12-KL/TU của …": the subject goes on
                    and not (start is not None and ln.text.lstrip().startswith("số "))
                )
                or rx.RIGHT_COLUMN_F.search(ln.folded)
                or rx.STAMP_LINE_F.match(ln.folded)
                or (start is not None and ln.text.lstrip().startswith("("))
                or (
                    start is not None
                    and rx.BODY_OPENER_F.match(ln.folded.lstrip())
                    and ln.text.lstrip()[:1].isupper()
                )
                or (start is not None and not caps and upper > 0.8 and not _short_token(ln))
                or (
                    caps
                    and (
                        _caps_subject_ends(ln)
                        or (upper < 0.5 and not ln.text.lstrip()[:1].islower())
                    )
                )
            )
        ):
            break
        if caps and upper < 0.5 and _has_letters(ln):
            caps = False  # "KẾT LUẬN CỦA BAN THƯỜNG VỤ TỈNH ỦY" / "về công tác …": the tail
        lo = ln.start + (skip if j == i else 0)
        hi = ln.end
        m = rx.DATE_LINE_F.search(ln.folded)
        if m:  # a date merged onto the subject line: keep only what precedes the place
            hi = ln.start + m.start()
        if (
            title_subject
            and start is None
            and upper_ratio(ln.text) > 0.8
            and len(ln.text) < 40
            and not rx.TITLE_SUBJECT_CAPS_F.match(ln.folded.lstrip())
            and _stray_caps_line(ln)
        ):
            continue
        if start is None:
            caps = upper > 0.8 and len(ln.text.strip()) >= 20
        start = lo if start is None else start
        end = hi
    if start is None or end is None:
        return None
    start, end = cleaned.trim(start, end, " \n,;:-'\"‘’")
    printed = cleaned.printed(start, end)
    value = printed
    m = rx.SUBJECT_PREFIX_F.match(fold(value))
    if m:
        value = value[m.end() :]
    value = value.rstrip(" .;,")
    if not value:
        return None
    return Mention(value, cleaned.to_original(start, end), printed)


# --- issuing organisation lines ---------------------------------------------------------------


def _anchors(
    zone: list[Line], number_line: Line | None, date_line: Line | None, title_line: Line | None
) -> list[int]:
    """Indexes in ``zone`` below which the organisation block may end, nearest the top first.

    The block usually sits above the number and the date; converted copies put
    the motto and the date first and the block just above the number.
    """
    found = sorted({zone.index(ln) for ln in (number_line, date_line, title_line) if ln})
    if found:
        return found
    for i, ln in enumerate(zone):
        if has_right_column(ln):
            return [i + 1]
    return []


def _org_lines(
    cleaned: Cleaned, zone: list[Line], anchor: int
) -> list[tuple[tuple[int, int], ...]]:
    """Left-column organisation lines above the anchor, wrapped lines joined."""
    picked: list[tuple[int, int]] = []
    seen_text = False
    junk = 0
    i = anchor
    # The number line itself may carry the body's name in a merged left column; go upward.
    while i > 0:
        i -= 1
        ln = zone[i]
        if ln.blank:
            continue
        if rx.STAMP_LINE_F.match(ln.folded):
            break
        if rx.DATE_LINE_F.search(ln.folded) and not has_right_column(ln):
            continue
        s, e = left_column(ln)
        s, e = cleaned.trim(s, e, " \n,;:.-—_=|'\"“”‘’")
        above = zone[i - 1].folded.rstrip() if i > 0 else ""
        if above.endswith(" viet") and cleaned.folded[s:e].endswith(" nam"):
            e -= 4  # "…CHỦ NGHĨA VIỆT" / "TONG CỤC THUÊ NAM": the motto's last word wrapped
        seg = cleaned.text[s:e]
        if not seg:
            if has_right_column(ln) or ln.text.strip(" -—–_=*.") == "":
                continue  # the motto's half of the line, or a rule under the issuer ("-------")
            break
        if upper_ratio(seg) < 0.6 or not _looks_like_header_words(seg):
            junk += 1
            # OCR debris between the block and the number is skipped; above it, a stamp.
            if seen_text or junk > 2:
                break
            continue
        picked.append((s, e))
        seen_text = True
    picked.reverse()
    return _join_wrapped(cleaned, picked)


def _looks_like_header_words(seg: str) -> bool:
    words = [w for w in seg.split() if any(ch.isalpha() for ch in w)]
    return bool(words) and sum(len(w) >= 2 for w in words) >= max(1, len(words) // 2)


def _join_wrapped(
    cleaned: Cleaned, spans: list[tuple[int, int]]
) -> list[tuple[tuple[int, int], ...]]:
    """Join a line that continues the one above (``VÀ XÃ HỘI`` after ``BỘ LAO ĐỘNG - …``)."""
    out: list[tuple[tuple[int, int], ...]] = []
    for s, e in spans:
        f = cleaned.folded[s:e]
        starts_org = rx.ORG_HEAD_F.match(f) or rx.PARTY_COMMITTEE_F.match(f)
        if out and not starts_org and resolve_organisation(cleaned.text[s:e]) is None:
            out[-1] = (*out[-1], (s, e))
        else:
            out.append(((s, e),))
    return out


def org_line_text(cleaned: Cleaned, parts: tuple[tuple[int, int], ...]) -> str:
    """The printed text of an organisation line, wrapped parts joined by a space."""
    return " ".join(cleaned.printed(s, e) for s, e in parts)


# --- the letter's own reference in an appendix ------------------------------------------------


def find_self_reference(cleaned: Cleaned) -> Header | None:
    """Number, date and subject from an appendix's ``(Kèm theo Công văn số 1873/TCT-TTKT ngày
    01/6/2022 về …)`` — for copies whose header is missing."""
    m = rx.SELF_REFERENCE_F.search(cleaned.folded)
    if m is None:
        return None
    n = rx.NUMBER_RAW.match(cleaned.text, m.start("num"))
    c = rx.NUMBER_CODE.match(cleaned.text, n.end()) if n else None
    if n is None or c is None or not rx.NUMBER_SERIAL_OK.fullmatch(n.group("raw").strip()):
        return None
    ns, ne = m.start("num"), c.end()
    serial = "".join(ch for ch in n.group("raw") if ch.isdigit())
    number = Mention(
        f"{serial}{n.group('sep')}{''.join(c.group('code').split())}",
        cleaned.to_original(ns, ne),
        cleaned.printed(ns, ne),
    )
    kind = doc_type_from_word(cleaned.text[m.start("type") : m.end("type")])
    doc_type = Mention(kind, cleaned.to_original(m.start("type"), m.end("type"))) if kind else None
    d = rx.DATE_NUMERIC.match(cleaned.text, m.start("date"))
    date = None
    if d is not None:
        iso = parse_date(d.group("d"), d.group("m"), d.group("y"))
        if iso:
            date = Mention(iso, cleaned.to_original(d.start(), d.end()), d.group(0))
    ss, se = cleaned.trim(m.start("subject"), m.end("subject"), " \n,;.:")
    subject = Mention(cleaned.printed(ss, se), cleaned.to_original(ss, se), cleaned.printed(ss, se))
    return Header(number=number, doc_type=doc_type, date=date, subject=subject)
