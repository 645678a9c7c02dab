"""Text of a PDF (pypdf): the text layer page by page, in layout order.

Pages are joined by a ``--- PAGE BREAK ---`` line, the convention of the PDF
converters whose output the clean stage already knows.  Pages without a text
layer (a scan) are rendered and OCR'd (:mod:`chidao.extract.ocr`); with OCR
off, a PDF without any text layer is refused and a text-less page among pages
with text is kept as a :class:`Problem` at its place.
"""

from __future__ import annotations

import io
import logging
import warnings

from chidao.errors import InputError
from chidao.extract import ocr as ocr_module
from chidao.extract import regexes as rx
from chidao.extract.ocr import Progress
from chidao.extract.records import Problem, Reading

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


def read_pdf(
    data: bytes, source: str, *, ocr: bool = True, progress: Progress | None = None
) -> tuple[str, tuple[Problem, ...], Reading | None]:
    """The text of a PDF, pages joined by :data:`PAGE_BREAK`, its problems, and how OCR read it.

    Pages with a text layer are read from it; pages without one are rendered at
    300 dpi (pypdfium2) and OCR'd (:mod:`chidao.extract.ocr`) unless ``ocr`` is
    false.  The :class:`Reading` is ``None`` when no page was OCR'd.
    """
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
    blank = [i for i, p in enumerate(pages) if not p.strip()]
    reading = None
    if blank and ocr:
        if len(blank) == len(pages) or ocr_module.available():
            ocr_pages = _ocr_pages(data, blank, source, progress)
            for i, page in ocr_pages.items():
                pages[i] = page.text
            engine = ocr_module.engine(source)
            reading = (engine, tuple((i + 1, ocr_pages[i].confidence) for i in sorted(ocr_pages)))
    elif blank and len(blank) == len(pages):
        raise InputError("no text layer (scanned PDF?) and OCR is off (--no-ocr)", source=source)
    text, problems = join_pages(pages, dict(reading[1]) if reading else {})
    if not text.strip():
        raise InputError("no text found, neither in a text layer nor by OCR", source=source)
    if b"%%EOF" not in data[-2048:]:
        problems += (Problem("truncated", "PDF has no %%EOF marker at its end (truncated?)"),)
    if reading is None:
        return text, problems, None
    return text, problems, Reading(text, "ocr", reading[0], reading[1])


def _ocr_pages(
    data: bytes, indexes: list[int], source: str, progress: Progress | None
) -> dict[int, ocr_module.OcrPage]:
    """Render the pages at ``indexes`` (0-based) and OCR them."""
    import pypdfium2 as pdfium

    ocr_module.engine(source)  # the install hint before any rendering
    ocr_module.check_page_count(len(indexes), source)
    out: dict[int, ocr_module.OcrPage] = {}
    try:
        pdf = pdfium.PdfDocument(data)
    except Exception as exc:  # pdfium's own error types
        raise InputError(f"damaged PDF, cannot render it for OCR ({exc})", source=source) from exc
    try:
        for done, i in enumerate(indexes, 1):
            if progress is not None:
                progress(source, done, len(indexes))
            page = pdf[i]
            width, height = page.get_size()  # points
            scale = ocr_module.DPI / 72
            # A page declared metres wide is rendered smaller, not into gigabytes.
            scale = min(scale, (ocr_module.MAX_PIXELS / max(width * height, 1.0)) ** 0.5)
            image = page.render(scale=scale, grayscale=True).to_pil()
            out[i] = ocr_module.ocr_image(image, source)
            page.close()
    finally:
        pdf.close()
    return out


def join_pages(
    pages: list[str], confidence: dict[int, float | None]
) -> tuple[str, tuple[Problem, ...]]:
    """Pages joined by :data:`PAGE_BREAK`, with a problem for each empty page and each OCR'd
    page (1-based numbers in ``confidence``) whose mean word confidence is low.

    >>> text, problems = join_pages(["Số 12", "", "Nơi nhận"], {3: 41.0})
    >>> [(p.code, p.span) for p in problems]
    [('no-text-page', (25, 25)), ('low-confidence', (45, 53))]
    >>> print(problems[1].message)
    page 3 of 3: OCR mean word confidence 41% (below 60%): check its text
    """
    parts: list[str] = []
    problems: list[Problem] = []
    pos = 0
    for number, page in enumerate(pages, 1):
        if number > 1:
            parts.append(PAGE_BREAK)
            pos += len(PAGE_BREAK)
        if not page.strip():
            what = (
                "no text layer (scanned?)" if number not in confidence else "no text found by OCR"
            )
            problems.append(
                Problem(
                    "no-text-page",
                    f"page {number} of {len(pages)} has {what}; its text is missing",
                    (pos, pos),
                )
            )
        conf = confidence.get(number)
        if page.strip() and conf is not None and conf < ocr_module.LOW_CONFIDENCE:
            problems.append(
                Problem(
                    "low-confidence",
                    f"page {number} of {len(pages)}: OCR mean word confidence {conf:.0f}% "
                    f"(below {ocr_module.LOW_CONFIDENCE:.0f}%): check its text",
                    (pos, pos + len(page)),
                )
            )
        parts.append(page)
        pos += len(page)
    return "".join(parts), tuple(problems)
