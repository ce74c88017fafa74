"""Data-quality charts: what the tables cover, what the cross-checks find, what was rejected and why.

Drawn in the shared style (``style``) with the same source line as the conference charts.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator

from pipelines.analysis import labels, style
from pipelines.analysis.charts import PROGRAM_ORDER
from pipelines.analysis.context import Context, missing_figure
from pipelines.analysis.style import BAD, OK, SERIES
from pipelines.tables.schema import MEASURES


def check_errors(checks: pd.DataFrame, ctx: Context) -> Figure:
    """How far each stated figure is from the one recomputed from the report's other figures."""
    if checks.empty:
        return missing_figure(ctx, "title.checks", "what.checks")
    fig, ax, data = _bars_frame(checks, ctx, "title.checks")
    y = np.arange(len(data))
    bars = ax.barh(y, data["rel_error"] * 100, 0.6, color=[BAD if s == "mismatch" else OK for s in data["status"]])
    for bar, status in zip(bars, data["status"]):
        if status == "mismatch":
            bar.set(hatch=style.MISMATCH_HATCH, edgecolor=BAD)
    for i, row in data.iterrows():
        ax.text(row.rel_error * 100, i, f"  {labels.number(row.rel_error * 100, ctx.lang, 2)}% · "
                f"{labels.t(f'status.{row.status}', ctx.lang)}", va="center", fontsize=14)
    ax.set_yticks(y, [_check_label(r, ctx) for r in data.itertuples()], fontsize=12)
    ax.set_xlabel(labels.t("checks.error", ctx.lang))
    ax.set_xlim(0, max(1.0, data["rel_error"].max() * 100 * 1.6))
    style.number_axis(ax, ctx.lang)
    ax.grid(axis="y", visible=False)
    return fig


def _check_label(row: object, ctx: Context) -> str:
    """The stated figure a check is about, in words: measure, place, period, programme, and its value."""
    if not isinstance(row.measure, str):
        return style.shorten(row.doc_id, 40)
    unit = "VND" if row.measure.startswith("budget_") else "percent" if row.measure.endswith("_pct") else "count"
    what = f"{labels.measure(row.measure, ctx.lang)} {labels.value(row.stated, unit, ctx.lang)}"
    where = f"{style.shorten(ctx.name(row.source_region), 24)} · " \
            f"{labels.figure_period(row.measure, row.period_start, row.period_end, ctx.lang)}"
    if row.program != "all":
        where += f" · {labels.program(row.program, ctx.lang)}"
    return f"{style.shorten(what, 48)}\n{where}"


def coverage(cov: pd.DataFrame, ctx: Context) -> Figure:
    """A grid of places against measures and programmes: how many figures each cell holds."""
    if cov.empty:
        return missing_figure(ctx, "title.coverage", "what.coverage")
    places = list(dict.fromkeys(cov["source_region"]))
    fig, axes = style.new_figure(ctx.title("title.coverage", cov), [ctx.sources(cov)],
                                 ncols=2, width_ratios=(len(MEASURES), len(PROGRAM_ORDER) + 1))
    by_measure = cov.pivot_table(index="source_region", columns="measure", values="n", aggfunc="sum")
    by_program = cov.pivot_table(index="source_region", columns="program", values="n", aggfunc="sum")
    _heatmap(axes[0, 0], by_measure.reindex(index=places, columns=list(MEASURES)),
             [style.wrap(labels.measure(m, ctx.lang), 22) for m in MEASURES],
             [style.shorten(ctx.name(p), 34) for p in places])
    _heatmap(axes[0, 1], by_program.reindex(index=places, columns=list(PROGRAM_ORDER)),
             [style.wrap(labels.program(p, ctx.lang), 22) for p in PROGRAM_ORDER], [])
    return fig


def _heatmap(ax: Axes, table: pd.DataFrame, xlabels: list[str], ylabels: list[str]) -> None:
    values = table.to_numpy(dtype=float)
    ax.imshow(np.nan_to_num(values), cmap="Blues", aspect="auto", vmin=0,
              vmax=max(np.nanmax(values, initial=1), 1) * 1.3)
    for (i, j), v in np.ndenumerate(values):
        ax.text(j, i, "" if np.isnan(v) else f"{int(v)}", ha="center", va="center", fontsize=14)
    ax.set_xticks(range(len(xlabels)), xlabels, rotation=60, ha="right", rotation_mode="anchor", fontsize=style.MIN_PT)
    ax.set_yticks(range(len(table)), ylabels or [""] * len(table), fontsize=14)
    ax.grid(False)


def periods(rows: pd.DataFrame, ctx: Context) -> Figure:
    """Which months each place has figures for, one bar per period stated."""
    if rows.empty:
        return missing_figure(ctx, "title.periods", "what.coverage")
    fig, ax, data = _bars_frame(rows, ctx, "title.periods")
    start = data["period_start"].map(_year_fraction)
    end = data["period_end"].map(_year_fraction) + 1 / 12
    ax.barh(range(len(data)), end - start, left=start, height=0.6, color=SERIES[0])  # the label says what
    for i, row in data.iterrows():
        ax.text(end[i] + 0.1, i, labels.t("n_figures" if row.n != 1 else "one_figure", ctx.lang, n=row.n), va="center", fontsize=14)
    # the place names a row only where there are several: one place is already in the title
    several = data["source_region"].nunique() > 1
    ax.set_yticks(range(len(data)), [(f"{style.shorten(ctx.name(r.source_region), 36)} · " if several else "")
                                     + labels.period(r.period_start, r.period_end, ctx.lang) for r in data.itertuples()],
                  fontsize=min(14, max(style.MIN_PT, 400 // max(len(data), 1))))
    ax.set_xlim(math.floor(start.min()) - 0.5, math.ceil(end.max()) + 1)
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.grid(axis="y", visible=False)
    return fig


def rejected(reasons: pd.DataFrame, ctx: Context) -> Figure:
    """Numbers the extractor met but did not keep as figures, counted by reason."""
    if reasons.empty:
        return missing_figure(ctx, "title.rejected", "what.rejected")
    fig, ax, data = _bars_frame(reasons, ctx, "title.rejected")
    bars = ax.barh(range(len(data)), data["n"], 0.6, color=SERIES[0])
    ax.bar_label(bars, [labels.number(v, ctx.lang, 0) for v in data["n"]], fontsize=15, padding=4)
    ax.set_yticks(range(len(data)), [style.shorten(labels.reason(r, ctx.lang), 40) for r in data["reason"]])
    ax.set_xlabel(labels.t("count", ctx.lang))
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    style.number_axis(ax, ctx.lang)
    ax.grid(axis="y", visible=False)
    ax.margins(x=0.1)
    return fig


def _bars_frame(frame: pd.DataFrame, ctx: Context, title_key: str) -> tuple[Figure, Axes, pd.DataFrame]:
    """A one-panel chart of ``frame`` with its title and source line; rows reversed to read top down."""
    fig, axes = style.new_figure(ctx.title(title_key, frame), [ctx.sources(frame)])
    return fig, axes[0, 0], frame.iloc[::-1].reset_index(drop=True)


def _year_fraction(month: str) -> float:
    return int(month[:4]) + (int(month[5:7]) - 1) / 12
