"""Stage *find*, citations: other documents mentioned, with their relation word."""

from __future__ import annotations

import doctest
import importlib

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from chidao.extract.clean import clean
from chidao.extract.find_citations import find_citations, number_key
from chidao.extract.issuer_codes import issuer_from_number
from chidao.extract.records import Citation, Organisation
from chidao.extract.relations import classify, sentence_start
from chidao.extract.resolve import resolve_organisation

KIEN_XUONG = resolve_organisation("Huyện ủy Kiến Xương")


def cites(text: str, context: Organisation | None = None, own: str | None = None):
    c = clean(text)
    return c, find_citations(c, (0, len(c.text)), context, own)


def one(text: str, context: Organisation | None = None, own: str | None = None) -> Citation:
    _, found = cites(text, context, own)
    assert len(found) == 1, found
    return found[0]


def test_party_number_relative_issuer_resolved() -> None:
    # Seed 003: "của Ban Thường vụ Tỉnh ủy" in a district letter of Thái Bình.
    c = one(
        "thực hiện ý kiến chỉ đạo tại Thông báo kết luận số 135-TB/TU ngày 06/5/2021 "
        "của Ban Thường vụ Tỉnh ủy; để kịp thời ngăn chặn",
        KIEN_XUONG,
    )
    assert (c.doc_type, c.number, c.date, c.year) == ("Thông báo", "135-TB/TU", "2021-05-06", 2021)
    assert c.issuer is not None and c.issuer.name == "Tỉnh ủy Thái Bình"
    assert c.relation == "implements"
    assert c.surface.startswith("Thông báo kết luận số 135-TB/TU")
    assert c.surface.endswith("Ban Thường vụ Tỉnh ủy")


def test_list_after_one_relation_word_shares_it() -> None:
    # Seed 003: the Công điện follows the Thông báo after "và", under the same "thực hiện".
    _, found = cites(
        "thực hiện ý kiến chỉ đạo tại Thông báo kết luận số 135-TB/TU ngày 06/5/2021 của Ban "
        "Thường vụ Tỉnh ủy và Công điện khẩn số 05/CĐ-UBND, ngày 05/5/2021 của Ủy ban nhân dân "
        "Tỉnh; để kịp thời",
        KIEN_XUONG,
    )
    assert [c.number for c in found] == ["135-TB/TU", "05/CĐ-UBND"]
    assert found[0].issuer.name == "Tỉnh ủy Thái Bình"  # not "Tỉnh ủy và Công điện khẩn"
    assert found[1].issuer.name == "Ủy ban nhân dân tỉnh Thái Bình"
    assert found[1].doc_type == "Công điện" and found[1].date == "2021-05-05"
    assert {c.relation for c in found} == {"implements"}


def test_state_number_with_long_date_and_theo() -> None:
    # Seed 002: "triển khai … theo Nghị quyết số 68/NQ-CP ngày 01 tháng 7 năm 2021 của Chính phủ".
    c = one(
        "Tập trung triển khai các chính sách hỗ trợ người lao động theo Nghị quyết số 68/NQ-CP "
        "ngày 01 tháng 7 năm 2021 của Chính phủ đảm bảo kịp thời, đúng đối tượng."
    )
    assert (c.number, c.date, c.relation) == ("68/NQ-CP", "2021-07-01", "implements")
    assert c.issuer.name == "Chính phủ"
    assert c.trigger is not None and c.trigger.value == "Triển khai"


def test_issuer_from_the_number_when_none_is_printed() -> None:
    # Corpus 020: "Nghị định số 123/2020/NĐ-CP" in an appendix, no "của".
    c = one("- Doanh nghiệp sử dụng hóa đơn điện tử theo Nghị định số 123/2020/NĐ-CP.")
    assert c.issuer is not None and c.issuer.name == "Chính phủ"
    assert c.year == 2020
    assert c.relation == "cites"  # describes, does not direct
    assert issuer_from_number("38/2015/TT-BTC") == "Bộ Tài chính"


