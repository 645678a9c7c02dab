"""Find the document or organisation a user names on the command line.

A document is named the way people write it: a registration number
(``43/NQ-CP``, ``Số 418 - CV/TU``, ``12/CD-UBND`` for ``12/CĐ-UBND``), narrowed
by issuer and year where numbers repeat; a source file's name
(``017_9c3e5a7b21d04f68.txt``); or its IRI. An organisation by its name
(accent- and case-blind, ``huyen uy kim son``) or IRI.

A number is found by its comparison key (:func:`chidao.graph.rdf.ids.number_lookup_key`),
which ingest stores with every numbered document (``chidao:numberKey``): one
index look-up, whatever the size of the store. Only a store written before
the key existed has every stored number compared.

Every value the user typed reaches the store as a bound variable
(:meth:`~chidao.graph.store.oxigraph.TripleStore.query`'s ``bindings``), never as
query text, so a number holding ``"`` or ``}`` is simply not found.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from rdflib import Literal, URIRef

from chidao.errors import QueryError
from chidao.extract import regexes as rx
from chidao.extract.clean import fold
from chidao.graph.rdf import ids
from chidao.graph.store.oxigraph import TripleStore
from chidao.ontology.namespaces import DCTERMS, ELI, PROV, RDF

#: File name endings that make a reference a file name rather than a number.
FILE_SUFFIXES = (".txt", ".md", ".html", ".htm", ".doc", ".docx", ".pdf", ".rtf", ".odt")

_IRI_SCHEMES = ("http://", "https://", "urn:")
# Characters no IRI may hold (SPARQL's IRIREF production, plus whitespace).
_NOT_IN_IRI = frozenset('<>"{}|^`\\ \t\n\r')

# Queries see the union of the files' graphs, where a triple comes once per graph
# that holds it (a cited document's number once per citing file). Each query
# therefore matches one pattern per subject, DISTINCT, and the rest is joined in
# Python: joining two such patterns would multiply their copies.

# Documents whose number has the comparison key ?key (bound): one index look-up.
_BY_KEY = "SELECT DISTINCT ?d ?key WHERE { ?d chidao:numberKey ?key }"

# Documents whose number starts (spaces removed, lower-cased) with ?needle (bound):
# a scan of every number, for stores written before the key existed.
_BY_NUMBER = """
SELECT DISTINCT ?d ?n ?needle WHERE {
    ?d eli:number ?n .
    FILTER(STRSTARTS(LCASE(REPLACE(STR(?n), " ", "")), ?needle))
}
"""

# What the store says of one document, bound as ?d.
_DOC_FACTS = """
SELECT DISTINCT ?d ?p ?o WHERE {
    VALUES ?p { rdf:type eli:number eli:date_document dcterms:date eli:passed_by
                prov:hadPrimarySource }
    ?d ?p ?o
}
"""

# The name of issuer ?i (bound): the first the store lists, one index seek however
# many files repeat it (a ministry: most of the store), and the name the loaders
# give the organisation (chidao.graph.analysis.load).
_ISSUER_NAME = "SELECT ?i ?label WHERE { ?i skos:prefLabel ?label } LIMIT 1"
# The name of a source file, bound as ?s.
_FILE_NAMES = "SELECT DISTINCT ?s ?name WHERE { ?s nfo:fileName ?name }"

# Documents read from a file called ?fname (bound).
_BY_FILE = """
SELECT DISTINCT ?d ?fname WHERE { ?f nfo:fileName ?fname . ?d prov:hadPrimarySource ?f }
"""

# Organisations and their names; bind ?o for one.
_ORGS = """
SELECT DISTINCT ?o ?label WHERE {
    ?o skos:prefLabel ?label .
    FILTER EXISTS { ?o a org:Organization }
}
"""


@dataclass(frozen=True, slots=True)
class Candidate:
    """A document the store holds, as far as a lookup shows it."""

    iri: str
    number: str | None
    date: str | None
    year: int | None
    issuer: str | None
    issuer_name: str | None
    source: str | None

    @property
    def placeholder(self) -> bool:
        """A citation's stand-in whose issuer or year is unknown (``doc/_/…``)."""
        key = ids.DocKey.parse(self.iri)
        return key is not None and not key.complete

    def describe(self) -> str:
        parts = [self.number or "(no number)", self.issuer_name or "issuer unknown"]
        parts.append(self.date or (str(self.year) if self.year else "undated"))
        parts.append(self.source or "known only from citations")
        return " · ".join(parts) + f"  <{self.iri}>"


def _needle(key: str) -> str:
    """What the stored number must start with: the key up to its first ``/`` or ``-``.

    The store compares ``LCASE`` of the stored number, which keeps accents, to
    this folded key: a part holding letters (``ĐA``, ``KẾ``) could differ by an
    accent, so then only its leading digits are compared.

    >>> _needle("43/nq-cp"), _needle('43"}/nq-cp'), _needle("qd12-ubnd"), _needle("12a/x")
    ('43', '43"}', '', '12')
    """
    head = key
    for sep in "/-":
        head = head.split(sep, 1)[0]
    if not any(c.isalpha() for c in head):
        return head
    digits = ""
    for c in head:
        if not c.isdigit():
            break
        digits += c
    return digits


