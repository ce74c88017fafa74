"""Slide-ready charts: one style, a source line on every chart, PNG 1920×1080 plus SVG.

Charts are built on ``matplotlib.figure.Figure`` without pyplot, so they render
the same in a kernel, a test or a script and are drawn once per file. A chart
with nothing to show says what is missing instead of drawing empty axes.
"""

from __future__ import annotations

import math
import textwrap
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import matplotlib as mpl
import numpy as np
import pandas as pd
from cycler import cycler
from matplotlib.axes import Axes
from matplotlib.patches import FancyBboxPatch
from matplotlib.ticker import MaxNLocator
from matplotlib.figure import Figure

from pipelines.analysis import labels
from pipelines import paths
from pipelines.tables.schema import ACTIVITIES, MEASURES
from pipelines.analysis.views import BUDGET_MEASURES, source_documents

if TYPE_CHECKING:
    from IPython.display import Image

WIDTH_IN, HEIGHT_IN, DPI = 16, 9, 120  # 1920 × 1080 pixels
INK, MUTED, GRID = "#1f2933", "#7b8794", "#e4e7eb"
ACCENT, OK, BAD = "#c2410c", "#2f855a", "#c53030"
MEASURE_COLOURS = {"budget_plan": "#93c5fd", "budget_allocated": "#3b82f6", "budget_spent": "#1e3a8a"}
PROGRAM_COLOURS = {"national": "#1e3a8a", "local": "#3b82f6", "counterpart": "#f59e0b", "all": "#64748b"}
SERIES = ["#1e3a8a", "#f59e0b", "#0f766e", "#c2410c", "#7c3aed", "#64748b", "#be185d", "#65a30d"]
PROGRAM_ORDER = ("all", "national", "local", "counterpart")

STYLE = {
    "font.family": "DejaVu Sans",  # ships with matplotlib and has every Vietnamese glyph
    "font.size": 18,
    "text.color": INK,
    "axes.labelcolor": INK,
    "axes.edgecolor": MUTED,
    "axes.titlesize": 22,
    "axes.titleweight": "bold",
    "axes.titlelocation": "left",
    "axes.labelsize": 18,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.grid": True,
    "axes.axisbelow": True,
    "axes.prop_cycle": cycler(color=SERIES),
    "grid.color": GRID,
    "xtick.color": INK,
    "ytick.color": INK,
    "xtick.labelsize": 16,
    "ytick.labelsize": 16,
    "legend.fontsize": 16,
    "legend.frameon": False,
    "figure.dpi": DPI,
    "savefig.dpi": DPI,
    "svg.fonttype": "path",  # text as outlines: the SVG shows the same diacritics on any machine
}


def apply_style() -> None:
    """Use the shared slide style for every chart drawn after this call."""
    mpl.rcParams.update(STYLE)


@dataclass
class Context:
    """What every chart of a notebook run needs besides its data."""

    region: str
    lang: str
    documents: pd.DataFrame
    figures_dir: str | Path = ""
    names: dict[str, str] = field(default_factory=dict)

    @property
    def out_dir(self) -> Path:
        return Path(self.figures_dir or paths.FIGURES_DIR) / self.region

    def name(self, region_id: str) -> str:
        return labels.region(region_id, self.lang, self.names)

    @property
    def region_name(self) -> str:
        return self.name(self.region)

    def sources(self, frame: pd.DataFrame) -> str:
        """The source line for a chart of ``frame``: its reports with their dates, and the months it covers."""
        text = source_text(source_documents(frame, self.documents), self.lang)
        if text and {"period_start", "period_end"} <= set(frame.columns):
            span = labels.period(frame["period_start"].min(), frame["period_end"].max(), self.lang)
            text += f" · {labels.t('data_period', self.lang, period=span)}"
        return text

    def save(self, fig: Figure, chart: object) -> tuple[Path, Path]:
        """Write ``fig`` where the registry puts ``chart`` (a ``talk.Chart``): PNG and SVG."""
        png, svg = chart.files(self.figures_dir or paths.FIGURES_DIR, self.region)
        return save(fig, png.parent, png.stem)

    def publish(self, fig: Figure, chart: object) -> Image:
        """Save the chart for the slides and return it for display in the notebook."""
        from IPython.display import Image

        png, _ = self.save(fig, chart)
        return Image(filename=str(png), width=960)


