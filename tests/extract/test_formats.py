"""A .docx and a .pdf made from each sample extract to the same record as the .txt twin.

The files are made here (python-docx, fpdf2) from the bundled samples: the .docx
with ``**bold**``/``*italic*`` turned into run formatting and, in one variant, the
header in a two-column table; the .pdf in 11 pt A4 with lines wrapped at the
margin, as pypdf reads them back.  Spans differ between twins (the texts as read
differ); the values that ``../shared/eval/score.py`` scores must not.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from _makers import make_docx, make_pdf, sample_texts

from chidao.extract.batch import extract_file

SAMPLES = sample_texts()


def _norm(value: Any) -> Any:
    """White space folded: a line wrapped by the PDF is the same value."""
    return re.sub(r"\s+", " ", value).strip() if isinstance(value, str) else value


def _org(org: dict | None) -> tuple | None:
    if org is None:
        return None
    return tuple(_norm(org.get(k)) for k in ("name", "parent", "level", "system"))


def scored_fields(record: dict) -> dict[str, Any]:
    """The fields score.py reads (see its ``flatten_pred``), without spans."""
    signer = record["signer"]
    return {
        **{k: _norm(record[k]) for k in ("number", "doc_type", "date", "place", "subject")},
        "issuer": _org(record["issuer"]),
        "recipients": [_norm(r["name"]) for r in record["recipients"]],
        "signer": tuple(_norm(signer[k]) for k in ("name", "position", "on_behalf_of")),
        "tasks": [
            (_norm(t["text"]), _norm((t["assignee"] or {}).get("name"))) for t in record["tasks"]
        ],
        "distribution": [_norm(d["name"]) for d in record["distribution"]],
        "citations": [
            (
                _norm(c["doc_type"]),
                _norm(c["number"]),
                c["date"],
                c["relation"],
                _norm((c["issuer"] or {}).get("name")),
            )
            for c in record["citations"]
        ],
    }


def _twins(tmp_path: Path, name: str, text: str, kind: str) -> tuple[dict, dict]:
    stem = Path(name).stem
    txt = tmp_path / f"{stem}.txt"
    txt.write_text(text, encoding="utf-8")
    twin = tmp_path / f"{stem}.{kind.split('-')[0]}"
    if kind == "docx":
        twin.write_bytes(make_docx(text))
    elif kind == "docx-table":
        twin.write_bytes(make_docx(text, header_table=True))
    else:
        twin.write_bytes(make_pdf(text))
    return extract_file(txt).to_json(), extract_file(twin).to_json()


# Twins whose records differ today, with the reason; strict: a fix makes the test fail
# until the entry is removed.
KNOWN_GAPS: dict[tuple[str, str], str] = {}


@pytest.mark.parametrize("kind", ["docx", "docx-table", "pdf"])
@pytest.mark.parametrize(("name", "text"), SAMPLES, ids=[n[:3] for n, _ in SAMPLES])
def test_twin_extracts_to_the_same_record(
    request: pytest.FixtureRequest, tmp_path: Path, name: str, text: str, kind: str
) -> None:
    gap = KNOWN_GAPS.get((name[:3], kind))
    if gap is not None:
        request.applymarker(pytest.mark.xfail(strict=True, reason=gap))
    plain, twin = _twins(tmp_path, name, text, kind)
    assert twin["encoding"] == kind.split("-")[0]
    assert scored_fields(twin) == scored_fields(plain)


def test_the_comparison_sees_a_difference(tmp_path: Path) -> None:
    # Guard against a comparison that cannot fail: a changed number is noticed.
    name, text = SAMPLES[0]
    plain, _ = _twins(tmp_path, name, text, "docx")
    other = tmp_path / "other.docx"
    other.write_bytes(make_docx(text.replace("395-CV/HU", "396-CV/HU")))
    changed = extract_file(other).to_json()
    if plain["number"] is None:
        pytest.skip("the header finder reads no number from this sample yet")
    assert scored_fields(changed)["number"] != scored_fields(plain)["number"]


@pytest.mark.parametrize("kind", ["docx", "pdf"])
def test_twin_spans_point_into_the_text_as_read(tmp_path: Path, kind: str) -> None:
    from chidao.extract.read import read_path

    name, text = SAMPLES[3]
    path = tmp_path / f"twin.{kind}"
    path.write_bytes(make_docx(text) if kind == "docx" else make_pdf(text))
    doc_text = read_path(path).text
    record = extract_file(path).to_json()
    number = record["spans"].get("number")
    if number is None:
        pytest.skip("the header finder reads no number from this sample yet")
    start, end = number["span"]
    assert re.sub(r"\s", "", doc_text[start:end]).upper().endswith("114-CV/HU")


# A letter typed for this test, header in two columns as Decree 30 lays it out.
LEFT = [
    "ĐẢNG BỘ TỈNH GIA LAI",
    "HUYỆN ỦY CHƯ PĂH",
    "*",
    "Số 207-CV/HU",
    "V/v tăng cường công tác",
    "phòng, chống thiên tai",
]
RIGHT = ["ĐẢNG CỘNG SẢN VIỆT NAM", "", "Chư Păh, ngày 12 tháng 10 năm 2021"]
BODY = """Kính gửi: - Ủy ban nhân dân huyện,
- Các tổ chức cơ sở đảng trực thuộc.

Thực hiện Chỉ thị số 42-CT/TW ngày 24/3/2020 của Ban Bí thư, Ban Thường vụ Huyện ủy yêu cầu:

1. Ủy ban nhân dân huyện chỉ đạo rà soát các khu dân cư có nguy cơ sạt lở, lũ quét.
2. Các tổ chức cơ sở đảng quán triệt, triển khai thực hiện nghiêm túc nội dung công văn này.

Nơi nhận:
- Như trên,
- Lưu Văn phòng Huyện ủy.

T/M BAN THƯỜNG VỤ
PHÓ BÍ THƯ

Trần Văn Bình"""


def test_two_column_header_pdf_and_docx_extract_like_the_text(tmp_path: Path) -> None:
    from _makers import make_two_column_pdf

    text = "\n".join(LEFT) + "\n" + "\n".join(r for r in RIGHT if r) + "\n\n" + BODY
    (tmp_path / "a.txt").write_text(text, encoding="utf-8")
    (tmp_path / "a.pdf").write_bytes(make_two_column_pdf(LEFT, RIGHT, BODY))
    (tmp_path / "a.docx").write_bytes(make_docx(text, header_table=True))
    plain = extract_file(tmp_path / "a.txt").to_json()
    assert plain["number"] == "207-CV/HU" and plain["date"] == "2021-10-12"
    for twin in ("a.pdf", "a.docx"):
        assert scored_fields(extract_file(tmp_path / twin).to_json()) == scored_fields(plain)
