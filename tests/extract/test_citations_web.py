"""Citations as web pages and long plans print them: broken number forms, lists, named
documents, sections of legal bases, issuers named relative to the document's own.

Each test is a short synthetic snippet (no corpus text is copied).
"""

from __future__ import annotations

from chidao.extract.clean import clean
from chidao.extract.find_citations import find_citations
from chidao.extract.records import Citation, Organisation
from chidao.extract.resolve import resolve_organisation


def cites(
    text: str, context: Organisation | None = None, own: str | None = None, header: int = 0
) -> list[Citation]:
    c = clean(text)
    return list(find_citations(c, (header, len(c.text)), context, own))


def province(name: str = "Ủy ban nhân dân tỉnh Ninh Bình") -> Organisation:
    org = resolve_organisation(name)
    assert org is not None and org.unit is not None
    return org


def test_number_forms_broken_by_web_copies() -> None:
    text = (
        "Căn cứ nghị quyết số 21 –NQ/BCH ngày 30/12/2015 của Ban Chấp hành Đảng bộ xã; "
        "Nghị quyết số 30c/NQCP ngày 08 tháng 11 năm 2011 của Chính phủ; "
        "Xét công văn số 1471/TM-VPngày 18 tháng 9 năm 2010 của Bộ Quốc phòng; "
        "Thực hiện Nghị quyết số 37-NQ/TW NQ/TW ngày 24/12/2018 của Bộ Chính trị; "
        "Quyết định số 24/2021/QĐ-TTg ngày 16/7/20 21 của Thủ tướng Chính phủ."
    )
    found = cites(text)
    assert [(c.number, c.date) for c in found] == [
        ("21–NQ/BCH", "2015-12-30"),
        ("30c/NQCP", "2011-11-08"),
        ("1471/TM-VP", "2010-09-18"),
        ("37-NQ/TW", "2018-12-24"),
        ("24/2021/QĐ-TTg", "2021-07-16"),
    ]
    assert found[3].issuer is not None and found[3].issuer.name == "Bộ Chính trị"
    assert found[3].surface.startswith("Nghị quyết số 37-NQ/TW NQ/TW ngày 24/12/2018")


def test_programmes_and_action_programmes_are_document_types() -> None:
    text = (
        "Thực hiện Chương trình hành động số 47-CTHĐ/TU ngày 09/5/2019 của Ban Thường vụ Tỉnh "
        "ủy và Chương trình số 06-CTr/TU ngày 17/3/2021 của Tỉnh ủy."
    )
    found = cites(text, province())
    assert [(c.doc_type, c.number) for c in found] == [
        ("Chương trình hành động", "47-CTHĐ/TU"),
        ("Chương trình", "06-CTr/TU"),
    ]
    assert {c.issuer.name for c in found if c.issuer} == {"Tỉnh ủy Ninh Bình"}


def test_a_list_that_names_its_type_once() -> None:
    text = (
        "Thực hiện chỉ đạo của UBND tỉnh tại các văn bản: số 401/UBND-VX ngày 15/6/2021, số "
        "171/UBND-VX ngày 23/02/2022 và số 461/UBND-VX ngày 30/6/2022 về công tác tham mưu, các "
        "cơ quan đã có nhiều chuyển biến."
    )
    found = cites(text, province())
    assert [(c.number, c.doc_type, c.relation) for c in found] == [
        ("401/UBND-VX", "Công văn", "implements"),
        ("171/UBND-VX", "Công văn", "implements"),
        ("461/UBND-VX", "Công văn", "implements"),
    ]
    assert found[2].surface == "số 461/UBND-VX ngày 30/6/2022"


