"""``chidao extract`` through click's CliRunner on the bundled samples."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from chidao.cli.main import main

SAMPLES = Path(__file__).resolve().parents[2] / "data" / "samples"
FILES = sorted(str(p) for p in SAMPLES.glob("*.txt"))


def _run(*args: str):
    return CliRunner().invoke(main, ["extract", *args])


def test_jsonl_one_record_per_file() -> None:
    result = _run(*FILES, "--format", "jsonl")
    assert result.exit_code == 0, result.output
    lines = [json.loads(x) for x in result.stdout.splitlines() if x.strip()]
    assert [Path(r["source"]).name for r in lines] == [Path(f).name for f in FILES]
    first = lines[0]
    for key in ("number", "doc_type", "issuer", "date", "place", "subject", "recipients",
                "signer", "tasks", "distribution", "citations", "spans"):  # fmt: skip
        assert key in first
    assert first["number"] == "395-CV/HU"
    assert first["issuer"]["name"] == "Huyện ủy Bảo Lâm"
    assert first["issuer"]["parent"] == "Tỉnh ủy Lâm Đồng"


def test_json_is_one_list() -> None:
    result = _run(*FILES, "--format", "json")
    assert result.exit_code == 0, result.output
    records = json.loads(result.stdout)
    assert len(records) == len(FILES)
    assert {r["date"] for r in records} >= {"2021-02-15", "2021-07-20", "2021-05-07"}


def test_table_names_each_file() -> None:
    result = _run(*FILES, "--format", "table")
    assert result.exit_code == 0, result.output
    rows = [line for line in result.stdout.splitlines() if line.startswith("│ 00")]
    assert len(rows) == len(FILES)  # one row per file, however narrow the terminal
    assert "Công văn" in result.stdout and "Chỉ thị" in result.stdout


def test_folder_argument(tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    result = _run(str(SAMPLES), "-o", str(out))
    assert result.exit_code == 0, result.output
    assert len(out.read_text(encoding="utf-8").splitlines()) == len(FILES)


def test_bad_file_is_reported_and_others_go_on(tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_text("", encoding="utf-8")
    result = _run(FILES[0], str(empty))
    assert result.exit_code == 1
    assert "empty.txt" in result.stderr
    assert len([x for x in result.stdout.splitlines() if x.strip()]) == 1
