"""The extractor on a small synthetic corpus of the genre: varied places, periods, formats."""

from pathlib import Path

from pipelines.extraction.ingest import ingest
from pipelines.extraction.synthetic import score_corpus, write_corpus


def test_small_synthetic_corpus(tmp_path: Path) -> None:
    reports = write_corpus(tmp_path, 40, seed=7)
    result = ingest(tmp_path, jobs=1)
    assert not result.errors
    precision, recall = score_corpus(reports, result.facts, result.documents)
    assert precision >= 0.95 and recall >= 0.95