def test_based_on_and_position_before_issuer() -> None:
    # Corpus 055: "Căn cứ khoản c điểm 1 Điều 86 Thông tư số 38/2015/TT-BTC …".
    c = one(
        "Căn cứ khoản c điểm 1 Điều 86 Thông tư số 38/2015/TT-BTC ngày 25/3/2015 của Bộ Tài chính."
    )
    assert (c.relation, c.issuer.name, c.date) == ("based_on", "Bộ Tài chính", "2015-03-25")
    c = one("theo Quyết định số 1796/QĐ-BTC ngày 11/9/2017 của Bộ trưởng Bộ Tài chính về việc")
    assert c.issuer.name == "Bộ Tài chính"


def test_law_without_number_and_numbered_law_merged() -> None:
    # Corpus 012: "Luật Quản lý thuế" and later "Luật Quản lý thuế số 38/2019/QH14" are one law.
    _, found = cites(
        "thực hiện đúng quy định của Luật Quản lý thuế, Luật Thanh tra, Quy trình thanh tra thuế. "
        "Đảm bảo theo đúng quy định tại khoản 1, Điều 77, Luật Quản lý thuế số\n38/2019/QH14."
    )
    assert [(c.doc_type, c.number) for c in found] == [
        ("Luật", "38/2019/QH14"),
        ("Luật", None),
    ] or [(c.doc_type, c.number) for c in found] == [("Luật", None), ("Luật", "38/2019/QH14")]
    assert {c.issuer.name for c in found} == {"Quốc hội"}
    assert any(c.surface == "Luật Thanh tra" for c in found)


def test_common_noun_luat_is_no_citation() -> None:
    _, found = cites("xử lý theo quy định của pháp luật, không chờ đến khi kết thúc.")
    assert found == ()


def test_own_number_attachment_and_generic_plurals_left_out() -> None:
    # Corpus 020's appendix line names the letter itself; seed 002 names documents generically.
    text = (
        "Tiếp tục phổ biến, quán triệt và thực hiện nghiêm túc các văn bản của Bộ Chính trị.\n"
        "Kèm theo Công văn số 1873/TCT-TTKT ngày 01/6/2022 về việc tăng cường.\n"
        "Công văn số 1873/TCT-TTKT nêu rõ."
    )
    _, found = cites(text, own="1873/TCT-TTKT")
    assert found == ()
    _, found = cites("Kèm theo Công văn số 315 /BNG-LS", own=None)
    assert found == ()


def test_same_document_listed_once_with_strongest_relation() -> None:
    # Corpus 013: first "đã ban hành Công văn số 997" (cites), then "theo chỉ đạo tại …".
    _, found = cites(
        "Tổng cục Thuế đã ban hành Công văn số 997/TCT-TTKT ngày 4/4/2022 về việc tăng cường. "
        "Báo cáo tình hình theo chỉ đạo tại Công văn số 997/TCT-TTKT ngày 4/4/2022 của Tổng "
        "cục Thuế còn tồn tại."
    )
    assert len(found) == 1
    assert found[0].relation == "implements"
    assert found[0].issuer.name == "Tổng cục Thuế"


def test_replaces_only_when_this_document_replaces() -> None:
    # Corpus 022 vs 023.
    c = one("Yêu cầu định kỳ báo cáo tại Công văn này thay thế cho Công văn 1948/TCT-TTKT.")
    assert c.relation == "replaces"
    c = one("Quy chế mới thay thế Quy chế phối hợp công tác số 5423/QCPH-BHXH-TCT.")
    assert c.relation == "cites"


def test_amends_but_not_a_future_amending_decree() -> None:
    c = one("Sửa đổi, bổ sung Thông tư số 38/2015/TT-BTC như sau:")
    assert c.relation == "amends"
    # Corpus 001: the Công điện asks for a decree that will amend ND 123; it amends nothing.
    c = one(
        "Khẩn trương trình Chính phủ ban hành Nghị định sửa đổi, bổ sung Nghị định số "
        "123/2020/NĐ-CP."
    )
    assert c.relation == "cites"


def test_spans_point_into_the_original() -> None:
    original = "**Thực hiện Kết luận số 125-KL/TU, ngày 05/9/2021 của Ban Thường vụ Tỉnh ủy**"
    c, found = cites(original)
    (cit,) = found
    s, e = cit.span
    assert original[s:e].startswith("Kết luận số 125-KL/TU")
    assert original[slice(*cit.trigger.span)] == "Thực hiện"
    assert original[slice(*cit.issuer.span)] == "Ban Thường vụ Tỉnh ủy"


