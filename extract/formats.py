"""File formats: tell them apart by content.

The format is decided from the first bytes, never from the file name alone: a
``.txt`` that is really a PDF is read as a PDF, a ``.docx`` that is a renamed
old ``.doc`` gets a clear message.

* ``docx`` — a zip holding ``word/document.xml``: :mod:`chidao.extract.read_docx`;
* ``pdf`` — ``%PDF-`` in the first kilobyte: :mod:`chidao.extract.read_pdf`;
* ``text`` — everything else that is not a known binary format (images,
  archives, executables, old ``.doc``/RTF/``.odt``): :mod:`chidao.extract.encodings`.
"""

from __future__ import annotations

import io
import zipfile

from chidao.errors import InputError

DOCX_PART = "word/document.xml"

#: Magic numbers of binary formats that are sometimes named ``.txt`` or ``.doc``.
BINARY_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "legacy Word/Excel 97-2003 file (OLE2)"),
    (b"{\\rtf", "RTF document"),
    (b"\x89PNG\r\n\x1a\n", "PNG image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"GIF87a", "GIF image"),
    (b"GIF89a", "GIF image"),
    (b"II*\x00", "TIFF image"),
    (b"MM\x00*", "TIFF image"),
    (b"\x1f\x8b", "gzip archive"),
    (b"7z\xbc\xaf\x27\x1c", "7-Zip archive"),
    (b"Rar!\x1a\x07", "RAR archive"),
    (b"\x7fELF", "ELF executable"),
    (b"SQLite format 3\x00", "SQLite database"),
)
_UNSUPPORTED_HINT = "; save it as .docx, .pdf or .txt"


def sniff(data: bytes, source: str) -> str:
    """``"docx"``, ``"pdf"`` or ``"text"`` for the bytes of a file; :class:`InputError` if binary.

    >>> sniff(b"%PDF-1.7 ...", "a.txt"), sniff("Số 207-CV/HU".encode(), "a.pdf")
    ('pdf', 'text')
    """
    if data.startswith((b"PK\x03\x04", b"PK\x05\x06")):
        return _sniff_zip(data, source)
    if b"%PDF-" in data[:1024]:
        return "pdf"
    for magic, what in BINARY_MAGIC:
        if data.startswith(magic):
            hint = _UNSUPPORTED_HINT if what.startswith(("legacy Word", "RTF")) else ""
            raise InputError(f"{what}, not a supported document{hint}", source=source)
    return "text"


def _sniff_zip(data: bytes, source: str) -> str:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            names = set(zf.namelist())
    except zipfile.BadZipFile as exc:
        if DOCX_PART.encode() in data:
            raise InputError(f"damaged or truncated .docx ({exc})", source=source) from exc
        raise InputError(f"damaged zip archive ({exc})", source=source) from exc
    if DOCX_PART in names:
        return "docx"
    if "content.xml" in names:
        raise InputError(
            "OpenDocument (.odt) file, not a supported document" + _UNSUPPORTED_HINT, source=source
        )
    raise InputError(f"zip archive without {DOCX_PART}: not a .docx document", source=source)
