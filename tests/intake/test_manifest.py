"""The manifest is read strictly: every malformed line is named with its cause, before
anything is written; missing files and changed bytes are errors for those files."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import pandas as pd
import pytest

from pipelines import paths
from pipelines.ingest.run import ingest
from pipelines.intake.manifest import MANIFEST_COLUMNS, ManifestError, read_manifest, write_manifest

HEADER = ",".join(MANIFEST_COLUMNS[:8])
SHA = "a" * 64


def manifest(tmp_path: Path, *lines: str, header: str = HEADER) -> Path:
    path = tmp_path / "manifest.csv"
    path.write_text("\n".join((header, *lines)) + "\n", encoding="utf-8")
    return path


def test_the_project_manifest_reads_with_every_column() -> None:
    rows = read_manifest(paths.MANIFEST)
    assert len(rows) == 5
    assert all(tuple(row) == MANIFEST_COLUMNS for row in rows.values())


def test_an_old_manifest_without_the_new_columns_still_reads(tmp_path: Path) -> None:
    rows = read_manifest(manifest(tmp_path, f"a.txt,2022-x,T,,2022-08-01,dak-lak,2026-11-22,{SHA}"))
    assert rows["a.txt"]["source_url"] == rows["a.txt"]["published_source"] == ""


@pytest.mark.parametrize("line, cause", [
    (f"a.txt,,,,2022-13-01,,,{SHA}", "line 2: published '2022-13-01' is not a YYYY-MM-DD date"),
    (f"a.txt,,,,,,22/11/2026,{SHA}", "line 2: received '22/11/2026' is not a YYYY-MM-DD date"),
    ("a.txt,,,,,../../../x,,", "line 2: unknown region_id '../../../x'"),
    ("a.txt,,,,,<img src=x>,,", "line 2: unknown region_id '<img src=x>'"),
    ("../etc/passwd,,,,,,,", "line 2: file '../etc/passwd' is not a plain file name"),
    ("a.txt,,,,,,,abc", "line 2: sha256 'abc' is not 64 lowercase hex digits"),
    ("a.txt,Bad Id,,,,,,", "line 2: doc_id 'Bad Id' is not a slug"),
    ("a.txt,,,,,,,,,", "line 2: more fields than the header has columns"),
])
def test_malformed_row_is_named_with_line_and_cause(tmp_path: Path, line: str, cause: str) -> None:
    path = manifest(tmp_path, line)
    with pytest.raises(ManifestError) as info:
        read_manifest(path)
    assert str(path) in str(info.value) and cause in str(info.value)


def test_duplicate_rows_are_refused(tmp_path: Path) -> None:
    path = manifest(tmp_path, "a.txt,x-1,,,,,,", "b.txt,x-1,,,,,,", "a.txt,,,,,,,")
    with pytest.raises(ManifestError) as info:
        read_manifest(path)
    message = str(info.value)
    assert "line 3: doc_id 'x-1' already used on line 2" in message
    assert "line 4: file 'a.txt' already listed on line 2" in message


def test_unknown_column_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ManifestError, match=r"line 1: unknown column\(s\) \['pubished'\]"):
        read_manifest(manifest(tmp_path, header="file,pubished"))


def test_published_source_needs_a_known_value_and_a_date(tmp_path: Path) -> None:
    header = ",".join(MANIFEST_COLUMNS)
    with pytest.raises(ManifestError, match="line 2: published_source 'guess'"):
        read_manifest(manifest(tmp_path, "a.txt,,,,2022-01-01,,,,,guess", header=header))
    with pytest.raises(ManifestError, match="line 2: published_source 'dateline'"):
        read_manifest(manifest(tmp_path, "a.txt,,,,,,,,,dateline", header=header))


def test_write_then_read_round_trips(tmp_path: Path) -> None:
    rows = list(read_manifest(paths.MANIFEST).values())
    write_manifest(tmp_path / "manifest.csv", rows)
    assert list(read_manifest(tmp_path / "manifest.csv").values()) == rows


@pytest.fixture
def raw_copy(tmp_path: Path) -> Path:
    raw = tmp_path / "raw"
    shutil.copytree(paths.RAW_DIR, raw)
    return raw


def test_malformed_manifest_stops_ingest_before_anything_is_written(raw_copy: Path, tmp_path: Path,
                                                                     capsys: pytest.CaptureFixture) -> None:
    text = (raw_copy / "manifest.csv").read_text(encoding="utf-8")
    (raw_copy / "manifest.csv").write_text(text.replace(",2023-08-18,", ",2023-02-30,"), encoding="utf-8")
    out = tmp_path / "out"
    from pipelines.cli import main

    assert main(["ingest", "--raw", str(raw_copy), "--out", str(out), "--quiet"]) == 2
    assert not out.exists()
    err = capsys.readouterr().err
    assert "manifest.csv" in err and "line 6: published '2023-02-30' is not a YYYY-MM-DD date" in err


def test_missing_file_is_an_error_and_the_others_are_ingested(raw_copy: Path) -> None:
    (raw_copy / "003_ce18afae5543bd2e.txt").unlink()
    result = ingest(raw_copy)
    assert len(result.documents) == 4
    assert [(Path(e.path).name, e.reason) for e in result.errors] == [
        ("003_ce18afae5543bd2e.txt", "listed in raw/manifest.csv but missing from the folder")]


def test_changed_bytes_are_refused_until_the_manifest_is_updated(raw_copy: Path) -> None:
    changed = raw_copy / "002_2831c661af515548.txt"
    changed.write_bytes(changed.read_bytes() + "Thêm một câu.\n".encode("utf-8"))
    result = ingest(raw_copy)
    assert "2019-bac-giang" not in set(result.documents["doc_id"])
    (error,) = result.errors
    assert "differs from manifest.csv" in error.reason
    assert "khuyencong add --update 002_2831c661af515548.txt" in error.reason

    from pipelines.intake.add import update_checksums

    updated, errors = update_checksums([changed.name], raw_copy)
    assert not errors and updated[0].row["sha256"] == hashlib.sha256(changed.read_bytes()).hexdigest()
    assert "2019-bac-giang" in set(ingest(raw_copy).documents["doc_id"])


def test_a_manifest_saved_with_a_byte_order_mark_reads(tmp_path: Path) -> None:
    path = tmp_path / "manifest.csv"
    path.write_bytes(b"\xef\xbb\xbf" + f"{HEADER}\na.txt,,,,,dak-lak,,\n".encode("utf-8"))
    assert read_manifest(path)["a.txt"]["region_id"] == "dak-lak"


@pytest.mark.slow
def test_cli_names_the_changed_file_and_update_lets_it_back_in(raw_copy: Path, tmp_path: Path) -> None:
    import subprocess
    import sys

    def run(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run([sys.executable, "-m", "pipelines", *args], capture_output=True, text=True, timeout=300)

    changed = raw_copy / "003_ce18afae5543bd2e.txt"
    changed.write_bytes(changed.read_bytes().replace("3,2 tỷ".encode(), "3,3 tỷ".encode(), 1))
    out = tmp_path / "out"
    proc = run("ingest", "--raw", str(raw_copy), "--out", str(out), "--quiet")
    assert proc.returncode == 1
    assert f"FAILED {changed}: sha256" in proc.stderr and "khuyencong add --update" in proc.stderr
    assert len(pd.read_parquet(out / "documents.parquet")) == 4
    proc = run("add", "--raw", str(raw_copy), "--update", changed.name)
    assert proc.returncode == 0 and proc.stdout.startswith("updated ")
    assert run("ingest", "--raw", str(raw_copy), "--out", str(out), "--quiet").returncode == 0
    assert len(pd.read_parquet(out / "documents.parquet")) == 5
