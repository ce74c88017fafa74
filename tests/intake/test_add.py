"""``khuyencong add``: a page served on 127.0.0.1 by the test, a PDF and a Word file are
stored byte for byte with their manifest rows, and ingest reads them; the network is
never needed."""

from __future__ import annotations

import functools
import hashlib
import http.server
import subprocess
import sys
import threading
from pathlib import Path
from typing import Iterator

import pandas as pd
import pytest

sys.path.insert(0, str(Path(__file__).parent.parent))
import document_fixtures as fx  # noqa: E402

from pipelines.intake.add import AddOptions, add_reports  # noqa: E402
from pipelines.intake.manifest import read_manifest  # noqa: E402


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def site(tmp_path: Path) -> Iterator[str]:
    """A web server on 127.0.0.1 serving a news page, a PDF, a Word file and a scan."""
    root = tmp_path / "site"
    (root / "tin").mkdir(parents=True)
    (root / "tin" / "khuyen-cong-2023.html").write_text(fx.NEWS_PAGE, encoding="utf-8")
    (root / "tin" / "khong-duoi").write_text(fx.NEWS_PAGE, encoding="utf-8")
    (root / "bao-cao.pdf").write_bytes(fx.pdf_bytes())
    (root / "scan.pdf").write_bytes(fx.scanned_pdf_bytes())
    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(_QuietHandler, directory=str(root)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def test_page_is_stored_as_received_with_its_metadata(site: str, tmp_path: Path) -> None:
    raw = tmp_path / "raw"
    url = f"{site}/tin/khuyen-cong-2023.html"
    added, errors = add_reports([url], raw, AddOptions(today="2026-11-30"))
    assert not errors
    (item,) = added
    assert item.path.read_bytes() == fx.NEWS_PAGE.encode("utf-8")
    sha = hashlib.sha256(item.path.read_bytes()).hexdigest()
    assert item.path.name == f"000_{sha[:16]}.html"
    row = read_manifest(raw / "manifest.csv")[item.path.name]
    assert row == {
        "file": item.path.name, "doc_id": "2023-dak-lak", "title": fx.HEADLINE, "publisher": "Báo Đắk Lắk điện tử",
        "published": "2023-12-18", "region_id": "dak-lak", "received": "2026-11-30", "sha256": sha,
        "source_url": url, "published_source": "page_metadata"}


def test_page_without_a_suffix_is_named_by_its_content_type(site: str, tmp_path: Path) -> None:
    added, _ = add_reports([f"{site}/tin/khong-duoi"], tmp_path / "raw")
    assert added[0].path.suffix == ".html"


def test_each_report_gets_the_next_number_and_a_unique_doc_id(site: str, tmp_path: Path) -> None:
    raw = tmp_path / "raw"
    local = tmp_path / "bao-cao.docx"
    local.write_bytes(fx.docx_bytes())
    added, errors = add_reports([f"{site}/bao-cao.pdf", str(local)], raw, AddOptions(region_id="gia-lai"))
    assert not errors
    assert [p.path.name[:4] for p in added] == ["000_", "001_"]
    assert [p.path.suffix for p in added] == [".pdf", ".docx"]
    assert [p.row["doc_id"] for p in added] == ["2023-gia-lai", "2023-gia-lai-2"]
    assert [p.row["published_source"] for p in added] == ["", ""]
    assert added[1].row["source_url"] == ""  # a local path is not an address to record


def test_unreadable_or_repeated_sources_store_nothing(site: str, tmp_path: Path) -> None:
    raw = tmp_path / "raw"
    add_reports([f"{site}/tin/khuyen-cong-2023.html"], raw)
    before = sorted(p.name for p in raw.iterdir())
    added, errors = add_reports(
        [f"{site}/scan.pdf", f"{site}/nothing-here.html", f"{site}/tin/khuyen-cong-2023.html", "ftp://x/y.txt"], raw)
    assert added == []
    reasons = [e.reason for e in errors]
    assert reasons[0].startswith("scanned PDF without a text layer")
    assert reasons[1] == "could not be fetched (HTTP 404 File not found)"
    assert reasons[2].startswith("already in raw/ as 000_") and "same bytes" in reasons[2]
    assert reasons[3] == "only http and https addresses can be fetched"
    assert sorted(p.name for p in raw.iterdir()) == before


def test_stated_metadata_wins_and_a_fallback_region_is_not_recorded(tmp_path: Path) -> None:
    raw = tmp_path / "raw"
    report = tmp_path / "bao cao\nmoi.txt"  # an awkward name never reaches data/raw
    report.write_text("\n".join(fx.ARTICLE), encoding="utf-8")
    (item,), _ = add_reports([str(report)], raw, AddOptions(published="2024-01-05", title="Tiêu đề"))
    assert "\n" not in item.path.name and item.path.suffix == ".txt"
    assert (item.row["published"], item.row["published_source"], item.row["title"]) == (
        "2024-01-05", "manifest", "Tiêu đề")
    assert item.row["region_id"] == item.row["doc_id"] == "" and any("no place named" in w for w in item.warnings)


@pytest.mark.slow
def test_cli_add_then_ingest(site: str, tmp_path: Path) -> None:
    """End to end: a served page, a PDF and a Word file through `khuyencong add` and `ingest`."""
    raw, out = tmp_path / "raw", tmp_path / "out"
    local = tmp_path / "bao-cao.docx"
    local.write_bytes(fx.docx_bytes())

    def run(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run([sys.executable, "-m", "pipelines", *args], capture_output=True, text=True, timeout=300)

    proc = run("add", "--raw", str(raw), f"{site}/tin/khuyen-cong-2023.html", f"{site}/bao-cao.pdf", str(local),
               f"{site}/scan.pdf")
    assert proc.returncode == 1
    assert proc.stdout.count("added ") == 3 and "2023-12-18 (page_metadata)" in proc.stdout
    assert "scanned PDF without a text layer" in proc.stderr
    proc = run("ingest", "--raw", str(raw), "--out", str(out), "--quiet")
    assert proc.returncode == 0, proc.stderr
    docs = pd.read_parquet(out / "documents.parquet").set_index("doc_id")
    page = docs.loc["2023-dak-lak"]
    assert (page["published"], page["published_source"], page["source_url"]) == (
        "2023-12-18", "page_metadata", f"{site}/tin/khuyen-cong-2023.html")
    assert sorted(docs["path"].str.rsplit(".", n=1).str[1]) == ["docx", "html", "pdf"]
    facts = pd.read_parquet(out / "facts.parquet")
    assert set(facts["doc_id"]) == set(docs.index)
    assert not facts["quote"].str.contains("100 triệu").any()  # a reader's comment is not a figure
    assert run("add", "--raw", str(raw), "--published", "2024-02-30", str(local)).returncode == 2


def test_a_file_dropped_into_the_raw_folder_is_recorded_where_it_is(tmp_path: Path) -> None:
    raw = tmp_path / "raw"
    raw.mkdir()
    dropped = raw / "bao-cao-quang-nam.txt"
    dropped.write_text("Tỉnh Quảng Nam: " + "\n".join(fx.ARTICLE), encoding="utf-8")
    (item,), errors = add_reports([str(dropped)], raw)
    assert not errors and item.path == dropped
    assert sorted(p.name for p in raw.iterdir()) == ["bao-cao-quang-nam.txt", "manifest.csv"]
    assert read_manifest(raw / "manifest.csv")[dropped.name]["region_id"] == "quang-nam"


def test_two_adds_at_once_keep_both_rows(tmp_path: Path) -> None:
    from concurrent.futures import ThreadPoolExecutor

    raw = tmp_path / "raw"
    sources = []
    for i in range(6):
        source = tmp_path / f"bao-cao-{i}.txt"
        source.write_text(f"Tỉnh Quảng Nam năm 202{i}: " + "\n".join(fx.ARTICLE), encoding="utf-8")
        sources.append(str(source))
    with ThreadPoolExecutor(max_workers=6) as pool:
        results = list(pool.map(lambda s: add_reports([s], raw), sources))
    assert all(not errors for _, errors in results)
    rows = read_manifest(raw / "manifest.csv")
    assert len(rows) == 6 and {p.name for p in raw.iterdir()} == set(rows) | {"manifest.csv"}


def test_a_listed_file_changed_in_place_is_not_added_twice(tmp_path: Path) -> None:
    raw = tmp_path / "raw"
    raw.mkdir()
    dropped = raw / "bao-cao.txt"
    dropped.write_text("Tỉnh Quảng Nam: " + "\n".join(fx.ARTICLE), encoding="utf-8")
    add_reports([str(dropped)], raw)
    dropped.write_text("Tỉnh Gia Lai: " + "\n".join(fx.ARTICLE), encoding="utf-8")
    added, (error,) = add_reports([str(dropped)], raw)
    assert added == [] and "khuyencong add --update bao-cao.txt" in error.reason
    assert len(read_manifest(raw / "manifest.csv")) == 1


def test_a_page_dropped_in_by_hand_gets_the_same_metadata_at_ingest(tmp_path: Path) -> None:
    from pipelines.ingest.run import ingest

    (tmp_path / "trang-luu.html").write_text(fx.NEWS_PAGE, encoding="utf-8")
    (doc,) = ingest(tmp_path).documents.itertuples()
    assert (doc.doc_id, doc.title, doc.publisher, doc.published, doc.published_source, doc.region_id) == (
        "2023-dak-lak", fx.HEADLINE, "Báo Đắk Lắk điện tử", "2023-12-18", "page_metadata", "dak-lak")
    assert doc.metadata_source == "inferred"
