"""Stage 3, *find*: the duties a directive sets — each task's deadlines, and duties to report.

Runs after :mod:`chidao.extract.find_tasks`, over the body and the tasks found in it:

* every task is one duty (``kind`` ``task``) with the deadlines printed in it: a date
  (``trước ngày 30/6/2021``, ``chậm nhất ngày 10 tháng 01 năm 2024``), a period after a
  start (``trong 15 ngày kể từ ngày ký``), a repeat (``định kỳ hằng tháng``, ``trước ngày 15
  hằng tháng``, ``hằng quý``, ``báo cáo 6 tháng, năm``);
* every ``báo cáo`` used as a verb inside a task (or after ``đề nghị``/``yêu cầu``/``giao``
  outside one) is a reporting duty (``kind`` ``report``): who (the task's actor), to whom
  (``báo cáo Ban Thường vụ Huyện ủy``, ``… về Sở Y tế``, ``gửi về …``, resolved against the
  issuer, with the office it goes through: ``(qua Văn phòng Tỉnh ủy)``), on what (``kết quả
  thực hiện Công văn này``) and by when (the deadlines of its clause).

A deadline is resolved against the document's date where the text allows: a relative one
counted from signing, a repeat's first due date after the document. A date before the
document itself is a cut-off the text describes (``đóng bảo hiểm trước ngày 01/01/2016``),
never a deadline. Every value carries its span in the text as read.
"""

from __future__ import annotations

import bisect
import calendar
import datetime as dt
import re
from collections.abc import Iterator
from functools import cache

from chidao.extract import regexes as rx
from chidao.extract.clean import Cleaned, fold
from chidao.extract.dates import iso_date
from chidao.extract.records import Deadline, Duty, Mention, Organisation, Party, Task
from chidao.extract.resolve import central_name_words, resolve_organisation

#: Longest clause (characters) a reporting duty's target, subject and deadline are read from.
MAX_CLAUSE = 400

#: Most words of a report's target ("Ban Chỉ đạo Quốc gia phòng, chống dịch …" runs long).
MAX_TARGET_WORDS = 14

#: Months a repeat's unit spans.
PERIOD_MONTHS = {"thang": 1, "quy": 3, "6 thang": 6, "sau thang": 6, "nam": 12}

#: ISO 8601 duration of each repeat.
PERIODS = {"tuan": "P1W", "thang": "P1M", "quy": "P3M", "6 thang": "P6M", "nam": "P1Y"}

_WORD = re.compile(r"[^\W\d_]+|\d+|&|-|\S")


def find_duties(
    cleaned: Cleaned,
    body: tuple[int, int],
    tasks: tuple[Task, ...],
    issuer: Organisation | None,
    date: Mention | str | None,
) -> tuple[Duty, ...]:
    """The duties of the body ``cleaned.text[body[0]:body[1]]``, in document order.

    ``tasks`` are the body's tasks (spans in the original text), ``issuer`` resolves
    relative targets (``Ban Thường vụ Huyện ủy``), ``date`` is the document's date (ISO, or
    the header's mention of it).

    >>> from chidao.extract.clean import clean
    >>> text = "1. Các xã báo cáo kết quả về UBND huyện trước ngày 30/6/2021."
    >>> c = clean(text)
    >>> task = Task(text, (0, len(text)), Party("Các xã", (3, 9)))
    >>> duties = find_duties(c, (0, len(text)), (task,), None, "2021-05-07")
    >>> [(d.kind, d.deadlines[0].date) for d in duties]
    [('task', '2021-06-30'), ('report', '2021-06-30')]
    >>> duties[1].target.name, duties[1].subject.value
    ('UBND huyện', 'kết quả')
    """
    day = _day(date.value if isinstance(date, Mention) else date)
    out: list[Duty] = []
    covered: list[tuple[int, int]] = []
    for number, task in enumerate(tasks, start=1):
        start, end = _cleaned_span(cleaned, task.span)
        covered.append((start, end))
        out.append(
            Duty(
                kind="task",
                text=task.text,
                span=task.span,
                task=number,
                assignee=task.assignee,
                deadlines=tuple(_deadlines(cleaned, start, end, day)),
            )
        )
        out.extend(_reports(cleaned, start, end, day, issuer, task.assignee, number))
    # Outside the tasks, a report someone is asked for ("Đề nghị các đơn vị báo cáo …").
    for start, end in _gaps(body, covered):
        out.extend(_reports(cleaned, start, end, day, issuer, None, None, requested=True))
    return tuple(out)


