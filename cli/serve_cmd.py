"""``chidao serve``: a SPARQL 1.1 endpoint over the store."""

from __future__ import annotations

import click

from chidao.cli.options import store_option
from chidao.errors import ChidaoError
from chidao.graph.store.server import DEFAULT_BIND, DEFAULT_PORT, OxigraphServer, is_loopback, serve
from chidao.settings import default_store_path


@click.command("serve")
@store_option
@click.option(
    "--bind",
    default=DEFAULT_BIND,
    show_default=True,
    metavar="ADDRESS",
    help="Address to listen on. Anything but loopback exposes the store to the network.",
)
@click.option(
    "--port",
    type=click.IntRange(0, 65535),
    default=DEFAULT_PORT,
    show_default=True,
    help="TCP port (0 picks a free one).",
)
@click.option(
    "--writable",
    is_flag=True,
    help="Accept SPARQL Update and Graph Store Protocol writes (takes the store's lock).",
)
@click.option(
    "--timeout",
    "timeout_s",
    type=click.IntRange(1),
    default=None,
    metavar="SECONDS",
    help="Abort queries that run longer than this.",
)
def serve_command(
    store_path: str | None, bind: str, port: int, writable: bool, timeout_s: int | None
) -> None:
    """Serve the store as a SPARQL 1.1 endpoint until Ctrl-C.

    Runs the Oxigraph server (pip install 'chidao[server]') over the embedded
    store's folder: read-only and on loopback unless told otherwise. Query it
    from YASGUI (open the printed URL), SPARQLWrapper, R or curl:

    \b
        curl -H 'Accept: text/csv' \\
          --data-urlencode 'query=SELECT * { ?s ?p ?o } LIMIT 5' URL/query

    chidao's own commands take --endpoint URL/query; with --writable,
    `chidao ingest --endpoint URL/query` writes through the server while
    others keep querying it.
    """
    if not is_loopback(bind):
        click.secho(
            f"warning: listening on {bind}: anyone who can reach this host can query"
            + (" and CHANGE" if writable else "")
            + " the store",
            fg="yellow",
            err=True,
        )

    def ready(server: OxigraphServer) -> None:
        mode = "read-write" if writable else "read-only"
        click.echo(f"Serving {server.store_path} ({mode}) at {server.url}")
        click.echo(f"  SPARQL query:  {server.query_url}")
        if writable:
            click.echo(f"  SPARQL update: {server.update_url}")
        click.echo(f"  Graph Store:   {server.store_url}")
        click.echo("Press Ctrl-C to stop.")

    try:
        serve(
            store_path or default_store_path(),
            bind=bind,
            port=port,
            writable=writable,
            timeout_s=timeout_s,
            on_ready=ready,
        )
    except ChidaoError as err:
        raise click.ClickException(str(err)) from err
    click.echo("Stopped.")
