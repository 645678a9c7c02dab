"""Saved web pages (issue #14): a seed wrapped in a legal portal's chrome, with the
portal's metadata table and the letter's two-column header as an HTML table.

The text keeps both tables as ``| cell | cell |`` lines (the shape of the pages
in ``../shared/corpus-web``), drops scripts, styles, menus, sidebars and
footers, and keeps one line per paragraph; the record's spans slice that text,
kept in ``record.reading``.
"""

from __future__ import annotations

import html
from email.mime.multipart import MIMEMultipart
from email.mime.text import MIMEText
from pathlib import Path

import pytest
from test_ocr import assert_spans_slice_the_kept_text, bench

from chidao.errors import InputError
from chidao.extract.batch import extract_file
from chidao.extract.pipeline import extract_path
from chidao.extract.read import decode_bytes

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = sorted((ROOT / "data" / "samples").glob("*.txt"))[3]
SEED = SAMPLE.read_text(encoding="utf-8")

CHROME_WORDS = ("Trang chủ", "Đăng nhập", "Văn bản liên quan", "Bản quyền", "gtag", "color:")


META = """<h1>Công văn 114-CV/HU năm 2021</h1>
<table class="metadata">
<tr><td>Số hiệu</td><td>114-CV/HU</td><td>Ngày ban hành</td><td>07/05/2021</td></tr>
<tr><td>Loại văn bản</td><td>Công văn</td><td>Cơ quan ban hành</td><td>Huyện ủy Kiến Xương</td></tr>
</table>"""


def _cell(lines: list[str]) -> str:
    return "<br>".join(html.escape(s) for s in lines)


def portal_page(text: str, charset: str = "utf-8", metadata: bool = True) -> str:
    """A legal portal's page showing ``text``: menus, scripts, a title and a metadata table
    (unless not ``metadata``), the header as a two-row, two-column table, a paragraph per
    line, related links, footer."""
    left, right, body = bench.header_columns(text)
    number = next(i for i, s in enumerate(left) if s.upper().startswith("SỐ"))
    paragraphs = "\n".join(f"<p>{html.escape(s)}</p>" for s in body if s.strip())
    return f"""<!DOCTYPE html>
<html lang="vi"><head><meta charset="{charset}"><title>Công văn 114-CV/HU</title>
<style>body {{ color: #333 }}</style>
<script>window.dataLayer = []; function gtag(){{dataLayer.push(arguments);}}</script></head>
<body class="page">
<div id="top-menu" class="main-nav"><a href="/">Trang chủ</a> | <a href="/login">Đăng nhập</a></div>
<nav><ul><li>Văn bản mới</li><li>Tra cứu</li></ul></nav>
<div class="breadcrumb">Văn bản &gt; Công văn</div>
<div class="content">
{META if metadata else ""}
<div class="document">
<table style="width:100%">
<tr><td><b>{_cell(left[:number])}</b></td><td><b>{_cell(right[:-1])}</b></td></tr>
<tr><td>{_cell(left[number:])}</td><td><i>{_cell(right[-1:])}</i></td></tr>
</table>
{paragraphs}
</div></div>
<aside class="sidebar"><h3>Văn bản liên quan</h3><ul><li>Chỉ thị 99/CT-TTg</li></ul></aside>
<div class="box-related">Văn bản liên quan: Nghị quyết 77/NQ-CP</div>
<div style="display:none">Quyết định 55/QĐ-UBND</div>
<footer>Bản quyền © Cổng thông tin</footer>
<script>gtag('config', 'X');</script>
</body></html>"""


