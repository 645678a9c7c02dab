"""Text of a PDF (pypdf): the text layer page by page, in layout order.

Pages are joined by a ``--- PAGE BREAK ---`` line, the convention of the PDF
converters whose output the clean stage already knows.  A PDF without any text
layer (a scan) is refused: OCR is not part of chidao.  A page without text
among pages with text is kept as a :class:`Problem` at its place.
"""

from __future__ import annotations

import io
import logging
import warnings

from chidao.errors import InputError
from chidao.extract import regexes as rx
from chidao.extract.records import Problem

PAGE_BREAK = "\n--- PAGE BREAK ---\n"


def _page_text(page) -> str:
    """A page's text in layout mode, tidied.

    Layout mode keeps what plain mode loses: an empty line where the page has a
    paragraph gap, the lines in their vertical order.  It also pads lines to
    their place on the page; that padding (indents, justified word gaps, the gap
    between the two header columns) becomes one space.
    """
    try:
        text = page.extract_text(extraction_mode="layout")
    except Exception:  # layout mode fails on some fonts where plain mode works
        text = page.extract_text()
    text = rx.PDF_PADDING.sub(lambda m: " " if m.group("gap") else "", text or "")
    return rx.PDF_BLANK_LINES.sub("\n\n", text).strip("\n")


def read_pdf(data: bytes, source: str) -> tuple[str, tuple[Problem, ...]]:
    """The text layer of a PDF, pages joined by :data:`PAGE_BREAK`, and page problems."""
    from pypdf import PdfReader

    log = logging.getLogger("pypdf")
    level = log.level
    log.setLevel(logging.ERROR)  # pypdf logs every repaired xref: one line per file is the rule
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            try:
                reader = PdfReader(io.BytesIO(data), strict=False)
                if reader.is_encrypted and not reader.decrypt(""):
                    raise InputError("encrypted PDF (needs a password)", source=source)
                pages = [_page_text(page) for page in reader.pages]
            except InputError:
                raise
            except Exception as exc:  # pypdf raises many types on damaged files
                raise InputError(
                    f"damaged or truncated PDF ({type(exc).__name__}: {exc})".replace("\n", " "),
                    source=source,
                ) from exc
    finally:
        log.setLevel(level)
    if not pages:
        raise InputError("PDF without pages", source=source)
    if not any(p.strip() for p in pages):
        raise InputError("no text layer (scanned PDF?); OCR is not supported", source=source)
    parts: list[str] = []
    problems: list[Problem] = []
    pos = 0
    for number, page in enumerate(pages, 1):
        if number > 1:
            parts.append(PAGE_BREAK)
            pos += len(PAGE_BREAK)
        if not page.strip():
            problems.append(
                Problem(
                    "no-text-page",
                    f"page {number} of {len(pages)} has no text layer (scanned?); "
                    "its text is missing",
                    (pos, pos),
                )
            )
        parts.append(page)
        pos += len(page)
    if b"%%EOF" not in data[-2048:]:
        problems.append(Problem("truncated", "PDF has no %%EOF marker at its end (truncated?)"))
    return "".join(parts), tuple(problems)
