"""OCR of scans and photos (issue #14): seed letters typeset and rendered as a scanner
would give them, read back by Tesseract, extract to the same header, citations and
tasks as their ``.txt`` twins, with every span slicing the OCR text kept in the record.

The renderer is ``bench/bench_ocr.py``'s (loaded from its file).  Tests that run
Tesseract skip, with the ``apt-get`` line, where it is not installed; the wiring
around it (missing engine, ``--no-ocr``, low confidence, page limit, progress) is
tested with a stand-in for the engine.
"""

from __future__ import annotations

import importlib.util
import io
import json
import struct
import sys
import zlib
from pathlib import Path

import pytest
from click.testing import CliRunner
from test_spans import span_mismatches

from chidao.cli.main import main
from chidao.errors import InputError
from chidao.extract import ocr
from chidao.extract.batch import extract_file
from chidao.extract.pipeline import extract_path
from chidao.extract.read import read_path
from chidao.extract.records import Record

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = sorted((ROOT / "data" / "samples").glob("*.txt"))


def _bench():
    spec = importlib.util.spec_from_file_location("bench_ocr", ROOT / "bench" / "bench_ocr.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


bench = _bench()


def _font() -> str:
    font = bench.font_path()
    if font is None:
        pytest.skip("no DejaVu Sans font (apt-get install fonts-dejavu-core)")
    return font


def _needs_tesseract() -> None:
    if not ocr.available():
        pytest.skip(f"Tesseract with its Vietnamese model is not installed ({ocr.INSTALL})")


def _pages(sample: Path) -> list:
    return bench.render_letter(sample.read_text(encoding="utf-8"), font=_font())


def _twin(sample: Path) -> Record:
    return extract_path(sample)


def assert_spans_slice_the_kept_text(record: Record) -> None:
    """Every span of the record lies in ``record.reading.text`` and slices what it names."""
    assert record.reading is not None
    text = record.reading.text
    assert len(text) == record.length
    bad, n = span_mismatches(record.to_json(), text)
    assert not bad, "; ".join(bad[:5])
    assert n > 0


def _same_header_and_citations(got: Record, want: Record) -> None:
    assert got.number and want.number and got.number.value == want.number.value
    assert got.issuer and want.issuer and got.issuer.name == want.issuer.name
    assert got.date and want.date and got.date.value == want.date.value
    assert [c.number for c in got.citations] == [c.number for c in want.citations]


# --- real OCR --------------------------------------------------------------------------------


def test_scanned_pdf_of_a_seed_reads_like_its_text(tmp_path: Path) -> None:
    _needs_tesseract()
    sample = SAMPLES[3]  # two pages, three citations
    path = tmp_path / "scan.pdf"
    path.write_bytes(bench.scanned_pdf(_pages(sample)))
    record = extract_file(path)
    want = _twin(sample)
    _same_header_and_citations(record, want)
    assert len(record.citations) == 3
    assert len(record.tasks) == len(want.tasks)
    assert record.encoding == "pdf+ocr"
    assert record.reading.method == "ocr"
    assert record.reading.engine.startswith("tesseract ")
    assert [n for n, _ in record.reading.pages] == [1, 2]
    assert all(c is not None and c > ocr.LOW_CONFIDENCE for _, c in record.reading.pages)
    assert not [p for p in record.problems if p.code == "low-confidence"]
    assert_spans_slice_the_kept_text(record)
    # The JSON line carries the text and survives a round trip.
    assert Record.from_json(json.loads(json.dumps(record.to_json()))) == record


def test_header_columns_do_not_interleave(tmp_path: Path) -> None:
    _needs_tesseract()
    sample = SAMPLES[0]
    left, right, _ = bench.header_columns(sample.read_text(encoding="utf-8"))
    image = _pages(sample)[0]
    path = tmp_path / "letter.png"
    image.save(path)
    text = read_path(path).text
    lines = text.split("\n")
    # Each header line of either column comes out whole, on a line of its own...
    for line in ("ĐẢNG BỘ TỈNH LÂM ĐỒNG", "HUYỆN ỦY BẢO LÂM", "ĐẢNG CỘNG SẢN VIỆT NAM"):
        assert line in lines, text[:400]
    assert "Bảo Lâm, ngày 15 tháng 02 năm 2021" in lines
    # ...the left column before the right one.
    assert lines.index("HUYỆN ỦY BẢO LÂM") < lines.index("ĐẢNG CỘNG SẢN VIỆT NAM")
    assert left and right


def test_photo_formats_are_read(tmp_path: Path) -> None:
    _needs_tesseract()
    sample = SAMPLES[2]
    pages = _pages(sample)
    want = _twin(sample)
    jpeg = tmp_path / "photo.jpg"
    pages[0].convert("RGB").save(jpeg, quality=85)
    first = extract_file(jpeg)
    assert (first.number.value, first.date.value) == (want.number.value, want.date.value)
    assert first.issuer.name == want.issuer.name
    assert first.encoding == "ocr"
    tiff = tmp_path / "scan.tif"  # a multi-page TIFF: every page is read
    pages[0].save(tiff, save_all=True, append_images=pages[1:], compression="tiff_lzw")
    record = extract_file(tiff)
    _same_header_and_citations(record, want)
    assert [n for n, _ in record.reading.pages] == list(range(1, len(pages) + 1))
    assert_spans_slice_the_kept_text(record)


def test_mixed_pdf_ocrs_only_the_pages_without_text(tmp_path: Path) -> None:
    _needs_tesseract()
    from _makers import make_pdf
    from pypdf import PdfReader, PdfWriter

    sample = SAMPLES[2]
    scanned = bench.scanned_pdf(_pages(sample)[:1])
    typed = make_pdf("Trang hai của văn bản.\nNơi nhận:\n- Như trên,\n- Lưu VP.")
    writer = PdfWriter()
    for data in (scanned, typed):
        for page in PdfReader(io.BytesIO(data)).pages:
            writer.add_page(page)
    out = io.BytesIO()
    writer.write(out)
    path = tmp_path / "mixed.pdf"
    path.write_bytes(out.getvalue())
    record = extract_file(path)
    assert [n for n, _ in record.reading.pages] == [1]
    assert record.reading.text.endswith("- Lưu VP.")
    assert record.number.value == _twin(sample).number.value


# --- the wiring, with a stand-in engine ------------------------------------------------------


@pytest.fixture
def fake_engine(monkeypatch: pytest.MonkeyPatch) -> list[tuple[int, int]]:
    """Tesseract replaced by a stand-in that reads every page as the same short letter;
    returns the list of (width, height) of the images it was given."""
    seen: list[tuple[int, int]] = []

    def fake_ocr(image, source):
        seen.append(image.size)
        text = "HUYỆN ỦY BẢO LÂM\nSố 395-CV/HU\n\nĐẢNG CỘNG SẢN VIỆT NAM\nngày 15 tháng 02 năm 2021"
        return ocr.OcrPage(text, 42.0, 12)

    monkeypatch.setattr(ocr, "_probe", lambda: ("9.9.9", ""))
    monkeypatch.setattr(ocr, "ocr_image", fake_ocr)
    return seen


def _blank_pages(n: int) -> list:
    from PIL import Image

    return [Image.new("L", (620, 877), 255) for _ in range(n)]  # A4 at 75 dpi


def test_low_confidence_page_is_a_warning_with_its_page(tmp_path: Path, fake_engine) -> None:
    path = tmp_path / "scan.pdf"
    path.write_bytes(bench.scanned_pdf(_blank_pages(2), dpi=75))
    result = CliRunner().invoke(main, ["extract", str(path)])
    assert result.exit_code == 0, result.output
    warnings = [ln for ln in result.stderr.splitlines() if "low-confidence" in ln]
    assert len(warnings) == 2
    assert warnings[1].startswith(f"warning: {path}[")
    assert "low-confidence: page 2 of 2: OCR mean word confidence 42% (below 60%)" in warnings[1]
    record = json.loads(result.stdout)
    assert record["reading"]["pages"] == [
        {"page": 1, "confidence": 42.0},
        {"page": 2, "confidence": 42.0},
    ]
    assert record["reading"]["engine"] == "tesseract 9.9.9"
    # Pages are rendered at 300 dpi: 75-dpi A4 pages come out four times as large.
    width, height = fake_engine[0]
    assert abs(width - 2480) <= 1 and abs(height - 3508) <= 1


def test_progress_is_reported_per_page(tmp_path: Path, fake_engine) -> None:
    path = tmp_path / "scan.pdf"
    path.write_bytes(bench.scanned_pdf(_blank_pages(3), dpi=75))
    calls: list[tuple[str, int, int]] = []
    read_path(path, progress=lambda *a: calls.append(a))
    assert calls == [(str(path), 1, 3), (str(path), 2, 3), (str(path), 3, 3)]


def test_scan_over_the_page_limit_is_refused(
    tmp_path: Path, fake_engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(ocr, "MAX_PAGES", 2)
    path = tmp_path / "long.pdf"
    path.write_bytes(bench.scanned_pdf(_blank_pages(3), dpi=75))
    with pytest.raises(InputError, match=r"3 pages need OCR, over the limit of 2 pages a file"):
        read_path(path)
    assert fake_engine == []  # refused before any page was rendered


def test_missing_tesseract_says_how_to_install_and_the_batch_goes_on(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(
        ocr, "_probe", lambda: (None, f"Tesseract is not installed ({ocr.INSTALL})")
    )
    scan = tmp_path / "a_scan.pdf"
    scan.write_bytes(bench.scanned_pdf(_blank_pages(1), dpi=75))
    photo = tmp_path / "b_photo.png"
    _blank_pages(1)[0].save(photo)
    good = tmp_path / "c_letter.txt"
    good.write_text(SAMPLES[0].read_text(encoding="utf-8"), encoding="utf-8")
    result = CliRunner().invoke(main, ["extract", str(tmp_path)])
    assert result.exit_code == 1
    errors = [ln for ln in result.stderr.splitlines() if ln.startswith("error:")]
    assert errors == [
        f"error: {scan}: needs OCR, but Tesseract is not installed "
        "(apt-get install tesseract-ocr tesseract-ocr-vie)",
        f"error: {photo}: needs OCR, but Tesseract is not installed "
        "(apt-get install tesseract-ocr tesseract-ocr-vie)",
    ]
    assert len(result.stdout.splitlines()) == 1


def test_no_ocr_refuses_scans_and_images(tmp_path: Path, fake_engine) -> None:
    scan = tmp_path / "a_scan.pdf"
    scan.write_bytes(bench.scanned_pdf(_blank_pages(1), dpi=75))
    photo = tmp_path / "b_photo.png"
    _blank_pages(1)[0].save(photo)
    result = CliRunner().invoke(main, ["extract", "--no-ocr", str(scan), str(photo)])
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        f"error: {scan}: no text layer (scanned PDF?) and OCR is off (--no-ocr)",
        f"error: {photo}: PNG image: needs OCR, which is off (--no-ocr)",
        "2 of 2 file(s) failed",
    ]
    assert fake_engine == []


def _png_header_only(width: int, height: int) -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    ihdr = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IEND", b"")


def test_image_bomb_is_refused_before_decoding(fake_engine) -> None:
    from chidao.extract.read import decode_bytes

    with pytest.raises(InputError, match=r"bomb.png: PNG image too large to read"):
        decode_bytes(_png_header_only(40_000, 40_000), "bomb.png")
    assert fake_engine == []


def test_damaged_image_is_one_line(fake_engine) -> None:
    from chidao.extract.read import decode_bytes

    with pytest.raises(InputError, match=r"^cut.jpg: damaged JPEG image \(.+\)$"):
        decode_bytes(b"\xff\xd8\xff\xe0" + bytes(100), "cut.jpg")


def _stamped_scan(image, tmp_path: Path) -> bytes:
    """A scanned page as e-government systems sign it: the page picture, and as the only
    text layer the digital signature's stamp."""
    from _makers import unicode_font
    from fpdf import FPDF

    png = tmp_path / "page.png"
    image.save(png)
    pdf = FPDF(format="A4")
    pdf.add_page()
    pdf.image(str(png), x=0, y=0, w=210, h=297)
    pdf.add_font("body", fname=unicode_font())
    pdf.set_font("body", size=7)
    pdf.text(140, 8, "Ký bởi: Văn phòng Tỉnh ủy")
    pdf.text(140, 11, "Thời gian ký: 20.07.2021 08:15:02 +07:00")
    return bytes(pdf.output())


def test_signed_scan_with_only_a_stamp_as_text_is_ocrd(tmp_path: Path) -> None:
    _needs_tesseract()
    sample = SAMPLES[2]
    path = tmp_path / "signed.pdf"
    path.write_bytes(_stamped_scan(_pages(sample)[0], tmp_path))
    record = extract_file(path)
    want = _twin(sample)
    assert [n for n, _ in record.reading.pages] == [1]
    assert (record.number.value, record.date.value) == (want.number.value, want.date.value)
    assert_spans_slice_the_kept_text(record)


def test_short_typed_page_is_not_ocrd(tmp_path: Path, fake_engine) -> None:
    from _makers import make_pdf

    path = tmp_path / "short.pdf"
    path.write_bytes(make_pdf("Số 12-CV/HU\nKính gửi: các chi bộ."))
    doc = read_path(path)
    assert doc.reading is None and doc.encoding == "pdf"
    assert fake_engine == []


def test_turned_pages_are_read_upright(tmp_path: Path) -> None:
    _needs_tesseract()
    from PIL import Image

    sample = SAMPLES[3]
    want = _twin(sample)
    sideways = _pages(sample)[0].rotate(90, expand=True)  # scanned a quarter-turn off
    png = tmp_path / "sideways.png"
    sideways.save(png)
    record = extract_file(png)  # low confidence → orientation detected → read again
    assert (record.number.value, record.date.value) == (want.number.value, want.date.value)
    assert record.reading.pages[0][1] > ocr.LOW_CONFIDENCE
    # A phone photo: pixels stored sideways, EXIF orientation 6 says "turn 90° clockwise".
    exif = Image.Exif()
    exif[0x0112] = 6
    jpeg = tmp_path / "phone.jpg"
    sideways.convert("RGB").save(jpeg, quality=85, exif=exif)
    photo = extract_file(jpeg)
    assert photo.number.value == want.number.value