def source_text(docs: pd.DataFrame, lang: str, limit: int = 4) -> str:
    """``Nguồn: <title> (<date>); …`` naming at most ``limit`` reports, then how many more."""
    if docs.empty:
        return ""
    items = [f"{_shorten(row.title, 90)} ({labels.date(row.published, lang)})" for row in docs.head(limit).itertuples()]
    if len(docs) > limit:
        items.append(labels.t("more_reports", lang, n=len(docs) - limit))
    return f"{labels.t('source', lang)}: " + "; ".join(items)


TITLE_Y, LEGEND_ROW, SOURCE_LINE = 0.975, 0.042, 0.025


def add_source(fig: Figure, text: str) -> int:
    """The source line at the foot of the chart; returns how many lines it took."""
    if not text:
        return 0
    wrapped = textwrap.fill(text, 165)
    fig.text(0.01, 0.012, wrapped, fontsize=13, color=MUTED, ha="left", va="bottom")
    return wrapped.count("\n") + 1


def new_figure(title: str, sources: str, nrows: int = 1, ncols: int = 1, **grid: object) -> tuple[Figure, np.ndarray]:
    """A 16×9 inch figure with title, source line and a grid of axes (always a 2-D array)."""
    apply_style()
    fig = Figure(figsize=(WIDTH_IN, HEIGHT_IN), dpi=DPI, layout="constrained")
    fig.text(0.01, TITLE_Y, _shorten(title, 85), fontsize=28, fontweight="bold", va="top")
    bottom = 0.015 + SOURCE_LINE * add_source(fig, sources)
    fig.get_layout_engine().set(rect=(0, bottom, 1, 0.92 - bottom), h_pad=0.1, w_pad=0.15)
    return fig, fig.subplots(nrows, ncols, squeeze=False, **grid)


def add_legend(fig: Figure, handles: list, names: list[str], ncols: int = 4) -> None:
    """A legend right under the title; the axes move down to make room for it."""
    if not names:
        return
    ncols = min(ncols, len(names))
    fig.legend(handles, names, loc="upper left", bbox_to_anchor=(0.005, 0.925), ncols=ncols, handlelength=1.2)
    engine = fig.get_layout_engine()
    left, bottom, width, height = engine.get()["rect"]
    engine.set(rect=(left, bottom, width, height - LEGEND_ROW * math.ceil(len(names) / ncols)))


def legend_from_axes(fig: Figure, axes: np.ndarray, order: list[str] | None = None, ncols: int = 4) -> None:
    """One legend with every series drawn on any panel, in ``order`` (else first seen)."""
    seen: dict[str, object] = {}
    for ax in axes.flat:
        for handle, label in zip(*ax.get_legend_handles_labels()):
            seen.setdefault(label, handle)
    names = sorted(seen, key=lambda n: order.index(n) if order and n in order else len(order or ()))
    add_legend(fig, [seen[n] for n in names], names, ncols)


def save(fig: Figure, out_dir: Path, name: str) -> tuple[Path, Path]:
    """Write ``<name>.png`` (1920×1080) and ``<name>.svg`` into ``out_dir``."""
    out_dir.mkdir(parents=True, exist_ok=True)
    png, svg = out_dir / f"{name}.png", out_dir / f"{name}.svg"
    fig.savefig(png, dpi=DPI)
    fig.set_layout_engine("none")  # keep the layout found for the PNG: the SVG is not laid out again
    fig.savefig(svg, metadata={"Date": None})  # no timestamp: unchanged charts give unchanged files
    return png, svg


def say_missing(ax: Axes, text: str) -> None:
    """Replace an axes by a sentence saying what is missing."""
    ax.set_axis_off()
    ax.text(0.5, 0.5, textwrap.fill(text, 60), ha="center", va="center", fontsize=26, color=MUTED,
            transform=ax.transAxes)


def missing_figure(ctx: Context, title_key: str, what_key: str) -> Figure:
    """A chart that says there is nothing to show, and what is missing."""
    fig, axes = new_figure(labels.t(title_key, ctx.lang, region=ctx.region_name), "")
    say_missing(axes[0, 0], labels.t("no_figures", ctx.lang, what=labels.t(what_key, ctx.lang), region=ctx.region_name))
    return fig


