"""Stage 2, *clean*: remove layout debris and keep a map back to the text as read.

The cleaned text keeps words *as printed* (old or new tone placement, OCR
errors): gold values are printed text, and the scorer compares them modulo
tone placement.  Matching is done on :func:`fold`-ed text instead, which has
the same length as the text it folds, so a match in the folded text is a match
at the same offsets in the cleaned text, and :meth:`Cleaned.to_original` maps
those to the original.

What is removed or rewritten (each pattern is in :mod:`chidao.extract.regexes`):

* Unicode NFC per character cluster; ``Ð`` (U+00D0) → ``Đ``; ``\\r\\n`` → ``\\n``;
  tabs and no-break spaces → spaces; zero-width characters dropped.
* Markdown emphasis (``**``, ``*``, ``__``); table rules ``|`` (and a lone ``l``
  at a line's edge, OCR's reading of ``|``) → space;
  bullet glyphs (``•``) → ``-``.
* ``--- PAGE BREAK ---`` markers and lines holding only a page number.
* Spaces at line ends and starts; runs of blank lines → one.
* A blank line that splits a sentence (page break) is closed to one line break.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cached_property

from chidao.extract import regexes as rx
from chidao.extract.offsets import OffsetMap, OffsetMapBuilder

# Old-style → new-style tone placement ("hoà" → "hòa", "uỷ" → "ủy"), for matching only.
_TONE_PAIRS = {
    "oà": "òa", "oá": "óa", "oả": "ỏa", "oã": "õa", "oạ": "ọa",
    "oè": "òe", "oé": "óe", "oẻ": "ỏe", "oẽ": "õe", "oẹ": "ọe",
    "uỳ": "ùy", "uý": "úy", "uỷ": "ủy", "uỹ": "ũy", "uỵ": "ụy",
}  # fmt: skip

_CHAR_FIX = {"\u00d0": "\u0110", "\u00f0": "\u0111", "\t": " ", "\u00a0": " ", "\r": "\n"}


@dataclass(frozen=True)
class Cleaned:
    """Cleaned text plus the offset map back to the original.

    ``offsets[i]`` is the index in ``original`` of cleaned character ``i``;
    ``offsets[len(text)] == len(original)`` is a sentinel.
    """

    original: str
    text: str
    offsets: Sequence[int]

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """Map the cleaned span ``[start, end)`` to the original text.

        >>> c = clean("**Số 217-CV/HU**")
        >>> c.text
        'Số 217-CV/HU'
        >>> c.to_original(3, 12)
        (5, 14)
        """
        if end <= start:
            pos = self.offsets[min(start, len(self.text))]
            return pos, pos
        return self.offsets[start], self.offsets[end - 1] + 1

    @cached_property
    def folded(self) -> str:
        """:func:`fold` of :attr:`text` — same length, for accent-blind matching."""
        return fold(self.text)

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Trim whitespace from the cleaned span, then map it to the original."""
        start, end = self.trim(start, end)
        return self.to_original(start, end)

    def trim(self, start: int, end: int, chars: str = " \n,;.:-") -> tuple[int, int]:
        """Shrink ``[start, end)`` past leading/trailing ``chars`` of the cleaned text."""
        while start < end and self.text[start] in chars:
            start += 1
        while end > start and self.text[end - 1] in chars:
            end -= 1
        return start, end

    def printed(self, start: int, end: int) -> str:
        """The cleaned text of a span as one line (line breaks → spaces)."""
        return " ".join(self.text[start:end].split())


# One-for-one fixes of the fast path, as plain replacements: str.translate with a dict looks
# up (and misses) every character of the text.
_FIX_PAIRS = tuple((k, v) for k, v in _CHAR_FIX.items() if k != "\r")


def _nfc(text: str) -> tuple[str, OffsetMap]:
    """NFC-normalise cluster by cluster so that each output char maps to an input index."""
    if "\r" not in text and unicodedata.is_normalized("NFC", text):
        # The common case, and one-for-one: no cluster to compose, no line end to merge.
        for k, v in _FIX_PAIRS:
            if k in text:
                text = text.replace(k, v)
        return text, OffsetMap.identity(len(text))
    out: list[str] = []
    offs: list[int] = []
    i, n = 0, len(text)
    while i < n:
        j = i + 1
        while j < n and unicodedata.combining(text[j]):
            j += 1
        cluster = text[i:j]
        if cluster == "\r" and j < n and text[j] == "\n":
            i = j  # "\r\n" → "\n"
            continue
        piece = unicodedata.normalize("NFC", cluster) if j - i > 1 else cluster
        piece = "".join(_CHAR_FIX.get(ch, ch) for ch in piece)
        out.append(piece)
        offs.extend([i] * len(piece))
        i = j
    return "".join(out), OffsetMap.from_list(offs)


