"""Stage 1, *read*: bytes on disk → decoded text, with the facts about the file.

The text returned here is "the text as read": every span chidao reports is an
offset into it.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from chidao.errors import InputError

#: File suffixes picked up when a folder is given.
TEXT_SUFFIXES = (".txt", ".md", ".docx", ".pdf")


@dataclass(frozen=True, slots=True)
class Document:
    """A decoded input file."""

    source: str
    text: str
    encoding: str
    sha256: str
    size: int  # bytes on disk


def iter_input_files(paths: Iterable[str | Path]) -> Iterator[Path]:
    """Expand files and folders (recursively, sorted) into input files."""
    for p in paths:
        path = Path(p)
        if path.is_dir():
            for child in sorted(path.rglob("*")):
                if child.is_file() and child.suffix.lower() in TEXT_SUFFIXES:
                    yield child
        else:
            yield path


def read_path(path: str | Path) -> Document:
    """Read and decode one file; raise :class:`InputError` naming it when it cannot be."""
    source = str(path)
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        raise InputError(f"cannot read file: {exc.strerror or exc}", source=source) from exc
    return decode_bytes(data, source)


def decode_bytes(data: bytes, source: str) -> Document:
    """Decode a file's bytes into a :class:`Document`."""
    digest = hashlib.sha256(data).hexdigest()
    if not data.strip():
        raise InputError("empty file", source=source)
    if data.startswith(b"\xef\xbb\xbf"):
        text, enc = data[3:].decode("utf-8"), "utf-8-sig"
    elif data.startswith((b"\xff\xfe", b"\xfe\xff")):
        text, enc = data.decode("utf-16"), "utf-16"
    else:
        if b"\x00" in data[:4096]:
            raise InputError("binary file (NUL bytes), not a text document", source=source)
        try:
            text, enc = data.decode("utf-8"), "utf-8"
        except UnicodeDecodeError as exc:
            raise InputError(
                f"not valid UTF-8 at byte {exc.start}", source=source, span=(exc.start, exc.end)
            ) from exc
    return Document(source=source, text=text, encoding=enc, sha256=digest, size=len(data))
