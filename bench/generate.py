"""A synthetic corpus of directives cascading from the centre to every district.

Each *campaign* starts with one central document (a Government resolution
``NQ-CP``, a Prime Minister's directive or telegram ``CT-TTg`` / ``CĐ-TTg``, a
Secretariat directive ``CT/TW`` or a Politburo conclusion ``KL/TW``).  Every
province of the gazetteer answers it twice (the Party committee ``…-CV/TU`` and
the People's Committee ``…/UBND-VX``, ``…/KH-UBND``), and every district answers
its province twice (``…-CV/HU`` and ``…/UBND``), each a few days later.  So a
campaign is 1 + 2·63 + 2·705 = 1,537 documents, and 10^6 documents are some
650 campaigns spread over the years 2019–2025.

The documents follow the layouts of Decree 30/2020/NĐ-CP (State) and Guideline
36-HD/VPTW (Party): header, number, place and date, subject, ``Kính gửi``,
an opening paragraph with the citations it implements / is based on / cites
(some without a number, some relative: ``của Ban Thường vụ Tỉnh ủy``), numbered
tasks with their actors, ``Nơi nhận`` and the signature (``T/M``, ``K/T``,
``TM.``, ``KT.``).  Then the debris of converted files is sprinkled on: ``**``
emphasis, ``|`` table rules, page-break markers and sentences split by a page
break, stray spaces in numbers (``Số 114 -CV/HU``), digital-signature stamps
with an unaccented copy of the name, old tone placement (``uỷ``, ``hoà``).

Everything is deterministic for a seed and streamed: :func:`iter_documents`
is a generator that never holds more than one campaign's bookkeeping (no
document text is kept), and :func:`write_corpus` writes each document as it is
made, 1,000 to a sharded sub-folder, with one gzip'd JSONL line of ground truth
per document in ``manifest.jsonl.gz``.

Usage::

    .venv/bin/python -m bench.generate --size 10000 --seed 7 --out bench/corpora/n10000
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import gzip
import json
import random
import sys
import time
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

#: Bumped whenever the output for a given (size, seed) changes.
GENERATOR_VERSION = 1
SHARD_SIZE = 1000
GAZETTEER = "gso-admin-units-2021-02-03.csv"


# --- gazetteer -----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Unit:
    """A province or district of the pre-2025 gazetteer."""

    full: str  # "Tỉnh Lâm Đồng", "Huyện Bảo Lâm"
    kind: str  # "Tỉnh", "Thành phố", "Huyện", "Quận", "Thị xã"
    short: str  # "Lâm Đồng", "Bảo Lâm"


@dataclass(frozen=True, slots=True)
class Province:
    unit: Unit
    districts: tuple[Unit, ...]


_KINDS = ("Thành phố", "Thị xã", "Tỉnh", "Huyện", "Quận")


def _unit(full: str) -> Unit:
    # The GSO list spells a few "Thành Phố", "Thị Xã": compare without case.
    for kind in _KINDS:
        if full.lower().startswith(kind.lower() + " "):
            short = full[len(kind) + 1 :]
            return Unit(f"{kind} {short}", kind, short)
    raise ValueError(f"{GAZETTEER}: unit of unknown kind: {full!r}")


def load_gazetteer() -> tuple[Province, ...]:
    """The 63 provinces and 705 districts of the GSO list, in its order."""
    order: dict[str, dict[str, None]] = {}
    with resources.files("chidao.data").joinpath(GAZETTEER).open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            order.setdefault(row["Tỉnh Thành Phố"], {})[row["Quận Huyện"]] = None
    return tuple(
        Province(_unit(p), tuple(_unit(d) for d in districts)) for p, districts in order.items()
    )


# --- text banks ----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Topic:
    subject: str  # "phòng, chống dịch Covid-19"
    goals: tuple[str, ...]  # verb phrases for tasks


TOPICS = (
    Topic(
        "phòng, chống dịch Covid-19",
        (
            "đẩy nhanh tiến độ tiêm vắc xin phòng Covid-19, bảo đảm an toàn, khoa học, hiệu quả",
            "tăng cường kiểm tra, giám sát việc thực hiện các biện pháp phòng, chống dịch tại "
            "cơ quan, đơn vị, khu dân cư",
            "chuẩn bị sẵn sàng nhân lực, vật tư, trang thiết bị y tế, phương án xử lý tình "
            "huống xấu nhất",
            "thực hiện tốt công tác truy vết, xét nghiệm, cách ly, điều trị, không để dịch "
            "lây lan trong cộng đồng",
            "triển khai kịp thời các chính sách hỗ trợ người lao động và người sử dụng lao "
            "động gặp khó khăn do đại dịch",
        ),
    ),
    Topic(
        "chuyển đổi số và phát triển chính quyền số",
        (
            "đẩy mạnh cung cấp dịch vụ công trực tuyến toàn trình, nâng tỷ lệ hồ sơ xử lý "
            "trực tuyến",
            "hoàn thành việc số hóa hồ sơ, kết quả giải quyết thủ tục hành chính theo lộ trình",
            "bảo đảm an toàn, an ninh mạng cho các hệ thống thông tin của cơ quan, đơn vị",
            "phát triển hạ tầng số, phủ sóng di động đến các thôn, bản vùng sâu, vùng xa",
            "tuyên truyền, hướng dẫn người dân sử dụng tài khoản định danh điện tử",
        ),
    ),
    Topic(
        "phòng, chống thiên tai và tìm kiếm cứu nạn",
        (
            "rà soát, cập nhật phương án ứng phó với bão, lũ, sạt lở đất theo phương châm bốn "
            "tại chỗ",
            "kiểm tra, gia cố các công trình đê điều, hồ đập, bảo đảm an toàn trong mùa mưa lũ",
            "chủ động sơ tán người dân ra khỏi khu vực nguy hiểm, bảo đảm an toàn tính mạng",
            "dự trữ lương thực, thuốc men, nhu yếu phẩm tại các khu vực có nguy cơ bị chia cắt",
            "tổ chức trực ban nghiêm túc, theo dõi chặt chẽ diễn biến thời tiết",
        ),
    ),
    Topic(
        "bảo đảm trật tự, an toàn giao thông",
        (
            "tăng cường tuần tra, kiểm soát, xử lý nghiêm các hành vi vi phạm về nồng độ cồn",
            "rà soát, khắc phục các điểm đen, điểm tiềm ẩn nguy cơ tai nạn giao thông",
            "đẩy mạnh tuyên truyền, giáo dục ý thức chấp hành pháp luật về giao thông",
            "kiểm tra điều kiện an toàn của phương tiện vận tải hành khách",
            "xử lý dứt điểm tình trạng lấn chiếm hành lang an toàn đường bộ",
        ),
    ),
    Topic(
        "xây dựng nông thôn mới và giảm nghèo bền vững",
        (
            "huy động, lồng ghép các nguồn lực thực hiện Chương trình mục tiêu quốc gia",
            "rà soát, đánh giá mức độ đạt các tiêu chí nông thôn mới của từng xã",
            "hỗ trợ sinh kế, tạo việc làm cho hộ nghèo, hộ cận nghèo",
            "đẩy nhanh tiến độ giải ngân vốn đầu tư công của Chương trình",
            "phát triển sản phẩm OCOP gắn với thế mạnh của địa phương",
        ),
    ),
    Topic(
        "cải cách hành chính và siết chặt kỷ luật, kỷ cương",
        (
            "rà soát, đơn giản hóa thủ tục hành chính, cắt giảm thời gian giải quyết hồ sơ",
            "xử lý nghiêm cán bộ, công chức có biểu hiện nhũng nhiễu, né tránh, đùn đẩy",
            "công khai, minh bạch quy trình giải quyết thủ tục hành chính tại bộ phận một cửa",
            "nâng cao chỉ số hài lòng của người dân, doanh nghiệp",
            "kiểm tra công vụ đột xuất tại các cơ quan, đơn vị",
        ),
    ),
)

FILLER = (
    "Thời gian qua, các cấp ủy, chính quyền, Mặt trận Tổ quốc và các tổ chức chính trị - xã hội "
    "đã chủ động triển khai nhiều giải pháp, bước đầu đạt kết quả tích cực.",
    "Tuy nhiên, việc triển khai ở một số nơi còn chậm, chưa đồng bộ; một số cán bộ, đảng viên "
    "còn tâm lý chủ quan, lơ là, thiếu quyết liệt trong chỉ đạo, điều hành.",
    "Tình hình dự báo thời gian tới còn diễn biến phức tạp, khó lường, tác động nhiều mặt đến "
    "đời sống, sản xuất, kinh doanh của người dân và doanh nghiệp.",
    "Để kịp thời khắc phục hạn chế, bảo đảm thực hiện thắng lợi các mục tiêu, nhiệm vụ đã đề ra, "
    "cần phát huy sức mạnh tổng hợp của cả hệ thống chính trị.",
    "Kết quả thực hiện là một tiêu chí đánh giá, xếp loại tổ chức đảng, cơ quan, đơn vị và "
    "người đứng đầu cuối năm.",
)

QUALIFIERS = (
    "bảo đảm đúng tiến độ, chất lượng, hiệu quả",
    "phù hợp với tình hình thực tế của địa phương, đơn vị",
    "không để xảy ra tình trạng chậm trễ, hình thức",
    "báo cáo kết quả trước ngày 25 hằng tháng",
    "kịp thời phát hiện, tháo gỡ khó khăn, vướng mắc phát sinh",
    "gắn trách nhiệm của người đứng đầu với kết quả thực hiện",
)

SURNAMES = ("Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ")
MIDDLES = ("Văn", "Thị", "Hữu", "Đức", "Minh", "Thanh", "Quốc", "Ngọc", "Xuân", "Công")
GIVEN = ("An", "Bình", "Cường", "Dũng", "Hà", "Hải", "Hùng", "Lan", "Linh", "Long", "Nam",
         "Phong", "Quang", "Sơn", "Thắng", "Thảo", "Trung", "Tuấn", "Vinh", "Yến")  # fmt: skip

# Central issuers: (body, Party?, type code, type word, number format, signer block).
CENTRAL = (
    ("Chính phủ", False, "NQ", "Nghị quyết", "{n}/NQ-CP", ("TM. CHÍNH PHỦ", "THỦ TƯỚNG")),
    ("Thủ tướng Chính phủ", False, "CT", "Chỉ thị", "{n}/CT-TTg", ("THỦ TƯỚNG",)),
    ("Thủ tướng Chính phủ", False, "CĐ", "Công điện", "{n}/CĐ-TTg", ("THỦ TƯỚNG",)),
    ("Ban Bí thư", True, "CT", "Chỉ thị", "{n}-CT/TW", ("T/M BAN BÍ THƯ",)),
    ("Bộ Chính trị", True, "KL", "Kết luận", "{n}-KL/TW", ("T/M BỘ CHÍNH TRỊ",)),
)
CENTRAL_HEADER = {
    "Chính phủ": ("CHÍNH PHỦ",),
    "Thủ tướng Chính phủ": ("THỦ TƯỚNG CHÍNH PHỦ",),
    "Ban Bí thư": ("BAN CHẤP HÀNH TRUNG ƯƠNG",),
    "Bộ Chính trị": ("BAN CHẤP HÀNH TRUNG ƯƠNG",),
}
CENTRAL_ACTORS = (
    "Bộ Y tế", "Bộ Công an", "Bộ Quốc phòng", "Bộ Tài chính", "Bộ Kế hoạch và Đầu tư",
    "Bộ Thông tin và Truyền thông", "Bộ Nông nghiệp và Phát triển nông thôn",
    "Bộ Giao thông vận tải", "Bộ Nội vụ",
    "Ủy ban nhân dân các tỉnh, thành phố trực thuộc Trung ương",
)  # fmt: skip
CENTRAL_PARTY_ACTORS = (
    "Các tỉnh ủy, thành ủy, đảng ủy trực thuộc Trung ương",
    "Ban Tuyên giáo Trung ương",
    "Ban Tổ chức Trung ương",
    "Ủy ban Kiểm tra Trung ương",
    "Đảng đoàn Quốc hội",
    "Ban cán sự đảng Chính phủ",
    "Đảng đoàn Mặt trận Tổ quốc Việt Nam và các đoàn thể Trung ương",
)
PROVINCE_STATE_ACTORS = (
    "Sở Y tế", "Sở Giáo dục và Đào tạo", "Sở Lao động - Thương binh và Xã hội", "Sở Tài chính",
    "Sở Kế hoạch và Đầu tư", "Công an {w}", "Bộ Chỉ huy Quân sự {w}",
    "Sở Thông tin và Truyền thông", "Sở Nông nghiệp và Phát triển nông thôn",
    "Ủy ban nhân dân các huyện, thị xã, thành phố",
)  # fmt: skip
DISTRICT_STATE_ACTORS = (
    "Phòng Y tế", "Phòng Giáo dục và Đào tạo", "Phòng Lao động - Thương binh và Xã hội",
    "Phòng Tài chính - Kế hoạch", "Phòng Văn hóa và Thông tin", "Trung tâm Y tế {w}",
    "Công an {w}", "Ban Chỉ huy Quân sự {w}", "Ủy ban nhân dân các xã, thị trấn",
)  # fmt: skip
VERBS = ("chủ trì, phối hợp với các cơ quan liên quan", "khẩn trương", "tập trung chỉ đạo",
         "tiếp tục", "chịu trách nhiệm")  # fmt: skip


# --- documents -----------------------------------------------------------------------------


@dataclass(slots=True)
class Issued:
    """What later documents need to cite one document."""

    number: str
    date: dt.date
    type_word: str  # "Công văn"
    issuer: str  # canonical name, "Huyện ủy Bảo Lâm"
    relative: str  # how a lower body names it: "Ban Thường vụ Tỉnh ủy"


@dataclass(slots=True)
class SynthDoc:
    """One generated document and its ground truth."""

    index: int
    relpath: str  # "shard-0000/0000000123.txt"
    text: str
    truth: dict[str, Any] = field(default_factory=dict)


def _party_unit_word(kind: str) -> tuple[str, str]:
    """(committee, number suffix) of a unit's Party committee."""
    return {
        "Tỉnh": ("Tỉnh ủy", "TU"),
        "Thành phố": ("Thành ủy", "TU"),
        "Huyện": ("Huyện ủy", "HU"),
        "Quận": ("Quận ủy", "QU"),
        "Thị xã": ("Thị ủy", "TX"),
    }[kind]


