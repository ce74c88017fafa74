"""Ingest over bad and hostile input: readable reports are written, every refused file is
named (safely) with its cause, and nothing is lost or rewritten silently."""

import os
from pathlib import Path

import pytest

from pipelines.cli import main
from pipelines.ingest import run as ingest_module
from pipelines.ingest.run import IngestRefused, ingest, run_ingest
from pipelines.tables import store
from pipelines.text.reading import BadInputError, read_report

BAD = Path(__file__).parent.parent / "fixtures" / "bad"
REFUSED = {"binary_control.txt", "binary_nul.txt", "directory.txt", "empty.txt", "html_no_text.txt",
           "latin1_not_vietnamese.txt", "utf8_broken_byte.txt", "whitespace_only.txt"}
REPORT = ("Khuyến công Quảng Nam: kết quả năm 2023 và kế hoạch năm 2024 của tỉnh\n\n"
          "Năm 2023, kinh phí khuyến công địa phương được giao là 5,6 tỷ đồng; tỉnh Quảng Nam đã thực hiện "
          "18 đề án, hỗ trợ 25 cơ sở ứng dụng máy móc thiết bị tiên tiến.\n")
SECRET = ("Báo cáo mật của tỉnh Quảng Nam năm 2023 về khuyến công địa phương\n\n"
          "Năm 2023, kinh phí khuyến công địa phương được giao là 9,9 tỷ đồng.\n")


def raw_folder(tmp_path: Path, *names: str) -> Path:
    raw = tmp_path / "raw"
    raw.mkdir()
    for name in names:
        (raw / name).write_text(REPORT, encoding="utf-8")
    return raw


def test_each_bad_file_is_refused_by_name_and_the_rest_read() -> None:
    result = ingest(BAD, jobs=1)
    assert {Path(e.path).name for e in result.errors} == REFUSED
    assert all(e.reason for e in result.errors)
    read = {Path(p).name for p in result.documents["path"]}
    assert len(read) == 8 and not read & REFUSED
    # the same sentences in every encoding give the same figures (the HTML page says other things)
    html = result.documents.loc[result.documents["path"].str.endswith("html_page.txt"), "doc_id"]
    plain = result.facts[~result.facts["doc_id"].isin(html)]
    per_doc = plain.groupby("doc_id")[["measure", "value"]].apply(lambda d: sorted(map(tuple, d.values)))
    assert per_doc.map(tuple).nunique() == 1
    assert set(result.documents["encoding"]) >= {"utf-8", "utf-8-sig", "windows-1258", "utf-16-le"}


def test_run_ends_non_zero_but_writes_the_readable(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["ingest", "--raw", str(BAD), "--out", str(tmp_path), "--jobs", "1", "--quiet"]) == 1
    err = capsys.readouterr().err
    for name in REFUSED:
        assert f"FAILED {BAD / name}: " in err
    assert len(store.load("documents", tmp_path)) == 8


# --- links ---------------------------------------------------------------------------

def test_link_out_of_the_raw_folder_is_refused_with_that_reason(tmp_path: Path) -> None:
    raw = raw_folder(tmp_path, "a.txt")
    (tmp_path / "secret.txt").write_text(SECRET, encoding="utf-8")
    (raw / "b.txt").symlink_to(tmp_path / "secret.txt")
    (raw / "c.txt").symlink_to(raw / "a.txt")  # inside the folder: read, under its own name
    result = ingest(raw, jobs=1)
    (error,) = result.errors
    assert error.path == str(raw / "b.txt")
    assert error.reason == f"is a link to {tmp_path / 'secret.txt'}, outside the raw folder; refused"
    assert sorted(Path(p).name for p in result.documents["path"]) == ["a.txt", "c.txt"]
    assert "9,9" not in set(result.mentions["text"])


def test_reports_are_opened_without_following_links(tmp_path: Path) -> None:
    (tmp_path / "report.txt").write_text(REPORT, encoding="utf-8")
    (tmp_path / "link.txt").symlink_to(tmp_path / "report.txt")
    assert read_report(tmp_path / "report.txt").text == REPORT
    with pytest.raises(BadInputError, match="link.txt: cannot be read \\(is a link; links are not followed\\)"):
        read_report(tmp_path / "link.txt")


# --- file names that cannot be printed as they are ----------------------------------------

