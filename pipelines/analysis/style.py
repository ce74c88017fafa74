"""One slide style for every chart: theme, colours, figure frame, number axes, notes and files.

Charts are built on ``matplotlib.figure.Figure`` without pyplot, so they render
the same in a kernel, a test or a script. The seaborn theme and the matplotlib
settings below are one theme: seaborn draws the grouped and faceted bars, this
module the frame (title, legend, notes, source line) around them. Files are
reproducible: identical inputs give byte-identical PNG and SVG.
"""

from __future__ import annotations

import io
import math
import textwrap
from pathlib import Path

import numpy as np
import seaborn as sns
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter

from pipelines.analysis import labels
from pipelines.tables.vocabulary import Measure, Program

WIDTH_IN, HEIGHT_IN, DPI = 16, 9, 120  # 1920 × 1080 pixels
INK, MUTED, GRID = "#1f2933", "#7b8794", "#e4e7eb"
ACCENT, OK, BAD = "#c2410c", "#2f855a", "#c53030"
MEASURE_COLOURS = {Measure.BUDGET_PLAN: "#93c5fd", Measure.BUDGET_ALLOCATED: "#3b82f6",
                   Measure.BUDGET_SPENT: "#1e3a8a"}
PROGRAM_COLOURS = {Program.NATIONAL: "#1e3a8a", Program.LOCAL: "#3b82f6", Program.COUNTERPART: "#f59e0b",
                   Program.ALL: "#64748b"}
SERIES = ["#1e3a8a", "#f59e0b", "#0f766e", "#c2410c", "#7c3aed", "#64748b", "#be185d", "#65a30d"]
MAX_COLOURS = len(SERIES)  # a chart never uses more, and never one colour for two series
MISMATCH_HATCH = "//"
# No text under 12 pt: 20 px on the 1920 × 1080 canvas, readable from the back of the room when
# projected. A chart with more than fits at that size shows fewer bars, never smaller letters.
MIN_PT = 12
PNG_COMPRESSION = 1
TITLE_Y, LEGEND_ROW, NOTE_LINE, TEXT_WIDTH = 0.975, 0.042, 0.024, 150

STYLE = {
    "font.family": "DejaVu Sans",  # ships with matplotlib and has every Vietnamese glyph
    "font.size": 18,
    "text.color": INK,
    "axes.labelcolor": INK,
    "axes.edgecolor": MUTED,
    "axes.titlesize": 20,
    "axes.titleweight": "bold",
    "axes.titlelocation": "left",
    "axes.labelsize": 18,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.grid": True,
    "axes.axisbelow": True,
    "grid.color": GRID,
    "xtick.color": INK,
    "ytick.color": INK,
    "xtick.labelsize": 15,
    "ytick.labelsize": 15,
    "legend.fontsize": 16,
    "legend.frameon": False,
    "figure.dpi": DPI,
    "savefig.dpi": DPI,
    "hatch.color": "white",
    # text as text: editable in Inkscape or Illustrator, a sixth of the size and faster to write; it names
    # its font, DejaVu Sans (free, has every Vietnamese glyph: apt-get install fonts-dejavu-core)
    "svg.fonttype": "none",
    "svg.hashsalt": "khuyencong",  # fixed ids inside the SVG: same chart, same bytes
}


class SlideFigure(Figure):
    """A chart Jupyter shows as an image: a Figure made without pyplot has no display of its own,
    so a cell ending in one would print only ``<Figure size 1920x1080 with 1 Axes>``."""

    def _repr_png_(self) -> bytes:
        buffer = io.BytesIO()
        self.savefig(buffer, format="png", dpi=DPI)
        return buffer.getvalue()


def apply_style() -> None:
    """Use the shared slide theme (seaborn's, with the settings above) for every chart drawn after this."""
    sns.set_theme(style="whitegrid", palette=SERIES, rc=STYLE)


def number_axis(ax: Axes, lang: str, axis: str = "x", suffix: str = "") -> None:
    """Tick labels in the language's number format (0,5 in Vietnamese, 0.5 in English)."""
    formatter = FuncFormatter(lambda v, _: labels.number(v, lang, 2) + suffix)
    (ax.xaxis if axis == "x" else ax.yaxis).set_major_formatter(formatter)


def shorten(text: str, limit: int) -> str:
    """Cut ``text`` at a word boundary to at most ``limit`` characters, with an ellipsis."""
    text = " ".join(str(text).split())
    if len(text) <= limit:
        return text
    cut = text[: limit - 1].rsplit(" ", 1)[0] if " " in text[: limit - 1] else text[: limit - 1]
    return cut.rstrip(" ,;:–-") + "…"


