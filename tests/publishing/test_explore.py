"""The exploring helpers and the starter notebook that uses them."""

from __future__ import annotations

import nbformat
import pytest
from matplotlib.figure import Figure

from pipelines import paths
from pipelines.publishing import explore
from pipelines.running import batch

NOTEBOOK = paths.NOTEBOOKS_DIR / "explore.ipynb"


def test_tables_load_by_name() -> None:
    assert {"fact_id", "quote", "review_state"} <= set(explore.table("facts").columns)
    with pytest.raises(ValueError, match="valid: documents, facts"):
        explore.table("fact")


def test_one_helper_filters_by_place_year_programme_and_measure() -> None:
    spent = explore.figures(province="dak lak", measure="budget_spent")
    assert set(spent["place"]) == {"Đắk Lắk"} and set(spent["measure"]) == {"Đã thực hiện"}
    assert spent.loc[spent["program"] == "Mọi nguồn", "value"].tolist() == [pytest.approx(76.482)]  # tỷ đồng
    local = explore.figures(province="Khu vực phía Nam", year=2024, program="Local programme", lang="en")
    assert set(local["program"]) == {"Local programme"} and set(local["place"]) == {"Southern region"}
    assert local["period"].str.contains("2024").all()
    assert {59.0, 25.3, 27.7} <= set(local["value"].round(3))
    # a multi-year total counts for a year inside it; a region includes its provinces
    assert "2012–2022" in set(explore.figures(province="dak-lak", year=2015)["period"])
    assert "Đắk Lắk" in set(explore.figures(province="mien-trung-tay-nguyen")["place"])


def test_filters_say_what_is_valid() -> None:
    with pytest.raises(ValueError, match="unknown place"):
        explore.figures(province="Atlantis")
    with pytest.raises(ValueError, match="budget_plan"):
        explore.figures(measure="budget")


def test_a_chart_in_the_house_style_in_one_call() -> None:
    spent = explore.figures(province="Đắk Lắk", measure="budget_spent")
    fig = explore.chart(spent, x="period", y="value", hue="program", title="Kinh phí đã thực hiện – Đắk Lắk")
    assert isinstance(fig, Figure) and tuple(fig.get_size_inches()) == (16, 9)
    texts = [t.get_text() for t in fig.texts]
    assert "Kinh phí đã thực hiện – Đắk Lắk" in texts and any(t.startswith("Nguồn: Hoạt động Khuyến công") for t in texts)
    labels = {t.get_text() for t in fig.axes[0].texts}
    assert {"76,482", "57,529", "15,167", "3,786"} <= labels


def test_the_starter_notebook_is_clean_runs_and_is_not_in_the_batch() -> None:
    nb = nbformat.read(NOTEBOOK, as_version=4)
    code = [c for c in nb.cells if c.cell_type == "code"]
    assert all(c.outputs == [] and c.execution_count is None for c in code)
    assert "explore" not in batch.notebook_sources(paths.NOTEBOOKS_DIR)
    namespace: dict = {}
    for cell in code:  # what a reader runs, top to bottom, without a kernel
        exec(compile(cell.source, str(NOTEBOOK), "exec"), namespace)
    assert isinstance(namespace["fig"], Figure) and not namespace["spent"].empty