def test_file_names_that_are_not_utf8_or_hold_a_newline_are_named_safely(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    raw = raw_folder(tmp_path, "good.txt", "two\nFAILED forged.txt", os.fsdecode(b"latin\xe9.txt"))
    out = tmp_path / "out"
    assert main(["ingest", "--raw", str(raw), "--out", str(out), "--quiet"]) == 1
    err = capsys.readouterr().err
    lines = err.splitlines()
    assert not any(line.startswith("FAILED forged") for line in lines)
    assert f"FAILED {raw}/'two\\nFAILED forged.txt': file name holds control characters" in err
    assert f"FAILED {raw}/'latin\\xe9.txt': file name is not valid UTF-8; rename the file" in err
    assert store.load("documents", out)["path"].str.endswith("good.txt").tolist() == [True]


# --- workers ----------------------------------------------------------------------------------

class RecordingPool:
    """Stands in for the process pool: records how many workers were asked for, runs here."""
    asked: list[int] = []

    def __init__(self, max_workers: int, **options: object) -> None:
        self.asked.append(max_workers)

    def map(self, function, items, chunksize: int = 1):  # noqa: ANN001, ANN201
        return map(function, items)

    def shutdown(self) -> None:
        pass

    def __enter__(self) -> "RecordingPool":
        return self

    def __exit__(self, *exc: object) -> None:
        pass


def test_jobs_are_capped_at_the_cores_and_the_files(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    raw = raw_folder(tmp_path, *(f"r{i}.txt" for i in range(9)))
    monkeypatch.setattr(ingest_module, "ProcessPoolExecutor", RecordingPool)
    monkeypatch.setattr(os, "cpu_count", lambda: 32)
    RecordingPool.asked = []
    assert len(ingest(raw, jobs=100000).documents) == 9
    assert RecordingPool.asked == [9]
    monkeypatch.setattr(os, "cpu_count", lambda: 2)
    RecordingPool.asked = []
    ingest(raw, jobs=100000)
    assert RecordingPool.asked == [2]


# --- an empty raw folder ------------------------------------------------------------------------

def test_empty_raw_folder_does_not_empty_the_tables_unless_asked(tmp_path: Path) -> None:
    out = tmp_path / "out"
    run_ingest(raw_folder(tmp_path, "a.txt"), out, progress=False)
    before = {name: store.table_path(name, out).read_bytes() for name in store.TABLES}
    empty = tmp_path / "empty"
    empty.mkdir()
    with pytest.raises(IngestRefused, match=f"{empty} holds no report to ingest; the 1 report\\(s\\) in {out} "
                                            "were left as they were \\(--allow-empty"):
        run_ingest(empty, out, progress=False)
    assert {name: store.table_path(name, out).read_bytes() for name in store.TABLES} == before
    assert run_ingest(empty, out, progress=False, allow_empty=True).written
    assert store.load("documents", out).empty and store.load("facts", out).empty


# --- ids decided before extraction ----------------------------------------------------------------

def test_repeated_ids_are_decided_before_extraction(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    raw = raw_folder(tmp_path, "a.txt", "b.txt", "c.txt", "d.txt")
    # c asks for the id the repeat b would get by counting: b must skip it
    (raw / "manifest.csv").write_text("file,doc_id\nc.txt,2023-quang-nam-2\n", encoding="utf-8")
    extracted_as = []
    real = ingest_module.extract_dated

    def spy(doc_id: str, *args: object, **kwargs: object) -> object:
        extracted_as.append(doc_id)
        return real(doc_id, *args, **kwargs)

    monkeypatch.setattr(ingest_module, "extract_dated", spy)
    out = tmp_path / "out"
    result = run_ingest(raw, out, jobs=1, progress=False).result
    final = ["2023-quang-nam", "2023-quang-nam-3", "2023-quang-nam-2", "2023-quang-nam-4"]
    assert extracted_as == final
    by_file = dict(zip(result.documents["path"].map(lambda p: Path(p).name), result.documents["doc_id"]))
    assert [by_file[f] for f in ("a.txt", "b.txt", "c.txt", "d.txt")] == final
    facts = store.load("facts", out)
    assert all(fact_id.startswith(f"{doc}:") for fact_id, doc in zip(facts["fact_id"], facts["doc_id"]))
    assert facts.groupby("doc_id").size().to_dict() == {doc: 3 for doc in final}
