"""Text of a .docx (python-docx), one line per paragraph, in reading order.

Body paragraphs and tables in document order, a table row by row and cell by
cell (a merged cell once), the text boxes of a paragraph right after it.

Old documents converted to .docx keep their legacy fonts: a run in ``.VnTime``
(TCVN3) or ``VNI-Times`` (VNI) holds the bytes those fonts drew, read as
Windows-1252 (``Vieät Nam``).  Such runs are converted by their font name; a
``.VnTimeH``-style capitals font also upper-cases.  Where no font says so, the
text as a whole may still be repaired by :func:`chidao.extract.encodings.repair_legacy_text`
(done by the read stage).
"""

from __future__ import annotations

import io
from collections.abc import Iterator

from lxml import etree

from chidao.errors import InputError
from chidao.extract import regexes as rx
from chidao.extract.legacy import tcvn3_to_unicode, vni_to_unicode

_W = {"w": "http://schemas.openxmlformats.org/wordprocessingml/2006/main"}
# Text boxes in a paragraph; Word stores each twice (DrawingML and a VML fallback): skip the copy.
_TEXT_BOXES = etree.XPath(
    ".//w:txbxContent[not(ancestor::*[local-name()='Fallback'])]", namespaces=_W
)
_PARAGRAPHS = etree.XPath(".//w:p", namespaces=_W)
_TEXTS = etree.XPath(".//w:t", namespaces=_W)
_FONT_NAMES = etree.XPath(".//w:rFonts/@w:ascii", namespaces=_W)
_DEFAULT_FONT = etree.XPath("w:docDefaults/w:rPrDefault/w:rPr/w:rFonts/@w:ascii", namespaces=_W)


def legacy_font_encoding(font: str | None) -> str | None:
    """``"tcvn3"``, ``"tcvn3-caps"`` or ``"vni"`` for a legacy Vietnamese font name.

    >>> [legacy_font_encoding(f) for f in (".VnTime", ".VnTimeH", "VNI-Times", "Times New Roman")]
    ['tcvn3', 'tcvn3-caps', 'vni', None]
    """
    if not font:
        return None
    if rx.VNI_FONT.match(font):
        return "vni"
    if rx.TCVN3_FONT.match(font):
        return "tcvn3-caps" if rx.TCVN3_CAPS_FONT.match(font) else "tcvn3"
    return None


def _convert(text: str, encoding: str | None) -> str:
    if encoding == "vni":
        return vni_to_unicode(text)
    if encoding == "tcvn3":
        return tcvn3_to_unicode(text)
    if encoding == "tcvn3-caps":
        return tcvn3_to_unicode(text).upper()
    return text


class _Fonts:
    """The font a run is drawn in: its own, its character style's, its paragraph style's
    (up the ``basedOn`` chain), or the document default."""

    def __init__(self, document) -> None:
        default = _DEFAULT_FONT(document.styles.element)
        self.default = default[0] if default else None

    def of(self, run, paragraph) -> str | None:
        if run.font.name:
            return run.font.name
        for style in (run.style, paragraph.style):
            while style is not None:
                if style.font.name:
                    return style.font.name
                style = style.base_style
        return self.default


def _paragraph_text(paragraph, fonts: _Fonts | None) -> str:
    if fonts is None:
        return paragraph.text
    parts = []
    for item in paragraph.iter_inner_content():
        for run in getattr(item, "runs", None) or [item]:  # a hyperlink holds runs
            parts.append(_convert(run.text, legacy_font_encoding(fonts.of(run, paragraph))))
    return "".join(parts)


def _lines(container, fonts: _Fonts | None) -> Iterator[str]:
    """Lines of a python-docx body or table cell, in reading order."""
    from docx.table import Table

    for block in container.iter_inner_content():
        if isinstance(block, Table):
            for row in block.rows:
                seen: set = set()  # lxml elements: a merged cell repeats across the row
                for cell in row.cells:
                    if cell._tc in seen:
                        continue
                    seen.add(cell._tc)
                    yield from _lines(cell, fonts)
        else:
            yield _paragraph_text(block, fonts)
            # Text boxes: numbers and dates are often put in one.
            for box in _TEXT_BOXES(block._p):
                for p in _PARAGRAPHS(box):
                    yield "".join(t.text or "" for t in _TEXTS(p))


def _uses_legacy_fonts(document) -> bool:
    names = set(_FONT_NAMES(document.element)) | set(_FONT_NAMES(document.styles.element))
    return any(legacy_font_encoding(n) for n in names)


def read_docx(data: bytes, source: str) -> str:
    """The text of a .docx, one line per paragraph."""
    import docx

    try:
        document = docx.Document(io.BytesIO(data))
        fonts = _Fonts(document) if _uses_legacy_fonts(document) else None
        return "\n".join(_lines(document, fonts))
    except Exception as exc:  # python-docx raises many types on damaged XML/zip parts
        raise InputError(
            f"damaged .docx ({type(exc).__name__}: {exc})".replace("\n", " "), source=source
        ) from exc
