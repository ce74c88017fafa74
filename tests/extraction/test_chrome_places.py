"""Places and numbers in page chrome (a weather widget, a menu, related headlines, the
footer) say nothing about the report: the article's own province is its region, and a
report whose places are all in chrome gets the fallback region and a warning."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from pipelines.extraction.extract import extract_document
from pipelines.ingest.run import ingest
from pipelines.intake.add import manifest_row
from pipelines.intake.metadata import CHROME_PLACE_WARNING, document_meta, infer_year
from pipelines.text.formats import PageMetadata
from pipelines.text.gazetteer import default_gazetteer

GAZ = default_gazetteer()
WIDGET = "Gia Lai 24°C\nThời tiết Kon Tum\n"
MENU = "Trang chủ | Kinh tế | Gia Lai | Kon Tum\n"
HEADLINE = "Hỗ trợ cơ sở công nghiệp nông thôn đổi mới máy móc thiết bị năm 2023\n"
ARTICLE = ("Năm 2023, Trung tâm Khuyến công tỉnh Bình Định đã hỗ trợ 14 cơ sở công nghiệp nông thôn ứng dụng "
           "máy móc thiết bị tiên tiến với tổng kinh phí 3,2 tỷ đồng.\n"
           "Cũng trong năm 2023, kinh phí khuyến công địa phương đã giải ngân 2,5 tỷ đồng.\n")
RELATED = ("Tin liên quan\n"
           "Gia Lai: năm 2021 kinh phí khuyến công địa phương đã thực hiện 4,1 tỷ đồng, hỗ trợ 25 cơ sở…\n"
           "Kon Tum hỗ trợ 5 tỷ đồng cho 20 cơ sở công nghiệp nông thôn năm 2021…\n"
           "Khuyến công năm 2021: nhiều kết quả nổi bật\n"
           "Tổng kết công tác khuyến công năm 2021\n")
FOOTER = "Tòa soạn: 12 Trần Phú, thành phố Kon Tum\nĐiện thoại: 0260 3862 123\n"
REPORT = WIDGET + MENU + HEADLINE + ARTICLE + RELATED + FOOTER
# the same page about a province its article never names
UNNAMED = REPORT.replace("tỉnh Bình Định ", "")


def test_the_article_province_wins_over_places_named_in_chrome() -> None:
    meta = document_meta(REPORT, GAZ)
    assert (meta.region_id, meta.warnings) == ("binh-dinh", ())


def test_numbers_and_places_in_chrome_make_no_facts() -> None:
    meta = document_meta(REPORT, GAZ)
    extraction = extract_document(meta.doc_id, REPORT, meta.region_id, GAZ, meta.year, meta.published)
    assert [(f["number_text"], f["region_id"]) for f in extraction.facts] == [
        ("14", "binh-dinh"), ("3,2", "binh-dinh"), ("2,5", "binh-dinh")]
    related_start = REPORT.index("Tin liên quan")
    in_chrome = [m for m in extraction.mentions if m["char_start"] > related_start or m["char_start"] < 60]
    assert in_chrome and all(m["status"] == "rejected" for m in in_chrome)
    assert {m["reason"] for m in in_chrome if m["text"] in ("4,1", "25", "5", "20")} == {"page_chrome"}


def test_years_of_related_headlines_do_not_date_the_report() -> None:
    assert infer_year(REPORT) == 2023


def test_places_only_in_chrome_give_no_region_and_a_warning() -> None:
    meta = document_meta(UNNAMED, GAZ)
    assert (meta.region_id, meta.warnings) == ("ca-nuoc", (CHROME_PLACE_WARNING,))
    assert "places named only in page chrome" in CHROME_PLACE_WARNING
    # the outlet's province is a region the report did give
    outlet = document_meta(UNNAMED, GAZ, None, PageMetadata(site_name="Báo Bình Định"))
    assert (outlet.region_id, outlet.warnings) == ("binh-dinh", ())
    # ``add`` records no region for it, so that one set later names the report
    row = manifest_row("bao-cao.txt", meta, "0" * 64, "2024-01-01")
    assert row["region_id"] == row["doc_id"] == ""


def test_ingest_keeps_the_figures_of_a_report_placed_only_by_chrome(tmp_path: Path) -> None:
    (tmp_path / "bao-cao.txt").write_text(UNNAMED, encoding="utf-8")
    result = ingest(tmp_path)
    (doc,) = result.documents.itertuples()
    assert doc.region_id == "ca-nuoc" and "places named only in page chrome" in doc.warnings
    assert [(f.number_text, f.region_id) for f in result.facts.itertuples()] == [
        ("14", "ca-nuoc"), ("3,2", "ca-nuoc"), ("2,5", "ca-nuoc")]


@pytest.mark.slow
def test_ingest_prints_the_file_and_the_cause(tmp_path: Path) -> None:
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "bao-cao.txt").write_text(UNNAMED, encoding="utf-8")
    proc = subprocess.run([sys.executable, "-m", "pipelines", "ingest", "--raw", str(raw), "--out",
                           str(tmp_path / "out"), "--quiet"], capture_output=True, text=True, timeout=300,
                          check=False)
    assert proc.returncode == 0, proc.stderr
    (line,) = [line for line in proc.stderr.splitlines() if "page chrome" in line]
    assert line.startswith("warning ") and "bao-cao.txt" in line and "places named only in page chrome" in line
