"""Stable IRIs for everything chidao puts in the graph.

All IRIs live under :data:`~chidao.ontology.namespaces.BASE`
(``https://w3id.org/chidao/``) and are derived from the facts alone, so two
files that speak of the same thing meet at one node:

``doc/<issuer>/<year>/<number>``
    a document, from its issuer's key, its year and its number
    (``doc/chinh-phu/2021/30-nq-cp``).  The province letter that cites
    ``Nghị quyết 30/NQ-CP ngày 07/3/2021 của Chính phủ`` and the ingested text
    of that resolution compute the same IRI.  ``_`` stands for an unknown
    issuer or year in a cited document; such a node is a placeholder that
    never merges two documents (see :func:`citation_target`).  An ingested
    document whose number, issuer or year is unknown is named by its file's
    hash: ``doc/sha256/<hex>``.
``org/<name>[.<province>[.<district>]]``
    an organisation, from its canonical name; district- and commune-level
    bodies carry their province (and district) because the same name recurs
    across provinces (several ``Huyện ủy Châu Thành`` exist).
``unit/<province>[/<district>[/<commune>]]``
    an administrative unit, by its place in the hierarchy.
``file/<sha256>``, ``graph/<sha256>/<path key>``
    a source file (content-addressed) and the named graph built from it at
    one path.
``doctype/<type>``, ``event/<kind>/<date>``
    document-type concepts and organisational change events.

Keys are accent-folded ASCII slugs (:func:`slug`) so that printed variants
(``Ủy ban``/``Uỷ ban``, ``TTg``/``TTG``) agree.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from rdflib import URIRef

from chidao.extract import clean
from chidao.extract.records import AdminUnit, Citation, Organisation, Record
from chidao.ontology.namespaces import BASE

#: Placeholder for an unknown issuer or year in a document IRI.
UNKNOWN = "_"

#: Distinct texts whose slug is remembered: organisation, unit and type names and
#: numbers recur across a corpus; the bound keeps memory flat over 10^6 files.
SLUG_CACHE = 1 << 16

_NON_SLUG = re.compile(r"[^a-z0-9]+")  # e.g. "huyện ủy kim sơn" → after folding "huyen uy kim son"
_YEAR_IN_NUMBER = re.compile(r"/((?:19|20)\d\d)/")  # e.g. "38/2015/TT-BTC" → 2015
_UNIT_PREFIX = re.compile(
    r"^(?:tinh|thanh pho|huyen|quan|thi xa|xa|phuong|thi tran|dac khu)\s+"
)  # e.g. "huyen kim son" → "kim son" (folded unit names)
_DASHES = dict.fromkeys(map(ord, "‐‑‒–—―−"), "-")  # e.g. "12/QĐ–UBND" (en dash)
_SLASHES = dict.fromkeys(map(ord, "⁄∕／"), "/")  # e.g. "12／QĐ-UBND" (full-width solidus)


def ascii_fold(text: str) -> str:
    """Lower-case ASCII without accents (``đ`` → ``d``).

    >>> ascii_fold("Huyện ủy Kim Sơn"), ascii_fold("Công điện 12/CĐ-UBND")
    ('huyen uy kim son', 'cong dien 12/cd-ubnd')
    """
    text = text.replace("đ", "d").replace("Đ", "D")
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower()


@lru_cache(maxsize=SLUG_CACHE)
def slug(text: str) -> str:
    """An IRI-safe key: folded, runs of other characters become ``-``.

    >>> slug("30/NQ-CP"), slug("Ủy ban nhân dân huyện Kim Sơn"), slug("SỐ 207 -CV/HU")
    ('30-nq-cp', 'uy-ban-nhan-dan-huyen-kim-son', 'so-207-cv-hu')
    """
    return _NON_SLUG.sub("-", ascii_fold(text)).strip("-") or UNKNOWN


def _iri(*parts: str) -> URIRef:
    return URIRef(BASE + "/".join(parts))


# --- organisations and units -----------------------------------------------------------------


def org_key(name: str, *units: str) -> str:
    """The key of an organisation: its slug, then the units it needs, province first.

    >>> org_key("Chính phủ"), org_key("Huyện ủy Châu Thành", "Tỉnh Tiền Giang")
    ('chinh-phu', 'huyen-uy-chau-thanh.tinh-tien-giang')
    """
    return ".".join(slug(p) for p in (name, *units) if p)


def _bare(unit_name: str) -> str:
    return _UNIT_PREFIX.sub("", ascii_fold(unit_name)).strip()


_DEPTH = {"province": 1, "district": 2, "commune": 3}


def _names_unit(name: str, unit_name: str) -> bool:
    """Whether ``name`` holds the words of ``unit_name`` without its kind (whole words).

    >>> _names_unit("Huyện ủy Châu Thành", "Huyện Châu Thành")
    True
    >>> _names_unit("Ban Dân vận Huyện ủy", "Xã An")  # "an" inside "ban", "dan", "van"
    False
    """
    bare = slug(_bare(unit_name)) if _bare(unit_name) else ""
    return not bare or f"-{bare}-" in f"-{slug(name)}-"


def _context(name: str, path: list[str]) -> tuple[str, ...]:
    """The units a body of the unit at ``path`` (province first) named ``name`` needs.

    A body named after its unit (``Huyện ủy Châu Thành``) needs the units above
    it, since namesake districts and communes exist elsewhere; a body named only
    by its kind, as letters name the bodies of their own unit (``Văn phòng Tỉnh
    ủy``, ``Ban Tuyên giáo Huyện ủy``), needs its own unit as well.
    """
    if not path:
        return ()
    return tuple(path[:-1]) if _names_unit(name, path[-1]) else tuple(path)


def _unit_path_at(org: Organisation) -> list[str]:
    """The names of ``org``'s unit and the units above it, down to ``org``'s level."""
    if org.unit is None or org.level not in _DEPTH:
        return []
    return unit_path(org.unit)[: _DEPTH[org.level]]


def org_context(org: Organisation) -> tuple[str, ...]:
    """The unit names (province first) an organisation's name needs to be unique.

    Central bodies need none; see :func:`_context` for the others.

    >>> u = AdminUnit("Tỉnh Cao Bằng", "province")
    >>> org_context(Organisation("Tỉnh ủy Cao Bằng", level="province", unit=u))
    ()
    >>> org_context(Organisation("Văn phòng Tỉnh ủy", level="province", unit=u))
    ('Tỉnh Cao Bằng',)
    """
    return _context(org.name, _unit_path_at(org))


def org_iri(org: Organisation) -> URIRef:
    """The canonical IRI of a resolved organisation.

    >>> u = AdminUnit("Huyện Châu Thành", "district", province="Tỉnh Bến Tre")
    >>> str(org_iri(Organisation("Huyện ủy Châu Thành", level="district", unit=u)))
    'https://w3id.org/chidao/org/huyen-uy-chau-thanh.tinh-ben-tre'
    >>> str(org_iri(Organisation("Ban Tuyên giáo Huyện ủy", level="district", unit=u)))
    'https://w3id.org/chidao/org/ban-tuyen-giao-huyen-uy.tinh-ben-tre.huyen-chau-thanh'
    """
    return _iri("org", org_key(org.name, *org_context(org)))


def parent_iri(org: Organisation) -> URIRef | None:
    """The IRI of the body directly above ``org`` (``None`` when it has none).

    The parent is known only by name.  When that name speaks of ``org``'s own
    unit (``Ủy ban nhân dân huyện X`` above ``Phòng Y tế huyện X``, ``Tỉnh ủy
    Y`` above ``Văn phòng Tỉnh ủy``), it is a body of the same unit; otherwise
    it is a body of the unit one level up.
    """
    if not org.parent:
        return None
    path = _unit_path_at(org)
    if path and _names_unit(org.parent, path[-1]):
        return _iri("org", org_key(org.parent, *path[:-1]))
    return _iri("org", org_key(org.parent, *_context(org.parent, path[:-1])))


def unit_path(unit: AdminUnit) -> list[str]:
    """Names from the province down to ``unit``.

    >>> unit_path(AdminUnit("Xã A", "commune", province="Tỉnh B", district="Huyện C"))
    ['Tỉnh B', 'Huyện C', 'Xã A']
    """
    path = [p for p in (unit.province, unit.district) if p]
    if not path or path[-1] != unit.name:
        path.append(unit.name)
    return path


def unit_iri(path: Iterable[str]) -> URIRef:
    """The IRI of the administrative unit at ``path`` (province first)."""
    return _iri("unit", *(slug(p) for p in path))


# --- documents -------------------------------------------------------------------------------


def number_year(number: str | None) -> int | None:
    """The year a State number carries (``38/2015/TT-BTC`` → 2015), else ``None``.

    >>> number_year("38/2015/TT-BTC"), number_year("30/NQ-CP")
    (2015, None)
    """
    m = _YEAR_IN_NUMBER.search(number or "")
    return int(m.group(1)) if m else None


@lru_cache(maxsize=SLUG_CACHE)
def number_lookup_key(text: str) -> str:
    """The comparison key of a registration number as users and OCR write it.

    Case, accents (``QĐ``/``QD``), spaces, dash and slash look-alikes and a
    leading ``Số`` do not matter; every other character does.  Every document
    node with an ``eli:number`` also carries this key (``chidao:numberKey``), so
    a number is found by one index look-up however it was printed.

    >>> [number_lookup_key(n) for n in ("Số 43 / NQ-CP", "12/CĐ-UBND", "12/CD–UBND")]
    ['43/nq-cp', '12/cd-ubnd', '12/cd-ubnd']
    >>> number_lookup_key('43"}/NQ-CP')
    '43"}/nq-cp'
    """
    t = clean.fold(text.translate(_DASHES).translate(_SLASHES)).strip()
    for lead in ("so:", "so.", "so "):
        if t.startswith(lead):
            t = t[len(lead) :]
            break
    return "".join(t.split()).rstrip(".,;:")


def doc_iri(number: str, issuer: str | None, year: int | None) -> URIRef:
    """The IRI of the document ``number`` of ``issuer`` (an org key) in ``year``.

    >>> str(doc_iri("30/NQ-CP", "chinh-phu", 2021))
    'https://w3id.org/chidao/doc/chinh-phu/2021/30-nq-cp'
    >>> str(doc_iri("30/NQ-CP", None, None))
    'https://w3id.org/chidao/doc/_/_/30-nq-cp'
    """
    return _iri("doc", issuer or UNKNOWN, str(year) if year else UNKNOWN, slug(number))


@dataclass(frozen=True, slots=True)
class DocKey:
    """The parts of a document IRI, parsed back (for matching year-less citations)."""

    issuer: str | None
    year: int | None
    number: str

    @classmethod
    def parse(cls, iri: str) -> DocKey | None:
        """``None`` unless ``iri`` is a numbered document IRI.

        >>> DocKey.parse(BASE + "doc/chinh-phu/2021/30-nq-cp")
        DocKey(issuer='chinh-phu', year=2021, number='30-nq-cp')
        """
        if not iri.startswith(BASE + "doc/"):
            return None
        parts = iri[len(BASE) + 4 :].split("/")
        if len(parts) != 3 or parts[0] == "sha256":
            return None
        issuer, year, number = parts
        return cls(
            None if issuer == UNKNOWN else issuer,
            None if year == UNKNOWN else int(year),
            number,
        )

    @property
    def complete(self) -> bool:
        return self.issuer is not None and self.year is not None

    def partial_iris(self) -> tuple[str, ...]:
        """The placeholders a citation of this document may have: its IRI without its issuer,
        its year or both (those a citation could resolve to it from).

        >>> [i.removeprefix(BASE) for i in DocKey("chinh-phu", 2021, "30-nq-cp").partial_iris()]
        ['doc/chinh-phu/_/30-nq-cp', 'doc/_/2021/30-nq-cp', 'doc/_/_/30-nq-cp']
        """
        forms = ((self.issuer, None), (None, self.year), (None, None))
        return tuple(
            f"{BASE}doc/{issuer or UNKNOWN}/{UNKNOWN if year is None else year}/{self.number}"
            for issuer, year in forms
            if (issuer, year) != (self.issuer, self.year)
        )


def record_year(record: Record) -> int | None:
    """A record's year: from its date, else from its number."""
    return record.year or number_year(record.number.value if record.number else None)


