"""Stage *find*, tasks: each instruction of the body and the actor named for it."""

from __future__ import annotations

import doctest
import importlib
from pathlib import Path

import pytest

from chidao.extract.clean import clean
from chidao.extract.find_tasks import find_tasks
from chidao.extract.outline import outline
from chidao.extract.records import Organisation
from chidao.extract.resolve import resolve_organisation

SAMPLES = Path(__file__).resolve().parents[2] / "data" / "samples"


def actors(text: str, context: Organisation | None = None) -> list[str]:
    c = clean(text)
    return [t.assignee.name for t in find_tasks(c, (0, len(c.text)), context) if t.assignee]


def test_numbered_items_with_giao_and_subject() -> None:
    # Seed 000, items 3 and 5 (shortened).
    text = (
        "Ban thường vụ Huyện ủy yêu cầu:\n\n"
        "3- Ban Tuyên giáo Huyện ủy chỉ đạo tăng cường công tác tuyên truyền.\n\n"
        "5- Giao Ban Tuyên giáo Huyện ủy chủ trì, phối hợp với các cơ quan liên quan nắm tình "
        "hình triển khai thực hiện."
    )
    assert actors(text) == ["Ban Tuyên giáo Huyện ủy", "Ban Tuyên giáo Huyện ủy"]


def test_actor_runs_over_commas_and_lists() -> None:
    # Seed 000 item 1: "Ban chỉ đạo" is a name, not the verb "chỉ đạo".
    text = (
        "1- Các cấp ủy, chính quyền, Mặt trận Tổ quốc và các tổ chức chính trị - xã hội, các tổ "
        "chức cơ sở Đảng, Ban chỉ đạo phòng, chống dịch của huyện tuyệt đối không chủ quan."
    )
    assert actors(text) == [
        "Các cấp ủy, chính quyền, Mặt trận Tổ quốc và các tổ chức chính trị - xã hội, các tổ "
        "chức cơ sở Đảng, Ban chỉ đạo phòng, chống dịch của huyện"
    ]


def test_label_only_item_folds_its_dashes() -> None:
    # Seed 004 item 8: "8- UBND huyện" then two dashes is one instruction.
    text = (
        "7- Rà soát các nguồn lực, tăng cường tiết kiệm chi.\n\n"
        "8- UBND huyện\n\n"
        "- Tham mưu Ban Thường vụ Huyện ủy xây dựng phương án.\n\n"
        "- Chủ trì, phối hợp với Mặt trận Tổ quốc Việt Nam huyện xây dựng phương án."
    )
    assert actors(text) == ["UBND huyện"]


def test_item_without_actor_left_out_and_later_sentences_ignored() -> None:
    # Seed 001 item 3: the first instruction names no actor; the next paragraph's does not count.
    text = (
        "3. Tăng cường công tác kiểm tra ở các chốt liên ngành.\n\n"
        "Các cơ quan, đơn vị theo chức năng của mình tăng cường công tác tuyên truyền.\n\n"
        "4. Đồng chí Bí thư các cấp uỷ, thủ trưởng các cơ quan, đơn vị, chủ tịch UBND các xã, "
        "thị trấn phải bám sát thực tiễn."
    )
    assert actors(text) == [
        "Đồng chí Bí thư các cấp uỷ, thủ trưởng các cơ quan, đơn vị, chủ tịch UBND các xã, thị trấn"
    ]


def test_intro_clause_skipped() -> None:
    # Seed 002 item 5.
    text = (
        "5. Trong quá trình thực hiện, căn cứ vào tình hình thực tiễn, người đứng đầu cấp ủy, cơ "
        "quan, đơn vị phải nêu cao tinh thần trách nhiệm."
    )
    assert actors(text) == ["người đứng đầu cấp ủy, cơ quan, đơn vị"]