def test_number_forms() -> None:
    assert number_key("889/CD- -TTg") == number_key("889/CD-TTg")
    _, found = cites("Công điện số 889/CD- -TTg ngày 01 tháng 10 năm 2022 của Thủ tướng Chính phủ")
    assert found[0].number == "889/CD--TTg"
    assert found[0].issuer.name == "Thủ tướng Chính phủ"


# --- regressions ---------------------------------------------------------------------------


def test_regression_issuer_stops_at_lower_case_words_not_at_ta_i_chinh() -> None:
    # "tài" folds to "tai" (tại): the issuer was cut to "Bộ".
    c = one("Thông tư số 111/2013/TT-BTC ngày 15/8/2013 của Bộ Tài chính hướng dẫn thi hành")
    assert c.issuer.printed == "Bộ Tài chính"


def test_regression_type_word_split_by_a_line_break() -> None:
    # Corpus 008: "theo quy định tại Nghị\nđịnh số 143/2018/NĐ-CP" was typed "Quy định".
    c = one(
        "theo quy định tại Nghị\nđịnh số 143/2018/NĐ-CP ngày 15 tháng 10 năm 2018 của Chính phủ"
    )
    assert (c.doc_type, c.number) == ("Nghị định", "143/2018/NĐ-CP")


def test_regression_bare_single_digit_after_so_is_no_number() -> None:
    # Corpus 008: OCR "Nghị định so 2 11/201 6/ND- CP" gave a citation numbered "2".
    _, found = cites("tại khoản 1 Điều 2 Nghị định so 2 11/201 6/ND- CP thì")
    assert all(c.number != "2" for c in found)


def test_regression_ocr_one_read_as_i_merges() -> None:
    # Corpus 025: "954/2020/UBTVQHI4" and "954/2020/UBTVQH14" are one resolution.
    _, found = cites(
        "theo Nghị quyết số 954/2020/UBTVQHI4 ngày 02/06/2020. Nội dung Nghị quyết số "
        "954/2020/UBTVQH14 ngày 02/06/2020. Áp dụng Nghị quyết số 954/2020/UBTVQH14."
    )
    assert [c.number for c in found] == ["954/2020/UBTVQH14"]


def test_regression_date_opening_the_sentence() -> None:
    # Corpus 060: "Ngày 17/10/2022, Tổng cục Hải quan ban hành công văn số 4357/TCHQ-GSQL".
    c = one("Ngày 17/10/2022, Tổng cục Hải quan ban hành công văn số 4357/TCHQ-\nGSQL về việc")
    assert c.date == "2022-10-17" and c.number == "4357/TCHQ-GSQL"


def test_relation_helpers() -> None:
    text = "Xong. Thực hiện Kết luận"
    assert sentence_start(text, 16) == 6
    f = "vuong mac trong thuc hien "
    assert classify(f, 0, 0, len(f)).name == "cites"


@pytest.mark.parametrize(
    "module",
    [
        "chidao.extract.find_citations",
        "chidao.extract.relations",
        "chidao.extract.issuer_codes",
    ],
)
def test_doctests(module: str) -> None:
    result = doctest.testmod(importlib.import_module(module))
    assert result.failed == 0 and result.attempted > 0


def test_regression_relation_not_shared_without_a_list_join() -> None:
    # Corpus 043: "… Công văn 1691 … của Văn phòng Chính phủ về việc áp dụng … Chỉ thị số 16"
    # took 1691's relation although nothing joins the two mentions.
    _, found = cites(
        "Thực hiện công văn số 1691/VPCP-KGVX ngày 7 tháng 7 năm 2021 của Văn phòng Chính phủ về "
        "việc áp dụng biện pháp trong thời gian Chỉ thị số 16/CT-TTg ngày 31/3/2020 còn hiệu lực."
    )
    assert [(c.number, c.relation) for c in found] == [
        ("1691/VPCP-KGVX", "implements"),
        ("16/CT-TTg", "cites"),
    ]


