"""``chidao extract``: one record per input file."""

from __future__ import annotations

import json
from pathlib import Path

import click

from chidao.cli.options import format_option, ocr_option
from chidao.extract.batch import extract_many
from chidao.extract.ocr import terminal_progress
from chidao.extract.read import DEFAULT_MAX_CHARS, TEXT_SUFFIXES
from chidao.extract.records import Record


def _table(records: list[Record]) -> None:
    from rich.console import Console
    from rich.table import Table

    table = Table(title="chidao extract")
    for col in ("file", "number", "type", "issuer", "date", "recip.", "tasks", "citations"):
        table.add_column(col)
    for r in records:
        table.add_row(
            Path(r.source).name,
            r.number.value if r.number else "—",
            r.doc_type.value if r.doc_type else "—",
            r.issuer.name if r.issuer else "—",
            r.date.value if r.date else "—",
            str(len(r.recipients)),
            str(len(r.tasks)),
            str(len(r.citations)),
        )
    Console().print(table)


@click.command(
    epilog="""\b
Exit codes:
  0  every file was extracted (warnings may have been printed)
  1  at least one file failed (with --strict: the first failure stopped the run),
     or no input file was found
  2  usage error (unknown option, missing PATHS)"""
)
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@format_option("jsonl", "json", "table", default="jsonl")
@click.option(
    "-o",
    "--output",
    type=click.File("w", encoding="utf-8"),
    default="-",
    help="Write records here instead of standard output.",
)
@click.option(
    "-j", "--jobs", type=click.IntRange(1), default=1, show_default=True, help="Worker processes."
)
@click.option(
    "--strict/--keep-going",
    default=False,
    help="Stop at the first file that fails, or report it and go on [default: --keep-going].",
)
@click.option(
    "--max-chars",
    type=click.IntRange(0),
    default=DEFAULT_MAX_CHARS,
    show_default=True,
    help="Refuse a file whose text is longer than this (0 = no limit).",
)
@ocr_option
@click.option(
    "-q", "--quiet", is_flag=True, help="Do not print warnings or OCR progress (errors still are)."
)
def extract(
    paths: tuple[Path, ...],
    fmt: str,
    output,
    jobs: int,
    strict: bool,
    max_chars: int,
    ocr: bool,
    quiet: bool,
) -> None:
    """Extract a structured record from each directive in PATHS (files or folders).

    Files are read by content: .docx, .pdf (pages without a text layer by
    OCR), scans and photos (.png .jpg .tif, by OCR), legacy Word .doc, .rtf
    and .odt (through LibreOffice), saved web pages (.html .htm .mht), or
    plain text in UTF-8, UTF-16, Windows-1258, TCVN3 or VNI. Folders are
    searched for files with those suffixes.

    A file that cannot be read (empty, binary, undecodable, damaged, a zip
    bomb, too long, a scan with OCR missing or off) gets one "error: FILE: …"
    line on standard error and the other files go on; so does a path that
    cannot be taken (a link loop, a dangling link, an unreadable folder, a
    name that is not UTF-8), counted as skipped. Something odd in a file that
    could be read (no header, an impossible date, a low-confidence OCR page,
    the same content as an earlier file) gets a "warning: FILE[START:END]: …"
    line, the span pointing into the text as read (for OCR'd and converted
    files that text is kept in the record's "reading").
    """
    failed = total = skipped = 0
    kept: list[Record] = []
    first = True
    if fmt == "json":
        output.write("[")
    progress = None if quiet else terminal_progress
    batch = extract_many(
        paths, jobs=jobs, strict=strict, max_chars=max_chars, ocr=ocr, progress=progress
    )
    for outcome in batch:
        total += 1
        for line in outcome.messages():
            if not (quiet and line.startswith("warning:")):
                click.echo(line, err=True)
        if outcome.skipped:
            skipped += 1
            continue
        if outcome.record is None:
            failed += 1
            continue
        if fmt == "table":
            kept.append(outcome.record)
            continue
        line = json.dumps(outcome.record.to_json(), ensure_ascii=False)
        if fmt == "json":
            output.write(("\n" if first else ",\n") + line)
        else:
            output.write(line + "\n")
        first = False
    if fmt == "json":
        output.write("\n]\n")
    if fmt == "table":
        _table(kept)
    output.flush()
    total -= skipped
    if total == 0 and not skipped:
        raise click.ClickException(f"no input files found (looked for {', '.join(TEXT_SUFFIXES)})")
    if failed or skipped:
        stopped = " (--strict: stopped at the first)" if strict else ""
        parts = [f"{failed} of {total} file(s) failed"] if failed or not skipped else []
        if skipped:
            parts.append(f"{skipped} path(s) skipped")
        click.echo(", ".join(parts) + stopped, err=True)
        raise click.exceptions.Exit(1)
