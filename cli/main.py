"""The ``chidao`` command group. Each command lives in its own module and calls
one library function; library errors (:class:`chidao.errors.ChidaoError`)
become :class:`click.ClickException`.

The group is lazy: :data:`COMMANDS` names each command's module and its one-line
help, so ``chidao --help`` lists them without importing any, and ``chidao X``
imports only X's module (networkx, rdflib, pyoxigraph and the extraction
regexes cost ~0.7 s when imported all at once; ``bench/bench_startup.py``).
"""

from __future__ import annotations

import importlib

import click

from chidao import __version__

#: Command name → (``module:attribute`` under :mod:`chidao.cli`, one-line help).
#: One line per command; ``tests/cli/test_cli_help.py`` checks each help against the
#: command's own docstring.
COMMANDS: dict[str, tuple[str, str]] = {
    "extract": ("extract_cmd:extract", "Extract a structured record from each directive in PATHS"),
    "ingest": ("store_cmd:ingest_command", "Extract the directives in PATHS into the store"),
    "export": ("store_cmd:export_command", "Export the store (nq, trig, jsonld, ttl …)"),
    "validate": ("store_cmd:validate_command", "Check every file's graph against the SHACL shapes"),
    "stats": ("store_cmd:stats_command", "Count what the store holds"),
    "optimize": ("store_cmd:optimize_command", "Make the embedded store smaller and faster"),
    "query": ("query_cmd:query_command", "Run a SPARQL query over the store"),
    "serve": ("serve_cmd:serve_command", "Serve the store as a SPARQL 1.1 endpoint"),
    "lineage": ("analysis_cmd:lineage_command", "Show what DOC carries out, all the way up"),
    "cascade": ("analysis_cmd:cascade_command", "Show every document that carries out DOC"),
    "gaps": ("analysis_cmd:gaps_command", "List the units below DOC's issuer with no document"),
    "hubs": ("analysis_cmd:hubs_command", "Rank the documents most carried out or cited"),
    "who": ("analysis_cmd:who_command", "Show what ORG issued, received and was assigned"),
    "view": ("view_cmd:view", "Write an interactive HTML view of a cascade, an org or all"),
    "report": ("report_cmd:report_command", "Write an offline HTML report on DOC or the corpus"),
    "run": ("run_cmd:run_command", "Ingest PATHS, then report on the graph and draw it"),
    "duties": (
        "duties_cmd:duties_command",
        "List duties as of a date: overdue, due, met, unreported",
    ),
    "status": ("duties_cmd:status_command", "Say whether DOC is in force on a date, and why"),
}


class LazyGroup(click.Group):
    """A click group whose commands are imported only when one of them runs."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*COMMANDS, *self.commands})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name in self.commands:
            return self.commands[cmd_name]
        if cmd_name not in COMMANDS:
            return None
        module, _, attr = COMMANDS[cmd_name][0].partition(":")
        command = getattr(importlib.import_module(f"chidao.cli.{module}"), attr)
        self.commands[cmd_name] = command
        return command

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        # From the table: listing the commands must not import them.
        rows = [(name, COMMANDS[name][1]) for name in sorted(COMMANDS)]
        with formatter.section("Commands"):
            formatter.write_dl(rows)


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="chidao")
def main() -> None:
    """Vietnamese directive documents → a knowledge graph of who instructs whom."""
