"""The speed-ups of extraction change no result: each faster form against the plain one."""

from __future__ import annotations

import doctest
import importlib
import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from chidao.extract import regexes as rx
from chidao.extract.clean import clean
from chidao.extract.offsets import OffsetMap, OffsetMapBuilder


@pytest.mark.parametrize("module", ["offsets", "regexes", "scan", "outline"])
def test_doctests(module: str) -> None:
    mod = importlib.import_module(f"chidao.extract.{module}")
    result = doctest.testmod(mod)
    assert result.failed == 0 and result.attempted > 0


# --- the run-length offset map is the per-character list -------------------------------------

_ops = st.lists(
    st.tuples(st.sampled_from(["copy", "fill"]), st.integers(0, 40), st.integers(0, 40)),
    max_size=12,
)


@given(st.lists(st.integers(0, 3), max_size=40), _ops)
def test_builder_matches_list_slicing(steps: list[int], ops: list[tuple[str, int, int]]) -> None:
    # a non-decreasing source map, as cleaning makes them
    values: list[int] = []
    for s in steps:
        values.append((values[-1] if values else 0) + s)
    src = OffsetMap.from_list(values)
    assert list(src) == values and len(src) == len(values)
    b, expected = OffsetMapBuilder(), []
    for op, x, y in ops:
        if op == "copy":
            a, z = sorted((min(x, len(values)), min(y, len(values))))
            b.copy(src, a, z)
            expected.extend(values[a:z])
        else:
            b.fill(x, y % 4)
            expected.extend([x] * (y % 4))
    built = b.build()
    assert list(built) == expected
    assert [built[i] for i in range(len(expected))] == expected
    assert [built[-i] for i in range(1, len(expected) + 1)] == [
        expected[-i] for i in range(1, len(expected) + 1)
    ]
    assert built == expected and len(built) == len(expected)


def test_offset_map_index_errors_and_slices() -> None:
    m = OffsetMap.identity(3).with_sentinel(9)
    assert list(m) == [0, 1, 2, 9] and m[1:3] == [1, 2]
    with pytest.raises(IndexError):
        m[4]
    assert list(OffsetMap.identity(0)) == [] and len(OffsetMap.identity(0)) == 0


def test_clean_keeps_every_offset() -> None:
    text = "**Số 217-CV/HU**\r\n\n\n| - 2 -\n  Kính gửi:\u200b • Các ban,  \nbáo\n\ncáo"
    c = clean(text)
    assert len(c.offsets) == len(c.text) + 1 and c.offsets[-1] == len(text)
    for i, ch in enumerate(c.text):
        o = c.offsets[i]
        # copied characters map to themselves; rewritten ones to the debris they replace
        assert text[o] == ch or ch in " -\n" or text[o] in "\r|•\u200b"


# --- tries find what the alternations found ---------------------------------------------------

_CITE_WORDS = (
    "thong tu lien tich|thong tu|nghi dinh|nghi quyet|quyet dinh|chi thi|thong bao ket luan"
    "|ket luan|thong bao|cong dien|cong van|van ban|ke hoach|huong dan|quy dinh|quy che"
    "|to trinh|bao cao|bo luat|luat|phap lenh|hien phap|hiep dinh"
)
_CITE_PLAIN = re.compile(
    (r"(?P<type>" + rx._word_start("[a-z0-9]", _CITE_WORDS) + r")(?![a-z0-9])").replace(
        " ", r"[ \n]+"
    )
)
_VERBS = sorted(rx._TASK_VERBS, key=len, reverse=True)
_VERB_PLAIN = re.compile("(?:" + "|".join(v.replace(" ", r"[ \n]+") for v in _VERBS) + ")(?![a-z])")
_pieces = st.sampled_from(
    [*_CITE_WORDS.split("|"), *(v.split("(")[0] for v in _VERBS), "doan", "dai dien", "s", "x"]
)
_folded = st.lists(
    st.tuples(_pieces, st.sampled_from([" ", "\n", "  ", "", "1", ". ", "a"])), max_size=8
).map(lambda parts: "".join(w + sep for w, sep in parts))


def _spans(ms: object) -> list[tuple[tuple[int, int], ...]]:
    return [tuple(m.span(g) for g in range(m.re.groups + 1)) for m in ms]  # type: ignore[attr-defined]


@given(_folded, st.integers(0, 60), st.integers(0, 60))
def test_cite_type_trie_is_the_alternation(text: str, pos: int, endpos: int) -> None:
    assert rx.CITE_TYPE_F.pattern != _CITE_PLAIN.pattern
    assert _spans(rx.CITE_TYPE_F.finditer(text)) == _spans(_CITE_PLAIN.finditer(text))
    a, b = rx.CITE_TYPE_F.match(text, pos, endpos), _CITE_PLAIN.match(text, pos, endpos)
    assert (a and a.span()) == (b and b.span())


