"""The benchmark's synthetic corpus: valid, deterministic, streamed.

The benchmarks themselves are never run as tests (they are timed); this only
checks that what they measure is made of real-looking documents.
"""

from __future__ import annotations

import importlib.util
import inspect
import itertools
import sys
import tracemalloc
from pathlib import Path

import pytest

from chidao.extract.pipeline import extract_text

ROOT = Path(__file__).resolve().parents[2]


def _load_generator():
    # bench/ is not a package of the distribution: load the module from its file.
    spec = importlib.util.spec_from_file_location("bench_generate", ROOT / "bench" / "generate.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


gen = _load_generator()


@pytest.fixture(scope="module")
def twenty():
    return list(gen.iter_documents(20, seed=3))


def test_gazetteer_has_every_province_and_district():
    provinces = gen.load_gazetteer()
    assert len(provinces) == 63
    assert sum(len(p.districts) for p in provinces) == 705
    assert all(u.kind for p in provinces for u in (p.unit, *p.districts))


def test_same_seed_same_corpus_other_seed_other_corpus(twenty):
    again = list(gen.iter_documents(20, seed=3))
    assert [d.text for d in again] == [d.text for d in twenty]
    other = list(gen.iter_documents(20, seed=4))
    assert [d.text for d in other] != [d.text for d in twenty]


def test_documents_look_like_directives(twenty):
    for d in twenty:
        assert 2500 < len(d.text.encode("utf-8")) < 12000, d.relpath
        assert "Nơi nhận" in d.text
        number = d.truth["number"]
        # The number is printed, perhaps with the stray space of a converted file.
        digits = len(number) - len(number.lstrip("0123456789"))
        spaced = f"{number[:digits]} {number[digits:]}"
        assert number in d.text or spaced in d.text, d.relpath
        assert d.truth["citations"], d.relpath
    levels = {d.truth["level"] for d in twenty}
    assert levels == {"central", "province", "district"}


def test_cascade_cites_the_documents_above(twenty):
    numbers = {d.truth["number"] for d in twenty}
    below = [d for d in twenty if d.truth["level"] != "central"]
    cited = {c["number"] for d in below for c in d.truth["citations"] if c["number"]}
    # Every province and district letter cites documents of the same corpus.
    assert cited <= numbers


def test_iter_documents_is_a_lazy_generator():
    it = gen.iter_documents(10**6, seed=1)
    assert inspect.isgenerator(it)
    first = list(itertools.islice(it, 3))
    assert [d.index for d in first] == [0, 1, 2]


def _peak_bytes(n: int) -> int:
    tracemalloc.start()
    for _ in gen.iter_documents(n, seed=2):
        pass
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return peak


def test_streaming_memory_does_not_grow_with_size():
    # Six times the documents, not six times the memory: nothing is accumulated
    # (keeping the 600 documents would take 5.6 MB against 1.2 MB for 100).
    small, large = _peak_bytes(100), _peak_bytes(600)
    assert large < 2 * small


def test_write_corpus_shards_and_manifest(tmp_path):
    meta = gen.write_corpus(tmp_path, 25, seed=5)
    files = sorted(tmp_path.glob("shard-*/*.txt"))
    assert len(files) == 25 and meta["bytes"] == sum(f.stat().st_size for f in files)
    truth = list(gen.iter_manifest(tmp_path))
    assert [t["path"] for t in truth] == [f.relative_to(tmp_path).as_posix() for f in files]
    assert gen.write_corpus(tmp_path, 25, seed=5)["reused"] is True


def test_generated_documents_extract(twenty):
    records = [extract_text(d.text, source=d.relpath) for d in twenty]
    for d, r in zip(twenty, records, strict=True):
        assert r.number is not None and r.number.value == d.truth["number"], d.relpath
        assert r.issuer is not None, d.relpath
        assert r.citations, d.relpath