def test_dash_list_and_closing_paragraph() -> None:
    # Seed 003: an actor-less first dash, then dashes with actors, then a closing sentence.
    text = (
        "Ban Thường vụ Huyện ủy yêu cầu các cấp ủy thực hiện tốt một số nhiệm vụ cấp bách sau:\n\n"
        "- Huy động toàn hệ thống chính trị huyện vào cuộc.\n\n"
        "- Ngành Y tế chuẩn bị sẵn sàng về nhân lực.\n\n"
        "Văn phòng Huyện ủy, Văn phòng HĐND&UBND huyện phối hợp với các cơ quan theo dõi việc "
        "thực hiện Công văn này báo cáo kết quả với Ban Thường vụ Huyện ủy./."
    )
    assert actors(text) == ["Ngành Y tế", "Văn phòng Huyện ủy, Văn phòng HĐND&UBND huyện"]


def test_sub_bullets_tried_when_item_names_no_actor() -> None:
    # Corpus 012 item 4, then its closing: "biết và triển khai" is the stock formula.
    text = (
        "4. Tăng cường công tác thanh tra, kiểm tra thuế trong lĩnh vực hóa đơn:\n\n"
        "- Các Cục Thuế thực hiện triển khai áp dụng ngay bộ chỉ số tiêu chí.\n\n"
        "5. Tăng cường công tác thanh tra, kiểm tra hoàn thuế GTGT.\n\n"
        "Tổng cục Thuế thông báo để các Cục Thuế biết và triển khai thực hiện.\n"
        "Nếu có vướng mắc, đề nghị các Cục Thuế phản ánh về Tổng cục Thuế để kịp thời xử lý./."
    )
    assert actors(text) == ["Các Cục Thuế", "các Cục Thuế"]


def test_reply_courtesy_and_issuer_undertaking_are_no_tasks() -> None:
    # Corpus 045 and 013.
    issuer = resolve_organisation("Tổng cục Thuế")
    text = (
        "Trong quá trình thực hiện nếu có vướng mắc, đề nghị Công ty liên hệ với Phòng Thanh tra "
        "để được hướng dẫn.\n\nCục Thuế trả lời để Công ty biết và thực hiện./."
    )
    assert actors(text) == []
    text = "1. Báo cáo.\n\n- Tổng cục Thuế sẽ định kỳ tổng hợp, rà soát các Cục Thuế."
    assert actors(text, issuer) == []
    text = "1. Báo cáo.\n\n- Nhiều Cục Thuế chưa nghiêm túc báo cáo kết quả."
    assert actors(text, issuer) == []


def test_requester_then_addressee() -> None:
    # Corpus 013: "- Téng cục Thuế dé nghị Cục Thuế các tỉnh … nghiêm túc chấn chỉnh".
    text = (
        "1. Đối với công tác tổng hợp, báo cáo kết quả.\n\n"
        "- Téng cục Thuế dé nghị Cục Thuế các tỉnh thành phố trực thuộc Trung\nương nghiêm túc "
        "chấn chỉnh công tác báo cáo."
    )
    assert actors(text) == ["Cục Thuế các tỉnh thành phố trực thuộc Trung ương"]


def test_task_spans_and_text() -> None:
    original = "1. **Sở Y tế** xây dựng phương án, chuẩn bị lực lượng bác sỹ."
    c = clean(original)
    (task,) = find_tasks(c, (0, len(c.text)), None)
    assert original[slice(*task.assignee.span)] == "Sở Y tế"
    assert original[slice(*task.span)].startswith("1. **Sở Y tế**")
    assert task.label == "1."
    assert task.text == "1. Sở Y tế xây dựng phương án, chuẩn bị lực lượng bác sỹ."


def test_outline_nesting() -> None:
    text = "Yêu cầu:\n\n1. A làm.\n\na) Ý một.\n\n- Ý hai.\n\n2. B làm.\n\nTrân trọng./."
    tree = outline(text, 0, len(text))
    assert [i.head.label for i in tree.items] == ["1.", "2."]
    assert [c.head.label for c in tree.items[0].children] == ["a)"]
    assert [c.head.label for c in tree.items[0].children[0].children] == ["-"]
    assert len(tree.preamble) == 1 and len(tree.closing) == 1