# --- positions -------------------------------------------------------------------------------


def _cleaned_span(cleaned: Cleaned, span: tuple[int, int]) -> tuple[int, int]:
    """The cleaned span a span of the original text covers."""
    offsets = cleaned.offsets
    n = len(cleaned.text)
    start = bisect.bisect_left(offsets, span[0], 0, n)
    end = bisect.bisect_left(offsets, span[1], start, n)
    return start, end


def _gaps(body: tuple[int, int], covered: list[tuple[int, int]]) -> Iterator[tuple[int, int]]:
    pos = body[0]
    for a, b in sorted(covered):
        if a > pos:
            yield pos, a
        pos = max(pos, b)
    if pos < body[1]:
        yield pos, body[1]


def _clause(text: str, pos: int, start: int, end: int) -> tuple[int, int]:
    """The clause around ``pos`` within ``[start, end)``: between ``;``, sentence ends and items."""
    lo = start
    for m in rx.DUTY_CLAUSE_END.finditer(text, max(start, pos - MAX_CLAUSE), pos):
        lo = m.end()
    m = rx.DUTY_CLAUSE_END.search(text, pos, min(end, pos + MAX_CLAUSE))
    hi = m.start() if m else min(end, pos + MAX_CLAUSE)
    return lo, hi


# --- deadlines -------------------------------------------------------------------------------


def _day(value: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value) if value else None
    except ValueError:
        return None


def _add_months(day: dt.date, months: int, on: int | None = None) -> dt.date:
    """``day`` moved ``months`` on, on day ``on`` of that month (the month's last day if
    it has fewer).

    >>> _add_months(dt.date(2021, 1, 31), 1), _add_months(dt.date(2021, 11, 3), 3, 15)
    (datetime.date(2021, 2, 28), datetime.date(2022, 2, 15))
    """
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return dt.date(year, month + 1, min(on or day.day, last))


