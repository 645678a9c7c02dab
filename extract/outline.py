"""The outline of a directive's body: paragraphs, and the numbered or bulleted items they form.

A paragraph starts after a blank line, or at a line that opens with an item label
(``1-``, ``1.``, ``1.2.``, ``a)``, ``(i)``, ``-``, ``+``, a decision's ``Điều 3.``) where the
line before it ended a sentence or list entry (hard-wrapped lines of a PDF copy do not).  Items
nest by label kind: roman, number, sub-number, letter, dash, plus.  A paragraph
with no label continues the numbered or lettered item above it (``2- Giao … sau:``
then ``Thực hiện quyết liệt …``); after a dash item it closes the dash list.
Paragraphs after the last item are the closing, and so is a paragraph that opens
with a closing formula (``Tổng cục Thuế thông báo để …``, ``Trên đây là …``) even
when an appendix's items follow it; those before the first item are the preamble,
whose last paragraph usually introduces the list (``… yêu cầu:``).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from chidao.extract import regexes as rx
from chidao.extract.clean import fold

#: Most words of an article's title line (``Điều 2. Tổ chức thực hiện``).
MAX_ARTICLE_TITLE_WORDS = 14

#: Most words of a labelled sub-heading line (``1. Mục đích``, ``b) Tổ chức thực hiện``).
MAX_SHORT_HEADING_WORDS = 8

#: Nesting depth of each label kind (smaller = outer).
LEVELS = {
    "article": 0,
    "roman": 0,
    "num": 1,
    "sub": 2,
    "letter": 3,
    "paren": 3,
    "dash": 4,
    "plus": 5,
}


@dataclass(frozen=True, slots=True)
class Paragraph:
    """A paragraph: ``[start, end)`` in the cleaned text; ``text_start`` after its label."""

    start: int
    end: int
    label: str | None = None
    kind: str | None = None
    text_start: int = 0


@dataclass(slots=True)
class Item:
    """A labelled item: its own paragraphs (label first, then continuations) and sub-items."""

    paragraphs: list[Paragraph]
    children: list[Item] = field(default_factory=list)

    @property
    def head(self) -> Paragraph:
        return self.paragraphs[0]

    @property
    def level(self) -> int:
        return LEVELS[self.head.kind or "dash"]

    @property
    def end(self) -> int:
        last = self.children[-1].end if self.children else 0
        return max(self.paragraphs[-1].end, last)


@dataclass(frozen=True, slots=True)
class Outline:
    """Preamble paragraphs, top-level items, closing paragraphs."""

    preamble: tuple[Paragraph, ...]
    items: tuple[Item, ...]
    closing: tuple[Paragraph, ...]


def paragraphs(text: str, lo: int, hi: int) -> list[Paragraph]:
    """Split ``text[lo:hi]`` into paragraphs.

    >>> t = "Yêu cầu:\\n\\n1- Ban A làm\\nviệc này.\\n- Ý một;\\n- Ý hai."
    >>> [(p.label, t[p.text_start:p.end]) for p in paragraphs(t, 0, len(t))]
    [(None, 'Yêu cầu:'), ('1-', 'Ban A làm\\nviệc này.'), ('-', 'Ý một;'), ('-', 'Ý hai.')]
    """
    out: list[Paragraph] = []
    start: int | None = None
    prev_line = ""
    prev_end = pos = lo
    for line in text[lo:hi].split("\n"):
        line_start, line_end = pos, pos + len(line)
        pos = line_end + 1
        if not line.strip():
            if start is not None:
                out.append(_paragraph(text, start, prev_end))
                start = None
            prev_line = ""
            continue
        if start is None:
            start = line_start
        elif _opens(line, prev_line):
            out.append(_paragraph(text, start, prev_end))
            start = line_start
        prev_line, prev_end = line, line_end
    if start is not None:
        out.append(_paragraph(text, start, prev_end))
    return out


def _opens(line: str, prev_line: str) -> bool:
    """Whether ``line`` opens a paragraph after the non-blank ``prev_line``: a label after a
    line that ends a sentence or list entry, or a capital after one that ends a paragraph.

    Only what decides is worked out (a line with neither label nor capital opens nothing).

    >>> _opens("2- Giao Ban Tuyên giáo …", "thực hiện;"), _opens("2- Giao", "Ban A làm")
    (True, False)
    """
    label = rx.TASK_LABEL.match(line) is not None
    capital = line[:1].isupper()  # one paragraph a line: "… thực hiện./" then "Tổng cục …"
    if not (label or capital):
        return False
    if not prev_line or _heading(prev_line):  # "II. NHIỆM VỤ" then "1. Ủy ban nhân dân huyện …"
        return True
    if label and _article_heading(prev_line):  # "Điều 2. Tổ chức thực hiện" then "1. Giao …"
        return True
    if label and _short_heading(prev_line):  # "2. Yêu cầu" then "- Các sở … phải …"
        return True
    if label and rx.TASK_LINE_END.search(prev_line) is not None:
        return True
    return capital and rx.TASK_PARAGRAPH_END.search(prev_line) is not None


def _heading(line: str) -> bool:
    """A section heading in capitals (``II. NHIỆM VỤ``, ``I. MỤC ĐÍCH, YÊU CẦU``): the line
    after it starts a paragraph even though the heading ends with no punctuation.

    >>> _heading("II. NHIỆM VỤ"), _heading("1. Ủy ban nhân dân huyện"), _heading("V/v")
    (True, False, False)
    """
    letters = list(filter(str.isalpha, line))  # map/filter: no Python-level loop
    return len(letters) >= 4 and all(map(str.isupper, letters))


def _article_heading(line: str) -> bool:
    """An article's title line (``Điều 2. Tổ chức thực hiện``): no sentence mark, a few words.

    >>> _article_heading("Điều 2. Tổ chức thực hiện"), _article_heading("Điều 1. Giao Sở A,")
    (True, False)
    """
    m = rx.TASK_LABEL.match(line)
    return (
        m is not None
        and m.group("article") is not None
        and len(line.split()) <= MAX_ARTICLE_TITLE_WORDS
        and rx.TASK_LINE_END.search(line) is None
    )


def _short_heading(line: str) -> bool:
    """A plan's numbered sub-heading (``1. Mục đích``, ``2. Yêu cầu``, ``a) Nhiệm vụ``): a
    label and a few words with no sentence mark, so the labelled line under it is an item.

    >>> _short_heading("2. Yêu cầu"), _short_heading("1. Giao Ban Tuyên giáo Huyện ủy chủ trì")
    (True, False)
    """
    m = rx.TASK_LABEL.match(line)
    return (
        m is not None
        and m.group("dash") is None
        and m.group("plus") is None
        and len(line.split()) <= MAX_SHORT_HEADING_WORDS
        and rx.TASK_LINE_END.search(line) is None
    )


def _paragraph(text: str, start: int, end: int) -> Paragraph:
    m = rx.TASK_LABEL.match(text, start, end)
    if m is None:
        return Paragraph(start, end, text_start=start)
    kind = next(k for k in LEVELS if m.group(k))
    text_start = m.end()
    while text_start < end and text[text_start] in " \t":
        text_start += 1
    return Paragraph(start, end, m.group("label"), kind, text_start)


def outline(text: str, lo: int, hi: int) -> Outline:
    """The item tree of ``text[lo:hi]``."""
    paras = paragraphs(text, lo, hi)
    last_label = max((i for i, p in enumerate(paras) if p.label), default=-1)
    first_label = next((i for i, p in enumerate(paras) if p.label), len(paras))
    preamble = tuple(paras[:first_label])
    roots: list[Item] = []
    stack: list[Item] = []
    closers: list[Paragraph] = []
    closing: list[Paragraph] = []
    prev: Paragraph | None = None
    for index, p in enumerate(paras[first_label:], first_label):
        split = prev is not None and _cut(text, prev, p)
        prev = p
        if p.label is None and split and stack:
            stack[-1].paragraphs.append(p)  # a sentence cut by a page break
            continue
        if index > last_label:
            closing.append(p)
            continue
        if p.label is None and rx.TASK_CLOSING_OPEN_F.match(_folded(text, p)):
            closers.append(p)  # "Tổng cục Thuế thông báo để …" before an appendix
            stack.clear()
            continue
        if p.label is None:
            while stack and stack[-1].level >= LEVELS["dash"]:
                stack.pop()
            if stack:
                stack[-1].paragraphs.append(p)
            continue
        item = Item([p])
        while stack and (stack[-1].level >= item.level or _other_number(stack[-1], p)):
            stack.pop()
        (stack[-1].children if stack else roots).append(item)
        stack.append(item)
    return Outline(preamble, tuple(roots), tuple(closers + closing))


def _other_number(parent: Item, p: Paragraph) -> bool:
    """``8.1.`` under ``7.`` (whose ``8.`` OCR lost) is no sub-item of 7."""
    if p.kind != "sub" or parent.head.kind != "num" or not parent.head.label or not p.label:
        return False
    return p.label.split(".")[0] != parent.head.label.rstrip(".)-")


def _cut(text: str, prev: Paragraph, nxt: Paragraph) -> bool:
    """Whether a page break cut one sentence into ``prev`` and ``nxt``."""
    if nxt.label is not None or rx.TASK_PARAGRAPH_END.search(text[prev.start : prev.end]):
        return False
    return text[nxt.start : nxt.start + 1].islower() or bool(
        rx.TASK_DANGLING_F.search(fold(text[max(prev.start, prev.end - 30) : prev.end]))
    )


def _folded(text: str, p: Paragraph) -> str:
    return fold(text[p.text_start : min(p.end, p.text_start + 120)])
