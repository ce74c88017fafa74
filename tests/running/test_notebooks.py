"""The committed notebooks, and running them through the batch end to end."""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

import nbformat
import pytest
from matplotlib.image import imread

from pipelines.analysis import talk
from pipelines.running import batch
from pipelines import paths

NOTEBOOKS = list(batch.notebook_sources(paths.NOTEBOOKS_DIR).values())  # explore.ipynb: tests/publishing
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
    assert {"region", "lang"} <= set(batch.notebook_parameters(path))
    assert nb.metadata.kernelspec.name == batch.KERNEL


@pytest.fixture(scope="module")
def first_batch(tables_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> dict:  # noqa: F811
    out = tmp_path_factory.mktemp("batch")
    kwargs = {"region": "mien-trung-tay-nguyen", "jobs": 2, "processed": tables_dir, "reports_dir": out / "reports",
              "figures_dir": out / "figures", "progress": False}
    return {"code": batch.run_batch(**kwargs), "kwargs": kwargs, "out": out}


@pytest.mark.slow
def test_every_notebook_runs_for_one_region_with_charts_and_reports(first_batch: dict) -> None:
    assert first_batch["code"] == 0
    out = first_batch["out"]
    for notebook, charts in CHARTS.items():
        for chart in charts:
            png, _ = chart.files(out / "figures", "mien-trung-tay-nguyen")
            assert imread(png).shape[:2] == (1080, 1920), png
            assert png.with_suffix(".svg").exists()
        page = (out / "reports" / "mien-trung-tay-nguyen" / f"{notebook}.html").read_text(encoding="utf-8")
        assert "catalog.load" not in page and "<img" in page  # code hidden, charts shown
    index = (out / "reports" / "index.html").read_text(encoding="utf-8")
    assert 'href="mien-trung-tay-nguyen/funding_trends.html"' in index


@pytest.mark.slow
def test_a_second_batch_with_nothing_changed_skips_every_run(first_batch: dict,
                                                             capsys: pytest.CaptureFixture) -> None:
    capsys.readouterr()
    started = time.perf_counter()
    assert batch.run_batch(**first_batch["kwargs"]) == 0
    assert time.perf_counter() - started < 1.0
    assert "0 ran, 3 up to date, 0 failed" in capsys.readouterr().out


@pytest.mark.slow
def test_every_notebook_runs_for_all_regions_together_in_english(tables_dir: Path, tmp_path: Path) -> None:  # noqa: F811
    runs = [batch.Run(path.stem, "all", path, {"region": "all", "lang": "en", "processed_dir": str(tables_dir),
                                               "figures_dir": str(tmp_path / "figures")},
                      tmp_path / "reports" / "all" / f"{path.stem}.ipynb", "-") for path in NOTEBOOKS]
    outcomes = batch.execute_all(runs, jobs=2, progress=False)
    assert [o.status for o in outcomes] == ["ok"] * 3, [o.detail for o in outcomes]
    for charts in CHARTS.values():
        for chart in charts:
            assert imread(chart.files(tmp_path / "figures", "all")[0]).shape[:2] == (1080, 1920)


def tiny_notebook(path: Path, body: str) -> None:
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    parameters = nbformat.v4.new_code_cell('region = "all"\nlang = "vi"\nprocessed_dir = ""\nfigures_dir = ""')
    parameters.metadata["tags"] = ["parameters"]
    nb.cells = [parameters, nbformat.v4.new_code_cell("x = 1"), nbformat.v4.new_code_cell(body)]
    nbformat.write(nb, path)


@pytest.mark.slow
def test_a_failing_run_is_reported_and_does_not_stop_the_others(tables_dir: Path, tmp_path: Path,  # noqa: F811
                                                                capsys: pytest.CaptureFixture) -> None:
    notebooks = tmp_path / "notebooks"
    notebooks.mkdir()
    tiny_notebook(notebooks / "boom.ipynb", "1 / 0")
    tiny_notebook(notebooks / "where.ipynb", "import sys, pathlib\n"
                  "pathlib.Path(figures_dir, 'python.json').write_text(__import__('json').dumps(sys.executable))")
    code = batch.run_batch(region="dak-lak", processed=tables_dir, notebooks_dir=notebooks,
                           reports_dir=tmp_path / "reports", figures_dir=tmp_path, progress=False)
    assert code == 1
    out = capsys.readouterr().out
    boom = next(line for line in out.splitlines() if "boom" in line)
    assert "failed" in boom and "In [4] (cell 4 of the executed notebook): ZeroDivisionError: division by zero" in boom
    assert "boom.ipynb" in boom  # where to look
    assert next(line for line in out.splitlines() if "where" in line).split()[2] == "ok"
    # the kernel is the project's own Python
    assert Path(json.loads((tmp_path / "python.json").read_text())).parent == Path(sys.executable).parent
    assert (tmp_path / "reports" / "dak-lak" / "boom.ipynb").exists()
    assert not (tmp_path / "reports" / "dak-lak" / "boom.run.json").exists()
