"""Deadlines and reporting duties on short synthetic letters, each value with its span."""

from __future__ import annotations

import pytest

from chidao.extract.pipeline import extract_text
from chidao.extract.records import Duty, Record

HEAD = """TỈNH ỦY NINH BÌNH

Số 217-CV/TU

ĐẢNG CỘNG SẢN VIỆT NAM

Ninh Bình, ngày 07 tháng 5 năm 2021

V/v triển khai nhiệm vụ

Kính gửi:
- Các huyện ủy, thành ủy,
- Các sở, ban, ngành tỉnh.

Ban Thường vụ Tỉnh ủy yêu cầu:

"""
TAIL = """

Nơi nhận:
- Như trên,
- Lưu Văn phòng Tỉnh ủy.

T/M BAN THƯỜNG VỤ
PHÓ BÍ THƯ

Trần Văn Nam
"""


def letter(*items: str) -> tuple[str, Record]:
    text = HEAD + "\n\n".join(items) + TAIL
    return text, extract_text(text, "synthetic.txt")


def reports(record: Record) -> list[Duty]:
    return [d for d in record.duties if d.kind == "report"]


def sliced(text: str, span: tuple[int, int]) -> str:
    return " ".join(text[span[0] : span[1]].split())


def test_every_task_is_a_duty_and_a_report_with_target_via_subject_and_date() -> None:
    text, record = letter(
        "1. Sở Y tế chủ trì xây dựng phương án phòng dịch.",
        "2. Các huyện ủy, thành ủy tổ chức quán triệt và báo cáo kết quả thực hiện về Ban "
        "Thường vụ Tỉnh ủy (qua Văn phòng Tỉnh ủy) trước ngày 30/6/2021.",
    )
    assert [d.kind for d in record.duties] == ["task", "task", "report"]
    assert [d.task for d in record.duties] == [1, 2, 2]
    first = record.duties[0]
    assert first.deadlines == () and first.assignee.name == "Sở Y tế"
    report = reports(record)[0]
    assert report.assignee.name == "Các huyện ủy, thành ủy"
    assert report.target.resolved.name == "Tỉnh ủy Ninh Bình"
    assert sliced(text, report.target.span) == "Ban Thường vụ Tỉnh ủy"
    assert report.via.resolved.name == "Văn phòng Tỉnh ủy Ninh Bình"
    assert sliced(text, report.via.span) == "Văn phòng Tỉnh ủy"
    assert report.subject.value == "kết quả thực hiện"
    assert sliced(text, report.subject.span) == "kết quả thực hiện"
    assert sliced(text, report.trigger.span) == "báo cáo"
    (deadline,) = report.deadlines
    assert (deadline.kind, deadline.date) == ("date", "2021-06-30")
    assert sliced(text, deadline.span) == "trước ngày 30/6/2021"
    # the task carries its report's deadline too
    assert record.duties[1].deadlines == report.deadlines
    assert record.tasks[1].deadline == "2021-06-30"


def test_report_directly_to_a_body_and_a_written_out_date() -> None:
    text, record = letter(
        "1. Giao Ban Tuyên giáo Tỉnh ủy theo dõi và báo cáo Thường trực Tỉnh ủy tình hình "
        "triển khai chậm nhất ngày 10 tháng 01 năm 2022."
    )
    (report,) = reports(record)
    assert sliced(text, report.target.span) == "Thường trực Tỉnh ủy"
    assert report.subject.value == "tình hình triển khai"
    (d,) = report.deadlines
    assert (d.kind, d.date, sliced(text, d.span)) == (
        "date",
        "2022-01-10",
        "chậm nhất ngày 10 tháng 01 năm 2022",
    )


@pytest.mark.parametrize(
    ("item", "printed", "date"),
    [
        ("hoàn thành trước ngày 15/6/2021", "trước ngày 15/6/2021", "2021-06-15"),
        ("hoàn thành (báo cáo trước 15/6/2021)", "trước 15/6/2021", "2021-06-15"),
        ("hoàn thành chậm nhất là ngày 01-7-2021", "chậm nhất là ngày 01-7-2021", "2021-07-01"),
        ("hoàn thành trước 10 tháng 7 năm 2021", None, None),  # "10 months before": no date
    ],
)
def test_date_deadlines(item: str, printed: str | None, date: str | None) -> None:
    text, record = letter(f"1. Sở Xây dựng {item}.")
    deadlines = record.duties[0].deadlines
    if printed is None:
        assert deadlines == ()
        return
    (d,) = deadlines
    assert (d.kind, d.date, sliced(text, d.span)) == ("date", date, printed)


@pytest.mark.parametrize(
    ("phrase", "date", "offset", "anchor"),
    [
        ("trong 15 ngày kể từ ngày ký", "2021-05-22", "P15D", "signing"),
        ("trong thời hạn 2 tháng kể từ ngày ban hành", "2021-07-07", "P2M", "signing"),
        ("trong vòng 10 ngày kể từ ngày 01/6/2021", "2021-06-11", "P10D", "date"),
        ("trong 05 ngày làm việc kể từ ngày nhận được Công văn này", None, "P5D", "receipt"),
    ],
)
def test_relative_deadlines_resolve_against_the_letters_date(
    phrase: str, date: str | None, offset: str, anchor: str
) -> None:
    text, record = letter(f"1. Sở Nội vụ rà soát, báo cáo UBND tỉnh {phrase}.")
    (report,) = reports(record)
    (d,) = report.deadlines
    assert (d.kind, d.date, d.offset, d.anchor) == ("relative", date, offset, anchor)
    assert sliced(text, d.span) == phrase.removesuffix(" Công văn này")


