"""Documents as published on web pages (issue #13, header half): page furniture, portal
metadata, headers laid out as tables or flattened onto one line, issuers printed without their
unit, documents known by a title line, local Party bodies, dates either side of 1 July 2025.

Every snippet here is written for the test (places and numbers are not those of any corpus
document); each layout has its own regression test.
"""

from __future__ import annotations

import json

import pytest
from _makers import sample_texts
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from chidao.extract.find_page import read_page
from chidao.extract.page_fields import expand_acronyms
from chidao.extract.pipeline import extract_text
from chidao.extract.records import Mention, Organisation, Record
from chidao.extract.resolve import resolve_organisation

HEADER = (
    "ỦY BAN NHÂN DÂN\nTỈNH NINH BÌNH\n-------\n"
    "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n---------------\n"
    "Số: 17/KH-UBND\nNinh Bình, ngày 05 tháng 3 năm 2022\n"
    "KẾ HOẠCH\nTRIỂN KHAI CÔNG TÁC PHÒNG, CHỐNG THIÊN TAI NĂM 2022\n"
    "Thực hiện Chỉ thị số 05/CT-TTg ngày 01/02/2022 của Thủ tướng Chính phủ, Ủy ban nhân dân "
    "tỉnh ban hành Kế hoạch như sau:\nI. MỤC ĐÍCH, YÊU CẦU\n1. Chủ động phòng, chống thiên tai.\n"
)


def _values(rec: Record) -> dict[str, str | None]:
    out: dict[str, str | None] = {
        k: (getattr(rec, k).value if getattr(rec, k) else None)
        for k in ("number", "doc_type", "date", "place", "subject")
    }
    out["issuer"] = rec.issuer.name if rec.issuer else None
    out["parent"] = rec.issuer.parent if rec.issuer else None
    out["level"] = rec.issuer.level if rec.issuer else None
    out["system"] = rec.issuer.system if rec.issuer else None
    return out


# --- page furniture ---------------------------------------------------------------------------


def test_regression_page_chrome_before_and_after_is_not_the_document() -> None:
    chrome = (
        "Đăng nhập | Đăng ký\nTrang chủ > Văn bản pháp luật > Kế hoạch\nTruy cập\nHôm nay:\n12\n"
        "Tất cả:\n100234\nTải bản đầy đủ (.doc) (12 trang)\n"
    )
    tail = "\nVăn bản liên quan\nQuyết định 12/QĐ-UBND về việc phê duyệt …\nChia sẻ\n"
    text = chrome + HEADER + tail
    rec = extract_text(text)
    assert _values(rec) == _values(extract_text(HEADER))
    page = read_page(text)
    assert len(page.text) == len(text)
    assert page.start == len(chrome) and page.end == len(chrome) + len(HEADER) + 1
    # The furniture is blanked, line breaks kept: spans still point into the page as read.
    assert page.text[: page.start].strip() == ""
    assert text[slice(*rec.number.span)] == "17/KH-UBND"


def test_plain_document_is_left_as_it_is() -> None:
    assert read_page(HEADER).text == HEADER


# --- portal metadata --------------------------------------------------------------------------

META_INLINE = (
    "Kế hoạch 17/KH-UBND năm 2022 triển khai công tác phòng, chống thiên tai\n"
    "Số hiệu: 17/KH-UBND Loại văn bản: Kế hoạch\n"
    "Nơi ban hành: Tỉnh Ninh Bình Người ký: Phạm Văn Sơn\n"
    "Ngày ban hành: 05/03/2022 Ngày hiệu lực: Đang cập nhật\n"
    "Tình trạng: Đã biết\n"
)
META_TABLE = (
    "| Số hiệu | 17/KH-UBND |\n| Ngày ban hành | 05/03/2022 |\n| Loại văn bản | Kế hoạch |\n"
    "| Cơ quan ban hành | Tỉnh Ninh Bình |\n| Người ký | Phạm Văn Sơn |\n"
)


@pytest.mark.parametrize("meta", [META_INLINE, META_TABLE, META_INLINE + META_TABLE])
def test_regression_portal_metadata_kept_apart(meta: str) -> None:
    page = read_page(meta + HEADER)
    assert page.get("number").value == "17/KH-UBND"
    assert page.get("date").value == "2022-03-05"
    assert page.get("issuer").value == "Tỉnh Ninh Bình"
    assert page.get("signer").value == "Phạm Văn Sơn"
    # The document prints its own header: the page changes nothing, and nothing is "page".
    rec = extract_text(meta + HEADER)
    assert _values(rec) == _values(extract_text(HEADER))
    assert rec.number.origin == "document" and rec.issuer.origin == "document"
    assert rec.signer is None or rec.signer.name is None  # metadata names no signature