def _vn_date(d: dt.date, rng: random.Random) -> str:
    """A date as printed in the body: three forms, as real letters mix them."""
    form = rng.random()
    if form < 0.5:
        return f"ngày {d.day:02d}/{d.month}/{d.year}"
    if form < 0.8:
        return f"ngày {d.day} tháng {d.month} năm {d.year}"
    return f"ngày {d.day:02d}-{d.month:02d}-{d.year}"


def _header_date(place: str, d: dt.date, rng: random.Random) -> str:
    day = f"{d.day:02d}" if rng.random() < 0.6 else str(d.day)
    month = f"{d.month:02d}" if d.month < 3 and rng.random() < 0.5 else str(d.month)
    return f"{place}, ngày {day} tháng {month} năm {d.year}"


def _name(rng: random.Random) -> str:
    return f"{rng.choice(SURNAMES)} {rng.choice(MIDDLES)} {rng.choice(GIVEN)}"


def _unaccented(s: str) -> str:
    s = s.replace("Đ", "D").replace("đ", "d")
    return "".join(c for c in unicodedata.normalize("NFD", s) if not unicodedata.combining(c))


class _Numbering:
    """Per issuer and year, numbers that grow by a plausible step between documents."""

    def __init__(self) -> None:
        self._last: dict[tuple[str, int], int] = {}

    def next(self, issuer: str, year: int, rng: random.Random, step: int) -> int:
        key = (issuer, year)
        n = self._last.get(key, 0) + rng.randint(1, step)
        self._last[key] = n
        return n

    def forget_before(self, year: int) -> None:
        # Numbers restart every year, so older years can go: memory stays bounded.
        for key in [k for k in self._last if k[1] < year]:
            del self._last[key]