def test_regression_relation_word_split_by_line_break() -> None:
    # Corpus 061: "thực\nhiện … theo khoản 1 Điều 30 Nghị định số 82/2018/NĐ-CP".
    c = one(
        "Tổng cục Hải quan hướng dẫn Cục Hải quan các tỉnh thực\nhiện xác nhận theo khoản 1 "
        "Điều 30 Nghị định số 82/2018/NĐ-CP ngày 22/5/2018 của Chính phủ như sau:"
    )
    assert c.relation == "implements"


def test_regression_long_qualifier_before_number() -> None:
    # Corpus 023: nine words between "Quy chế" and "số".
    c = one(
        "Bảo hiểm xã hội Việt Nam ký Quy chế chia sẻ dữ liệu và phối\nhợp công tác sô "
        "1999/QCPH-BHXH-TCT (sau đây gọi tắt là Quy chế)"
    )
    assert (c.doc_type, c.number) == ("Quy chế", "1999/QCPH-BHXH-TCT")


def test_regression_company_resolved_to_the_addressee() -> None:
    # Corpus 044: "Trả lời văn bản số 0001/2018/CV … của Công ty" in a reply to that company.
    _, found = cites(
        "Kính gửi: Công Ty TNHH Nhân Sự Phần Mềm Việt\n\n"
        "Trả lời văn bản số 0001/2018/CV ngày 24/04/2019 của Công ty vé thuế thu nhập cá nhân."
    )
    assert found[0].issuer.name == "Công Ty TNHH Nhân Sự Phần Mềm Việt"
    assert found[0].doc_type == "Công văn" and found[0].relation == "cites"


def test_regression_form_code_is_no_document() -> None:
    # Corpus 021: "thông báo theo mẫu 01-1/LPTB" is a form.
    _, found = cites("cơ quan thuế ra thông báo theo mẫu 01-1/LPTB ban hành kèm theo")
    assert found == ()


def test_unnumbered_mention_only_when_no_numbered_one() -> None:
    # Seed 004: the subject's "Kết luận của Ban Thường vụ Tỉnh ủy" is 125-KL/TU.
    ctx = resolve_organisation("Huyện ủy Sông Hinh")
    _, found = cites(
        "V/v triển khai, thực hiện Kết luận của Ban Thường vụ Tỉnh ủy\n\n"
        "Thực hiện Kết luận số 125-KL/TU, ngày 05/9/2021 của Ban Thường vụ Tỉnh ủy; Để triển "
        "khai thực hiện nghiêm túc Kết luận của Ban Thường vụ Tỉnh ủy, Ban Thường vụ yêu cầu:",
        ctx,
    )
    assert [c.number for c in found] == ["125-KL/TU"]
    c = one("Thực hiện Kết luận của Ban Thường vụ Tỉnh ủy tại Hội nghị lần thứ 5,", ctx)
    assert (c.number, c.doc_type, c.relation) == (None, "Kết luận", "implements")
    assert c.issuer.name == "Tỉnh ủy Phú Yên"


def test_unnumbered_self_reference_and_plurals_left_out() -> None:
    # Corpus 004 (a Nghị quyết of the Government): "triển khai Nghị quyết của Chính phủ".
    gov = resolve_organisation("Chính phủ")
    _, found = cites("địa phương triển khai Nghị quyết của Chính phủ.", gov, own="416/NQ-CP")
    assert found == ()
    _, found = cites("thực hiện nghiêm túc các Nghị quyết của Trung ương.")
    assert found == ()


def test_law_title_runs_to_its_date() -> None:
    # A Căn cứ clause of a decision: the title ends where the date begins.
    c = one("Căn cứ Luật Ban hành văn bản quy phạm pháp luật ngày 22 tháng 6 năm 2015;")
    assert c.surface == "Luật Ban hành văn bản quy phạm pháp luật ngày 22 tháng 6 năm 2015"
    assert (c.date, c.relation, c.issuer.name, c.number) == (
        "2015-06-22",
        "based_on",
        "Quốc hội",
        None,
    )


