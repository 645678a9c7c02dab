"""The vocabulary, the shapes and the namespace objects agree with each other."""

from __future__ import annotations

import pytest
from pyshacl import validate
from rdflib import Graph, URIRef
from rdflib.namespace import OWL

from chidao.ontology import ontology_path, shapes_path
from chidao.ontology.namespaces import CHIDAO, ELI, ITSRDF, NFO, NIF, RDF, RDFS, SCHEMA


@pytest.fixture(scope="module")
def vocabulary() -> Graph:
    return Graph().parse(ontology_path(), format="turtle")


@pytest.fixture(scope="module")
def shapes() -> Graph:
    return Graph().parse(shapes_path(), format="turtle")


def _terms(namespace) -> set[str]:
    return {str(namespace._NS[name]) for name in namespace.__annotations__}


def test_every_local_term_is_defined_and_only_those(vocabulary: Graph) -> None:
    declared = {
        str(s) for s in vocabulary.subjects(RDF.type, None) if str(s).startswith(str(CHIDAO._NS))
    }
    assert declared == _terms(CHIDAO)


def test_every_local_class_and_property_says_why_it_is_local(vocabulary: Graph) -> None:
    for kind in (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty):
        for term in vocabulary.subjects(RDF.type, kind):
            if str(term).startswith(str(CHIDAO._NS)):
                assert vocabulary.value(term, RDFS.comment), f"{term} has no rdfs:comment"


@pytest.mark.parametrize("namespace", [ELI, NIF, ITSRDF, NFO, SCHEMA, CHIDAO])
def test_turtle_files_use_only_known_terms(namespace, vocabulary: Graph, shapes: Graph) -> None:
    # The Turtle side of "failing on typos": every IRI the files write in a namespace we
    # define must be one of the namespace object's terms.
    known = _terms(namespace)
    base = str(namespace._NS)
    for g in (vocabulary, shapes):
        for triple in g:
            for term in triple:
                if isinstance(term, URIRef) and str(term).startswith(base) and str(term) != base:
                    assert str(term) in known, f"unknown term {term}"


def test_namespace_objects_fail_on_typos() -> None:
    with pytest.raises(AttributeError):
        _ = ELI.implements  # deprecated in ELI: chidao uses ensures_implementation_of
    with pytest.raises(AttributeError):
        _ = CHIDAO.Directve


def test_shapes_are_valid_shacl(shapes: Graph) -> None:
    # pySHACL's meta-validation checks the shapes graph against SHACL's own shapes.
    conforms, _g, text = validate(Graph(), shacl_graph=shapes, meta_shacl=True)
    assert conforms, text


def test_one_vocabulary_table_gives_the_relation_level_and_system_tables() -> None:
    from chidao.extract.records import RELATIONS as EXTRACTED
    from chidao.graph.analysis.load import DOC_EDGES
    from chidao.graph.rdf.build import LEVELS, RELATION_PROPERTIES, SYSTEMS
    from chidao.ontology import vocabulary as v

    # Every relation extraction can find has its property (helper X2 adds "repeals").
    assert set(EXTRACTED) <= set(v.RELATIONS)
    assert RELATION_PROPERTIES == {k: r.prop for k, r in v.RELATIONS.items()}
    assert sorted(DOC_EDGES.values()) == sorted(r.edge for r in v.RELATIONS.values())
    assert DOC_EDGES["eli:repeals"] == "replaces"
    assert LEVELS is v.LEVELS and SYSTEMS is v.SYSTEMS
