"""The extraction pipeline: read → clean → find → resolve.

Each stage is one module; this one only chains them:

1. :func:`chidao.extract.clean.clean` — debris out, offset map kept;
2. :mod:`~chidao.extract.find_parties` — the ``Kính gửi`` block, which closes the header;
3. :mod:`~chidao.extract.find_header` — number, type, place, date, subject, issuer lines;
4. :mod:`~chidao.extract.find_parties` / :mod:`~chidao.extract.find_signature` — ``Nơi nhận``
   and the signature, which close the body;
5. :mod:`~chidao.extract.find_issuer` + :mod:`~chidao.extract.resolve` — the issuer;
6. ``find_tasks`` and ``find_citations`` over the body;
7. everything as a :class:`~chidao.extract.records.Record` with spans in the text as read.
"""

from __future__ import annotations

import hashlib
from dataclasses import replace
from pathlib import Path

from chidao.extract.clean import Cleaned, clean
from chidao.extract.find_duties import find_duties
from chidao.extract.find_header import Header, find_header, find_self_reference
from chidao.extract.find_issuer import find_issuer
from chidao.extract.find_page import read_page
from chidao.extract.find_parties import (
    entry_to_party,
    find_distribution_block,
    find_recipients_block,
)
from chidao.extract.find_signature import find_signature
from chidao.extract.page_fields import fill_header, fill_issuer
from chidao.extract.read import DEFAULT_MAX_CHARS, Document, read_path
from chidao.extract.records import (
    Citation,
    Mention,
    Organisation,
    Party,
    Problem,
    Record,
    Task,
)

#: Problems that together say "no header"; reported as that one problem.
HEADER_PARTS_MISSING = frozenset({"no-number", "no-issuer", "no-date"})


def extract_document(doc: Document) -> Record:
    """Extract the record of one decoded document.

    The record's problems are the read stage's (``doc.problems``: damaged bytes, an empty
    PDF page…) followed by the finders'; this is the one place that joins them, so
    :func:`extract_path`, :func:`extract_text` and :mod:`chidao.extract.batch` agree.
    """
    record = _extract(doc)
    extra = tuple(p for p in doc.problems if p not in record.problems)
    if extra:
        record = replace(record, problems=extra + record.problems)
    return _one_no_header(record)


def _one_no_header(record: Record) -> Record:
    """A record without number, issuer and date gets one ``no-header`` problem in place of
    a line per missing part: one clear line for a file that has no header at all."""
    if record.number or record.issuer or record.date:
        return record
    kept = tuple(p for p in record.problems if p.code not in HEADER_PARTS_MISSING)
    if not any(p.code == "no-header" for p in kept):
        kept = (Problem("no-header", "no header found (no number, issuing body or date)"), *kept)
    return replace(record, problems=kept)


def _extract(doc: Document) -> Record:
    page = read_page(doc.text)  # same length: page furniture blanked, header cells laid out
    cleaned = clean(page.text)
    problems: list[Problem] = []
    rblock = find_recipients_block(cleaned)
    header = find_header(cleaned, rblock.opener[0] if rblock else None)
    problems.extend(header.problems)
    if not header.org_lines and header.number is None and not header.problems:
        header = _headerless(cleaned, header)
    header = fill_header(header, page)
    if header.doc_type is None and rblock is not None:
        # A letter addressed "Kính gửi" whose title and number are lost is a Công văn.
        header = replace(header, doc_type=Mention("Công văn"))
    body_start = rblock.end if rblock else header.end
    dblock = find_distribution_block(cleaned, after=body_start)
    sig = find_signature(
        cleaned, after=body_start, distribution_start=dblock.opener[0] if dblock else None
    )
    ends = [p for p in (dblock.opener[0] if dblock else None, sig.start) if p is not None]
    body_end = min([p for p in ends if p >= body_start] or [len(cleaned.text)])
    body = (body_start, body_end)
    issuer = fill_issuer(find_issuer(cleaned, header, body), cleaned, header, page)
    if issuer is None:
        problems.append(Problem("no-issuer", "the issuing organisation was not found"))
    if header.number is None and not any(p.code == "unreadable-number" for p in problems):
        problems.append(Problem("no-number", "no registration number in the header"))
    recipients = _parties(cleaned, rblock.entries if rblock else (), issuer, distribution=False)
    distribution = _parties(cleaned, dblock.entries if dblock else (), issuer, distribution=True)
    own_number = header.number.value if header.number else None
    tasks = _tasks(cleaned, body, issuer)
    citations = _citations(cleaned, body, issuer, own_number, problems)
    return Record(
        source=doc.source,
        sha256=doc.sha256,
        encoding=doc.encoding,
        length=len(doc.text),
        reading=doc.reading,
        number=header.number,
        doc_type=header.doc_type,
        issuer=issuer,
        date=header.date,
        place=header.place,
        subject=header.subject,
        recipients=recipients,
        signer=sig.signer,
        tasks=tasks,
        distribution=distribution,
        citations=citations,
        problems=tuple(problems),
        duties=find_duties(cleaned, body, tasks, issuer, header.date),
    )


def _headerless(cleaned: Cleaned, header: Header) -> Header:
    """A copy without its header: take what the letter says of itself in an appendix."""
    own = find_self_reference(cleaned)
    if own is None:
        return header
    return replace(
        header,
        number=own.number,
        doc_type=header.doc_type or own.doc_type,
        date=header.date or own.date,
        subject=header.subject or own.subject,
    )


def _parties(
    cleaned: Cleaned,
    entries: tuple[tuple[int, int], ...],
    issuer: Organisation | None,
    distribution: bool,
) -> tuple[Party, ...]:
    out = []
    for span in entries:
        party = entry_to_party(cleaned, span, issuer, distribution)
        if party is not None:
            out.append(party)
    return tuple(out)


def _tasks(
    cleaned: Cleaned, body: tuple[int, int], issuer: Organisation | None
) -> tuple[Task, ...]:
    try:
        from chidao.extract.find_tasks import find_tasks
    except ImportError as exc:  # pragma: no cover - only while the stage is being written
        raise ImportError(f"the task finder (chidao.extract.find_tasks) is missing: {exc}") from exc
    return find_tasks(cleaned, body, issuer)


def _citations(
    cleaned: Cleaned,
    body: tuple[int, int],
    issuer: Organisation | None,
    own_number: str | None,
    problems: list[Problem],
) -> tuple[Citation, ...]:
    try:
        from chidao.extract.find_citations import find_citations
    except ImportError as exc:  # pragma: no cover - only while the stage is being written
        raise ImportError(
            f"the citation finder (chidao.extract.find_citations) is missing: {exc}"
        ) from exc
    return find_citations(cleaned, body, issuer, own_number, problems)


def extract_text(text: str, source: str = "<text>") -> Record:
    """Extract a record from text already in memory."""
    data = text.encode("utf-8")
    doc = Document(
        source=source,
        text=text,
        encoding="utf-8",
        sha256=hashlib.sha256(data).hexdigest(),
        size=len(data),
    )
    return extract_document(doc)


def extract_path(path: str | Path, *, max_chars: int = DEFAULT_MAX_CHARS) -> Record:
    """Read and extract one file, with the read stage's problems on the record;
    :class:`chidao.errors.InputError` if it cannot be read."""
    return extract_document(read_path(path, max_chars=max_chars))