def funding_over_time(budgets: pd.DataFrame, ctx: Context) -> Figure:
    """Planned, allocated and spent funds per period, one panel per programme, oldest period on top."""
    if budgets.empty:
        return missing_figure(ctx, "title.funding", "what.funding")
    programs = [p for p in PROGRAM_ORDER if p in set(budgets["program"])]
    several_places = budgets["source_region"].nunique() > 1
    slots = {p: budgets[budgets["program"] == p][["period_start", "period_end", "source_region"]].drop_duplicates()
             for p in programs}
    fig, axes = new_figure(labels.t("title.funding", ctx.lang, region=ctx.region_name), ctx.sources(budgets),
                           nrows=len(programs), sharex=True, height_ratios=[len(slots[p]) + 0.6 for p in programs])
    for ax, program in zip(axes[:, 0], programs):
        rows = budgets[budgets["program"] == program]
        for y, slot in enumerate(slots[program].itertuples(index=False)):
            here = rows[(rows["period_start"] == slot.period_start) & (rows["period_end"] == slot.period_end)
                        & (rows["source_region"] == slot.source_region)]
            present = [m for m in BUDGET_MEASURES if m in set(here["measure"])]
            height = 0.8 / len(present)
            for i, measure in enumerate(present):
                value = here.loc[here["measure"] == measure, "value_bn"].iloc[0]
                bars = ax.barh(y + (i - (len(present) - 1) / 2) * height, value, height,
                               color=MEASURE_COLOURS[measure], label=labels.measure(measure, ctx.lang))
                ax.bar_label(bars, [labels.number(value, ctx.lang)], fontsize=14, padding=4)
        ax.set_yticks(range(len(slots[program])), [
            labels.period(s.period_start, s.period_end, ctx.lang) + (f" · {ctx.name(s.source_region)}" if several_places else "")
            for s in slots[program].itertuples()], fontsize=15)
        ax.set_ylim(len(slots[program]) - 0.5, -0.5)
        ax.set_title(labels.program(program, ctx.lang), fontsize=18)
        ax.grid(axis="y", visible=False)
    axes[-1, 0].set_xlabel(labels.t("bn_vnd", ctx.lang))
    axes[-1, 0].margins(x=0.12)
    legend_from_axes(fig, axes, [labels.measure(m, ctx.lang) for m in BUDGET_MEASURES])
    return fig


def funding_mix(mix: pd.DataFrame, ctx: Context) -> Figure:
    """National, local and counterpart funds stacked, with the đồng of counterpart per state đồng."""
    if mix.empty:
        return missing_figure(ctx, "title.mix", "what.mix")
    fig, axes = new_figure(labels.t("title.mix", ctx.lang, region=ctx.region_name), ctx.sources(mix))
    ax = axes[0, 0]
    rows = mix.iloc[::-1].reset_index(drop=True)
    left = np.zeros(len(rows))
    for program in ("national", "local", "counterpart"):
        values = rows[program].fillna(0).to_numpy()
        bars = ax.barh(range(len(rows)), values, left=left, color=PROGRAM_COLOURS[program], height=0.6,
                       label=labels.program(program, ctx.lang))
        shown = [labels.number(v, ctx.lang) if v > 0.06 * max(rows[["national", "local", "counterpart"]].sum(axis=1).max(), 1e-9) else ""
                 for v in values]
        ax.bar_label(bars, shown, label_type="center", color="white", fontsize=15, fontweight="bold")
        left += values
    for y, row in rows.iterrows():
        text = (labels.t("mix.ratio", ctx.lang, x=labels.number(row.counterpart_per_state, ctx.lang, 2))
                if pd.notna(row.counterpart_per_state) else labels.t("mix.no_ratio", ctx.lang))
        ax.text(left[y], y, f"  {text}", va="center", fontsize=16, fontweight="bold" if pd.notna(row.counterpart_per_state) else "normal",
                color=INK if pd.notna(row.counterpart_per_state) else MUTED)
    ax.set_yticks(range(len(rows)), [
        f"{ctx.name(r.source_region)} · {labels.period(r.period_start, r.period_end, ctx.lang)}\n"
        f"({labels.measure(r.measure, ctx.lang).lower()})" for r in rows.itertuples()])
    ax.set_xlabel(labels.t("bn_vnd", ctx.lang))
    ax.set_xlim(0, left.max() * 1.6)
    ax.grid(axis="y", visible=False)
    legend_from_axes(fig, axes)
    return fig


