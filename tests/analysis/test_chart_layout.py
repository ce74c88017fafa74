"""No text outside the canvas: every chart, every region with figures, both languages, fixture and real tables."""

from __future__ import annotations

from pathlib import Path

import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.text import Text

from pipelines import paths
from pipelines.analysis import labels, style, talk
from pipelines.tables.regions import ALL, ancestors

TOLERANCE_PX = 1.0


def regions_with_figures(tables: talk.Tables) -> list[str]:
    places = {r for region in tables.facts["region_id"].unique() for r in ancestors(region, tables.known)}
    return [ALL, *sorted(places)]


def clipped_texts(fig: Figure) -> list[str]:
    """Every visible text whose drawn extent leaves the figure, with where it lies."""
    renderer = FigureCanvasAgg(fig).get_renderer()
    fig.draw(renderer)
    width, height = fig.bbox.width, fig.bbox.height
    out = []
    for text in fig.findobj(lambda a: isinstance(a, Text) and a.get_visible() and a.get_text().strip()):
        box = text.get_window_extent(renderer)
        if (box.x0 < -TOLERANCE_PX or box.y0 < -TOLERANCE_PX or box.x1 > width + TOLERANCE_PX
                or box.y1 > height + TOLERANCE_PX):
            out.append(f"{text.get_text()!r} at {box.bounds}")
    return out


def check_tables(tables: talk.Tables) -> list[str]:
    problems = []
    for lang in labels.LANGS:
        for region in regions_with_figures(tables):
            ctx = talk.context(tables, region, lang)
            for chart in talk.CHARTS:
                fig = chart.draw(chart.data(tables, region, lang), ctx)
                problems += [f"{lang}/{region}/{chart.name}: {p}" for p in clipped_texts(fig)]
    return problems


def test_fixture_charts_keep_every_text_inside_the_figure(tables_dir: Path) -> None:
    assert check_tables(talk.load_tables(tables_dir)) == []


@pytest.mark.skipif(not (paths.PROCESSED_DIR / "facts.parquet").exists(), reason="no data/processed tables")
def test_real_charts_keep_every_text_inside_the_figure() -> None:
    assert check_tables(talk.load_tables(paths.PROCESSED_DIR)) == []


def test_the_check_catches_a_title_off_the_canvas() -> None:
    fig, _ = style.new_figure("t", [])
    fig.text(0.9, 0.5, "một dòng chữ rất dài chạy ra ngoài khung hình")
    assert len(clipped_texts(fig)) == 1