@given(_folded, st.integers(0, 60), st.integers(0, 60))
def test_task_verb_trie_is_the_alternation(text: str, pos: int, endpos: int) -> None:
    a, b = rx.TASK_VERB_F.match(text, pos, endpos), _VERB_PLAIN.match(text, pos, endpos)
    assert (a and a.span()) == (b and b.span())
    assert _spans(rx.TASK_VERB_F.finditer(text)) == _spans(_VERB_PLAIN.finditer(text))


def test_word_trie_refuses_an_order_it_cannot_keep() -> None:
    with pytest.raises(ValueError):
        rx._word_trie(None, "thong tu|thong tu lien tich")  # the alternation takes the shorter
    with pytest.raises(ValueError):
        rx._word_trie(None, ["to chuc(?! doan)", "to chuc tot"])
    with pytest.raises(ValueError):
        rx._word_trie(None, ["bo+"])


# --- a skipped scan is one that finds nothing ---------------------------------------------------

_line = st.text(alphabet=st.sampled_from(list("tkmlgudienhay /.,:\t")), max_size=30)


@given(_line)
def test_every_match_holds_a_needed_string(s: str) -> None:
    for pattern, needs in (
        (rx.AUTHORITY_F, rx.AUTHORITY_NEEDS_F),
        (rx.RECIPIENTS_F, rx.RECIPIENTS_NEEDS_F),
    ):
        for m in pattern.finditer(s):
            assert any(n in m.group(0) for n in needs)
    for m in rx.TASK_DEADLINE_F.finditer(s):
        assert rx.TASK_DEADLINE_NEEDS_F in m.group(0)


_sentence = st.lists(
    st.sampled_from(
        ["de", "nghi", "yeu", "cau", "giao", "cho", "kinh", "thong", "bao", "tra", "loi", "huong"]
        + ["dan", "ban", "cac", "xa", ",", ".", "\n", " ", "  ", "dé"]
    ),
    max_size=16,
).map(" ".join)


@given(_sentence, st.integers(0, 40))
def test_every_task_match_holds_a_needed_string(s: str, pos: int) -> None:
    for pattern, needs in (
        (rx.TASK_REQUEST_F, rx.TASK_REQUEST_NEEDS_F),
        (rx.TASK_NOTICE_F, rx.TASK_NOTICE_NEEDS_F),
    ):
        m = pattern.match(s, pos)
        assert m is None or any(n in m.group(0) for n in needs)
    for m in rx.TASK_LATE_REQUEST_F.finditer(s):
        assert any(n in m.group(0) for n in rx.TASK_LATE_REQUEST_NEEDS_F)


@pytest.mark.parametrize(
    ("line", "pattern", "needs"),
    [
        ("T/M BAN THƯỜNG VỤ", rx.AUTHORITY_F, rx.AUTHORITY_NEEDS_F),
        ("- Như trên; KT. CHỦ TỊCH", rx.AUTHORITY_F, rx.AUTHORITY_NEEDS_F),
        ("Kính gửi: Các sở, ban, ngành", rx.RECIPIENTS_F, rx.RECIPIENTS_NEEDS_F),
        ("THỦ TƯỚNG CHÍNH PHỦ điện:", rx.RECIPIENTS_F, rx.RECIPIENTS_NEEDS_F),
        ("báo cáo trước ngày 3/4/2024", rx.TASK_DEADLINE_F, (rx.TASK_DEADLINE_NEEDS_F,)),
    ],
)
def test_real_lines_hold_their_needed_strings(
    line: str, pattern: re.Pattern[str], needs: tuple[str, ...]
) -> None:
    from chidao.extract.clean import fold

    m = pattern.search(fold(line))
    assert m is not None and any(n in m.group(0) for n in needs)


_UNNUMBERED_WORDS = (
    "Nghị quyết|Nghị định|Quyết định|Chỉ thị|Kết luận|Thông báo kết luận"
    "|Thông tư|Công điện|Kế hoạch|Hướng dẫn|Quy định|Công văn|Thông báo"
)
_UNNUMBERED_PLAIN = re.compile(
    r"(?P<type>" + rx._word_start(r"[\w]", _UNNUMBERED_WORDS) + r")[ \n]+(?=của[ \n])"
)
_printed = st.lists(
    st.tuples(
        st.sampled_from([*_UNNUMBERED_WORDS.split("|"), "của", "Kết", "Thông", "xKết luận"]),
        st.sampled_from([" ", "\n", "  ", "", "a", " của "]),
    ),
    max_size=8,
).map(lambda parts: "".join(w + sep for w, sep in parts))


@given(_printed)
def test_unnumbered_trie_is_the_alternation(text: str) -> None:
    assert _spans(rx.CITE_UNNUMBERED.finditer(text)) == _spans(_UNNUMBERED_PLAIN.finditer(text))


@given(st.text(alphabet="abcdhnuy ", max_size=30), st.text(alphabet="abcdhnuy ", max_size=30))
def test_shared_letters_is_the_counter_intersection(a: str, b: str) -> None:
    from collections import Counter

    from chidao.extract.resolve import _shared_letters

    assert _shared_letters(tuple(Counter(a).items()), Counter(b)) == sum(
        (Counter(a) & Counter(b)).values()
    )
