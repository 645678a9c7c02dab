"""The one exception hierarchy of chidao.

Every error names the file it concerns and, where it applies, the character
span ``(start, end)`` in that file's text as read.
"""

from __future__ import annotations


class ChidaoError(Exception):
    """Base class of every error chidao raises on purpose."""

    def __init__(
        self,
        message: str,
        *,
        source: str | None = None,
        span: tuple[int, int] | None = None,
    ) -> None:
        self.message = message
        self.source = source
        self.span = span
        super().__init__(str(self))

    def __str__(self) -> str:
        where = self.source or ""
        if self.span is not None:
            where += f"[{self.span[0]}:{self.span[1]}]"
        return f"{where}: {self.message}" if where else self.message


class InputError(ChidaoError):
    """A file cannot be read as a directive (empty, binary, undecodable, …)."""


class StoreError(ChidaoError):
    """The triple store cannot be opened, read or written."""


class QueryError(ChidaoError):
    """A SPARQL query or a document reference is invalid or ambiguous."""
