"""Charts a deck holds as native, editable PowerPoint charts with their data embedded.

Only simple bar series qualify: the funding mix (stacked bars per place and
period) and the change of planned funds (one bar per place, programme and
year). Everything else goes on the slide as a picture of the project's own
chart, and so do these where they draw a figure the cross-checks flag (only
the picture marks it) or mix multi-year totals with annual figures (only the
picture gives each its own panel).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import pandas as pd

from pipelines.analysis import charts, labels, style
from pipelines.analysis.context import Context

LOCALES = {"vi": "[$-42A]", "en": "[$-409]"}  # Windows locale ids of Vietnamese and US English number formats


@dataclass
class Series:
    name: str
    values: list[float]
    colour: str
    point_colours: list[str] = field(default_factory=list)  # one per category, where colour says something


@dataclass
class NativeChart:
    kind: str  # "bar_stacked" (horizontal, stacked) or "column" (vertical, side by side)
    categories: list[str]
    series: list[Series]
    number_format: str
    axis_title: str


def funding_mix(view: pd.DataFrame, ctx: Context) -> NativeChart:
    rows = view.iloc[::-1]  # PowerPoint draws the first category at the foot: the first row ends on top
    categories = [f"{ctx.name(r.source_region)}\n{_period_and_measure(r, ctx.lang)}" for r in rows.itertuples()]
    series = [Series(labels.program(p, ctx.lang), rows[p].astype(float).tolist(), style.PROGRAM_COLOURS[p])
              for p in ("national", "local", "counterpart") if rows[p].notna().any()]
    return NativeChart("bar_stacked", categories, series, "General", labels.t("bn_vnd", ctx.lang))  # as stated


def _period_and_measure(row: object, lang: str) -> str:
    """``Kế hoạch năm 2024`` already says its measure; ``2012–2022 (đã thực hiện)`` needs it."""
    period = labels.figure_period(row.measure, row.period_start, row.period_end, lang)
    measure = labels.measure(row.measure, lang).lower()
    return period if measure in period.lower() else f"{period} ({measure})"


def plan_growth(view: pd.DataFrame, ctx: Context) -> NativeChart:
    categories = [f"{ctx.name(r.source_region)} · {labels.program(r.program, ctx.lang)}\n{r.year - 1} → {r.year}"
                  for r in view.itertuples()]
    computed = view["growth_pct"].astype(float).tolist()
    series = [Series(labels.t("growth.computed", ctx.lang), computed, style.OK,
                     [style.OK if v >= 0 else style.BAD for v in computed])]
    if view["stated_pct"].notna().any():
        series.append(Series(labels.t("growth.stated", ctx.lang), view["stated_pct"].astype(float).tolist(), style.INK))
    return NativeChart("column", categories, series, '#,##0.0#"%"', "%")


BUILDERS: dict[str, Callable[[pd.DataFrame, Context], NativeChart]] = {
    "funding-mix": funding_mix,
    "plan-growth": plan_growth,
}


def native_chart(slug: str, view: pd.DataFrame, ctx: Context, flagged: bool = False) -> NativeChart | None:
    """The native form of chart ``slug``, or None where it goes on the slide as a picture.

    ``flagged``: the chart draws a figure a cross-check finds wrong; only the picture marks it.
    """
    flagged = flagged or ("mismatch" in view.columns and view["mismatch"].fillna(False).astype(bool).any())
    # multi-year totals and annual figures never share an axis: the picture gives them panels of their own
    mixed_periods = "period_start" in view.columns and charts.multi_year(view).nunique() > 1
    if slug not in BUILDERS or view.empty or flagged or mixed_periods:
        return None
    return BUILDERS[slug](view, ctx)


def add_native(slide: object, chart: NativeChart, box: tuple[int, int, int, int], lang: str) -> object:
    """Draw ``chart`` on ``slide`` inside ``box`` (left, top, width, height in EMU) in the project's colours."""
    from pptx.chart.data import CategoryChartData
    from pptx.dml.color import RGBColor
    from pptx.enum.chart import XL_CHART_TYPE, XL_LEGEND_POSITION
    from pptx.util import Pt

    data = CategoryChartData(number_format=chart.number_format)
    number_format = LOCALES[lang] + chart.number_format  # decimal comma where the viewer honours the locale
    data.categories = chart.categories
    for series in chart.series:
        data.add_series(series.name, [None if pd.isna(v) else v for v in series.values])
    kind = XL_CHART_TYPE.BAR_STACKED if chart.kind == "bar_stacked" else XL_CHART_TYPE.COLUMN_CLUSTERED
    frame = slide.shapes.add_chart(kind, *box, data)
    graph = frame.chart
    graph.font.size, graph.font.name = Pt(14), "DejaVu Sans"
    graph.has_legend = True
    graph.legend.position, graph.legend.include_in_layout = XL_LEGEND_POSITION.TOP, False
    plot = graph.plots[0]
    plot.has_data_labels = True
    plot.data_labels.number_format, plot.data_labels.number_format_is_linked = number_format, False
    plot.gap_width = 60
    if chart.kind == "bar_stacked":
        plot.overlap = 100
        plot.data_labels.font.color.rgb, plot.data_labels.font.bold = RGBColor(0xFF, 0xFF, 0xFF), True
    for drawn, series in zip(plot.series, chart.series):
        if chart.kind == "bar_stacked":
            _hide_small_labels(drawn, series, chart)
        drawn.format.fill.solid()
        drawn.format.fill.fore_color.rgb = RGBColor.from_string(series.colour.lstrip("#"))
        for index, colour in enumerate(series.point_colours):
            point = drawn.points[index].format.fill
            point.solid()
            point.fore_color.rgb = RGBColor.from_string(colour.lstrip("#"))
    value_axis = graph.value_axis
    value_axis.minimum_scale = min(0.0, *(v for s in chart.series for v in s.values if pd.notna(v)))
    value_axis.has_title = True
    value_axis.axis_title.text_frame.text = chart.axis_title
    value_axis.tick_labels.number_format, value_axis.tick_labels.number_format_is_linked = LOCALES[lang] + "General", False
    value_axis.has_major_gridlines = True
    value_axis.major_gridlines.format.line.color.rgb = RGBColor.from_string(style.GRID.lstrip("#"))
    return frame


def _hide_small_labels(drawn: object, series: Series, chart: NativeChart) -> None:
    """No label on a segment too thin to hold it (under 6% of the longest bar), as in the picture."""
    totals = [sum(v for v in values if pd.notna(v)) for values in zip(*(s.values for s in chart.series))]
    for index, value in enumerate(series.values):
        if pd.isna(value) or value < 0.06 * max(totals, default=0):
            drawn.points[index].data_label.text_frame.text = ""