def test_page_text_has_the_tables_as_rows_and_no_chrome() -> None:
    doc = decode_bytes(portal_page(SEED).encode("utf-8"), "page.html")
    lines = doc.text.split("\n")
    left, right, _ = bench.header_columns(SEED)
    number = next(i for i, s in enumerate(left) if s.upper().startswith("SỐ"))
    assert lines[:5] == [
        "Công văn 114-CV/HU năm 2021",
        "| Số hiệu | 114-CV/HU | Ngày ban hành | 07/05/2021 |",
        "| Loại văn bản | Công văn | Cơ quan ban hành | Huyện ủy Kiến Xương |",
        f"| {' '.join(left[:number])} | {' '.join(right[:-1])} |",
        f"| {' '.join(left[number:])} | {right[-1]} |",
    ]
    assert lines[3] == "| ĐẢNG BỘ TỈNH THÁI BÌNH HUYỆN ỦY KIẾN XƯƠNG | ĐẢNG CỘNG SẢN VIỆT NAM |"
    for word in CHROME_WORDS:
        assert word not in doc.text
    for hidden in ("77/NQ-CP", "99/CT-TTg", "55/QĐ-UBND"):
        assert hidden not in doc.text
    assert doc.format == "html" and doc.encoding == "html+utf-8"
    assert doc.reading is not None and doc.reading.text == doc.text
    assert doc.reading.method == "html" and doc.reading.engine.startswith("lxml ")


def test_page_extracts_like_its_text(tmp_path: Path) -> None:
    path = tmp_path / "page.htm"
    path.write_text(portal_page(SEED, metadata=False), encoding="utf-8")
    record = extract_file(path)
    want = extract_path(SAMPLE)
    assert record.number.value == want.number.value
    assert record.issuer.name == want.issuer.name
    assert record.date.value == want.date.value
    assert [c.number for c in record.citations] == [c.number for c in want.citations]
    assert [r.name for r in record.recipients] == [r.name for r in want.recipients]
    assert len(record.tasks) == len(want.tasks)
    assert_spans_slice_the_kept_text(record)


def test_page_with_a_metadata_table_keeps_its_number(tmp_path: Path) -> None:
    path = tmp_path / "page.html"
    path.write_text(portal_page(SEED), encoding="utf-8")
    record = extract_file(path)
    want = extract_path(SAMPLE)
    assert record.number is not None and record.number.value == want.number.value
    assert [c.number for c in record.citations] == [c.number for c in want.citations]


def test_page_in_windows_1258_is_decoded_by_its_declared_charset() -> None:
    page = portal_page(SEED, charset="windows-1258")
    data = page.encode("cp1258", errors="xmlcharrefreplace")
    doc = decode_bytes(data, "old.html")
    assert doc.encoding == "html+windows-1258"
    assert "| ĐẢNG BỘ TỈNH THÁI BÌNH HUYỆN ỦY KIẾN XƯƠNG | ĐẢNG CỘNG SẢN VIỆT NAM |" in doc.text


def test_page_without_a_charset_is_detected_like_text() -> None:
    page = portal_page(SEED).replace('<meta charset="utf-8">', "")
    doc = decode_bytes(page.encode("utf-8"), "page.html")
    assert doc.encoding == "html+utf-8"
    assert "ĐẢNG CỘNG SẢN VIỆT NAM" in doc.text


def test_mht_single_file_page(tmp_path: Path) -> None:
    message = MIMEMultipart("related")
    message["Subject"] = "Công văn"
    message.attach(MIMEText(portal_page(SEED), "html", "utf-8"))  # base64 inside
    path = tmp_path / "page.mht"
    path.write_bytes(message.as_bytes())
    doc = decode_bytes(path.read_bytes(), "page.mht")
    assert doc.format == "mht"
    assert "| Số hiệu | 114-CV/HU | Ngày ban hành | 07/05/2021 |" in doc.text.split("\n")


def test_layout_table_is_read_as_blocks() -> None:
    # Old portals lay the whole page out in a table: its long cells are not a data row.
    body = "".join(f"<p>{html.escape(s)}</p>" for s in SEED.split("\n") if s.strip())
    page = f"<html><body><table><tr><td>Menu</td><td>{body}</td></tr></table></body></html>"
    doc = decode_bytes(page.encode("utf-8"), "layout.html")
    assert not any(line.startswith("|") and len(line) > 500 for line in doc.text.split("\n"))
    assert "Kính gửi: - Ủy ban nhân dân huyện," in doc.text or "Kính gửi" in doc.text


def test_empty_page_is_one_line() -> None:
    with pytest.raises(InputError, match=r"^empty.html: the \.html holds no text$"):
        decode_bytes(b"<!DOCTYPE html><html><body><script>x()</script></body></html>", "empty.html")
