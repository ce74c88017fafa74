"""What reaches a slide: low-confidence figures nobody confirmed are marked; --confirmed keeps reviewed figures only."""

from __future__ import annotations

import dataclasses
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest
from openpyxl import load_workbook
from pptx import Presentation

from pipelines import paths
from pipelines.analysis import talk, views
from pipelines.publishing import deck, export, provenance
from pipelines.publishing.region import load_region


@pytest.fixture(scope="module")
def doubtful_tables() -> talk.Tables:
    """The real tables with every unreviewed figure of Đắk Lắk's report at low confidence."""
    tables = talk.load_tables()
    low = tables.facts["doc_id"].eq("2023-dak-lak") & tables.facts["review_state"].eq("unreviewed")
    return dataclasses.replace(tables, facts=tables.facts.assign(confidence=tables.facts["confidence"].mask(low, 0.3)))


def test_doubtful_means_unreviewed_and_below_the_threshold() -> None:
    frame = pd.DataFrame({"review_state": ["unreviewed", "unreviewed", "confirmed", "unreviewed"],
                          "confidence": [0.3, views.LOW_CONFIDENCE, 0.1, float("nan")]})
    assert views.doubtful(frame).tolist() == [True, False, False, False]
    assert views.doubtful_count(pd.DataFrame({"doubtful": [1, 2]})) == 3


def test_charts_mark_the_figure_and_say_so_beside_the_review_status(doubtful_tables: talk.Tables) -> None:
    ctx = talk.context(doubtful_tables, "dak-lak", "vi")
    for name in ("key-figures", "projects-by-activity"):
        chart = talk.chart(name)
        data = chart.data(doubtful_tables, "dak-lak", "vi")
        fig = chart.draw(data, ctx)
        texts = [t.get_text() for t in fig.findobj(lambda o: hasattr(o, "get_text"))]
        assert any(t.endswith(" ?") for t in texts), name
        foot = " ".join(texts).replace("\n", " ")
        assert "chưa được kiểm tra" in foot and f"? {views.doubtful_count(data)} số liệu độ tin cậy thấp" in foot
    sure = dataclasses.replace(doubtful_tables, facts=doubtful_tables.facts.assign(confidence=0.9))
    assert "độ tin cậy thấp" not in talk.context(sure, "dak-lak", "vi").sources(sure.scoped("dak-lak"))


def test_notes_and_exports_mark_it_too(doubtful_tables: talk.Tables, tmp_path: Path) -> None:
    data = load_region("dak-lak", "vi", tables=doubtful_tables)
    notes = provenance.notes(data.figures, data.documents, data.names, "vi")
    assert "số liệu độ tin cậy thấp, chưa ai xác nhận" in notes.splitlines()[0]
    assert "[chưa kiểm tra · ? độ tin cậy thấp, chưa ai xác nhận]" in notes
    (path,) = export.write_export(data, tmp_path)
    sheet = load_workbook(path)["Số liệu"]
    header = [c.value for c in sheet[1]]
    marks = [row[header.index("Cần xem lại")] for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert "? độ tin cậy thấp, chưa ai xác nhận" in marks and "Độ tin cậy" in header


def test_a_conference_version_keeps_reviewed_figures_and_says_what_it_left_out(tmp_path: Path) -> None:
    tables = talk.load_tables(confirmed=True)
    assert set(tables.facts["review_state"]) <= {"confirmed", "corrected"} and len(tables.left_out)
    data = load_region("mien-trung-tay-nguyen", "vi", tables=tables)
    title = "\n".join(s.text_frame.text for s in deck.build_deck(data).slides[0].shapes if s.has_text_frame)
    left = views.scope(tables.left_out, "mien-trung-tay-nguyen", tables.known)
    assert f"đã bỏ {len(left)} số liệu chưa kiểm tra của {left['doc_id'].nunique()} báo cáo" in title


@pytest.mark.slow
def test_slides_confirmed_through_the_command(tmp_path: Path) -> None:
    proc = subprocess.run([sys.executable, "-m", "pipelines", "slides", "--confirmed", "--region", "all", "--out",
                           str(tmp_path), "--quiet"], capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stderr
    facts = pd.read_parquet(paths.PROCESSED_DIR / "facts.parquet")
    reviewed = facts[facts["review_state"] != "unreviewed"]
    decks = sorted((tmp_path / "vi").glob("*.pptx"))
    assert decks and all(Presentation(d).slides[0].shapes for d in decks)
    for path in decks:
        notes = "\n".join(s.notes_slide.notes_text_frame.text for s in list(Presentation(path).slides)[1:]
                          if s.has_notes_slide)
        assert "[chưa kiểm tra" not in notes and "Bản hội nghị" in Presentation(path).slides[0].placeholders[1].text
    assert len(decks) < len(facts["region_id"].unique()) + 4 and len(reviewed)
    proc = subprocess.run([sys.executable, "-m", "pipelines", "slides", "--confirmed", "--region", "phia-nam",
                           "--out", str(tmp_path), "--quiet"], capture_output=True, text=True, timeout=600)
    assert proc.returncode == 2 and "confirmed or corrected" in proc.stderr