def wrap(text: str, width: int, lines: int = 2) -> str:
    """Wrap ``text`` to ``width`` characters on at most ``lines`` lines, the last one shortened."""
    parts = textwrap.wrap(" ".join(str(text).split()), width)
    if len(parts) > lines:
        parts = parts[: lines - 1] + [shorten(" ".join(parts[lines - 1:]), width)]
    return "\n".join(parts)


# a longer title gets a smaller font before it is ever cut: (characters that fit, font size)
TITLE_CHARS = ((72, 26), (86, 22), (100, 19))


def title_size(title: str) -> int:
    """The largest title font at which ``title`` fits the width of the slide."""
    return next((size for chars, size in TITLE_CHARS if len(title) <= chars), TITLE_CHARS[-1][1])


def new_figure(title: str, foot: list[str], nrows: int = 1, ncols: int = 1, mosaic: list[list[str]] | None = None,
               **grid: object) -> tuple[Figure, np.ndarray | dict[str, Axes]]:
    """A 16×9 inch figure with title, foot lines (notes, then the source) and a grid of axes
    (always a 2-D array), or the named axes of ``mosaic``."""
    apply_style()
    fig = SlideFigure(figsize=(WIDTH_IN, HEIGHT_IN), dpi=DPI, layout="constrained")
    fig.text(0.01, TITLE_Y, shorten(title, TITLE_CHARS[-1][0]), fontsize=title_size(title), fontweight="bold",
             va="top")
    text = "\n".join(wrap(line, TEXT_WIDTH, 3) for line in foot if line)
    if text:
        fig.text(0.01, 0.012, text, fontsize=13, color=MUTED, ha="left", va="bottom")
    bottom = 0.02 + NOTE_LINE * (text.count("\n") + 1 if text else 0)
    fig.get_layout_engine().set(rect=(0, bottom, 1, 0.92 - bottom), h_pad=0.1, w_pad=0.15)
    if mosaic is not None:
        return fig, fig.subplot_mosaic(mosaic, empty_sentinel="", **grid)
    return fig, fig.subplots(nrows, ncols, squeeze=False, **grid)


def add_legend(fig: Figure, handles: list, names: list[str], ncols: int = 4) -> None:
    """A legend right under the title; the axes move down to make room for it."""
    if not names:
        return
    ncols = min(ncols, len(names))
    fig.legend(handles, [wrap(n, 36) for n in names], loc="upper left", bbox_to_anchor=(0.005, 0.925),
               ncols=ncols, handlelength=1.2)
    engine = fig.get_layout_engine()
    left, bottom, width, height = engine.get()["rect"]
    engine.set(rect=(left, bottom, width, height - LEGEND_ROW * math.ceil(len(names) / ncols)))


def legend_from_axes(fig: Figure, axes: np.ndarray, order: list[str] | None = None, ncols: int = 4) -> None:
    """One legend with every series drawn on any panel, in ``order`` (else first seen)."""
    seen: dict[str, object] = {}
    for ax in np.ravel(axes):
        for handle, label in zip(*ax.get_legend_handles_labels()):
            seen.setdefault(label, handle)
        if ax.get_legend() is not None:
            ax.get_legend().remove()
    names = sorted(seen, key=lambda n: order.index(n) if order and n in order else len(order or ()))
    add_legend(fig, [seen[n] for n in names], names, ncols)


def save(fig: Figure, out_dir: Path, name: str) -> tuple[Path, Path]:
    """Write ``<name>.png`` (1920×1080) and ``<name>.svg`` into ``out_dir``, without timestamps."""
    apply_style()  # svg.hashsalt must hold when the SVG is written
    out_dir.mkdir(parents=True, exist_ok=True)
    png, svg = out_dir / f"{name}.png", out_dir / f"{name}.svg"
    # the least zlib effort: the same pixels, about a tenth larger, written faster
    fig.savefig(png, dpi=DPI, metadata={"Software": None}, pil_kwargs={"compress_level": PNG_COMPRESSION})
    fig.set_layout_engine("none")  # keep the layout found for the PNG: the SVG is not laid out again
    fig.savefig(svg, metadata={"Date": None, "Creator": None})
    return png, svg


def say_missing(ax: Axes, text: str) -> None:
    """Replace an axes by a sentence saying what is missing."""
    ax.set_axis_off()
    ax.text(0.5, 0.5, textwrap.fill(text, 60), ha="center", va="center", fontsize=26, color=MUTED,
            transform=ax.transAxes)
