"""RDF syntax and building: IRIs, record → triples, SPARQL term text, SHACL validation."""