def test_seed_task_assignees() -> None:
    # The five seeds, through the whole pipeline, give the annotated actors.
    import json

    from chidao.extract.pipeline import extract_path

    gold_path = Path(__file__).resolve().parents[2].parent / "shared" / "gold" / "seeds.json"
    if not gold_path.exists():
        pytest.skip("../shared/gold/seeds.json is not available")
    gold = {g["file"]: g["task_assignees"] for g in json.loads(gold_path.read_text("utf-8"))}
    for name, expected in gold.items():
        record = extract_path(SAMPLES / name)
        got = [t.assignee.name for t in record.tasks if t.assignee]
        assert [" ".join(x.split()) for x in got] == [" ".join(x.split()) for x in expected], name


# --- regressions ---------------------------------------------------------------------------


def test_regression_giao_inside_tuyen_giao_is_no_request() -> None:
    # "Ban Tuyên giáo Huyện ủy chỉ đạo": "giáo" was read as the request "giao".
    assert actors("3- Ban Tuyên giáo Huyện ủy chỉ đạo tăng cường.") == ["Ban Tuyên giáo Huyện ủy"]


def test_regression_dang_is_not_the_verb_dang() -> None:
    # Seed 003: "cấp ủy đảng" folds like "đang"; the actor was cut after "Các ngành,".
    assert actors(
        "- Các ngành, cấp ủy đảng, chính quyền địa phương trong huyện kích hoạt công tác."
    ) == ["Các ngành, cấp ủy đảng, chính quyền địa phương trong huyện"]


def test_regression_to_chuc_and_co_quan_are_nouns() -> None:
    # Corpus 004 item 5 and seed 001 item 2.
    assert actors("2. Các cơ quan, đơn vị, địa phương tập trung chỉ đạo.") == [
        "Các cơ quan, đơn vị, địa phương"
    ]
    assert actors(
        "5. Đề nghị Ủy ban Mặt trận Tổ quốc Việt Nam, tổ chức đại diện người sử dụng lao động "
        "tham gia tuyên truyền."
    ) == ["Ủy ban Mặt trận Tổ quốc Việt Nam, tổ chức đại diện người sử dụng lao động"]


def test_regression_sentence_cut_by_page_break() -> None:
    # Corpus 004 item 6: the actor continues after a blank line.
    text = (
        "6. Bộ trưởng, Thủ trưởng cơ quan ngang bộ, Thủ trưởng cơ quan thuộc\n\n"
        "Chính phủ, Chủ tịch Ủy ban nhân dân các tỉnh\nchịu trách nhiệm trực tiếp trước Chính phủ."
    )
    assert actors(text) == [
        "Bộ trưởng, Thủ trưởng cơ quan ngang bộ, Thủ trưởng cơ quan thuộc Chính phủ, Chủ tịch "
        "Ủy ban nhân dân các tỉnh"
    ]


def test_regression_sub_number_under_wrong_parent() -> None:
    # Corpus 022: OCR lost "8." ("§. _ Thực hiện …"), so "8.1." sat under item 7.
    text = (
        "7. Do vậy, Tổng cục Thuế đề nghị các Cục Thuế tiếp tục tăng cường rà soát.\n\n"
        "§. _ Thực hiện cập nhật thông tin như sau:\n\n"
        "8.1. Đề nghị các Cục Thuế cung cấp thông tin cán bộ đầu mối."
    )
    assert actors(text) == ["các Cục Thuế", "các Cục Thuế"]


@pytest.mark.parametrize(
    "module", ["chidao.extract.find_tasks", "chidao.extract.actors", "chidao.extract.outline"]
)
def test_doctests(module: str) -> None:
    result = doctest.testmod(importlib.import_module(module))
    assert result.failed == 0


def test_regression_quoted_regulation_is_no_instruction() -> None:
    # Corpus 063 quotes a decree: “… Cơ quan Hải quan có trách nhiệm kiểm tra …”.
    text = (
        "Căn cứ khoản 3 Điều 36 Nghị định quy định:\n\n"
        "“Hồ sơ hoàn thuế gồm tờ khai.\n\n"
        "Cơ quan Hải quan có trách nhiệm kiểm tra nội dung khai báo của người nộp thuế”.\n\n"
        "Đề nghị Cục Hải quan các tỉnh thực hiện theo quy định."
    )
    assert actors(text) == ["Cục Hải quan các tỉnh"]


