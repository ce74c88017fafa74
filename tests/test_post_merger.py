"""End to end: a report written after 1 July 2025 flows with data/raw to the new unit's views and charts."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from pipelines import paths
from pipelines.analysis import charts, talk, units, views
from pipelines.running import batch
from pipelines.tables import regions, store

pytestmark = pytest.mark.slow
FIXTURE = Path(__file__).parent / "fixtures" / "post_merger"


def khuyencong(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "pipelines", *args], capture_output=True, text=True, timeout=300)


@pytest.fixture(scope="module")
def processed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    raw = tmp_path_factory.mktemp("raw")
    for source in [*paths.RAW_DIR.iterdir(), *FIXTURE.glob("*.txt")]:
        shutil.copy(source, raw / source.name)
    out = raw.parent / "processed"
    proc = khuyencong("ingest", "--raw", str(raw), "--out", str(out), "--quiet", "--overrides", str(paths.OVERRIDES))
    assert proc.returncode == 0, proc.stderr
    return out


def test_the_post_merger_report_is_about_the_new_unit(processed: Path) -> None:
    documents = store.load("documents", processed)
    assert documents.loc[documents["published"] == "2026-01-12", "region_id"].tolist() == ["bac-ninh-2025"]
    facts = store.load("facts", processed)
    theirs = facts[facts["doc_id"].isin(documents.loc[documents["published"] == "2026-01-12", "doc_id"])]
    # "tỉnh Bắc Ninh cũ" in 2023 stays the former province; the rest is the unit's
    assert set(theirs.loc[theirs["period_start"] < "2025-07", "region_id"]) == {"bac-ninh"}
    assert set(theirs.loc[theirs["period_start"] >= "2025-07", "region_id"]) == {"bac-ninh-2025"}


def test_the_new_unit_has_one_series_across_the_merger(processed: Path, tmp_path: Path) -> None:
    facts, known = units.apply("2025", store.load("facts", processed), regions.known_regions())
    budgets = views.budgets(views.scope(facts, "bac-ninh-2025", known))
    bars = {(r.period_start, r.period_end, r.program, r.measure, r.source_region): r.value_bn
            for r in budgets.itertuples()}
    assert bars == {
        ("2023-01", "2023-12", "local", "budget_spent", "bac-ninh-2025"): pytest.approx(7.3),  # 3,2 + 4,1 tỷ
        ("2023-01", "2023-12", "national", "budget_spent", "bac-giang"): pytest.approx(3.2),  # no part of the other
        ("2024-01", "2024-12", "local", "budget_plan", "bac-giang"): pytest.approx(3.5),
        ("2025-07", "2025-12", "local", "budget_spent", "bac-ninh-2025"): pytest.approx(6.8),
        ("2026-01", "2026-12", "local", "budget_plan", "bac-ninh-2025"): pytest.approx(12.5),
    }
    total = facts[(facts["region_id"] == "bac-ninh-2025") & (facts["method"] == units.SUM_METHOD)]
    assert total["parts"].tolist() == ["bac-giang,bac-ninh"] and "3,2 tỷ đồng" in total["quote"].iloc[0]
    documents = store.load("documents", processed)
    ctx = charts.Context("bac-ninh-2025", "vi", documents, tmp_path, regions.region_names(known))
    figure = charts.funding_over_time(budgets, ctx)
    ticks = {tick.get_text() for ax in figure.axes for tick in ax.get_yticklabels()}
    # a bar says which former provinces it adds up, and which a part drawn alone lacks
    assert {"2023 · Bắc Giang (cũ) · thiếu Bắc Ninh", "2023 · Bắc Ninh (mới) = Bắc Giang + Bắc Ninh"} <= ticks


def test_the_province_view_of_2024_is_unchanged(processed: Path) -> None:
    facts, known = units.apply("2024", store.load("facts", processed), regions.known_regions())
    assert set(views.scope(facts, "bac-giang", known)["region_id"]) == {"bac-giang"}
    assert "bac-ninh-2025" in set(views.scope(facts, "phia-bac", known)["source_region"])


def test_the_batch_of_2025_runs_units_not_former_provinces(processed: Path, tmp_path: Path) -> None:
    runs = batch.plan("all", "funding_trends", "vi", processed, tmp_path / "r", tmp_path / "f", paths.NOTEBOOKS_DIR,
                      paths.REFERENCE_DIR, {"units": "2025"})
    assert {run.region for run in runs} == {"ca-nuoc", "phia-bac", "phia-nam", "mien-trung-tay-nguyen",
                                            "bac-ninh-2025", "dak-lak-2025", "quang-tri-2025"}


def test_notebooks_resolve_region_names_and_suggest_ids(tmp_path: Path) -> None:
    proc = khuyencong("notebooks", "--region", "lam dongg", "--units", "2025")
    assert proc.returncode == 2 and "did you mean lam-dong, lam-dong-2025" in proc.stderr


def test_the_notebook_draws_the_new_unit_with_its_former_parts(processed: Path, tmp_path: Path) -> None:
    result = batch.run_batch(region="bac-ninh-2025", notebook="funding_trends", jobs=1, processed=processed,
                             parameters={"units": "2025"}, reports_dir=tmp_path / "reports",
                             figures_dir=tmp_path / "figures", progress=False)
    assert not result.failed, [o.detail for o in result.failed]
    png, _ = talk.chart("funding-over-time").files(tmp_path / "figures" / "vi", "bac-ninh-2025")
    assert png.stat().st_size > 0
    executed = (tmp_path / "reports" / "vi" / "bac-ninh-2025" / "funding_trends.ipynb").read_text(encoding="utf-8")
    assert 'units = \\"2025\\"' in executed
    assert "Bắc Giang (cũ)" in executed  # the former part is named in the table
