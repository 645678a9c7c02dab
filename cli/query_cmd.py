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
from chidao.graph.store.binding import bind_plain_text
from chidao.graph.store.results import (
    RESULT_FORMATS,
    load_query,
    parse_binding_spec,
    rows_as_text,
    saved_query_list,
    write_result,
)


@click.command("query")
@click.argument("sparql", required=False)
@store_option
@endpoint_options
@format_option(*RESULT_FORMATS, default="table")
@click.option(
    "--bind",
    "bindings",
    multiple=True,
    metavar="NAME=VALUE",
    help="Pre-bind a variable: plain text (matches it whatever its language tag), "
    '"exact string", "text"@lang or <iri> (repeatable).',
)
@click.option("--list", "list_saved", is_flag=True, help="List the saved queries and exit.")
def query_command(
    sparql: str | None,
    store_path: str | None,
    endpoint: str | None,
    update_endpoint: str | None,
    fmt: str,
    bindings: tuple[str, ...],
    list_saved: bool,
) -> None:
    """Run a SPARQL query (text, @file.rq or @saved-query-name) over the store.

    The default graph is the union of all files' graphs.  Values given with
    --bind are bound, never pasted into the query text.  `chidao query --list`
    shows the saved queries, what each answers and the values it takes.
    """
    if list_saved:
        for q in saved_query_list():
            params = f"  [--bind {'= --bind '.join(q.parameters)}=…]" if q.parameters else ""
            click.echo(f"@{q.name}{params}\n    {q.purpose}")
        return
    if sparql is None:
        raise click.UsageError("give a query (text, @file.rq or @saved-name), or --list")
    try:
        text = load_query(sparql)
        specs = [parse_binding_spec(b) for b in bindings]
    except ChidaoError as exc:
        raise click.ClickException(str(exc)) from exc
    with opened_store(store_path, endpoint, update_endpoint, read_only=True) as store:
        text, bound = bind_plain_text(store, text, specs)
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