def record_doc_iri(record: Record) -> URIRef:
    """The IRI of the document a record describes.

    Without its number, issuer and year a document cannot be told apart from
    another with the same partial key, so it is named by its file's hash
    instead (and citations do not resolve to it).
    """
    issuer = org_iri(record.issuer).rsplit("/", 1)[1] if record.issuer else None
    year = record_year(record)
    if record.number is None or issuer is None or year is None:
        return _iri("doc", "sha256", record.sha256)
    return doc_iri(record.number.value, issuer, year)


#: ``lookup(number, issuer_key, year)`` → IRIs of known documents with that
#: number matching the given (non-``None``) issuer and year.
Lookup = Callable[[str, str | None, int | None], list[str]]


@dataclass(frozen=True, slots=True)
class Target:
    """Where a citation points: one document, or a placeholder with candidates."""

    iri: URIRef
    candidates: tuple[URIRef, ...] = ()

    @property
    def ambiguous(self) -> bool:
        return len(self.candidates) > 1


def citation_year(citation: Citation) -> int | None:
    """A citation's year: printed, from its date, or from its number."""
    if citation.year:
        return citation.year
    if citation.date:
        return int(citation.date[:4])
    return number_year(citation.number)


def citation_target(citation: Citation, lookup: Lookup | None = None) -> Target | None:
    """The document a citation points to (``None`` when it prints no number).

    A citation naming its issuer and year gives its document's IRI directly.
    Otherwise ``lookup`` finds the documents already known with that number
    (and the issuer or year it does give): exactly one is the target; with
    none or several the citation points to a placeholder
    (``doc/_/_/<number>``-like) that lists the several as candidates, so two
    documents that share a number are never merged.
    """
    if not citation.number:
        return None
    issuer = org_iri(citation.issuer).rsplit("/", 1)[1] if citation.issuer else None
    year = citation_year(citation)
    own = doc_iri(citation.number, issuer, year)
    if issuer is not None and year is not None:
        return Target(own)
    found = sorted(set(lookup(citation.number, issuer, year))) if lookup else []
    found = [iri for iri in found if iri != str(own)]
    if len(found) == 1:
        return Target(URIRef(found[0]))
    return Target(own, tuple(URIRef(iri) for iri in found))


