"""The extraction pipeline: read → clean → find → resolve.

Each stage is one module; this one only chains them.
"""

from __future__ import annotations

from pathlib import Path

from chidao.extract.read import Document, read_path
from chidao.extract.records import Record


def extract_document(doc: Document) -> Record:
    """Extract the record of one decoded document."""
    # TEMPORARY until the find/resolve stages land (extraction helper replaces this body).
    return Record(source=doc.source, sha256=doc.sha256, encoding=doc.encoding, length=len(doc.text))


def extract_text(text: str, source: str = "<text>") -> Record:
    """Extract a record from text already in memory."""
    import hashlib

    data = text.encode("utf-8")
    doc = Document(
        source=source,
        text=text,
        encoding="utf-8",
        sha256=hashlib.sha256(data).hexdigest(),
        size=len(data),
    )
    return extract_document(doc)


def extract_path(path: str | Path) -> Record:
    """Read and extract one file; :class:`chidao.errors.InputError` if it cannot be read."""
    return extract_document(read_path(path))
