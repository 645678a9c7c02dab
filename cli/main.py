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