def test_regression_report_and_courtesy_verbs() -> None:
    # Corpus 028 ("Sở Xây dựng có công văn …", a report) and 040 ("đơn vị có thể tham khảo").
    assert actors("Ngày 13/3/2017, Sở Xây dựng có công văn số 337/SXD-KTVL xác nhận.") == []
    assert (
        actors("Trong quá trình thực hiện, trường hợp còn vướng mắc, đơn vị có thể tham khảo.")
        == []
    )


def test_actor_before_a_colon() -> None:
    # A plan's "Tổ chức thực hiện" section and a Công điện's ministries (corpus 001 style).
    text = (
        "IV. TỔ CHỨC THỰC HIỆN\n\n"
        "1. Ban Tuyên giáo Huyện ủy: chủ trì, phối hợp với các cơ quan liên quan triển khai.\n\n"
        "2. Bộ Y tế:\n\n"
        "a) Hướng dẫn các địa phương.\n\n"
        "b) Kiểm tra việc thực hiện."
    )
    assert actors(text) == ["Ban Tuyên giáo Huyện ủy", "Bộ Y tế"]


def test_party_directive_actors() -> None:
    # The usual addressees of a district Party directive.
    text = (
        "Ban Thường vụ Huyện ủy yêu cầu:\n\n"
        "1. Các chi, đảng bộ trực thuộc tổ chức quán triệt sâu rộng nội dung Chỉ thị.\n\n"
        "2. Cán bộ, đảng viên phải gương mẫu thực hiện.\n\n"
        "3. Giao Văn phòng Huyện ủy theo dõi, đôn đốc việc thực hiện.\n\n"
        "Nhận được Chỉ thị này, yêu cầu các cấp ủy, tổ chức đảng nghiêm túc triển khai./."
    )
    assert actors(text) == [
        "Các chi, đảng bộ trực thuộc",
        "Cán bộ, đảng viên",
        "Văn phòng Huyện ủy",
        "các cấp ủy, tổ chức đảng",
    ]


def test_regression_van_dong_is_no_report() -> None:
    # "vận động" folds like "vẫn" (a report word); the task was dropped.
    assert actors(
        "6. Mặt trận Tổ quốc và các đoàn thể chính trị - xã hội huyện vận động nhân dân."
    ) == ["Mặt trận Tổ quốc và các đoàn thể chính trị - xã hội huyện"]


def test_opening_request_that_is_not_the_lead_in() -> None:
    # Corpus 020: the opening asks by itself; the list has its own lead-in ("… như sau:").
    issuer = resolve_organisation("Tổng cục Thuế")
    text = (
        "Để kịp thời phát hiện, ngăn chặn và xử lý nghiêm các trường hợp buôn bán hóa đơn, Tổng "
        "cục Thuế đề nghị Cơ quan Thuế các cấp căn cứ vào các quy định hiện hành, tiếp tục thực "
        "hiện các giải pháp.\nNgoài ra, cần thực hiện đồng bộ các biện pháp cụ thể như sau:\n\n"
        "1. Cơ quan thuế các cấp tổ chức triển khai, phổ biến.\n\n"
        "2. Tăng cường tập huấn."
    )
    assert actors(text, issuer) == ["Cơ quan Thuế các cấp", "Cơ quan thuế các cấp"]


def test_regression_background_before_the_list_is_no_task() -> None:
    # Corpus 002 (a Thông báo kết luận): "Ngành công nghiệp ô tô có vai trò …"; corpus 013:
    # "Tổng cục Thuế đã chỉ đạo …, đồng thời yêu cầu Cục Thuế …" reports an earlier request.
    text = (
        "Ngành công nghiệp ô tô có vai trò rất quan trọng trong nền kinh tế.\n"
        "Tại Công văn nêu trên, Tổng cục Thuế đã chỉ đạo ngành thuế triển khai các biện pháp, "
        "đồng thời yêu cầu Cục Thuế các tỉnh định kỳ báo cáo.\n"
        "Tổng cục Thuế đề nghị Cục Thuế thực hiện các yêu cầu như sau:\n\n"
        "1. Đối với công tác tổng hợp.\n\n"
        "2. Các Cục Thuế tăng cường kiểm tra."
    )
    assert actors(text, resolve_organisation("Tổng cục Thuế")) == ["Các Cục Thuế"]


