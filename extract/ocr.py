"""OCR of scanned pages and photos: Tesseract with its Vietnamese model, through pytesseract.

A page image becomes text whose layout keeps the header's two columns apart:
Tesseract's automatic page segmentation (``--psm 3``) finds the left column
(issuing body, number) and the right column (motto, place and date) as separate
blocks, and the text is rebuilt from its word boxes block by block, line by line
(a blank line between blocks), so the columns never interleave.  Each page also
gets the mean confidence of its words.

Tesseract is a system program (Debian: ``tesseract-ocr tesseract-ocr-vie``);
where it or its Vietnamese model is missing, :func:`engine` raises an
:class:`~chidao.errors.InputError` that says how to install it.
"""

from __future__ import annotations

import functools
import itertools
import os
import sys
from collections.abc import Callable
from dataclasses import dataclass

from chidao.errors import InputError

#: Tesseract's language: Vietnamese (its model also reads the ASCII of numbers and codes).
LANGUAGE = "vie"
#: How to install what OCR needs, for the message when it is missing.
INSTALL = "apt-get install tesseract-ocr tesseract-ocr-vie"
#: Resolution pages are rendered at: Tesseract's documented sweet spot for body text.
DPI = 300
#: Largest image handed to Tesseract, in pixels (an A4 page at 300 dpi is 8.7 million);
#: bigger pages are scaled down, bigger image files refused (a decompression bomb).
MAX_PIXELS = 40_000_000
#: Pages OCR'd in one file at most: a 500-page scan is refused, not read for an hour.
MAX_PAGES = 100
#: Seconds Tesseract may spend on one page.
PAGE_TIMEOUT = 120
#: A page whose words' mean confidence is below this gets a ``low-confidence`` warning.
LOW_CONFIDENCE = 60.0
#: Page segmentation: fully automatic, no orientation detection (blocks, then lines).
CONFIG = "--psm 3"

#: ``progress(source, page, pages)``: called before each page is OCR'd.
Progress = Callable[[str, int, int], None]


@dataclass(frozen=True, slots=True)
class OcrPage:
    """The text of one page image and the mean confidence (0–100) of its words."""

    text: str
    confidence: float | None  # None: no word found
    words: int


@functools.cache
def _probe() -> tuple[str | None, str]:
    """(Tesseract's version or None, what is wrong): looked up once per process."""
    try:
        import pytesseract
    except ImportError:  # pragma: no cover - a dependency of chidao
        return None, "the Python package pytesseract is missing (pip install pytesseract)"
    try:
        version = str(pytesseract.get_tesseract_version())
        languages = pytesseract.get_languages(config="")
    except (pytesseract.TesseractNotFoundError, OSError, RuntimeError):
        return None, f"Tesseract is not installed ({INSTALL})"
    if LANGUAGE not in languages:
        return None, f"Tesseract's Vietnamese model is not installed ({INSTALL})"
    return version, ""


def available() -> bool:
    """Whether OCR can run here (Tesseract and its Vietnamese model are installed)."""
    return _probe()[0] is not None


def engine(source: str) -> str:
    """``"tesseract 5.3.0"``; :class:`InputError` naming ``source`` when OCR cannot run.

    The message ends with the one ``apt-get`` line that installs what is missing.
    """
    version, problem = _probe()
    if version is None:
        raise InputError(f"needs OCR, but {problem}", source=source)
    return f"tesseract {version}"


def ocr_image(image, source: str) -> OcrPage:
    """OCR one page image (a Pillow image) with the layout kept block by block.

    Raises :class:`InputError` when Tesseract fails or runs past :data:`PAGE_TIMEOUT`.
    """
    import pytesseract

    # OpenMP threads make Tesseract 5× slower on a busy machine (measured: 9.0 s against
    # 1.7 s a page with 2 cores shared); a caller may still set its own limit.
    os.environ.setdefault("OMP_THREAD_LIMIT", "1")
    image = _fit(image)
    try:
        data = pytesseract.image_to_data(
            image,
            lang=LANGUAGE,
            config=CONFIG,
            output_type=pytesseract.Output.DICT,
            timeout=PAGE_TIMEOUT,
        )
    except RuntimeError as exc:  # pytesseract's timeout
        raise InputError(
            f"OCR stopped after {PAGE_TIMEOUT} s on a page ({exc})", source=source
        ) from exc
    except pytesseract.TesseractError as exc:
        raise InputError(
            f"OCR failed ({exc.message or exc.status})".replace("\n", " "), source=source
        ) from exc
    return page_from_data(data)