_PIECES = [
    "Thực hiện ",
    "Căn cứ ",
    "Nghị quyết số 68/NQ-CP ",
    "ngày 01/7/2021 ",
    "của Chính phủ",
    "Luật Quản lý thuế",
    ", ",
    "; ",
    ".\n\n",
    "1. ",
    "- ",
    "Giao Ban Tuyên giáo Huyện ủy chủ trì",
    "đề nghị các Cục Thuế ",
    "“",
    "”",
    ":",
    "\n",
]


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=25), st.text(max_size=20))
def test_finders_never_fail_and_spans_stay_inside(pieces: list[str], noise: str) -> None:
    from chidao.extract.find_tasks import find_tasks

    text = "".join(pieces) + noise
    c = clean(text)
    body = (0, len(c.text))
    for cit in find_citations(c, body, None, None):
        assert 0 <= cit.span[0] <= cit.span[1] <= len(text)
        assert cit.relation in ("implements", "based_on", "amends", "replaces", "cites")
    for task in find_tasks(c, body, None):
        assert 0 <= task.span[0] <= task.span[1] <= len(text)
        assert task.assignee is not None
        a, b = task.assignee.span
        assert 0 <= a <= b <= len(text)


def test_regression_rel_boundary_needs_an_upper_case_letter() -> None:
    # Bug: REL_BOUNDARY's class "[A-ZĐÀ-Ỹ]" also held lower-case letters ("đ", "ở", "ư"), so
    # "v.v. được" ended the sentence and cut "Căn cứ" off from the mention it governs.
    from chidao.extract import regexes as rx

    text = (
        "Căn cứ Luật Quản lý thuế, các nghị định, thông tư v.v. được hướng dẫn tại "
        "Thông tư số 80/2021/TT-BTC ngày 29/9/2021 của Bộ Tài chính"
    )
    assert sentence_start(text, text.index("Thông tư số")) == 0
    assert rx.REL_BOUNDARY.search("năm 2021. Ủy ban") and rx.REL_BOUNDARY.search("x. Đề nghị")
    for lower in "đởưàỹ":
        assert rx.REL_BOUNDARY.search(f"v.v. {lower}x") is None
        assert rx.TASK_SENTENCE_END.search(f"v.v. {lower}x") is None
    assert rx.SUBJECT_VA.match("VÀ ủy quyền") and not rx.SUBJECT_VA.match("VÀ ỦY BAN")


def test_regression_subject_issuer_stops_before_the_motto() -> None:
    # Bug: a V/v line followed directly by the motto (no blank line, as DOCX conversion of a
    # two-column header leaves it) ran the issuer on: "Thủ tướng Chính phủ CỘNG HÒA XÃ HỘI …".
    text = (
        "ỦY BAN NHÂN DÂN\nTỈNH QUẢNG TRỊ\nSố: 1234/UBND-VX\n"
        "V/v triển khai Chỉ thị số 19/CT-TTg ngày 24/7/2022 của Thủ tướng Chính phủ\n"
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n"
        "Quảng Trị, ngày 02 tháng 8 năm 2022\n\nKính gửi: Các sở, ban, ngành cấp tỉnh.\n"
    )
    c = one(text)
    assert c.number == "19/CT-TTg" and c.issuer is not None
    assert c.issuer.name == "Thủ tướng Chính phủ"
    assert c.issuer.printed == "Thủ tướng Chính phủ"


@pytest.mark.parametrize(
    ("text", "issuer"),
    [
        # Corpus 052: the title after the issuer is capitalised.
        (
            "Tại Điểm 5, Mục V Phần C Thông tư số 130/2008/TT-BTC ngày 26/12/2008 của Bộ Tài "
            "chính Hướng dẫn thi hành một số điều của Luật thuế thu nhập doanh nghiệp.",
            "Bộ Tài chính",
        ),
        # Corpus 068: the next line goes on in lower case.
        (
            "theo qui định của Nghị định số 119/2018/NĐ-CP ngày 12/9/2018 của Chính phủ\n"
            "qui định về hóa đơn điện tử khi bán hàng hóa, cung cap dịch vụ.",
            "Chính phủ",
        ),
        # A joint circular keeps both bodies.
        (
            "Thông tư liên tịch số 85/2016/TTLT-BTC-BCA ngày 20/6/2016 của Bộ Tài chính - "
            "Bộ Công an quy định",
            "Bộ Tài chính - Bộ Công an",
        ),
    ],
)
def test_regression_issuer_stops_at_a_known_body(text: str, issuer: str) -> None:
    # Bug: the issuer ran on over the words after the name ("Bộ Tài chính Hướng dẫn",
    # "Chính phủ qui định") because any phrase opening with "Bộ"/"Chính phủ" resolved.
    c = cites(text)[1][0]
    assert c.issuer is not None and c.issuer.name == issuer


