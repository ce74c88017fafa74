"""Reviewed overrides: applied and marked, reported when stale, refused whole when malformed."""

import re
from pathlib import Path

import pytest

from pipelines import paths
from pipelines.review.overrides import (
    Override, OverrideError, apply_overrides, attribute_snapshot, load_overrides, merge_overrides, read_overrides,
)

HEADER = "doc_id,number_start,number_text,field,value,reason,reviewed_on\n"
FULL_HEADER = "doc_id,number_start,number_text,field,value,reason,reviewed_on,previous,reviewer\n"


def overrides_file(tmp_path: Path, *rows: str, header: str = HEADER) -> Path:
    path = tmp_path / "o.csv"
    path.write_text(header + "".join(rows), encoding="utf-8")
    return path


def fact(**attributes: object) -> dict:
    base = {"number_start": 10, "number_text": "6", "measure": "projects_planned", "unit": "count",
            "program": "all", "activity": "all", "qualifier": "", "region_id": "bac-giang",
            "period_start": "2024-01", "period_end": "2024-12", "value": 6.0, "method": "rule",
            "evidence": "measure=clause:phê duyệt; program=report", "review_state": "unreviewed"}
    return {**base, **attributes}


def test_applied_and_marked(tmp_path: Path) -> None:
    path = overrides_file(tmp_path, "d,10,6,measure,projects_completed,read as completed,2026-01-01\n")
    facts = [fact()]
    assert apply_overrides(facts, read_overrides(path)["d"]) == []
    assert (facts[0]["measure"], facts[0]["method"], facts[0]["review_state"]) == (
        "projects_completed", "curated", "corrected")
    assert facts[0]["evidence"] == "program=report; measure=review"


def test_a_new_measure_brings_its_unit_and_a_value_is_a_number(tmp_path: Path) -> None:
    path = overrides_file(tmp_path, "d,10,6,measure,execution_pct,x,2026-01-01\n", "d,10,6,value,6.5,x,2026-01-01\n",
                          "d,10,6,period_start,2023-07,x,2026-01-01\n")
    facts = [fact()]
    apply_overrides(facts, read_overrides(path)["d"])
    assert (facts[0]["unit"], facts[0]["value"]) == ("percent", 6.5)
    assert facts[0]["evidence"].endswith("period=review")


def test_stale_override_is_reported_and_applied_to_nothing(tmp_path: Path) -> None:
    path = overrides_file(tmp_path, "d,10,6,activity,training,x,2026-01-01\n")
    facts = [fact(number_start=11), fact(number_text="16")]
    (warning,) = apply_overrides(facts, read_overrides(path)["d"])
    assert "matches no fact" in warning and {f["method"] for f in facts} == {"rule"}


def test_corrections_that_leave_a_period_ending_before_it_starts_are_not_applied(tmp_path: Path) -> None:
    path = overrides_file(tmp_path, "d,10,6,period_start,2025-01,x,2026-01-01\n", "d,10,6,program,local,x,2026-01-01\n")
    facts = [fact()]
    (warning,) = apply_overrides(facts, read_overrides(path)["d"])
    assert "period would end before it starts" in warning and facts[0] == fact()
    moved = overrides_file(tmp_path, "d,10,6,period_start,2025-01,x,2026-01-01\n",
                           "d,10,6,period_end,2025-06,x,2026-01-01\n")
    assert apply_overrides(facts, read_overrides(moved)["d"]) == [] and facts[0]["period_end"] == "2025-06"


def test_a_file_that_is_not_utf8_csv_is_refused_naming_it(tmp_path: Path) -> None:
    path = tmp_path / "o.csv"
    path.write_bytes(HEADER.encode() + "d,10,6,activity,training,café,2026-01-01\n".encode("latin-1"))
    with pytest.raises(OverrideError, match=re.escape(f"{path}: not a UTF-8 CSV file")):
        read_overrides(path)


def test_confirmation_holds_while_the_attributes_are_those_confirmed() -> None:
    confirmed = Override("d", 10, "6", "review_state", "confirmed", "ok", "2026-01-01", attribute_snapshot(fact()))
    facts = [fact()]
    assert apply_overrides(facts, [confirmed]) == [] and facts[0]["review_state"] == "confirmed"
    changed = [fact(program="local")]
    (warning,) = apply_overrides(changed, [confirmed])
    assert "no longer holds" in warning and changed[0]["review_state"] == "unreviewed"


def test_a_corrected_fact_stays_corrected_when_also_confirmed() -> None:
    correction = Override("d", 10, "6", "program", "local", "KCĐP", "2026-01-01", "all")
    after = attribute_snapshot(fact(program="local"))
    confirmation = Override("d", 10, "6", "review_state", "confirmed", "ok", "2026-01-01", after)
    facts = [fact()]
    assert apply_overrides(facts, [confirmation, correction]) == []
    assert (facts[0]["program"], facts[0]["review_state"]) == ("local", "corrected")


