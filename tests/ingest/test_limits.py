"""No report can stall or exhaust an ingest: a time and memory budget per report, Word and
PDF files judged by what they inflate to, raw files that are files of their own, and
tables never written into a system folder."""

from __future__ import annotations

import io
import os
import sys
import time
import zipfile
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent.parent))
import document_fixtures as fx  # noqa: E402

from pipelines.ingest import run as ingest_run  # noqa: E402
from pipelines.ingest.run import ingest, run_ingest  # noqa: E402
from pipelines.text import formats  # noqa: E402
from pipelines.text.reading import BadInputError, read_raw  # noqa: E402

REPORT = "Năm 2023, Sở Công Thương tỉnh Bắc Giang đã hỗ trợ 12 cơ sở với kinh phí 1.250 triệu đồng.\n"


@pytest.fixture
def raw(tmp_path: Path) -> Path:
    folder = tmp_path / "raw"
    folder.mkdir()
    for name in ("a.txt", "b.txt"):
        (folder / name).write_text(REPORT, encoding="utf-8")
    return folder


def _hostile_reader(monkeypatch: pytest.MonkeyPatch, name: str, act: "callable[[], object]") -> None:
    real = ingest_run.read_report

    def reader(path: object) -> object:
        if Path(str(path)).name == name:
            act()
        return real(path)

    monkeypatch.setattr(ingest_run, "read_report", reader)


def test_a_report_over_its_time_budget_fails_by_name_and_the_others_go_on(raw: Path,
                                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KHUYENCONG_REPORT_SECONDS", "1")
    _hostile_reader(monkeypatch, "a.txt", lambda: time.sleep(30))
    start = time.monotonic()
    result = ingest(raw, jobs=1)
    assert time.monotonic() - start < 15
    assert [Path(e.path).name for e in result.errors] == ["a.txt"] and "longer than 1 s" in result.errors[0].reason
    assert list(result.documents["path"].map(lambda p: Path(p).name)) == ["b.txt"]


def test_a_report_over_its_memory_budget_fails_by_name_and_the_others_go_on(raw: Path,
                                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KHUYENCONG_REPORT_MEMORY_MB", "200")
    _hostile_reader(monkeypatch, "a.txt", lambda: bytearray(4 * 2**30))  # 4 GB
    result = ingest(raw, jobs=1)
    assert [Path(e.path).name for e in result.errors] == ["a.txt"]
    assert "more than 200 MB of memory" in result.errors[0].reason
    assert list(result.documents["path"].map(lambda p: Path(p).name)) == ["b.txt"]
    bytearray(300 * 2**20)  # the budget ends with the report


def _docx_inflating_to(size: int) -> bytes:
    """A valid Word file whose document.xml is padded with a comment: tiny on disk, ``size`` inflated."""
    source = zipfile.ZipFile(io.BytesIO(fx.docx_bytes()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            data = source.read(info)
            if info.filename == formats.DOCX_PART:
                head, body = data.split(b"?>", 1)
                data = head + b"?><!--" + b" " * size + b"-->" + body
            target.writestr(info, data)
    return out.getvalue()


def test_a_word_file_is_judged_by_what_it_inflates_to(tmp_path: Path) -> None:
    raw = tmp_path / "raw"
    raw.mkdir()
    bomb = _docx_inflating_to(formats.MAX_INFLATED_BYTES + 1)
    assert len(bomb) < 200_000  # far under every size limit on disk
    (raw / "bomb.docx").write_bytes(bomb)
    (raw / "ok.txt").write_text(REPORT, encoding="utf-8")
    start = time.monotonic()
    result = ingest(raw, jobs=1)
    assert time.monotonic() - start < 20
    [error] = result.errors
    assert error.path.endswith("bomb.docx") and "inflate to" in error.reason and len(result.documents) == 1


def test_a_pdf_is_judged_by_what_its_pages_inflate_to() -> None:
    with pytest.raises(formats.FormatError, match="inflate to over 100 bytes by page 1"):
        formats.pdf_to_text(fx.pdf_bytes(), limit=100)
    assert "khuyến công" in formats.pdf_to_text(fx.pdf_bytes())[0]


def test_a_raw_file_with_a_second_hard_link_is_refused(tmp_path: Path) -> None:
    outside = tmp_path / "secret.txt"
    outside.write_text(REPORT, encoding="utf-8")
    raw = tmp_path / "raw"
    raw.mkdir()
    os.link(outside, raw / "linked.txt")
    with pytest.raises(BadInputError, match="2 hard links"):
        read_raw(raw / "linked.txt")
    result = ingest(raw, jobs=1)
    assert result.documents.empty and "hard links" in result.errors[0].reason


@pytest.mark.parametrize("out", ["/", "/etc", "/usr/lib/khuyencong"])
def test_ingest_refuses_to_write_into_the_root_or_a_system_folder(raw: Path, out: str,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    def no_lock(folder: Path) -> None:
        raise AssertionError(f"would have written into {folder}")

    monkeypatch.setattr(ingest_run, "tables_lock", no_lock)
    with pytest.raises(ValueError, match="refusing to write tables into"):
        run_ingest(raw, Path(out), jobs=1, progress=False)