def reference_kind(ref: str) -> str:
    """``"iri"``, ``"file"`` or ``"number"``.

    >>> [reference_kind(r) for r in ("43/NQ-CP", "017_9c3e5a7b21d04f68.txt",
    ...                              "https://w3id.org/chidao/doc/x")]
    ['number', 'file', 'iri']
    """
    low = ref.strip().lower()
    if low.startswith(_IRI_SCHEMES):
        return "iri"
    if low.endswith(FILE_SUFFIXES):
        return "file"
    return "number"


def _first(store: TripleStore, query: str, node: str | None) -> str | None:
    """The least value ``query`` gives for ``node`` bound as ``?s`` (a stable choice)."""
    if node is None:
        return None
    values = [str(row[1]) for row in store.query(query, {"s": URIRef(node)}).rows]
    return min(values) if values else None


def _issuer_name(store: TripleStore, issuer: str | None) -> str | None:
    """The name of ``issuer`` (the first the store lists)."""
    if issuer is None:
        return None
    row = next(iter(store.query(_ISSUER_NAME, {"i": URIRef(issuer)}).rows), None)
    return None if row is None else str(row[1])


def _by_number(store: TripleStore, key: str) -> list[str]:
    """IRIs of the documents whose number has comparison ``key``.

    The key each document carries (``chidao:numberKey``) is one index look-up;
    a store written before the key existed has none, and only then is every
    stored number compared.
    """
    rows = store.query(_BY_KEY, {"key": Literal(key)}).rows
    found = sorted({str(row[0]) for row in rows})
    if found:
        return found
    rows = store.query(_BY_NUMBER, {"needle": Literal(_needle(key))}).rows
    return sorted({str(d) for d, n, _ in rows if ids.number_lookup_key(str(n)) == key})


def _narrowed(iris: list[str], issuer: str | None, year: int | None) -> list[str]:
    """The documents of ``iris`` worth reading for ``issuer`` and ``year``.

    A number such as ``13-CV/HU`` is used by every district every year, so the
    year and issuer a document's IRI spells (``doc/<issuer key>/<year>/…``) rule
    most out unread. Where some IRI holds the issuer's name (as
    :func:`documents_by_number` compares it), the others are not read for their
    issuer's name; IRIs without those parts are always read.
    """
    keys = {i: ids.DocKey.parse(i) for i in iris}
    if year is not None:
        iris = [i for i in iris if (k := keys[i]) is None or k.year in (None, year)]
    if issuer:
        want = ids.slug(issuer)
        named = [i for i in iris if (k := keys[i]) is not None and k.issuer and want in k.issuer]
        if named:
            iris = named + [i for i in iris if (k := keys[i]) is None or k.issuer is None]
    return iris


def describe_document(store: TripleStore, iri: str) -> Candidate | None:
    """The store's :class:`Candidate` for document ``iri``, or ``None`` if it holds none."""
    if not iri or _NOT_IN_IRI & set(iri):
        return None
    facts: dict[str, set[str]] = {}
    for _d, p, o in store.query(_DOC_FACTS, {"d": URIRef(iri)}).rows:
        facts.setdefault(str(p), set()).add(str(o))
    if str(ELI.LegalResource) not in facts.get(str(RDF.type), set()):
        return None

    def least(prop: URIRef) -> str | None:
        values = facts.get(str(prop))
        return min(values) if values else None

    date = least(ELI.date_document)
    year_text = least(DCTERMS.date)
    year = int(date[:4]) if date else None
    if year is None and year_text and year_text[:4].isdigit():
        year = int(year_text[:4])
    issuer = least(ELI.passed_by)
    return Candidate(
        iri=iri,
        number=least(ELI.number),
        date=date,
        year=year,
        issuer=issuer,
        issuer_name=_issuer_name(store, issuer),
        source=_first(store, _FILE_NAMES, least(PROV.hadPrimarySource)),
    )


def documents_by_number(
    store: TripleStore,
    ref: str,
    issuer: str | None = None,
    year: int | None = None,
) -> list[Candidate]:
    """Every document ``ref`` can mean, narrowed by ``issuer`` and ``year``.

    ``ref`` is a number, a file name or an IRI (:func:`reference_kind`).
    ``issuer`` matches (accent- and case-blind) part of the issuer's name or its
    IRI; ``year`` the document's year. Placeholders of citations that lack an
    issuer or year are dropped when a complete document also matches.
    """
    kind = reference_kind(ref)
    ref = ref.strip()
    if kind == "iri":
        found = [c for c in [describe_document(store, ref)] if c is not None]
    elif kind == "file":
        name = Path(ref).name
        rows = store.query(_BY_FILE, {"fname": Literal(name)}).rows
        iris = sorted({str(row[0]) for row in rows})
        found = [c for c in (describe_document(store, i) for i in iris) if c is not None]
    else:
        key = ids.number_lookup_key(ref)
        if not key:
            return []
        iris = _narrowed(_by_number(store, key), issuer, year)
        found = [c for c in (describe_document(store, i) for i in iris) if c is not None]
    if issuer:
        want = " ".join(fold(issuer).split())
        found = [
            c
            for c in found
            if (c.issuer_name and want in " ".join(fold(c.issuer_name).split()))
            or (c.issuer and (c.issuer == issuer or ids.slug(issuer) in c.issuer))
        ]
    if year is not None:
        found = [c for c in found if c.year == year]
    complete = [c for c in found if not c.placeholder]
    return complete or found


