"""No text outside the canvas (nor a card's text outside its card) and none too small to read when
projected: every chart, every region with figures, both languages, fixture and real tables."""

from __future__ import annotations

from pathlib import Path

import pytest
from matplotlib.figure import Figure
from matplotlib.axis import Tick
from matplotlib.patches import FancyBboxPatch
from matplotlib.transforms import Bbox
from matplotlib.text import Text

from pipelines import paths
from pipelines.analysis import labels, style, talk
from pipelines.tables.regions import ALL, ancestors

TOLERANCE_PX = 1.0
MIN_TEXT_PX = 20  # on the 1920 × 1080 canvas: readable from the back of the room


def regions_with_figures(tables: talk.Tables) -> list[str]:
    places = {r for region in tables.facts["region_id"].unique() for r in ancestors(region, tables.known)}
    return [ALL, *sorted(places)]


def clipped_texts(fig: Figure) -> list[str]:
    """Every drawn text whose extent leaves the figure: titles, notes, legends, card text, and each
    axes' drawn tick labels (ticks beyond an axis' limits exist but are not drawn)."""
    fig.draw_without_rendering()  # lays out and places every text, without painting pixels
    renderer = fig._get_renderer()
    ticks = {id(label) for tick in fig.findobj(Tick) for label in (tick.label1, tick.label2)}
    boxes = [(repr(t.get_text()), t.get_window_extent(renderer))
             for t in fig.findobj(lambda a: isinstance(a, Text) and a.get_visible() and a.get_text().strip())
             if id(t) not in ticks]
    boxes += [(f"ticks of axes {ax.get_title('left')!r}", ax.get_tightbbox(renderer)) for ax in fig.axes if ax.axison]
    outside = [f"{name} at {tuple(round(v) for v in box.extents)}" for name, box in boxes
               if not _inside(box, fig.bbox)]
    for ax in fig.axes:  # card text stays inside its card
        for card in (p for p in ax.patches if isinstance(p, FancyBboxPatch)):
            outside += [f"{t.get_text()!r} outside its card" for t in ax.texts
                        if not _inside(t.get_window_extent(renderer), card.get_window_extent(renderer))]
    return outside


def small_texts(fig: Figure) -> list[str]:
    """Every drawn text whose rendered size is under ``MIN_TEXT_PX``: the height of its font's em
    on the 1920 × 1080 canvas, measured through the renderer (points to pixels at the figure's dpi),
    so titles, notes, legends, tick labels, bar labels and card text are all held to it."""
    if fig.stale:  # not laid out yet (``clipped_texts`` lays it out)
        fig.draw_without_rendering()
    renderer = fig._get_renderer()
    small = []
    for text in fig.findobj(lambda a: isinstance(a, Text) and a.get_visible() and a.get_text().strip()):
        if text.axes is not None and text in _hidden_ticks(text.axes):
            continue
        height = renderer.points_to_pixels(text.get_fontsize())
        if height < MIN_TEXT_PX - 0.01:
            small.append(f"{text.get_text()[:40]!r} is {height:.1f} px")
    return small


def _hidden_ticks(ax: object) -> set:
    """Tick labels outside the axis' limits: they exist but are not drawn."""
    hidden = set()
    for axis, (low, high) in ((ax.xaxis, sorted(ax.get_xlim())), (ax.yaxis, sorted(ax.get_ylim()))):
        for tick in axis.get_major_ticks() + axis.get_minor_ticks():
            if not low - 1e-9 <= tick.get_loc() <= high + 1e-9:
                hidden |= {tick.label1, tick.label2}
    return hidden


def _inside(box: Bbox, frame: Bbox) -> bool:
    return (box.x0 >= frame.x0 - TOLERANCE_PX and box.y0 >= frame.y0 - TOLERANCE_PX
            and box.x1 <= frame.x1 + TOLERANCE_PX and box.y1 <= frame.y1 + TOLERANCE_PX)


def check_tables(tables: talk.Tables, langs: tuple[str, ...] = labels.LANGS) -> list[str]:
    problems = []
    for lang in langs:
        for region in regions_with_figures(tables):
            ctx = talk.context(tables, region, lang)
            for chart in talk.CHARTS:
                fig = chart.draw(chart.data(tables, region, lang), ctx)
                problems += [f"{lang}/{region}/{chart.name}: {p}" for p in clipped_texts(fig) + small_texts(fig)]
    return problems


@pytest.mark.slow
def test_fixture_charts_keep_every_text_inside_the_figure_and_readable(tables_dir: Path) -> None:
    assert check_tables(talk.load_tables(tables_dir)) == []


@pytest.mark.slow
@pytest.mark.skipif(not (paths.PROCESSED_DIR / "facts.parquet").exists(), reason="no data/processed tables")
def test_real_charts_keep_every_text_inside_the_figure_and_readable() -> None:
    assert check_tables(talk.load_tables(paths.PROCESSED_DIR)) == []


@pytest.mark.slow
@pytest.mark.skipif(not (paths.PROCESSED_DIR / "facts.parquet").exists(), reason="no data/processed tables")
def test_real_charts_of_the_2025_units_keep_every_text_inside_the_figure_and_readable() -> None:
    """With units 2025 a merged unit's charts carry a note on the former provinces they lack."""
    problems = []
    for lang in labels.LANGS:
        problems += check_tables(talk.load_tables(paths.PROCESSED_DIR, units="2025", lang=lang), (lang,))
    assert problems == []


@pytest.mark.filterwarnings("ignore:constrained_layout not applied")  # the long label is meant to break it
def test_the_check_catches_a_title_off_the_canvas() -> None:
    fig, axes = style.new_figure("t", [])
    fig.text(0.9, 0.5, "một dòng chữ rất dài chạy ra ngoài khung hình")
    assert len(clipped_texts(fig)) == 1
    axes[0, 0].set_yticks([0], ["một nhãn trục rất dài " * 7])
    assert len(clipped_texts(fig)) == 2
    card, _ = style.new_figure("t", [])
    ax = card.axes[0]
    ax.add_patch(FancyBboxPatch((0.1, 0.1), 0.2, 0.2, boxstyle="square,pad=0", transform=ax.transAxes))
    ax.text(0.15, 0.2, "VND 76.482 billion, far wider than its card", transform=ax.transAxes)
    assert clipped_texts(card) == ["'VND 76.482 billion, far wider than its card' outside its card"]


def test_the_check_catches_small_text() -> None:
    fig, axes = style.new_figure("t", [])
    assert small_texts(fig) == []
    fig.text(0.5, 0.5, "chữ nhỏ", fontsize=11)  # 18.3 px at 120 dpi
    axes[0, 0].set_yticks([0], ["nhãn"], fontsize=9)
    assert len(small_texts(fig)) == 2
