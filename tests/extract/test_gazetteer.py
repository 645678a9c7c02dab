"""The gazetteer: pre-2025 three-level units (GSO 2021) and the post-July-2025 two-level ones."""

from __future__ import annotations

from datetime import date

import pytest

from chidao.extract.gazetteer import bare_name, default_gazetteer, name_key


@pytest.fixture(scope="module")
def g():
    return default_gazetteer()


def test_loaded_once() -> None:
    assert default_gazetteer() is default_gazetteer()


def test_gso_counts(g) -> None:
    assert len(g.units("province")) == 63
    assert len(g.units("district")) == 705
    assert len(g.units("commune")) == 10603
    assert len(g.units("province", at=date(2025, 7, 1))) == 34
    assert g.units("district", at=date(2025, 7, 1)) == []


def test_names_match_without_accents_case_or_type_word(g) -> None:
    for name in ("Kiến Xương", "KIEN XUONG", "huyện kiến xương", "Huyện Kiến Xương"):
        found = g.find(name, level="district")
        assert [u.province for u in found] == ["Tỉnh Thái Bình"], name


def test_namesake_districts_resolved_by_the_province_named(g) -> None:
    both = {u.province for u in g.find("Bảo Lâm", level="district")}
    assert both == {"Tỉnh Cao Bằng", "Tỉnh Lâm Đồng"}
    assert g.province_of("Bảo Lâm") is None  # ambiguous without a hint
    assert g.province_of("Bảo Lâm", hint="Lâm Đồng").name == "Tỉnh Lâm Đồng"
    assert g.province_of("Huyện Bảo Lâm", hint=["Tỉnh Cao Bằng"]).name == "Tỉnh Cao Bằng"


def test_province_of_unique_district(g) -> None:
    assert g.province_of("A Lưới").name == "Tỉnh Thừa Thiên Huế"
    assert g.province_of("Sông Hinh").name == "Tỉnh Phú Yên"


def test_city_abbreviation(g) -> None:
    assert g.province("TP. Hồ Chí Minh").name == "Thành phố Hồ Chí Minh"
    assert g.province("TP HÀ NỘI").name == "Thành phố Hà Nội"


def test_children_before_the_reform_are_districts(g) -> None:
    lam_dong = g.province("Lâm Đồng")
    kids = g.children(lam_dong, at=date(2021, 2, 15))
    assert {u.level for u in kids} == {"district"}
    assert "Huyện Bảo Lâm" in {u.name for u in kids}
    kien_xuong = g.find("Kiến Xương", level="district")[0]
    assert {u.level for u in g.children(kien_xuong)} == {"commune"}


def test_children_after_the_reform_are_communes_of_the_merged_province(g) -> None:
    thai_binh = g.province("Thái Bình")
    assert g.successor(thai_binh).name == "Tỉnh Hưng Yên"
    kids = g.children(thai_binh, at=date(2026, 1, 1))
    assert kids and {u.level for u in kids} == {"commune"}
    assert {u.province for u in kids} == {"Tỉnh Hưng Yên"}
    # Districts were abolished on 2025-07-01.
    kien_xuong = g.find("Kiến Xương", level="district")[0]
    assert g.children(kien_xuong, at=date(2025, 7, 1)) == []


def test_post_reform_lookup(g) -> None:
    assert [u.name for u in g.find("Hưng Yên", level="province", at=date(2026, 1, 1))] == [
        "Tỉnh Hưng Yên"
    ]
    assert g.find("Thái Bình", level="province", at=date(2026, 1, 1)) == []


def test_every_old_province_has_a_successor(g) -> None:
    for u in g.units("province"):
        assert g.successor(u) is not None, u.name


def test_ended_units_carry_valid_until(g) -> None:
    assert g.province("Thái Bình").valid_until == "2025-06-30"
    assert g.province("Lâm Đồng").valid_until is None  # the name continues after the merger
    assert g.find("A Lưới", level="district")[0].valid_until == "2025-06-30"


def test_name_helpers() -> None:
    assert name_key("Thành phố Hồ Chí Minh") == "ho chi minh"
    assert bare_name("Huyện Bảo Lâm") == "Bảo Lâm"
    assert bare_name("Bảo Lâm") == "Bảo Lâm"
