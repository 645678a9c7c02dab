"""Encoding detection and conversion: UTF-8/16, Windows-1258, TCVN3, VNI."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from chidao.errors import InputError
from chidao.extract.encodings import decode_text, is_vietnamese_syllable, repair_legacy_text
from chidao.extract.legacy import (
    LEGACY_ENCODINGS,
    decode_legacy,
    encode_legacy,
    tcvn3_to_unicode,
    vni_to_unicode,
)
from chidao.extract.legacy_tables import TCVN3, VNI

# Sentences typed for these tests (no toned capital opens a mixed-case word: TCVN3
# cannot tell "Ủy" from "ủy", see test_tcvn3_toned_capitals_in_mixed_case_are_lost).
SENTENCES = [
    "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc",
    "HUYỆN ỦY BẢO LÂM\nSố 395-CV/HU\nBảo Lâm, ngày 15 tháng 02 năm 2021",
    "Kính gửi: các Ban của Huyện ủy, Mặt trận Tổ quốc và các đoàn thể huyện.",
    "Người đứng đầu cấp ủy chịu trách nhiệm trước Ban Thường vụ về kết quả phòng, "
    "chống dịch; khẩn trương rà soát, bổ sung phương án, kịch bản ứng phó.",
    "Thực hiện Kết luận số 125-KL/TU, ngày 05/9/2021 của Tỉnh ủy; quyết liệt, "
    "nghiêng ngả, khuya khoắt, thuở ấy, giữ gìn, quốc kỳ, ưu tiên, hươu nai.",
]
ALL_LETTERS = "".join(sorted(VNI))  # the 134 Vietnamese letters outside ASCII


# --- the tables ----------------------------------------------------------------------------


def test_vni_table_covers_every_vietnamese_letter_once() -> None:
    assert len(VNI) == 134
    assert len(set(VNI.values())) == 134
    for letter in VNI:
        assert unicodedata.normalize("NFC", letter) == letter


def test_tcvn3_table_is_vn3() -> None:
    # VN3 adds 67 lower-case letters, 7 capitals without tone and the no-break space.
    letters = [ch for ch in TCVN3.values() if ch != "\u00a0"]
    assert len(letters) == 74 and len(set(letters)) == 74
    assert sorted(ch for ch in letters if ch.isupper()) == sorted("ĂÂÊÔƠƯĐ")
    assert {ch for ch in letters if ch.islower()} == {ch for ch in VNI if ch.islower()}


@pytest.mark.parametrize(
    ("text", "vni", "tcvn3"),
    [
        # From the public comparison tables of Vietnamese encodings.
        ("á", b"a\xf9", b"\xb8"),
        ("ặ", b"a\xeb", b"\xc6"),
        ("ệ", b"e\xe4", b"\xd6"),
        ("ĩ", b"\xf3", b"\xdc"),
        ("ơ", b"\xf4", b"\xac"),
        ("ữ", b"\xf6\xf5", b"\xf7"),
        ("đ", b"\xf1", b"\xae"),
        ("Đ", b"\xd1", b"\xa7"),
        ("Việt Nam", b"Vie\xe4t Nam", b"Vi\xd6t Nam"),
    ],
)
def test_known_codes(text: str, vni: bytes, tcvn3: bytes) -> None:
    assert encode_legacy(text, "vni") == vni
    assert encode_legacy(text, "tcvn3") == tcvn3
    assert decode_legacy(vni, "vni") == text
    assert decode_legacy(tcvn3, "tcvn3") == text


@pytest.mark.parametrize("encoding", LEGACY_ENCODINGS)
def test_every_lowercase_letter_round_trips(encoding: str) -> None:
    letters = " ".join(ch for ch in ALL_LETTERS if ch.islower())
    assert decode_legacy(encode_legacy(letters, encoding), encoding) == letters


@pytest.mark.parametrize("encoding", ["windows-1258", "vni"])
def test_every_capital_round_trips(encoding: str) -> None:
    capitals = " ".join(ch for ch in ALL_LETTERS if ch.isupper())
    assert decode_legacy(encode_legacy(capitals, encoding), encoding) == capitals


# --- detection of whole files --------------------------------------------------------------


@pytest.mark.parametrize("encoding", LEGACY_ENCODINGS)
@pytest.mark.parametrize("sentence", SENTENCES, ids=range(len(SENTENCES)))
def test_legacy_sentence_detected_and_converted(encoding: str, sentence: str) -> None:
    decoded = decode_text(encode_legacy(sentence, encoding), "old.txt")
    assert decoded.encoding == encoding
    assert decoded.text == sentence
    assert decoded.problems == ()


def test_windows_1258_combining_marks_are_composed() -> None:
    data = encode_legacy("Việt", "windows-1258")
    assert data == b"Vi\xea\xf2t"  # ê, then the combining dot below
    text = decode_text(b" ".join([data] * 20), "a.txt").text
    assert text == " ".join(["Việt"] * 20) and unicodedata.is_normalized("NFC", text)


def test_tcvn3_capitals_font_headings_restored() -> None:
    heading = "ĐẢNG BỘ TỈNH LÂM ĐỒNG\nHUYỆN ỦY BẢO LÂM\nỦY BAN NHÂN DÂN TỈNH"
    assert decode_text(encode_legacy(heading, "tcvn3"), "h.txt").text == heading


def test_tcvn3_toned_capitals_in_mixed_case_are_lost() -> None:
    # A limitation of TCVN3 itself: the capitals font typed the lower-case byte.
    assert decode_legacy(encode_legacy("Ủy ban", "tcvn3"), "tcvn3") == "ủy ban"


@pytest.mark.parametrize(
    ("bom", "codec", "expected"),
    [
        (b"", "utf-8", "utf-8"),
        (b"\xef\xbb\xbf", "utf-8", "utf-8-sig"),
        (b"", "utf-16", "utf-16"),  # Python writes a BOM
        (b"", "utf-16-le", "utf-16-le"),
        (b"", "utf-16-be", "utf-16-be"),
        (b"", "utf-32", "utf-32"),
    ],
)
def test_unicode_encodings(bom: bytes, codec: str, expected: str) -> None:
    text = SENTENCES[1] + "\n" + SENTENCES[3]
    decoded = decode_text(bom + text.encode(codec), "u.txt")
    assert decoded.encoding == expected
    assert decoded.text == text


def test_utf8_cut_inside_last_character_is_read_with_a_problem() -> None:
    data = SENTENCES[3].encode("utf-8")
    cut = data[: data.index("ứng phó".encode()) + 1]  # inside the bytes of "ứ"
    decoded = decode_text(cut, "cut.txt")
    assert decoded.encoding == "utf-8"
    assert decoded.text.endswith("kịch bản ")
    [problem] = decoded.problems
    assert problem.code == "truncated"
    assert problem.span == (len(decoded.text), len(decoded.text))


def test_a_few_bad_bytes_in_utf8_are_replaced_with_a_problem() -> None:
    data = ("\n".join(SENTENCES)).encode("utf-8")
    damaged = data[:200] + b"\xff" + data[200:]
    decoded = decode_text(damaged, "d.txt")
    assert decoded.encoding == "utf-8"
    [problem] = decoded.problems
    assert problem.code == "invalid-bytes"
    start, end = problem.span
    assert decoded.text[start:end] == "\ufffd"


def test_western_latin1_is_not_taken_for_vietnamese() -> None:
    with pytest.raises(InputError, match=r"undecodable text: not UTF-8 \(byte 0xE9 at offset 3\)"):
        decode_text("café été naïve à la crème brûlée".encode("latin-1"), "fr.txt")


def test_nul_bytes_without_utf16_pattern_are_binary() -> None:
    with pytest.raises(InputError, match=r"binary file \(NUL byte at offset 2\)"):
        decode_text(b"ab\x00\x00\x00\x01\x02cd" * 50, "bin.txt")


def test_control_characters_are_binary() -> None:
    with pytest.raises(InputError, match=r"binary file \(control characters\)"):
        decode_text(bytes(range(1, 32)) * 40, "ctl.txt")


# --- Unicode text typed in a legacy font (DOCX/PDF runs in .VnTime or VNI-Times) -----------


@pytest.mark.parametrize("encoding", ["tcvn3", "vni"])
def test_unicode_text_in_legacy_font_is_repaired(encoding: str) -> None:
    sentence = SENTENCES[3]
    as_unicode = encode_legacy(sentence, encoding).decode("cp1252")  # what Word stored
    assert repair_legacy_text(as_unicode) == (sentence, encoding)
    # The same text saved as a UTF-8 .txt file.
    decoded = decode_text(as_unicode.encode("utf-8"), "font.txt")
    assert (decoded.text, decoded.encoding) == (sentence, f"utf-8+{encoding}")


@pytest.mark.parametrize("sentence", SENTENCES, ids=range(len(SENTENCES)))
def test_real_unicode_text_is_never_repaired(sentence: str) -> None:
    assert repair_legacy_text(sentence) == (sentence, None)


def test_text_converters_agree_with_byte_decoders() -> None:
    sentence = SENTENCES[4]
    for enc, convert in (("tcvn3", tcvn3_to_unicode), ("vni", vni_to_unicode)):
        data = encode_legacy(sentence, enc)
        assert convert(data.decode("cp1252")) == decode_legacy(data, enc)


@pytest.mark.parametrize(
    ("word", "ok"),
    [("nghiêng", True), ("khuya", True), ("quốc", True), ("gì", True), ("người", True),
     ("hoà", True), ("Vieät", False), ("ViÖt", False), ("nh©n", False), ("xyz", False)],
)  # fmt: skip
def test_syllable_check(word: str, ok: bool) -> None:
    assert is_vietnamese_syllable(word) is ok


# --- properties ----------------------------------------------------------------------------

_LOWER = [ch for ch in ALL_LETTERS if ch.islower()]
_TEXT = st.text(
    st.sampled_from(_LOWER + list("abcdeghiklmnopqrstuvxy ,.\n0123456789")), max_size=80
)
_ANY_CASE = st.text(st.sampled_from(list(ALL_LETTERS) + list("abcdeghiklmnopqrstuvxy ,.\n")))


@settings(max_examples=60, deadline=None)
@given(_ANY_CASE)
def test_vni_and_windows_1258_round_trip_any_text(text: str) -> None:
    for enc in ("vni", "windows-1258"):
        assert decode_legacy(encode_legacy(text, enc), enc) == text


@settings(max_examples=60, deadline=None)
@given(_TEXT)
def test_tcvn3_round_trips_lower_case_text(text: str) -> None:
    assert decode_legacy(encode_legacy(text, "tcvn3"), "tcvn3") == text
