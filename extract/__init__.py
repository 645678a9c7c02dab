"""Extraction: directive text → :class:`~chidao.extract.records.Record` with spans.

Stages (one module each): read → clean → find (header, parties, signature, tasks,
citations) → resolve; :mod:`chidao.extract.pipeline` chains them.
"""

from chidao.extract.pipeline import extract_document, extract_path, extract_text

__all__ = ["extract_document", "extract_path", "extract_text"]
