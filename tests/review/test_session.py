"""The review workbook: what it shows, in which order, and which workbooks are refused."""

import datetime as dt
import math
import re
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from openpyxl import load_workbook

from pipelines import paths
from pipelines.cli import run_review_apply as run_apply, run_review_export as run_export
from pipelines.review.session import select_for_review, tables_version
from pipelines.review.workbook import COLUMNS, highlighted_quote, write_workbook

EN = {c.en: i + 1 for i, c in enumerate(COLUMNS)}  # English header -> column number
TODAY = dt.date(2026, 11, 30)


@pytest.fixture(scope="module")
def facts() -> pd.DataFrame:
    return pd.read_parquet(paths.PROCESSED_DIR / "facts.parquet")


@pytest.fixture()
def exported(tmp_path: Path) -> Path:
    out = tmp_path / "review.xlsx"
    assert run_export(paths.PROCESSED_DIR, out, lang="en") == 0
    return out


def test_lowest_confidence_first_none_lowest_ties_by_report_and_offset(facts: pd.DataFrame) -> None:
    scored = facts.assign(confidence=np.linspace(0.9, 0.1, len(facts)))
    scored.loc[[3, 7], "confidence"] = np.nan
    scored.loc[[10, 2], "confidence"] = 0.05
    order = select_for_review(scored)
    assert order["fact_id"].tolist()[:4] == [facts["fact_id"][i] for i in (3, 7, 2, 10)]
    assert order["confidence"].iloc[4:].is_monotonic_increasing
    below = select_for_review(scored, below=0.3)
    assert below["confidence"].isna().sum() == 2 and (below["confidence"].dropna() < 0.3).all()


def test_a_region_takes_the_places_inside_it(facts: pd.DataFrame) -> None:
    central = select_for_review(facts, region="mien-trung-tay-nguyen")
    assert {"dak-lak", "mien-trung-tay-nguyen"} <= set(central["region_id"])
    assert "bac-giang" not in set(central["region_id"])
    assert set(select_for_review(facts, region="dak-lak")["region_id"]) == {"dak-lak"}


def test_reviewed_facts_can_be_left_out(facts: pd.DataFrame) -> None:
    left = select_for_review(facts, unreviewed=True)
    assert len(left) == (facts["review_state"] == "unreviewed").sum() and len(left) < len(facts)


def test_the_version_follows_what_the_workbook_shows(facts: pd.DataFrame) -> None:
    version = tables_version(facts)
    assert tables_version(facts.sample(frac=1, random_state=1)) == version
    assert tables_version(facts.assign(program=facts["program"].where(facts.index != 5, "local"))) != version
    assert tables_version(facts.assign(confidence=0.5)) == version


def test_the_number_is_highlighted() -> None:
    rich = highlighted_quote("đạt 20,7 tỷ đồng", 4, 8)
    assert str(rich) == "đạt 20,7 tỷ đồng"
    (number,) = [part for part in rich if not isinstance(part, str)]
    assert number.text == "20,7" and number.font.b and number.font.color.rgb == "FFC00000"


