"""Tasks in long documents and in documents cut short, as web pages publish them.

Each test is a short synthetic snippet in one layout (no corpus text is copied).
"""

from __future__ import annotations

from chidao.extract.clean import clean
from chidao.extract.find_tasks import find_tasks
from chidao.extract.records import Organisation
from chidao.extract.resolve import resolve_organisation


def actors(text: str, context: Organisation | None = None) -> list[str]:
    c = clean(text)
    return [t.assignee.name for t in find_tasks(c, (0, len(c.text)), context) if t.assignee]


def province() -> Organisation:
    org = resolve_organisation("Ủy ban nhân dân tỉnh Ninh Bình")
    assert org is not None
    return org


def test_headings_with_a_colon_own_their_bullets() -> None:
    text = (
        "II. NHIỆM VỤ VÀ GIẢI PHÁP\n\n"
        "1. Bộ Tài chính:\n"
        "- Chủ trì, phối hợp với các bộ, ngành rà soát cơ chế tài chính.\n"
        "- Hướng dẫn các địa phương bố trí kinh phí.\n\n"
        "2. Bộ Nội vụ:\n"
        "- Tham mưu sắp xếp tổ chức bộ máy.\n\n"
        "3. Trách nhiệm của các địa phương\n\n"
        "a) Ủy ban nhân dân các tỉnh, thành phố:\n"
        "- Xây dựng kế hoạch thực hiện trên địa bàn.\n"
        "- Báo cáo kết quả trước ngày 15/12/2024.\n"
    )
    assert actors(text) == ["Bộ Tài chính", "Bộ Nội vụ", "Ủy ban nhân dân các tỉnh, thành phố"]


def test_giao_headings_with_a_colon_and_bullets() -> None:
    text = (
        "III. TỔ CHỨC THỰC HIỆN\n\n"
        "1. Giao Sở Nội vụ:\n"
        "- Chủ trì, phối hợp với các sở, ngành triển khai Kế hoạch này.\n"
        "- Tổng hợp kết quả, báo cáo Ủy ban nhân dân tỉnh.\n\n"
        "2. Giao Sở Tài chính: bố trí kinh phí thực hiện Kế hoạch.\n\n"
        "3. Ủy ban nhân dân các huyện, thành phố:\n"
        "- Xây dựng kế hoạch cụ thể.\n"
    )
    assert actors(text, province()) == [
        "Sở Nội vụ",
        "Sở Tài chính",
        "Ủy ban nhân dân các huyện, thành phố",
    ]


def test_task_table_with_rules() -> None:
    text = (
        "Ủy ban nhân dân tỉnh giao nhiệm vụ cụ thể như sau:\n"
        "| STT | Nội dung | Cơ quan chủ trì | Cơ quan phối hợp | Thời gian hoàn thành |\n"
        "| 1 | Xây dựng kế hoạch tuyên truyền | Sở Thông tin và Truyền thông | Các sở | Quý I |\n"
        "| 2 | Rà soát thủ tục hành chính | Văn phòng UBND tỉnh | Sở Tư pháp | 30/6/2024 |\n"
        "| 3 | Tổ chức tập huấn | Sở Nội vụ | UBND các huyện | Năm 2024 |\n"
    )
    c = clean(text)
    tasks = find_tasks(c, (0, len(c.text)), province())
    assert [t.assignee.name for t in tasks if t.assignee] == [
        "Sở Thông tin và Truyền thông",
        "Văn phòng UBND tỉnh",
        "Sở Nội vụ",
    ]
    second = tasks[1]
    assert second.text == "Rà soát thủ tục hành chính"
    assert second.deadline == "2024-06-30"
    assert second.label == "2"
    assert text[second.assignee.span[0] : second.assignee.span[1]] == "Văn phòng UBND tỉnh"


def test_purpose_and_requirement_items_that_name_an_actor() -> None:
    text = (
        "I. MỤC ĐÍCH, YÊU CẦU\n"
        "1. Mục đích\n"
        "- Nâng cao nhận thức của cán bộ, công chức về cải cách hành chính.\n"
        "2. Yêu cầu\n"
        "- Tất cả các cơ quan, tổ chức có chức năng quản lý, kiểm tra đối với hợp tác xã trên "
        "địa bàn phải quán triệt đầy đủ nội dung Kế hoạch.\n"
        "- Bảo đảm tiến độ, chất lượng.\n"
    )
    assert actors(text, province()) == [
        "Tất cả các cơ quan, tổ chức có chức năng quản lý, kiểm tra đối với hợp tác xã trên địa bàn"
    ]


