"""Stage 1, read: format by content, the Document's facts, limits, DOCX/PDF layout."""

from __future__ import annotations

import hashlib
import io
import zipfile
from pathlib import Path

import pytest
from _makers import make_docx, make_pdf, make_scanned_pdf, unicode_font

from chidao.errors import InputError
from chidao.extract.formats import sniff
from chidao.extract.read import decode_bytes, iter_input_files, read_path
from chidao.extract.read_pdf import PAGE_BREAK

HEADER = (
    "HUYỆN ỦY BẢO LÂM\nSố 395-CV/HU\nĐẢNG CỘNG SẢN VIỆT NAM\nBảo Lâm, ngày 15 tháng 02 năm 2021"
)
BODY = (
    "Kính gửi: Ủy ban nhân dân huyện,\n"
    "1- Tiếp tục thực hiện nghiêm các biện pháp phòng, chống dịch."
)


def test_document_facts_of_a_text_file(tmp_path: Path) -> None:
    data = (HEADER + "\n" + BODY).encode("utf-8")
    path = tmp_path / "a.txt"
    path.write_bytes(data)
    doc = read_path(path)
    assert doc.source == str(path)
    assert doc.text == HEADER + "\n" + BODY
    assert (doc.encoding, doc.format, doc.size) == ("utf-8", "text", len(data))
    assert doc.sha256 == hashlib.sha256(data).hexdigest()
    assert doc.problems == ()


@pytest.mark.parametrize("name", ["letter.txt", "letter.pdf", "letter", "letter.doc"])
def test_docx_is_recognised_by_content_whatever_its_name(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    path.write_bytes(make_docx(HEADER + "\n" + BODY))
    doc = read_path(path)
    assert (doc.format, doc.encoding) == ("docx", "docx")
    assert doc.text == HEADER + "\n" + BODY


@pytest.mark.parametrize("name", ["letter.txt", "letter.docx"])
def test_pdf_is_recognised_by_content_whatever_its_name(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    path.write_bytes(make_pdf(HEADER))
    doc = read_path(path)
    assert (doc.format, doc.encoding) == ("pdf", "pdf")
    assert doc.text.split() == HEADER.split()


def test_text_named_pdf_is_read_as_text(tmp_path: Path) -> None:
    path = tmp_path / "letter.pdf"
    path.write_text(HEADER, encoding="utf-16")
    doc = read_path(path)
    assert (doc.format, doc.encoding, doc.text) == ("text", "utf-16", HEADER)


def test_docx_header_table_reads_left_column_then_right() -> None:
    text = HEADER + "\n" + BODY
    doc = decode_bytes(make_docx(text, header_table=True), "t.docx")
    assert doc.text == text


def test_docx_merged_cells_are_read_once() -> None:
    import docx

    d = docx.Document()
    table = d.add_table(rows=2, cols=2)
    merged = table.cell(0, 0).merge(table.cell(0, 1))
    merged.text = "TỈNH ỦY BẮC KẠN"
    table.cell(1, 0).text = "Số 309-CV/TU"
    table.cell(1, 1).text = "Bắc Kạn, ngày 20 tháng 7 năm 2021"
    out = io.BytesIO()
    d.save(out)
    text = decode_bytes(out.getvalue(), "m.docx").text
    assert text == "TỈNH ỦY BẮC KẠN\nSố 309-CV/TU\nBắc Kạn, ngày 20 tháng 7 năm 2021"


def test_docx_text_box_is_read_after_its_paragraph() -> None:
    import docx
    from docx.oxml import parse_xml

    d = docx.Document()
    p = d.add_paragraph("TỈNH ỦY BẮC KẠN")
    box = (
        '<w:r xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
        ' xmlns:v="urn:schemas-microsoft-com:vml"><w:pict><v:shape><v:textbox><w:txbxContent>'
        "<w:p><w:r><w:t>Số 309-CV/TU</w:t></w:r></w:p>"
        "</w:txbxContent></v:textbox></v:shape></w:pict></w:r>"
    )
    p._p.append(parse_xml(box))
    d.add_paragraph("Kính gửi: các huyện ủy")
    out = io.BytesIO()
    d.save(out)
    text = decode_bytes(out.getvalue(), "box.docx").text
    assert text.split("\n") == ["TỈNH ỦY BẮC KẠN", "Số 309-CV/TU", "Kính gửi: các huyện ủy"]


def test_pdf_pages_are_joined_by_a_page_break_line() -> None:
    doc = decode_bytes(make_pdf("", pages=[HEADER, BODY]), "p.pdf")
    first, second = doc.text.split(PAGE_BREAK)
    assert first.split() == HEADER.split() and second.split() == BODY.split()
    assert doc.problems == ()


def test_pdf_page_without_text_is_a_problem_at_its_place() -> None:
    doc = decode_bytes(make_pdf("", pages=[HEADER, "", BODY]), "p.pdf")
    [problem] = doc.problems
    assert problem.code == "no-text-page"
    assert "page 2 of 3" in problem.message
    start, end = problem.span
    assert start == end and doc.text[:start].endswith(PAGE_BREAK)
    assert doc.text[start:].startswith(PAGE_BREAK)  # the empty page sits between two breaks


def test_scanned_pdf_without_ocr_is_refused() -> None:
    with pytest.raises(InputError, match=r"no text layer \(scanned PDF\?\) and OCR is off"):
        decode_bytes(make_scanned_pdf(), "scan.pdf", ocr=False)


def test_scanned_pdf_of_a_picture_holds_no_text() -> None:
    from chidao.extract import ocr

    if not ocr.available():
        pytest.skip(f"Tesseract with Vietnamese is not installed ({ocr.INSTALL})")
    with pytest.raises(InputError, match=r"no text found, neither in a text layer nor by OCR"):
        decode_bytes(make_scanned_pdf(), "scan.pdf")


def test_encrypted_pdf_is_refused() -> None:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    pdf.add_font("body", fname=unicode_font())
    pdf.set_font("body", size=11)
    pdf.set_encryption(owner_password="owner", user_password="secret")
    pdf.cell(0, 5, "Việt Nam")
    with pytest.raises(InputError, match=r"encrypted PDF \(needs a password\)"):
        decode_bytes(bytes(pdf.output()), "locked.pdf")


def test_docx_typed_in_a_legacy_font_is_converted() -> None:
    from chidao.extract.legacy import encode_legacy

    vni = encode_legacy(BODY, "vni").decode("cp1252")  # what Word stored for VNI-Times runs
    doc = decode_bytes(make_docx(vni), "vni.docx")
    assert (doc.text, doc.encoding) == (BODY, "docx+vni")


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600), r"legacy Excel/PowerPoint 97-2003"),
        (b"\x1f\x8b\x08\x00" + bytes(64), r"gzip archive, not a supported document$"),
        (b"\x7fELF\x02\x01" + bytes(64), r"ELF executable, not a supported document$"),
    ],
)
def test_known_binary_formats_are_named(data: bytes, message: str) -> None:
    with pytest.raises(InputError, match=message):
        sniff(data, "x.doc")