def test_workbook_layout(exported: Path, facts: pd.DataFrame) -> None:
    wb = load_workbook(exported, rich_text=True)
    ws = wb["review"]
    assert ws.max_row == len(facts) + 1 and ws.freeze_panes == "B2" and ws.auto_filter.ref.startswith("A1:")
    assert wb["version"].sheet_state == "veryHidden" and wb["vocabularies"].sheet_state == "hidden"
    assert "write 'ok'" in wb["guide"]["A3"].value
    quote = ws.cell(2, EN["Quote"]).value
    bold = [p.text for p in quote if not isinstance(p, str)]
    assert bold == [ws.cell(2, EN["Number"]).value]
    assert ws.cell(2, EN["Report"]).value and ws.column_dimensions["D"].width >= 60
    lists = {str(v.sqref).split(":")[0][0]: v for v in ws.data_validations.dataValidation}
    program = lists[chr(ord("A") + EN["Programme"] - 1)]
    assert program.type == "list" and program.formula1.startswith("vocabularies!")
    column = program.formula1.split("$")[1]
    values = [c.value for c in wb["vocabularies"][column][1:] if c.value]
    assert values == ["National programme", "Local programme", "Businesses' counterpart funds", "All sources"]
    # the cells speak the same words, and an amount is in the scale the report wrote it in
    shown = {ws.cell(r, EN["Programme"]).value for r in range(2, ws.max_row + 1)}
    assert shown <= set(values) and ws.cell(2, EN["Region"]).value in {"Đắk Lắk", "Bắc Giang", "Southern region",
                                                                       "Northern region", "Central & Central Highlands"}
    units = {ws.cell(r, EN["Unit"]).value for r in range(2, ws.max_row + 1)}
    assert units <= {"VND billion", "VND million", "%", "count"} and "VND billion" in units
    billions = [ws.cell(r, EN["Value"]).value for r in range(2, ws.max_row + 1) if ws.cell(r, EN["Unit"]).value
                == "VND billion"]
    assert all(0.001 <= v < 10_000 for v in billions)
    drop = lists[chr(ord("A") + EN["Correct (ok) / drop"] - 1)]
    column = drop.formula1.split("$")[1]
    assert [c.value for c in wb["vocabularies"][column][1:] if c.value] == ["ok", "not a figure"]
    numbers = wb["numbers"]
    assert numbers.max_row > 10 and numbers["E2"].value and ":" in numbers["A2"].value


def test_report_text_is_never_a_formula(facts: pd.DataFrame, tmp_path: Path) -> None:
    rows = facts.head(2).assign(title='=HYPERLINK("http://x","y")', published="")
    write_workbook(rows, "v", tmp_path / "r.xlsx")
    cell = load_workbook(tmp_path / "r.xlsx")["review"]["B2"]
    assert (cell.data_type, cell.value) == ("s", '=HYPERLINK("http://x","y")')


def test_control_characters_in_a_report_do_not_stop_the_round_trip(facts: pd.DataFrame, tmp_path: Path) -> None:
    processed = tmp_path / "processed"
    processed.mkdir()
    (processed / "documents.parquet").write_bytes((paths.PROCESSED_DIR / "documents.parquet").read_bytes())
    facts.assign(quote=facts["quote"].str.replace(" ", "\x01", n=1)).to_parquet(processed / "facts.parquet")
    assert run_export(processed, tmp_path / "r.xlsx") == 0
    assert run_apply(tmp_path / "r.xlsx", processed, tmp_path / "o.csv", today=TODAY) == 0


def edit(path: Path, changes: dict[tuple[int | str, str], object]) -> Path:
    """Set cells; a row given as "money" is the first row of an amount of money (rows follow confidence)."""
    wb = load_workbook(path)
    sheet = wb["review"]
    money = next(r for r in range(2, sheet.max_row + 1) if "VND" in str(sheet.cell(r, EN["Unit"]).value))
    for (row, header), value in changes.items():
        sheet.cell(money if row == "money" else row, EN[header]).value = value
    wb.save(path)
    return path


def refused(workbook: Path, tmp_path: Path, capsys: pytest.CaptureFixture, **apply: str) -> str:
    overrides = tmp_path / "overrides.csv"
    overrides.write_bytes(paths.OVERRIDES.read_bytes())
    assert run_apply(workbook, paths.PROCESSED_DIR, overrides, today=TODAY, **apply) == 1
    assert overrides.read_bytes() == paths.OVERRIDES.read_bytes()  # nothing written
    return capsys.readouterr().err


