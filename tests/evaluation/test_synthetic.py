"""The extractor on a small synthetic corpus of the genre: varied places, periods, formats."""

from pathlib import Path

from pipelines.ingest.run import ingest
from pipelines.evaluation.synthetic import score_corpus, write_corpus


def test_small_synthetic_corpus(tmp_path: Path) -> None:
    reports = write_corpus(tmp_path, 40, seed=7)
    result = ingest(tmp_path, jobs=1)
    assert not result.errors
    precision, recall = score_corpus(reports, result.facts, result.documents)
    assert precision >= 0.95 and recall >= 0.95


def test_synthetic_shapes_keep_programme_and_place(tmp_path: Path) -> None:
    """Elided count nouns, programmes named together, a total after a breakdown and a
    recipient named after another province: each recorded programme is found, and the
    recipient's money stays with the report's province."""
    reports = write_corpus(tmp_path, 40, seed=11)
    result = ingest(tmp_path, jobs=1)
    doc_of = {Path(p).name: d for p, d in zip(result.documents["path"], result.documents["doc_id"])}
    region_of = dict(zip(result.documents["doc_id"], result.documents["region_id"]))
    found = {(f.doc_id, int(f.number_start)): f for f in result.facts.itertuples()}
    recorded = [(doc_of[r.name], t) for r in reports for t in r.truths if t.program]
    assert len(recorded) > 20
    assert all(found[(doc, t.number_start)].program == t.program for doc, t in recorded)
    recipients = [f for f in result.facts.itertuples() if "Công ty TNHH" in f.quote]
    assert recipients and all(f.region_id == region_of[f.doc_id] for f in recipients)
