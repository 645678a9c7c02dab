"""chidao: Vietnamese directive documents as a knowledge graph.

Subpackages: :mod:`chidao.extract` (text → records), :mod:`chidao.ontology`
(vocabulary and shapes), :mod:`chidao.graph` (RDF, store, analysis, views),
:mod:`chidao.cli` (the ``chidao`` command).
"""

__version__ = "0.1.0"