def test_own_number_of_another_year_is_another_document() -> None:
    header = "Số: 07/CT-UBND\nNinh Bình, ngày 26 tháng 4 năm 2023\nCHỈ THỊ\n"
    body = "Thực hiện Chỉ thị số 07/CT-UBND ngày 31/5/2021 của UBND tỉnh về kỷ cương hành chính."
    found = cites(header + body, province(), own="07/CT-UBND", header=len(header))
    assert [(c.number, c.date) for c in found] == [("07/CT-UBND", "2021-05-31")]
    # the document's own number in its own year is no citation
    same = "Kèm theo Chỉ thị số 07/CT-UBND ngày 26/4/2023 của UBND tỉnh."
    assert cites(header + same, province(), own="07/CT-UBND", header=len(header)) == []


def test_named_documents_statute_congress_and_plenum() -> None:
    text = (
        "Căn cứ Điều lệ Đảng; căn cứ Nghị quyết Đại hội Đảng bộ xã Yên Mạc nhiệm kỳ 2020-2025; "
        "thực hiện Nghị quyết Đại hội XIII của Đảng và Kết luận Hội nghị lần thứ tư Ban Chấp hành "
        "Trung ương Đảng khóa XIII; các Nghị quyết Đại hội Đảng các cấp."
    )
    found = cites(text)
    assert [(c.doc_type, c.issuer.name if c.issuer else None, c.relation) for c in found] == [
        ("Điều lệ", "Đảng Cộng sản Việt Nam", "based_on"),
        ("Nghị quyết", "Đảng bộ xã Yên Mạc", "based_on"),
        ("Nghị quyết", "Đại hội đại biểu toàn quốc lần thứ XIII của Đảng", "implements"),
        ("Kết luận", "Ban Chấp hành Trung ương Đảng", "implements"),
    ]


def test_congress_of_the_issuers_own_party_organisation() -> None:
    text = "Thực hiện Nghị quyết Đại hội đại biểu lần thứ XX Đảng bộ tỉnh, các cấp đã nỗ lực."
    found = cites(text, province())
    assert len(found) == 1
    assert found[0].issuer is not None and found[0].issuer.name == "Đảng bộ tỉnh Ninh Bình"


def test_issuers_named_relative_to_the_document() -> None:
    city = province("Ủy ban nhân dân thành phố Hà Nội")
    text = (
        "Thực hiện Kế hoạch số 176/KH-UBND ngày 30/7/2021 của Ủy ban nhân dân Thành phố; "
        "Nghị quyết số 05-NQ/TU ngày 17/6/2021 của Ban Chấp hành Đảng bộ Thành phố; "
        "Hướng dẫn số 44/HD-SNN ngày 09/10/2015 của Sở NN & PTNT; "
        "Xét Tờ trình số 124/TTr-SCT ngày 28/12/2017 của Sở Công Thương; "
        "Nghị quyết số 04-NQ/TU ngày 18/10/2021 của Hội nghị Thành ủy lần thứ 5 Khoá XX."
    )
    names = [c.issuer.name if c.issuer else None for c in cites(text, city)]
    assert names == [
        "Ủy ban nhân dân thành phố Hà Nội",
        "Thành ủy Hà Nội",
        "Sở Nông nghiệp và Phát triển nông thôn thành phố Hà Nội",
        "Sở Công Thương thành phố Hà Nội",
        "Thành ủy Hà Nội",
    ]


def test_issuer_cut_or_garbled_gives_way_to_the_numbers_code() -> None:
    text = (
        "Căn cứ Thông tư số 41/2013/TT-BNNPTNT ngày 04/10/2013 của Bộ nông nghiệp và phát triển "
        "nông thôn; Quyết định số 64/QĐ-BGTVT ngày 22/01/2024 của Bộ Giao thông vận tải."
    )
    names = [c.issuer.name if c.issuer else None for c in cites(text)]
    assert names == ["Bộ Nông nghiệp và Phát triển nông thôn", "Bộ Giao thông vận tải"]


