"""The review round trip through the command line: export, edit as a person would, apply, ingest again."""

import shutil
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest
from openpyxl import load_workbook

from pipelines import paths
from pipelines.review.workbook import ADD_COLUMNS, COLUMNS

pytestmark = pytest.mark.slow
VI = {c.vi: i + 1 for i, c in enumerate(COLUMNS)}  # Vietnamese header -> column number
ADD = {c.vi: i + 1 for i, c in enumerate(ADD_COLUMNS)}
NATIONAL = "Khuyến công quốc gia"  # the workbook speaks words, not codes
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
    unreviewed = [r for r in range(2, ws.max_row + 1) if ws.cell(r, VI["Trạng thái"]).value == "chưa kiểm tra"]
    row = next(r for r in unreviewed if ws.cell(r, VI["Chương trình"]).value != NATIONAL)
    ws.cell(row, VI["Chương trình"]).value = NATIONAL
    ws.cell(row, VI["Ghi chú"]).value = "vốn khuyến công quốc gia"
    confirmed = []
    for other in [r for r in unreviewed if r != row][:2]:
        ws.cell(other, VI["Đúng (ok) / bỏ"]).value = "ok"
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
    assert proc.returncode == 0 and "2 fact(s) confirmed, 1 corrected, 0 dropped" in proc.stdout, proc.stderr
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


def drop_and_add_by_hand(workbook: Path, drop_number: str, quote: str, number: str) -> None:
    """Mark one figure 'not a figure' and add one the rules passed over, by its report and quote."""
    wb = load_workbook(workbook)
    ws = wb["review"]
    row = next(r for r in range(2, ws.max_row + 1) if ws.cell(r, VI["Con số"]).value == drop_number)
    ws.cell(row, VI["Đúng (ok) / bỏ"]).value = "không phải số liệu"
    ws.cell(row, VI["Ghi chú"]).value = "số sản phẩm dự thi, không phải số được công nhận"
    add = wb["add"]
    for header, value in (("Mã báo cáo", "2024-quang-ngai"), ("Trích dẫn", quote), ("Con số", number),
                          ("Chỉ tiêu", "Đề án đã triển khai"), ("Chương trình", "Khuyến công địa phương"),
                          ("Hoạt động", "Hội chợ, xúc tiến"), ("Địa bàn", "Quảng Ngãi"), ("Từ tháng", "2024-01"),
                          ("Đến tháng", "2024-12"), ("Giá trị", 2), ("Đơn vị", "số lượng"),
                          ("Ghi chú", "hai hội chợ do tỉnh tổ chức")):
        add.cell(2, ADD[header]).value = value
    wb.save(workbook)


def test_drop_and_add_end_to_end_and_after_the_report_changes(tmp_path: Path) -> None:
    raw = tmp_path / "raw"
    shutil.copytree(paths.RAW_DIR, raw)
    (raw / "quang-ngai-2024.txt").write_text(NEW_REPORT, encoding="utf-8")
    before, after, workbook, overrides = tmp_path / "before", tmp_path / "after", tmp_path / "r.xlsx", tmp_path / "o.csv"
    ingest(raw, before, None)
    proc = khuyencong("review", "export", "--processed", before, "--out", workbook, "--region", "quang-ngai")
    assert proc.returncode == 0, proc.stderr
    dropped = pd.read_parquet(before / "facts.parquet").query("doc_id == '2024-quang-ngai' and number_text == '9'")
    drop_and_add_by_hand(workbook, "9", "tỉnh tổ chức 2 hội chợ", "2")
    proc = khuyencong("review", "apply", workbook, "--processed", before, "--overrides", overrides,
                      "--reviewer", "Trần Văn Minh")
    assert proc.returncode == 0 and "1 dropped, 1 added" in proc.stdout, proc.stderr
    ingest(raw, after, overrides)
    facts = pd.read_parquet(after / "facts.parquet").set_index("fact_id")
    mentions = pd.read_parquet(after / "mentions.parquet").set_index("mention_id")
    checks = pd.read_parquet(after / "checks.parquet")
    gone = dropped["fact_id"].iloc[0]
    assert gone not in facts.index and not checks["fact_ids"].str.contains(gone).any()
    assert mentions.loc[gone.replace(":", ":m"), ["status", "reason", "fact_id"]].tolist() == [
        "rejected", "dropped_by_review", ""]
    added = facts.loc[facts["number_text"].eq("2") & facts["doc_id"].eq("2024-quang-ngai")].iloc[0]
    assert (added["measure"], added["program"], added["activity"], added["region_id"], added["value"]) == (
        "projects_implemented", "local", "trade_promotion", "quang-ngai", 2.0)
    assert (added["method"], added["review_state"], added["confidence"]) == ("curated", "corrected", 1.0)
    assert "2 hội chợ" in added["quote"] and added["quote"].startswith("Bên cạnh đó")
    assert mentions.loc[added.name.replace(":", ":m"), "status"] == "fact"
    decided = pd.read_csv(overrides, dtype=str, keep_default_na=False)
    assert set(decided["field"]) == {"drop", "add"} and set(decided["reviewer"]) == {"Trần Văn Minh"}
    # the report is rewritten: the decisions are reported, never applied to other numbers
    (raw / "quang-ngai-2024.txt").write_text(NEW_REPORT.replace("Bên cạnh đó,", "Ngoài ra,"), encoding="utf-8")
    proc = ingest(raw, tmp_path / "moved", overrides)
    assert "matches no fact" in proc.stderr and "matches no number of the report" in proc.stderr
    moved = pd.read_parquet(tmp_path / "moved" / "facts.parquet").query("doc_id == '2024-quang-ngai'")
    assert set(moved["method"]) == {"rule"} and "9" in set(moved["number_text"])


def test_a_typo_region_gets_the_nearest_ids(tmp_path: Path) -> None:
    proc = khuyencong("review", "export", "--region", "phia-namm", "--out", tmp_path / "r.xlsx")
    assert proc.returncode == 2 and "did you mean phia-nam" in proc.stderr and "dak-lak" not in proc.stderr
