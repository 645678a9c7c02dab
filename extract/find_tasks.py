"""Stage 3, *find*: the body's tasks — each instruction and the actor who must carry it out.

The body is cut into its outline (:mod:`chidao.extract.outline`).  An item whose
first sentence names an actor (:mod:`chidao.extract.actors`) is one task of that
actor, sub-items and continuation paragraphs included (``8- UBND huyện`` then
dashes); an item whose first sentence names none is left out, but its sub-items
are tried one by one (``4. Tăng cường …:`` then ``- Các Cục Thuế thực hiện …``).
The lead-in that introduces the list (``Ban Thường vụ Huyện ủy yêu cầu:``) is no
task.  In the closing paragraphs each sentence is tried: ``đề nghị X …``,
``yêu cầu X …`` and a sentence whose subject is an organisation are tasks, the
stock ``… để X biết và thực hiện`` and a reply's ``đề nghị Công ty liên hệ …``
are not.  A letter with no list is read like a closing.  When nothing else gave a
task, a lead-in that asks someone by name (``Tổng cục Hải quan hướng dẫn Cục Hải
quan các tỉnh … thực hiện như sau:``) is the one task.
"""

from __future__ import annotations

from collections.abc import Iterator

from chidao.extract import regexes as rx
from chidao.extract.actors import find_actor, opens_with_verb
from chidao.extract.clean import Cleaned, fold
from chidao.extract.dates import iso_date
from chidao.extract.outline import Item, Paragraph, outline
from chidao.extract.records import Organisation, Party, Task
from chidao.extract.resolve import resolve_organisation

#: How many sentences of an item's first paragraph may be background before its instruction.
MAX_LEAD_SENTENCES = 4

#: How many paragraphs before a list may hold its lead-in.
MAX_LEAD_IN_PARAGRAPHS = 2

#: How far back (characters) an opening quotation mark may stand and still hold a sentence.
QUOTE_REACH = 1500


def find_tasks(
    cleaned: Cleaned, body: tuple[int, int], context: Organisation | None
) -> tuple[Task, ...]:
    """The tasks of the body ``cleaned.text[body[0]:body[1]]``, in document order.

    ``context`` is the issuing organisation: it resolves relative actors
    (``UBND huyện``) and is never its own actor.  Spans are in the original text.
    """
    text = cleaned.text
    tree = outline(text, *body)
    tasks: list[Task] = []
    for item in tree.items:
        tasks.extend(_item_tasks(cleaned, item, context, body[0]))
    if tree.items:
        # Before the list, only a request that is not the list's lead-in ("Tổng cục Thuế đề
        # nghị Cơ quan Thuế các cấp … tiếp tục thực hiện các giải pháp …" then "… như sau:").
        before = [
            task
            for para in tree.preamble
            for task in _sentence_tasks(cleaned, para, context, body[0], requests_only=True)
        ]
        tasks[:0] = before
    free = tree.closing if tree.items else tree.preamble
    for para in free:
        tasks.extend(_sentence_tasks(cleaned, para, context, body[0]))
    if not tasks and tree.items and tree.preamble:
        # Nothing else names an actor: the lead-in (or the paragraph before it) is the task.
        for lead in tree.preamble[-1 : -MAX_LEAD_IN_PARAGRAPHS - 1 : -1]:
            tasks.extend(_sentence_tasks(cleaned, lead, context, body[0], lead_in=True))
            if tasks:
                break
    table = _table_tasks(cleaned, body, context)
    if table:
        # A task table (| STT | Nội dung | Cơ quan chủ trì | …): its rows are the tasks there.
        rows = [t.span for t in table]
        tasks = [t for t in tasks if not any(a <= t.span[0] < b for a, b in rows)]
        tasks = sorted(tasks + table, key=lambda t: t.span[0])
    cut = _cut_original(cleaned, body[1])
    if cut is not None:
        # A document cut short (a web page's excerpt): its last instruction is unfinished,
        # and an instruction is listed only when it is wholly inside the text.
        tasks = [t for t in tasks if t.span[1] < cut]
    return tuple(tasks)


