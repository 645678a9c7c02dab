"""Make .docx and .pdf test files from text (python-docx, fpdf2), as a word processor would."""

from __future__ import annotations

import io
import re
from glob import glob
from pathlib import Path

import pytest

SAMPLES = Path(__file__).resolve().parents[1] / "data" / "samples"

# A Unicode TrueType font with Vietnamese letters for fpdf2 (Debian: fonts-dejavu-core).
_FONT_GLOBS = (
    "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
    "/usr/share/fonts/**/DejaVuSans.ttf",
    "/usr/local/share/fonts/**/DejaVuSans.ttf",
    "/usr/share/fonts/**/LiberationSans-Regular.ttf",
)


def unicode_font() -> str:
    """Path of a Unicode TTF, or skip the test saying which package provides one."""
    for pattern in _FONT_GLOBS:
        found = sorted(glob(pattern, recursive=True))
        if found:
            return found[0]
    pytest.skip("no Unicode TTF font for fpdf2 (install the Debian package fonts-dejavu-core)")


def sample_texts() -> list[tuple[str, str]]:
    return [(p.name, p.read_text(encoding="utf-8")) for p in sorted(SAMPLES.glob("*.txt"))]


_EMPHASIS = re.compile(r"\*+")


def _add_paragraph(container, line: str) -> None:
    """A paragraph for one line of the .txt twin: ``**bold**`` and ``*italic*`` become run
    formatting, as in the Word file the text was converted from."""
    bold = "**" in line
    italic = not bold and "*" in line
    p = container.add_paragraph()
    text = _EMPHASIS.sub("", line)
    if text:
        run = p.add_run(text)
        run.bold, run.italic = bold or None, italic or None


def make_docx(text: str, *, header_table: bool = False) -> bytes:
    """A .docx with one paragraph per line of ``text``.

    With ``header_table`` the header goes into a borderless two-column table the
    way Decree 30 letters are laid out: issuing body, number and subject on the
    left, the national motto and the place and date on the right.
    """
    import docx

    document = docx.Document()
    lines = text.split("\n")
    split = _header_split(lines) if header_table else None
    if split is not None:
        left_end, right_end = split
        table = document.add_table(rows=1, cols=2)
        left, right = table.rows[0].cells
        for cell, part in ((left, lines[:left_end]), (right, lines[left_end:right_end])):
            cell.paragraphs[0].text = ""
            first, *rest = part
            cell.paragraphs[0].add_run(_EMPHASIS.sub("", first))
            for line in rest:
                _add_paragraph(cell, line)
        lines = lines[right_end:]
    for line in lines:
        _add_paragraph(document, line)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _header_split(lines: list[str]) -> tuple[int, int] | None:
    """(start of the motto line, end of the date line) when the motto comes before the date."""
    motto = next((i for i, s in enumerate(lines) if re.search(r"CỘNG (SẢN|HÒA|HOÀ)", s)), None)
    if motto is None or motto == 0:
        return None
    date = next((i for i in range(motto, len(lines)) if "ngày" in lines[i]), None)
    return None if date is None else (motto, date + 1)


def make_pdf(text: str, *, pages: list[str] | None = None) -> bytes:
    """An A4 PDF of ``text`` in 11 pt, lines wrapped at the margin; ``pages`` forces page breaks.

    An empty page in ``pages`` gets a filled rectangle only (a scanned page: no text).
    """
    from fpdf import FPDF

    font = unicode_font()
    pdf = FPDF(format="A4")
    pdf.add_font("body", fname=font)
    pdf.set_font("body", size=11)
    for page in pages if pages is not None else [text]:
        pdf.add_page()
        if not page:
            pdf.rect(20, 20, 170, 250, style="F")
            continue
        for line in page.split("\n"):
            pdf.multi_cell(0, 5, _EMPHASIS.sub("", line), new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())


def make_scanned_pdf() -> bytes:
    """A PDF whose only page is a picture-like filled area: no text layer."""
    from fpdf import FPDF

    pdf = FPDF(format="A4")
    pdf.add_page()
    pdf.rect(20, 20, 170, 250, style="F")
    return bytes(pdf.output())


def make_two_column_pdf(left: list[str], right: list[str], body: str) -> bytes:
    """A PDF whose header has two columns side by side on the page (Decree 30 layout):
    ``left`` lines at the left margin, ``right`` lines at mid-page on the same rows."""
    from fpdf import FPDF

    pdf = FPDF(format="A4")
    pdf.add_page()
    pdf.add_font("body", fname=unicode_font())
    pdf.set_font("body", size=11)
    y = 20.0
    for i in range(max(len(left), len(right))):
        if i < len(left) and left[i]:
            pdf.text(20, y, left[i])
        if i < len(right) and right[i]:
            pdf.text(110, y, right[i])
        y += 6
    pdf.set_y(y + 6)
    for line in body.split("\n"):
        pdf.multi_cell(0, 5, line, new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())