def test_regression_metadata_fills_only_what_the_document_lacks() -> None:
    # A copy whose header block is lost: number, type, date and issuer come from the page,
    # marked as such, with their span in the metadata block.
    body = "Thực hiện Chỉ thị số 05/CT-TTg ngày 01/02/2022 của Thủ tướng Chính phủ.\n" * 3
    text = META_INLINE + "\n" + body
    rec = extract_text(text)
    assert rec.number.value == "17/KH-UBND" and rec.number.origin == "page"
    assert text[slice(*rec.number.span)] == "17/KH-UBND"
    assert rec.date.value == "2022-03-05" and rec.date.origin == "page"
    assert rec.doc_type.value == "Kế hoạch"
    assert rec.issuer.name == "Ủy ban nhân dân tỉnh Ninh Bình" and rec.issuer.origin == "page"
    assert rec.place is None
    out = rec.to_json()
    assert out["number"] == "17/KH-UBND"  # the scorer's flat value, unchanged
    assert out["spans"]["number"]["origin"] == "page" and out["issuer"]["origin"] == "page"
    assert Record.from_json(json.loads(json.dumps(out))) == rec


def test_to_json_unchanged_for_document_values() -> None:
    # Backward compatible: a value read from the document carries no "origin" key.
    assert "origin" not in Mention("17/KH-UBND", (0, 3)).to_json()
    assert "origin" not in Organisation("Chính phủ").to_json()
    assert Mention.from_json({"value": "x"}).origin == "document"


# --- headers as tables, wrapped, flattened, glued ---------------------------------------------


def test_regression_header_laid_out_as_a_table() -> None:
    text = (
        "ỦY BAN NHÂN DÂN | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM |\n"
        "TỈNH NINH BÌNH | Độc lập - Tự do - Hạnh phúc |\n"
        "Số: 42/2011/QĐ-UBND | Ninh Bình, ngày 19 tháng 12 năm 2011 |\n"
        "QUYẾT ĐỊNH\nVỀ VIỆC BAN HÀNH QUY CHẾ PHỐI HỢP\nTRÊN ĐỊA BÀN TỈNH NINH BÌNH\n"
        "ỦY BAN NHÂN DÂN TỈNH NINH BÌNH\nCăn cứ Luật Tổ chức chính quyền địa phương ngày 19 "
        "tháng 6 năm 2015;\n"
    )
    v = _values(extract_text(text))
    assert v["number"] == "42/2011/QĐ-UBND" and v["date"] == "2011-12-19"
    assert v["place"] == "Ninh Bình" and v["doc_type"] == "Quyết định"
    assert v["issuer"] == "Ủy ban nhân dân tỉnh Ninh Bình"
    # A subject in capitals is kept whole over its lines, up to the authority line.
    assert v["subject"] == "BAN HÀNH QUY CHẾ PHỐI HỢP TRÊN ĐỊA BÀN TỈNH NINH BÌNH"


def test_regression_table_cells_wrapped_over_lines() -> None:
    text = (
        "ỦY\nBAN NHÂN DÂN\nTỈNH YÊN BÁI\n-------\n|\nCỘNG HÒA XÃ HỘI\nCHỦ NGHĨA VIỆT NAM\n"
        "Độc lập - Tự do - Hạnh phúc\n---------------\n|\nSố:\n31/KH-UBND\n|\n"
        "Yên Bái, ngày 23\ntháng 3 năm 2021\n|\nKẾ HOẠCH\nVỀ\nVIỆC TĂNG CƯỜNG CÔNG TÁC BẢO ĐẢM "
        "TRẬT TỰ AN TOÀN GIAO THÔNG,\nKIỀM CHẾ TAI NẠN GIAO THÔNG TRÊN ĐỊA BÀN TỈNH\n"
        "Trong thời gian qua, công tác bảo đảm trật tự an toàn giao thông đạt kết quả.\n"
    )
    v = _values(extract_text(text))
    assert v["number"] == "31/KH-UBND" and v["date"] == "2021-03-23" and v["place"] == "Yên Bái"
    assert v["issuer"] == "Ủy ban nhân dân tỉnh Yên Bái"
    assert v["subject"] == (
        "TĂNG CƯỜNG CÔNG TÁC BẢO ĐẢM TRẬT TỰ AN TOÀN GIAO THÔNG, KIỀM CHẾ TAI NẠN GIAO THÔNG "
        "TRÊN ĐỊA BÀN TỈNH"
    )