def test_a_lower_case_word_is_no_place() -> None:
    city = province("Ủy ban nhân dân thành phố Hà Nội")
    found = cites("Thực hiện Kế hoạch số 106/KH-UBND ngày 12/9/2011 của UBND thành phHà Nội.", city)
    assert (
        found[0].issuer is None
        or found[0].issuer.unit is None
        or (found[0].issuer.name == "Ủy ban nhân dân thành phố Hà Nội")
    )


def test_a_portal_name_is_no_law() -> None:
    text = "Để sử dụng tiện ích của Hệ Thống Pháp Luật vui lòng đăng ký. Căn cứ Luật Đầu tư."
    assert [c.surface for c in cites(text)] == ["Luật Đầu tư"]


def test_items_under_a_heading_of_legal_bases_are_based_on() -> None:
    text = (
        "I. CĂN CỨ XÂY DỰNG KẾ HOẠCH\n"
        "1. Quyết định số 924/QĐ-TTg ngày 22/8/2022 của Thủ tướng Chính phủ phê duyệt Chương "
        "trình chuyển đổi số, hướng dẫn một số nội dung thực hiện Chương trình.\n"
        "2. Nghị quyết số 05-NQ/TU ngày 17/6/2021 của Tỉnh ủy về nông thôn mới.\n"
        "II. MỤC ĐÍCH, YÊU CẦU\n"
        "- Triển khai Kế hoạch số 370/KH-UBND ngày 08/12/2021 của UBND tỉnh.\n"
    )
    found = cites(text, province())
    assert [(c.number, c.relation) for c in found] == [
        ("924/QĐ-TTg", "based_on"),
        ("05-NQ/TU", "based_on"),
        ("370/KH-UBND", "implements"),
    ]


def test_the_object_of_an_implemented_document_is_only_cited() -> None:
    text = (
        "Thực hiện Kết luận số 01-KL/TW ngày 18/5/2021 của Bộ Chính trị về tiếp tục thực hiện "
        "Chỉ thị số 05-CT/TW về học tập và làm theo tư tưởng Hồ Chí Minh; "
        "Quyết định số 64/QĐ-BGTVT ngày 22/01/2024 của Bộ Giao thông vận tải ban hành Kế hoạch "
        "triển khai Chỉ thị số 31/CT-TTg ngày 21/12/2023 của Thủ tướng Chính phủ."
    )
    found = cites(text)
    assert [(c.number, c.relation) for c in found] == [
        ("01-KL/TW", "implements"),
        ("05-CT/TW", "cites"),
        ("64/QĐ-BGTVT", "implements"),
        ("31/CT-TTg", "cites"),
    ]


def test_on_the_basis_of_a_plan_is_based_on() -> None:
    found = cites("Trên cơ sở Kế hoạch số 613/KH-UBND ngày 16/9/2022 của UBND tỉnh, Sở Nội vụ …")
    assert [c.relation for c in found] == ["based_on"]
    # not when something else stands between: "Trên cơ sở danh sách … tại Quyết định …"
    found = cites("Trên cơ sở danh sách doanh nghiệp đã phê duyệt tại Quyết định số 1774/QĐ-TCT.")
    assert [c.relation for c in found] != ["based_on"]


def test_amendments_made_elsewhere_are_only_cited() -> None:
    # this document amends
    assert [c.relation for c in cites("Điều 1. Sửa đổi, bổ sung Thông tư số 38/2015/TT-BTC.")] == [
        "amends"
    ]
    assert [
        c.relation for c in cites("Quyết định này sửa đổi, bổ sung Quyết định số 12/QĐ-UBND.")
    ] == ["amends"]
    # a letter that describes amendments another document made
    found = cites(
        "Các nội dung sửa đổi, bổ sung Thông tư số 156/2013/TT-BTC được hướng dẫn như sau."
    )
    assert [c.relation for c in found] == ["cites"]
    found = cites(
        "Ngày 15/8/2020, Bộ Tài chính ban hành Thông tư số 65/2020/TT-BTC đã sửa đổi, bổ sung "
        "Thông tư số 156/2013/TT-BTC."
    )
    assert [(c.number, c.relation) for c in found] == [
        ("65/2020/TT-BTC", "cites"),
        ("156/2013/TT-BTC", "cites"),
    ]


