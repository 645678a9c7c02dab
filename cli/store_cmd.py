"""``chidao ingest``, ``optimize``, ``export``, ``validate``, ``stats``: the knowledge-graph store.

Each command opens the store its options name and calls one library function
in :mod:`chidao.graph`; library errors become :class:`click.ClickException`.
"""

from __future__ import annotations

import sys
from functools import partial
from pathlib import Path

import click
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from chidao.cli.options import endpoint_options, format_option, ocr_option, store_option
from chidao.cli.stores import opened_store
from chidao.graph.ingest.ingest import DEFAULT_BATCH, FileResult, IngestSummary, ingest
from chidao.graph.rdf.nif import export_full
from chidao.graph.rdf.validate import validate_store
from chidao.graph.store.oxigraph import EXPORT_FORMATS, optimize_store
from chidao.graph.store.rebuild import Rebuilt
from chidao.graph.store.stats import store_stats


def _summary_line(s: IngestSummary) -> str:
    extra = "".join(
        f", {n} {what}"
        for n, what in (
            (s.unreadable, "unreadable"),
            (s.removed, "removed"),
            (s.relinked, "relinked"),
            (s.stale, "stale"),
        )
        if n
    )
    return (
        f"{s.files} file(s): {s.added} added, {s.replaced} replaced, {s.skipped} unchanged, "
        f"{s.failed} failed{extra}; {s.triples:,} triples written in {s.seconds:.1f} s"
    )