def test_regression_header_flattened_onto_one_line() -> None:
    text = (
        "ĐẢNG BỘ TỈNH NINH BÌNH ĐẢNG BỘ HUYỆN KIM SƠN ĐẢNG ỦY XÃ KIM ĐÔNG * Số 12 KH/ĐU ĐẢNG "
        "CỘNG SẢN VIỆT NAM Kim Đông, ngày 14 tháng 10 năm 2020 KẾ HOẠCH kiểm điểm, đánh giá chất "
        "lượng tổ chức đảng năm 2020 Thực hiện Hướng dẫn số 05-HD/BTCTU ngày 01/10/2020 của Ban "
        "Tổ chức Tỉnh ủy, Đảng ủy xã ban hành kế hoạch như sau:\nI. MỤC ĐÍCH, YÊU CẦU\n"
    )
    v = _values(extract_text(text))
    assert v == {
        "number": "12-KH/ĐU",  # OCR lost the dash: the Party form is restored
        "doc_type": "Kế hoạch",
        "date": "2020-10-14",
        "place": "Kim Đông",
        "subject": "kiểm điểm, đánh giá chất lượng tổ chức đảng năm 2020",
        "issuer": "Đảng ủy xã Kim Đông",
        "parent": "Huyện ủy Kim Sơn",
        "level": "commune",
        "system": "party",
    }


def test_regression_glued_date_line_and_rule_lines() -> None:
    text = (
        "BAN TỔ CHỨC TRUNG ƯƠNG\n--------\nĐẢNG CỘNG SẢN VIỆT NAM\n----------------\n"
        "Số: 07-HD/BTCTW\nHà Nội,ngày10tháng3năm2023\nHƯỚNG DẪN\nVỀĐÁNH GIÁ CÁN BỘ\n"
    )
    v = _values(extract_text(text))
    assert v["date"] == "2023-03-10" and v["number"] == "07-HD/BTCTW"
    assert (v["issuer"], v["level"], v["system"]) == ("Ban Tổ chức Trung ương", "central", "party")


def test_regression_number_forms_ocr_breaks() -> None:
    text = (
        "BAN CHẤP HÀNH TRUNG ƯƠNG\n*\nSố 45-KL/TƯ\nHà Nội, ngày 01 tháng 02 năm 2019\n"
        "KẾT LUẬN\nCỦA BAN BÍ THƯ\nvề tiếp tục đẩy mạnh công tác\n"
    )
    rec = extract_text(text)
    assert rec.number.value == "45-KL/TƯ"
    # The Central Committee's header is shared by its organs: the title names the issuer.
    assert rec.issuer.name == "Ban Bí thư"


# --- issuer printed without its unit ----------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "issuer"),
    [
        # the place line
        (
            "ỦY BAN NHÂN DÂN | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM |\nSố: 17/KH-UBND | Ninh Bình, "
            "ngày 05 tháng 3 năm 2022 |\nKẾ HOẠCH\nTRIỂN KHAI CÔNG TÁC PHÒNG CHỐNG THIÊN TAI\n",
            "Ủy ban nhân dân tỉnh Ninh Bình",
        ),
        # the authority line wins over the place line
        (
            "ỦY BAN NHÂN DÂN | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM |\nSố: 30/2018/QĐ-UBND | Hà Nội, "
            "ngày 09 tháng 10 năm 2018 |\nQUYẾT ĐỊNH\nBAN HÀNH QUY ĐỊNH VỀ CẢI CÁCH HÀNH CHÍNH\n"
            "ỦY BAN NHÂN DÂN THÀNH PHỐ HẢI PHÒNG\nCăn cứ Luật Tổ chức chính quyền địa phương;\n",
            "Ủy ban nhân dân thành phố Hải Phòng",
        ),
        # the title
        (
            "ỦY BAN NHÂN DÂN\nSố: 12/KH-UBND\nngày 05 tháng 3 năm 2022\nKẾ HOẠCH\nSẮP XẾP ĐƠN VỊ "
            "HÀNH CHÍNH TRÊN ĐỊA BÀN TỈNH QUẢNG TRỊ\n",
            "Ủy ban nhân dân tỉnh Quảng Trị",
        ),
    ],
)
def test_regression_issuer_without_its_unit_is_inferred(text: str, issuer: str) -> None:
    rec = extract_text(text)
    assert rec.issuer.name == issuer
    assert rec.issuer.level == "province" and rec.issuer.origin == "inferred"
    assert rec.issuer.printed == "ỦY BAN NHÂN DÂN"


# --- documents known by a title line ----------------------------------------------------------


