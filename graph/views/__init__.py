"""Interactive offline HTML views of the graph: selection, grouping, layout, rendering."""