def _zip(files: dict[str, str]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as zf:
        for name, content in files.items():
            zf.writestr(name, content)
    return out.getvalue()


def test_zip_that_is_not_docx() -> None:
    with pytest.raises(InputError, match=r"zip archive without word/document.xml"):
        decode_bytes(_zip({"a.txt": "x"}), "a.docx")


@pytest.mark.parametrize(
    ("data", "kind"),
    [
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + "WordDocument".encode("utf-16-le"), "doc"),
        (b"{\\rtf1\\ansi Vi\\'eat Nam}", "rtf"),
        (b"\x89PNG\r\n\x1a\n" + bytes(64), "image"),
        (b"II*\x00" + bytes(64), "image"),
        (b"\xef\xbb\xbf<!DOCTYPE html>\n<html><body>x", "html"),
        (b"  <html lang='vi'><body>x", "html"),
        (b"MIME-Version: 1.0\r\nContent-Type: multipart/related; boundary=x\r\n", "mht"),
        (b"<p>S\xe1\xbb\x91 12</p>", "text"),  # a fragment is not a page: read as text
    ],
)
def test_formats_read_by_other_readers_are_recognised(data: bytes, kind: str) -> None:
    assert sniff(data, "x.txt") == kind


def test_odt_is_recognised_and_other_opendocument_refused() -> None:
    odt = _zip({"mimetype": "application/vnd.oasis.opendocument.text", "content.xml": "<x/>"})
    assert sniff(odt, "a.odt") == "odt"
    ods = _zip({"mimetype": "application/vnd.oasis.opendocument.spreadsheet", "content.xml": "x"})
    with pytest.raises(InputError, match=r"OpenDocument file of type .*spreadsheet, not a text"):
        decode_bytes(ods, "a.odt")


