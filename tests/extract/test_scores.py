"""Extraction quality, measured by the project's scorer (``../shared/eval/score.py``).

Seeds overall ≥ 0.95; the annotated corpus documents overall ≥ 0.85; the web-page documents
(``corpus-web``) overall ≥ 0.90 with issuer ≥ 0.90 and subject ≥ 0.85.  All need ``../shared``
(the scorer and the gold files live there): skipped when absent.
"""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest

from chidao.extract import extract_path

ROOT = Path(__file__).resolve().parents[2]
SHARED = ROOT.parent / "shared"
SCORER = SHARED / "eval" / "score.py"

pytestmark = pytest.mark.skipif(not SCORER.is_file(), reason="../shared/eval/score.py is absent")


def _scorer():
    spec = importlib.util.spec_from_file_location("chidao_score", SCORER)
    module = importlib.util.module_from_spec(spec)
    assert spec.loader is not None
    spec.loader.exec_module(module)
    return module


def _score(gold_path: Path, folder: Path) -> dict:
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    preds = {}
    for g in gold:
        record = extract_path(folder / g["file"]).to_json()
        # The same JSON `chidao extract --format jsonl` prints, through a JSON round trip.
        preds[Path(record["source"]).name] = json.loads(json.dumps(record, ensure_ascii=False))
    return _scorer().score(gold, preds)


def test_seeds_overall() -> None:
    gold = SHARED / "gold" / "seeds.json"
    if not gold.is_file():
        pytest.skip("../shared/gold/seeds.json is absent")
    result = _score(gold, ROOT / "data" / "samples")
    assert not result["missing_predictions"]
    assert result["overall"] >= 0.95, result["fields"]


@pytest.mark.corpus
def test_corpus_overall() -> None:
    gold = SHARED / "gold" / "corpus.json"
    if not gold.is_file() or not (SHARED / "corpus").is_dir():
        pytest.skip("../shared/gold/corpus.json or ../shared/corpus is absent")
    result = _score(gold, SHARED / "corpus")
    assert not result["missing_predictions"]
    assert result["overall"] >= 0.85, result["fields"]


@pytest.mark.corpus
def test_corpus_web_header() -> None:
    gold = SHARED / "gold" / "corpus-web.json"
    if not gold.is_file() or not (SHARED / "corpus-web").is_dir():
        pytest.skip("../shared/gold/corpus-web.json or ../shared/corpus-web is absent")
    result = _score(gold, SHARED / "corpus-web")
    assert not result["missing_predictions"]
    fields = result["fields"]
    assert result["overall"] >= 0.90, fields
    assert fields["issuer"] >= 0.90 and fields["subject"] >= 0.85, fields
    for name in ("number", "doc_type", "date", "level", "system"):
        assert fields[name] >= 0.95, (name, fields)
