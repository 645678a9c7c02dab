"""Stage 1, *read*: bytes on disk → decoded text, with the facts about the file.

The text returned here is "the text as read": every span chidao reports is an
offset into it.  The format is chosen by content (:func:`chidao.extract.formats.sniff`),
the encoding of plain text detected (:mod:`chidao.extract.encodings`).

What cannot be read raises :class:`~chidao.errors.InputError` naming the file;
what is wrong but readable (a cut-off last character, a page without text)
is kept in :attr:`Document.problems`.
"""

from __future__ import annotations

import dataclasses
import errno
import hashlib
import os
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from chidao.errors import InputError
from chidao.extract import formats
from chidao.extract.encodings import decode_text, repair_legacy_text
from chidao.extract.ocr import Progress
from chidao.extract.read_convert import convert_to_docx
from chidao.extract.read_docx import read_docx
from chidao.extract.read_html import read_html
from chidao.extract.read_image import read_image
from chidao.extract.read_pdf import read_pdf
from chidao.extract.records import Problem, Reading

#: File suffixes picked up when a folder is given (a file named on its own is always read;
#: its format is decided by content, :mod:`chidao.extract.formats`).
TEXT_SUFFIXES = (
    ".txt", ".md", ".docx", ".pdf", ".doc", ".rtf", ".odt", ".html", ".htm", ".mht", ".mhtml",
    ".png", ".jpg", ".jpeg", ".tif", ".tiff",
)  # fmt: skip

#: Longest text accepted, in characters (``--max-chars``).  The longest real
#: directives (plans with annexes) run to a few hundred thousand characters; a
#: larger "document" is a dump of many, which should be split, not parsed as one.
DEFAULT_MAX_CHARS = 1_000_000
#: A .docx, .pdf, .doc or image may be large for its text (scans, pictures), but not this large.
MAX_CONTAINER_BYTES = 256 * 1024 * 1024
#: A saved web page is mostly markup, but a page of this size is not one directive.
MAX_HTML_BYTES = 64 * 1024 * 1024


@dataclass(frozen=True, slots=True)
class Document:
    """A decoded input file.

    ``encoding`` is what the text was decoded from: ``utf-8``, ``utf-8-sig``,
    ``utf-16``, ``utf-16-le``, ``utf-16-be``, ``utf-32``, ``windows-1258``,
    ``tcvn3``, ``vni`` for plain text; ``docx``, ``pdf``, ``doc``, ``rtf``,
    ``odt`` for those formats, ``ocr`` for an image, ``pdf+ocr`` for a PDF with
    OCR'd pages, ``html+utf-8`` (``+`` the page's charset) for a web page;
    ``+tcvn3`` / ``+vni`` is appended when Unicode text turned out to be typed
    in a legacy font (``docx+vni``).  ``format`` is one of :mod:`~chidao.extract.formats`'
    names (``text``, ``docx``, ``pdf``, ``image``, ``doc``, ``html``…).
    ``reading`` says how text that is not in the file as such was made (OCR,
    LibreOffice, the HTML reader) and keeps it.
    """

    source: str
    text: str
    encoding: str
    sha256: str
    size: int  # bytes on disk
    format: str = "text"
    problems: tuple[Problem, ...] = ()
    reading: Reading | None = None


@dataclass(frozen=True, slots=True)
class Skipped:
    """A path met while walking the inputs that cannot be read as a file: reported, not fatal.

    >>> print(Skipped("a/b\\nc.txt", "dangling symbolic link (to x.txt)").line())
    error: a/b\\nc.txt: dangling symbolic link (to x.txt); skipped
    """

    path: str
    reason: str

    def line(self) -> str:
        """The one message line, the path escaped (a newline in a name cannot split it)."""
        return f"error: {display_path(self.path)}: {one_line(self.reason)}; skipped"


def display_path(path: str | Path) -> str:
    r"""A path for a one-line message: control characters and undecodable bytes escaped.

    >>> display_path("a/new\nline.txt"), display_path(os.fsdecode(b"bad\xffname.txt"))
    ('a/new\\nline.txt', 'bad\\xffname.txt')
    """
    out = []
    for ch in str(path):
        code = ord(ch)
        if 0xDC80 <= code <= 0xDCFF:  # a byte that was not UTF-8 (surrogateescape)
            out.append(f"\\x{code - 0xDC00:02x}")
        elif ch == "\n":
            out.append("\\n")
        elif ch == "\t":
            out.append("\\t")
        elif code < 0x20 or code == 0x7F or 0x80 <= code < 0xA0 or ch in "\u2028\u2029":
            out.append(f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}")
        else:
            out.append(ch)
    return "".join(out)