def test_truncated_docx() -> None:
    data = make_docx(HEADER + "\n" + BODY)
    with pytest.raises(InputError, match=r"damaged or truncated \.docx"):
        decode_bytes(data[: len(data) // 2], "cut.docx")


def test_truncated_pdf() -> None:
    data = make_pdf(HEADER + "\n" + BODY)
    with pytest.raises(InputError, match=r"damaged or truncated PDF"):
        decode_bytes(data[: len(data) // 2], "cut.pdf")


def test_text_longer_than_the_limit_is_refused() -> None:
    with pytest.raises(InputError, match=r"text has 1,001 characters: over the limit of 1,000"):
        decode_bytes(("x" * 1001).encode(), "long.txt", max_chars=1000)
    assert len(decode_bytes(("x" * 1001).encode(), "long.txt", max_chars=0).text) == 1001


def test_big_text_file_is_refused_before_it_is_read(tmp_path: Path) -> None:
    path = tmp_path / "big.txt"
    with open(path, "wb") as fh:
        fh.truncate(5000)  # sparse: nothing to read, only the size matters
    with pytest.raises(
        InputError, match=r"file is 5,000 bytes: over the limit of 1,000 characters"
    ):
        read_path(path, max_chars=1000)


def test_missing_file_and_folder(tmp_path: Path) -> None:
    with pytest.raises(InputError, match=r"nope.txt: cannot read file: No such file"):
        read_path(tmp_path / "nope.txt")
    with pytest.raises(InputError, match=r"is a folder, not a file"):
        read_path(tmp_path)


def test_iter_input_files_expands_folders_sorted_by_suffix(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / ".git").mkdir()
    names = (
        "b/2.pdf",
        "b/1.docx",
        "a.txt",
        "notes.csv",
        "c.MD",
        "~$a.docx",
        ".git/x.txt",
        ".x.txt",
    )
    for name in names:
        (tmp_path / name).write_text("x", encoding="utf-8")
    single = tmp_path / "notes.csv"
    found = [p.relative_to(tmp_path).as_posix() for p in iter_input_files([tmp_path, single])]
    assert found == ["a.txt", "b/1.docx", "b/2.pdf", "c.MD", "notes.csv"]


def test_docx_runs_in_legacy_fonts_are_converted_by_font_name() -> None:
    import docx

    from chidao.extract.legacy import encode_legacy

    def typed(text: str, encoding: str) -> str:  # what Word stored for a legacy-font run
        return encode_legacy(text, encoding).decode("cp1252")

    d = docx.Document()
    heading = d.add_paragraph().add_run(typed("huyện ủy bảo lâm", "tcvn3"))
    heading.font.name = ".VnTimeH"  # a capitals font: the lower-case bytes print as capitals
    p = d.add_paragraph()
    p.add_run("Kính gửi: ").font.name = "Times New Roman"
    p.add_run(typed("Ủy ban nhân dân huyện", "vni")).font.name = "VNI-Times"
    d.add_paragraph().add_run(typed("các tổ chức cơ sở đảng", "tcvn3")).font.name = ".VnTime"
    out = io.BytesIO()
    d.save(out)
    doc = decode_bytes(out.getvalue(), "mixed.docx")
    assert doc.text == "HUYỆN ỦY BẢO LÂM\nKính gửi: Ủy ban nhân dân huyện\ncác tổ chức cơ sở đảng"
    assert doc.encoding == "docx"


def test_docx_paragraph_style_font_is_inherited() -> None:
    import docx

    from chidao.extract.legacy import encode_legacy

    d = docx.Document()
    d.styles["Normal"].font.name = "VNI-Times"
    d.add_paragraph(encode_legacy("Việt Nam", "vni").decode("cp1252"))
    out = io.BytesIO()
    d.save(out)
    assert decode_bytes(out.getvalue(), "style.docx").text == "Việt Nam"


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (" \n".encode("utf-16"), r"blank\.txt: blank file \(only white space\)"),
        (b"\xef\xbb\xbf", r"blank\.txt: blank file \(only white space\)"),
        (make_docx("\n\n"), r"blank\.txt: the \.docx holds no text"),
    ],
)
def test_blank_after_decoding(data: bytes, message: str) -> None:
    with pytest.raises(InputError, match=message):
        decode_bytes(data, "blank.txt")


@pytest.mark.parametrize(
    "module", ["read", "formats", "ocr", "read_pdf", "read_image", "read_html"]
)
def test_reader_doctests(module: str) -> None:
    import doctest
    import importlib

    result = doctest.testmod(importlib.import_module(f"chidao.extract.{module}"))
    assert result.failed == 0
    assert result.attempted > 0