def test_regression_dated_sentence_reports_and_proposal_label() -> None:
    # Corpus 059: "Ngày 31/8/2020, Bộ Y tế ban hành công văn …" is an event, not a task;
    # corpus 060: "Kiến nghị 2: Tổng cục Hải quan có hướng dẫn …" asks the recipient.
    assert actors("Ngày 31/8/2020, Bộ Y tế ban hành công văn số 4674/BYT-MT về việc.") == []
    issuer = resolve_organisation("Cục Hải quan tỉnh Bình Dương")
    assert actors(
        "Kiến nghị 2: Tổng cục Hải quan có hướng dẫn thống nhất trong toàn ngành.", issuer
    ) == ["Tổng cục Hải quan"]


def test_task_deadline() -> None:
    c = clean("1. Các Cục Thuế hoàn thành kế hoạch còn tồn trước ngày 29/4/2023.")
    (task,) = find_tasks(c, (0, len(c.text)), None)
    assert task.deadline == "2023-04-29"


def test_plan_sections_in_capitals_and_party_organisations() -> None:
    # A Kế hoạch: "II. NHIỆM VỤ" (no final stop) then "1. …" on the next line was one
    # paragraph, and "Các tổ chức cơ sở đảng" was taken for firms written about.
    from chidao.extract.pipeline import extract_text

    text = (
        "HUYỆN ỦY KIM SƠN\nSố 88-KH/HU\nĐẢNG CỘNG SẢN VIỆT NAM\n"
        "Kim Sơn, ngày 03 tháng 8 năm 2021\n\nKẾ HOẠCH\nthực hiện Kết luận số 37-KL/TU\n\n"
        "Thực hiện Kết luận số 37-KL/TU ngày 20/7/2021 của Ban Thường vụ Tỉnh ủy, Ban Thường vụ "
        "Huyện ủy xây dựng kế hoạch thực hiện như sau:\n\n"
        "I. MỤC ĐÍCH, YÊU CẦU\nQuán triệt sâu sắc nội dung Kết luận.\n\n"
        "II. NHIỆM VỤ\n1. Ủy ban nhân dân huyện xây dựng đề án phát triển kinh tế biển.\n\n"
        "2. Ban Tuyên giáo Huyện ủy chủ trì tuyên truyền Kết luận.\n\n"
        "3. Các tổ chức cơ sở đảng xây dựng kế hoạch thực hiện.\n\n"
        "T/M BAN THƯỜNG VỤ\nBÍ THƯ\n\nĐinh Văn Hòa\n"
    )
    names = [t.assignee.name for t in extract_text(text).tasks if t.assignee]
    assert names == ["Ủy ban nhân dân huyện", "Ban Tuyên giáo Huyện ủy", "Các tổ chức cơ sở đảng"]


def test_commune_letter_after_the_reform_addresses_village_heads() -> None:
    # "Trưởng các thôn" (village heads) was refused: "truong" was taken only as "trường".
    from chidao.extract.pipeline import extract_text

    text = (
        "ỦY BAN NHÂN DÂN\nXÃ KỲ XUÂN\nSố: 215/UBND-VP\nV/v tổ chức lấy ý kiến nhân dân\n\n"
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n\n"
        "Kỳ Xuân, ngày 18 tháng 9 năm 2025\n\nKính gửi: Trưởng các thôn.\n\n"
        "Thực hiện Công văn số 4521/UBND-NC ngày 10/9/2025 của Ủy ban nhân dân tỉnh, Ủy ban "
        "nhân dân xã yêu cầu:\n\n1. Văn phòng HĐND và UBND xã chủ trì tổng hợp ý kiến.\n\n"
        "2. Trưởng các thôn tổ chức họp dân trước ngày 30/9/2025.\n"
    )
    rec = extract_text(text)
    assert rec.issuer is not None
    assert (rec.issuer.name, rec.issuer.parent, rec.issuer.level) == (
        "Ủy ban nhân dân xã Kỳ Xuân",
        "Ủy ban nhân dân tỉnh Hà Tĩnh",
        "commune",
    )
    assert [t.assignee.name for t in rec.tasks if t.assignee] == [
        "Văn phòng HĐND và UBND xã",
        "Trưởng các thôn",
    ]
    assert rec.tasks[1].deadline == "2025-09-30"


