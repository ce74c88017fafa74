"""End to end: the console script writes the tables, and they read back with pandas."""

import shutil
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from pipelines import paths
from pipelines.tables import schema

pytestmark = pytest.mark.slow


def run(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "pipelines", *args], capture_output=True, text=True,
                          cwd=cwd, timeout=300)


def test_ingest_writes_the_contract(tmp_path: Path) -> None:
    out = tmp_path / "processed"
    proc = run("ingest", "--raw", str(paths.RAW_DIR), "--out", str(out), "--quiet")
    assert proc.returncode == 0, proc.stderr
    for name, table_schema in schema.TABLES.items():
        df = pd.read_parquet(out / f"{name}.parquet")
        assert list(df.columns) == table_schema.names
    docs = pd.read_parquet(out / "documents.parquet")
    assert len(docs) == 5 and docs["n_chars"].dtype == "int64"
    facts = pd.read_parquet(out / "facts.parquet")
    assert facts["value"].dtype == "float64" and len(facts) >= 65
    assert set(facts["method"]) <= {"rule", "curated"} and (facts["method"] == "curated").sum() <= 5
    assert facts["fact_id"].is_unique


def test_ingest_is_deterministic(tmp_path: Path) -> None:
    for name in ("a", "b"):
        assert run("ingest", "--raw", str(paths.RAW_DIR), "--out", str(tmp_path / name), "--quiet").returncode == 0
    for table in schema.TABLES:
        assert (tmp_path / "a" / f"{table}.parquet").read_bytes() == (tmp_path / "b" / f"{table}.parquet").read_bytes()


def test_new_report_without_manifest_flows_through(tmp_path: Path) -> None:
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "bao cao Quảng Nam.txt").write_text(
        "Khuyến công Quảng Nam: kết quả năm 2023 và kế hoạch năm 2024 của tỉnh\n\n"
        "Năm 2023, kinh phí khuyến công địa phương được giao là 5,6 tỷ đồng; tỉnh Quảng Nam đã thực hiện "
        "18 đề án, hỗ trợ 25 cơ sở ứng dụng máy móc thiết bị tiên tiến.\n", encoding="utf-8")
    out = tmp_path / "out"
    proc = run("ingest", "--raw", str(raw), "--out", str(out), "--quiet")
    assert proc.returncode == 0, proc.stderr
    doc = pd.read_parquet(out / "documents.parquet").iloc[0]
    assert (doc["doc_id"], doc["region_id"], doc["metadata_source"]) == ("2023-quang-nam", "quang-nam", "inferred")
    facts = pd.read_parquet(out / "facts.parquet")
    assert sorted(facts["measure"]) == ["beneficiaries", "budget_plan", "projects_implemented"]


def test_bad_file_is_named_and_others_still_written(tmp_path: Path) -> None:
    raw = tmp_path / "raw"
    shutil.copytree(paths.RAW_DIR, raw)
    (raw / "empty.txt").write_bytes(b"  \n")
    out = tmp_path / "out"
    proc = run("ingest", "--raw", str(raw), "--out", str(out), "--quiet")
    assert proc.returncode == 1
    assert "empty.txt" in proc.stderr and "empty" in proc.stderr
    assert len(pd.read_parquet(out / "documents.parquet")) == 5


def test_check_command_prints_mismatch(tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert run("ingest", "--raw", str(paths.RAW_DIR), "--out", str(out), "--quiet").returncode == 0
    proc = run("check", "--out", str(out))
    assert proc.returncode == 1
    assert "MISMATCH" in proc.stdout and "27.7" in proc.stdout


def test_killed_run_leaves_readable_tables(tmp_path: Path) -> None:
    """Kill an ingest mid-run: the tables read back whole (the old ones or the new ones)."""
    import signal
    import time

    from pipelines.extraction.synthetic import write_corpus

    out = tmp_path / "out"
    assert run("ingest", "--raw", str(paths.RAW_DIR), "--out", str(out), "--quiet").returncode == 0
    before = {t: pd.read_parquet(out / f"{t}.parquet") for t in schema.TABLES}
    write_corpus(tmp_path / "big", 400)
    proc = subprocess.Popen([sys.executable, "-m", "pipelines", "ingest", "--raw", str(tmp_path / "big"),
                             "--out", str(out), "--quiet"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    time.sleep(1.5)
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=30)
    for table in schema.TABLES:
        after = pd.read_parquet(out / f"{table}.parquet")
        assert list(after.columns) == list(before[table].columns)
        assert after.equals(before[table]) or len(after) > len(before[table])
