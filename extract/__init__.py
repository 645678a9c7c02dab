"""Extraction: directive text → :class:`~chidao.extract.records.Record` with spans.

Stages (one module each): read → clean → find (header, parties, signature, tasks,
citations) → resolve; :mod:`chidao.extract.pipeline` chains them.

The pipeline's entry points are loaded on first use: commands that only need one
stage (the store's look-ups fold text with :mod:`chidao.extract.clean`) do not
pay for compiling every stage's patterns.

>>> from chidao.extract import extract_text
>>> extract_text("Số: 12/KH-UBND").number.value
'12/KH-UBND'
"""

from __future__ import annotations

from typing import Any

__all__ = ["extract_document", "extract_path", "extract_text"]


def __getattr__(name: str) -> Any:
    if name in __all__:
        from chidao.extract import pipeline

        return getattr(pipeline, name)
    raise AttributeError(f"module 'chidao.extract' has no attribute {name!r}")