def test_regression_document_known_by_its_title_line_only() -> None:
    text = (
        "Trang chủ > Văn bản\nLượt xem: 152\n"
        "Công văn số 175-CV/TU ngày 25/01/2007 của Thành ủy TPHCM về việc tăng cường phòng cháy\n"
        "Tải về: 175-cv-tu.pdf\n"
        "Thực hiện chỉ đạo của Ban Thường vụ Thành ủy, đề nghị các quận ủy tăng cường kiểm tra.\n"
    )
    rec = extract_text(text)
    v = _values(rec)
    assert (v["number"], v["doc_type"], v["date"]) == ("175-CV/TU", "Công văn", "2007-01-25")
    assert v["subject"] == "tăng cường phòng cháy" and v["place"] is None
    assert v["issuer"] == "Thành ủy Thành phố Hồ Chí Minh" and v["level"] == "province"
    assert rec.number.origin == "page" and rec.issuer.origin == "page"
    assert text[slice(*rec.number.span)] == "175-CV/TU"


def test_regression_title_line_inside_an_archive_copy() -> None:
    text = (
        "Quyết định\n\nban hành Quy định về phối hợp trong công tác xuất bản\n\n"
        "(Quyết định số 51-QĐ/TW ngày 12-3-2012\n\n của Ban Bí thư Trung ương Đảng\n\n"
        "- Căn cứ Điều lệ Đảng;\n- Căn cứ Chỉ thị số 12-CT/TW, ngày 25-8-2004 của Ban Bí thư;\n"
    )
    v = _values(extract_text(text))
    assert (v["number"], v["doc_type"], v["date"]) == ("51-QĐ/TW", "Quyết định", "2012-03-12")
    assert v["issuer"] == "Ban Bí thư" and v["level"] == "central"
    assert v["subject"] == "ban hành Quy định về phối hợp trong công tác xuất bản"


# --- local Party bodies, steering committees, joint documents ---------------------------------

PARTY = (
    "\n*\nSố {n}\nĐẢNG CỘNG SẢN VIỆT NAM\n{p}, ngày 10 tháng 3 năm 2023\nV/v tổng kết công tác\n"
)


@pytest.mark.parametrize(
    ("lines", "number", "place", "issuer", "parent", "level"),
    [
        ("THÀNH ỦY HÀ NỘI\nQUẬN ỦY CẦU GIẤY", "310-CV/QU", "Cầu Giấy", "Quận ủy Cầu Giấy",
         "Thành ủy Hà Nội", "district"),
        ("TỈNH ỦY PHÚ THỌ\nTHỊ ỦY PHÚ THỌ", "31-CV/TU", "Phú Thọ", "Thị ủy Phú Thọ",
         "Tỉnh ủy Phú Thọ", "district"),
        ("TỈNH ỦY NINH BÌNH\nBAN TUYÊN GIÁO", "15-HD/BTGTU", "Ninh Bình",
         "Ban Tuyên giáo Tỉnh ủy Ninh Bình", "Tỉnh ủy Ninh Bình", "province"),
        ("TỈNH ỦY NINH BÌNH\nVĂN PHÒNG", "88-TB/VPTU", "Ninh Bình", "Văn phòng Tỉnh ủy Ninh Bình",
         "Tỉnh ủy Ninh Bình", "province"),
        ("BAN CHẤP HÀNH TRUNG ƯƠNG\nBAN TỔ CHỨC", "07-HD/BTCTW", "Hà Nội",
         "Ban Tổ chức Trung ương", None, "central"),
        ("ĐẢNG BỘ TỈNH NINH BÌNH\nĐẢNG ỦY KHỐI CÁC CƠ QUAN TỈNH", "21-CV/ĐUK", "Ninh Bình",
         "Đảng ủy Khối các cơ quan tỉnh Ninh Bình", "Tỉnh ủy Ninh Bình", "province"),
        ("TỈNH ỦY NINH BÌNH\nBAN CÁN SỰ ĐẢNG UBND TỈNH", "31-CV/BCSĐ", "Ninh Bình",
         "Ban cán sự đảng Ủy ban nhân dân tỉnh Ninh Bình", "Tỉnh ủy Ninh Bình", "province"),
        ("BAN CHỈ ĐẠO 35 TỈNH NINH BÌNH", "05-KH/BCĐ", "Ninh Bình", "Ban Chỉ đạo 35 tỉnh Ninh Bình",
         "Tỉnh ủy Ninh Bình", "province"),
        ("ĐẢNG ỦY PHƯỜNG HƯNG BÌNH\nBCĐ XÂY DỰNG PHƯỜNG VMĐT", "02-CV/BCĐ", "Hưng Bình",
         "Ban Chỉ đạo xây dựng phường văn minh đô thị phường Hưng Bình",
         "Đảng ủy phường Hưng Bình", "commune"),
    ],
)  # fmt: skip
def test_regression_local_party_bodies(
    lines: str, number: str, place: str, issuer: str, parent: str | None, level: str
) -> None:
    text = lines + PARTY.format(n=number, p=place)
    if "VMĐT" in lines:
        text += "Ban Chỉ đạo xây dựng phường văn minh đô thị đề nghị các chi bộ góp ý.\n"
    rec = extract_text(text)
    assert rec.number.value == number
    assert (rec.issuer.name, rec.issuer.parent, rec.issuer.level, rec.issuer.system) == (
        issuer,
        parent,
        level,
        "party",
    )