@pytest.mark.parametrize(
    ("printed", "code"),
    [
        ("ngày 29/3/20221", "implausible-date"),
        ("ngày 29 tháng 3 năm 1066", "implausible-date"),
        ("ngày 31/2/2022", "impossible-date"),
    ],
)
def test_regression_impossible_cited_date_is_none_and_reported(printed: str, code: str) -> None:
    # Bug: "ngày 29/3/20221" was read as 2022-03-29, and a cited date that cannot be was
    # dropped silently; now it is None and a Problem with its span.
    text = f"Căn cứ Nghị quyết số 43/NQ-CP {printed} của Chính phủ; Ủy ban nhân dân tỉnh yêu cầu:"
    c = clean(text)
    problems: list = []
    (cit,) = find_citations(c, (0, len(c.text)), None, None, problems)
    assert cit.number == "43/NQ-CP" and cit.date is None
    (p,) = problems
    assert p.code == code and p.span is not None and text[p.span[0] : p.span[1]] == printed


def test_regression_unnumbered_cong_van_and_thong_bao() -> None:
    # The synthetic cascade corpus: a district letter whose only citation is its province's
    # letter, named without a number.
    ctx = resolve_organisation("Huyện ủy Kim Sơn")
    c = one("Thực hiện Công văn của Ban Thường vụ Tỉnh ủy về đẩy mạnh chuyển đổi số,", ctx)
    assert (c.number, c.doc_type, c.relation) == (None, "Công văn", "implements")
    assert c.issuer is not None and c.issuer.name == "Tỉnh ủy Ninh Bình"
    c = one("Quán triệt Thông báo của Thường trực Tỉnh ủy về công tác cán bộ,", ctx)
    assert (c.number, c.doc_type) == (None, "Thông báo")
    # Without a relation word before it, a bare "Công văn của …" names no one document.
    _, found = cites("các Công văn của Tỉnh ủy đã nêu rõ", ctx)
    assert found == ()


def test_regression_party_number_without_cua_names_the_relative_committee() -> None:
    # "Chỉ thị số 05-CT/TU" with no "của …" in a district committee's letter: the Party code
    # TU is the committee of the letter's province (Guideline 36-HD/VPTW); before, no issuer.
    kim_son = resolve_organisation("Huyện ủy Kim Sơn", province_hint="Ninh Bình")
    c = one(
        "Ngày 05/3/2021, Ban Thường vụ Tỉnh ủy đã ban hành Chỉ thị số 05-CT/TU về tăng cường "
        "công tác phòng, chống dịch.",
        kim_son,
        own="217-CV/HU",
    )
    assert c.issuer is not None and c.issuer.name == "Tỉnh ủy Ninh Bình"
    # TW is shared by Bộ Chính trị, Ban Bí thư and the Central Committee: left unresolved
    c = one("Quán triệt Chỉ thị số 05-CT/TW về học tập và làm theo tư tưởng.", kim_son)
    assert c.issuer is None


def test_regression_joint_number_names_every_issuer() -> None:
    # A joint circular's number carries each issuer's code; before, only the first was kept.
    c = one("Căn cứ Thông tư liên tịch số 85/2016/TTLT-BTC-BCA ngày 20/6/2016;")
    assert c.issuer is not None and c.issuer.name == "Bộ Tài chính - Bộ Công an"
    # a ministry's letter drafted by its Tổng cục is no joint document
    c = one("Theo hướng dẫn tại công văn số 13479/BTC-TCT ngày 23/9/2009 thì …")
    assert c.issuer is not None and c.issuer.name == "Bộ Tài chính"