def _table_tasks(
    cleaned: Cleaned, body: tuple[int, int], context: Organisation | None
) -> list[Task]:
    """The rows of a task table printed with ``|`` rules (a web page's table), read in the
    original text, where the rules survive: each row's cell under ``Cơ quan chủ trì`` (or
    ``Đơn vị thực hiện``, ``Chủ trì``) is the actor of the row's task.

    >>> from chidao.extract.clean import clean
    >>> t = ("| STT | Nội dung | Cơ quan chủ trì |\\n"
    ...      "| 1 | Rà soát thủ tục | Sở Tư pháp |\\n")
    >>> c = clean(t)
    >>> [task.assignee.name for task in _table_tasks(c, (0, len(c.text)), None)]
    ['Sở Tư pháp']
    """
    original = cleaned.original
    lo, hi = cleaned.to_original(*body)
    if original.find("|", lo, hi) < 0:
        return []
    out: list[Task] = []
    actor_col = what_col = when_col = None
    pos = lo
    for line in original[lo:hi].split("\n"):
        line_start, pos = pos, pos + len(line) + 1
        if "|" not in line:
            if line.strip():
                actor_col = None  # the table has ended
            continue
        cells = _cells(line, line_start)
        if actor_col is None:
            heads = [" ".join(fold(original[a:b]).split()) for a, b in cells]
            actor_col = next(
                (i for i, h in enumerate(heads) if rx.TASK_TABLE_ACTOR_HEAD_F.match(h)), None
            )
            what_col = next(
                (i for i, h in enumerate(heads) if rx.TASK_TABLE_WHAT_HEAD_F.match(h)), None
            )
            when_col = next((i for i, h in enumerate(heads) if "thoi gian" in h), None)
            continue
        if actor_col >= len(cells):
            continue
        a, b = cells[actor_col]
        name = " ".join(original[a:b].split()).strip(" -+;,.")
        if not name or not any(ch.isalpha() for ch in name):
            continue
        a = original.find(name.split()[0], a, b)
        row = (cells[0][0], cells[-1][1])
        what = cells[what_col] if what_col is not None and what_col < len(cells) else row
        deadline = None
        if when_col is not None and when_col < len(cells):
            when = rx.TASK_TABLE_DATE_F.search(original, *cells[when_col])
            if when is not None:
                deadline = iso_date(int(when.group(1)), int(when.group(2)), int(when.group(3)))
        resolved = None if "," in name or " và " in name else resolve_organisation(name, context)
        label = " ".join(original[cells[0][0] : cells[0][1]].split()) or None
        out.append(
            Task(
                text=" ".join(original[what[0] : what[1]].split()),
                span=row,
                assignee=Party(name=name, span=(a, a + len(name)), resolved=resolved),
                label=label if label and label[:1].isdigit() else None,
                deadline=deadline,
            )
        )
    return out


def _cells(line: str, start: int) -> list[tuple[int, int]]:
    """Spans (original offsets) of the cells of a ``|``-ruled table line, blanks trimmed."""
    out = []
    pos = 0
    parts = line.split("|")
    if parts and not parts[0].strip():
        pos += len(parts[0]) + 1
        parts = parts[1:]
    if parts and not parts[-1].strip():
        parts = parts[:-1]
    for part in parts:
        lead = len(part) - len(part.lstrip())
        out.append((start + pos + lead, start + pos + len(part.rstrip())))
        pos += len(part) + 1
    return out


def cut_at(text: str, end: int) -> int | None:
    """Where the text stops mid-sentence, if the body runs to its end: the offset after its
    last printed character, else ``None`` (a finished sentence, a signature after the body).

    >>> cut_at("1. Giao Sở A thực hiện. 2. Các cơ quan phải bảo đảm tra", 55)
    55
    >>> cut_at("1. Giao Sở A thực hiện./.", 25) is None
    True
    """
    stripped = len(text.rstrip())
    if end < stripped or stripped == 0:
        return None
    return stripped if rx.CUT_END.search(text, 0, stripped) else None


def _cut_original(cleaned: Cleaned, end: int) -> int | None:
    """:func:`cut_at` in original offsets; a table's closing rule (``… | Năm 2024 |``),
    which cleaning removes, ends the text properly."""
    cut = cut_at(cleaned.text, end)
    if cut is None or cleaned.original.rstrip().endswith("|"):
        return None
    return cleaned.to_original(cut - 1, cut)[1]


