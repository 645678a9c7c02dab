"""Stage *resolve*: printed organisation names → canonical organisations; type codes."""

from __future__ import annotations

import pytest

from chidao.extract.resolve import (
    doc_type_from_code,
    doc_type_from_number,
    doc_type_from_word,
    resolve_organisation,
)


def _org(printed, context=None, hint=None):
    o = resolve_organisation(printed, context, province_hint=hint)
    assert o is not None, printed
    return o.name, o.parent, o.level, o.system


D, P, C, S = "district", "party", "central", "state"
UB = "Ủy ban nhân dân"

CANONICAL = [
    # Party committees from seed headers (upper case, province printed above).
    ("HUYỆN ỦY BẢO LÂM", "Lâm Đồng", ("Huyện ủy Bảo Lâm", "Tỉnh ủy Lâm Đồng", D, P)),
    ("ĐẢNG BỘ TỈNH THÁI BÌNH", None, ("Tỉnh ủy Thái Bình", None, "province", P)),
    ("TỈNH ỦY BẮC KẠN", None, ("Tỉnh ủy Bắc Kạn", None, "province", P)),
    ("Thành ủy Bắc Kạn", None, ("Thành ủy Bắc Kạn", "Tỉnh ủy Bắc Kạn", D, P)),
    ("Thành ủy Hà Nội", None, ("Thành ủy Hà Nội", None, "province", P)),
    # A standing committee speaks for its committee.
    ("Ban Thường vụ Huyện ủy Kiến Xương", None, ("Huyện ủy Kiến Xương", "Tỉnh ủy Thái Bình", D, P)),
    # People's committees.
    ("UBND huyện Kiến Xương", None, (f"{UB} huyện Kiến Xương", f"{UB} tỉnh Thái Bình", D, S)),
    # National bodies, also as OCR prints them.
    ("Chính phủ", None, ("Chính phủ", None, C, S)),
    ("THỦ TƯỚNG CHÍNH PHU", None, ("Thủ tướng Chính phủ", None, C, S)),
    ("Bộ Tài chính", None, ("Bộ Tài chính", None, C, S)),
    ("Quốc hội", None, ("Quốc hội", None, C, S)),
    ("Ban Bí thư", None, ("Ban Bí thư", None, C, P)),
    ("Bộ Chính trị", None, ("Bộ Chính trị", None, C, P)),
    (
        "BO LAO DONG - THUONG BINH VÀ XÃ HỘI",
        None,
        ("Bộ Lao động - Thương binh và Xã hội", None, C, S),
    ),
    ("TONG CUC THUE", None, ("Tổng cục Thuế", "Bộ Tài chính", C, S)),
    ("TONG CỤC HAL QUAN", None, ("Tổng cục Hải quan", "Bộ Tài chính", C, S)),
    (
        "TONG LIEN DOAN LAO ĐỘNG VIET NAM",
        None,
        ("Tổng Liên đoàn Lao động Việt Nam", None, C, "front"),
    ),
    # Territorial agencies.
    (
        "CỤC THUÊ TP HO CHÍ MINH",
        None,
        ("Cục Thuế thành phố Hồ Chí Minh", "Tổng cục Thuế", "province", S),
    ),
    ("CUC THUE TINH HOA BINH", None, ("Cục Thuế tỉnh Hoà Bình", "Tổng cục Thuế", "province", S)),
    (
        "CHI CỤC THUẾ TP NHA TRANG",
        None,
        ("Chi cục Thuế thành phố Nha Trang", "Cục Thuế tỉnh Khánh Hòa", D, S),
    ),
    (
        "BẢO HIỂM XÃ HỘI TP. HỒ CHÍ MINH",
        None,
        ("Bảo hiểm xã hội thành phố Hồ Chí Minh", "Bảo hiểm xã hội Việt Nam", "province", S),
    ),
    (
        "Sở Y tế Thành phố Hồ Chí Minh",
        None,
        ("Sở Y tế thành phố Hồ Chí Minh", f"{UB} thành phố Hồ Chí Minh", "province", S),
    ),
]