def test_regression_joint_state_and_front_document() -> None:
    text = (
        "ỦY BAN NHÂN DÂN TỈNH NINH BÌNH - ỦY BAN MTTQ VIỆT NAM TỈNH NINH BÌNH\n"
        "Số: 12/KHLT-UBND-MTTQ\nNinh Bình, ngày 10 tháng 3 năm 2023\nKẾ HOẠCH LIÊN TỊCH\n"
        "phối hợp vận động\n"
    )
    rec = extract_text(text)
    assert rec.issuer.name == (
        "Ủy ban nhân dân tỉnh Ninh Bình - Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh Ninh Bình"
    )
    assert (rec.issuer.system, rec.issuer.level) == ("state", "province")  # the first-named's
    # A dash inside one name is no joint.
    assert resolve_organisation("Bộ Lao động - Thương binh và Xã hội").level == "central"
    assert resolve_organisation("UBND tỉnh Bà Rịa - Vũng Tàu").unit is not None


def test_expand_acronyms_only_from_the_text() -> None:
    assert expand_acronyms("Ban Chỉ đạo NTM", "xây dựng nông thôn mới") == (
        "Ban Chỉ đạo nông thôn mới"
    )
    assert expand_acronyms("Ban Chỉ đạo NTM", "no such words here") == "Ban Chỉ đạo NTM"


# --- before and after 1 July 2025 -------------------------------------------------------------


def test_regression_units_in_force_on_the_documents_date() -> None:
    party = "ĐẢNG BỘ TỈNH NINH BÌNH\nĐẢNG ỦY XÃ GIA VIỄN" + PARTY
    after = extract_text(party.format(n="05-CV/ĐU", p="Gia Viễn").replace("2023", "2025"))
    # Two tiers from 2025-07-01: the commune's committee is right under the province's.
    assert after.date.value == "2023-03-10".replace("2023", "2025")
    assert (after.issuer.name, after.issuer.parent) == ("Đảng ủy xã Gia Viễn", "Tỉnh ủy Ninh Bình")
    city = (
        "ỦY BAN NHÂN DÂN\nSố: 18/CT-UBND\nHuế, ngày 29 tháng 12 năm {y}\nCHỈ THỊ\n"
        "TĂNG CƯỜNG KỶ CƯƠNG\n"
    )
    later = extract_text(city.format(y=2025)).issuer
    earlier = extract_text(city.format(y=2023)).issuer
    # A commune's People's Committee printed without its unit, after the reform.
    commune = extract_text(
        "ỦY BAN NHÂN DÂN | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM |\n"
        "Số: 25/KH-UBND | Gia Viễn, ngày 10 tháng 9 năm 2025 |\n"
        "KẾ HOẠCH\nTỔ CHỨC NGÀY HỘI TRÊN ĐỊA BÀN XÃ\n"
    ).issuer
    assert (commune.name, commune.parent, commune.level) == (
        "Ủy ban nhân dân xã Gia Viễn",
        "Ủy ban nhân dân tỉnh Ninh Bình",
        "commune",
    )
    # Huế is a centrally governed city in 2025, a city of Thừa Thiên Huế before.
    assert (later.name, later.level, later.parent) == (
        "Ủy ban nhân dân thành phố Huế",
        "province",
        None,
    )
    assert (earlier.level, earlier.parent) == ("district", "Ủy ban nhân dân tỉnh Thừa Thiên Huế")


# --- one node per real body -------------------------------------------------------------------


