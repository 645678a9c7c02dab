"""File formats: tell them apart by content.

The format is decided from the first bytes, never from the file name alone: a
``.txt`` that is really a PDF is read as a PDF, a ``.docx`` that is a renamed
old ``.doc`` is read as the ``.doc`` it is.

* ``docx`` — a zip holding ``word/document.xml``: :mod:`chidao.extract.read_docx`;
* ``odt`` — a zip holding ``content.xml`` (OpenDocument), ``doc`` — an OLE2 file
  with a ``WordDocument`` stream (Word 97–2003), ``rtf`` — ``{\\rtf``:
  :mod:`chidao.extract.read_convert` (LibreOffice);
* ``pdf`` — ``%PDF-`` in the first kilobyte: :mod:`chidao.extract.read_pdf`;
* ``image`` — PNG, JPEG, TIFF, GIF, BMP, WebP: :mod:`chidao.extract.read_image` (OCR);
* ``html`` / ``mht`` — a saved web page: :mod:`chidao.extract.read_html`;
* ``text`` — everything else that is not a known binary format (archives,
  executables, databases): :mod:`chidao.extract.encodings`.

Zip-based files are checked against decompression limits before anything is
inflated (:func:`check_inflation`).
"""

from __future__ import annotations

import io
import zipfile

from chidao.errors import InputError

DOCX_PART = "word/document.xml"

OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
#: The name Word 97–2003 gives its text stream in the OLE2 directory (UTF-16LE).
WORD_STREAM = "WordDocument".encode("utf-16-le")

#: Magic numbers of binary formats that are sometimes named ``.txt`` or ``.doc``.
BINARY_MAGIC: tuple[tuple[bytes, str], ...] = (
    (OLE2_MAGIC, "legacy Excel/PowerPoint 97-2003 file (OLE2, no Word text in it)"),
    (b"\x1f\x8b", "gzip archive"),
    (b"7z\xbc\xaf\x27\x1c", "7-Zip archive"),
    (b"Rar!\x1a\x07", "RAR archive"),
    (b"\x7fELF", "ELF executable"),
    (b"SQLite format 3\x00", "SQLite database"),
)
_UNSUPPORTED_HINT = "; save it as .docx, .pdf or .txt"
#: Formats read by a program outside Python (LibreOffice, Tesseract) or holding
#: pictures: limited by size on disk (``MAX_CONTAINER_BYTES`` in read.py), not by text.
CONTAINERS = frozenset({"docx", "odt", "doc", "rtf", "pdf", "image"})

#: Decompression limits for zip-based formats (.docx, .odt), checked on the sizes the zip
#: declares before anything is inflated.  Python's zipfile never inflates a member past its
#: declared size (a lie fails the CRC check), so these bound memory for the readers too.
#: The XML of a 1,000,000-character directive is a few tens of MB.
MAX_INFLATED_BYTES = 200 * 2**20
#: Word XML compresses 5–20 times; a zip bomb (the 4 MB .docx that inflates to 1.2 GB)
#: hundreds of times.  Only members past :data:`RATIO_FLOOR` are judged.
MAX_RATIO = 100
RATIO_FLOOR = 2**20


def sniff(data: bytes, source: str) -> str:
    """The format of a file's bytes (see the module's list); :class:`InputError` if unreadable.

    >>> sniff(b"%PDF-1.7 ...", "a.txt"), sniff("Số 207-CV/HU".encode(), "a.pdf")
    ('pdf', 'text')
    >>> sniff(b"{\\\\rtf1\\\\ansi Hello}", "a.doc"), sniff(b"<!DOCTYPE html><p>x", "a.txt")
    ('rtf', 'html')
    """
    from chidao.extract.read_html import sniff_html
    from chidao.extract.read_image import image_kind

    if data.startswith((b"PK\x03\x04", b"PK\x05\x06")):
        return _sniff_zip(data, source)
    if b"%PDF-" in data[:1024]:
        return "pdf"
    if data.startswith(OLE2_MAGIC) and WORD_STREAM in data:
        return "doc"
    if data.startswith(b"{\\rtf"):
        return "rtf"
    if image_kind(data) is not None:
        return "image"
    for magic, what in BINARY_MAGIC:
        if data.startswith(magic):
            hint = _UNSUPPORTED_HINT if what.startswith("legacy") else ""
            raise InputError(f"{what}, not a supported document{hint}", source=source)
    return sniff_html(data) or "text"


def _sniff_zip(data: bytes, source: str) -> str:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            infos = zf.infolist()
            names = {i.filename for i in infos}
            check_inflation(infos, source)
            mimetype = ""
            if "mimetype" in names and zf.getinfo("mimetype").file_size < 200:
                mimetype = zf.read("mimetype").decode("ascii", "replace").strip()
    except (zipfile.BadZipFile, ValueError, OSError, NotImplementedError) as exc:
        if DOCX_PART.encode() in data:
            raise InputError(f"damaged or truncated .docx ({exc})", source=source) from exc
        raise InputError(f"damaged zip archive ({exc})", source=source) from exc
    if DOCX_PART in names:
        return "docx"
    if "content.xml" in names:
        if mimetype in ("", "application/vnd.oasis.opendocument.text"):
            return "odt"
        raise InputError(
            f"OpenDocument file of type {mimetype}, not a text document" + _UNSUPPORTED_HINT,
            source=source,
        )
    raise InputError(f"zip archive without {DOCX_PART}: not a .docx document", source=source)


def check_inflation(infos: list[zipfile.ZipInfo], source: str) -> None:
    """Refuse a zip whose members would inflate too far (a zip bomb), before inflating any.

    >>> info = zipfile.ZipInfo("word/document.xml")
    >>> info.file_size, info.compress_size = 1_200_000_000, 4_000_000
    >>> try:
    ...     check_inflation([info], "bomb.docx")
    ... except InputError as exc:
    ...     print(exc.message)
    zip container would inflate to 1,200.0 MB, over the limit of 200 MiB (zip bomb?)
    """
    total = sum(i.file_size for i in infos)
    if total > MAX_INFLATED_BYTES:
        raise InputError(
            f"zip container would inflate to {total / 1e6:,.1f} MB, over the limit of "
            f"{MAX_INFLATED_BYTES // 2**20} MiB (zip bomb?)",
            source=source,
        )
    for i in infos:
        if i.file_size > RATIO_FLOOR and i.file_size > MAX_RATIO * max(i.compress_size, 1):
            ratio = i.file_size / max(i.compress_size, 1)
            raise InputError(
                f"zip member {i.filename} would inflate {ratio:,.0f} times "
                f"({i.compress_size:,} → {i.file_size:,} bytes), over the limit of {MAX_RATIO} "
                "(zip bomb?)",
                source=source,
            )