def page_from_data(data: dict[str, list]) -> OcrPage:
    """Rebuild a page's text from Tesseract's word boxes (``image_to_data`` as a dict).

    Words of one line are joined by a space, lines by a newline, and blocks
    are separated by an empty line.  Where lines have a wide gap in them (the
    two header columns side by side, which Tesseract may read as one line),
    the run of such lines is read as two columns: every left part, an empty
    line, then every right part (:func:`_two_columns`).

    >>> rows = [  # (block, par, line, word, confidence, left, top, width, height)
    ...     (1, 1, 1, "HUYỆN", 96, 100, 100, 150, 40), (1, 1, 1, "ỦY", 91, 260, 100, 60, 40),
    ...     (1, 1, 1, "ĐẢNG", 93, 1300, 100, 140, 40), (1, 1, 1, "CỘNG", 90, 1450, 100, 150, 40),
    ...     (1, 1, 2, "Số", 95, 150, 160, 60, 40), (1, 1, 2, "Ngày", 60, 1350, 160, 130, 40),
    ...     (2, 1, 1, "Kính", 97, 100, 300, 120, 40), (2, 1, 1, "gửi", 97, 230, 300, 80, 40),
    ... ]
    >>> keys = "block_num par_num line_num text conf left top width height".split()
    >>> page = page_from_data({k: [r[i] for r in rows] for i, k in enumerate(keys)})
    >>> print(page.text)
    HUYỆN ỦY
    Số
    <BLANKLINE>
    ĐẢNG CỘNG
    Ngày
    <BLANKLINE>
    Kính gửi
    >>> page.confidence, page.words
    (89.9, 8)
    """
    lines: list[_Line] = []
    last_key = None
    confidences: list[float] = []
    for block, par, line, word, conf, left, top, width, height in zip(
        data["block_num"],
        data["par_num"],
        data["line_num"],
        data["text"],
        data["conf"],
        data["left"],
        data["top"],
        data["width"],
        data["height"],
        strict=True,
    ):
        word = (word or "").strip()
        if not word:
            continue
        confidences.append(max(float(conf), 0.0))
        if (block, par, line) != last_key:
            lines.append(_Line(block, []))
            last_key = (block, par, line)
        lines[-1].words.append(
            (int(left), int(top), int(left) + int(width), int(top) + int(height), word)
        )
    text = "\n".join(_layout(lines)).strip("\n")
    mean = round(sum(confidences) / len(confidences), 1) if confidences else None
    return OcrPage(text, mean, len(confidences))


Word = tuple[int, int, int, int, str]  # left, top, right, bottom, text


