"""The examples in the store modules' docstrings run (doctest)."""

from __future__ import annotations

import doctest
import importlib

import pytest

MODULES = [
    "chidao.graph.store.binding",
    "chidao.graph.store.endpoint",
    "chidao.graph.store.folder",
    "chidao.graph.store.oxigraph",
    "chidao.graph.store.page",
    "chidao.graph.store.remote",
    "chidao.graph.store.results",
    "chidao.graph.store.server",
    "chidao.graph.store.worker",
]


@pytest.mark.parametrize("name", MODULES)
def test_doctests(name: str) -> None:
    result = doctest.testmod(importlib.import_module(name))
    assert result.failed == 0
