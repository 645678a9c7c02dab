"""chidao's vocabulary and SHACL shapes, shipped as package data.

>>> ontology_path().name, shapes_path().name
('chidao.ttl', 'shapes.ttl')
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path


def _data(name: str) -> Path:
    return Path(str(resources.files(__name__).joinpath(name)))


def ontology_path() -> Path:
    """The Turtle file of the chidao vocabulary."""
    return _data("chidao.ttl")


def shapes_path() -> Path:
    """The SHACL shapes a well-formed directive graph conforms to."""
    return _data("shapes.ttl")
