"""Reviewed overrides: applied and marked curated, or reported when stale; never silent."""

from pathlib import Path

import pytest

from pipelines.extraction.overrides import apply_overrides, read_overrides

HEADER = "doc_id,number_start,number_text,field,value,reason,reviewed_on\n"


def test_applied_and_marked(tmp_path: Path) -> None:
    path = tmp_path / "o.csv"
    path.write_text(HEADER + "d,10,6,measure,projects_completed,read as completed,2026-01-01\n", encoding="utf-8")
    facts = [{"number_start": 10, "number_text": "6", "measure": "projects_planned", "method": "rule"}]
    assert apply_overrides(facts, read_overrides(path)["d"]) == []
    assert (facts[0]["measure"], facts[0]["method"]) == ("projects_completed", "curated")


def test_stale_override_is_reported(tmp_path: Path) -> None:
    path = tmp_path / "o.csv"
    path.write_text(HEADER + "d,10,6,activity,training,x,2026-01-01\n", encoding="utf-8")
    facts = [{"number_start": 11, "number_text": "6", "activity": "all", "method": "rule"}]
    (warning,) = apply_overrides(facts, read_overrides(path)["d"])
    assert "matches no fact" in warning and facts[0]["method"] == "rule"


@pytest.mark.parametrize("row, message", [
    ("d,10,6,value,7,x,2026-01-01\n", "cannot be overridden"),
    ("d,10,6,activity,training,,2026-01-01\n", "needs a reason"),
])
def test_malformed_rows_stop_the_run(tmp_path: Path, row: str, message: str) -> None:
    path = tmp_path / "o.csv"
    path.write_text(HEADER + row, encoding="utf-8")
    with pytest.raises(ValueError, match=message):
        read_overrides(path)
