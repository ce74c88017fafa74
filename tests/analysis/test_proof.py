"""The proof sheet: every number marked and read out, the figures worth a look first, escaped, offline."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from pipelines import paths
from pipelines.analysis import proof

TEXT = ("Báo cáo <b>khuyến công</b> ngày 10/10/2024.\n"
        "Năm 2024, kinh phí khuyến công địa phương đã thực hiện 25,3 tỷ đồng, đạt 27,7% kế hoạch năm.\n"
        "Tỉnh hỗ trợ 12 cơ sở theo Quyết định số 45/QĐ-UBND. Kinh phí đã thực hiện là 25,3 tỷ đồng.\n")


def fact(fact_id: str, number: str, measure: str, value: float, unit: str, confidence: float, **more: object) -> dict:
    start = TEXT.index(number)
    line = TEXT.rfind("\n", 0, start) + 1
    return {"fact_id": fact_id, "doc_id": "r", "region_id": "ca-nuoc", "period_start": "2024-01",
            "period_end": "2024-12", "program": "local", "activity": "all", "measure": measure, "value": value,
            "unit": unit, "qualifier": "", "recognition_level": "", "review_state": "unreviewed",
            "confidence": confidence, "evidence": "region=report", "method": "rule", "number_text": number,
            "number_start": start, "number_end": start + len(number), "sentence_start": line, "char_start": line,
            **more}


@pytest.fixture()
def page() -> str:
    facts = pd.DataFrame([fact("r:1", "25,3", "budget_spent", 25.3e9, "VND", 0.62),
                          fact("r:2", "27,7", "execution_pct", 27.7, "percent", 0.83),
                          fact("r:3", "12", "beneficiaries", 12, "count", 0.41),
                          fact("other:1", "12", "beneficiaries", 15, "count", 0.9, doc_id="other")])
    numbers = [("r:m29", "10/10/2024", "rejected", "date", ""), ("r:m193", "45", "rejected", "document_number", ""),
               ("r:m" + str(TEXT.rindex("25,3")), "25,3", "duplicate", "repeated_statement", "r:1")]
    mentions = pd.DataFrame([{"mention_id": i, "doc_id": "r", "text": t, "char_start": TEXT.index(t) if s != "duplicate"
                              else TEXT.rindex(t), "status": s, "reason": r, "fact_id": f} for i, t, s, r, f in numbers])
    mentions["char_end"] = mentions["char_start"] + mentions["text"].str.len()
    checks = pd.DataFrame([{"doc_id": "r", "status": "mismatch", "fact_ids": "r:2,r:1", "stated": 27.7,
                            "computed": 42.9}])
    document = {"doc_id": "r", "title": "Báo cáo <script>alert(1)</script>", "published": "2024-10-10",
                "region_id": "ca-nuoc", "warnings": "no place named in the text; region set to ca-nuoc"}
    return proof.proof_html(document, TEXT, facts[facts["doc_id"] == "r"], mentions, checks,
                            proof.conflicting_facts(facts), "vi", {})


def test_every_number_is_marked_with_its_reading_or_why_not(page: str) -> None:
    body = page.split('<div class="text">', 1)[1]
    assert re.search(r'<mark class="mid" id="n-r:1">25,3 tỷ đồng</mark><span class="r mid">Đã thực hiện 25,3 tỷ '
                     r'đồng · 2024 · Khuyến công địa phương · Tất cả nội dung · Cả nước · kết quả · chưa kiểm tra · '
                     r'độ tin cậy 0,62</span>', body)
    assert '<mark class="low" id="n-r:3">12 cơ sở</mark>' in body and '<mark class="high" id="n-r:2">27,7%</mark>' in body
    assert ">10/10/2024</mark><span class=\"r other\">ngày tháng</span>" in body
    assert "số hiệu văn bản" in body and '<a href="#r:1">nêu lại số đã có (nêu lại số liệu)</a>' in body
    assert body.count('<a class="anchor" id="r:') == 3  # each figure's sentence, where the tables' links land


def test_the_figures_worth_a_look_come_first_lowest_confidence_first(page: str) -> None:
    look = page.split('<section class="look">', 1)[1].split("</section>", 1)[0]
    items = re.findall(r'<li><a href="#([^"]+)">', look)
    assert items == ["r:3", "r:1", "r:2"]
    assert "độ tin cậy thấp" in look and "lệch khi đối chiếu: nêu 27,7%, tính lại 42,9%" in look
    assert "báo cáo khác nêu số khác" in look and "đặt cho cả nước vì không tìm thấy tỉnh" in look
    assert "region set to ca-nuoc" in page.split('<section class="warn">', 1)[1]


def test_nothing_from_a_report_becomes_markup(page: str) -> None:
    assert "<script>" not in page and "&lt;script&gt;" in page and "&lt;b&gt;khuyến công&lt;/b&gt;" in page
    assert "http" not in page.split("</style>")[0] and "<script" not in page  # offline: nothing fetched, no script


@pytest.mark.slow
def test_the_command_writes_one_sheet_by_doc_id_or_path(tmp_path: Path) -> None:
    documents = pd.read_parquet(paths.PROCESSED_DIR / "documents.parquet")
    doc = documents.iloc[0]
    for report in (doc["doc_id"], str(paths.REPO_ROOT / doc["path"])):
        proc = subprocess.run([sys.executable, "-m", "pipelines", "proof", report, "--out", str(tmp_path)],
                              capture_output=True, text=True, timeout=120)
        assert proc.returncode == 0 and f"{doc['doc_id']}.html" in proc.stdout, proc.stderr
    page = (tmp_path / f"{doc['doc_id']}.html").read_text(encoding="utf-8")
    facts = pd.read_parquet(paths.PROCESSED_DIR / "facts.parquet").query("doc_id == @doc.doc_id")
    assert all(f'id="{fact_id}"' in page for fact_id in facts["fact_id"])
    proc = subprocess.run([sys.executable, "-m", "pipelines", "proof", "9999-nowhere"], capture_output=True,
                          text=True, timeout=120)
    assert proc.returncode == 2 and "neither a doc_id nor the file" in proc.stderr
