"""Exports hold the same figures as the charts, readable, with numbers as numbers."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest
from openpyxl import load_workbook

from pipelines.analysis import talk
from pipelines.publishing import build, export, provenance, readable
from pipelines.publishing.region import load_region


@pytest.fixture(scope="module")
def tables() -> talk.Tables:
    return talk.load_tables()


@pytest.mark.parametrize("region", ["ca-nuoc", "phia-nam", "dak-lak", "bac-giang"])
def test_export_has_every_figure_the_charts_draw_with_the_same_value(tables: talk.Tables, region: str) -> None:
    data = load_region(region, "vi", tables=tables)
    figures = export.tables(data)["figures"].set_index("fact_id")
    compared = 0
    for chart in talk.charts_of(kind="conference"):
        view = chart.data(tables, region, "vi")
        drawn = provenance.drawn_facts(view, data.scoped)
        for fact in drawn.itertuples():
            row = figures.loc[fact.fact_id]
            expected = fact.value / 1e9 if fact.unit == "VND" else fact.value
            assert row["value"] == pytest.approx(expected), (chart.slug, fact.fact_id)
            assert row["quote"] == fact.quote
            compared += 1
        if "value_bn" in view.columns:  # the number drawn is the number exported
            exported = figures.loc[view["fact_id"], "value"].to_numpy()
            assert exported == pytest.approx(view["value_bn"].to_numpy())
    assert compared > 0


def test_figures_are_named_and_in_billions(tables: talk.Tables) -> None:
    figures = export.tables(load_region("phia-nam", "vi", tables=tables))["figures"]
    plan = figures[(figures["measure"] == "Kế hoạch") & (figures["program"] == "Mọi nguồn")].iloc[0]
    assert plan["place"] == "Khu vực phía Nam" and plan["value"] == pytest.approx(91.3)
    assert plan["unit"] == "tỷ đồng" and plan["review_state"] == "chưa kiểm tra"
    assert plan["report"].startswith("Hội nghị khuyến công") and "91,3 tỷ đồng" in plan["quote"]
    assert not figures.isin(["execution_pct", "budget_plan", "unreviewed", "national"]).any().any()


def test_workbook_is_ready_for_an_analyst(tables: talk.Tables, tmp_path: Path) -> None:
    for lang, first in (("vi", "Địa bàn"), ("en", "Place")):
        data = load_region("phia-nam", lang, tables=tables)
        [path] = export.write_export(data, tmp_path / lang, "xlsx")
        book = load_workbook(path)
        assert book.sheetnames == [export.sheet_name(k, lang) for k in ("figures", "checks", "reports")]
        for sheet in book.worksheets:
            assert sheet.freeze_panes == "A2" and sheet.auto_filter.ref.startswith("A1:")
            assert all(sheet.column_dimensions[c.column_letter].width >= len(str(c.value)) for c in sheet[1])
        figures = book.worksheets[0]
        assert figures["A1"].value == first
        values = [row[0] for row in figures.iter_rows(min_row=2, min_col=6, max_col=6, values_only=True)]
        assert values and all(isinstance(v, (int, float)) for v in values)
        stated = [row[0] for row in book.worksheets[1].iter_rows(min_row=2, min_col=3, max_col=3, values_only=True)]
        assert 27.7 in stated


def test_checks_put_the_mismatch_first_with_money_in_billions(tables: talk.Tables) -> None:
    data = load_region("phia-nam", "en", tables=tables)
    checks = readable.checks(data.checks, tables.facts, data.documents, "en")
    assert checks.iloc[0]["status"] == "mismatch" and checks.iloc[0]["computed"] == pytest.approx(42.885, abs=1e-3)
    assert set(checks.loc[checks["unit"] == "VND billion", "stated"]) == {91.3}


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_checks_are_described_in_words_not_codes(tables: talk.Tables, lang: str) -> None:
    data = load_region("phia-nam", lang, tables=tables)
    described = " ".join(readable.checks(data.checks, tables.facts, data.documents, lang, data.names)["description"])
    assert not any(code in described for code in ("execution_pct", "budget_spent", "local,", "2024-01..")), described
    assert ("25,3 tỷ đồng" if lang == "vi" else "VND 25.3 billion") in described


@pytest.mark.slow
def test_export_command_writes_csv_then_skips_when_nothing_changed(tmp_path: Path) -> None:
    def run(*extra: str) -> subprocess.CompletedProcess:
        return subprocess.run([sys.executable, "-m", "pipelines", "export", "--region", "dak-lak", "--format", "csv",
                               "--out", str(tmp_path), "--quiet", *extra], capture_output=True, text=True, timeout=300)

    first = run()
    assert first.returncode == 0, first.stderr
    assert "3 file(s) written" in first.stdout
    figures = pd.read_csv(tmp_path / "vi" / "dak-lak" / "figures.csv", encoding="utf-8-sig")
    assert list(figures.columns[:3]) == readable.headers(["place", "period", "program"], "vi")
    assert "0 file(s) written, 1 region(s) up to date" in run().stdout
    assert run("--region", "ha-noi").returncode == 2


def test_selecting_all_gives_every_region_with_figures() -> None:
    selected = build.select("all", build.processed_dir(None))
    assert selected[0] == "ca-nuoc" and "phia-nam" in selected and "ha-noi" not in selected


def test_the_figures_sheet_flags_the_mismatch_gives_the_sentence_and_a_real_date(tables: talk.Tables,
                                                                                tmp_path: Path) -> None:
    import datetime as dt

    data = load_region("phia-nam", "vi", tables=tables)
    [path] = export.write_export(data, tmp_path, "xlsx")
    sheet = load_workbook(path).worksheets[0]
    header = [c.value for c in sheet[1]]
    rows = [dict(zip(header, r)) for r in sheet.iter_rows(min_row=2, values_only=True)]
    flagged = [r for r in rows if r["Đối chiếu"]]
    assert len(flagged) == 1 and flagged[0]["Giá trị"] == pytest.approx(27.7)
    assert flagged[0]["Đối chiếu"] == "⚠ lệch: tính lại 42,89%"
    for row in rows:  # the exact quote lies inside its whole sentence
        assert row["Trích dẫn"] in row["Cả câu"] and len(row["Cả câu"]) >= len(row["Trích dẫn"])
    assert all(isinstance(r["Ngày đăng"], dt.datetime) for r in rows)
    assert sheet.cell(2, header.index("Ngày đăng") + 1).number_format == "DD/MM/YYYY"


def test_publisher_and_link_are_filled_where_the_documents_know_them(tables: talk.Tables) -> None:
    documents = tables.documents.assign(publisher="Báo Công Thương", source_url="https://example.vn/bai-viet")
    figures = readable.figures(tables.facts.head(3), documents, {}, "en")
    assert set(figures["publisher"]) == {"Báo Công Thương"} and set(figures["source_url"]) == {"https://example.vn/bai-viet"}


DANGEROUS = ['=HYPERLINK("http://example.com","x")', "+1+2", "-2+3", "@SUM(A1)", "=1+1"]


@pytest.fixture
def hostile(monkeypatch: pytest.MonkeyPatch) -> object:
    """An export whose report title and quotes begin like formulas (text from a web page)."""
    from types import SimpleNamespace

    frame = pd.DataFrame({"report": DANGEROUS, "quote": ["- Hỗ trợ 10 cơ sở"] * len(DANGEROUS),
                          "value": [-1.5, 2.0, 3.0, 4.0, 5.0]})
    monkeypatch.setattr(export, "tables", lambda data: {"figures": frame, "checks": frame.head(0),
                                                         "reports": frame[["report"]]})
    return SimpleNamespace(region="x", lang="vi")


def test_text_that_looks_like_a_formula_stays_text_in_the_workbook(hostile: object, tmp_path: Path) -> None:
    [path] = export.write_export(hostile, tmp_path, "xlsx")
    sheet = load_workbook(path).worksheets[0]
    cells = [c for row in sheet.iter_rows(min_row=2) for c in row]
    assert not [c.coordinate for c in cells if c.data_type == "f"]
    assert [c.value for c in cells if c.column == 1] == DANGEROUS  # the text itself is kept
    assert [c.value for c in cells if c.column == 3][0] == -1.5  # numbers stay numbers


def test_text_that_looks_like_a_formula_is_escaped_in_csv(hostile: object, tmp_path: Path) -> None:
    written = export.write_export(hostile, tmp_path, "csv")
    figures = pd.read_csv(next(p for p in written if p.name == "figures.csv"), encoding="utf-8-sig")
    assert list(figures.iloc[:, 0]) == [f"'{text}" for text in DANGEROUS]
    assert set(figures.iloc[:, 1]) == {"'- Hỗ trợ 10 cơ sở"} and figures.iloc[0, 2] == -1.5
    reports = pd.read_csv(next(p for p in written if p.name == "reports.csv"), encoding="utf-8-sig")
    assert not reports.iloc[:, 0].str.match(r"[=+\-@]").any()


def test_a_workbook_that_fails_half_way_leaves_the_previous_one_whole(hostile: object, tmp_path: Path,
                                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    from openpyxl.workbook.workbook import Workbook

    [path] = export.write_export(hostile, tmp_path, "xlsx")
    before = path.read_bytes()

    def broken_save(self: Workbook, target: object) -> None:
        with open(target, "wb") if isinstance(target, (str, Path)) else _keep(target) as fh:
            fh.write(b"PK\x03\x04 half")
        raise OSError("disk full")

    monkeypatch.setattr(Workbook, "save", broken_save)
    with pytest.raises(OSError):
        export.write_export(hostile, tmp_path, "xlsx")
    assert path.read_bytes() == before and [p.name for p in tmp_path.iterdir()] == [path.name]


def _keep(buffer: object) -> object:
    from contextlib import nullcontext
    return nullcontext(buffer)


@pytest.mark.parametrize("damage", ["delete", "truncate"])
def test_an_export_deleted_or_truncated_is_made_again(tmp_path: Path, damage: str) -> None:
    first = build.build_all("export", export.write_export, "phia-nam", "vi", "xlsx", tmp_path, progress=False)
    [path] = first.made
    if damage == "delete":
        path.unlink()
    else:
        path.write_bytes(path.read_bytes()[:100])
    again = build.build_all("export", export.write_export, "phia-nam", "vi", "xlsx", tmp_path, progress=False)
    assert again.made == [path] and again.skipped == 0
    load_workbook(path)  # whole again
    assert build.build_all("export", export.write_export, "phia-nam", "vi", "xlsx", tmp_path,
                           progress=False).skipped == 1