def plan_growth(growth: pd.DataFrame, ctx: Context) -> Figure:
    """Change of planned funds on the year before, computed, with the report's own figure beside it."""
    if growth.empty:
        return missing_figure(ctx, "title.growth", "what.growth")
    fig, axes = new_figure(labels.t("title.growth", ctx.lang, region=ctx.region_name), ctx.sources(growth))
    ax = axes[0, 0]
    x = np.arange(len(growth))
    colours = [OK if v >= 0 else BAD for v in growth["growth_pct"]]
    bars = ax.bar(x, growth["growth_pct"], 0.55, color=colours, label=labels.t("growth.computed", ctx.lang))
    ax.bar_label(bars, [f"{labels.number(v, ctx.lang)}%" for v in growth["growth_pct"]], fontsize=16, padding=4)
    stated = growth["stated_pct"].notna()
    if stated.any():
        ax.scatter(x[stated], growth.loc[stated, "stated_pct"], marker="D", s=160, color=INK, zorder=3,
                   label=labels.t("growth.stated", ctx.lang))
    ax.axhline(0, color=MUTED, linewidth=1.5)
    ax.set_xticks(x, [
        f"{ctx.name(r.source_region)}\n{labels.program(r.program, ctx.lang)}\n"
        f"{r.year - 1} → {r.year}: {labels.number(r.previous_bn, ctx.lang)} → {labels.number(r.plan_bn, ctx.lang)} {labels.t('bn_vnd', ctx.lang)}"
        for r in growth.itertuples()])
    ax.set_ylabel("%")
    ax.margins(y=0.2)
    legend_from_axes(fig, axes)
    return fig


def key_figures(figures: pd.DataFrame, ctx: Context) -> Figure:
    """Headline figures as cards: value, what it is, the period and place, and the report."""
    if figures.empty:
        return missing_figure(ctx, "title.key", "what.key")
    ncols = min(3, len(figures))
    nrows = math.ceil(len(figures) / ncols)
    fig, axes = new_figure(labels.t("title.key", ctx.lang, region=ctx.region_name), ctx.sources(figures),
                           nrows=nrows, ncols=ncols)
    docs = ctx.documents.set_index("doc_id")
    for ax in axes.flat:
        ax.set_axis_off()
    for ax, row in zip(axes.flat, figures.itertuples()):
        qualifier = labels.t(f"qualifier.{row.qualifier}", ctx.lang) + " " if row.qualifier else ""
        detail = f"{labels.period(row.period_start, row.period_end, ctx.lang)} · {ctx.name(row.source_region)}"
        if row.program != "all":
            detail += f" · {labels.program(row.program, ctx.lang)}"
        if row.activity != "all":
            detail += f" · {labels.activity(row.activity, ctx.lang)}"
        source = ""
        if row.doc_id in docs.index:
            doc = docs.loc[row.doc_id]
            source = f"{_shorten(doc.title, 80)} ({labels.date(doc.published, ctx.lang)})"
        ax.add_patch(FancyBboxPatch((0.02, 0.04), 0.96, 0.92, boxstyle="round,pad=0,rounding_size=0.04",
                                    transform=ax.transAxes, facecolor="#f1f5f9", edgecolor="none"))
        texts = [
            ax.text(0.07, 0.80, qualifier + labels.value(row.value, row.unit, ctx.lang), fontsize=34 if nrows == 1 else 30,
                    fontweight="bold", color=ACCENT),
            ax.text(0.07, 0.60, labels.measure(row.measure, ctx.lang), fontsize=20),
            ax.text(0.07, 0.45, textwrap.fill(detail, 44), fontsize=15, color=MUTED),
            ax.text(0.07, 0.22, textwrap.fill(source, 56), fontsize=12, color=MUTED, style="italic"),
        ]
        for text in texts:
            text.set(transform=ax.transAxes, va="top" if text is not texts[0] else "center", in_layout=False)
    return fig