def one_line(message: str) -> str:
    """A message with its line breaks made spaces.

    >>> one_line("bad\\r\\nthing")
    'bad  thing'
    """
    return str(message).replace("\r", " ").replace("\n", " ")


def _name_ok(path: str) -> bool:
    try:
        path.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def walk_inputs(paths: Iterable[str | Path]) -> Iterator[Path | Skipped]:
    """Files and folders expanded into input files, with a :class:`Skipped` for each bad path.

    As :func:`iter_input_files`, but the paths that cannot be taken (a symbolic
    link loop, a dangling link, a folder that cannot be listed, a name that is
    not UTF-8) come out in their place as :class:`Skipped` items.
    """
    for p in paths:
        path = Path(p)
        if not _name_ok(str(path)):
            yield Skipped(str(path), _BAD_NAME)
            continue
        try:
            is_dir = path.is_dir()
        except OSError as exc:  # e.g. a name too long for the file system
            yield Skipped(str(path), f"cannot be read ({exc.strerror or exc})")
            continue
        if is_dir:
            yield from _walk(path)
        else:
            yield path


def iter_input_files(
    paths: Iterable[str | Path], *, on_skip: Callable[[Skipped], object] | None = None
) -> Iterator[Path]:
    """Expand files and folders into input files, streaming.

    A folder is walked depth first, names sorted, keeping files with a suffix
    in :data:`TEXT_SUFFIXES`; hidden entries (``.git``, ``.~lock…``) and Word's
    owner files (``~$letter.docx``, not documents) are passed over, and so are
    links to folders (never followed: no loops).  A file named on its own is
    always yielded, whatever its name.  A path that cannot be taken (see
    :func:`walk_inputs`) is handed to ``on_skip`` and the walk goes on.
    """
    for item in walk_inputs(paths):
        if isinstance(item, Skipped):
            if on_skip is not None:
                on_skip(item)
        else:
            yield item


_BAD_NAME = "file name is not valid UTF-8 (rename it)"


def _walk(folder: Path) -> Iterator[Path | Skipped]:
    try:
        entries = sorted(os.scandir(folder), key=lambda e: e.name)
    except OSError as exc:
        yield Skipped(str(folder), f"folder cannot be read ({exc.strerror or exc})")
        return
    for entry in entries:
        if entry.name.startswith((".", "~$")):
            continue
        try:
            if entry.is_dir(follow_symlinks=False):
                if _name_ok(entry.path):
                    yield from _walk(Path(entry.path))
                else:
                    yield Skipped(entry.path, "folder " + _BAD_NAME)
                continue
            wanted = os.path.splitext(entry.name)[1].lower() in TEXT_SUFFIXES
            if entry.is_symlink():
                skipped = _bad_link(entry.path, wanted)
                if skipped is not None:
                    yield skipped
                    continue
            if not (entry.is_file() and wanted):
                continue
        except OSError as exc:
            yield Skipped(entry.path, f"cannot be read ({exc.strerror or exc})")
            continue
        if not _name_ok(entry.path):
            yield Skipped(entry.path, _BAD_NAME)
            continue
        yield Path(entry.path)


def _bad_link(path: str, wanted: bool) -> Skipped | None:
    """A :class:`Skipped` for a symbolic link that loops or points nowhere, else ``None``."""
    try:
        os.stat(path)
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            return Skipped(path, "symbolic link loop")
        if exc.errno == errno.ENOENT and wanted:
            return Skipped(path, f"dangling symbolic link (to {display_path(os.readlink(path))})")
        if wanted:
            return Skipped(path, f"cannot be read ({exc.strerror or exc})")
    return None