@pytest.mark.parametrize(
    "forms",
    [
        [
            "Tỉnh ủy Bắc Giang",
            "TỈNH ỦY BẮC GIANG",
            "Tỉnh uỷ Bắc Giang",
            "Ban Thường vụ Tỉnh ủy Bắc Giang",
        ],
        ["Cục Thuế tỉnh Nam Định", "Cục thuế tỉnh Nam Định", "CỤC THUẾ TỈNH NAM ĐỊNH"],
        ["Thành ủy TPHCM", "Thành ủy Thành phố Hồ Chí Minh", "THÀNH ỦY TP. HCM"],
        ["Trung ương Đoàn", "BAN CHẤP HÀNH TRUNG ƯƠNG ĐOÀN TNCS HỒ CHÍ MINH"],
    ],
)
def test_one_node_per_real_body(forms: list[str]) -> None:
    found = {(o.name, o.level, o.system) for o in map(resolve_organisation, forms) if o}
    assert len(found) == 1 and None not in next(iter(found)), found


def test_acronyms_keep_their_capitals() -> None:
    assert resolve_organisation("BAN QLRR").name == "Ban QLRR"
    assert resolve_organisation("ĐẢNG ỦY KHỐI CÁC CƠ QUAN TRUNG ƯƠNG").level == "central"


# --- cut documents ----------------------------------------------------------------------------


def test_regression_cut_document_keeps_its_header_and_invents_no_signature() -> None:
    cut = HEADER + "2. Yêu cầu các sở, ban, ngành thực hi"
    rec = extract_text(META_INLINE + cut)
    assert rec.number.value == "17/KH-UBND" and rec.issuer.name == "Ủy ban nhân dân tỉnh Ninh Bình"
    assert (rec.signer is None or rec.signer.name is None) and rec.distribution == ()


# --- property: page furniture around a seed document changes nothing --------------------------

SEEDS = [text for _, text in sample_texts()]
CHROME_LINES = [
    "Đăng nhập",
    "Tìm kiếm tin tức",
    "Trang chủ > Văn bản",
    "Lượt xem: 1844 lượt",
    "Tải bản đầy đủ (.pdf) (12 trang)",
    "Ngày đăng: 10/05/2019",
    "Chia sẻ",
    "Hệ thống pháp luật",
]
TAIL_LINES = ["Văn bản liên quan", "Tin cùng chuyên mục", "HIỆU LỰC VĂN BẢN"]


def _shifted(raw: object, by: int) -> object:
    """The record's JSON with every span moved back by ``by`` (the furniture's length)."""
    if isinstance(raw, dict):
        return {
            k: ([v[0] - by, v[1] - by] if k == "span" and v else _shifted(v, by))
            for k, v in raw.items()
            if k not in ("source", "sha256", "length")
        }
    if isinstance(raw, list):
        return [_shifted(x, by) for x in raw]
    return raw


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    seed=st.sampled_from(range(len(SEEDS))),
    before=st.lists(st.sampled_from(CHROME_LINES), min_size=1, max_size=5),
    after=st.lists(st.sampled_from(CHROME_LINES), max_size=3),
    tail=st.sampled_from(TAIL_LINES),
)
def test_property_page_chrome_around_a_seed_changes_nothing(
    seed: int, before: list[str], after: list[str], tail: str
) -> None:
    doc = SEEDS[seed]
    prefix = "\n".join(before) + "\n\n"
    suffix = "\n\n" + "\n".join([tail, *after]) + "\n"
    plain = extract_text(doc).to_json()
    paged = extract_text(prefix + doc + suffix).to_json()
    assert _shifted(paged, len(prefix)) == _shifted(plain, 0)


def test_regression_signature_stamp_above_the_header_is_the_documents() -> None:
    # "Người ký:" is also a digital-signature stamp's label: it is no portal metadata block.
    text = "Người ký: Cục Thuế tỉnh Nam Định\nThời gian ký: 12.03.2021 10:00\n\n" + HEADER
    page = read_page(text)
    assert page.start == 0 and page.text == text


def test_regression_title_subjects_end_where_the_body_starts() -> None:
    # A short subject in capitals that opens with a verb is the subject (not a stray capital
    # line); a subject in sentence case ends where the body's first sentence starts.
    table = (
        "| ỦY BAN NHÂN DÂN TỈNH ĐỒNG NAI -------- | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM --- |\n"
        "| Số: 12/2020/QĐ-UBND | Đồng Nai, ngày 05 tháng 3 năm 2020 |\n"
        "QUYẾT ĐỊNH\nBAN HÀNH QUY ĐỊNH PHÂN CẤP QUẢN LÝ\nỦY BAN NHÂN DÂN TỈNH ĐỒNG NAI\n"
        "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;\n"
    )
    assert extract_text(table).subject.value == "BAN HÀNH QUY ĐỊNH PHÂN CẤP QUẢN LÝ"
    letter = (
        "THỦ TƯỚNG CHÍNH PHỦ | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM |\n"
        "Số: 19/CT-TTg | Hà Nội, ngày 12 tháng 7 năm 2021 |\nCHỈ THỊ\n"
        "Về việc tăng cường công tác phòng cháy\nThời gian qua, công tác phòng cháy có kết quả.\n"
    )
    assert extract_text(letter).subject.value == "tăng cường công tác phòng cháy"