def execution(rows: pd.DataFrame, ctx: Context) -> Figure:
    """Execution against the annual plan beside the on-track share of the year, for every place."""
    if rows.empty:
        return missing_figure(ctx, "title.execution", "what.execution")
    fig, axes = new_figure(labels.t("title.execution", ctx.lang, region=ctx.region_name), ctx.sources(rows))
    ax = axes[0, 0]
    data = rows.iloc[::-1].reset_index(drop=True)
    y = np.arange(len(data))
    colours = [ACCENT if s else "#cbd5e1" for s in data["in_scope"]]
    ax.barh(y, data["value"], 0.6, color=colours)
    ax.scatter(data["on_track_pct"], y, marker="|", s=1400, linewidths=4, color=INK, zorder=3,
               label=labels.t("execution.on_track", ctx.lang))
    for i, row in data.iterrows():
        ax.text(max(row.value, row.on_track_pct) + 2, i,
                f"{labels.number(row.value, ctx.lang)}% / {labels.number(row.on_track_pct, ctx.lang)}%",
                va="center", fontsize=15, fontweight="bold" if row.in_scope else "normal")
    ax.set_yticks(y, [
        f"{ctx.name(r.source_region)} · {labels.period(r.period_start, r.period_end, ctx.lang)}"
        + (f" · {labels.program(r.program, ctx.lang)}" if r.program != "all" else "") for r in data.itertuples()])
    ax.set_xlim(0, max(125, data["value"].max() + 25))
    ax.set_xlabel("%")
    ax.grid(axis="y", visible=False)
    if not data["in_scope"].any():
        ax.set_title(labels.t("execution.none_here", ctx.lang, region=ctx.region_name), fontsize=17,
                     fontweight="normal", color=MUTED)
    legend_from_axes(fig, axes)
    return fig


def activity_counts(counts: pd.DataFrame, ctx: Context) -> Figure:
    """Projects and businesses supported by activity: one panel per measure, one colour per period."""
    if counts.empty:
        return missing_figure(ctx, "title.activity", "what.activity")
    measures = [m for m in MEASURES if m in set(counts["measure"])]
    ncols = min(3, len(measures))
    nrows = math.ceil(len(measures) / ncols)
    fig, axes = new_figure(labels.t("title.activity", ctx.lang, region=ctx.region_name), ctx.sources(counts),
                           nrows=nrows, ncols=ncols)
    several_places = counts["source_region"].nunique() > 1
    data = counts.sort_values(["period_start", "period_end", "source_region"]).assign(series=lambda f: [
        labels.period(r.period_start, r.period_end, ctx.lang) + (f" · {ctx.name(r.source_region)}" if several_places else "")
        for r in f.itertuples()])
    colours = {s: SERIES[i % len(SERIES)] for i, s in enumerate(dict.fromkeys(data["series"]))}
    for ax in axes.flat[len(measures):]:
        ax.set_axis_off()
    for ax, measure in zip(axes.flat, measures):
        rows = data[data["measure"] == measure]
        activities = [a for a in ACTIVITIES if a in set(rows["activity"])]
        keys = [s for s in colours if s in set(rows["series"])]
        height = 0.8 / len(keys)
        for i, key in enumerate(keys):
            part = rows[rows["series"] == key].set_index("activity").reindex(activities)
            y = np.arange(len(activities)) + (i - (len(keys) - 1) / 2) * height
            bars = ax.barh(y, part["value"].fillna(0), height, color=colours[key], label=key)
            ax.bar_label(bars, [("~" if q == "estimate" else "") + labels.number(v, ctx.lang, 0) if pd.notna(v) else ""
                                for v, q in zip(part["value"], part["qualifier"])], fontsize=13, padding=3)
        ax.set_yticks(range(len(activities)), [textwrap.fill(labels.activity(a, ctx.lang), 22) for a in activities],
                      fontsize=14)
        ax.set_ylim(len(activities) - 0.5, -0.5)
        ax.set_title(labels.measure(measure, ctx.lang), fontsize=18)
        ax.grid(axis="y", visible=False)
        ax.margins(x=0.18)
    legend_from_axes(fig, axes, list(colours))
    return fig


def check_errors(checks: pd.DataFrame, ctx: Context) -> Figure:
    """How far each stated figure is from the one recomputed from the report's other figures."""
    if checks.empty:
        return missing_figure(ctx, "title.checks", "what.checks")
    fig, axes = new_figure(labels.t("title.checks", ctx.lang, region=ctx.region_name), ctx.sources(checks))
    ax = axes[0, 0]
    data = checks.iloc[::-1].reset_index(drop=True)
    y = np.arange(len(data))
    ax.barh(y, data["rel_error"] * 100, 0.6, color=[BAD if s == "mismatch" else OK for s in data["status"]])
    for i, row in data.iterrows():
        ax.text(row.rel_error * 100, i, f"  {labels.number(row.rel_error * 100, ctx.lang, 2)}% · "
                f"{labels.t(f'status.{row.status}', ctx.lang)}", va="center", fontsize=15)
    ax.set_yticks(y, [f"{_shorten(r.description, 55)}\n{r.doc_id}" for r in data.itertuples()], fontsize=13)
    ax.set_xlabel(labels.t("checks.error", ctx.lang))
    ax.set_xlim(0, max(1.0, data["rel_error"].max() * 100 * 1.5))
    ax.grid(axis="y", visible=False)
    return fig


