"""Opening the store for a command: one place turns library errors into click errors."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import click
import networkx as nx

from chidao.errors import ChidaoError
from chidao.graph.store.oxigraph import TripleStore, open_store


@contextmanager
def opened_store(
    store_path: str | None,
    endpoint: str | None = None,
    update_endpoint: str | None = None,
    *,
    read_only: bool = False,
    adopt: bool = False,
) -> Iterator[TripleStore]:
    """The store the command's options name, closed afterwards.

    :class:`~chidao.errors.ChidaoError` raised while opening it or inside the
    block becomes :class:`click.ClickException` (one ``Error:`` line, exit 1);
    so does a node the analyses cannot find. ``adopt`` accepts an Oxigraph
    store chidao did not create (a command's ``--adopt``).
    """
    try:
        store = open_store(store_path, endpoint, update_endpoint, read_only=read_only, adopt=adopt)
    except ChidaoError as exc:
        raise click.ClickException(str(exc)) from exc
    try:
        yield store
    except (ChidaoError, nx.NodeNotFound) as exc:
        raise click.ClickException(str(exc)) from exc
    finally:
        store.close()
