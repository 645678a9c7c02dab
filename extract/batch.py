"""Extract many files under one bad-input policy (used by ``chidao extract`` and ``ingest``).

:func:`extract_many` reads and extracts files in order — in worker processes
when ``jobs > 1`` — and yields one :class:`Outcome` per file.  A file that
cannot be read gives an outcome with an :class:`~chidao.errors.InputError` and
the others go on; ``strict=True`` stops after the first failure.  Warnings
(the record's :class:`~chidao.extract.records.Problem` list, a second copy of
a file already seen) ride on the outcome; :meth:`Outcome.messages` renders
every one as a single line naming the file and, where it applies, the span::

    error: a.pdf: no text layer (scanned PDF?); OCR is not supported
    warning: b.txt[412:436]: impossible-date: no such date: 'ngày 31 tháng 2 năm 2021'
    warning: c.txt: duplicate of a.txt (same content, sha256 3f9a0c1d2b4e…)
"""

from __future__ import annotations

import dataclasses
import os
import signal
import threading
import time
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from chidao.errors import ChidaoError, InputError
from chidao.extract.ocr import Progress
from chidao.extract.pipeline import extract_document
from chidao.extract.read import (
    DEFAULT_MAX_CHARS,
    Skipped,
    display_path,
    one_line,
    read_path,
    walk_inputs,
)
from chidao.extract.records import Record

#: Files handed to a worker process at a time, and chunks kept in flight per worker.
CHUNK = 16
IN_FLIGHT = 4


@dataclass(frozen=True, slots=True)
class Outcome:
    """What became of one input file: a record, or the error that stopped it."""

    source: str
    record: Record | None = None
    error: ChidaoError | None = None
    duplicate_of: str | None = None  # an earlier file of this batch with the same bytes
    skipped: bool = False  # a path the walk could not take (link loop, unreadable folder, …)

    @property
    def ok(self) -> bool:
        return self.error is None

    def messages(self) -> list[str]:
        """One ``error: …`` or ``warning: …`` line per thing to report, in order.

        Paths are escaped (:func:`~chidao.extract.read.display_path`): a newline or
        an undecodable byte in a file name cannot split or break a line.
        """
        name = display_path(self.source)
        if self.error is not None:
            err = self.error
            if self.skipped:
                return [Skipped(self.source, err.message).line()]
            where = display_path(err.source) if err.source is not None else ""
            if err.span is not None:
                where += f"[{err.span[0]}:{err.span[1]}]"
            return [f"error: {where + ': ' if where else ''}{one_line(err.message)}"]
        lines = []
        if self.duplicate_of is not None and self.record is not None:
            lines.append(
                f"warning: {name}: duplicate of {display_path(self.duplicate_of)} "
                f"(same content, sha256 {self.record.sha256[:12]}…)"
            )
        for p in self.record.problems if self.record is not None else ():
            where = name if p.span is None else f"{name}[{p.span[0]}:{p.span[1]}]"
            lines.append(f"warning: {where}: {p.code}: {one_line(p.message)}")
        return lines


def extract_file(
    path: str | Path,
    *,
    max_chars: int = DEFAULT_MAX_CHARS,
    ocr: bool = True,
    progress: Progress | None = None,
) -> Record:
    """Read and extract one file, with the read stage's problems on the record.

    ``ocr`` and ``progress`` are :func:`~chidao.extract.read.read_path`'s.

    Raises :class:`InputError` for a file that cannot be read.  An unexpected
    exception inside extraction becomes an :class:`InputError` too, so that one
    document that trips a bug does not end a run over a whole corpus.
    """
    doc = read_path(path, max_chars=max_chars, ocr=ocr, progress=progress)
    try:
        # The same stages as pipeline.extract_path: extract_document joins the read
        # stage's problems to the finders' and folds a missing header into one problem.
        return extract_document(doc)
    except Exception as exc:  # a bug on one document must not end a 10^5-file run
        raise InputError(
            f"internal error while extracting ({type(exc).__name__}: {exc}); please report",
            source=doc.source,
        ) from exc


def _one(path: Path | Skipped, opts: _Options) -> Outcome:
    if isinstance(path, Skipped):
        return Outcome(path.path, error=InputError(path.reason, source=path.path), skipped=True)
    try:
        record = extract_file(path, max_chars=opts.max_chars, ocr=opts.ocr, progress=opts.progress)
        return Outcome(str(path), record=record)
    except ChidaoError as exc:
        # Rebuilt in the parent: exception pickling keeps only the message.
        return Outcome(str(path), error=exc)


