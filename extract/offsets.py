"""The map from cleaned text back to the text as read, stored as runs.

Cleaning copies long stretches of the text unchanged and rewrites a few short
pieces, so the map is a handful of runs: in a *copied* run the cleaned offset
``i`` maps to ``orig + (i - start)``; in an *anchored* run (a replacement such as
``|`` → space) every offset maps to the same ``orig``.  A 5 KB document has about
ten runs, where a list would hold 5,000 ints rebuilt by each cleaning pass.

:class:`OffsetMap` reads like the list it replaces (``offsets[i]``, ``len``,
iteration); :class:`OffsetMapBuilder` assembles a new map from pieces of an old
one, as :func:`chidao.extract.clean._sub` rewrites the text.
"""

from __future__ import annotations

import operator
from bisect import bisect_right
from collections.abc import Iterator, Sequence
from typing import overload


class OffsetMap(Sequence[int]):
    """A non-decreasing sequence of ints held as runs (``starts[k]``, ``origs[k]``,
    ``steps[k]`` ∈ {0, 1}); run ``k`` covers ``[starts[k], starts[k + 1])``.

    >>> m = OffsetMap.identity(4)
    >>> list(m), m[2], m[-1]
    ([0, 1, 2, 3], 2, 3)
    >>> b = OffsetMapBuilder()
    >>> b.copy(m, 0, 1); b.fill(1, 2); b.copy(m, 3, 4)
    >>> list(b.build())
    [0, 1, 1, 3]
    """

    __slots__ = ("_starts", "_origs", "_steps", "_len")

    def __init__(self, starts: list[int], origs: list[int], steps: list[int], length: int) -> None:
        self._starts = starts
        self._origs = origs
        self._steps = steps
        self._len = length

    @classmethod
    def identity(cls, length: int) -> OffsetMap:
        """``0, 1, …, length - 1``."""
        return cls([0], [0], [1], length) if length else cls([], [], [], 0)

    @classmethod
    def from_list(cls, values: Sequence[int]) -> OffsetMap:
        """The runs of an explicit list of offsets."""
        b = OffsetMapBuilder()
        for v in values:
            b.append(v, 1)
        return b.build()

    def __len__(self) -> int:
        return self._len

    @overload
    def __getitem__(self, i: int) -> int: ...

    @overload
    def __getitem__(self, i: slice) -> list[int]: ...

    def __getitem__(self, i: int | slice) -> int | list[int]:
        if i.__class__ is not int or not 0 <= i < self._len:  # type: ignore[operator]
            return self._other_item(i)
        k = bisect_right(self._starts, i) - 1
        return self._origs[k] + (i - self._starts[k]) * self._steps[k]

    def _other_item(self, i: int | slice) -> int | list[int]:
        """A slice, a negative index, or one out of range."""
        if isinstance(i, slice):
            return [self[k] for k in range(*i.indices(self._len))]
        i = operator.index(i)
        if i < 0:
            i += self._len
        if not 0 <= i < self._len:
            raise IndexError("offset index out of range")
        return self[i]

    def __iter__(self) -> Iterator[int]:
        starts, n = self._starts, len(self._starts)
        for k in range(n):
            end = starts[k + 1] if k + 1 < n else self._len
            orig, step = self._origs[k], self._steps[k]
            if step:
                yield from range(orig, orig + end - starts[k])
            else:
                yield from (orig,) * (end - starts[k])

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Sequence):
            return NotImplemented
        return len(self) == len(other) and all(a == b for a, b in zip(self, other, strict=True))

    def __hash__(self) -> int:
        return hash(tuple(self))

    def __repr__(self) -> str:
        return f"OffsetMap({list(self)!r})"

    def with_sentinel(self, value: int) -> OffsetMap:
        """This map with one more offset, ``value``, at its end."""
        b = OffsetMapBuilder()
        b.copy(self, 0, self._len)
        b.fill(value, 1)
        return b.build()


class OffsetMapBuilder:
    """Builds an :class:`OffsetMap` left to right; adjacent runs that continue each other
    are merged."""

    __slots__ = ("_starts", "_origs", "_steps", "_len")

    def __init__(self) -> None:
        self._starts: list[int] = []
        self._origs: list[int] = []
        self._steps: list[int] = []
        self._len = 0

    def append(self, orig: int, step: int, count: int = 1) -> None:
        """``count`` offsets from ``orig``, each ``step`` (0 or 1) above the one before."""
        if count <= 0:
            return
        if self._starts:
            last_step = self._steps[-1]
            # One offset of a run may join either kind of run after it: its step is moot.
            last_len = self._len - self._starts[-1]
            if last_len == 1 and step == 1 and self._origs[-1] + 1 == orig:
                self._steps[-1] = 1
                self._len += count
                return
            nxt = self._origs[-1] + last_len * last_step
            if last_step == step and (nxt == orig if step else self._origs[-1] == orig):
                self._len += count
                return
        self._starts.append(self._len)
        self._origs.append(orig)
        self._steps.append(step)
        self._len += count

    def copy(self, src: OffsetMap, a: int, b: int) -> None:
        """Append ``src[a:b]``."""
        if b <= a:
            return
        starts, origs, steps = src._starts, src._origs, src._steps
        n = len(starts)
        k = bisect_right(starts, a) - 1
        while a < b:
            run_end = starts[k + 1] if k + 1 < n else src._len
            seg_end = b if b < run_end else run_end
            self.append(origs[k] + (a - starts[k]) * steps[k], steps[k], seg_end - a)
            a = seg_end
            k += 1

    def fill(self, orig: int, count: int) -> None:
        """Append ``count`` copies of ``orig``."""
        self.append(orig, 0, count)

    def build(self) -> OffsetMap:
        return OffsetMap(self._starts, self._origs, self._steps, self._len)