@pytest.mark.parametrize("changes, message", [
    ({(4, "Quote"): "kinh phí 1 tỷ đồng"}, r"row 4 \(fact .*\): the quote was edited"),
    ({(5, "Programme"): "nationl", (5, "Note"): "x"}, "row 5 .*program 'nationl' is not in the vocabulary"),
    ({(6, "Region"): "<img src=x>", (6, "Note"): "x"}, "row 6 .*not a region"),
    ({(3, "From"): "2030-01", (3, "Note"): "x"}, "row 3 .*is after period_end"),
    ({(3, "Value"): "20,7", (3, "Note"): "x"}, "row 3 .*not a number"),
    ({(7, "Correct (ok) / drop"): "maybe"}, "row 7 .*ok column holds 'maybe'"),
    ({(8, "Review state"): "confirmed"}, "row 8 .*review_state column is not for editing"),
    ({(8, "Unit"): "tấn", (8, "Note"): "x"}, "row 8 .*unit 'tấn' is not one of"),
    ({("money", "Unit"): "count", ("money", "Note"): "x"}, r"row \d+ .*unit 'count' does not fit the measure"),
    ({(2, "Value"): -5, (2, "Note"): "x"}, "row 2 .*is negative"),
    ({(2, "From"): "1990-01", (2, "Note"): "x"}, "row 2 .*outside the years the report speaks of"),
    ({(3, "Correct (ok) / drop"): "not a figure"}, "row 3 .*a drop needs a note"),
    ({(3, "Correct (ok) / drop"): "not a figure", (3, "Note"): "=cmd|' /C calc'!A0"}, "row 3 .*starts like a "
     "spreadsheet formula"),
    ({(3, "Correct (ok) / drop"): "ok", (3, "Reviewer"): "@x"}, "row 3 .*reviewer '@x' starts like"),
    ({(3, "Correct (ok) / drop"): "not a figure", (3, "Activity"): "Training", (3, "Note"): "x"},
     "row 3 .*cannot also be corrected"),
    ({(2, "Activity"): "training"}, "row 2 .*needs a note"),
    ({(2, "Fact"): "2019-bac-giang:9999"}, "row 2 .*not a fact exported.*\n.*{row2}: its row is missing"),
])
def test_bad_workbooks_are_refused_naming_the_row(exported: Path, tmp_path: Path, capsys: pytest.CaptureFixture,
                                                   changes: dict, message: str) -> None:
    message = message.replace("{row2}", re.escape(str(load_workbook(exported)["review"].cell(2, 1).value)))
    err = refused(edit(exported, changes), tmp_path, capsys, reviewer="An")
    assert re.search(message, err) and "nothing was written" in err