def test_regression_news_lead_names_the_document() -> None:
    text = (
        "Ngày 12/3/2021, Ban Thường vụ Huyện ủy Yên Thế đã ban hành Kế hoạch số 45-KH/HU về tổ "
        "chức các hoạt động kỷ niệm.\nSau đây là toàn văn Kế hoạch:\nKẾ HOẠCH\n"
        "tổ chức các hoạt động kỷ niệm\nI. MỤC ĐÍCH, YÊU CẦU\n1. Các chi bộ tổ chức tuyên truyền.\n"
    )
    v = _values(extract_text(text))
    assert (v["number"], v["date"], v["issuer"]) == ("45-KH/HU", "2021-03-12", "Huyện ủy Yên Thế")
    assert v["subject"] == "tổ chức các hoạt động kỷ niệm" and v["place"] is None


def test_regression_issuer_and_date_merged_on_one_line() -> None:
    # Two columns read as one line: the committee, then the place and date of the right column.
    text = (
        "ĐẢNG BỘ TỈNH NINH BÌNH\n\nĐẢNG CỘNG SẢN VIỆT NAM\n\n"
        "HUYỆN ỦY KIM SƠN Kim Sơn, ngày 07 tháng 5 năm 2021\nSỐ 214 -CV/HU\n"
        "V/v phòng, chống dịch bệnh\n\nKính gửi: Các tổ chức cơ sở đảng.\n"
    )
    v = _values(extract_text(text))
    assert (v["issuer"], v["parent"], v["place"]) == (
        "Huyện ủy Kim Sơn",
        "Tỉnh ủy Ninh Bình",
        "Kim Sơn",
    )
    assert (v["number"], v["date"]) == ("214-CV/HU", "2021-05-07")


def test_regression_a_related_documents_lead_is_not_this_documents() -> None:
    # A headline naming another document above a header that lost its date: its date and
    # issuer are not this document's.
    text = (
        "Trang chủ > Văn bản\nQuyết định số 88/QĐ-UBND ngày 02/01/2020 của UBND tỉnh Nam Định "
        "về việc phê duyệt dự án\n"
        "ỦY BAN NHÂN DÂN\nTỈNH NINH BÌNH\nSố: 17/KH-UBND\nKẾ HOẠCH\nTRIỂN KHAI CÔNG TÁC NĂM 2022\n"
        "Thực hiện Chỉ thị số 05/CT-TTg ngày 01/02/2022 của Thủ tướng Chính phủ, Ủy ban nhân dân "
        "tỉnh ban hành Kế hoạch như sau:\n"
    )
    rec = extract_text(text)
    assert rec.number.value == "17/KH-UBND" and rec.date is None
    assert rec.issuer.name == "Ủy ban nhân dân tỉnh Ninh Bình"


@pytest.mark.parametrize(
    ("text", "subject"),
    [
        # a State header flattened with its title, subject and body on one line
        (
            "ỦY BAN NHÂN DÂN TỈNH NINH BÌNH CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM Độc lập - Tự do - "
            "Hạnh phúc Số: 12/KH-UBND Ninh Bình, ngày 5 tháng 3 năm 2022 KẾ HOẠCH Triển khai công "
            "tác phòng, chống thiên tai năm 2022 Thực hiện Chỉ thị số 05/CT-TTg ngày 01/02/2022 "
            "của Thủ tướng Chính phủ, Ủy ban nhân dân tỉnh ban hành Kế hoạch như sau:\n"
            "I. MỤC ĐÍCH\n",
            "Triển khai công tác phòng, chống thiên tai năm 2022",
        ),
        # a Party header flattened, the body's first sentence on the same line
        (
            "TỈNH ỦY NINH BÌNH * Số 45-CT/TU ĐẢNG CỘNG SẢN VIỆT NAM Ninh Bình, ngày 12 tháng 4 năm "
            "2021 CHỈ THỊ về tăng cường công tác phòng, chống dịch Thời gian qua, công tác phòng, "
            "chống dịch đạt kết quả.\n",
            "về tăng cường công tác phòng, chống dịch",
        ),
        # a V/v line wrapped before "số …" of the document it names
        (
            "HUYỆN ỦY KIM SƠN\n*\nSố 217-CV/HU\nV/v thực hiện Kết luận\nsố 12-KL/TU của Ban "
            "Thường vụ Tỉnh ủy\nĐẢNG CỘNG SẢN VIỆT NAM\nKim Sơn, ngày 12 tháng 4 năm 2021\n"
            "Kính gửi: Các chi bộ\n",
            "thực hiện Kết luận số 12-KL/TU của Ban Thường vụ Tỉnh ủy",
        ),
    ],
)
def test_regression_flattened_headers_and_wrapped_subjects(text: str, subject: str) -> None:
    rec = extract_text(text)
    assert rec.subject is not None and rec.subject.value == subject
    assert rec.number is not None and rec.date is not None and rec.issuer is not None