def coverage(cov: pd.DataFrame, ctx: Context) -> Figure:
    """A grid of places against measures and programmes: how many figures each cell holds."""
    places = list(dict.fromkeys(cov["source_region"]))
    if cov.empty:
        return missing_figure(ctx, "title.coverage", "what.coverage")
    fig, axes = new_figure(labels.t("title.coverage", ctx.lang, region=ctx.region_name), ctx.sources(cov),
                           ncols=2, width_ratios=(len(MEASURES), len(PROGRAM_ORDER) + 1))
    by_measure = cov.pivot_table(index="source_region", columns="measure", values="n", aggfunc="sum")
    by_program = cov.pivot_table(index="source_region", columns="program", values="n", aggfunc="sum")
    _heatmap(axes[0, 0], by_measure.reindex(index=places, columns=list(MEASURES)),
             [labels.measure(m, ctx.lang) for m in MEASURES], [ctx.name(p) for p in places])
    _heatmap(axes[0, 1], by_program.reindex(index=places, columns=list(PROGRAM_ORDER)),
             [labels.program(p, ctx.lang) for p in PROGRAM_ORDER], [])
    return fig


def _heatmap(ax: Axes, table: pd.DataFrame, xlabels: list[str], ylabels: list[str]) -> None:
    values = table.to_numpy(dtype=float)
    ax.imshow(np.nan_to_num(values), cmap="Blues", aspect="auto", vmin=0, vmax=max(np.nanmax(values, initial=1), 1) * 1.3)
    for (i, j), v in np.ndenumerate(values):
        ax.text(j, i, "" if np.isnan(v) else f"{int(v)}", ha="center", va="center", fontsize=14)
    ax.set_xticks(range(len(xlabels)), xlabels, rotation=50, ha="right", fontsize=13)
    ax.set_yticks(range(len(table)), ylabels or [""] * len(table), fontsize=15)
    ax.grid(False)


def periods(rows: pd.DataFrame, ctx: Context) -> Figure:
    """Which months each place has figures for, one bar per period stated."""
    if rows.empty:
        return missing_figure(ctx, "title.periods", "what.coverage")
    fig, axes = new_figure(labels.t("title.periods", ctx.lang, region=ctx.region_name), ctx.sources(rows))
    ax = axes[0, 0]
    data = rows.iloc[::-1].reset_index(drop=True)
    start = data["period_start"].map(_year_fraction)
    end = data["period_end"].map(_year_fraction) + 1 / 12
    places = list(dict.fromkeys(data["source_region"]))
    colours = {p: SERIES[i % len(SERIES)] for i, p in enumerate(places)}
    ax.barh(range(len(data)), end - start, left=start, height=0.6, color=[colours[p] for p in data["source_region"]])
    for i, row in data.iterrows():
        ax.text(end[i] + 0.1, i, f"{labels.period(row.period_start, row.period_end, ctx.lang)} ({row.n})",
                va="center", fontsize=13)
    ax.set_yticks(range(len(data)), [ctx.name(p) for p in data["source_region"]], fontsize=13)
    ax.set_xlim(math.floor(start.min()) - 0.5, math.ceil(end.max()) + 2.5)
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.grid(axis="y", visible=False)
    return fig


def rejected(reasons: pd.DataFrame, ctx: Context) -> Figure:
    """Numbers the extractor met but did not keep as figures, counted by reason."""
    if reasons.empty:
        return missing_figure(ctx, "title.rejected", "what.rejected")
    fig, axes = new_figure(labels.t("title.rejected", ctx.lang, region=ctx.region_name), ctx.sources(reasons))
    ax = axes[0, 0]
    data = reasons.iloc[::-1].reset_index(drop=True)
    bars = ax.barh(range(len(data)), data["n"], 0.6, color=SERIES[0])
    ax.bar_label(bars, [labels.number(v, ctx.lang, 0) for v in data["n"]], fontsize=15, padding=4)
    ax.set_yticks(range(len(data)), [_shorten(r, 60) for r in data["reason"]])
    ax.set_xlabel(labels.t("count", ctx.lang))
    ax.grid(axis="y", visible=False)
    ax.margins(x=0.1)
    return fig


def _year_fraction(month: str) -> float:
    return int(month[:4]) + (int(month[5:7]) - 1) / 12


def _shorten(text: str, limit: int) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"