# --- files, graphs, mentions -----------------------------------------------------------------


def file_iri(sha256: str) -> URIRef:
    """The content-addressed IRI of a source file."""
    return _iri("file", sha256)


@lru_cache(maxsize=4096)
def source_path(source: str) -> str:
    """The absolute POSIX path a source is known by.

    Resolving a path costs a system call per folder, and ingest asks for each
    file's several times while it is in flight: the answers for the files of
    the last batches are remembered.
    """
    return Path(source).resolve().as_posix()


def graph_iri(sha256: str, source: str) -> URIRef:
    """The named graph of ``source`` with content ``sha256``.

    The content hash makes a changed file a new graph; the path key keeps two
    copies of one file (a duplicate under two names) in two graphs.
    """
    path_key = hashlib.sha256(source_path(source).encode("utf-8")).hexdigest()[:16]
    return _iri("graph", sha256, path_key)


def span_iri(file: str, span: tuple[int, int]) -> str:
    """A character span of a file, in NIF's RFC 5147 style (``…#char=12,40``), as text.

    >>> span_iri("https://w3id.org/chidao/file/ab12", (12, 40))
    'https://w3id.org/chidao/file/ab12#char=12,40'
    """
    return f"{file}#char={span[0]},{span[1]}"


def local_iri(graph: URIRef, name: str) -> URIRef:
    """A node that exists only inside one named graph (a task, a signature…)."""
    return URIRef(f"{graph}#{name}")