def first_due(
    after: dt.date, period: str, day: int | None = None, month: int | None = None
) -> dt.date:
    """The first day a repeat falls due after ``after``.

    A repeat with a day (``trước ngày 15 hằng tháng``) falls on it; one without falls at
    the end of its period (a quarter's report at the quarter's end).

    >>> first_due(dt.date(2021, 5, 7), "P1M", 15), first_due(dt.date(2021, 5, 7), "P3M")
    (datetime.date(2021, 5, 15), datetime.date(2021, 6, 30))
    >>> first_due(dt.date(2021, 12, 20), "P1Y", 15, 12), first_due(dt.date(2021, 5, 7), "P6M")
    (datetime.date(2022, 12, 15), datetime.date(2021, 6, 30))
    """
    if period == "P1W":
        return after + dt.timedelta(days=7)
    months = {"P1M": 1, "P3M": 3, "P6M": 6, "P1Y": 12}[period]
    if period == "P1Y" and day is not None and month is not None:
        due = dt.date(after.year, month, min(day, calendar.monthrange(after.year, month)[1]))
        return due if due > after else _add_months(due, 12, day)
    if day is not None:
        due = _add_months(after, 0, day)
        return due if due > after else _add_months(after, months if months == 1 else 1, day)
    # The end of the period (calendar months, quarters, halves, years) holding ``after``.
    end_month = ((after.month - 1) // months + 1) * months
    return dt.date(after.year, end_month, calendar.monthrange(after.year, end_month)[1])


def next_due(due: dt.date, period: str, day: int | None = None) -> dt.date:
    """The due date after ``due`` of a repeat.

    >>> next_due(dt.date(2021, 6, 30), "P3M"), next_due(dt.date(2021, 5, 15), "P1M", 15)
    (datetime.date(2021, 9, 30), datetime.date(2021, 6, 15))
    """
    if period == "P1W":
        return due + dt.timedelta(days=7)
    months = {"P1M": 1, "P3M": 3, "P6M": 6, "P1Y": 12}[period]
    if day is None:  # the end of the next period
        nxt = _add_months(due.replace(day=1), months)
        return nxt.replace(day=calendar.monthrange(nxt.year, nxt.month)[1])
    return _add_months(due, months, day)


def _unit(folded: str) -> str:
    return " ".join(folded.split())


def _deadlines(cleaned: Cleaned, start: int, end: int, day: dt.date | None) -> Iterator[Deadline]:
    """The deadlines printed in ``[start, end)`` of the cleaned text, in order."""
    found: list[tuple[int, int, Deadline]] = []
    folded = cleaned.folded
    for m in rx.DUTY_BY_DAY_F.finditer(folded, start, end):
        d = _by_day(cleaned, m, day)
        if d is not None:
            found.append((m.start(), m.end(), d))
    if folded.find("ke tu", start, end) >= 0:  # every DUTY_WITHIN_F match holds it
        for m in rx.DUTY_WITHIN_F.finditer(folded, start, end):
            found.append((m.start(), m.end(), _within(cleaned, m, day)))
    for m in rx.DUTY_EVERY_F.finditer(folded, start, end):
        if any(a <= m.start() < b for a, b, _ in found):
            continue  # the repeat of "trước ngày 15 hằng tháng", already read
        if not _asks(cleaned, m.start(), start, end):
            continue  # "lương hưu hằng tháng": a monthly amount, not a monthly duty
        period = PERIODS[_unit(m.group("unit")).replace("sau", "6")]
        found.append((m.start(), m.end(), _repeat(cleaned, m.start(), m.end(), period, day)))
    for m in rx.DUTY_REPORT_VERB_F.finditer(folded, start, end):
        # "báo cáo quý, 6 tháng, năm": one repeat per period named.
        p = rx.DUTY_REPORT_PERIODS_F.match(folded, m.end(), end)
        if p is None or any(a <= p.start("units") < b for a, b, _ in found):
            continue
        for u in rx.DUTY_PERIOD_UNIT_F.finditer(folded, p.start("units"), p.end("units")):
            period = PERIODS[_unit(u.group())]
            found.append((u.start(), u.end(), _repeat(cleaned, u.start(), u.end(), period, day)))
    for _, _, d in sorted(found, key=lambda f: f[0]):
        yield d


def _asks(cleaned: Cleaned, pos: int, start: int, end: int) -> bool:
    """Whether a repeat at ``pos`` is a duty's: after "định kỳ", or in a reporting clause."""
    if cleaned.folded.startswith("dinh", pos):
        return True
    lo, hi = _clause(cleaned.text, pos, start, end)
    return rx.DUTY_REPORT_VERB_F.search(cleaned.folded, lo, hi) is not None


def _mention(cleaned: Cleaned, start: int, end: int) -> tuple[str, tuple[int, int]]:
    start, end = cleaned.trim(start, end, " \n,;.:")
    return cleaned.printed(start, end), cleaned.to_original(start, end)


def _by_day(cleaned: Cleaned, m: re.Match[str], day: dt.date | None) -> Deadline | None:
    text, span = _mention(cleaned, m.start(), m.end())
    g = m.groupdict()
    if g["d4"]:  # "trước ngày 15 hằng tháng"
        d = int(g["d4"])
        if not 1 <= d <= 31:
            return None
        due = first_due(day, "P1M", d).isoformat() if day else None
        return Deadline("periodic", text, span, due, "P1M", day=d)
    if g["d3"]:  # "trước ngày 15/12 hằng năm"
        d, mo = int(g["d3"]), int(g["m3"])
        if iso_date(d, mo, 2020) is None:  # a leap year: 29/2 may repeat
            return None
        due = first_due(day, "P1Y", d, mo).isoformat() if day else None
        return Deadline("periodic", text, span, due, "P1Y", day=d, month=mo)
    value = iso_date(g["d1"] or g["d2"], g["m1"] or g["m2"], g["y1"] or g["y2"])
    if value is None:
        return None
    if day is not None and value < day.isoformat():
        return None  # a cut-off before the letter ("đóng trước ngày 01/01/2016"), no deadline
    return Deadline("date", text, span, value)


def _within(cleaned: Cleaned, m: re.Match[str], day: dt.date | None) -> Deadline:
    text, span = _mention(cleaned, m.start(), m.end())
    n, unit = int(m.group("n")), m.group("unit")
    offset = f"P{n}{ {'ngay': 'D', 'tuan': 'W', 'thang': 'M'}[unit] }".replace(" ", "")
    if m.group("sign"):
        anchor, start = "signing", day
    elif m.group("receipt"):
        anchor, start = "receipt", None  # the text cannot say when the letter arrives
    else:
        anchor = "date"
        iso = iso_date(m.group("d"), m.group("m"), m.group("y"))
        start = _day(iso)
    due = None
    if start is not None:
        if unit == "thang":
            due = _add_months(start, n)
        else:
            due = start + dt.timedelta(days=n * (7 if unit == "tuan" else 1))
    return Deadline(
        "relative", text, span, due.isoformat() if due else None, offset=offset, anchor=anchor
    )


def _repeat(cleaned: Cleaned, a: int, b: int, period: str, day: dt.date | None) -> Deadline:
    text, span = _mention(cleaned, a, b)
    due = first_due(day, period).isoformat() if day else None
    return Deadline("periodic", text, span, due, period)


# --- reports ---------------------------------------------------------------------------------


def _reports(
    cleaned: Cleaned,
    start: int,
    end: int,
    day: dt.date | None,
    issuer: Organisation | None,
    assignee: Party | None,
    task: int | None,
    requested: bool = False,
) -> Iterator[Duty]:
    text, folded = cleaned.text, cleaned.folded
    if folded.find("bao", start, end) < 0:
        return
    last_clause: tuple[int, int] | None = None
    for m in rx.DUTY_REPORT_VERB_F.finditer(folded, start, end):
        if not _report_verb(cleaned, m, start):
            continue
        lo, hi = _clause(text, m.start(), start, end)
        if last_clause is not None and lo < last_clause[1]:
            continue  # "tổng hợp, báo cáo …, báo cáo …": one duty per clause
        if requested and rx.DUTY_REQUEST_F.search(folded, lo, m.start()) is None:
            continue  # outside a task, only a report someone is asked for
        if rx.DUTY_CONDITIONAL_F.search(folded, max(start, m.start() - 160), m.start()):
            continue  # "Trường hợp phát sinh vướng mắc, … báo cáo …": no duty
        last_clause = (lo, hi)
        yield _report(cleaned, m, lo, hi, day, issuer, assignee, task)


def _report_verb(cleaned: Cleaned, m: re.Match[str], floor: int) -> bool:
    folded = cleaned.folded
    before = folded[max(floor, m.start() - 24) : m.start()]
    if rx.DUTY_REPORT_NOUN_BEFORE_F.search(before):
        return False
    if rx.DUTY_REPORT_NOUN_AFTER_F.match(folded, m.end()):
        return False
    # "(để báo cáo)" in a closing list: a purpose, not a duty.
    return folded[max(floor, m.start() - 1) : m.start()] != "("


def _report(
    cleaned: Cleaned,
    m: re.Match[str],
    lo: int,
    hi: int,
    day: dt.date | None,
    issuer: Organisation | None,
    assignee: Party | None,
    task: int | None,
) -> Duty:
    text, folded = cleaned.text, cleaned.folded
    target: Party | None = None
    via: Party | None = None
    taken: list[tuple[int, int]] = []  # target and via, not the subject
    # The body reported to: right after the verb, or after "về", "với", "gửi về", "lên".
    pos = _skip(text, m.end(), hi)
    direct = _org_run(text, pos, hi)
    if direct is not None:
        target = _party(cleaned, direct, issuer)
        if target is not None:
            taken.append(direct)
    v = rx.DUTY_VIA_F.search(folded, m.end(), hi)
    if v is not None:
        run = _org_run(text, v.end(), hi)
        via = _party(cleaned, run, issuer) if run is not None else None
        if run is not None and via is not None:
            taken.append((v.start(), run[1]))
    if target is None:
        for t in rx.DUTY_TARGET_MARK_F.finditer(folded, m.end(), hi):
            if v is not None and v.start() <= t.start() < v.end() + 80:
                continue
            run = _org_run(text, t.end(), hi)
            target = _party(cleaned, run, issuer) if run is not None else None
            if run is not None and target is not None:
                taken.append((t.start(), run[1]))
                break
    deadlines = tuple(_deadlines(cleaned, lo, hi, day))
    subject = _subject(cleaned, m.end(), hi, taken, deadlines)
    a, b = cleaned.trim(lo, hi, " \n,;.:-")
    return Duty(
        kind="report",
        text=cleaned.printed(a, b),
        span=cleaned.to_original(a, b),
        task=task,
        assignee=assignee,
        target=target,
        via=via,
        subject=subject,
        trigger=Mention(
            " ".join(text[m.start() : m.end()].split()).lower(),
            cleaned.to_original(m.start(), m.end()),
            cleaned.printed(m.start(), m.end()),
        ),
        deadlines=deadlines,
    )


def _skip(text: str, pos: int, end: int) -> int:
    while pos < end and text[pos] in " \n":
        pos += 1
    return pos


def _org_run(text: str, pos: int, end: int) -> tuple[int, int] | None:
    """The organisation name that starts at ``pos``: capitalised words and the lower-case
    words of names (``Ban Thường vụ Huyện ủy``, ``UBND tỉnh``, ``cấp ủy cấp trên``), with
    ``và``/``-`` only between capitalised words; ``None`` if no name starts there."""
    words = [(w.start(), w.end(), w.group()) for w in _WORD.finditer(text, pos, end)]
    last = None
    i = 0
    while i < len(words) and i < MAX_TARGET_WORDS:
        a, b, w = words[i]
        if i == 0 and a != pos:
            return None
        if w[0].isupper() or _target_word(w):
            last = b
        elif w in ("-", "&", "và") and i + 1 < len(words) and words[i + 1][2][0].isupper():
            pass  # "Bộ Lao động - Thương binh và Xã hội"
        else:
            break
        if i == 0 and not w[0].isupper() and fold(w) != "cap":
            return None  # a lower-case start names no body, except "cấp trên"
        i += 1
    return (pos, last) if last is not None else None


@cache
def _target_words() -> tuple[frozenset[str], frozenset[str]]:
    """The lower-case words of body names, as printed and folded (``Tổng cục Thuế``'s
    ``cục`` and ``thuế`` come from the national bodies' names)."""
    printed = rx.DUTY_TARGET_WORDS | central_name_words()
    return printed, frozenset(fold(w) for w in printed)


def _target_word(word: str) -> bool:
    lower = word.lower()
    printed, folded = _target_words()
    # an unaccented copy: compare folded words
    return lower in printed or (lower.isascii() and lower in folded)


def _party(cleaned: Cleaned, run: tuple[int, int], issuer: Organisation | None) -> Party | None:
    """The body named at ``run``; ``None`` when it names none (``Công văn``, ``Hàng năm``)."""
    a, b = run
    name = cleaned.printed(a, b)
    resolved = _resolve(name, issuer)
    if resolved is None and not rx.DUTY_TARGET_HEAD_F.match(cleaned.folded, a):
        return None
    return Party(name=name, span=cleaned.to_original(a, b), resolved=resolved)


def _resolve(name: str, issuer: Organisation | None) -> Organisation | None:
    # "Ban Thường vụ Tỉnh ủy" speaks for the Tỉnh ủy; a list ("UBND huyện, Sở …") is no body.
    if "," in name or " và " in name:
        return None
    found = resolve_organisation(name, issuer)
    office = rx.DUTY_OFFICE_F.match(fold(name))
    if office is not None:
        # "Văn phòng Tỉnh ủy" in a provincial letter: the office of that Tỉnh ủy.
        body = resolve_organisation(name[office.end() :], issuer)
        if body is not None and (found is None or not found.name.endswith(body.name)):
            prefix = " ".join(name[: office.end()].split()).capitalize()
            return Organisation(
                f"{prefix} {body.name}", body.name, body.level, body.system, body.unit
            )
    return found


def _subject(
    cleaned: Cleaned,
    start: int,
    hi: int,
    taken: list[tuple[int, int]],
    deadlines: tuple[Deadline, ...],
) -> Mention | None:
    """What is reported: from "kết quả", "tình hình", "việc" … to the next part of the duty."""
    folded = cleaned.folded
    s = rx.DUTY_SUBJECT_START_F.search(folded, start, hi)
    if s is None:
        return None
    a = s.start()
    if any(x <= a < y for x, y in taken):
        return None
    stops = [x for x, _ in taken if x > a]
    orig_stops = [d.span[0] for d in deadlines]
    b = hi
    for x in stops:
        b = min(b, x)
    for x in orig_stops:
        cx = _cleaned_span(cleaned, (x, x))[0]
        if cx > a:
            b = min(b, cx)
    stop = rx.DUTY_SUBJECT_END_F.search(folded, s.end(), b)
    if stop is not None:
        b = stop.start()
    a, b = cleaned.trim(a, b, " \n,;.:-")
    if b <= a:
        return None
    value = cleaned.printed(a, b)
    return Mention(value, cleaned.to_original(a, b), value)