def test_a_missing_or_repeated_row_is_refused(exported: Path, tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    wb = load_workbook(exported)
    ws = wb["review"]
    gone = ws.cell(9, 1).value
    ws.delete_rows(9)
    ws.cell(ws.max_row + 1, 1).value = ws.cell(2, 1).value
    wb.save(exported)
    err = refused(exported, tmp_path, capsys, reviewer="An")
    assert f"fact {gone}: its row is missing" in err and "repeats row 2" in err


def test_a_correction_needs_someone_to_have_made_it(exported: Path, tmp_path: Path,
                                                    capsys: pytest.CaptureFixture) -> None:
    err = refused(edit(exported, {(2, "Correct (ok) / drop"): "ok"}), tmp_path, capsys)
    assert "row 2" in err and "no reviewer" in err


def test_a_workbook_of_other_tables_is_refused(exported: Path, tmp_path: Path, facts: pd.DataFrame,
                                               capsys: pytest.CaptureFixture) -> None:
    other = tmp_path / "other"
    other.mkdir()
    for name in ("documents", "checks", "mentions"):
        (other / f"{name}.parquet").write_bytes((paths.PROCESSED_DIR / f"{name}.parquet").read_bytes())
    facts.assign(activity=facts["activity"].where(facts.index != 0, "training")).to_parquet(other / "facts.parquet")
    overrides = tmp_path / "o.csv"
    assert run_apply(exported, other, overrides, reviewer="An", today=TODAY) == 1
    assert "another version of the tables" in capsys.readouterr().err and not overrides.exists()


def test_not_a_workbook_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    fake = tmp_path / "review.xlsx"
    fake.write_text("fact_id,ok\n", encoding="utf-8")
    assert run_apply(fake, paths.PROCESSED_DIR, tmp_path / "o.csv", reviewer="An") == 2
    assert "cannot be read as a review workbook" in capsys.readouterr().err


def test_decisions_say_who_when_what_from_what_and_why(exported: Path, tmp_path: Path) -> None:
    wb = load_workbook(exported)
    ws = wb["review"]
    row = next(r for r in range(2, ws.max_row + 1) if ws.cell(r, EN["Programme"]).value == "All sources"
               and ws.cell(r, EN["Unit"]).value == "VND billion")
    ws.cell(row, EN["Programme"]).value, ws.cell(row, EN["Note"]).value = "Local programme", "tỉnh phê duyệt"
    ws.cell(row, EN["Value"]).value = str(ws.cell(row, EN["Value"]).value)  # retyped, the same number
    ws.cell(row + 1, EN["Correct (ok) / drop"]).value, ws.cell(row + 1, EN["Reviewer"]).value = "ok", "Bình"
    wb.save(exported)
    overrides = tmp_path / "o.csv"
    assert run_apply(exported, paths.PROCESSED_DIR, overrides, reviewer="An", today=TODAY) == 0
    written = pd.read_csv(overrides, dtype=str, keep_default_na=False)
    correction, confirmation = written.to_dict("records")
    assert (correction["field"], correction["value"], correction["previous"], correction["reason"],
            correction["reviewer"], correction["reviewed_on"]) == ("program", "local", "all", "tỉnh phê duyệt", "An",
                                                                   "2026-11-30")
    assert (confirmation["field"], confirmation["value"], confirmation["reviewer"]) == (
        "review_state", "confirmed", "Bình")
    assert "program=" in confirmation["previous"] and not math.isnan(float(confirmation["number_start"]))


def fill_add(path: Path, values: dict[str, object]) -> Path:
    from pipelines.review.workbook import ADD_COLUMNS

    columns = {c.en: i + 1 for i, c in enumerate(ADD_COLUMNS)}
    wb = load_workbook(path)
    for header, value in values.items():
        wb["add"].cell(2, columns[header]).value = value
    wb.save(path)
    return path


ADDITION = {"Measure": "Businesses supported", "Programme": "All sources", "Activity": "All activities",
            "Region": "Đắk Lắk", "From": "2022-01", "To": "2022-12", "Value": 12, "Unit": "count",
            "Reviewer": "An", "Note": "missed by the rules"}


def test_an_addition_by_number_id_is_kept_with_its_attributes(exported: Path, tmp_path: Path) -> None:
    mentions = pd.read_parquet(paths.PROCESSED_DIR / "mentions.parquet")
    number = mentions[(mentions["doc_id"] == "2023-dak-lak") & (mentions["reason"] == "not_a_measure")].iloc[0]
    overrides = tmp_path / "o.csv"
    fill_add(exported, {"Number id": number["mention_id"], **ADDITION})
    assert run_apply(exported, paths.PROCESSED_DIR, overrides, today=TODAY) == 0
    (added,) = pd.read_csv(overrides, dtype=str, keep_default_na=False).to_dict("records")
    assert (added["field"], added["number_start"], added["number_text"]) == ("add", str(number["char_start"]),
                                                                            number["text"])
    assert "measure=beneficiaries" in added["value"] and "region_id=dak-lak" in added["value"]
    assert "value=12.0" in added["value"] and added["reviewer"] == "An"


@pytest.mark.parametrize("where, message", [
    ({"Number id": "2023-dak-lak:m999999"}, "add sheet, row 2: number id .* is not a number of these tables"),
    ({"Report id": "2023-dak-lak", "Quote": "không có trong bài"}, "add sheet, row 2: the quote is found 0 times"),
    ({}, "add sheet, row 2: give the number id, or the report id and the quote"),
])
def test_an_addition_that_names_no_number_is_refused(exported: Path, tmp_path: Path, capsys: pytest.CaptureFixture,
                                                     where: dict, message: str) -> None:
    err = refused(fill_add(exported, {**where, **ADDITION}), tmp_path, capsys)
    assert re.search(message, err)


def test_an_addition_of_a_figure_already_found_is_refused(exported: Path, tmp_path: Path, facts: pd.DataFrame,
                                                          capsys: pytest.CaptureFixture) -> None:
    fact = facts[facts["doc_id"] == "2023-dak-lak"].iloc[0]
    mention_id = f"{fact['doc_id']}:m{fact['number_start']}"
    err = refused(fill_add(exported, {"Number id": mention_id, **ADDITION}), tmp_path, capsys)
    assert f"is already a figure ({fact['fact_id']})" in err
