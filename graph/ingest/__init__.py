"""Ingest: files → records → named graphs in the store, and the links between them."""
