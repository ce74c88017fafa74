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


def test_a_chart_shows_as_an_image_in_jupyter() -> None:
    spent = explore.figures(province="Đắk Lắk", measure="budget_spent")
    fig = explore.chart(spent, x="period", y="value", hue="program")
    png = fig._repr_png_()  # what IPython's display formatter asks a figure for
    assert png.startswith(b"\x89PNG") and len(png) > 10_000


def test_an_empty_selection_says_what_there_is_nearby() -> None:
    empty = explore.figures(province="Đắk Lắk", measure="budget_spent", year=2023)
    assert empty.empty
    assert "2012–2022" in empty.nearby and "Không có số liệu" in empty.nearby
    assert empty.nearby in repr(empty) and "2012–2022" in empty._repr_html_()
    # another measure of the same place and year, and the region the province is part of
    measures = explore.figures(province="Bắc Giang", measure="budget_allocated", year=2023, lang="en")
    assert measures.empty and "other measures" in measures.nearby and "Spent" in measures.nearby
    parent = explore.figures(province="Kiên Giang", year=2024, measure="budget_plan", lang="en")
    assert parent.empty and "Southern region" in parent.nearby and "2024 plan" in parent.nearby
    assert explore.figures(province="Đắk Lắk").nearby == ""  # a selection with figures needs no hint


@pytest.mark.slow
def test_the_starter_notebook_executed_in_a_kernel_shows_its_chart(tmp_path) -> None:
    import papermill as pm

    out = tmp_path / "explore.ipynb"
    pm.execute_notebook(str(NOTEBOOK), str(out), kernel_name="python3", cwd=str(NOTEBOOK.parent), progress_bar=False)
    outputs = [o for cell in nbformat.read(out, as_version=4).cells if cell.cell_type == "code" for o in cell.outputs]
    images = [o for o in outputs if "image/png" in o.get("data", {})]
    assert len(images) == 1
    assert not any("<Figure size" in o.get("data", {}).get("text/plain", "") and "image/png" not in o.get("data", {})
                   for o in outputs)
