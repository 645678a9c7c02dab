"""``chidao serve``: a SPARQL 1.1 endpoint over the store, with limits."""

from __future__ import annotations

import click

from chidao.cli.options import store_option
from chidao.errors import ChidaoError
from chidao.graph.store.endpoint import MB, Endpoint, Limits
from chidao.graph.store.server import DEFAULT_BIND, DEFAULT_PORT, is_loopback, serve
from chidao.settings import default_store_path

_DEFAULTS = Limits()


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
    help="Accept SPARQL Update writes (takes the store's lock).",
)
@click.option(
    "--timeout",
    "timeout_s",
    type=click.FloatRange(0.1),
    default=_DEFAULTS.timeout_s,
    show_default=True,
    metavar="SECONDS",
    help="Stop a query that runs longer than this (its worker is killed).",
)
@click.option(
    "--max-result-mb",
    type=click.FloatRange(0.001),
    default=_DEFAULTS.max_result_bytes / MB,
    show_default=True,
    help="Refuse (413) an answer larger than this.",
)
@click.option(
    "--workers",
    type=click.IntRange(1, 64),
    default=_DEFAULTS.workers,
    show_default=True,
    help="Queries evaluated at once; more wait briefly, then get 503.",
)
@click.option(
    "--memory-mb",
    type=click.IntRange(64),
    default=_DEFAULTS.worker_memory_bytes // MB,
    show_default=True,
    help="Memory ceiling of one query's worker; a query passing it is stopped.",
)
@click.option(
    "--allow-federation",
    is_flag=True,
    help="Run SERVICE clauses (the server then makes HTTP requests to the addresses "
    "queries name). Refused by default.",
)
@click.option(
    "--adopt",
    is_flag=True,
    help="Serve an Oxigraph store that chidao did not create.",
)
def serve_command(
    store_path: str | None,
    bind: str,
    port: int,
    writable: bool,
    timeout_s: float,
    max_result_mb: float,
    workers: int,
    memory_mb: int,
    allow_federation: bool,
    adopt: bool,
) -> None:
    """Serve the store as a SPARQL 1.1 endpoint until Ctrl-C.

    Read-only and on loopback unless told otherwise. Every query runs in a
    worker process under a time limit, a result-size limit and a memory
    ceiling; a query passing one is stopped and answered with a clear error,
    and the server goes on. Open the printed URL for a query page, or use any
    SPARQL client:

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
    limits = Limits(
        timeout_s=timeout_s,
        max_result_bytes=int(max_result_mb * MB),
        workers=workers,
        worker_memory_bytes=memory_mb * MB,
        allow_federation=allow_federation,
    )

    def ready(server: Endpoint) -> None:
        mode = "read-write" if writable else "read-only"
        click.echo(f"Serving {server.store_path} ({mode}) at {server.url}")
        click.echo(f"  SPARQL query:  {server.query_url}")
        if writable:
            click.echo(f"  SPARQL update: {server.update_url}")
        click.echo(
            f"  Limits: {workers} queries at once, {timeout_s:g} s, {max_result_mb:g} MB per "
            f"answer, {memory_mb} MB per query" + ("" if allow_federation else ", no SERVICE")
        )
        click.echo("Press Ctrl-C to stop.")

    try:
        serve(
            store_path or default_store_path(),
            bind=bind,
            port=port,
            writable=writable,
            adopt=adopt,
            limits=limits,
            on_ready=ready,
        )
    except ChidaoError as err:
        raise click.ClickException(str(err)) from err
    click.echo("Stopped.")
