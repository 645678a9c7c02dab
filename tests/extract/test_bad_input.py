"""The bad-input matrix of ``chidao extract``: one generated file per kind of bad input.

Each case writes its file into ``tmp_path`` next to a good document and runs the
command (CliRunner).  It checks the one line on standard error (naming the file
and, where it applies, the span), the exit code, and that the good document's
record is still written: the other files go on.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from _makers import make_docx, make_pdf, make_scanned_pdf, sample_texts
from click.testing import CliRunner, Result

from chidao.cli.main import main
from chidao.extract.legacy import encode_legacy

GOOD_NAME, GOOD = sample_texts()[0]
HEADER = "HUYỆN ỦY BẢO LÂM\nSố 395-CV/HU\nĐẢNG CỘNG SẢN VIỆT NAM\n"
REST = "\n\nKính gửi: Ủy ban nhân dân huyện,\n\n1- Tiếp tục thực hiện nghiêm các biện pháp.\n"


def _cut_in_character(text: str) -> bytes:
    # Cut inside the three bytes of the last letter like "ỳ" (U+1EF3), as an interrupted copy.
    last = max(i for i, ch in enumerate(text) if len(ch.encode("utf-8")) == 3)
    return text[:last].encode("utf-8") + text[last].encode("utf-8")[:2]


def _with_bad_byte(text: str) -> bytes:
    data = text.encode("utf-8")
    at = data.index(b"\n", 1000)
    return data[:at] + b"\xff" + data[at:]


def _binary() -> bytes:
    return bytes((i * 37 + 11) % 256 for i in range(4096))  # has NUL bytes, no text pattern


def _huge() -> bytes:
    # ~10.5 MB of real text: the seed repeated.
    data = GOOD.encode("utf-8")
    return data * (10_500_000 // len(data) + 1)


@dataclass(frozen=True)
class Case:
    kind: str
    name: str
    make: Callable[[], bytes] | None  # None: the file does not exist
    line: str  # regex of the one stderr line for the file; {f} is its path
    exit_code: int
    record: bool  # is a record written for it?


CASES = [
    Case("empty", "empty.txt", lambda: b"", r"error: {f}: empty file \(0 bytes\)", 1, False),
    Case(
        "blank", "blank.txt", lambda: b" \r\n\t\n ",
        r"error: {f}: blank file \(6 bytes of white space\)", 1, False,
    ),
    Case(
        "binary", "data.txt", _binary,
        r"error: {f}: binary file \(NUL byte at offset \d+\), not a text document", 1, False,
    ),
    Case(
        "image", "scan.txt", lambda: b"\x89PNG\r\n\x1a\n" + bytes(200),
        r"error: {f}: (?:damaged PNG image \(.+\)|needs OCR, but .+ \(apt-get install .+\))",
        1, False,
    ),
    Case(
        "old-word", "renamed.docx", lambda: b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600),
        r"error: {f}: legacy Excel/PowerPoint 97-2003 file \(OLE2, no Word text in it\), not a "
        r"supported document; save it as \.docx, \.pdf or \.txt", 1, False,
    ),
    Case(
        "wrong-encoding", "french.txt",
        lambda: "Résumé: café été naïve à la crème".encode("latin-1"),
        r"error: {f}: undecodable text: not UTF-8 \(byte 0xE9 at offset 1\) and not readable "
        r"as Windows-1258, TCVN3 or VNI Vietnamese", 1, False,
    ),
    Case(
        "bad-byte", "damaged.txt", lambda: _with_bad_byte(GOOD),
        r"warning: {f}\[(\d+):(\d+)\]: invalid-bytes: 1 byte\(s\) that are not UTF-8 replaced "
        r"by U\+FFFD", 0, True,
    ),
    Case(
        "truncated-text", "cut.txt", lambda: _cut_in_character(GOOD),
        r"warning: {f}\[(\d+):(\d+)\]: truncated: file ends inside a multi-byte UTF-8 "
        r"character \(truncated\?\)", 0, True,
    ),
    Case(
        "truncated-docx", "cut.docx", lambda: make_docx(GOOD)[:6000],
        r"error: {f}: damaged or truncated \.docx \(.+\)", 1, False,
    ),
    Case(
        "truncated-pdf", "cut.pdf", lambda: make_pdf(GOOD)[:5000],
        r"error: {f}: damaged or truncated PDF \(.+\)", 1, False,
    ),
    Case(
        "scanned-pdf", "scan.pdf", make_scanned_pdf,
        r"error: {f}: (?:no text found, neither in a text layer nor by OCR"
        r"|needs OCR, but .+ \(apt-get install .+\))", 1, False,
    ),
    Case(
        "no-header", "body.txt",
        lambda: "Thời gian qua các cấp ủy, chính quyền đã nỗ lực phòng, chống dịch.\n\n"
        "1. Các cơ quan, đơn vị tiếp tục thực hiện nghiêm các biện pháp.\n".encode(),
        r"warning: {f}: no-header: no header found \(no number, issuing body or date\)", 0, True,
    ),
    Case(
        "impossible-date", "feb31.txt",
        lambda: (HEADER + "Bảo Lâm, ngày 31 tháng 2 năm 2021" + REST).encode(),
        r"warning: {f}\[(\d+):(\d+)\]: impossible-date: .*31 tháng 2.*", 0, True,
    ),
    Case(
        "garbage-number", "garbage.txt",
        lambda: ("HUYỆN ỦY ĐỨC TRỌNG\nSố: ???/@@-XX\nĐẢNG CỘNG SẢN VIỆT NAM\n"
                 "Đức Trọng, ngày 15 tháng 02 năm 2021" + REST).encode(),
        r"warning: {f}\[(\d+):(\d+)\]: unreadable-number: .*\?\?\?/@@-XX.*", 0, True,
    ),
    Case(
        "too-big", "dump.txt", _huge,
        r"error: {f}: file is 10\.\d MB: over the limit of 1,000,000 characters "
        r"\(--max-chars; split the file or raise the limit\)", 1, False,
    ),
    Case(
        "missing", "nowhere.txt", None,
        r"error: {f}: cannot read file: No such file or directory", 1, False,
    ),
]  # fmt: skip


def _run(args: list[str]) -> Result:
    return CliRunner().invoke(main, ["extract", *args])


def _records(result: Result) -> dict[str, dict]:
    return {Path(r["source"]).name: r for r in map(json.loads, result.stdout.splitlines()) if r}


@pytest.mark.parametrize("case", CASES, ids=[c.kind for c in CASES])
def test_bad_input_matrix(tmp_path: Path, case: Case) -> None:
    good = tmp_path / "a_good.txt"
    good.write_text(GOOD, encoding="utf-8")
    bad = tmp_path / case.name
    if case.make is not None:
        bad.write_bytes(case.make())
    result = _run([str(good), str(bad)])

    assert result.exit_code == case.exit_code, result.output
    pattern = re.compile(case.line.format(f=re.escape(str(bad))) + "$")
    lines = [ln for ln in result.stderr.splitlines() if str(bad) in ln]
    assert len(lines) == 1, result.stderr  # one clear line for the file
    match = pattern.match(lines[0])
    assert match, lines[0]
    records = _records(result)
    assert "a_good.txt" in records  # the other file went on
    assert (case.name in records) is case.record
    if match.groups() and match.group(1) is not None:  # the span points into the text as read
        start, end = map(int, match.groups())
        length = records[case.name]["length"]
        assert 0 <= start <= end <= length
    if case.exit_code:
        assert result.stderr.splitlines()[-1] == "1 of 2 file(s) failed"


def test_impossible_date_span_slices_the_printed_date(tmp_path: Path) -> None:
    from chidao.extract.read import read_path

    path = tmp_path / "feb31.txt"
    path.write_text(HEADER + "Bảo Lâm, ngày 31 tháng 2 năm 2021" + REST, encoding="utf-8")
    result = _run([str(path)])
    start, end = map(int, re.search(r"\[(\d+):(\d+)\]", result.stderr).groups())
    assert "31 tháng 2" in read_path(path).text[start:end]
    assert _records(result)["feb31.txt"]["date"] is None


def test_duplicate_under_two_names(tmp_path: Path) -> None:
    first, second = tmp_path / "a.txt", tmp_path / "copy of a.txt"
    for p in (first, second):
        p.write_text(GOOD, encoding="utf-8")
    result = _run([str(tmp_path)])
    assert result.exit_code == 0
    dup = [ln for ln in result.stderr.splitlines() if "duplicate" in ln]
    assert len(dup) == 1
    assert re.fullmatch(
        rf"warning: {re.escape(str(second))}: duplicate of {re.escape(str(first))} "
        r"\(same content, sha256 [0-9a-f]{12}…\)",
        dup[0],
    )
    assert set(_records(result)) == {"a.txt", "copy of a.txt"}


def test_keep_going_reports_every_file_and_fails(tmp_path: Path) -> None:
    made = []
    for case in CASES:
        if case.make is not None and case.kind != "too-big":
            (tmp_path / f"{case.kind}-{case.name}").write_bytes(case.make())
            made.append(case)
    (tmp_path / "z_good.txt").write_text(GOOD, encoding="utf-8")
    result = _run(["--keep-going", str(tmp_path)])
    assert result.exit_code == 1
    failed = sum(1 for c in made if c.exit_code)
    assert result.stderr.splitlines()[-1] == f"{failed} of {len(made) + 1} file(s) failed"
    assert len(_records(result)) == len(made) + 1 - failed
    assert "z_good.txt" in _records(result)


def test_strict_stops_at_the_first_failure(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(GOOD, encoding="utf-8")
    (tmp_path / "b.txt").write_bytes(b"")
    (tmp_path / "c.txt").write_text(GOOD.replace("395", "396"), encoding="utf-8")
    result = _run(["--strict", str(tmp_path)])
    assert result.exit_code == 1
    assert set(_records(result)) == {"a.txt"}
    assert f"error: {tmp_path / 'b.txt'}: empty file (0 bytes)" in result.stderr
    assert str(tmp_path / "c.txt") not in result.stderr
    assert (
        result.stderr.splitlines()[-1] == "1 of 2 file(s) failed (--strict: stopped at the first)"
    )


def test_legacy_encodings_extract_like_utf8(tmp_path: Path) -> None:
    # The seed re-encoded (its "**" emphasis is ASCII, its letters all round-trip in VNI).
    plain = tmp_path / "a.txt"
    plain.write_text(GOOD, encoding="utf-8")
    for enc in ("vni", "windows-1258"):
        (tmp_path / f"{enc}.txt").write_bytes(encode_legacy(GOOD, enc))
    (tmp_path / "utf16.txt").write_text(GOOD, encoding="utf-16")
    result = _run([str(tmp_path)])
    assert result.exit_code == 0, result.output
    records = _records(result)
    assert records["vni.txt"]["encoding"] == "vni"
    assert records["windows-1258.txt"]["encoding"] == "windows-1258"
    assert records["utf16.txt"]["encoding"] == "utf-16"
    keys = ("number", "date", "issuer", "recipients", "tasks", "signer")
    for name in ("vni.txt", "windows-1258.txt", "utf16.txt"):
        assert {k: records[name][k] for k in keys} == {k: records["a.txt"][k] for k in keys}


def test_max_chars_option(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text(GOOD, encoding="utf-8")
    result = _run(["--max-chars", "100", str(path)])
    assert result.exit_code == 1
    assert re.search(r"is [\d,]+ bytes: over the limit of 100 characters", result.stderr)
    assert _run(["--max-chars", "0", str(path)]).exit_code == 0


def test_parallel_run_gives_the_same_output_in_order(tmp_path: Path) -> None:
    for i, (name, text) in enumerate(sample_texts() * 4):
        (tmp_path / f"{i:02d}_{name}").write_text(text, encoding="utf-8")
    (tmp_path / "05_empty.txt").write_bytes(b"")
    one, two = _run([str(tmp_path)]), _run(["-j", "2", str(tmp_path)])
    assert one.exit_code == two.exit_code == 1
    assert one.stdout == two.stdout and one.stderr == two.stderr


def test_quiet_hides_warnings_not_errors(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(GOOD, encoding="utf-8")
    (tmp_path / "b.txt").write_text(GOOD, encoding="utf-8")
    (tmp_path / "c.txt").write_bytes(b"")
    result = _run(["-q", str(tmp_path)])
    assert "warning:" not in result.stderr and "error:" in result.stderr


def test_no_input_files(tmp_path: Path) -> None:
    result = _run([str(tmp_path)])
    assert result.exit_code == 1
    assert "no input files found" in result.stderr


def test_help_documents_the_exit_codes() -> None:
    out = _run(["--help"]).output
    assert "--strict / --keep-going" in out
    assert re.search(r"0\s+every file was extracted", out)
    assert re.search(r"1\s+at least one file failed", out)
    assert re.search(r"2\s+usage error", out)


@pytest.mark.skipif(not hasattr(os, "getuid") or os.getuid() == 0, reason="root reads anything")
def test_unreadable_file(tmp_path: Path) -> None:
    path = tmp_path / "locked.txt"
    path.write_text(GOOD, encoding="utf-8")
    path.chmod(0)
    result = _run([str(path)])
    assert result.exit_code == 1
    assert f"error: {path}: cannot read file: Permission denied" in result.stderr


def test_a_bug_on_one_document_does_not_end_the_run(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import chidao.extract.batch as batch

    real = batch.extract_document

    def flaky(doc):
        if doc.source.endswith("b.txt"):
            raise IndexError("list index out of range")
        return real(doc)

    monkeypatch.setattr(batch, "extract_document", flaky)
    for name in ("a.txt", "b.txt", "c.txt"):
        (tmp_path / name).write_text(GOOD, encoding="utf-8")
    result = _run([str(tmp_path)])
    assert result.exit_code == 1
    assert (
        f"error: {tmp_path / 'b.txt'}: internal error while extracting "
        "(IndexError: list index out of range); please report"
    ) in result.stderr.splitlines()
    assert set(_records(result)) == {"a.txt", "c.txt"}


def test_regression_extract_path_keeps_the_read_stage_problems(tmp_path: Path) -> None:
    # Bug: pipeline.extract_path dropped the read stage's problems that batch.extract_file
    # kept (a stray non-UTF-8 byte was reported by `chidao extract`, not by the library).
    from chidao.extract.batch import extract_file
    from chidao.extract.pipeline import extract_path

    path = tmp_path / "damaged.txt"
    data = GOOD.encode("utf-8")
    cut = data.index(b"\n\n", len(data) // 2)
    path.write_bytes(data[:cut] + b" \xff" + data[cut:])
    record = extract_path(path)
    assert "invalid-bytes" in [p.code for p in record.problems]
    assert record.problems == extract_file(path).problems