@dataclass(frozen=True, slots=True)
class _Options:
    """What every file of a batch is read with (sent to the worker processes)."""

    max_chars: int = DEFAULT_MAX_CHARS
    ocr: bool = True
    progress: Progress | None = None  # a module-level function: it is pickled by name


def _chunk(paths: list[Path | Skipped], opts: _Options) -> list[tuple]:
    out = []
    for path in paths:
        o = _one(path, opts)
        err = o.error
        out.append(
            (
                o.source,
                o.record,
                None if err is None else (type(err), err.message, err.source, err.span),
                o.skipped,
            )
        )
    return out


def _die_with_parent(parent: int) -> None:
    """Worker start-up: end this worker when the process that started it is gone.

    A killed ``chidao extract -j 2`` / ``ingest -j 2`` must not leave its workers
    running.  On Linux the kernel sends SIGKILL at the parent's death
    (``PR_SET_PDEATHSIG``); elsewhere, and as a second line, a thread checks
    the parent every half second.
    """
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, signal.SIGKILL, 0, 0, 0)  # 1 = PR_SET_PDEATHSIG
    except (OSError, AttributeError):  # not Linux: the thread below does it
        pass
    if os.getppid() != parent:  # the parent died before prctl took effect
        os._exit(1)

    def watch() -> None:
        while True:
            time.sleep(0.5)
            if os.getppid() != parent:
                os._exit(1)

    threading.Thread(target=watch, name="chidao-parent-watch", daemon=True).start()


def _outcomes_parallel(
    files: Iterable[Path | Skipped], jobs: int, opts: _Options
) -> Iterator[Outcome]:
    """Outcomes in input order, with a bounded number of chunks in flight (streams 10^6 files)."""
    pending: deque[Future] = deque()
    pool = ProcessPoolExecutor(
        max_workers=jobs, initializer=_die_with_parent, initargs=(os.getpid(),)
    )
    with pool:
        try:
            batch: list[Path | Skipped] = []
            for path in files:
                batch.append(path)
                if len(batch) == CHUNK:
                    pending.append(pool.submit(_chunk, batch, opts))
                    batch = []
                    while len(pending) >= jobs * IN_FLIGHT:
                        yield from _unpack(pending.popleft().result())
            if batch:
                pending.append(pool.submit(_chunk, batch, opts))
            while pending:
                yield from _unpack(pending.popleft().result())
        finally:
            # The consumer stopped early (--strict): drop queued work, keep no zombies.
            pool.shutdown(wait=True, cancel_futures=True)


def _unpack(results) -> Iterator[Outcome]:
    for source, record, err, skipped in results:
        if err is None:
            yield Outcome(source, record=record)
        else:
            cls, message, src, span = err
            yield Outcome(source, error=cls(message, source=src, span=span), skipped=skipped)


def extract_many(
    paths: Iterable[str | Path],
    *,
    jobs: int = 1,
    strict: bool = False,
    max_chars: int = DEFAULT_MAX_CHARS,
    ocr: bool = True,
    progress: Progress | None = None,
) -> Iterator[Outcome]:
    """Extract every file under ``paths`` (files or folders), one :class:`Outcome` each, in order.

    ``strict`` stops after the first failed file; otherwise every file is tried.
    A file whose bytes equal an earlier file's gets ``duplicate_of`` set (its
    record is still produced: ingest may skip it, extract reports it).  A path
    the walk could not take (:class:`~chidao.extract.read.Skipped`: a link
    loop, a dangling link, a folder that cannot be listed, a name that is not
    UTF-8) gives an outcome with ``skipped=True`` and an error, in its place.
    ``ocr`` turns OCR of scans and images on or off; ``progress(source, page,
    pages)`` is called before each OCR'd page (with ``jobs > 1`` it must be a
    module-level function, e.g. :func:`chidao.extract.ocr.terminal_progress`).
    """
    files = walk_inputs(paths)
    opts = _Options(max_chars, ocr, progress)
    outcomes = (
        (_one(p, opts) for p in files) if jobs <= 1 else _outcomes_parallel(files, jobs, opts)
    )
    seen: dict[bytes, str] = {}  # 32-byte digests: ~100 bytes a file, 100 MB for 10^6 files
    try:
        for outcome in outcomes:
            if outcome.record is not None:
                digest = bytes.fromhex(outcome.record.sha256)
                first = seen.setdefault(digest, outcome.source)
                if first != outcome.source:
                    outcome = dataclasses.replace(outcome, duplicate_of=first)
            yield outcome
            if strict and not outcome.ok:
                return
    finally:
        outcomes.close()  # stops the worker pool at once when the caller stops early
