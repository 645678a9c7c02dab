"""``chidao run``: the main job — ingest a corpus, report on it, write its views."""

from __future__ import annotations

from pathlib import Path

import click
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from chidao.cli.options import ocr_option, store_option
from chidao.cli.stores import opened_store
from chidao.graph.ingest.ingest import FileResult, IngestSummary
from chidao.graph.workflow import STEPS, RunReport, run

#: How many SHACL violations are listed before "… and N more".
SHOWN_VIOLATIONS = 20


def _days(n: int | float | None) -> str:
    return "—" if n is None else f"{n:g} d"


def _print_validation(report: RunReport, console: Console) -> None:
    if report.validation is None:
        return
    v = report.validation
    verdict = "conforms" if v.conforms else f"{len(v.violations)} violation(s)"
    console.print(f"[bold]SHACL[/]: {v.graphs} graph(s) checked, {verdict}.")
    for violation in v.violations[:SHOWN_VIOLATIONS]:
        console.print(f"  {violation.line()}", markup=False, highlight=False, soft_wrap=True)
    if len(v.violations) > SHOWN_VIOLATIONS:
        console.print(
            f"  … and {len(v.violations) - SHOWN_VIOLATIONS} more (chidao validate lists all)"
        )


def _counts(s: IngestSummary) -> str:
    """The ingest counts, with the unreadable paths when there were some."""
    unreadable = f", {s.unreadable} unreadable" if s.unreadable else ""
    return (
        f"{s.files} file(s): {s.added} added, {s.replaced} replaced, {s.skipped} unchanged, "
        f"{s.failed} failed{unreadable}"
    )


def _print(report: RunReport, console: Console) -> None:
    s = report.ingest
    console.print(f"[bold]Ingested[/] {_counts(s)}.")
    console.print(
        f"[bold]Store[/]: {report.triples:,} triples; {report.documents} documents ingested, "
        f"{report.cited_only} known only from citations, {report.organisations} organisations."
    )
    _print_validation(report, console)
    if report.hubs:
        table = Table(title="Hubs: most carried-out documents")
        for col in ("number", "issuer", "level", "carried out by", "cited by", "PageRank"):
            table.add_column(col)
        for h in report.hubs:
            table.add_row(
                h.number or "—",
                h.issuer_name or "—",
                h.level or "—",
                str(h.implemented_by),
                str(h.cited_by),
                f"{h.pagerank:.3f}",
            )
        console.print(table)
    if report.cascade is not None:
        c = report.cascade
        console.print(
            f"[bold]Cascade of {c.root.number}[/] ({c.root.issuer_name or 'issuer unknown'}): "
            f"{len(c.nodes)} document(s) carry it out"
        )
        if c.root.date is None:
            # Its documents may be dated: the lags are what nobody can tell.
            console.print("  lags unknown: the document itself is undated", highlight=False)
        for lv in c.levels:
            timing = (
                f"first after {_days(lv.first_days)}, median {_days(lv.median_days)}"
                if c.root.date is not None
                else "lags unknown"
            )
            console.print(
                f"  {lv.level or 'unknown level'}: {lv.count} document(s), {timing}; "
                f"by {', '.join(lv.issuers) or '—'}",
                highlight=False,
            )
    if report.lineage_of is not None:
        d = report.lineage_of
        console.print(f"[bold]Lineage of {d.number or d.iri}[/] ({d.issuer_name or '—'}):")
        for chain in report.lineage:
            steps = " → ".join(
                f"{h.relation} {h.number or '?'} ({h.issuer_name or '?'}, {_days(h.lag_days)})"
                for h in chain
            )
            console.print(f"  {steps}", highlight=False)
    for p in report.views:
        console.print(f"[bold]View[/]: {p}")


@click.command("run")
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
@store_option
@click.option(
    "-o",
    "--out",
    "out_dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("chidao-out"),
    show_default=True,
    help="Folder for the HTML views.",
)
@click.option("-j", "--jobs", type=click.IntRange(1), default=1, show_default=True)
@ocr_option
@click.option(
    "-q",
    "--quiet",
    is_flag=True,
    help="No progress bar, no per-file warnings, no tables: ingest counts, SHACL verdict, views.",
)
def run_command(
    paths: tuple[Path, ...],
    store_path: str | None,
    out_dir: Path,
    jobs: int,
    ocr: bool,
    quiet: bool,
) -> None:
    """Ingest PATHS into the store, then report on the graph and write its views.

    The report names the most carried-out documents (hubs), the cascade of the
    first of them by level with lags in days, the lineage of the document with
    the longest chain, and the SHACL verdict with its violations.  Views go to
    OUT: corpus.html and cascade.html.  The exit code is 1 when a file failed,
    a path could not be read, or the graph does not conform to the SHACL shapes.
    """
    console = Console()
    err = Console(stderr=True)
    progress = Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=err,
        transient=True,
        disable=quiet or not err.is_terminal,
    )
    task = progress.add_task("ingest", total=None)

    def on_start(files: int) -> None:
        progress.update(task, total=files + len(STEPS), description=f"ingest {files} file(s)")

    def on_file(result: FileResult) -> None:
        progress.advance(task)
        for line in result.messages:
            if quiet and not line.startswith("error"):
                continue
            progress.console.print(line, markup=False, highlight=False, soft_wrap=True)

    def on_step(name: str) -> None:
        progress.update(task, description=name)
        progress.advance(task)

    with progress, opened_store(store_path) as store:
        report = run(
            paths,
            store,
            out_dir,
            jobs=jobs,
            ocr=ocr,
            progress=on_file,
            on_start=on_start,
            on_step=on_step,
        )
    if quiet:
        s = report.ingest
        console.print(f"{_counts(s)}.", highlight=False)
        _print_validation(report, console)
        for p in report.views:
            console.print(f"View: {p}", highlight=False)
    else:
        _print(report, console)
    conforms = report.validation is None or report.validation.conforms
    if not report.ingest.ok or not conforms:
        raise SystemExit(1)
