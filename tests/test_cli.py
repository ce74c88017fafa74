"""End to end: the console script writes the tables, and they read back with pandas."""

import os
import shutil
import signal
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


# The ingest is stopped (and then SIGKILLed) when it renames the second staged table into
# place: documents is already new, facts still old, the worst moment for readers.
KILLED_INGEST = """
import os, sys, time
real_replace = os.replace

def replace(src, dst, **kwargs):
    if str(dst).endswith("facts.parquet") and ".staging" in str(src):
        print("writing", flush=True)
        time.sleep(60)
    return real_replace(src, dst, **kwargs)

os.replace = replace
from pipelines.cli import main
sys.exit(main(sys.argv[1:]))
"""


def test_ingest_killed_between_tables_leaves_one_set(tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert run("ingest", "--raw", str(paths.RAW_DIR), "--out", str(out), "--quiet").returncode == 0
    raw = tmp_path / "raw"
    raw.mkdir()
    for name in sorted(p.name for p in paths.RAW_DIR.glob("*.txt"))[:2]:
        shutil.copy(paths.RAW_DIR / name, raw / name)
    proc = subprocess.Popen([sys.executable, "-c", KILLED_INGEST, "ingest", "--raw", str(raw), "--out", str(out),
                             "--quiet"], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    try:
        assert proc.stdout is not None and proc.stdout.readline().strip() == "writing"
    finally:
        proc.kill()
        proc.wait(timeout=30)
    assert proc.returncode == -signal.SIGKILL
    # on disk the files are from two runs for a moment; the commit record says how to finish
    assert len(pd.read_parquet(out / "documents.parquet")) == 2
    assert pd.read_parquet(out / "facts.parquet")["doc_id"].nunique() == 5
    checked = run("check", "--out", str(out), "--all")  # any reader through store.load completes it
    assert checked.returncode in (0, 1), checked.stderr
    tables = {name: pd.read_parquet(out / f"{name}.parquet") for name in schema.TABLES}
    docs = set(tables["documents"]["doc_id"])
    assert len(docs) == 2
    assert all(set(tables[name]["doc_id"]) <= docs for name in ("facts", "mentions", "checks"))
    fact_ids = set(tables["facts"]["fact_id"])
    assert set(tables["mentions"]["fact_id"]) - {""} <= fact_ids
    assert {f for ids in tables["checks"]["fact_ids"] for f in ids.split(",")} <= fact_ids
    assert not (out / ".staging").exists()


def test_second_ingest_into_a_locked_folder_refuses(tmp_path: Path) -> None:
    from pipelines.tables.lock import LOCK_WAIT_ENV, tables_lock

    out = tmp_path / "out"
    assert run("ingest", "--raw", str(paths.RAW_DIR), "--out", str(out), "--quiet").returncode == 0
    before = {name: (out / f"{name}.parquet").read_bytes() for name in schema.TABLES}
    with tables_lock(out):
        proc = subprocess.run([sys.executable, "-m", "pipelines", "ingest", "--raw", str(paths.RAW_DIR),
                               "--out", str(out), "--quiet"], capture_output=True, text=True, timeout=300,
                              env={**os.environ, LOCK_WAIT_ENV: "0.5"})
    assert proc.returncode == 2
    assert f"error: {out}: another process (pid {os.getpid()}) is writing these tables" in proc.stderr
    assert {name: (out / f"{name}.parquet").read_bytes() for name in schema.TABLES} == before


def test_empty_raw_folder_is_refused_over_tables_unless_allowed(tmp_path: Path) -> None:
    out, empty = tmp_path / "out", tmp_path / "empty"
    empty.mkdir()
    assert run("ingest", "--raw", str(paths.RAW_DIR), "--out", str(out), "--quiet").returncode == 0
    proc = run("ingest", "--raw", str(empty), "--out", str(out), "--quiet")
    assert proc.returncode == 2 and "the 5 report(s)" in proc.stderr and "--allow-empty" in proc.stderr
    assert len(pd.read_parquet(out / "documents.parquet")) == 5
    assert run("ingest", "--raw", str(empty), "--out", str(out), "--quiet", "--allow-empty").returncode == 0
    assert pd.read_parquet(out / "documents.parquet").empty


def test_check_names_a_table_from_an_older_contract(tmp_path: Path) -> None:
    import pyarrow.parquet as pq

    out = tmp_path / "out"
    assert run("ingest", "--raw", str(paths.RAW_DIR), "--out", str(out), "--quiet").returncode == 0
    pq.write_table(pq.read_table(out / "checks.parquet").drop_columns(["rel_error"]), out / "checks.parquet")
    proc = run("check", "--out", str(out))
    assert proc.returncode == 2
    assert f"{out / 'checks.parquet'} lacks required column(s) rel_error" in proc.stderr


def _children(pid: int) -> list[int]:
    """Processes whose parent is ``pid`` (Linux /proc)."""
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            found.append(int(stat.parent.name))
    return found


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="needs Linux /proc and prctl")
def test_killed_ingest_leaves_no_workers(tmp_path: Path) -> None:
    import time

    from pipelines.evaluation.synthetic import write_corpus

    write_corpus(tmp_path / "raw", 200)
    proc = subprocess.Popen([sys.executable, "-m", "pipelines", "ingest", "--raw", str(tmp_path / "raw"),
                             "--out", str(tmp_path / "out"), "--jobs", "2"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    assert proc.stderr is not None
    while "read:" not in proc.stderr.read(64):  # the progress bar: the workers are at work
        assert proc.poll() is None
    workers = _children(proc.pid)
    proc.kill()
    proc.wait(timeout=30)
    assert proc.returncode == -signal.SIGKILL and len(workers) == 2
    for _ in range(100):  # the kernel signals them at once; give them time to be reaped
        if not any(_alive(pid) for pid in workers):
            break
        time.sleep(0.1)
    assert not any(_alive(pid) for pid in workers)
