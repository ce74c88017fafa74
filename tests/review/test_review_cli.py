"""The review round trip through the command line: export, edit as a person would, apply, ingest again."""

import shutil
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest
from openpyxl import load_workbook

from pipelines import paths
from pipelines.review.workbook import COLUMNS

pytestmark = pytest.mark.slow
VI = {c.vi: i + 1 for i, c in enumerate(COLUMNS)}  # Vietnamese header -> column number
NEW_REPORT = (
    "Khuyến công Quảng Ngãi: kết quả năm 2024 và nhiệm vụ năm 2025\n\n"
    "Năm 2024, kinh phí khuyến công địa phương được giao là 4,5 tỷ đồng để thực hiện 15 đề án. Đến nay, "
    "Trung tâm Khuyến công tỉnh đã hoàn thành 12 đề án, hỗ trợ 20 cơ sở công nghiệp nông thôn ứng dụng máy móc "
    "thiết bị tiên tiến với kinh phí 3,8 tỷ đồng.\n\n"
    "Bên cạnh đó, tỉnh tổ chức 2 hội chợ và bình chọn được 9 sản phẩm công nghiệp nông thôn tiêu biểu cấp tỉnh.\n"
)


def khuyencong(*args: str | Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "pipelines", *map(str, args)], capture_output=True, text=True,
                          timeout=300)


def ingest(raw: Path, out: Path, overrides: Path | None) -> subprocess.CompletedProcess:
    proc = khuyencong("ingest", "--raw", raw, "--out", out, "--quiet", *(["--overrides", overrides] if overrides else []))
    assert proc.returncode == 0, proc.stderr
    return proc


def review_by_hand(workbook: Path) -> tuple[str, str, list[str]]:
    """Change one programme, confirm the next two unreviewed rows, leave the rest; return the fact ids."""
    wb = load_workbook(workbook)
    ws = wb["review"]
    unreviewed = [r for r in range(2, ws.max_row + 1) if ws.cell(r, VI["Trạng thái"]).value == "unreviewed"]
    row = next(r for r in unreviewed if ws.cell(r, VI["Chương trình"]).value != "national")
    ws.cell(row, VI["Chương trình"]).value = "national"
    ws.cell(row, VI["Ghi chú"]).value = "vốn khuyến công quốc gia"
    confirmed = []
    for other in [r for r in unreviewed if r != row][:2]:
        ws.cell(other, VI["Đúng (ok)"]).value = "ok"
        confirmed.append(ws.cell(other, VI["Mã số liệu"]).value)
    wb.save(workbook)
    return ws.cell(row, VI["Mã số liệu"]).value, ws.cell(row, VI["Con số"]).value, confirmed


def round_trip(raw: Path, overrides: Path, tmp_path: Path, first_overrides: Path | None, *export: str) -> tuple:
    before, after, workbook = tmp_path / "before", tmp_path / "after", tmp_path / "review.xlsx"
    ingest(raw, before, first_overrides)
    proc = khuyencong("review", "export", "--processed", before, "--out", workbook, *export)
    assert proc.returncode == 0, proc.stderr
    corrected, number, confirmed = review_by_hand(workbook)
    proc = khuyencong("review", "apply", workbook, "--processed", before, "--overrides", overrides,
                      "--reviewer", "Nguyễn Thị Lan")
    assert proc.returncode == 0 and "2 fact(s) confirmed, 1 corrected" in proc.stdout, proc.stderr
    ingest(raw, after, overrides)
    facts = {name: pd.read_parquet(folder / "facts.parquet").set_index("fact_id")
             for name, folder in (("before", before), ("after", after))}
    fact = facts["after"].loc[corrected]
    assert (fact["program"], fact["method"], fact["review_state"]) == ("national", "curated", "corrected")
    assert "program=review" in fact["evidence"] and fact["number_text"] == number
    assert set(facts["after"].loc[confirmed, "review_state"]) == {"confirmed"}
    untouched = facts["before"].index.difference([corrected, *confirmed])
    pd.testing.assert_frame_equal(facts["before"].loc[untouched], facts["after"].loc[untouched])
    return workbook, after, corrected


def test_round_trip_on_the_five_reports(tmp_path: Path) -> None:
    overrides = tmp_path / "overrides.csv"
    shutil.copyfile(paths.OVERRIDES, overrides)
    decided = len(pd.read_csv(overrides))
    workbook, after, corrected = round_trip(paths.RAW_DIR, overrides, tmp_path, overrides)
    before = pd.read_parquet(tmp_path / "before" / "facts.parquet")
    facts = pd.read_parquet(after / "facts.parquet")
    assert (facts["method"] == "curated").sum() == (before["method"] == "curated").sum() + 1
    rows = pd.read_csv(overrides, dtype=str, keep_default_na=False)
    assert rows["reviewer"].tolist()[-3:] == ["Nguyễn Thị Lan"] * 3 and len(rows) == decided + 3
    proc = khuyencong("review", "apply", workbook, "--processed", after, "--overrides", overrides, "--reviewer", "x")
    assert proc.returncode == 1 and "another version of the tables" in proc.stderr


def test_round_trip_on_a_new_report_and_a_correction_that_no_longer_matches(tmp_path: Path) -> None:
    raw = tmp_path / "raw"
    shutil.copytree(paths.RAW_DIR, raw)
    (raw / "quang-ngai-2024.txt").write_text(NEW_REPORT, encoding="utf-8")
    overrides = tmp_path / "reviewed.csv"
    _, _, corrected = round_trip(raw, overrides, tmp_path, None, "--region", "quang-ngai")
    assert corrected.startswith("2024-quang-ngai:")
    # the report is rewritten: its figures move, and the decisions must not land on other figures
    (raw / "quang-ngai-2024.txt").write_text(NEW_REPORT.replace("Năm 2024,", "Trong năm 2024,"), encoding="utf-8")
    proc = ingest(raw, tmp_path / "moved", overrides)
    assert proc.stderr.count("matches no fact") == 3
    facts = pd.read_parquet(tmp_path / "moved" / "facts.parquet")
    moved = facts[facts["doc_id"] == "2024-quang-ngai"]
    assert len(moved) and set(moved["review_state"]) == {"unreviewed"} and set(moved["method"]) == {"rule"}


def test_a_missing_overrides_file_named_on_the_command_line_stops_the_ingest(tmp_path: Path) -> None:
    missing, out = tmp_path / "reviewed.csv", tmp_path / "out"
    proc = khuyencong("ingest", "--raw", paths.RAW_DIR, "--out", out, "--quiet", "--overrides", missing)
    assert proc.returncode == 2 and f"{missing}: no such overrides file" in proc.stderr
    assert not list(out.glob("*.parquet"))
