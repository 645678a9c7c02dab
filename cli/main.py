"""The ``chidao`` command group. Each command lives in its own module and calls
one library function; library errors (:class:`chidao.errors.ChidaoError`)
become :class:`click.ClickException`."""

from __future__ import annotations

import click

from chidao import __version__


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="chidao")
def main() -> None:
    """Vietnamese directive documents → a knowledge graph of who instructs whom."""


# Command registration: one line per command module.
from chidao.cli import extract_cmd  # noqa: E402

main.add_command(extract_cmd.extract)
from chidao.cli import serve_cmd  # noqa: E402

main.add_command(serve_cmd.serve_command)
from chidao.cli import view_cmd  # noqa: E402

main.add_command(view_cmd.view)
from chidao.cli import store_cmd  # noqa: E402

main.add_command(store_cmd.ingest_command)
main.add_command(store_cmd.export_command)
main.add_command(store_cmd.validate_command)
main.add_command(store_cmd.stats_command)
main.add_command(store_cmd.optimize_command)
from chidao.cli import query_cmd  # noqa: E402

main.add_command(query_cmd.query_command)
from chidao.cli import analysis_cmd  # noqa: E402

main.add_command(analysis_cmd.lineage_command)
main.add_command(analysis_cmd.cascade_command)
main.add_command(analysis_cmd.gaps_command)
main.add_command(analysis_cmd.hubs_command)
main.add_command(analysis_cmd.who_command)
from chidao.cli import run_cmd  # noqa: E402

main.add_command(run_cmd.run_command)
from chidao.cli import duties_cmd  # noqa: E402

main.add_command(duties_cmd.duties_command)
main.add_command(duties_cmd.status_command)