def test_repeals_where_this_document_repeals() -> None:
    found = cites("Điều 2. Bãi bỏ Quyết định số 12/2015/QĐ-UBND ngày 01/6/2015 của UBND tỉnh.")
    assert [c.relation for c in found] == ["repeals"]
    found = cites(
        "Quyết định này có hiệu lực kể từ ngày ký. Quyết định số 14/2016/QĐ-UBND ngày 02/3/2016 "
        "của UBND tỉnh hết hiệu lực kể từ ngày Quyết định này có hiệu lực thi hành."
    )
    assert [c.relation for c in found] == ["repeals"]
    # a repeal reported, not done here
    found = cites("Thông tư số 12/2016/TT-BTC đã hết hiệu lực; thực hiện theo quy định mới.")
    assert [c.relation for c in found] == ["cites"]
    found = cites("Nghị định số 126/2020/NĐ-CP bãi bỏ Nghị định số 83/2013/NĐ-CP.")
    assert [c.relation for c in found] == ["cites", "cites"]
    # "thay thế" stays replaces
    found = cites("Công văn này thay thế Công văn số 19/TCT-CS ngày 03/01/2021.")
    assert [c.relation for c in found] == ["replaces"]


def test_a_letter_presenting_a_circular_does_not_amend_what_it_amended() -> None:
    text = (
        "Bộ Tài chính đã ban hành Thông tư số 119/2014/TT-BTC. Một số nội dung mới như sau:\n"
        "1. Sửa đổi, bổ sung khoản 8 Điều 11 Thông tư số 156/2013/TT-BTC như sau:\n"
        "- Bãi bỏ nội dung tại khoản 12 Điều 11 Thông tư số 157/2013/TT-BTC.\n"
    )
    found = cites(text, own="3609/TCT-CS")
    assert [(c.number, c.relation) for c in found] == [
        ("119/2014/TT-BTC", "cites"),
        ("156/2013/TT-BTC", "cites"),
        ("157/2013/TT-BTC", "cites"),
    ]
    # the same articles in a decision are its own acts
    found = cites(text.replace("Thông tư số 119/2014/TT-BTC", "nó"), own="12/2014/QĐ-UBND")
    assert [(c.number, c.relation) for c in found] == [
        ("156/2013/TT-BTC", "amends"),
        ("157/2013/TT-BTC", "repeals"),
    ]


def test_cut_document_lists_no_mention_cut_before_its_end() -> None:
    text = (
        "Căn cứ Nghị quyết số 58-NQ/TW ngày 05/8/2020 của Bộ Chính trị về; Căn cứ Điều lệ Đảng "
        "và Quy định số 24-QĐ/TW, ng"
    )
    assert [c.number for c in cites(text)] == ["58-NQ/TW", None]
    assert [c.number for c in cites("Căn cứ Quyết định số 5313/QĐ-")] == []
    # the same mention in a finished sentence is listed
    assert [c.number for c in cites("Căn cứ Quy định số 24-QĐ/TW của Bộ Chính trị.")] == [
        "24-QĐ/TW"
    ]


def test_codes_in_numbers_name_departments_and_glued_codes_are_read() -> None:
    city = province("Ủy ban nhân dân thành phố Hải Phòng")
    found = cites(
        "Xét đề nghị của Giám đốc Sở Nội vụ tại Tờ trình số 1494/TTr-SNV ngày 28/6/2018 và Công "
        "văn số 2231/SNV-CCHC&PC ngày 28/9/2018; căn cứ Quyết định 491/QĐTTg.",
        city,
    )
    assert [c.issuer.name if c.issuer else None for c in found] == [
        "Sở Nội vụ thành phố Hải Phòng",
        "Sở Nội vụ thành phố Hải Phòng",
        "Thủ tướng Chính phủ",
    ]


