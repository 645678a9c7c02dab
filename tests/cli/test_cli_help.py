"""Every command, and the group itself, answers --help; the lazy group lists them
without importing them."""

from __future__ import annotations

import subprocess
import sys

import click
import pytest
from click.testing import CliRunner

from chidao.cli.main import COMMANDS, main


def _commands(group: click.Group, prefix: tuple[str, ...] = ()):
    yield prefix
    ctx = click.Context(group)
    for name in group.list_commands(ctx):
        cmd = group.get_command(ctx, name)
        if isinstance(cmd, click.Group):
            yield from _commands(cmd, prefix + (name,))
        else:
            yield prefix + (name,)


@pytest.mark.parametrize("path", list(_commands(main)), ids=lambda p: " ".join(p) or "chidao")
def test_help(path: tuple[str, ...]) -> None:
    result = CliRunner().invoke(main, [*path, "--help"])
    assert result.exit_code == 0, result.output
    assert "Usage:" in result.output
    # A command without a docstring shows an empty help body: demand one.
    assert len(result.output.splitlines()) > 3


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_the_table_names_each_command_as_it_names_itself(name: str) -> None:
    cmd = main.get_command(click.Context(main), name)
    assert isinstance(cmd, click.Command) and cmd.name == name
    # The listing's line starts with the same verb as the command's own help.
    assert COMMANDS[name][1].split()[0] == cmd.help.split()[0]


def test_unknown_command_is_one_error_line() -> None:
    result = CliRunner().invoke(main, ["frobnicate"])
    assert result.exit_code == 2
    assert "No such command 'frobnicate'" in result.output


def _imported_after(code: str) -> set[str]:
    probe = f"import sys\n{code}\nprint(' '.join(sys.modules))"
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    return set(out.stdout.split())


def test_help_imports_no_command_module() -> None:
    code = (
        "from click.testing import CliRunner\n"
        "from chidao.cli.main import main\n"
        "assert CliRunner().invoke(main, ['--help']).exit_code == 0"
    )
    loaded = _imported_after(code)
    heavy = {"networkx", "rdflib", "pyoxigraph", "jinja2", "chidao.extract", "chidao.graph"}
    assert heavy & loaded == set()
    assert not any(m.startswith("chidao.cli.") and m != "chidao.cli.main" for m in loaded)


def test_the_command_line_starts_without_the_slow_libraries() -> None:
    # pyvis (which pulls in IPython) and pyshacl cost ~0.2 s of every command's
    # start-up; only `view` and `validate` need them, and import them when they run.
    loaded = _imported_after(
        "import chidao.cli.main\nfrom chidao.cli import view_cmd, analysis_cmd, store_cmd"
    )
    assert {"pyvis", "pyshacl", "IPython", "matplotlib"} & loaded == set()