@pytest.mark.parametrize(
    ("item", "actor"),
    [
        ("1. Ủy ban nhân dân các huyện, thị xã sơ tán dân khỏi vùng nguy hiểm.", True),
        ("1. Ủy ban nhân dân các huyện, thị xã khắc phục hậu quả mưa lũ.", True),
        ("1. Các chi bộ kiện toàn bộ máy trước ngày 30/9/2025.", True),
        # Statements with no listed verb stay statements.
        ("1. Ngành công nghiệp ô tô bao gồm chuỗi các doanh nghiệp.", False),
        ("1. Bộ Luật dân sự năm 2005 quy định nguyên tắc thực hiện hợp đồng.", False),
    ],
)
def test_actor_before_a_verb_outside_the_verb_list(item: str, actor: bool) -> None:
    # Half of the common directive verbs ("sơ tán", "khắc phục", "kiện toàn", …) were not in
    # the verb list, so their items lost their actor: the first lower-case word that goes on
    # no organisation's name now ends the actor, when the actor names a body.
    from chidao.extract.pipeline import extract_text

    text = (
        "ỦY BAN NHÂN DÂN\nTỈNH QUẢNG BÌNH\nSố: 09/UBND-NN\nV/v ứng phó với mưa lũ\n\n"
        "Kính gửi: Các sở, ngành; UBND các huyện, thị xã.\n\n"
        "Ủy ban nhân dân tỉnh yêu cầu:\n\n" + item + "\n"
    )
    names = [t.assignee.name for t in extract_text(text).tasks if t.assignee]
    expected = item[3:].split(" sơ ")[0].split(" khắc ")[0].split(" kiện ")[0]
    assert names == ([expected] if actor else [])


def test_regression_lower_case_district_committees_are_actors() -> None:
    # Bug: "hai quan" in the list of heads needing a capital was split into "hai" and "quan",
    # so "Các quận ủy …" (printed in lower case) was refused and the lead-in became the task.
    from chidao.extract.pipeline import extract_text

    text = (
        "THÀNH ỦY ĐÀ NẴNG\n*\nSố 520-CV/TU\n\nĐẢNG CỘNG SẢN VIỆT NAM\n\n"
        "Đà Nẵng, ngày 15 tháng 3 năm 2022\n\n"
        "V/v thực hiện Kết luận số 19-KL/TW của Bộ Chính trị\n\n"
        "Kính gửi: Các quận ủy, huyện ủy, đảng ủy trực thuộc Thành ủy.\n\n"
        "Thực hiện Kết luận số 19-KL/TW ngày 14/10/2021 của Bộ Chính trị, Ban Thường vụ Thành ủy "
        "yêu cầu:\n\n1. Các quận ủy, huyện ủy, đảng ủy trực thuộc tổ chức quán triệt.\n"
    )
    names = [t.assignee.name for t in extract_text(text).tasks if t.assignee]
    assert names == ["Các quận ủy, huyện ủy, đảng ủy trực thuộc"]


def test_regression_giao_heading_over_its_dashes_names_the_whole_line() -> None:
    # A Thông báo kết luận assigns by headings: "2.4. Giao Vụ Pháp chế" then dashes. The
    # heading is the name: "chế", "quản lý", "- Hỗ trợ" are not the verb that ends it; and a
    # paragraph after the dashes is no page-break continuation of the heading.
    context = resolve_organisation("Tổng cục Thuế")
    text = (
        "2. Nhiệm vụ trọng tâm quý IV\n\n"
        "2.1. Giao Vụ Pháp chế\n\n"
        "- Vụ Pháp chế chủ trì, phối hợp với các đơn vị rà soát các vướng mắc.\n\n"
        "Thời gian hoàn thành trong quý IV năm 2024.\n\n"
        "2.5. Giao Vụ TTHT\n\n"
        "- Vụ TTHT chủ trì, phối hợp với Văn phòng đẩy mạnh công tác tuyên truyền.\n\n"
        "Vụ TTHT báo cáo kết quả trong tháng 12.\n\n"
        "2.2. Giao Vụ Quản lý nợ\n\n"
        "- Đánh giá kỹ tình hình nợ và tham mưu Tổng cục chỉ đạo các Cục Thuế.\n\n"
        "2.3. Giao Vụ Tuyên truyền - Hỗ trợ\n\n"
        "- Đẩy mạnh công tác tuyên truyền.\n\n"
        "2.4. Giao Vụ Kê khai\n\n"
        "- Vụ Kê khai chủ trì, đôn đốc các đơn vị.\n\n"
        "Các Cục Thuế báo cáo kết quả về Tổng cục trước ngày 25/12/2024.\n"
    )
    assert actors(text, context) == [
        "Vụ Pháp chế",
        "Vụ TTHT",
        "Vụ Quản lý nợ",
        "Vụ Tuyên truyền - Hỗ trợ",
        "Vụ Kê khai",
        "Các Cục Thuế",
    ]