def test_a_date_in_words_opening_the_sentence_dates_the_mention() -> None:
    found = cites("Ngày 22 tháng 12 năm 2017, Ban Bí thư ban hành Chỉ thị số 16-CT/TW về Tết.")
    assert [(c.number, c.date) for c in found] == [("16-CT/TW", "2017-12-22")]


def test_a_title_that_carries_a_document_out_makes_it_implemented() -> None:
    header = (
        "KẾ HOẠCH\nTRIỂN KHAI THỰC HIỆN CHỈ THỊ SỐ 09-CT/TU CỦA BAN THƯỜNG VỤ TỈNH ỦY VÀ "
        "BAN HÀNH KẾ HOẠCH TRIỂN KHAI CHỈ THỊ SỐ 31/CT-TTG\n"
    )
    body = (
        "I. CĂN CỨ\n"
        "1. Chỉ thị số 09-CT/TU ngày 05/01/2024 của Ban Thường vụ Tỉnh ủy;\n"
        "2. Kế hoạch số 12/KH-BCĐ ngày 10/01/2024 của Ban Chỉ đạo phòng, chống thiên tai tỉnh;\n"
        "3. Chỉ thị số 31/CT-TTg ngày 21/12/2023 của Thủ tướng Chính phủ.\n"
        "II. MỤC ĐÍCH\n"
    )
    found = cites(header + body, province(), header=len(header))
    assert [(c.number, c.relation) for c in found] == [
        ("09-CT/TU", "implements"),
        ("12/KH-BCĐ", "based_on"),
        ("31/CT-TTg", "based_on"),
    ]
    assert found[1].issuer is not None
    assert found[1].issuer.name.startswith("Ban Chỉ đạo phòng, chống thiên tai")


def test_a_list_goes_on_past_a_mention_inside_a_title() -> None:
    text = (
        "Thực hiện Luật Hộ tịch năm 2014, Nghị định số 123/2015/NĐ-CP ngày 15/11/2015 của Chính "
        "phủ quy định chi tiết một số điều của Luật Hộ tịch và Quyết định số 101/QĐ-TTg ngày "
        "23/01/2017 của Thủ tướng Chính phủ; Ủy ban nhân dân tỉnh ban hành Kế hoạch."
    )
    found = cites(text)
    assert [(c.number, c.relation) for c in found] == [
        (None, "implements"),
        ("123/2015/NĐ-CP", "implements"),
        ("101/QĐ-TTg", "implements"),
    ]


def test_a_law_title_with_a_comma_keeps_its_date() -> None:
    found = cites("Căn cứ Luật Cán bộ, công chức ngày 13 tháng 11 năm 2008;")
    assert [(c.doc_type, c.date, c.relation) for c in found] == [("Luật", "2008-11-13", "based_on")]


def test_party_agencies_named_by_their_numbers_code() -> None:
    commune = resolve_organisation("Đảng ủy xã La Bằng", province_hint="Thái Nguyên")
    assert commune is not None
    found = cites(
        "Thực hiện Hướng dẫn số 16-HD/BTGHU ngày 12/12/2021 về học tập; Thông báo số 5-TB/VPTU "
        "ngày 01/2/2022 về lịch làm việc; Hướng dẫn số 20-HD/BTCTW ngày 05/3/2008.",
        commune,
    )
    assert [c.issuer.name if c.issuer else None for c in found] == [
        "Ban Tuyên giáo Huyện ủy Đại Từ",
        "Văn phòng Tỉnh ủy Thái Nguyên",
        "Ban Tổ chức Trung ương",
    ]
    # a State number's "BTC" is the Ministry of Finance
    (circular,) = cites("Căn cứ Thông tư số 80/2021/TT-BTC ngày 29/9/2021.")
    assert circular.issuer is not None and circular.issuer.name == "Bộ Tài chính"