def resolve_document(
    store: TripleStore,
    ref: str,
    issuer: str | None = None,
    year: int | None = None,
) -> str:
    """The IRI of the one document ``ref`` names.

    Raises
    ------
    QueryError
        If no document matches, or several do (the message lists them and
        says how to choose).
    """
    found = documents_by_number(store, ref, issuer, year)
    narrowed = "".join(
        f" {label} {value!r}" for label, value in (("issuer", issuer), ("year", year)) if value
    )
    if not found:
        what = {"iri": "with IRI", "file": "read from file", "number": "numbered"}
        raise QueryError(f"no document {what[reference_kind(ref)]} {ref!r}{narrowed} in the store")
    if len(found) > 1:
        lines = "\n".join(f"  - {c.describe()}" for c in found)
        raise QueryError(
            f"{ref!r}{narrowed} is ambiguous: {len(found)} documents match; "
            f"choose one with --issuer, --year or its IRI:\n{lines}"
        )
    return found[0].iri


@dataclass(frozen=True, slots=True)
class OrgCandidate:
    """An organisation the store holds."""

    iri: str
    name: str | None


def find_organisations(store: TripleStore, ref: str) -> list[OrgCandidate]:
    """The organisations ``ref`` (a name, accent- and case-blind, or an IRI) can mean.

    An exact name wins, then names holding ``ref``'s words in a row
    (``Huyện ủy`` is not ``Ủy ban nhân dân huyện …``), then names and IRI place
    keys holding all of them (``Huyện ủy Châu Thành Tiền Giang`` picks the one in
    Tiền Giang).
    """
    ref = ref.strip()
    labels: dict[str, set[str]] = {}
    if reference_kind(ref) == "iri":
        if _NOT_IN_IRI & set(ref):
            return []
        for o, label in store.query(_ORGS, {"o": URIRef(ref)}).rows:
            labels.setdefault(str(o), set()).add(str(label))
        return [OrgCandidate(o, min(names)) for o, names in labels.items()]
    want = _org_words(ref)
    if not want:
        return []
    for o, label in store.query(_ORGS).rows:
        labels.setdefault(str(o), set()).add(str(label))
    # Three tiers, the first that matches wins: the whole name; the words in a
    # row inside a name; a name's words in a row followed by words of the place
    # key of the IRI (``…/org/huyen-uy-chau-thanh.tinh-tien-giang``).
    tiers: tuple[list[OrgCandidate], ...] = ([], [], [])
    for o, names in labels.items():
        folded = [" " + " ".join(fold(n).split()) + " " for n in names]
        found = OrgCandidate(o, min(names))
        if " " + " ".join(want) + " " in folded:
            tiers[0].append(found)
        elif _in_row(want, folded):
            tiers[1].append(found)
        else:
            place = set(o.rsplit("/", 1)[-1].partition(".")[2].replace(".", "-").split("-"))
            if any(
                _in_row(want[:k], folded) and all(w in place for w in want[k:])
                for k in range(len(want) - 1, 0, -1)
            ):
                tiers[2].append(found)
    best = next((tier for tier in tiers if tier), [])
    return sorted(best, key=lambda c: c.iri)


def _in_row(words: list[str], folded_names: list[str]) -> bool:
    phrase = " " + " ".join(words) + " "
    return any(phrase in name for name in folded_names)


def _org_words(ref: str) -> list[str]:
    """The folded words of an organisation's name, abbreviations spelled out.

    >>> _org_words("UBND huyện Kim Sơn")
    ['uy', 'ban', 'nhan', 'dan', 'huyen', 'kim', 'son']
    """
    text = fold(ref)
    for pattern, spelled in rx.ORG_ABBREVIATIONS_F:
        text = pattern.sub(fold(spelled), text)
    return text.split()


def find_organisation(store: TripleStore, ref: str) -> str:
    """The IRI of the one organisation ``ref`` names (:class:`QueryError` otherwise)."""
    found = find_organisations(store, ref)
    if not found:
        raise QueryError(f"no organisation called {ref!r} in the store")
    if len(found) > 1:
        lines = "\n".join(f"  - {c.name}  <{c.iri}>" for c in found)
        raise QueryError(
            f"{ref!r} is ambiguous: {len(found)} organisations match; "
            f"add words of the place or give the IRI:\n{lines}"
        )
    return found[0].iri