def test_regression_decision_formula_replaces_the_earlier_one() -> None:
    # "… này có hiệu lực kể từ ngày ký và thay thế …": this document replaces the cited one
    # (before, only "… này thay thế …" did).
    c = one(
        "Quyết định này có hiệu lực thi hành kể từ ngày ký và thay thế Quyết định số "
        "1001/QĐ-UBND ngày 15 tháng 5 năm 2020 của Ủy ban nhân dân tỉnh."
    )
    assert c.relation == "replaces"
    c = one(
        "Công văn này có hiệu lực kể từ ngày ký ban hành, thay thế Công văn số 4674/BYT-MT "
        "ngày 31/8/2020 của Bộ Y tế."
    )
    assert c.relation == "replaces"
    # another document's replacing is only cited
    _, found = cites("Nghị định số 126/2020/NĐ-CP thay thế Nghị định số 83/2013/NĐ-CP.")
    assert [c.relation for c in found] == ["cites", "cites"]


def test_regression_issuing_subject_before_the_mention() -> None:
    # No "của …" and a local code (UBND): the sentence's subject that "ban hành" / "ký" the
    # document is its issuer; a joint subject keeps the letter's "và".
    kim_son = resolve_organisation("Huyện ủy Kim Sơn", province_hint="Ninh Bình")
    c = one(
        "Ngày 06/3/2021, Ủy ban nhân dân tỉnh đã ban hành Kế hoạch số 45/KH-UBND về phòng, "
        "chống dịch.",
        kim_son,
    )
    assert c.issuer is not None and c.issuer.name == "Ủy ban nhân dân tỉnh Ninh Bình"
    c = one(
        "Ngày 31/12/2014, Tổng cục Thuế và Bảo hiểm xã hội (BHXH) Việt Nam đã tổ chức ký Quy "
        "chế phối hợp công tác số 5423/QCPH-BHXH-TCT."
    )
    assert c.issuer is not None and c.issuer.name == "Tổng cục Thuế và Bảo hiểm xã hội Việt Nam"
    # "A (tiếp tục) phối hợp với B ký …": the two issue it together, in the letter's order
    c = one("Tổng cục Thuế tiếp tục phối hợp với BHXH Việt Nam ký Quy chế số 1999/QCPH-BHXH-TCT.")
    assert c.issuer is not None and c.issuer.name == "Tổng cục Thuế và Bảo hiểm xã hội Việt Nam"
    # a subject that is no known body gives way to the number's codes
    c = one("Cơ quan thuế các cấp đã ký Quy chế số 12/QCPH-BHXH-TCT với cơ quan BHXH.")
    assert c.issuer is not None and c.issuer.name == "Bảo hiểm xã hội Việt Nam - Tổng cục Thuế"
    # "kỳ" (a period) is no "ký"
    c = one("Doanh nghiệp nộp hồ sơ theo định kỳ Báo cáo số 12/BC-UBND ngày 05/01/2021.")
    assert c.issuer is None


def test_regression_relation_word_in_a_cited_title_is_not_the_next_mentions() -> None:
    # "Căn cứ A về việc … để thực hiện … và B": B is based on too; the "thực hiện" belongs to
    # A's title. Before, B was "implements".
    _, found = cites(
        "Căn cứ Công điện số 914/CĐ-TTg ngày 6 tháng 7 năm 2021 của Thủ tướng Chính phủ về việc "
        "tăng cường các biện pháp phòng, chống Covid-19 để thực hiện mục tiêu kép và công văn số "
        "1691/VPCP-KGVX ngày 7 tháng 7 năm 2021 của Văn phòng Chính phủ;"
    )
    assert [(c.number, c.relation) for c in found] == [
        ("914/CĐ-TTg", "based_on"),
        ("1691/VPCP-KGVX", "based_on"),
    ]
    # a relation word after the title and before the next mention still decides
    _, found = cites(
        "Căn cứ Nghị định số 126/2020/NĐ-CP về quản lý thuế; thực hiện Công văn số 45/TCT-CS."
    )
    assert [c.relation for c in found] == ["based_on", "implements"]


