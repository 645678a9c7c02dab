"""``chidao query``: SPARQL over the store, saved queries, bound values.

The query text comes from :func:`chidao.graph.store.results.load_query`; values
given with ``--bind`` are bound by the store, never pasted into the text.
"""

from __future__ import annotations

import sys

import click
from rich.console import Console
from rich.table import Table

from chidao.cli.options import endpoint_options, format_option, store_option
from chidao.cli.stores import opened_store
from chidao.errors import ChidaoError
from chidao.graph.store.results import (
    RESULT_FORMATS,
    load_query,
    parse_binding,
    rows_as_text,
    write_result,
)


@click.command("query")
@click.argument("sparql")
@store_option
@endpoint_options
@format_option(*RESULT_FORMATS, default="table")
@click.option(
    "--bind",
    "bindings",
    multiple=True,
    metavar="NAME=VALUE",
    help='Pre-bind a variable: a string, "text"@lang or <iri> (repeatable).',
)
def query_command(
    sparql: str,
    store_path: str | None,
    endpoint: str | None,
    update_endpoint: str | None,
    fmt: str,
    bindings: tuple[str, ...],
) -> None:
    """Run a SPARQL query (text, @file.rq or @saved-query-name) over the store.

    The default graph is the union of all files' graphs.  Values given with
    --bind are bound, never pasted into the query text.
    """
    try:
        text = load_query(sparql)
        bound = dict(parse_binding(b) for b in bindings)
    except ChidaoError as exc:
        raise click.ClickException(str(exc)) from exc
    with opened_store(store_path, endpoint, update_endpoint, read_only=True) as store:
        result = store.query(text, bound)
        if fmt != "table":
            out = sys.stdout
            write_result(result, fmt, out)
            return
        if result.kind == "ask":
            click.echo("true" if result.boolean else "false")
            return
        if result.kind != "select":
            raise click.ClickException("CONSTRUCT/DESCRIBE results are graphs: use `chidao export`")
        table = Table(show_lines=False)
        for name in result.variables:
            table.add_column(name, overflow="fold")
        for row in rows_as_text(result):
            table.add_row(*row)
        Console().print(table)