def _sub(
    text: str,
    offs: OffsetMap,
    pattern: re.Pattern[str],
    repl: str | Callable[[re.Match[str]], str | None],
) -> tuple[str, OffsetMap]:
    """``pattern.sub`` that keeps the offset map; replacement chars map to the match start.

    A callable ``repl`` returning ``None`` leaves the match unchanged.
    """
    out: list[str] = []
    new_offs = OffsetMapBuilder()
    last = 0
    for m in pattern.finditer(text):
        r = repl(m) if callable(repl) else repl
        if r is None:
            continue
        start = m.start()
        out.append(text[last:start])
        new_offs.copy(offs, last, start)
        out.append(r)
        if r:
            n = len(offs)
            anchor = offs[start] if start < n else offs[n - 1] if n else 0
            new_offs.fill(anchor, len(r))
        last = m.end()
    if last == 0 and not out:
        return text, offs
    out.append(text[last:])
    new_offs.copy(offs, last, len(offs))
    return "".join(out), new_offs.build()


def clean(text: str) -> Cleaned:
    """Clean one document's text.

    >>> c = clean("- Các ban Đảng, UBKT, VPTU, | *để báo cáo*\\n")
    >>> c.text
    '- Các ban Đảng, UBKT, VPTU,   để báo cáo\\n'
    >>> clean("…, báo\\n\\ncáo thường xuyên").text
    '…, báo\\ncáo thường xuyên'
    """
    t, offs = _nfc(text)
    # Each pass is skipped when a substring its pattern needs is absent (an `in` test is far
    # cheaper than a regex scan); a skipped pass is one that would have changed nothing.
    if _holds_any(t, rx.INVISIBLE_CHARS):
        t, offs = _sub(t, offs, rx.INVISIBLE, "")
    if "PAGE" in t:
        t, offs = _sub(t, offs, rx.PAGE_MARKER, "")
    if "*" in t or "__" in t:
        t, offs = _sub(t, offs, rx.EMPHASIS, "")
    if "|" in t:
        t, offs = _sub(t, offs, rx.COLUMN_RULE, " ")
    if t.startswith("l") or "\nl" in t or "l\n" in t or t.endswith("l"):
        t, offs = _sub(t, offs, rx.OCR_RULE_L, " ")
    if _holds_any(t, rx.BULLET_GLYPHS):
        t, offs = _sub(t, offs, rx.BULLET_GLYPH, "-")
    t, offs = _sub(t, offs, rx.PAGE_NUMBER_LINE, "")
    if " \n" in t or "\t\n" in t or t.endswith((" ", "\t")):
        t, offs = _sub(t, offs, rx.TRAILING_SPACE, "")
    if "\n " in t or "\n\t" in t or t.startswith((" ", "\t")):
        t, offs = _sub(t, offs, rx.LEADING_SPACE, "")
    if "\n\n\n" in t:
        t, offs = _sub(t, offs, rx.MANY_BREAKS, "\n\n")
    if "\n\n" in t:
        t, offs = _sub(t, offs, rx.SPLIT_SENTENCE, _close_split)
    return Cleaned(original=text, text=t, offsets=offs.with_sentinel(len(text)))


def _holds_any(text: str, chars: str) -> bool:
    # One `in` per character (a fast search each) beats a scan with a character class.
    for ch in chars:
        if ch in text:
            return True
    return False


def _close_split(m: re.Match[str]) -> str | None:
    # Only lower case on both sides is a sentence cut in two: "báo\n\ncáo", not "THỊ\n\nv/v".
    s = m.string
    nxt = s[m.end()] if m.end() < len(s) else ""
    return "\n" if nxt.islower() and s[m.start() - 1].islower() else None


def _fold_char(ch: str) -> str:
    if ch in "đĐ":
        return "d"
    low = ch.lower()
    if len(low) != 1:
        low = ch
    base = unicodedata.normalize("NFD", low)[0]
    return base if len(base) == 1 else low


class _FoldTable(dict[int, str]):
    """``str.translate`` table filled on first sight of each character."""

    def __missing__(self, code: int) -> str:
        ch = chr(code)
        folded = self[code] = _fold_char(ch) if code > 127 else ch.lower()
        return folded


_FOLD_TABLE = _FoldTable()


def fold(text: str) -> str:
    """Lower case without diacritics, ``đ`` → ``d``; the result has ``len(text)`` chars.

    >>> fold("HUYỆN ỦY Kim Sơn")
    'huyen uy kim son'
    """
    return text.translate(_FOLD_TABLE)


def tone_normal(text: str) -> str:
    """NFC with new-style tone placement, for comparing names: ``hoà`` → ``hòa``.

    >>> tone_normal("Uỷ ban nhân dân tỉnh Khánh Hoà")
    'Ủy ban nhân dân tỉnh Khánh Hòa'
    """
    text = unicodedata.normalize("NFC", text)

    def swap(m: re.Match[str]) -> str:
        s = m.group(0)
        new = _TONE_PAIRS[s.lower()]
        return new.upper() if s.isupper() else (new[0].upper() + new[1:] if s[0].isupper() else new)

    return rx.OLD_TONE.sub(swap, text)