def test_decision_articles_are_items_and_their_executors_are_actors() -> None:
    # A Quyết định assigns by article; its closing article names who carries it out, often
    # listing members after a colon ("Giám đốc các Sở: Y tế, Tài chính;"). Before, "Điều N."
    # was no label (one task per sentence) and "Chánh Văn phòng" no actor.
    context = resolve_organisation("Ủy ban nhân dân tỉnh Nam Định")
    text = (
        "QUYẾT ĐỊNH:\n\n"
        "Điều 1. Ban hành kèm theo Quyết định này Kế hoạch phòng, chống dịch năm 2022.\n\n"
        "Điều 2. Giao Sở Y tế chủ trì, phối hợp với các sở, ngành liên quan triển khai Kế "
        "hoạch. Sở Tài chính bố trí kinh phí thực hiện.\n\n"
        "Điều 3. Chánh Văn phòng Ủy ban nhân dân tỉnh, Giám đốc các Sở: Y tế, Tài chính; Chủ "
        "tịch Ủy ban nhân dân các huyện, thành phố chịu trách nhiệm thi hành Quyết định này./.\n"
    )
    assert actors(text, context) == [
        "Sở Y tế",
        "Chánh Văn phòng Ủy ban nhân dân tỉnh, Giám đốc các Sở: Y tế, Tài chính; Chủ tịch Ủy "
        "ban nhân dân các huyện, thành phố",
    ]
    # a colon after a single body still ends its name: "Ban Tuyên giáo: chủ trì …"
    assert actors("1. Ban Tuyên giáo Huyện ủy: chủ trì, phối hợp tuyên truyền.") == [
        "Ban Tuyên giáo Huyện ủy"
    ]


@pytest.mark.parametrize(
    ("item", "actor"),
    [
        # the verb's words also go on names: "thành phố", "phát triển", "cấp ủy", "trực thuộc"
        ("1- Ủy ban nhân dân huyện thành lập đoàn kiểm tra liên ngành.", "Ủy ban nhân dân huyện"),
        (
            "2- Ủy ban Mặt trận Tổ quốc huyện phát động phong trào thi đua.",
            "Ủy ban Mặt trận Tổ quốc huyện",
        ),
        (
            "3- Phòng Tài chính - Kế hoạch cấp phát kinh phí cho các xã.",
            "Phòng Tài chính - Kế hoạch",
        ),
        ("4- Các cơ quan, đơn vị trực ban 24/24 giờ trong dịp Tết.", "Các cơ quan, đơn vị"),
        # an unlisted verb ("sơ tán") followed by a listed short one ("ra") ran to the latter
        (
            "5- Ủy ban nhân dân các xã, thị trấn sơ tán dân ra khỏi vùng nguy hiểm.",
            "Ủy ban nhân dân các xã, thị trấn",
        ),
        # a short verb counts only as printed ("treo", not "trẻo"); "Trung tâm" is a name
        (
            "6- Trung tâm Văn hóa, Thông tin và Thể thao huyện treo băng rôn, khẩu hiệu.",
            "Trung tâm Văn hóa, Thông tin và Thể thao huyện",
        ),
    ],
)
def test_regression_actor_ends_at_verbs_made_of_name_words(item: str, actor: str) -> None:
    context = resolve_organisation("Huyện ủy Kim Sơn", province_hint="Ninh Bình")
    assert actors("Ban Thường vụ Huyện ủy yêu cầu:\n\n" + item + "\n", context) == [actor]