@pytest.mark.parametrize(
    ("printed", "name"),
    [
        # lower-case name words that fold onto stop words: "giáo"/"giao", "tư"/"từ", "đảng"/"đang"
        # (a committee's organ and a provincial department are placed in the issuer's province)
        ("Ban Tuyên giáo Tỉnh ủy", "Ban Tuyên giáo Tỉnh ủy Quảng Trị"),
        ("Ban Tôn giáo Chính phủ", "Ban Tôn giáo Chính phủ"),
        ("Sở Kế hoạch và Đầu tư", "Sở Kế hoạch và Đầu tư tỉnh Quảng Trị"),
        ("Ban cán sự đảng Ủy ban nhân dân tỉnh", "Ban cán sự đảng Ủy ban nhân dân tỉnh Quảng Trị"),
        # a provincial department is no OCR slip for the ministry it mirrors
        ("Sở Giáo dục và Đào tạo", "Sở Giáo dục và Đào tạo tỉnh Quảng Trị"),
        # ... nor a department plus a commune ("Thương binh" is no "xã Thượng Bình")
        (
            "Sở Lao động - Thương binh và Xã hội",
            "Sở Lao động - Thương binh và Xã hội tỉnh Quảng Trị",
        ),
        # a comma inside the name
        ("Bộ Văn hóa, Thể thao và Du lịch", "Bộ Văn hóa, Thể thao và Du lịch"),
    ],
)
def test_regression_cited_issuer_names_of_party_and_provincial_bodies(
    printed: str, name: str
) -> None:
    context = resolve_organisation("Huyện ủy Triệu Phong", province_hint="Quảng Trị")
    c = one(
        f"Thực hiện Hướng dẫn số 25-HD/BTGTU ngày 10/01/2022 của {printed} về tuyên truyền các "
        "ngày lễ lớn năm 2022.",
        context,
    )
    assert c.issuer is not None and c.issuer.name == name


def test_regression_framing_word_before_a_sentence_is_not_read() -> None:
    # "… Ngày thành lập Đảng" ends the subject line; folded "dang" is "đang" (framing) only
    # inside the sentence that holds the mention.
    _, found = cites(
        "tổ chức kỷ niệm 92 năm Ngày thành lập Đảng\n\n"
        "Thực hiện Hướng dẫn số 25-HD/BTGTU ngày 10/01/2022 của Ban Tuyên giáo Tỉnh ủy, Ban "
        "Thường vụ Huyện ủy xây dựng kế hoạch như sau:"
    )
    assert [c.relation for c in found] == ["implements"]


def test_regression_law_titles_past_words_that_fold_onto_stop_words() -> None:
    # "tư", "khoán", "vi", "văn bản quy phạm" fold onto stop words ("từ", "khoản", "vì", …):
    # the titles were cut ("Luật Đầu", "Luật Chứng", "Luật Xử lý", "Luật Ban hành").
    _, found = cites(
        "Tổ chức không hoạt động theo Luật Đầu tư, Luật Doanh nghiệp và Luật Chứng khoán; "
        "căn cứ Luật Xử lý vi phạm hành chính và Luật Ban hành văn bản quy phạm pháp luật."
    )
    assert [c.surface for c in found] == [
        "Luật Đầu tư",
        "Luật Doanh nghiệp",
        "Luật Chứng khoán",
        "Luật Xử lý vi phạm hành chính",
        "Luật Ban hành văn bản quy phạm pháp luật",
    ]
    # an OCR'd copy cut short ("Luật Đầu tu", "Luật Xứ lý vĩ phạm") is the same law, once
    _, found = cites(
        "theo Luật Đầu tư, Luật Xử lý vi phạm hành chính. Theo Luật Đầu tu, tại Điều 11 Luật Xử "
        "lý vĩ phạm hành chính."
    )
    assert [c.surface for c in found] == ["Luật Đầu tư", "Luật Xử lý vi phạm hành chính"]


def test_regression_issuer_named_before_the_mention_with_tai() -> None:
    # "Ý kiến của X, <its ministry> tại Công văn số …" with a code no table knows: X issued it.
    c = one(
        "Ý kiến của Cục Quản lý môi trường Y tế, Bộ Y tế tại Công văn số 462/MT-YT ngày 13/8/2021."
    )
    assert c.issuer is not None and c.issuer.name == "Cục Quản lý môi trường Y tế"
    # the number's code still decides when it names a national body (the Office conveys the
    # Prime Minister's direction)
    c = one(
        "Thực hiện chỉ đạo của Thủ tướng Chính phủ tại Công văn số 1234/VPCP-KTTH ngày 5/3/2021."
    )
    assert c.issuer is not None and c.issuer.name == "Văn phòng Chính phủ"
