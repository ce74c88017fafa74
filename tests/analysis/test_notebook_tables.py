"""The notebooks end to end: charts where the registry puts them, tables in the reader's words."""

from __future__ import annotations

from pathlib import Path

import nbformat
import papermill as pm
import pytest

from pipelines import paths
from pipelines.analysis import talk
from pipelines.running.batch import KERNEL


@pytest.mark.slow
def test_regional_performance_shows_charts_and_readable_tables(tables_dir: Path, tmp_path: Path) -> None:
    out = tmp_path / "regional_performance.ipynb"
    pm.execute_notebook(str(paths.NOTEBOOKS_DIR / "regional_performance.ipynb"), str(out), kernel_name=KERNEL,
                        parameters={"region": "phia-nam", "lang": "vi", "processed_dir": str(tables_dir),
                                    "figures_dir": str(tmp_path / "figures")}, progress_bar=False)
    for chart in talk.charts_of(notebook="regional_performance"):
        assert all(f.exists() for f in chart.files(tmp_path / "figures", "phia-nam")), chart.name
    html = "".join(o.get("data", {}).get("text/html", "") for cell in nbformat.read(out, as_version=4).cells
                   for o in cell.get("outputs", []))
    assert "<th>Chỉ tiêu</th>" in html and "Tỷ lệ phân bổ so với kế hoạch" in html and "27,7% ⚠" in html
    assert "<mark>" in html and 'href="../../sources/2024-phia-nam.html#' in html
    assert "execution_pct" not in html and "allocated_pct" not in html