def read_path(
    path: str | Path,
    *,
    max_chars: int = DEFAULT_MAX_CHARS,
    ocr: bool = True,
    progress: Progress | None = None,
) -> Document:
    """Read and decode one file; raise :class:`InputError` naming it when it cannot be.

    ``max_chars`` (0 = no limit) bounds the text; a plain-text file too big to
    fit is refused before it is read into memory.  ``ocr`` turns OCR of scans
    and images on or off; ``progress(source, page, pages)`` is called before
    each page is OCR'd.
    """
    source = str(path)
    try:
        with open(path, "rb") as fh:
            head = fh.read(1024)
            size = fh.seek(0, 2)
            kind = _head_kind(head)
            limit = {"container": MAX_CONTAINER_BYTES, "html": MAX_HTML_BYTES}.get(kind)
            if limit is not None and size > limit:
                what = "a web page" if kind == "html" else ".docx/.pdf/.doc/images"
                raise InputError(
                    f"file is {size / 1e6:.1f} MB, over the {limit // 2**20} MiB limit for {what}",
                    source=source,
                )
            # UTF-8 needs at most 4 bytes a character: bigger plain text cannot fit.
            if limit is None and max_chars and size > 4 * max_chars:
                what = f"file is {size / 1e6:.1f} MB" if size >= 1e6 else f"file is {size:,} bytes"
                raise InputError(_too_long(what, max_chars), source=source)
            fh.seek(0)
            data = fh.read()
    except IsADirectoryError as exc:
        raise InputError("is a folder, not a file", source=source) from exc
    except OSError as exc:
        raise InputError(f"cannot read file: {exc.strerror or exc}", source=source) from exc
    return decode_bytes(data, source, max_chars=max_chars, ocr=ocr, progress=progress)


def _head_kind(head: bytes) -> str:
    """``container``, ``html`` or ``text`` from a file's first KiB (for the size limits)."""
    from chidao.extract.read_html import sniff_html
    from chidao.extract.read_image import image_kind

    if head.startswith((b"PK", formats.OLE2_MAGIC, b"{\\rtf")) or b"%PDF-" in head:
        return "container"
    if image_kind(head) is not None:
        return "container"
    return "html" if sniff_html(head) else "text"


def _too_long(what: str, max_chars: int) -> str:
    return (
        f"{what}: over the limit of {max_chars:,} characters "
        "(--max-chars; split the file or raise the limit)"
    )


def decode_bytes(
    data: bytes,
    source: str,
    *,
    max_chars: int = DEFAULT_MAX_CHARS,
    ocr: bool = True,
    progress: Progress | None = None,
) -> Document:
    """Decode a file's bytes into a :class:`Document`, whatever its format."""
    digest = hashlib.sha256(data).hexdigest()
    if not data:
        raise InputError("empty file (0 bytes)", source=source)
    if not data.strip():
        raise InputError(f"blank file ({len(data)} bytes of white space)", source=source)
    fmt = formats.sniff(data, source)
    problems: tuple[Problem, ...] = ()
    reading: Reading | None = None
    if fmt == "text":
        decoded = decode_text(data, source)
        text, encoding, problems = decoded.text, decoded.encoding, decoded.problems
    else:
        encoding = fmt
        if fmt == "docx":
            text = read_docx(data, source)
        elif fmt == "pdf":
            text, problems, reading = read_pdf(data, source, ocr=ocr, progress=progress)
            encoding = "pdf+ocr" if reading else "pdf"
        elif fmt == "image":
            text, problems, reading = read_image(data, source, ocr_on=ocr, progress=progress)
            encoding = "ocr"
        elif fmt in ("doc", "rtf", "odt"):
            docx_bytes, engine = convert_to_docx(data, source, fmt)
            text = read_docx(docx_bytes, source)
            reading = Reading(text, "convert", engine)
        else:  # html, mht
            text, charset = read_html(data, source, fmt)
            reading = Reading(text, "html", f"lxml {_lxml_version()}")
            encoding = f"{fmt}+{charset}"
        text, legacy = repair_legacy_text(text)
        if legacy:
            encoding = f"{encoding}+{legacy}"
            if reading is not None:
                reading = dataclasses.replace(reading, text=text)
    if not text.strip():
        what = "blank file (only white space)" if fmt == "text" else f"the .{fmt} holds no text"
        raise InputError(what, source=source)
    if max_chars and len(text) > max_chars:
        raise InputError(_too_long(f"text has {len(text):,} characters", max_chars), source=source)
    return Document(
        source=source,
        text=text,
        encoding=encoding,
        sha256=digest,
        size=len(data),
        format=fmt,
        problems=problems,
        reading=reading,
    )


def _lxml_version() -> str:
    from lxml import etree

    return ".".join(map(str, etree.LXML_VERSION[:3]))