def test_files_without_reviewer_columns_still_read(tmp_path: Path) -> None:
    (old,) = load_overrides(overrides_file(tmp_path, "d,10,6,activity,technology,same support total,2026-11-22\n"))
    assert (old.field, old.value, old.previous, old.reviewer) == ("activity", "technology", "", "")
    assert len(load_overrides(paths.OVERRIDES)) >= 4  # the project's own file


@pytest.mark.parametrize("row, message", [
    ("d,10,6,unit,VND,x,2026-01-01\n", "cannot be overridden"),
    ("d,10,6,activity,training,,2026-01-01\n", "needs a reason"),
    ("d,10,6,activity,training,x,2026-13-01\n", "not a YYYY-MM-DD date"),
    ("d,10,6,activity,training,x,22/11/2026\n", "not a YYYY-MM-DD date"),
    ("d,10,6,program,nationl,x,2026-01-01\n", "not in the vocabulary"),
    ("d,10,6,qualifier,about,x,2026-01-01\n", "not in the vocabulary"),
    ("d,10,6,region_id,../../../x,x,2026-01-01\n", "not a region"),
    ("d,10,6,period_end,2024-13,x,2026-01-01\n", "not a YYYY-MM month"),
    ("d,10,6,value,abc,x,2026-01-01\n", "not a number"),
    ("d,10,6,value,inf,x,2026-01-01\n", "not a finite number"),
    ("d,1O,6,activity,training,x,2026-01-01\n", "not a character offset"),
    (",10,6,activity,training,x,2026-01-01\n", "empty doc_id"),
    ("d,10,6,review_state,corrected,x,2026-01-01\n", "must have value 'confirmed'"),
    ("d,10,6,activity,training,x\n", "fields expected"),
    ("d,10,6,activity,training,x,2026-01-01,extra\n", "fields expected"),
    ("d,10,6,measure,projects_completed,again,2026-01-02\n", "duplicate of line 2"),
])
def test_malformed_rows_are_refused_naming_file_and_line(tmp_path: Path, row: str, message: str) -> None:
    path = overrides_file(tmp_path, "d,10,6,measure,projects_completed,fine,2026-01-01\n", row)
    with pytest.raises(OverrideError, match=message) as caught:
        read_overrides(path)
    assert f"{path}:3:" in str(caught.value)


def test_unknown_or_missing_columns_are_refused(tmp_path: Path) -> None:
    with pytest.raises(OverrideError, match=":1: header"):
        read_overrides(overrides_file(tmp_path, header=HEADER.strip() + ",reviwer\n"))
    with pytest.raises(OverrideError, match=":1: header"):
        read_overrides(overrides_file(tmp_path, header="doc_id,number_start,field,value,reason,reviewed_on\n"))


def test_a_named_file_that_is_missing_is_an_error(tmp_path: Path) -> None:
    assert read_overrides(None) == {}
    with pytest.raises(FileNotFoundError, match="no such overrides file"):
        read_overrides(tmp_path / "nope.csv")


def _one_report(tmp_path: Path) -> Path:
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "r.txt").write_text("Khuyến công Quảng Nam năm 2023\n\nNăm 2023, tỉnh Quảng Nam đã thực hiện 18 đề án "
                               "khuyến công địa phương.\n", encoding="utf-8")
    return raw


@pytest.mark.parametrize("content", [None, HEADER + "d,10,6,program,nationl,x,2026-01-01\n"])
def test_ingest_writes_nothing_with_a_bad_or_missing_overrides_file(
        tmp_path: Path, capsys: pytest.CaptureFixture, content: str | None) -> None:
    overrides = tmp_path / "o.csv"
    if content is not None:
        overrides.write_text(content, encoding="utf-8")
    out = tmp_path / "out"
    from pipelines.cli import main

    raw = _one_report(tmp_path)
    assert main(["ingest", "--raw", str(raw), "--out", str(out), "--quiet", "--overrides", str(overrides)]) == 2
    assert str(overrides) in capsys.readouterr().err
    assert not list(out.glob("*.parquet"))


def test_merge_replaces_the_same_decision_and_drops_a_corrected_facts_confirmation(tmp_path: Path) -> None:
    path = overrides_file(tmp_path, "d,10,6,program,local,first look,2026-01-01,all,An\n",
                          "d,10,6,review_state,confirmed,ok,2026-01-01,,An\n",
                          "e,5,7,activity,training,kept,2026-01-01,all,An\n", header=FULL_HEADER)
    merge_overrides(path, [Override("d", 10, "6", "program", "national", "KCQG", "2026-02-01", "local", "Bình")])
    rows = load_overrides(path)
    assert [(o.doc_id, o.field, o.value, o.reviewer) for o in rows] == [
        ("e", "activity", "training", "An"), ("d", "program", "national", "Bình")]