def _citation(rng: random.Random, target: Issued, *, relative: bool, with_date: bool) -> str:
    who = target.relative if relative else target.issuer
    date = f" {_vn_date(target.date, rng)}" if with_date else ""
    sep = "," if with_date and rng.random() < 0.3 else ""
    return f"{target.type_word} số {target.number}{sep}{date} của {who}"


class _Writer:
    """Builds one document's text from its parts and sprinkles debris on it."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng

    def tasks(self, actors: list[str], goals: tuple[str, ...], party: bool, n: int) -> list[str]:
        rng = self.rng
        style = rng.choice(("{i}.", "{i}-", "{i}.", "{a})"))
        out = []
        for i in range(1, n + 1):
            actor = rng.choice(actors)
            goal = rng.choice(goals)
            pattern = rng.random()
            if pattern < 0.55 and actor.startswith("Các "):
                actor = "c" + actor[1:]  # "Giao các tổ chức cơ sở đảng …"
            if pattern < 0.3:
                head = f"Giao {actor} {rng.choice(VERBS)} {goal}"
            elif pattern < 0.55:
                partner = rng.choice(actors)
                partner = "c" + partner[1:] if partner.startswith("Các ") else partner
                head = f"{actor} chủ trì, phối hợp với {partner} {goal}"
            elif pattern < 0.75:
                head = f"Đề nghị {actor} {goal}" if party else f"{actor} {goal}"
            else:
                head = f"{actor} {rng.choice(VERBS)} {goal}"
            extra = "; ".join(rng.sample(QUALIFIERS, k=rng.randint(3, 5)))
            label = style.format(i=i, a="abcdefghijkl"[i - 1])
            body = f"{label} {head}; {extra}."
            if rng.random() < 0.5:
                subs = rng.sample(goals, k=rng.randint(2, 3))
                body += "".join(f"\n\n- {s[0].upper()}{s[1:]}." for s in subs)
            out.append(body)
        return out

    def debris(self, text: str, number: str, name: str, date: dt.date) -> str:
        rng = self.rng
        if rng.random() < 0.15:  # "SỐ 114 -CV/HU": a stray space before the type code
            digits = len(number) - len(number.lstrip("0123456789"))
            spaced = f"{number[:digits]} {number[digits:]}"  # "114 -CV/HU", "68 /NQ-CP"
            text = text.replace(number, spaced, 1)
        if rng.random() < 0.3:  # old tone placement from an old keyboard driver
            text = text.replace("ủy", "uỷ").replace("hòa", "hoà")
        if rng.random() < 0.5:  # a page break in the middle of a sentence
            cut = text.find(" ", len(text) // 2)
            marker = rng.choice(("\n\n", "\n\n--- PAGE BREAK ---\n\n2\n\n"))
            if cut > 0:
                text = text[:cut] + marker + text[cut + 1 :]
        if rng.random() < 0.3:  # a digital-signature stamp and an unaccented copy of the name
            text += f"\n\n{_unaccented(name)}\n\nKý bởi: Văn phòng\n"
            text += f"{date.year}.{date.month:02d}.{date.day:02d} "
            hh, mm, ss = rng.randint(7, 17), rng.randint(0, 59), rng.randint(0, 59)
            text += f"{hh:02d}:{mm:02d}:{ss:02d} +07:00\n"
        return text


def _party_doc(
    w: _Writer,
    *,
    parent_line: str,
    issuer_line: str,
    number: str,
    place: str,
    date: dt.date,
    subject: str,
    recipients: list[str],
    opening: str,
    committee: str,
    tasks: list[str],
    distribution: list[str],
    signer: tuple[str, ...],
    name: str,
) -> str:
    rng = w.rng
    star = "**" if rng.random() < 0.4 else ""
    head = (
        f"{star}{parent_line}\n{issuer_line}{star}" if parent_line else f"{star}{issuer_line}{star}"
    )
    vv = f"*V/v {subject}*" if rng.random() < 0.5 else f"V/v {subject}"
    parts = [
        "",
        head,
        "\n*\n" if rng.random() < 0.5 else "",
        f"Số {number}",
        vv,
        "ĐẢNG CỘNG SẢN VIỆT NAM",
        _header_date(place, date, rng),
        _recipients(rng, recipients),
        opening + f" Ban Thường vụ {committee} yêu cầu:",
        "\n\n".join(tasks),
        _distribution(rng, distribution),
        _signature(rng, signer, name),
    ]
    return "\n\n".join(p for p in parts if p is not None) + "\n"


def _state_doc(
    w: _Writer,
    *,
    header: tuple[str, ...],
    number: str,
    place: str,
    date: dt.date,
    type_title: str | None,
    subject: str,
    recipients: list[str],
    opening: str,
    tasks: list[str],
    distribution: list[str],
    signer: tuple[str, ...],
    name: str,
) -> str:
    rng = w.rng
    sep = "|" if rng.random() < 0.25 else ""
    head = "\n".join(f"{h} {sep}" if sep else h for h in header)
    parts = [
        "",
        f"{head}\n_______",
        f"Số: {number}",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc",
        _header_date(place, date, rng),
        f"{type_title}\n{subject[0].upper()}{subject[1:]}" if type_title else f"V/v {subject}",
        _recipients(rng, recipients) if recipients else "",
        opening,
        "\n\n".join(tasks),
        _distribution(rng, distribution),
        _signature(rng, signer, name),
    ]
    return "\n\n".join(parts) + "\n"


def _recipients(rng: random.Random, names: list[str]) -> str:
    lead = rng.choice(("Kính gửi:", "- Kính gửi:*", "Kính gửi:"))
    indent = " " if rng.random() < 0.2 else ""
    lines = [f"{indent}- {n}," for n in names]
    lines[-1] = lines[-1][:-1] + "."
    if len(names) == 1 and rng.random() < 0.5:
        return f"Kính gửi: {names[0]}."
    return lead + "\n" + "\n".join(lines)


def _distribution(rng: random.Random, names: list[str]) -> str:
    lines = []
    for n in names:
        if n.startswith("Lưu") or n.startswith("Như"):
            lines.append(f"- {n},")
        elif rng.random() < 0.3:
            lines.append(f"- {n}, | *để báo cáo*")
        elif rng.random() < 0.3:
            lines.append(f"- {n} (để biết),")
        else:
            lines.append(f"- {n},")
    lines[-1] = lines[-1].rstrip(",") + "."
    return "Nơi nhận:\n\n" + "\n".join(lines)


def _signature(rng: random.Random, block: tuple[str, ...], name: str) -> str:
    star = "**" if rng.random() < 0.3 else ""
    return f"{star}{chr(10).join(block)}{star}\n\n\n\n{name}"


def _opening(rng: random.Random, citations: list[str]) -> str:
    """The citations the letter acts on, then a paragraph of context."""
    filler = " ".join(rng.sample(FILLER, k=rng.randint(2, 4)))
    return f"{' '.join(citations)}\n\n{filler}"


class _Campaign:
    """One central document and everything that answers it."""

    def __init__(
        self,
        index: int,
        seed: int,
        provinces: tuple[Province, ...],
        numbering: _Numbering,
        start: dt.date,
    ) -> None:
        self.rng = random.Random(f"{seed}:{index}")
        self.index = index
        self.provinces = provinces
        self.numbering = numbering
        self.start = start
        self.topic = self.rng.choice(TOPICS)
        self.w = _Writer(self.rng)
        # An older central document some letters cite without a date ("cites").
        self.older = self.rng.choice(CENTRAL)

    def documents(self) -> Iterator[tuple[str, dict[str, Any]]]:
        rng = self.rng
        body, party, code, word, fmt, signer = rng.choice(CENTRAL)
        date = self.start
        number = fmt.format(n=self.numbering.next(fmt, date.year, rng, 8))
        central = Issued(number, date, word, body, body)
        subject = f"{rng.choice(('tăng cường', 'đẩy mạnh', 'tiếp tục thực hiện'))} công tác "
        subject += self.topic.subject
        older_num = self.older[4].format(n=rng.randint(1, 40))
        older = Issued(older_num, date, self.older[3], self.older[0], self.older[0])
        cite_older = f"Căn cứ {_citation(rng, older, relative=False, with_date=False)};"
        actors = list(CENTRAL_PARTY_ACTORS if party else CENTRAL_ACTORS)
        tasks = self.w.tasks(actors, self.topic.goals, party, rng.randint(5, 8))
        text = _state_or_party_central(self.w, central, party, subject, cite_older, tasks, signer)
        yield text, self._truth(central, "central", "party" if party else "state", [
            (older.number, "based_on")
        ])  # fmt: skip
        for province in self.provinces:
            yield from self._province(province, central, subject)

    def _province(
        self, province: Province, central: Issued, subject: str
    ) -> Iterator[tuple[str, dict[str, Any]]]:
        rng = self.rng
        unit = province.unit
        committee, suffix = _party_unit_word(unit.kind)
        party_name = f"{committee} {unit.short}"
        ubnd_name = f"Ủy ban nhân dân {unit.kind.lower()} {unit.short}"
        # Party letter.
        d1 = central.date + dt.timedelta(days=rng.randint(1, 20))
        n1 = f"{self.numbering.next(party_name, d1.year, rng, 12)}-CV/{suffix}"
        tu = Issued(n1, d1, "Công văn", party_name, f"Ban Thường vụ {committee}")
        cite = f"Thực hiện {_citation(rng, central, relative=False, with_date=True)} về {subject},"
        opening = _opening(rng, [cite])
        actors = [
            f"Ban Tuyên giáo {committee}",
            f"Ban Dân vận {committee}",
            f"Ủy ban Kiểm tra {committee}",
            f"Văn phòng {committee}",
            f"Ban cán sự đảng Ủy ban nhân dân {unit.kind.lower()}",
            "Các huyện ủy, thị ủy, thành ủy, đảng ủy trực thuộc",
            f"Mặt trận Tổ quốc và các đoàn thể {unit.kind.lower()}",
        ]
        tasks = self.w.tasks(actors, self.topic.goals, True, rng.randint(5, 8))
        name = _name(rng)
        text = _party_doc(
            self.w,
            parent_line="",
            issuer_line=f"{committee.upper()} {unit.short.upper()}",
            number=n1,
            place=unit.short,
            date=d1,
            subject=f"triển khai thực hiện {central.type_word} số {central.number}",
            recipients=[
                "Các huyện ủy, thị ủy, thành ủy, đảng ủy trực thuộc",
                "Các ban cán sự đảng, đảng đoàn",
                f"Các sở, ban, ngành, Mặt trận Tổ quốc và đoàn thể {unit.kind.lower()}",
            ],
            opening=opening,
            committee=committee,
            tasks=tasks,
            distribution=[
                "Ban Bí thư",
                f"Các đồng chí Ủy viên Ban Thường vụ {committee}",
                "Như trên",
                f"Lưu Văn phòng {committee}",
            ],  # fmt: skip
            signer=rng.choice(
                (("T/M BAN THƯỜNG VỤ", "BÍ THƯ"), ("T/M BAN THƯỜNG VỤ", "PHÓ BÍ THƯ"))
            ),
            name=name,
        )
        yield self.w.debris(text, n1, name, d1), self._truth(tu, "province", "party", [
            (central.number, "implements")
        ])  # fmt: skip
        # State letter or plan.
        d2 = d1 + dt.timedelta(days=rng.randint(1, 10))
        plan = rng.random() < 0.3
        seq = self.numbering.next(ubnd_name, d2.year, rng, 40)
        n2 = f"{seq}/KH-UBND" if plan else f"{seq}/UBND-{rng.choice(('VX', 'KGVX', 'TH'))}"
        word2 = "Kế hoạch" if plan else "Công văn"
        ub = Issued(n2, d2, word2, ubnd_name, f"Ủy ban nhân dân {unit.kind.lower()}")
        cites = [
            f"Thực hiện {_citation(rng, central, relative=False, with_date=True)};",
            f"Căn cứ {_citation(rng, tu, relative=True, with_date=rng.random() < 0.8)};",
        ]
        relations = [(central.number, "implements"), (tu.number, "based_on")]
        if rng.random() < 0.3:
            cites.append(
                f"Theo chỉ đạo tại {_citation(rng, central, relative=False, with_date=False)},"
            )
        opening = _opening(rng, cites)
        kind = unit.kind.lower()
        state_actors = [a.format(w=kind) for a in PROVINCE_STATE_ACTORS]
        tasks = self.w.tasks(state_actors, self.topic.goals, False, rng.randint(5, 8))
        name = _name(rng)
        text = _state_doc(
            self.w,
            header=("ỦY BAN NHÂN DÂN", f"{unit.kind.upper()} {unit.short.upper()}"),
            number=n2,
            place=unit.short,
            date=d2,
            type_title="KẾ HOẠCH" if plan else None,
            subject=f"triển khai {central.type_word} số {central.number} về {subject}",
            recipients=[] if plan else state_actors[:6],
            opening=opening,
            tasks=tasks,
            distribution=[
                f"{central.issuer}",
                f"Thường trực {committee}",
                "Như trên",
                "Lưu: VT, VX",
            ],  # fmt: skip
            signer=rng.choice(
                (("TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"), ("KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"))
            ),
            name=name,
        )
        yield self.w.debris(text, n2, name, d2), self._truth(ub, "province", "state", relations)
        for district in province.districts:
            yield from self._district(province, district, central, tu, ub)

    def _district(
        self, province: Province, unit: Unit, central: Issued, tu: Issued, ub: Issued
    ) -> Iterator[tuple[str, dict[str, Any]]]:
        rng = self.rng
        pcommittee, _ = _party_unit_word(province.unit.kind)
        committee, suffix = _party_unit_word(unit.kind)
        wword = unit.kind.lower()
        party_name = f"{committee} {unit.short}"
        ubnd_name = f"Ủy ban nhân dân {wword} {unit.short}"
        # Party letter: implements the province letter, named relatively or without a number.
        d1 = tu.date + dt.timedelta(days=rng.randint(1, 15))
        n1 = f"{self.numbering.next(party_name, d1.year, rng, 15)}-CV/{suffix}"
        hu = Issued(n1, d1, "Công văn", party_name, f"Ban Thường vụ {committee}")
        cites = []
        relations = []
        if rng.random() < 0.15:  # no number: "Thực hiện Công văn của Ban Thường vụ Tỉnh ủy"
            cites.append(f"Thực hiện {tu.type_word} của {tu.relative} về {self.topic.subject};")
            relations.append((None, "implements"))
        else:
            cite = _citation(rng, tu, relative=True, with_date=rng.random() < 0.85)
            cites.append(f"Thực hiện {cite} về {self.topic.subject};")
            relations.append((tu.number, "implements"))
        if rng.random() < 0.6:
            cites.append(
                f"Căn cứ {_citation(rng, central, relative=False, with_date=rng.random() < 0.5)},"
            )
            relations.append((central.number, "based_on"))
        opening = _opening(rng, cites)
        actors = [
            f"Ủy ban nhân dân {wword}",
            f"Ban Tuyên giáo {committee}",
            f"Ban Dân vận {committee}",
            f"Văn phòng {committee}",
            f"Mặt trận Tổ quốc và các đoàn thể {wword}",
            "Các tổ chức cơ sở đảng",
        ]
        tasks = self.w.tasks(actors, self.topic.goals, True, rng.randint(5, 8))
        name = _name(rng)
        text = _party_doc(
            self.w,
            parent_line=f"ĐẢNG BỘ {province.unit.kind.upper()} {province.unit.short.upper()}",
            issuer_line=f"{committee.upper()} {unit.short.upper()}",
            number=n1,
            place=unit.short,
            date=d1,
            subject=f"thực hiện {tu.type_word} của {tu.relative} về {self.topic.subject}",
            recipients=[
                f"Ủy ban nhân dân {wword}",
                f"Các ban xây dựng Đảng {committee}",
                f"Mặt trận Tổ quốc và các đoàn thể {wword}",
                "Các tổ chức cơ sở đảng trực thuộc",
            ],  # fmt: skip
            opening=opening,
            committee=committee,
            tasks=tasks,
            distribution=[
                f"Ban Thường vụ {pcommittee}",
                "Như kính gửi",
                f"Các đồng chí {committee} viên",
                "Lưu VP",
            ],  # fmt: skip
            signer=(("T/M BAN THƯỜNG VỤ", "BÍ THƯ"), ("T/M BAN THƯỜNG VỤ", "PHÓ BÍ THƯ"))[
                rng.random() < 0.6
            ],
            name=name,
        )
        yield self.w.debris(text, n1, name, d1), self._truth(hu, "district", "party", relations)
        # State letter: implements the province People's Committee and the district committee.
        d2 = max(d1, ub.date) + dt.timedelta(days=rng.randint(1, 10))
        n2 = f"{self.numbering.next(ubnd_name, d2.year, rng, 30)}/UBND-{rng.choice(('VP', 'VX'))}"
        hub = Issued(n2, d2, "Công văn", ubnd_name, f"Ủy ban nhân dân {wword}")
        cites = [
            f"Thực hiện {_citation(rng, ub, relative=True, with_date=True)};",
            f"Thực hiện {_citation(rng, hu, relative=True, with_date=rng.random() < 0.7)},",
        ]
        relations = [(ub.number, "implements"), (hu.number, "implements")]
        opening = _opening(rng, cites)
        actors = [a.format(w=wword) for a in DISTRICT_STATE_ACTORS]
        tasks = self.w.tasks(actors, self.topic.goals, False, rng.randint(5, 8))
        name = _name(rng)
        text = _state_doc(
            self.w,
            header=("ỦY BAN NHÂN DÂN", f"{unit.kind.upper()} {unit.short.upper()}"),
            number=n2,
            place=unit.short,
            date=d2,
            type_title=None,
            subject=f"triển khai {ub.type_word} số {ub.number} của {ub.relative}",
            recipients=actors[:5],
            opening=opening,
            tasks=tasks,
            distribution=[
                f"Ủy ban nhân dân {province.unit.kind.lower()}",
                f"Thường trực {committee}",
                "Như trên",
                "Lưu: VT",
            ],  # fmt: skip
            signer=rng.choice(
                (("TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"), ("KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"))
            ),
            name=name,
        )
        yield self.w.debris(text, n2, name, d2), self._truth(hub, "district", "state", relations)

    def _truth(
        self, doc: Issued, level: str, system: str, cites: list[tuple[str | None, str]]
    ) -> dict[str, Any]:
        return {
            "campaign": self.index,
            "number": doc.number,
            "issuer": doc.issuer,
            "level": level,
            "system": system,
            "date": doc.date.isoformat(),
            "citations": [{"number": n, "relation": r} for n, r in cites],
        }


def _state_or_party_central(
    w: _Writer,
    doc: Issued,
    party: bool,
    subject: str,
    cite_older: str,
    tasks: list[str],
    signer: tuple[str, ...],
) -> str:
    rng = w.rng
    name = _name(rng)
    opening = _opening(rng, [cite_older])
    header = CENTRAL_HEADER[doc.issuer]
    if party:
        text = _party_doc(
            w,
            parent_line="",
            issuer_line=header[0],
            number=doc.number,
            place="Hà Nội",
            date=doc.date,
            subject=subject,
            recipients=[
                "Các tỉnh ủy, thành ủy trực thuộc Trung ương",
                "Các ban đảng, ban cán sự đảng, đảng đoàn, đảng ủy trực thuộc Trung ương",
            ],  # fmt: skip
            opening=opening,
            committee="Bí thư" if doc.issuer == "Ban Bí thư" else "Chính trị",
            tasks=tasks,
            distribution=["Như trên", "Lưu Văn phòng Trung ương Đảng"],
            signer=signer,
            name=name,
        )
        # "Ban Thường vụ Bí thư" is not a body: the centre says "Ban Bí thư yêu cầu".
        text = text.replace("Ban Thường vụ Bí thư", "Ban Bí thư").replace(
            "Ban Thường vụ Chính trị", "Bộ Chính trị"
        )
    else:
        text = _state_doc(
            w,
            header=header,
            number=doc.number,
            place="Hà Nội",
            date=doc.date,
            type_title=doc.type_word.upper(),
            subject=subject,
            recipients=[] if doc.number.endswith("NQ-CP") else list(CENTRAL_ACTORS[:5]),
            opening=opening,
            tasks=tasks,
            distribution=["Ban Bí thư Trung ương Đảng", "Như trên", "Lưu: VT, KGVX"],
            signer=signer,
            name=name,
        )
    return w.debris(text, doc.number, name, doc.date)


# --- streaming -----------------------------------------------------------------------------


def iter_documents(size: int, seed: int = 0) -> Iterator[SynthDoc]:
    """Yield ``size`` documents, one at a time, deterministically for ``seed``.

    Campaigns start every few days from 2019-01-02, so a large corpus spans
    several years and numbers restart each year, as they do in real archives.

    >>> docs = list(iter_documents(3, seed=1))
    >>> [d.truth["level"] for d in docs]
    ['central', 'province', 'province']
    >>> docs[0].text == next(iter_documents(1, seed=1)).text
    True
    """
    provinces = load_gazetteer()
    numbering = _Numbering()
    index = 0
    campaign = 0
    start = dt.date(2019, 1, 2)
    while index < size:
        numbering.forget_before(start.year - 1)
        for text, truth in _Campaign(campaign, seed, provinces, numbering, start).documents():
            shard = index // SHARD_SIZE
            truth["id"] = index
            yield SynthDoc(index, f"shard-{shard:04d}/{index:010d}.txt", text, truth)
            index += 1
            if index >= size:
                return
        campaign += 1
        # 650 campaigns (10^6 documents) fit in about seven years.
        start += dt.timedelta(days=1 + (campaign * 7919 + seed) % 6)


def write_corpus(out: Path, size: int, seed: int = 0, progress: bool = False) -> dict[str, Any]:
    """Write ``size`` documents under ``out`` (sharded) and return the corpus' metadata.

    Reuses an existing corpus with the same size, seed and generator version.
    """
    out = Path(out)
    meta_path = out / "meta.json"
    wanted = {"size": size, "seed": seed, "generator": GENERATOR_VERSION}
    if meta_path.exists():
        meta = json.loads(meta_path.read_text())
        if {k: meta.get(k) for k in wanted} == wanted:
            return {**meta, "reused": True}
    out.mkdir(parents=True, exist_ok=True)
    total = 0
    t0 = time.perf_counter()
    shard_dir: Path | None = None
    with gzip.open(out / "manifest.jsonl.gz", "wt", encoding="utf-8", compresslevel=3) as man:
        for doc in iter_documents(size, seed):
            path = out / doc.relpath
            if path.parent != shard_dir:
                shard_dir = path.parent
                shard_dir.mkdir(exist_ok=True)
            data = doc.text.encode("utf-8")
            path.write_bytes(data)
            total += len(data)
            doc.truth["path"] = doc.relpath
            man.write(json.dumps(doc.truth, ensure_ascii=False) + "\n")
            if progress and doc.index % 50_000 == 0 and doc.index:
                print(f"  generated {doc.index:,} docs", file=sys.stderr, flush=True)
    meta = {**wanted, "bytes": total, "seconds": round(time.perf_counter() - t0, 2)}
    meta_path.write_text(json.dumps(meta, indent=2))
    return meta


def iter_manifest(out: Path) -> Iterator[dict[str, Any]]:
    """Stream the ground truth written by :func:`write_corpus`."""
    with gzip.open(Path(out) / "manifest.jsonl.gz", "rt", encoding="utf-8") as fh:
        for line in fh:
            yield json.loads(line)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--size", type=int, required=True, help="number of documents")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--out", type=Path, required=True, help="folder to write (sharded)")
    args = ap.parse_args(argv)
    meta = write_corpus(args.out, args.size, args.seed, progress=True)
    print(json.dumps(meta))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