def _item_tasks(
    cleaned: Cleaned, item: Item, context: Organisation | None, body_start: int
) -> Iterator[Task]:
    text, folded = cleaned.text, cleaned.folded
    head = item.head
    first_end = _first_sentence_end(text, head.text_start, head.end)
    actor = None
    if (
        first_end == head.end
        and len(item.paragraphs) > 1
        and not _ends_sentence(text, head)
        and not (item.children and item.children[0].head.start < item.paragraphs[1].start)
    ):
        # A sentence cut by a page break: "6. Bộ trưởng, … cơ quan thuộc" / "Chính phủ, … chịu"
        # (not a paragraph after the item's dashes: "2.5. Giao Vụ X", "- …", then "Cục …").
        nxt = item.paragraphs[1]
        joined_end = _first_sentence_end(text, nxt.start, nxt.end)
        actor = find_actor(text, folded, head.text_start, joined_end, context)
    bare = first_end == head.end and (item.children or len(item.paragraphs) > 1)
    if actor is None:
        actor = find_actor(text, folded, head.text_start, first_end, context, whole=bool(bare))
    if actor is None and not opens_with_verb(folded, head.text_start, first_end):
        # Background first ("7. Để ngăn ngừa …, Ngân hàng Nhà nước đã yêu cầu …"): the
        # item's first instruction is a later sentence ("Do vậy, … đề nghị các Cục Thuế …").
        for start, end in list(_sentences(text, head.text_start, head.end))[1:MAX_LEAD_SENTENCES]:
            actor = find_actor(text, folded, start, end, context)
            if actor is not None or opens_with_verb(folded, start, end):
                break
    if actor is None and len(item.paragraphs) > 1 and not _instructs(cleaned, head):
        # A heading ("1. Tuyên truyền chính sách …") or a statement ("2.1. Mức giảm trừ …
        # có hiệu lực …"): the item's first instruction is the paragraph after it.
        nxt = item.paragraphs[1]
        actor = find_actor(
            cleaned.text,
            cleaned.folded,
            nxt.start,
            _first_sentence_end(cleaned.text, nxt.start, nxt.end),
            context,
        )
    if actor is not None and _quoted(text, actor[0], body_start):
        return  # regulation text quoted in the letter, not its instruction
    if actor is None:
        for child in item.children:
            yield from _item_tasks(cleaned, child, context, body_start)
        return
    yield _task(cleaned, head.start, item.end, actor, context, head.label)


def _ends_sentence(text: str, para: Paragraph) -> bool:
    return rx.TASK_LINE_END.search(text[para.text_start : para.end].rstrip()) is not None


def _instructs(cleaned: Cleaned, para: Paragraph) -> bool:
    """Whether a paragraph is an instruction: it opens with a verb and ends a sentence."""
    if not _ends_sentence(cleaned.text, para):
        return False  # a heading
    return rx.TASK_VERB_F.match(cleaned.folded, para.text_start, para.end) is not None


def _sentence_tasks(
    cleaned: Cleaned,
    para: Paragraph,
    context: Organisation | None,
    body_start: int,
    lead_in: bool = False,
    requests_only: bool = False,
) -> Iterator[Task]:
    text = cleaned.text
    for start, end in _sentences(text, para.text_start, para.end):
        if not lead_in and text[start:end].rstrip().endswith(":"):
            continue  # a lead-in to a list
        actor = find_actor(
            text, cleaned.folded, start, end, context, requests_only=requests_only, guides=lead_in
        )
        if actor is not None and not _quoted(text, actor[0], para.start if lead_in else body_start):
            yield _task(cleaned, start, end, actor, context, para.label)


def _quoted(text: str, pos: int, floor: int = 0) -> bool:
    """Whether ``pos`` lies inside a quotation (“…”) opened in the body's last few paragraphs.

    >>> _quoted("theo quy định: “Cơ quan Hải quan có trách nhiệm", 20)
    True
    """
    window = text[max(floor, pos - QUOTE_REACH) : pos]
    return window.rfind("“") > window.rfind("”")


def _sentences(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    pos = start
    for m in rx.TASK_SENTENCE_END.finditer(text, start, end):
        yield pos, m.end()
        pos = m.end()
        while pos < end and text[pos] in " \n":
            pos += 1
    if pos < end:
        yield pos, end


def _first_sentence_end(text: str, start: int, end: int) -> int:
    # The first of _sentences, without the generator: the first end mark, else ``end``.
    m = rx.TASK_SENTENCE_END.search(text, start, end)
    return m.end() if m else end


def _task(
    cleaned: Cleaned,
    start: int,
    end: int,
    actor: tuple[int, int],
    context: Organisation | None,
    label: str | None,
) -> Task:
    a, b = actor
    name = cleaned.printed(a, b)
    resolved = None
    if "," not in name and " và " not in name:
        resolved = resolve_organisation(name, context)
    start, end = cleaned.trim(start, end, " \n")
    return Task(
        text=cleaned.printed(start, end),
        span=cleaned.to_original(start, end),
        assignee=Party(name=name, span=cleaned.to_original(a, b), resolved=resolved),
        label=label,
        deadline=_deadline(cleaned.folded, start, end),
    )


def _deadline(folded: str, start: int, end: int) -> str | None:
    """The first date a task must be done by ("… trước ngày 29/4/2023"), ISO, or ``None``.

    >>> _deadline("hoan thanh truoc ngay 29/4/2023.", 0, 32)
    '2023-04-29'
    """
    if folded.find(rx.TASK_DEADLINE_NEEDS_F, start, end) < 0:
        return None  # no "ngày": no match, and a scan tries the pattern at every "t", "c", "h"
    m = rx.TASK_DEADLINE_F.search(folded, start, end)
    if m is None:
        return None
    day, month = int(m.group("d1") or m.group("d2")), int(m.group("m1") or m.group("m2"))
    year = int(m.group("y1") or m.group("y2"))
    return iso_date(day, month, year)  # "trước ngày 31/2/2023" is no date: None
