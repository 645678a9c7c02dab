"""Regex calls skipped when the text lacks a string that every match holds.

Several patterns open with no literal (a line start or a space) or with common letters, so a scan
tries them at nearly every character; each has, in :mod:`chidao.extract.regexes`, a
``*_NEEDS_F`` tuple of strings of which every match holds one (``"gui"`` for
``Kính gửi:``).  A substring test (``in``, ``str.find``) is far cheaper than the scan, and
when it fails the scan could have found nothing: the result is the same.
"""

from __future__ import annotations

import re
from collections.abc import Iterator


def search_if(pattern: re.Pattern[str], needs: tuple[str, ...], s: str) -> re.Match[str] | None:
    """``pattern.search(s)``, skipped when ``s`` holds none of ``needs`` — strings that every
    match of ``pattern`` holds (``rx.AUTHORITY_NEEDS_F``): a substring test is far cheaper
    than a scan that tries the pattern at every character.

    >>> from chidao.extract import regexes as rx
    >>> search_if(rx.AUTHORITY_F, rx.AUTHORITY_NEEDS_F, "t/m ban thuong vu").group("kind")
    't/m'
    >>> search_if(rx.AUTHORITY_F, rx.AUTHORITY_NEEDS_F, "noi nhan:") is None
    True
    """
    for needle in needs:
        if needle in s:
            return pattern.search(s)
    return None


def finditer_if(
    pattern: re.Pattern[str], needs: tuple[str, ...], s: str
) -> Iterator[re.Match[str]]:
    """``pattern.finditer(s)``, skipped like :func:`search_if`."""
    for needle in needs:
        if needle in s:
            return pattern.finditer(s)
    return iter(())


def match_within(
    pattern: re.Pattern[str], needs: tuple[str, ...], s: str, pos: int, end: int
) -> re.Match[str] | None:
    """``pattern.match(s, pos, end)``, skipped when ``s[pos:end]`` holds none of ``needs``.

    >>> from chidao.extract import regexes as rx
    >>> f = "uy ban nhan dan huyen de nghi cac xa"
    >>> match_within(rx.TASK_REQUEST_F, rx.TASK_REQUEST_NEEDS_F, f, 0, len(f)).group("verb")
    'de nghi'
    >>> match_within(rx.TASK_REQUEST_F, rx.TASK_REQUEST_NEEDS_F, f, 0, 21) is None
    True
    """
    for needle in needs:
        if s.find(needle, pos, end) >= 0:
            return pattern.match(s, pos, end)
    return None


def finditer_within(
    pattern: re.Pattern[str], needs: tuple[str, ...], s: str, pos: int, end: int
) -> Iterator[re.Match[str]]:
    """``pattern.finditer(s, pos, end)``, skipped like :func:`match_within`."""
    for needle in needs:
        if s.find(needle, pos, end) >= 0:
            return pattern.finditer(s, pos, end)
    return iter(())
