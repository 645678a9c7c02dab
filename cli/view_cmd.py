"""``chidao view``: an interactive HTML view of a cascade, an organisation or the corpus."""

from __future__ import annotations

from pathlib import Path

import click

from chidao.cli.options import doc_ref_options, endpoint_options, html_output_option, store_option
from chidao.cli.stores import opened_store
from chidao.errors import ChidaoError
from chidao.graph.analysis.nodes import CARRY_OUT, LEVELS
from chidao.graph.views.aggregate import GROUPINGS
from chidao.graph.views.build import DEFAULT_MAX_NODES, write_view
from chidao.graph.views.from_store import store_view


@click.command("view")
@click.argument("doc", required=False, metavar="[DOC]")
@click.option("--org", metavar="NAME", help="Draw this organisation's neighbourhood instead.")
@click.option("--all", "whole", is_flag=True, help="Draw the whole corpus instead.")
@doc_ref_options
@html_output_option
@click.option(
    "--with-cites",
    is_flag=True,
    help="Follow plain citations too, not only implements / based_on (DOC only).",
)
@click.option(
    "--timeline",
    is_flag=True,
    help="DOC on a time axis: x = days from DOC, y = a band per level.",
)
@click.option(
    "--max-nodes",
    type=click.IntRange(1),
    default=DEFAULT_MAX_NODES,
    help="Also group documents when the view would draw more nodes than this "
    "[default: group only as much as the view needs to read at first paint].",
)
@click.option(
    "--group-by",
    type=click.Choice(["auto", "none", *GROUPINGS]),
    default="auto",
    show_default=True,
    help="Group documents per issuer, province or level; auto: only past --max-nodes.",
)
@click.option("--province", metavar="NAME", help="Keep only documents of this province.")
@click.option(
    "--down-to", type=click.Choice(LEVELS), help="Keep only documents down to this level."
)
@store_option
@endpoint_options
def view(
    doc: str | None,
    org: str | None,
    whole: bool,
    issuer: str | None,
    year: int | None,
    output: Path,
    with_cites: bool,
    timeline: bool,
    max_nodes: int | None,
    group_by: str,
    province: str | None,
    down_to: str | None,
    store_path: str | None,
    endpoint: str | None,
    update_endpoint: str | None,
) -> None:
    """Write an interactive HTML view: DOC's cascade up and down, --org ORG's
    neighbourhood, or --all documents.

    DOC is a number (52/NQ-CP, 17-CV/TU), a source file name or an IRI. Central
    documents are drawn at the top, communes at the bottom; colour shows the
    level, shape the system (Party, State, Front); dashed grey nodes are known
    only from citations; hover for number, date, issuer and subject. The file
    works offline. A view opens with every label readable: when documents are
    too many for that, they are grouped per issuer, province or level, and the
    page says so (--group-by chooses instead).

        chidao view 52/NQ-CP -o cascade.html
        chidao view 52/NQ-CP --timeline -o timeline.html
    """
    if sum((doc is not None, org is not None, whole)) != 1:
        raise click.UsageError("give exactly one of DOC, --org NAME or --all")
    if with_cites and doc is None:
        raise click.UsageError("--with-cites applies to a DOC cascade only")
    if timeline and doc is None:
        raise click.UsageError("--timeline applies to a DOC cascade only")
    options: dict = dict(max_nodes=max_nodes, group_by=group_by, province=province, down_to=down_to)
    if with_cites:
        options["relations"] = (*CARRY_OUT, "cites")
    if timeline:
        options["timeline"] = True
    with opened_store(store_path, endpoint, update_endpoint, read_only=True) as store:
        html = store_view(store, doc=doc, org=org, issuer=issuer, year=year, **options)
    try:
        path = write_view(html, output)
    except ChidaoError as exc:
        raise click.ClickException(str(exc)) from exc
    click.echo(f"wrote {path} ({len(html.encode('utf-8')) // 1024:,} KiB); it needs no network")
