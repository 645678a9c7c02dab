"""Every command, and the group itself, answers --help."""

from __future__ import annotations

import click
import pytest
from click.testing import CliRunner

from chidao.cli.main import main


def _commands(group: click.Group, prefix: tuple[str, ...] = ()):
    yield prefix
    for name, cmd in group.commands.items():
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


def test_the_command_line_starts_without_the_slow_libraries() -> None:
    # pyvis (which pulls in IPython) and pyshacl cost ~0.2 s of every command's
    # start-up; only `view` and `validate` need them, and import them when they run.
    import subprocess
    import sys

    slow = "{'pyvis', 'pyshacl', 'IPython'}"
    code = f"import sys, chidao.cli.main; print(sorted({slow} & set(sys.modules)))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