def test_regression_windows_line_ends_read_like_unix_ones() -> None:
    page = "Đăng nhập\nLượt xem: 12\n" + HEADER.replace("Bình, ngày 05", "Bình, ngày\n05")
    page += "\nVăn bản liên quan\nQuyết định 12/QĐ-UBND\n"
    assert _values(extract_text(page.replace("\n", "\r\n"))) == _values(extract_text(page))


def test_regression_portal_banner_above_the_menus_is_not_the_header() -> None:
    # A district portal's banner names the same body as the letter's header; the menus and a
    # counter under it show it is the page's, not the document's.
    text = (
        "ỦY BAN NHÂN DÂN HUYỆN YÊN THẾ\nTrang chủ\nGiới thiệu\nTin tức - Sự kiện\n"
        "Lượt xem: 245\nỦY BAN NHÂN DÂN\nHUYỆN YÊN THẾ\nSố: 125/UBND-VP\n"
        "V/v tăng cường phòng chống dịch\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
        "Yên Thế, ngày 10 tháng 3 năm 2021\nKính gửi: Các xã, thị trấn\n"
        "Thực hiện chỉ đạo của UBND tỉnh, UBND huyện yêu cầu các xã tăng cường phòng, chống dịch.\n"
    )
    page = read_page(text)
    assert text[page.start :].startswith("ỦY BAN NHÂN DÂN\nHUYỆN YÊN THẾ")
    rec = extract_text(text)
    assert rec.issuer.name == "Ủy ban nhân dân huyện Yên Thế"
    assert text[slice(*rec.issuer.span)].startswith("ỦY BAN NHÂN DÂN\nHUYỆN YÊN THẾ")


def test_regression_news_text_above_a_plan_is_the_pages() -> None:
    # A news item's long first line (no document kind named) above a plan without Kính gửi.
    text = (
        "Huyện ủy Yên Thế triển khai công tác phòng, chống dịch bệnh trong tình hình mới, bảo đảm "
        "an toàn cho nhân dân trên địa bàn huyện trong dịp lễ\n"
        "HUYỆN ỦY YÊN THẾ\n*\nSố 45-KH/HU\nĐẢNG CỘNG SẢN VIỆT NAM\n"
        "Yên Thế, ngày 12 tháng 3 năm 2021\nKẾ HOẠCH\ntăng cường công tác phòng chống dịch\n"
        "Thực hiện chỉ đạo của Ban Thường vụ Tỉnh ủy, Ban Thường vụ Huyện ủy ban hành kế hoạch.\n"
    )
    v = _values(extract_text(text))
    assert (v["number"], v["date"], v["issuer"]) == ("45-KH/HU", "2021-03-12", "Huyện ủy Yên Thế")
    assert v["subject"] == "tăng cường công tác phòng chống dịch"


def test_regression_party_type_codes_and_action_programmes() -> None:
    from chidao.extract.doc_types import doc_type_from_number, doc_type_from_word

    # A Party "TT" is a Thông tri, a State one a Thông tư; an action programme keeps its name.
    assert doc_type_from_number("05-TT/TW") == "Thông tri"
    assert doc_type_from_number("12/2020/TT-BTC") == "Thông tư"
    assert doc_type_from_number("147-CTHĐ/TU") == "Chương trình hành động"
    assert doc_type_from_word("CHƯƠNG TRÌNH HÀNH ĐỘNG") == "Chương trình hành động"
    text = (
        "TỈNH ỦY NINH BÌNH\n*\nSố 147-CTHĐ/TU\nĐẢNG CỘNG SẢN VIỆT NAM\n"
        "Ninh Bình, ngày 12 tháng 4 năm 2021\nCHƯƠNG TRÌNH HÀNH ĐỘNG\n"
        "thực hiện Nghị quyết Đại hội đại biểu Đảng bộ tỉnh\n"
    )
    assert extract_text(text).doc_type.value == "Chương trình hành động"