def test_regression_numbered_items_under_an_article_title() -> None:
    # "Điều 2. Tổ chức thực hiện" is a title with no sentence mark: the "1." under it opens an
    # item (before, it stayed inside the title's paragraph and its "Giao …" was lost).
    context = resolve_organisation("Hội đồng nhân dân tỉnh Quảng Ngãi")
    text = (
        "QUYẾT NGHỊ:\n\n"
        "Điều 1. Quy định mức hỗ trợ đối với người làm công tác phòng, chống dịch.\n\n"
        "Điều 2. Tổ chức thực hiện\n"
        "1. Giao Ủy ban nhân dân tỉnh tổ chức thực hiện Nghị quyết.\n"
        "2. Thường trực Hội đồng nhân dân, các Ban của Hội đồng nhân dân tỉnh giám sát việc "
        "thực hiện Nghị quyết.\n"
    )
    assert actors(text, context) == [
        "Ủy ban nhân dân tỉnh",
        "Thường trực Hội đồng nhân dân, các Ban của Hội đồng nhân dân tỉnh",
    ]


def test_regression_plan_assignments_with_a_colon_and_a_capital() -> None:
    # A Kế hoạch assigns "X: Verb …" with a capital after the colon, and names offices with
    # words unknown to the name list ("Hạ tầng"); before, the plan gave no task at all.
    context = resolve_organisation("Ủy ban nhân dân huyện Hải Lăng", province_hint="Quảng Trị")
    text = (
        "II. TỔ CHỨC THỰC HIỆN\n"
        "1. Phòng Y tế: Chủ trì, phối hợp với các cơ quan liên quan triển khai Kế hoạch.\n"
        "2. Trung tâm Y tế huyện: Tổ chức giám sát các bếp ăn tập thể.\n"
        "3. Phòng Kinh tế và Hạ tầng:\n"
        "- Phối hợp kiểm tra các cơ sở kinh doanh thực phẩm;\n"
        "- Tổng hợp báo cáo kết quả.\n"
        "4. UBND các xã, thị trấn: Xây dựng kế hoạch triển khai tại địa phương.\n"
    )
    assert actors(text, context) == [
        "Phòng Y tế",
        "Trung tâm Y tế huyện",
        "Phòng Kinh tế và Hạ tầng",
        "UBND các xã, thị trấn",
    ]
    # a lead-in that ends "như sau:" is still no actor
    lead = "Cục Thuế TP Hà Nội coy kién như Sau:\n\n1. Về hồ sơ: nộp đúng hạn.\n"
    assert actors(lead, context) == []


def test_regression_speakers_lead_in_item_and_lower_case_heads_after_a_quantifier() -> None:
    # "2. …, Chủ tịch UBND tỉnh yêu cầu:" introduces its lettered items: it is no task of the
    # speaker; and "Các sở, ban, ngành …" (lower-case head after "Các") names an actor.
    context = resolve_organisation("Ủy ban nhân dân tỉnh Bình Định")
    text = (
        "2. Để hoàn thành kế hoạch giải ngân, Chủ tịch UBND tỉnh yêu cầu:\n"
        "a) Các sở, ban, ngành, UBND các huyện, thị xã, thành phố tập trung chỉ đạo quyết liệt.\n"
        "b) Giao Sở Kế hoạch và Đầu tư tham mưu điều chuyển vốn trước ngày 30/9/2023.\n"
        "c) Sở Tài chính, Kho bạc Nhà nước tỉnh phối hợp kiểm soát chi kịp thời.\n"
    )
    assert actors(text, context) == [
        "Các sở, ban, ngành, UBND các huyện, thị xã, thành phố",
        "Sở Kế hoạch và Đầu tư",
        "Sở Tài chính, Kho bạc Nhà nước tỉnh",
    ]
    # "Các số liệu" is no "Các sở"
    assert actors("a) Các số liệu phải được cập nhật hằng tháng.\n", context) == []