@click.command("ingest")
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
@store_option
@endpoint_options
@click.option(
    "-j", "--jobs", type=click.IntRange(1), default=1, show_default=True, help="Worker processes."
)
@click.option(
    "--batch-size",
    type=click.IntRange(1),
    default=DEFAULT_BATCH,
    show_default=True,
    help="Files per store transaction.",
)
@click.option(
    "--strict/--keep-going",
    default=False,
    show_default=True,
    help="Stop at the first file that fails, or report it and go on.",
)
@click.option(
    "--prune", is_flag=True, help="Also drop the graphs of files gone from the given folders."
)
@click.option(
    "--optimize",
    is_flag=True,
    help="Compact the embedded store's indexes afterwards: slower ingest, faster queries.",
)
@ocr_option
@click.option(
    "--adopt",
    is_flag=True,
    help="Accept an Oxigraph store chidao did not create (it is marked as chidao's from then on).",
)
@click.option("-q", "--quiet", is_flag=True, help="No progress bar and no warnings.")
def ingest_command(
    paths: tuple[Path, ...],
    store_path: str | None,
    endpoint: str | None,
    update_endpoint: str | None,
    jobs: int,
    batch_size: int,
    strict: bool,
    prune: bool,
    optimize: bool,
    ocr: bool,
    adopt: bool,
    quiet: bool,
) -> None:
    """Extract the directives in PATHS (files or folders) into the knowledge-graph store.

    Each file becomes one named graph; a file already stored unchanged is
    skipped, a changed file replaces its old graph.  Every batch is one
    transaction, so an interrupted run leaves each file fully stored or absent
    and the next run picks up where it stopped.  Bad files get one line on
    standard error naming the file, and so does a path that cannot be read
    (a dangling link, a folder that cannot be listed: --prune then drops
    nothing); the exit code is 1 when any file failed or path was unreadable.
    """
    if optimize and endpoint:
        raise click.UsageError("--optimize compacts the embedded store, not a SPARQL endpoint")
    err = Console(stderr=True)
    with opened_store(store_path, endpoint, update_endpoint, adopt=adopt) as store:
        with Progress(
            TextColumn("[bold]ingest"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
            TextColumn("{task.description}"),
            console=err,
            disable=quiet,
            transient=True,
        ) as bar:
            task = bar.add_task("", total=None)

            def on_file(result: FileResult) -> None:
                bar.update(task, advance=1, description=Path(result.source).name)
                for line in result.messages:
                    if line.startswith("error:") or not quiet:
                        bar.console.print(line, markup=False, highlight=False, soft_wrap=True)

            try:
                summary = ingest(
                    paths,
                    store,
                    batch_size=batch_size,
                    jobs=jobs,
                    strict=strict,
                    prune=prune,
                    ocr=ocr,
                    progress=on_file,
                    on_start=lambda n: bar.update(task, total=n),
                )
            except KeyboardInterrupt:
                # Committed batches stay; the batch in hand is dropped whole.
                click.echo("interrupted: run the same command to ingest the rest", err=True)
                sys.exit(130)
        if optimize:
            click.echo(_optimized(optimize_store(store), in_place=False), err=True)
    click.echo(_summary_line(summary), err=True)
    if not summary.ok:
        sys.exit(1)


@click.command("optimize")
@store_option
@click.option(
    "--in-place",
    is_flag=True,
    help="Compact the indexes where they are (no second copy on disk; the store stays larger).",
)
def optimize_command(store_path: str | None, in_place: bool) -> None:
    """Make the embedded store smaller and its queries faster after a large ingest.

    Rewrites the store in one bulk load beside it, then swaps it in (about a third
    smaller; needs free disk for the copy while it runs, else it compacts in place).
    The store stays whole if the command is stopped at any moment.
    ``chidao ingest --optimize`` does the same at the end of an ingest.
    """
    with opened_store(store_path) as store:
        done = optimize_store(store, in_place=in_place)
    click.echo(_optimized(done, in_place=in_place), err=True)


def _optimized(done: Rebuilt | None, *, in_place: bool) -> str:
    """What ``chidao optimize`` did, in one line."""
    if done is None:
        why = "" if in_place else " (no free disk for the copy a rebuild needs)"
        return f"store compacted in place{why}"
    mb = 1_000_000  # decimal, as `du --si` and the benchmarks count (it printed MiB as "MB")
    return (
        f"store rebuilt: {done.quads} quads, "
        f"{done.bytes_before / mb:.1f} MB → {done.bytes_after / mb:.1f} MB"
    )


@click.command("export")
@store_option
@endpoint_options
@format_option(*EXPORT_FORMATS, default="nq")
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Write here instead of standard output.",
)
@click.option(
    "--provenance",
    type=click.Choice(["stored", "full"]),
    default="stored",
    show_default=True,
    help="full: also spell out every span as a NIF 2.0 string (offsets, file, what it names, "
    "the text when the source file is still there).",
)
def export_command(
    store_path: str | None,
    endpoint: str | None,
    update_endpoint: str | None,
    fmt: str,
    output: Path | None,
    provenance: str,
) -> None:
    """Export the store: nq, trig and jsonld keep one named graph per file; ttl, nt merge."""
    with opened_store(store_path, endpoint, update_endpoint, read_only=True) as store:
        write = store.export if provenance == "stored" else partial(export_full, store)
        if output is None:
            write(fmt, sys.stdout.buffer)
        else:
            with output.open("wb") as f:
                write(fmt, f)


@click.command("validate")
@store_option
@endpoint_options
def validate_command(
    store_path: str | None, endpoint: str | None, update_endpoint: str | None
) -> None:
    """Check every file's graph against the shipped SHACL shapes; exit 1 on violations."""
    with opened_store(store_path, endpoint, update_endpoint, read_only=True) as store:
        report = validate_store(store)
    click.echo(report.text())
    if not report.conforms:
        sys.exit(1)


@click.command("stats")
@store_option
@endpoint_options
@format_option("table", "json", default="table")
def stats_command(
    store_path: str | None, endpoint: str | None, update_endpoint: str | None, fmt: str
) -> None:
    """Count what the store holds: quads, files, documents, organisations, tasks, spans."""
    with opened_store(store_path, endpoint, update_endpoint, read_only=True) as store:
        stats = store_stats(store)
    if fmt == "json":
        import json

        click.echo(json.dumps(stats))
        return
    where = endpoint or store_path or ""
    table = Table("what", "count", title=f"chidao store {where}".strip())
    for name, value in stats.items():
        table.add_row(name.replace("_", " "), f"{value:,}")
    Console().print(table)
