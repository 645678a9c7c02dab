"""Line and column helpers shared by the header, parties and signature finders.

OCR of a two-column header merges the columns onto one line
(``BỘ TÀI CHÍNH | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM``); :func:`left_column`
cuts such a line where the right column (motto, Party name) begins.
"""

from __future__ import annotations

from typing import NamedTuple

from chidao.extract import regexes as rx
from chidao.extract.clean import Cleaned


class Line(NamedTuple):
    """One line of the cleaned text: ``[start, end)`` without its line break.

    Immutable like a frozen dataclass, and made twice as fast: a document has a hundred.
    """

    start: int
    end: int
    text: str
    folded: str

    @property
    def blank(self) -> bool:
        return not self.text.strip()


#: The last document's lines: the header, parties, signature and issuer finders all split the
#: same text in turn. Keyed by identity (the entry holds the object, so its id is not reused).
_last_split: tuple[Cleaned, tuple[Line, ...]] | None = None


def split_lines(cleaned: Cleaned) -> list[Line]:
    """The lines of the cleaned text with their offsets (a new list; the lines are frozen)."""
    global _last_split
    last = _last_split
    if last is not None and last[0] is cleaned:
        return list(last[1])
    lines = _split_lines(cleaned)
    _last_split = (cleaned, tuple(lines))
    return lines


def _split_lines(cleaned: Cleaned) -> list[Line]:
    out: list[Line] = []
    pos = 0
    text, folded = cleaned.text, cleaned.folded
    for raw in text.split("\n"):
        end = pos + len(raw)
        out.append(Line(pos, end, raw, folded[pos:end]))
        pos = end + 1
    return out


def left_column(line: Line) -> tuple[int, int]:
    """The cleaned span of a header line's left column (before the motto / Party name)."""
    m = rx.RIGHT_COLUMN_F.search(line.folded)
    cut = line.start + m.start() if m else line.end
    return line.start, cut


def has_right_column(line: Line) -> bool:
    return rx.RIGHT_COLUMN_F.search(line.folded) is not None


def upper_ratio(s: str) -> float:
    """Share of upper-case letters among the letters of ``s`` (0 when it has none)."""
    letters = list(filter(str.isalpha, s))  # map/filter: no Python-level loop
    return sum(map(str.isupper, letters)) / len(letters) if letters else 0.0


def capitalised(word: str) -> bool:
    """``Nguyễn``, ``Ủy``, OCR's ``K3`` for ``K'``: a word of letters/digits opening with a
    capital letter."""
    return word[:1].isupper() and rx.NAME_WORD.match(word) is not None
