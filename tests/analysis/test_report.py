"""Report tables in the reader's words, and rendered source reports that the tables link to."""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd

from pipelines.analysis import report, talk, views

TEXT = "Mở đầu.\nSố thực hiện đến nay đạt 25,3 tỷ đồng, đạt 27,7% kế hoạch năm.\nHết."


def one_report(tmp_path: Path) -> tuple[pd.DataFrame, pd.DataFrame]:
    (tmp_path / "raw").mkdir()
    (tmp_path / "raw" / "r.txt").write_text(TEXT, encoding="utf-8")
    sentence = TEXT.index("Số thực")
    quote = TEXT[sentence:TEXT.index(" năm.") + 4]
    rows = []
    for fact_id, number, measure, value in (("r:1", "25,3", "budget_spent", 25.3e9), ("r:2", "27,7", "execution_pct", 27.7)):
        start = TEXT.index(number)
        rows.append({"fact_id": fact_id, "doc_id": "r", "source_region": "phia-nam", "region_id": "phia-nam",
                     "unit": "VND" if measure == "budget_spent" else "percent", "sentence_start": sentence,
                     "confidence": 0.7, "method": "rule", "evidence": "", "number_text": number,
                     "period_start": "2024-01",
                     "period_end": "2024-09", "program": "local", "activity": "all", "measure": measure,
                     "value": value, "qualifier": "", "recognition_level": "", "review_state": "unreviewed",
                     "quote": quote, "char_start": sentence, "number_start": start, "number_end": start + len(number),
                     "mismatch": measure == "execution_pct", "title": "Báo cáo <phía Nam>", "published": "2024-10-10"})
    documents = pd.DataFrame({"doc_id": ["r"], "path": ["raw/r.txt"], "title": ["Báo cáo <phía Nam>"]})
    return pd.DataFrame(rows), documents


def test_tables_speak_the_readers_language(tmp_path: Path) -> None:
    facts, _ = one_report(tmp_path)
    vi = report.table(facts, "vi")
    assert "<th>Chỉ tiêu</th>" in vi and "Tỷ lệ thực hiện kế hoạch" in vi and "25,3 tỷ đồng" in vi
    assert "27,7% ⚠" in vi and "Khuyến công địa phương" in vi and "chưa kiểm tra" in vi
    assert "budget_spent" not in vi and "execution_pct" not in vi and "&lt;phía Nam&gt;" in vi
    assert "đạt <mark>25,3</mark> tỷ đồng" in vi and "10/10/2024" in vi
    en = report.table(facts, "en")
    assert "<th>Measure</th>" in en and "VND 25.3 billion" in en and "Local programme" in en


def test_every_quote_links_to_an_anchor_of_the_rendered_report(tmp_path: Path) -> None:
    facts, documents = one_report(tmp_path)
    pages = report.write_sources(documents, facts, tmp_path, tmp_path / "sources")
    page = pages[0].read_text(encoding="utf-8")
    assert page.startswith("<!doctype html>") and '<html lang="vi">' in page
    assert page.count('<mark class="mid" id=') == 2 and ">27,7%</mark>" in page and ">25,3 tỷ đồng</mark>" in page
    for href in re.findall(r'href="([^"]+)"', report.table(facts, "vi", sources_url=str(tmp_path / "sources"))):
        path, anchor = href.split("#")
        assert Path(path).exists() and f'id="{anchor}"' in Path(path).read_text(encoding="utf-8")


def test_every_chart_table_of_the_fixture_renders_without_codes(tables_dir: Path) -> None:
    tables = talk.load_tables(tables_dir)
    for chart in talk.CHARTS:
        page = report.table(chart.data(tables, "phia-nam", "en"), "en")
        assert not re.search(r">[a-z]+_[a-z_]+<", page), chart.name
    unreviewed = report.table(views.unreviewed(tables.scoped("phia-nam"), tables.documents), "vi")
    assert "chưa kiểm tra" in unreviewed and "đã xác nhận" not in unreviewed
