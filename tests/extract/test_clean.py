"""Stage *clean*: debris out, printed words kept, every character mapped back."""

from __future__ import annotations

import doctest
import importlib
import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from chidao.extract.clean import clean, fold, tone_normal


def test_markdown_emphasis_removed_and_mapped_back() -> None:
    # Seed 000's header as DOCX conversion left it.
    original = "**ĐẢNG BỘ TỈNH LÂM ĐỒNG\nHUYỆN ỦY BẢO LÂM**\n"
    c = clean(original)
    assert c.text == "ĐẢNG BỘ TỈNH LÂM ĐỒNG\nHUYỆN ỦY BẢO LÂM\n"
    start = c.text.index("HUYỆN")
    s, e = c.to_original(start, start + len("HUYỆN ỦY BẢO LÂM"))
    assert original[s:e] == "HUYỆN ỦY BẢO LÂM"


def test_column_rule_and_italics_in_distribution() -> None:
    # Seed 001: "- Các ban Đảng, UBKT, VPTU, | *để báo cáo*"
    c = clean("- Các ban Đảng, UBKT, VPTU, | *để báo cáo*\n")
    assert "|" not in c.text and "*" not in c.text
    assert c.text.split() == ["-", "Các", "ban", "Đảng,", "UBKT,", "VPTU,", "để", "báo", "cáo"]


def test_page_break_marker_and_page_number_dropped() -> None:
    c = clean(
        "phải xác định riêng số thuế\n\n--- PAGE BREAK ---\n\n--- PAGE 2 ---\n2\nCai, Tuyên Quang"
    )
    assert "PAGE" not in c.text
    assert "\n2\n" not in c.text
    assert c.text.endswith("Cai, Tuyên Quang")


def test_sentence_split_by_blank_line_is_joined() -> None:
    # Seed 001, item 4: "…, báo\n\ncáo thường xuyên về Ban Thường vụ Huyện ủy"
    c = clean("kịp thời nắm bắt tình hình, báo\n\ncáo thường xuyên về Ban Thường vụ Huyện ủy")
    assert "báo\ncáo thường xuyên" in c.text


def test_heading_then_lower_case_subject_not_joined() -> None:
    c = clean("CHỈ THỊ\n\nv/v tiếp tục tăng cường công tác phòng, chống dịch COVID-19")
    assert "THỊ\n\nv/v" in c.text


def test_decomposed_input_is_composed_and_offsets_point_into_it() -> None:
    original = unicodedata.normalize("NFD", "Huyện ủy Kiến Xương")
    c = clean(original)
    assert c.text == "Huyện ủy Kiến Xương"
    s, e = c.to_original(0, len("Huyện"))
    assert unicodedata.normalize("NFC", original[s:e]) == "Huyện"


def test_eth_lookalike_becomes_d_with_stroke() -> None:
    assert clean("\u00d0ẢNG ỦY").text == "ĐẢNG ỦY"


def test_ocr_rule_read_as_l_is_dropped() -> None:
    # Corpus 001's recipients: "l Giao thông vận tải; l"
    assert clean("l Giao thông vận tải; l\n").text.strip() == "Giao thông vận tải;"


def test_fold_keeps_length_and_drops_accents() -> None:
    assert fold("HUYỆN ỦY BẢO LÂM") == "huyen uy bao lam"
    assert fold("Đảng") == "dang"
    s = "Công điện khẩn số 05/CĐ-UBND"
    assert len(fold(s)) == len(s)


def test_tone_normal_moves_old_tone_marks() -> None:
    assert tone_normal("Uỷ ban nhân dân tỉnh Khánh Hoà") == "Ủy ban nhân dân tỉnh Khánh Hòa"
    assert tone_normal("THUỶ") == "THỦY"


@given(st.text(alphabet=st.sampled_from(list("ab ĐđỦủ*|•-\n\r\t2.ÁÀİß\u0301\u0323")), max_size=80))
def test_offset_map_is_monotone_and_in_bounds(text: str) -> None:
    c = clean(text)
    assert len(c.offsets) == len(c.text) + 1
    assert c.offsets[-1] == len(text)
    assert all(0 <= o <= len(text) for o in c.offsets)
    assert list(c.offsets) == sorted(c.offsets)
    assert len(c.folded) == len(c.text)


@pytest.mark.parametrize(
    "module",
    [
        "clean",
        "gazetteer",
        "resolve",
        "doc_types",
        "find_header",
        "records",
        "dates",
        "find_issuer",
        "find_signature",
    ],
)
def test_doctests(module: str) -> None:
    mod = importlib.import_module(f"chidao.extract.{module}")
    result = doctest.testmod(mod)
    assert result.failed == 0 and result.attempted > 0
