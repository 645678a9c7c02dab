"""The knowledge graph: RDF build, stores, NetworkX analysis and HTML views.

The NetworkX view of the store (built by :mod:`chidao.graph.analysis.load`) is a
``networkx.MultiDiGraph`` whose edge keys are relation names:

Nodes
    Document IRIs (``str``) with ``kind="document"``, ``number``, ``doc_type``,
    ``date`` (``datetime.date`` or ``None``), ``year``, ``issuer`` (organisation
    IRI or ``None``), ``issuer_name``, ``level`` (``central`` / ``province`` /
    ``district`` / ``commune`` or ``None``), ``system`` (``party`` / ``state`` /
    ``front``), ``subject``, ``source`` (file name or ``None``), ``cited_only``
    (``True`` for a document known only from citations), ``province`` and
    ``district`` (names of the issuer's administrative units, or ``None``).

    Organisation IRIs with ``kind="organisation"``, ``name``, ``level``,
    ``system``, ``parent`` (IRI or ``None``), ``province``, ``district``.

Edges
    document → document, the citing document first (so ``implements`` points
    *up*): keys ``implements``, ``based_on``, ``amends``, ``replaces``, ``cites``,
    with ``lag_days`` (citing date − cited date, ``int`` or ``None``).

    document → organisation: ``issued_by``, ``recipient``, ``distribution``,
    ``assignee``; organisation → organisation: ``sub_organization_of``.
"""