@dataclass(slots=True)
class _Line:
    block: int
    words: list[Word]

    @property
    def left(self) -> int:
        return min(w[0] for w in self.words)

    @property
    def right(self) -> int:
        return max(w[2] for w in self.words)

    @property
    def top(self) -> int:
        return min(w[1] for w in self.words)

    @property
    def bottom(self) -> int:
        return max(w[3] for w in self.words)

    @property
    def height(self) -> int:
        return sorted(w[3] - w[1] for w in self.words)[len(self.words) // 2]

    def gap(self, band: tuple[int, int] | None = None) -> tuple[int, int] | None:
        """The widest gap between two words that is a column gap: (start, end) x, else None.

        Alone, a column gap is wider than :data:`COLUMN_GAP` line heights; next to
        the columns already found (``band``, the free space between them), any gap
        over :data:`WORD_GAP` line heights that meets the band is one.
        """
        best = None
        for a, b in itertools.pairwise(sorted(self.words)):
            if band is not None and not (a[2] < band[1] and b[0] > band[0]):
                continue
            if best is None or b[0] - a[2] > best[1] - best[0]:
                best = (a[2], b[0])
        least = COLUMN_GAP if band is None else WORD_GAP
        if best is not None and best[1] - best[0] > least * self.height:
            return best
        return None

    def text(self, words: list[Word] | None = None) -> str:
        return " ".join(w[4] for w in sorted(words if words is not None else self.words))


#: A gap between two words wider than this many line heights separates two columns
#: (justified body text stretches its spaces to about one line height at most).
COLUMN_GAP = 3.0
#: Wider than any word space (justified lines stretch theirs to about one line height).
WORD_GAP = 1.5
#: Lines further apart than this many line heights do not continue a column.
COLUMN_LEADING = 1.2


def _layout(lines: list[_Line]) -> list[str]:
    """Text lines of a page, a two-column run read column by column, blocks apart."""
    out: list[str] = []
    i = 0
    last_block = None
    while i < len(lines):
        line = lines[i]
        if line.gap() is not None:
            end, left, right = _two_columns(lines, i)
            if out and out[-1]:
                out.append("")
            out.extend([*left, "", *right, ""])
            i, last_block = end, None
            continue
        if last_block is not None and line.block != last_block and out and out[-1]:
            out.append("")
        out.append(line.text())
        last_block = line.block
        i += 1
    return out


def _two_columns(lines: list[_Line], start: int) -> tuple[int, list[str], list[str]]:
    """Split the run of lines from ``start`` (a line with a column gap) into its left and
    right column: (index after the run, left lines, right lines).

    The free band between the columns starts as the first line's gap and narrows
    to what every later gap leaves free.  The run goes on while each line has a
    gap that meets the band or lies wholly on one side of it, and is close below
    the line before it (a line further down — "Kính gửi" after an empty line —
    starts the body).
    """
    band = lines[start].gap()
    assert band is not None
    left: list[str] = []
    right: list[str] = []
    prev = lines[start]
    i = start
    while i < len(lines):
        line = lines[i]
        if i > start and line.top - prev.bottom > COLUMN_LEADING * max(line.height, prev.height):
            break
        gap = line.gap(band)
        if gap is not None:
            band = (max(band[0], gap[0]), min(band[1], gap[1]))
            middle = (gap[0] + gap[1]) // 2
            lw = [w for w in line.words if w[2] <= middle]
            rw = [w for w in line.words if w[0] >= middle]
        elif line.right <= band[1] and (line.left + line.right) // 2 < band[0]:
            lw, rw = line.words, []
        elif line.left >= band[0] and (line.left + line.right) // 2 > band[1]:
            lw, rw = [], line.words
        else:  # a line across the band: the columns ended
            break
        if lw:
            left.append(line.text(lw))
        if rw:
            right.append(line.text(rw))
        prev = line
        i += 1
    return i, left, right


def _fit(image):
    """Grey scale, and no larger than :data:`MAX_PIXELS` (a huge page is scaled down)."""
    if image.mode not in ("L", "1"):
        image = image.convert("L")
    pixels = image.width * image.height
    if pixels > MAX_PIXELS:
        scale = (MAX_PIXELS / pixels) ** 0.5
        image = image.resize((max(1, int(image.width * scale)), max(1, int(image.height * scale))))
    return image


def check_page_count(pages: int, source: str) -> None:
    """Refuse a file with more than :data:`MAX_PAGES` pages to OCR (bounded time)."""
    if pages > MAX_PAGES:
        raise InputError(
            f"{pages} pages need OCR, over the limit of {MAX_PAGES} pages a file; split the scan",
            source=source,
        )


def terminal_progress(source: str, page: int, pages: int) -> None:
    """Show ``ocr: FILE page 3/12`` on standard error when it is a terminal (one
    line, redrawn); nothing otherwise, so logs do not fill with it."""
    if pages < 2 or not sys.stderr.isatty():
        return
    from chidao.extract.read import display_path

    end = "\n" if page == pages else ""
    sys.stderr.write(f"\r\x1b[Kocr: {display_path(source)} page {page}/{pages}{end}")
    sys.stderr.flush()
