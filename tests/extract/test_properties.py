"""Property-based tests (hypothesis): extraction never raises and every span lies in the text.

Three kinds of input: arbitrary text; realistic text (fragments of the seed
documents spliced with random characters, lines dropped or repeated); and
arbitrary bytes through the read stage, which either gives a document or an
:class:`~chidao.errors.InputError` — nothing else.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from _makers import sample_texts
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from chidao.errors import InputError
from chidao.extract.pipeline import extract_text
from chidao.extract.read import decode_bytes

SEEDS = [text for _, text in sample_texts()]
SEED_LINES = sorted({line for text in SEEDS for line in text.split("\n")})

# Characters that matter to the finders: Vietnamese letters, digits, the number and
# date separators, brackets, bullets, emphasis debris, line breaks, odd whitespace.
ALPHABET = st.one_of(
    st.sampled_from(list("aăâbcdđeêghiklmnoôơpqrstuưvxyAĂÂĐÊÔƠƯ0123456789/-.,:;()*|•\n \t")),
    st.sampled_from(list("àáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ")),
    st.characters(codec="utf-8"),
)
FRAGMENT = st.one_of(
    st.sampled_from(SEED_LINES),
    st.text(ALPHABET, max_size=40),
    st.sampled_from(["Số ", "ngày 31 tháng 2 năm 2021", "Kính gửi:", "T/M ", "K/T ", "Nơi nhận:"]),
)

PROPERTY = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _spans(node: Any) -> Iterator[Any]:
    """Every value under a key named "span" in the record's JSON."""
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "span":
                yield value
            else:
                yield from _spans(value)
    elif isinstance(node, list):
        for item in node:
            yield from _spans(item)


def _check(text: str) -> None:
    record = extract_text(text).to_json()  # must not raise
    assert record["length"] == len(text)
    for span in _spans(record):
        if span is None:
            continue
        start, end = span
        assert 0 <= start <= end <= len(text), (span, len(text))


@PROPERTY
@given(st.text(ALPHABET, max_size=400))
def test_arbitrary_text(text: str) -> None:
    _check(text)


@PROPERTY
@given(st.lists(FRAGMENT, max_size=60), st.sampled_from(["\n", "\n\n", " ", "\r\n"]))
def test_seed_fragments_spliced_with_noise(pieces: list[str], sep: str) -> None:
    _check(sep.join(pieces))


@settings(max_examples=25, deadline=None)
@given(st.sampled_from(SEEDS), st.data())
def test_seed_with_a_cut_and_an_insertion(seed: str, data: st.DataObject) -> None:
    cut = data.draw(st.integers(0, len(seed)))
    at = data.draw(st.integers(0, cut))
    noise = data.draw(st.text(ALPHABET, max_size=30))
    _check(seed[:at] + noise + seed[at:cut])


@settings(max_examples=100, deadline=None)
@given(st.binary(max_size=2000))
def test_any_bytes_read_or_refused_cleanly(data: bytes) -> None:
    try:
        doc = decode_bytes(data, "random.bin")
    except InputError as exc:
        assert str(exc).startswith("random.bin: ")
        assert "\n" not in str(exc)  # one line
    else:
        assert doc.text.strip()
        for problem in doc.problems:
            if problem.span is not None:
                assert 0 <= problem.span[0] <= problem.span[1] <= len(doc.text)
