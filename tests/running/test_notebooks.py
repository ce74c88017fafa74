"""The committed notebooks, and running them through the batch end to end."""

from __future__ import annotations

from pathlib import Path

import nbformat
import pytest
from matplotlib.image import imread

from pipelines.analysis import talk
from pipelines import paths
from pipelines.running.batch import run_batch
from pipelines.running.execute import execute_all
from pipelines.running.plan import KERNEL, Run, notebook_parameters, notebook_sources

NOTEBOOKS = list(notebook_sources(paths.NOTEBOOKS_DIR).values())  # explore.ipynb: tests/publishing
CHARTS = {name: talk.charts_of(notebook=name) for name in ("funding_trends", "regional_performance", "data_quality")}


def test_the_three_notebooks_are_committed() -> None:
    assert {p.stem for p in NOTEBOOKS} == set(CHARTS)


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_committed_notebooks_have_no_outputs_and_a_parameters_cell(path: Path) -> None:
    nb = nbformat.read(path, as_version=4)
    nbformat.validate(nb)
    for cell in nb.cells:
        if cell.cell_type == "code":
            assert cell.outputs == [] and cell.execution_count is None, cell.source[:40]
    tagged = [c for c in nb.cells if "parameters" in c.metadata.get("tags", [])]
    assert len(tagged) == 1
    assert {"region", "lang"} <= set(notebook_parameters(path))
    assert nb.metadata.kernelspec.name == KERNEL


@pytest.fixture(scope="module")
def first_batch(tables_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> dict:  # noqa: F811
    out = tmp_path_factory.mktemp("batch")
    kwargs = {"region": "mien-trung-tay-nguyen", "jobs": 2, "processed": tables_dir, "reports_dir": out / "reports",
              "figures_dir": out / "figures", "progress": False}
    return {"result": run_batch(**kwargs), "kwargs": kwargs, "out": out}


def chart(folder: Path, name: str) -> Path:
    """A chart by name wherever the chart module files it under ``folder``."""
    found = sorted(folder.rglob(f"*{name}.png"))
    assert found, f"no {name}.png under {folder}"
    return found[0]


@pytest.mark.slow
def test_every_notebook_runs_for_one_region_with_charts_and_reports(first_batch: dict) -> None:
    assert not first_batch["result"].failed, [o.detail for o in first_batch["result"].failed]
    out = first_batch["out"]
    for notebook, charts in CHARTS.items():
        for c in charts:
            png, _ = c.files(out / "figures" / "vi", "mien-trung-tay-nguyen")
            assert imread(png).shape[:2] == (1080, 1920), png
            assert png.with_suffix(".svg").exists()
        page = (out / "reports" / "vi" / "mien-trung-tay-nguyen" / f"{notebook}.html").read_text(encoding="utf-8")
        assert "catalog.load" not in page and "<img" in page  # code hidden, charts shown
        assert '<html lang="vi">' in page and 'href="../index.html"' in page
        assert 'href="../phia-nam/' not in page  # no link to a region whose page was not written
    index = (out / "reports" / "vi" / "index.html").read_text(encoding="utf-8")
    assert 'href="mien-trung-tay-nguyen/funding_trends.html"' in index


@pytest.mark.slow
def test_a_second_batch_with_nothing_changed_skips_every_run(first_batch: dict) -> None:
    result = run_batch(**first_batch["kwargs"])
    assert result.count("skipped") == 3 and not result.failed


@pytest.mark.slow
def test_a_run_whose_output_was_damaged_runs_again(first_batch: dict) -> None:
    page = first_batch["out"] / "reports" / "vi" / "mien-trung-tay-nguyen" / "data_quality.html"
    page.write_bytes(page.read_bytes()[:100])
    result = run_batch(**first_batch["kwargs"])
    assert [o.run.notebook for o in result.outcomes if o.status == "ok"] == ["data_quality"]
    assert len(page.read_bytes()) > 1000


@pytest.mark.slow
def test_english_outputs_sit_beside_the_vietnamese_ones(first_batch: dict) -> None:
    out = first_batch["out"]
    vi_page = out / "reports" / "vi" / "mien-trung-tay-nguyen" / "funding_trends.html"
    before = vi_page.read_bytes()
    result = run_batch(**{**first_batch["kwargs"], "lang": "en", "notebook": "funding_trends"})
    assert not result.failed
    assert vi_page.read_bytes() == before
    assert '<html lang="en">' in (out / "reports" / "en" / "mien-trung-tay-nguyen" / "funding_trends.html").read_text()
    assert chart(out / "figures" / "en" / "mien-trung-tay-nguyen", "funding-over-time")
    assert chart(out / "figures" / "vi" / "mien-trung-tay-nguyen", "funding-over-time")


@pytest.mark.slow
def test_every_notebook_runs_for_all_regions_together_in_english(tables_dir: Path, tmp_path: Path) -> None:  # noqa: F811
    runs = [Run(path.stem, "all", "en", path, {"region": "all", "lang": "en", "processed_dir": str(tables_dir),
                                               "figures_dir": str(tmp_path / "figures")},
                tmp_path / "reports" / "all" / f"{path.stem}.ipynb", "-") for path in NOTEBOOKS]
    outcomes = execute_all(runs, workers=2, progress=False)
    assert [o.status for o in outcomes] == ["ok"] * 3, [o.detail for o in outcomes]
    for charts in CHARTS.values():
        for c in charts:
            assert imread(c.files(tmp_path / "figures", "all")[0]).shape[:2] == (1080, 1920)


@pytest.mark.slow
def test_a_notebook_run_by_hand_with_papermill_writes_where_the_batch_does(tables_dir: Path, tmp_path: Path) -> None:
    """No figures_dir given, as an analyst runs it: charts go to figures/<lang>/<region>/, as the batch puts them."""
    import os
    import shutil
    import subprocess
    import sys

    shutil.copytree(paths.REFERENCE_DIR, tmp_path / "data" / "reference")
    env = {**os.environ, "KHUYENCONG_ROOT": str(tmp_path)}
    source = paths.NOTEBOOKS_DIR / "funding_trends.ipynb"
    subprocess.run([str(Path(sys.executable).parent / "papermill"), str(source), str(tmp_path / "out.ipynb"),
                    "-p", "region", "dak-lak", "-p", "lang", "en", "-p", "processed_dir", str(tables_dir),
                    "-k", KERNEL, "--no-progress-bar", "--cwd", str(paths.NOTEBOOKS_DIR)],
                   env=env, check=True, capture_output=True, timeout=300)
    batch_place, _ = talk.chart("funding-mix").files(tmp_path / "figures" / "en", "dak-lak")
    assert batch_place.exists()
    assert not (tmp_path / "figures" / "dak-lak").exists()
