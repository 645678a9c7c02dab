"""Legacy Word ``.doc``, RTF and OpenDocument through LibreOffice (issue #14).

Each input is made here: a seed as ``.docx`` (python-docx, header in a two-column
table) converted by LibreOffice itself to ``.doc`` / ``.rtf`` / ``.odt``, then read
back by chidao.  Skipped, with the ``apt-get`` line, where LibreOffice is missing.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from _makers import make_docx
from click.testing import CliRunner
from test_ocr import assert_spans_slice_the_kept_text

from chidao.cli.main import main
from chidao.errors import InputError
from chidao.extract import read_convert
from chidao.extract.batch import extract_file
from chidao.extract.legacy import encode_legacy
from chidao.extract.pipeline import extract_path
from chidao.extract.read import decode_bytes

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = sorted((ROOT / "data" / "samples").glob("*.txt"))


def _needs_soffice() -> str:
    path, _ = read_convert.soffice()
    if path is None:
        pytest.skip(f"LibreOffice is not installed ({read_convert.INSTALL})")
    return path


def _convert(docx: bytes, kind: str, folder: Path) -> bytes:
    """What LibreOffice writes when a user saves ``docx`` as ``kind`` (doc, rtf, odt)."""
    soffice = _needs_soffice()
    folder.mkdir(parents=True, exist_ok=True)
    src = folder / "in.docx"
    src.write_bytes(docx)
    filters = {"doc": "doc:MS Word 97", "rtf": "rtf", "odt": "odt"}
    subprocess.run(
        [
            soffice,
            f"-env:UserInstallation={(folder / 'profile').as_uri()}",
            "--headless",
            "--convert-to",
            filters[kind],
            "--outdir",
            str(folder / "out"),
            str(src),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    return (folder / "out" / f"in.{kind}").read_bytes()


@pytest.mark.parametrize("kind", ["doc", "rtf", "odt"])
def test_seed_saved_by_libreoffice_reads_like_its_text(tmp_path: Path, kind: str) -> None:
    sample = SAMPLES[3]
    data = _convert(
        make_docx(sample.read_text(encoding="utf-8"), header_table=True), kind, tmp_path
    )
    path = tmp_path / f"letter.{kind}"
    path.write_bytes(data)
    record = extract_file(path)
    want = extract_path(sample)
    assert record.number.value == want.number.value
    assert record.issuer.name == want.issuer.name
    assert record.date.value == want.date.value
    assert [c.number for c in record.citations] == [c.number for c in want.citations]
    assert len(record.tasks) == len(want.tasks)
    assert record.encoding == kind
    assert record.reading.method == "convert"
    assert record.reading.engine.startswith("LibreOffice")
    assert_spans_slice_the_kept_text(record)


def test_doc_in_a_legacy_vni_font_is_repaired(tmp_path: Path) -> None:
    import io

    import docx

    text = "Ban Thường vụ Huyện ủy yêu cầu các chi bộ tăng cường công tác phòng, chống dịch."
    document = docx.Document()
    run = document.add_paragraph().add_run(encode_legacy(text, "vni").decode("cp1252"))
    run.font.name = "VNI-Times"  # what Word 97 stored for text typed in that font
    out = io.BytesIO()
    document.save(out)
    data = _convert(out.getvalue(), "doc", tmp_path)
    doc = decode_bytes(data, "old.doc")
    assert doc.text.strip() == text
    assert doc.encoding == "doc"  # repaired by font name, run by run, as for .docx


def test_renamed_doc_is_read_by_content(tmp_path: Path) -> None:
    sample = SAMPLES[0]
    data = _convert(make_docx(sample.read_text(encoding="utf-8")), "doc", tmp_path)
    path = tmp_path / "letter.txt"  # a .doc under a wrong name
    path.write_bytes(data)
    assert extract_file(path).number.value == extract_path(sample).number.value


def test_damaged_doc_is_one_line(tmp_path: Path) -> None:
    _needs_soffice()
    data = _convert(make_docx("Số 12-CV/HU\nKính gửi: các chi bộ."), "doc", tmp_path)
    with pytest.raises(InputError, match=r"^cut\.doc: .+") as info:
        decode_bytes(data[:1600], "cut.doc")
    assert "\n" not in str(info.value)


def test_missing_libreoffice_says_how_to_install(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(read_convert, "soffice", lambda: (None, ""))
    data = b"{\\rtf1\\ansi S\\'f4 12-CV/HU}"
    with pytest.raises(
        InputError,
        match=r"a.rtf: RTF document: reading it needs LibreOffice "
        r"\(apt-get install libreoffice-writer-nogui\)",
    ):
        decode_bytes(data, "a.rtf")


def test_folder_picks_up_doc_rtf_odt(tmp_path: Path) -> None:
    _needs_soffice()
    folder = tmp_path / "in"
    folder.mkdir()
    letter = make_docx(SAMPLES[2].read_text(encoding="utf-8"))
    (folder / "a.rtf").write_bytes(_convert(letter, "rtf", tmp_path / "w1"))
    (folder / "b.odt").write_bytes(_convert(letter, "odt", tmp_path / "w2"))
    result = CliRunner().invoke(main, ["extract", "-q", str(folder)])
    assert result.exit_code == 0, result.output
    assert len(result.stdout.splitlines()) == 2
