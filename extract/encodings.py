"""Character encodings of plain-text directives: detect, decode, convert to Unicode.

Handled, in the order they are tried:

* ``utf-8-sig`` / ``utf-16`` (a byte-order mark says so), ``utf-16-le`` /
  ``utf-16-be`` without a mark (every other byte is NUL for ASCII letters);
* ``utf-8`` (the bytes decode strictly), or damaged UTF-8 (a few bad bytes
  replaced, a character cut off at the end) reported as a :class:`Problem`;
* the 8-bit Vietnamese encodings ``windows-1258`` (tone marks as combining
  characters, composed to NFC here), ``tcvn3`` (ABC, ``.VnTime`` fonts) and
  ``vni`` (``VNI-Times`` fonts).  Each candidate decoding is scored by the share
  of its non-ASCII words that are well-formed Vietnamese syllables
  (:func:`vietnamese_score`); the best one wins if it reads as Vietnamese.

Text that is already Unicode but was typed in a legacy font (a ``.docx`` whose
runs use ``VNI-Times`` reads ``Vieät Nam``) is converted by
:func:`repair_legacy_text`.

The text returned is "the text as read": spans point into it.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from chidao.errors import InputError
from chidao.extract import regexes as rx
from chidao.extract.legacy import (
    LEGACY_ENCODINGS,
    TONES,
    decode_legacy,
    tcvn3_to_unicode,
    vni_to_unicode,
)
from chidao.extract.records import Problem

UTF8_BOM = b"\xef\xbb\xbf"
UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
UTF32_BOMS = (b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff")

#: Share of non-ASCII words that must be Vietnamese syllables to accept a decoding.
MIN_SCORE = 0.6
#: Detection looks at this many bytes / characters only: enough words to decide.
SAMPLE = 64 * 1024


@dataclass(frozen=True, slots=True)
class Decoded:
    """Text decoded from bytes, the encoding it was in, and what was wrong with it."""

    text: str
    encoding: str
    problems: tuple[Problem, ...] = ()


# --- scoring -------------------------------------------------------------------------------


@lru_cache(maxsize=65536)
def is_vietnamese_syllable(word: str) -> bool:
    """Is ``word`` a well-formed Vietnamese syllable (at most one tone mark)?

    >>> is_vietnamese_syllable("Nghiêng"), is_vietnamese_syllable("người")
    (True, True)
    >>> is_vietnamese_syllable("Vieät"), is_vietnamese_syllable("ViÖt")
    (False, False)
    """
    decomposed = unicodedata.normalize("NFD", word.lower())
    if sum(ch in TONES for ch in decomposed) > 1:
        return False
    base = unicodedata.normalize("NFC", "".join(ch for ch in decomposed if ch not in TONES))
    return rx.VIET_SYLLABLE.fullmatch(base) is not None


def vietnamese_score(text: str) -> tuple[float, int]:
    """Share of the non-ASCII words of ``text`` that are Vietnamese syllables, and their count.

    ASCII words are left out: every candidate decoding reads them alike.

    >>> vietnamese_score("Kính gửi: Ủy ban nhân dân huyện")
    (1.0, 6)
    >>> round(vietnamese_score("KÝnh göi: ñy ban nh©n d©n huyÖn")[0], 2)  # TCVN3 bytes
    0.33
    """
    total = good = 0
    for m in rx.ENC_WORD.finditer(text, 0, SAMPLE):
        word = m.group()
        if word.isascii():
            continue
        total += 1
        good += is_vietnamese_syllable(word)
    return (good / total if total else 0.0), total


# --- detection -----------------------------------------------------------------------------


def guess_legacy(data: bytes) -> tuple[str | None, float]:
    """The legacy encoding whose decoding of ``data`` reads best as Vietnamese, and its score."""
    sample = data[:SAMPLE]
    best, best_score = None, 0.0
    for enc in LEGACY_ENCODINGS:
        score, words = vietnamese_score(decode_legacy(sample, enc))
        if words and score > best_score:
            best, best_score = enc, score
    return best, best_score


def _utf16_without_bom(data: bytes) -> str | None:
    """``utf-16-le``/``-be`` when NULs sit at every other byte, as in UTF-16 text; else None."""
    sample = data[: SAMPLE & ~1]
    pairs = len(sample) // 2
    if pairs == 0:
        return None
    even = sample[0::2].count(0)
    odd = sample[1::2].count(0)
    # Most characters of Vietnamese text are ASCII or Latin-1 (high byte 0); the other
    # half of the pair is almost never NUL.
    if odd >= 0.3 * pairs and even <= 0.02 * pairs:
        return "utf-16-le"
    if even >= 0.3 * pairs and odd <= 0.02 * pairs:
        return "utf-16-be"
    return None


def _control_share(text: str) -> float:
    sample = text[:SAMPLE]
    if not any(ch in sample for ch in rx.CONTROL_CHARS):
        return 0.0  # 26 fast `in` tests instead of a scan with a character class
    return len(rx.CONTROL_CHAR.findall(sample)) / max(1, len(sample))


def _wide(data: bytes, encoding: str, source: str) -> Decoded:
    """UTF-16 or UTF-32; a file cut inside its last code unit is read without it."""
    problems: tuple[Problem, ...] = ()
    unit = 4 if encoding == "utf-32" else 2
    if len(data) % unit:
        data = data[: len(data) - len(data) % unit]
        problems = (Problem("truncated", f"{encoding.upper()} file ends inside a character"),)
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise InputError(
            f"invalid {encoding.upper()} at byte {exc.start}: {exc.reason}", source=source
        ) from exc
    if problems:
        problems = (Problem("truncated", problems[0].message, (len(text), len(text))),)
    return Decoded(text, encoding, problems)


def _damaged_utf8(data: bytes, offset: int, encoding: str) -> Decoded | None:
    """Read mostly-valid UTF-8 with a few bad bytes or a cut-off last character; else None."""
    body = data[offset:]
    text = body.decode("utf-8", errors="replace")
    bad = text.count("\ufffd") - body.decode("utf-8", errors="ignore").count("\ufffd")
    multibyte = sum(1 for ch in text if ord(ch) > 0x7F and ch != "\ufffd")
    problems: list[Problem] = []
    try:
        body.decode("utf-8")
    except UnicodeDecodeError as exc:
        cut_tail = exc.end == len(body) and exc.reason == "unexpected end of data"
        if cut_tail and bad == 1:
            text = body[: exc.start].decode("utf-8", errors="replace")
            problems.append(
                Problem(
                    "truncated",
                    "file ends inside a multi-byte UTF-8 character (truncated?)",
                    (len(text), len(text)),
                )
            )
            return Decoded(text, encoding, tuple(problems))
    # Real UTF-8 Vietnamese has many multi-byte letters; legacy 8-bit text has none.
    if bad == 0 or multibyte < 10 * bad:
        return None
    first = text.index("\ufffd")
    problems.append(
        Problem(
            "invalid-bytes",
            f"{bad} byte(s) that are not UTF-8 replaced by U+FFFD",
            (first, first + 1),
        )
    )
    return Decoded(text, encoding, tuple(problems))


def decode_text(data: bytes, source: str) -> Decoded:
    """Detect the encoding of a plain-text file and decode it.

    Raises :class:`InputError` naming ``source`` for a binary or undecodable file.

    >>> decode_text("Việt Nam".encode("utf-8"), "a.txt").encoding
    'utf-8'
    >>> decode_text("Việt Nam".encode("utf-16"), "a.txt").encoding
    'utf-16'
    >>> from chidao.extract.legacy import encode_legacy
    >>> decode_text(encode_legacy("Chỉ thị về việc tăng cường", "vni"), "a.txt").text
    'Chỉ thị về việc tăng cường'
    """
    if data.startswith(UTF8_BOM):
        decoded = _utf8(data, 3, "utf-8-sig", source)
    elif data.startswith(UTF32_BOMS):
        decoded = _wide(data, "utf-32", source)
    elif data.startswith(UTF16_BOMS):
        decoded = _wide(data, "utf-16", source)
    elif b"\x00" in data[:SAMPLE]:
        enc = _utf16_without_bom(data)
        if enc is None:
            at = data.index(b"\x00")
            raise InputError(
                f"binary file (NUL byte at offset {at}), not a text document", source=source
            )
        decoded = _wide(data, enc, source)
    else:
        decoded = _utf8(data, 0, "utf-8", source)
    if _control_share(decoded.text) > 0.01:
        raise InputError("binary file (control characters), not a text document", source=source)
    if decoded.encoding in ("utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-16-be"):
        text, legacy = repair_legacy_text(decoded.text)
        if legacy is not None:
            return Decoded(text, f"{decoded.encoding}+{legacy}", decoded.problems)
    return decoded


def _utf8(data: bytes, offset: int, encoding: str, source: str) -> Decoded:
    try:
        return Decoded(data[offset:].decode("utf-8"), encoding)
    except UnicodeDecodeError as exc:
        first_bad = exc.start + offset
    damaged = _damaged_utf8(data, offset, encoding)
    if damaged is not None:
        return damaged
    legacy, score = guess_legacy(data[offset:])
    if legacy is not None and score >= MIN_SCORE:
        return Decoded(decode_legacy(data[offset:], legacy), legacy)
    raise InputError(
        f"undecodable text: not UTF-8 (byte 0x{data[first_bad]:02X} at offset {first_bad}) "
        "and not readable as Windows-1258, TCVN3 or VNI Vietnamese",
        source=source,
    )


def repair_legacy_text(text: str) -> tuple[str, str | None]:
    """Convert Unicode text typed in a TCVN3 or VNI font; return it and the encoding found.

    Text that already reads as Vietnamese is returned unchanged with ``None``.

    >>> repair_legacy_text("C«ng v¨n vÒ viÖc triÓn khai")
    ('Công văn về việc triển khai', 'tcvn3')
    >>> repair_legacy_text("Công văn về việc triển khai")
    ('Công văn về việc triển khai', None)
    """
    sample = text[:SAMPLE]
    if rx.LEGACY_HINT.search(sample) is None:  # no character only legacy text shows: no repair
        return text, None
    score, words = vietnamese_score(sample)
    if words == 0 or score >= MIN_SCORE:
        return text, None
    best, best_score = None, score
    for enc, convert in (("tcvn3", tcvn3_to_unicode), ("vni", vni_to_unicode)):
        s, n = vietnamese_score(convert(sample))
        if n and s > best_score:
            best, best_score = enc, s
    if best is None or best_score < MIN_SCORE:
        return text, None
    return (tcvn3_to_unicode(text) if best == "tcvn3" else vni_to_unicode(text)), best
