"""The legacy Vietnamese 8-bit encodings: Windows-1258, TCVN3 (ABC) and VNI.

Decoders from bytes (:func:`decode_legacy`), converters for Unicode text that
was typed in a legacy font and read as Windows-1252 (:func:`tcvn3_to_unicode`,
:func:`vni_to_unicode`), and the inverse encoders (:func:`encode_legacy`) used
to write test files.  The tables are data, in :mod:`chidao.extract.legacy_tables`;
telling the encodings apart is :mod:`chidao.extract.encodings`' job.
"""

from __future__ import annotations

import unicodedata

from chidao.extract import regexes as rx
from chidao.extract.legacy_tables import TCVN3, VNI

LEGACY_ENCODINGS = ("windows-1258", "tcvn3", "vni")
#: Vietnamese tone marks: grave, acute, tilde, hook above, dot below.
TONES = frozenset("\u0300\u0301\u0303\u0309\u0323")


# --- legacy decoders -----------------------------------------------------------------------


def _cp1252_char(byte: int) -> str:
    try:
        return bytes([byte]).decode("cp1252")
    except UnicodeDecodeError:
        return "\ufffd"  # 0x81, 0x8D, 0x8F, 0x90, 0x9D are unassigned in Windows-1252


# str.translate tables: code point of the byte read as Latin-1 → the character it stands for.
_TCVN3_BYTES = {b: TCVN3.get(b, _cp1252_char(b)) for b in range(0x80, 0x100)}
_TCVN3_TEXT = {ord(_cp1252_char(b)): ch for b, ch in TCVN3.items()}
_TCVN3_AMBIGUOUS = frozenset(ch for ch in TCVN3.values() if ch.islower() and ch not in "ăâêôơưđ")

_VNI_DECODE: dict[str, str] = {}
for _letter, _typed in VNI.items():
    _VNI_DECODE[_typed] = _letter
    if len(_typed) == 2:  # a mark of the other case after the vowel keeps the vowel's case
        _VNI_DECODE.setdefault(_typed[0] + _typed[1].swapcase(), _letter)


def _vni_letter(m) -> str:
    seq = m.group()
    if seq in _VNI_DECODE:
        return _VNI_DECODE[seq]
    # A vowel followed by a mark that does not fit it ("uâ"): read the two apart.
    return seq[0] + _VNI_DECODE.get(seq[1], seq[1])


def vni_to_unicode(text: str) -> str:
    """Convert VNI-typed text (read as Windows-1252) to Unicode.

    >>> vni_to_unicode("Vieät Nam, ngöôøi, ÑAÛNG")
    'Việt Nam, người, ĐẢNG'
    """
    return rx.VNI_LETTER.sub(_vni_letter, text)


def _restore_capitals(text: str) -> str:
    """Upper-case TCVN3 toned letters inside words typed in a capitals font.

    TCVN3 has no toned capitals: ``HUYỆN`` was typed ``HUY`` + the byte of ``ệ``
    in a ``.VnTimeH`` font.  A word whose other letters are capitals (two or
    more, or one on a line of capitals) is upper-cased.  A toned capital that
    starts a mixed-case word (``Ủy``) cannot be told from ``ủy`` and stays lower.
    """
    out: list[str] = []
    for line in text.splitlines(keepends=True):
        words = list(rx.TCVN3_WORD.finditer(line))
        # Short words ("CV/HU" in "Số 207-CV/HU") say nothing about the font of the line.
        long = [w.group() for w in words if len(w.group()) >= 3]
        upper = sum(sum(c.isupper() for c in w) for w in long)
        lower = sum(sum(c.islower() and c not in _TCVN3_AMBIGUOUS for c in w) for w in long)
        caps_line = upper >= 3 and lower == 0
        pieces, last = [], 0
        for w in words:
            word = w.group()
            if not any(c in _TCVN3_AMBIGUOUS for c in word):
                continue
            up = sum(c.isupper() for c in word)
            low = sum(c.islower() and c not in _TCVN3_AMBIGUOUS for c in word)
            if low == 0 and (up >= 2 or caps_line):
                pieces += [line[last : w.start()], word.upper()]
                last = w.end()
        out.append("".join(pieces) + line[last:] if pieces else line)
    return "".join(out)


def decode_tcvn3(data: bytes) -> str:
    """Decode TCVN3 (ABC) bytes.

    >>> decode_tcvn3(b"Vi\\xd6t Nam, \\xa7\\xb6NG C\\xe9NG S\\xb6N")
    'Việt Nam, ĐẢNG CỘNG SẢN'
    """
    return _restore_capitals(data.decode("latin-1").translate(_TCVN3_BYTES))


def tcvn3_to_unicode(text: str) -> str:
    """Convert TCVN3-typed text that was read as Windows-1252 to Unicode."""
    return _restore_capitals(text.translate(_TCVN3_TEXT))


def decode_vni(data: bytes) -> str:
    """Decode VNI-Windows bytes."""
    return vni_to_unicode(data.decode("cp1252", errors="replace"))


def decode_windows_1258(data: bytes) -> str:
    """Decode Windows-1258 and compose its combining tone marks (NFC).

    >>> decode_windows_1258(b"Vi\\xea\\xf2t Nam")
    'Việt Nam'
    """
    return unicodedata.normalize("NFC", data.decode("cp1258", errors="replace"))


_DECODERS = {
    "windows-1258": decode_windows_1258,
    "tcvn3": decode_tcvn3,
    "vni": decode_vni,
}


def decode_legacy(data: bytes, encoding: str) -> str:
    """Decode ``data`` in one of :data:`LEGACY_ENCODINGS`."""
    return _DECODERS[encoding](data)


# --- legacy encoders (for tests and for writing test files) --------------------------------

_TCVN3_ENCODE = {ch: bytes([b]) for b, ch in TCVN3.items() if b != 0xA0}
_NON_TONE = {"\u0302", "\u0306", "\u031b"}  # circumflex, breve, horn: part of the letter


def _cp1258_form(text: str) -> str:
    """Split tone marks off, keep the letters Windows-1258 has whole (``ệ`` → ``ê`` + dot)."""
    out = []
    for ch in unicodedata.normalize("NFC", text):
        parts = unicodedata.normalize("NFD", ch)
        base = unicodedata.normalize("NFC", "".join(c for c in parts if c not in TONES))
        tone = "".join(c for c in parts if c in TONES)
        whole = unicodedata.normalize("NFC", base + tone)
        try:
            whole.encode("cp1258")
            out.append(whole)
        except UnicodeEncodeError:
            out.append(base + tone)
    return "".join(out)


def encode_legacy(text: str, encoding: str) -> bytes:
    """Encode Unicode ``text`` in a legacy encoding (the inverse of :func:`decode_legacy`).

    TCVN3 writes toned capitals as their lower-case byte, as a capitals font did.

    >>> encode_legacy("Việt Nam", "vni"), encode_legacy("Việt Nam", "tcvn3")
    (b'Vie\\xe4t Nam', b'Vi\\xd6t Nam')
    """
    text = unicodedata.normalize("NFC", text)
    if encoding == "windows-1258":
        return _cp1258_form(text).encode("cp1258")
    if encoding == "vni":
        return "".join(VNI.get(ch, ch) for ch in text).encode("cp1252")
    if encoding == "tcvn3":
        out = bytearray()
        for ch in text:
            code = _TCVN3_ENCODE.get(ch) or _TCVN3_ENCODE.get(ch.lower())
            out += code if code is not None else ch.encode("cp1252")
        return bytes(out)
    raise ValueError(f"unknown legacy encoding {encoding!r}")
