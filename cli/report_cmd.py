"""``chidao report``: one offline HTML page on a document's spread, or on the corpus."""

from __future__ import annotations

from pathlib import Path

import click

from chidao.cli.options import doc_ref_options, endpoint_options, html_output_option, store_option
from chidao.cli.stores import opened_store
from chidao.errors import ChidaoError


@click.command("report")
@click.argument("doc", required=False, metavar="[DOC]")
@click.option("--all", "whole", is_flag=True, help="Report on the whole corpus instead.")
@doc_ref_options
@html_output_option
@click.option(
    "--csv",
    "csv_dir",
    type=click.Path(file_okay=False, path_type=Path),
    help="Also write the report's numbers as CSV files into this folder.",
)
@store_option
@endpoint_options
def report_command(
    doc: str | None,
    whole: bool,
    issuer: str | None,
    year: int | None,
    output: Path,
    csv_dir: Path | None,
    store_path: str | None,
    endpoint: str | None,
    update_endpoint: str | None,
) -> None:
    """Write an offline HTML report on DOC's spread, or on the corpus (--all).

    For DOC: its header; the diffusion curve (share of the units one level below
    its issuer, in force on its date, carrying it out, by day); the lags per
    level; the units with no document; the fastest and slowest; the chains
    through intermediate documents. The numbers are those of `chidao cascade`
    and `chidao gaps`. For --all: documents per level per month, median lags by
    level and province, top hubs and the coverage of central documents.

        chidao report 52/NQ-CP -o report.html --csv report-csv
    """
    if (doc is None) == (not whole):
        raise click.UsageError("give DOC or --all")
    from chidao.graph.report import data, page, tables

    with opened_store(store_path, endpoint, update_endpoint, read_only=True) as store:
        if whole:
            corpus = data.corpus_report(store)
            html, numbers = page.corpus_page(corpus), tables.corpus_tables(corpus)
        else:
            one = data.document_report(store, doc, issuer, year)  # type: ignore[arg-type]
            html, numbers = page.document_page(one), tables.document_tables(one)
    try:
        path = page.write_page(html, output)
        written = tables.write_csv(numbers, csv_dir) if csv_dir is not None else []
    except ChidaoError as exc:
        raise click.ClickException(str(exc)) from exc
    click.echo(f"wrote {path} ({len(html.encode('utf-8')) // 1024:,} KiB); it needs no network")
    if written:
        click.echo(f"wrote {len(written)} CSV files to {csv_dir}")
