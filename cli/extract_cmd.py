"""``chidao extract``: one record per input file."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import click

from chidao.cli.options import format_option
from chidao.errors import ChidaoError
from chidao.extract.pipeline import extract_path
from chidao.extract.read import iter_input_files
from chidao.extract.records import Record


def _one(path: Path) -> tuple[str, Record | None, str | None]:
    try:
        return str(path), extract_path(path), None
    except ChidaoError as exc:
        return str(path), None, str(exc)


def _results(files: list[Path], jobs: int) -> Iterator[tuple[str, Record | None, str | None]]:
    if jobs <= 1 or len(files) < 2:
        yield from map(_one, files)
        return
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        yield from pool.map(_one, files, chunksize=max(1, min(64, len(files) // (jobs * 4))))


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


@click.command()
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
    show_default=True,
    help="Stop at the first file that fails, or report it and go on.",
)
def extract(paths: tuple[Path, ...], fmt: str, output, jobs: int, strict: bool) -> None:
    """Extract a structured record from each directive in PATHS (files or folders).

    Bad files get one line on standard error naming the file; the others go on.
    The exit code is 1 when any file failed.
    """
    files = list(iter_input_files(paths))
    failed = 0
    kept: list[Record] = []
    first = True
    if fmt == "json":
        output.write("[")
    for _source, record, error in _results(files, jobs):
        if error is not None:
            failed += 1
            click.echo(f"error: {error}", err=True)
            if strict:
                break
            continue
        assert record is not None
        if fmt == "table":
            kept.append(record)
            continue
        line = json.dumps(record.to_json(), ensure_ascii=False)
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
    if failed:
        click.echo(f"{failed} of {len(files)} file(s) failed", err=True)
        sys.exit(1)