def test_cut_document_drops_its_unfinished_last_instruction() -> None:
    text = (
        "1. Đề nghị Phòng Văn hóa và Thông tin thành phố chỉ đạo việc treo cờ tại trụ sở.\n\n"
        "2. Các cơ quan, đơn vị trên địa bàn có trách nhiệm tuyên truyền, nhắc nhở các hộ "
        "gia đình treo cờ nhằm đảm bảo mỹ qu"
    )
    assert actors(text) == ["Phòng Văn hóa và Thông tin thành phố"]
    assert actors(text + "an.") == [
        "Phòng Văn hóa và Thông tin thành phố",
        "Các cơ quan, đơn vị trên địa bàn",
    ]


def test_lead_in_that_assigns_the_list_to_a_body() -> None:
    text = (
        "Thực hiện ý kiến chỉ đạo của Phó Thủ tướng, Trưởng ban Chỉ đạo quốc gia tại Hội nghị "
        "(Thông báo số 12/TB-VPCP ngày 02/3/2021), Ủy ban nhân dân tỉnh giao Văn phòng Ban Chỉ "
        "đạo tỉnh:\n\n"
        "- Chủ trì, phối hợp với các sở, ngành triển khai thực hiện.\n\n"
        "- Định kỳ báo cáo kết quả về Ủy ban nhân dân tỉnh.\n"
    )
    assert actors(text, province()) == ["Văn phòng Ban Chỉ đạo tỉnh"]


def test_appositive_role_after_a_requested_actor_is_not_the_actor() -> None:
    text = (
        "2. Giao Ủy ban nhân dân huyện Kim Sơn, cơ quan thường trực Ban Chỉ đạo lễ hội, chủ "
        "trì cùng Sở Văn hóa và Thể thao làm việc với Ban Tổ chức.\n"
    )
    assert actors(text, province()) == ["Ủy ban nhân dân huyện Kim Sơn"]


def test_announcing_the_document_is_no_task() -> None:
    text = (
        "Thực hiện Quyết định số 12/QĐ-TTg ngày 01/4/2021 của Thủ tướng Chính phủ, UBND tỉnh "
        "Ninh Bình ban hành Kế hoạch thực hiện trên địa bàn tỉnh, cụ thể như sau:\n"
        "I. MỤC ĐÍCH\n"
        "- Nâng cao nhận thức về bảo vệ môi trường.\n"
    )
    assert actors(text) == []
    lead = "Ban biên tập giới thiệu toàn văn Nghị quyết số 07-NQ/TU của Ban Thường vụ Tỉnh ủy.\n"
    assert actors(lead) == []
    # a body told to issue a plan is still a task
    assert actors("3. Sở Tư pháp ban hành kế hoạch tuyên truyền trong quý I.\n") == ["Sở Tư pháp"]


def test_appeal_names_who_is_asked() -> None:
    text = (
        "Ủy ban nhân dân tỉnh Ninh Bình kêu gọi Quý doanh nghiệp tài trợ kinh phí để tổ chức "
        "lễ hội.\n"
    )
    assert actors(text, province()) == ["Quý doanh nghiệp"]


def test_steering_committee_name_runs_over_its_own_verb() -> None:
    text = (
        "Các chi bộ trực thuộc, thành viên BCĐ xây dựng Đề án phường văn minh và cán bộ phường "
        "nghiên cứu, góp ý kiến vào dự thảo trước ngày 20/10/2024.\n"
    )
    assert actors(text) == [
        "Các chi bộ trực thuộc, thành viên BCĐ xây dựng Đề án phường văn minh và cán bộ phường"
    ]
    # lower case after it: the committee directs
    assert actors("- Ban Chỉ đạo xây dựng kế hoạch kiểm tra.\n") == ["Ban Chỉ đạo"]


def test_added_verbs_end_an_actor() -> None:
    text = "2. Giao Sở Tài chính thẩm định định mức, cân đối nguồn kinh phí.\n"
    assert actors(text, province()) == ["Sở Tài chính"]


def test_a_steering_committees_bare_name_is_the_issuer_itself() -> None:
    issuer = Organisation(
        name="Ban Chỉ đạo xây dựng đề án phường văn minh đô thị phường Ninh Khánh",
        level="commune",
        system="party",
    )
    text = (
        "Nhằm phát huy trí tuệ tập thể, Ban chỉ đạo tiếp tục lấy ý kiến góp ý của các cơ quan.\n\n"
        "Các chi bộ trực thuộc nghiên cứu và góp ý kiến trước ngày 20/10/2024.\n"
    )
    assert actors(text, issuer) == ["Các chi bộ trực thuộc"]