def doctype_iri(doc_type: str) -> URIRef:
    """The document-type concept (``doctype/cong-van``)."""
    return _iri("doctype", slug(doc_type))


def change_event_iri(date: str) -> URIRef:
    """The reorganisation of administrative units that took effect on ``date``."""
    return _iri("event", "reorganisation", date)


def agent_iri(version: str) -> URIRef:
    """chidao itself, as the software agent of an extraction."""
    return _iri("agent", "chidao", version)


#: Every registry graph's IRI begins so (:func:`registry_graph_iri`).
REGISTRY_GRAPHS = BASE + "graph/registry/"


def registry_graph_iri(statements: Iterable[tuple[str, str, str]]) -> URIRef:
    """The registry graph holding exactly ``statements`` (N-Triples terms): named by their hash.

    Two files that describe a body alike name the same graph, whatever their order.

    >>> a = registry_graph_iri([("<http://e/a>", "<http://e/p>", '"x"')])
    >>> a == registry_graph_iri([("<http://e/a>", "<http://e/p>", '"x"')]), a.split("/")[-2]
    (True, 'registry')
    """
    text = "".join(sorted(f"{s} {p} {o} .\n" for s, p, o in statements))
    return URIRef(REGISTRY_GRAPHS + hashlib.sha256(text.encode("utf-8")).hexdigest()[:32])
