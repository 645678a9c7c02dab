"""Provenance: every span in every record points at the text it was read from.

For each sample (``data/samples`` and, where ``../shared`` exists, the corpus),
every span sliced out of the original text gives the value or the printed text
it was normalised from, modulo whitespace and layout debris (``*``, ``|``).
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import pytest

from chidao.extract import extract_path
from chidao.extract.read import read_path

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = sorted((ROOT / "data" / "samples").glob("*.txt"))
CORPUS_DIR = ROOT.parent / "shared" / "corpus"
CORPUS = sorted(CORPUS_DIR.glob("*.txt")) if CORPUS_DIR.is_dir() else []
WEB_DIR = ROOT.parent / "shared" / "corpus-web"
WEB = sorted(WEB_DIR.glob("[0-9]*.txt")) if WEB_DIR.is_dir() else []


def _norm(s: str) -> str:
    s = unicodedata.normalize("NFC", s).replace("\u00d0", "\u0110")
    s = re.sub(r"[*|]|_{2,}", " ", s)
    return " ".join(s.split())


def _words_in_order(expected: str, found: str) -> bool:
    """Every word of ``expected`` occurs in ``found`` in order (debris may sit between)."""
    pos = 0
    for w in expected.split():
        i = found.find(w, pos)
        if i < 0:
            return False
        pos = i + len(w)
    return True


def _spans(obj, path="record"):
    """Yield (path, span, expected texts, strict) for every spanned value in a record's JSON."""
    if isinstance(obj, dict):
        span = obj.get("span")
        if isinstance(span, list) and len(span) == 2:
            if obj.get("printed") is not None and "value" in obj:
                yield path, span, [obj["printed"]], True
            else:
                texts = [
                    obj[k] for k in ("printed", "name", "surface", "text", "value") if obj.get(k)
                ]
                if texts:
                    yield path, span, texts, False
        for k, v in obj.items():
            yield from _spans(v, f"{path}.{k}")
    elif isinstance(obj, list):
        for i, v in enumerate(obj):
            yield from _spans(v, f"{path}[{i}]")


def span_mismatches(record: dict, text: str) -> tuple[list[str], int]:
    """The spans of ``record`` (its JSON) that do not slice what they name out of ``text``,
    and how many spans there are."""
    bad = []
    n = 0
    for where, (s, e), texts, strict in _spans(record):
        n += 1
        assert 0 <= s <= e <= len(text), (where, s, e)
        found = _norm(text[s:e])
        ok = (
            _norm(texts[0]) == found
            if strict
            else any(_words_in_order(_norm(t), found) for t in texts)
        )
        if not ok:
            bad.append(f"{where} [{s}:{e}] {found!r} ≠ {texts[0]!r}")
    return bad, n


def _check(path: Path) -> None:
    bad, n = span_mismatches(extract_path(path).to_json(), read_path(path).text)
    assert not bad, f"{path.name}: " + "; ".join(bad[:5])
    assert n > 0


@pytest.mark.parametrize("path", SAMPLES, ids=lambda p: p.name)
def test_sample_spans(path: Path) -> None:
    _check(path)


@pytest.mark.corpus
@pytest.mark.skipif(not CORPUS, reason="../shared/corpus is not present")
@pytest.mark.parametrize("path", CORPUS, ids=lambda p: p.name)
def test_corpus_spans(path: Path) -> None:
    _check(path)


@pytest.mark.corpus
@pytest.mark.skipif(not WEB, reason="../shared/corpus-web is not present")
@pytest.mark.parametrize("path", WEB, ids=lambda p: p.name)
def test_corpus_web_spans(path: Path) -> None:
    # Values taken from the page (metadata block, lead line) point into the page as read.
    _check(path)