def test_merge_refuses_and_keeps_a_malformed_file(tmp_path: Path) -> None:
    path = overrides_file(tmp_path, "d,10,6,program,nationl,x,2026-01-01\n")
    before = path.read_bytes()
    with pytest.raises(OverrideError):
        merge_overrides(path, [Override("e", 1, "2", "program", "local", "x", "2026-02-01")])
    assert path.read_bytes() == before and [p.name for p in tmp_path.iterdir()] == ["o.csv"]


ADDED = ("measure=beneficiaries; program=local; activity=all; qualifier=; region_id=bac-giang; period_start=2024-01; "
         "period_end=2024-12; recognition_level=; value=12.0")
TEXT = "Năm 2024, tỉnh hỗ trợ 12 cơ sở. Kế hoạch có 6 đề án."


def mentions() -> list[dict]:
    return [{"mention_id": "d:m22", "doc_id": "d", "text": "12", "char_start": 22, "char_end": 24,
             "status": "rejected", "reason": "no_measure_cue", "fact_id": ""},
            {"mention_id": "d:m44", "doc_id": "d", "text": "6", "char_start": 44, "char_end": 45,
             "status": "fact", "reason": "", "fact_id": "d:44"}]


def test_a_drop_removes_the_fact_and_keeps_its_number_visible(tmp_path: Path) -> None:
    path = overrides_file(tmp_path, "d,44,6,drop,not_a_figure,số thứ tự,2026-01-01,,An\n", header=FULL_HEADER)
    facts, numbers = [fact(number_start=44, fact_id="d:44")], mentions()
    assert apply_overrides(facts, read_overrides(path)["d"], numbers, TEXT) == [] and facts == []
    assert (numbers[1]["status"], numbers[1]["reason"], numbers[1]["fact_id"]) == ("rejected", "dropped_by_review", "")


def test_an_addition_becomes_a_curated_fact_with_offsets(tmp_path: Path) -> None:
    path = overrides_file(tmp_path, f'd,22,12,add,"{ADDED}",bị bỏ sót,2026-01-01,,An\n', header=FULL_HEADER)
    facts, numbers = [], mentions()
    assert apply_overrides(facts, read_overrides(path)["d"], numbers, TEXT) == []
    (added,) = facts
    assert TEXT[added["char_start"]:added["char_end"]] == added["quote"] == "Năm 2024, tỉnh hỗ trợ 12 cơ sở."
    assert (added["measure"], added["value"], added["unit"], added["method"], added["fact_id"]) == (
        "beneficiaries", 12.0, "count", "curated", "d:22")
    assert numbers[0]["status"] == "fact" and numbers[0]["fact_id"] == "d:22"
    # a number the rules now find themselves is not added twice; one that moved is reported
    moved = Override("d", 23, "12", "add", ADDED, "x", "2026-01-01")
    taken = Override("d", 44, "6", "add", ADDED, "x", "2026-01-01")
    warnings = apply_overrides(facts, [moved, taken], numbers, TEXT)
    assert len(facts) == 1 and "matches no number" in warnings[0] and "rules now find this figure" in warnings[1]


@pytest.mark.parametrize("row, cause", [
    ("d,21,12,drop,yes,x,2026-01-01,,An\n", "must have value 'not_a_figure'"),
    ("d,21,12,drop,not_a_figure,,2026-01-01,,An\n", "a drop needs a reason"),
    ('d,21,12,add,"measure=beneficiaries; value=-3",x,2026-01-01,,An\n', "addition: program"),
    (f'd,21,12,add,"{ADDED.replace("value=12.0", "value=-3")}",x,2026-01-01,,An\n', "value -3 is negative"),
    ("d,21,12,drop,not_a_figure,x,2026-01-01,,@x\n", "reviewer '@x' starts like a spreadsheet formula"),
    ("d,21,12,drop,not_a_figure,=cmd,2026-01-01,,An\n", "reason '=cmd' starts like a spreadsheet formula"),
])
def test_malformed_drops_and_additions_are_refused_naming_the_line(tmp_path: Path, row: str, cause: str) -> None:
    with pytest.raises(OverrideError, match=re.escape(cause)):
        read_overrides(overrides_file(tmp_path, row, header=FULL_HEADER))


def test_a_drop_or_an_addition_replaces_every_older_decision_on_its_number(tmp_path: Path) -> None:
    path = overrides_file(tmp_path, "d,10,6,program,local,KCĐP,2026-01-01,all,An\n", header=FULL_HEADER)
    merge_overrides(path, [Override("d", 10, "6", "drop", "not_a_figure", "số thứ tự", "2026-02-01", "", "Bình")])
    (kept,) = load_overrides(path)
    assert (kept.field, kept.reviewer) == ("drop", "Bình")
