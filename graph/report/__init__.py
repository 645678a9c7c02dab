"""One-page offline HTML reports on a document's spread, or on the whole corpus."""
