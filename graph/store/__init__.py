"""Triple stores: the embedded Oxigraph store, a remote SPARQL endpoint, the server, results."""