@pytest.mark.parametrize(
    ("phrase", "printed", "period", "date", "day"),
    [
        ("trước ngày 15 hằng tháng", "trước ngày 15 hằng tháng", "P1M", "2021-05-15", 15),
        ("trước ngày mùng 5 hàng tháng", "trước ngày mùng 5 hàng tháng", "P1M", "2021-06-05", 5),
        ("định kỳ hằng tháng", "định kỳ hằng tháng", "P1M", "2021-05-31", None),
        ("hàng quý", "hàng quý", "P3M", "2021-06-30", None),
        ("định kỳ 6 tháng", "định kỳ 6 tháng", "P6M", "2021-06-30", None),
        ("hằng năm", "hằng năm", "P1Y", "2021-12-31", None),
    ],
)
def test_periodic_deadlines(
    phrase: str, printed: str, period: str, date: str, day: int | None
) -> None:
    text, record = letter(f"1. Các sở, ngành báo cáo kết quả về UBND tỉnh {phrase}.")
    (report,) = reports(record)
    (d,) = report.deadlines
    assert (d.kind, d.period, d.date, d.day) == ("periodic", period, date, day)
    assert sliced(text, d.span) == printed


def test_periodic_before_the_verb_and_a_yearly_day() -> None:
    text, record = letter(
        "1. Định kỳ hằng quý, các huyện ủy tổng hợp, báo cáo Ban Thường vụ Tỉnh ủy; tổng "
        "kết, báo cáo Ban Thường vụ Tỉnh ủy trước ngày 15/12 hằng năm."
    )
    first, second = reports(record)
    assert [d.period for d in first.deadlines] == ["P3M"]
    assert sliced(text, first.deadlines[0].span) == "Định kỳ hằng quý"
    (yearly,) = second.deadlines
    assert (yearly.period, yearly.day, yearly.month, yearly.date) == ("P1Y", 15, 12, "2021-12-15")


def test_a_report_named_by_its_periods() -> None:
    text, record = letter(
        "1. Các sở, ngành thực hiện chế độ báo cáo quý, 6 tháng, năm về UBND tỉnh."
    )
    (report,) = reports(record)
    assert [d.period for d in report.deadlines] == ["P3M", "P6M", "P1Y"]
    assert [sliced(text, d.span) for d in report.deadlines] == ["quý", "6 tháng", "năm"]
    assert report.target.resolved.name == "Ủy ban nhân dân tỉnh Ninh Bình"


def test_what_is_no_duty() -> None:
    _, record = letter(
        "1. Sở Lao động - Thương binh và Xã hội chi trả lương hưu hằng tháng cho người đã "
        "đóng bảo hiểm trước ngày 01/01/2016; theo báo cáo của Sở Y tế và Báo cáo số "
        "12-BC/UBND, một số huyện chưa báo cáo đầy đủ."
    )
    (task,) = record.duties
    assert task.kind == "task" and task.deadlines == ()


@pytest.mark.parametrize(
    "item",
    [
        "Trường hợp phát sinh vướng mắc, đề nghị các Cục Thuế báo cáo Tổng cục Thuế.",
        "Đối với những vướng mắc không thuộc thẩm quyền thì Sở Tư pháp kịp thời báo cáo UBND tỉnh.",
    ],
)
def test_a_report_only_if_something_goes_wrong_is_no_duty(item: str) -> None:
    _, record = letter(f"1. {item}")
    assert reports(record) == []


def test_a_report_asked_for_outside_the_tasks() -> None:
    lead = (
        "Ban Thường vụ Tỉnh ủy yêu cầu các đơn vị báo cáo kết quả về Văn phòng Tỉnh ủy trước "
        "ngày 20/5/2021 và thực hiện tốt các nội dung sau:"
    )
    text = HEAD.replace("Ban Thường vụ Tỉnh ủy yêu cầu:", lead) + "1. Sở Y tế chủ trì." + TAIL
    record = extract_text(text, "synthetic.txt")
    (outside,) = [d for d in reports(record) if d.task is None]
    assert outside.assignee is None  # the addressees
    assert sliced(text, outside.target.span) == "Văn phòng Tỉnh ủy"
    assert outside.deadlines[0].date == "2021-05-20"


def test_a_closing_that_asks_nobody_is_no_duty() -> None:
    _, record = letter(
        "1. Sở Y tế chủ trì triển khai.",
        "Trên đây là ý kiến của Ban Thường vụ Tỉnh ủy, các đơn vị tổng hợp, báo cáo Văn phòng "
        "Tỉnh ủy trước ngày 25/5/2021.",
    )
    assert [d.kind for d in record.duties] == ["task"]


def test_duties_round_trip_through_json() -> None:
    _, record = letter(
        "1. Các huyện ủy báo cáo kết quả về Ban Thường vụ Tỉnh ủy (qua Văn phòng Tỉnh ủy) "
        "trước ngày 15 hằng tháng."
    )
    assert record.duties
    assert Record.from_json(record.to_json()) == record