@pytest.mark.parametrize(("printed", "hint", "expected"), CANONICAL)
def test_canonical_names(printed, hint, expected) -> None:
    assert _org(printed, hint=hint) == expected


def test_relative_mentions_resolve_against_the_issuer() -> None:
    # Seed 003: a district letter of Thái Bình cites "Ban Thường vụ Tỉnh ủy" and "UBND Tỉnh".
    issuer = resolve_organisation("HUYỆN ỦY KIẾN XƯƠNG", province_hint="Thái Bình")
    assert _org("Ban Thường vụ Tỉnh ủy", issuer)[0] == "Tỉnh ủy Thái Bình"
    assert _org("Ủy ban nhân dân Tỉnh", issuer)[0] == "Ủy ban nhân dân tỉnh Thái Bình"
    assert _org("UBND huyện", issuer)[0] == "Ủy ban nhân dân huyện Kiến Xương"
    assert _org("Huyện ủy", issuer)[0] == "Huyện ủy Kiến Xương"
    assert _org("TT Tỉnh ủy", issuer)[0] == "Tỉnh ủy Thái Bình"


def test_relative_mention_without_context_stays_generic() -> None:
    assert _org("Ủy ban nhân dân huyện") == ("Ủy ban nhân dân huyện", None, "district", "state")


def test_committee_organ_keeps_its_name_and_gets_the_committee_as_parent() -> None:
    issuer = resolve_organisation("Huyện ủy Bảo Lâm", province_hint="Lâm Đồng")
    name, parent, level, system = _org("Ban Tuyên giáo Huyện ủy", issuer)
    assert (name, parent, level, system) == (
        "Ban Tuyên giáo Huyện ủy",
        "Huyện ủy Bảo Lâm",
        "district",
        "party",
    )


def test_front_organisations() -> None:
    assert _org("Mặt trận Tổ quốc và các đoàn thể huyện")[3] == "front"


def test_not_an_organisation() -> None:
    assert resolve_organisation("") is None
    assert resolve_organisation("tuyệt đối không chủ quan, lơ là") is None


def test_printed_text_is_kept() -> None:
    o = resolve_organisation("HUYỆN  ỦY\nKIẾN XƯƠNG")
    assert o is not None and o.printed == "HUYỆN ỦY KIẾN XƯƠNG"


@pytest.mark.parametrize(
    ("code", "kind"),
    [("CV", "Công văn"), ("NQ", "Nghị quyết"), ("CĐ", "Công điện"), ("CD", "Công điện"),
     ("CT", "Chỉ thị"), ("KL", "Kết luận"), ("TB", "Thông báo"), ("KH", "Kế hoạch"),
     ("QĐ", "Quyết định"), ("HD", "Hướng dẫn"), ("BC", "Báo cáo"), ("UBND", None)],
)  # fmt: skip
def test_doc_type_from_code(code, kind) -> None:
    assert doc_type_from_code(code) == kind


@pytest.mark.parametrize(
    ("number", "kind"),
    [("395-CV/HU", "Công văn"), ("125-KL/TU", "Kết luận"), ("05-CT/TW", "Chỉ thị"),
     ("68/NQ-CP", "Nghị quyết"), ("15/CT-TTg", "Chỉ thị"), ("05/CĐ-UBND", "Công điện"),
     ("1234/UBND-VX", "Công văn"), ("38/2015/TT-BTC", "Thông tư"), ("4302/TCT-TTr", "Công văn")],
)  # fmt: skip
def test_doc_type_from_number(number, kind) -> None:
    assert doc_type_from_number(number) == kind


def test_doc_type_from_printed_title() -> None:
    assert doc_type_from_word("CHỈ THỊ") == "Chỉ thị"
    assert doc_type_from_word("CONG ĐIỆN") == "Công điện"
    assert doc_type_from_word("NGHỊ QUYẾT") == "Nghị quyết"
    assert doc_type_from_word("Số 395-CV/HU") is None
