"""Hostile and careless input (issue #17): batches never abort, containers cannot explode,
workers do not outlive their parent.

Every test makes its own files in ``tmp_path``.
"""

from __future__ import annotations

import io
import json
import os
import signal
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest
from _makers import make_docx, sample_texts
from click.testing import CliRunner

from chidao.cli.main import main
from chidao.errors import InputError
from chidao.extract import formats
from chidao.extract.batch import extract_many
from chidao.extract.read import Skipped, display_path, iter_input_files, read_path

TEXTS = [text for _, text in sample_texts()]


def _good_folder(folder: Path, n: int = 3) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    out = []
    for i in range(n):
        path = folder / f"{i:02d}.txt"
        path.write_text(TEXTS[i % len(TEXTS)] + f"\n<!-- copy {i} -->\n", encoding="utf-8")
        out.append(path)
    return out


def _extract(*args: str):
    return CliRunner().invoke(main, ["extract", *args])


def _bomb(inflated: int) -> bytes:
    """A .docx whose document.xml inflates ``inflated`` bytes of spaces from a few KB."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        zf.writestr("word/document.xml", b"<w:document>" + b" " * inflated + b"</w:document>")
    return buf.getvalue()


def test_zip_bomb_docx_is_refused_before_inflating(tmp_path: Path) -> None:
    data = _bomb(40 * 2**20)
    assert len(data) < 100_000  # 40 MiB of XML in well under 100 KB
    path = tmp_path / "bomb.docx"
    path.write_bytes(data)
    with pytest.raises(InputError, match=r"document.xml would inflate [\d,]+ times .*bomb"):
        read_path(path)


def test_zip_over_the_total_inflated_limit_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(formats, "MAX_INFLATED_BYTES", 2**20)
    with pytest.raises(InputError, match=r"would inflate to 3.1 MB, over the limit of 1 MiB"):
        formats.sniff(_bomb(3 * 2**20), "big.docx")


def test_an_ordinary_docx_passes_the_limits() -> None:
    assert formats.sniff(make_docx(TEXTS[0]), "a.docx") == "docx"


def test_bomb_in_a_batch_is_one_line_and_the_others_go_on(tmp_path: Path) -> None:
    good = _good_folder(tmp_path / "in", 2)
    (tmp_path / "in" / "bomb.docx").write_bytes(_bomb(40 * 2**20))
    result = _extract(str(tmp_path / "in"))
    assert result.exit_code == 1
    errors = [ln for ln in result.stderr.splitlines() if ln.startswith("error:")]
    assert len(errors) == 1 and "bomb.docx" in errors[0] and "zip bomb" in errors[0]
    assert len(result.stdout.splitlines()) == len(good)


def _hostile_folder(tmp_path: Path) -> tuple[Path, int]:
    """Good files plus a symbolic link loop and a file whose name is not UTF-8."""
    folder = tmp_path / "in"
    good = _good_folder(folder, 4)
    (folder / "loop.txt").symlink_to("loop.txt")
    bad = os.fsencode(folder) + b"/bad\xffname.txt"
    with open(bad, "wb") as fh:
        fh.write(TEXTS[1].encode())
    return folder, len(good) + 2


def test_loop_and_undecodable_name_give_n_minus_2_records_and_2_lines(tmp_path: Path) -> None:
    folder, n = _hostile_folder(tmp_path)
    for jobs in ("1", "2"):
        result = _extract("-j", jobs, str(folder))
        assert result.exit_code == 1
        errors = [ln for ln in result.stderr.splitlines() if ln.startswith("error:")]
        assert errors == [
            f"error: {folder}/bad\\xffname.txt: file name is not valid UTF-8 (rename it); skipped",
            f"error: {folder}/loop.txt: symbolic link loop; skipped",
        ]
        assert len(result.stdout.splitlines()) == n - 2
        assert result.stderr.splitlines()[-1] == "2 path(s) skipped"


def test_library_reports_skipped_paths_in_place(tmp_path: Path) -> None:
    folder, n = _hostile_folder(tmp_path)
    outcomes = list(extract_many([folder]))
    assert len(outcomes) == n
    assert [o.skipped for o in outcomes].count(True) == 2
    assert sum(o.record is not None for o in outcomes) == n - 2
    skipped: list[Skipped] = []
    files = list(iter_input_files([folder], on_skip=skipped.append))
    assert len(files) == n - 2
    assert [Path(s.path).name for s in skipped] == [os.fsdecode(b"bad\xffname.txt"), "loop.txt"]


def test_dangling_link_is_named(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    _good_folder(folder, 1)
    (folder / "gone.txt").symlink_to("nowhere.txt")
    result = _extract(str(folder))
    assert result.exit_code == 1
    assert (
        f"error: {folder}/gone.txt: dangling symbolic link (to nowhere.txt); skipped"
        in result.stderr.splitlines()
    )
    assert len(result.stdout.splitlines()) == 1


def test_unreadable_folder_is_named(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Root reads any folder whatever its mode: the refusal is simulated where it happens.
    folder = tmp_path / "in"
    _good_folder(folder, 2)
    locked = folder / "locked"
    _good_folder(locked, 1)
    real = os.scandir

    def scandir(path):
        if Path(path) == locked:
            raise PermissionError(13, "Permission denied", str(path))
        return real(path)

    monkeypatch.setattr(os, "scandir", scandir)
    result = _extract(str(folder))
    assert result.exit_code == 1
    assert (
        f"error: {locked}: folder cannot be read (Permission denied); skipped"
        in result.stderr.splitlines()
    )
    assert len(result.stdout.splitlines()) == 2


def test_newline_in_a_name_does_not_split_the_line(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a\nb.txt").write_text("Kính gửi: các chi bộ.\n\n1- Thực hiện.\n", encoding="utf-8")
    result = _extract(str(folder))
    lines = result.stderr.splitlines()
    assert lines and all(ln.startswith(("warning:", "error:")) for ln in lines)
    assert any(f"{display_path(folder)}/a\\nb.txt" in ln for ln in lines)
    assert json.loads(result.stdout)["source"] == f"{folder}/a\nb.txt"


def test_workers_die_with_a_killed_parent(tmp_path: Path) -> None:
    psutil = pytest.importorskip("psutil")
    folder = tmp_path / "many"
    folder.mkdir()
    for i in range(3000):  # long enough to kill the run in its middle
        (folder / f"{i:05d}.txt").write_text(TEXTS[i % len(TEXTS)] + f"\n{i}\n", encoding="utf-8")
    code = "from chidao.cli.main import main; main()"
    proc = subprocess.Popen(
        [sys.executable, "-c", code, "extract", "-j", "2", "-q", str(folder)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        parent = psutil.Process(proc.pid)
        deadline = time.monotonic() + 60
        workers: list = []
        while time.monotonic() < deadline and len(workers) < 2:
            workers = parent.children()
            time.sleep(0.1)
        assert len(workers) >= 2, "the worker processes never started"
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(10)
        gone, alive = psutil.wait_procs(workers, timeout=10)
        assert not alive, f"workers still running after their parent was killed: {alive}"
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()


def test_deeply_nested_tables_are_read_in_bounded_time() -> None:
    # Each level is a layout table: read once, not once per enclosing level (2^60 before).
    depth = 60
    page = (
        "<html><body>"
        + "<table><tr><td>x</td><td>" * depth
        + "Số 12-CV/HU"
        + "</td></tr></table>" * depth
        + "</body></html>"
    )
    started = time.monotonic()
    doc = read_text_of(page.encode())
    assert time.monotonic() - started < 5
    lines = doc.splitlines()
    assert lines[-1] == "| x | Số 12-CV/HU |"  # the innermost table holds no table: data
    assert lines[:-1] == ["x"] * (depth - 1)  # the others lay out the page


def read_text_of(data: bytes) -> str:
    from chidao.extract.read import decode_bytes

    return decode_bytes(data, "page.html").text
