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
FONT_PT = 14
# The plot's inner area as fractions of the chart frame (left, top, width, height), set rather than left to
# the viewer: the bars get a known width, so a label is only written where it fits inside its bar, and the
# category names and the legend keep their own room.
PLOT_AREA = {"bar_stacked": (0.32, 0.12, 0.64, 0.74), "column": (0.08, 0.12, 0.88, 0.62)}
CHAR_EM = 0.62  # width of a digit or separator in DejaVu Sans, in em


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
    # the counterpart đồng per state đồng stays with its bar, as on the picture
    categories = [f"{ctx.name(r.source_region)}\n{_period_and_measure(r, ctx.lang)}\n" + (
        labels.t("mix.ratio", ctx.lang, x=labels.number(r.counterpart_per_state, ctx.lang, 2))
        if pd.notna(r.counterpart_per_state) else labels.t("mix.no_ratio", ctx.lang)) for r in rows.itertuples()]
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
    graph.font.size, graph.font.name = Pt(FONT_PT), "DejaVu Sans"
    graph.has_legend = True
    graph.legend.position, graph.legend.include_in_layout = XL_LEGEND_POSITION.TOP, False
    _plot_area(graph, PLOT_AREA[chart.kind])
    plot = graph.plots[0]
    plot.has_data_labels = True
    plot.data_labels.number_format, plot.data_labels.number_format_is_linked = number_format, False
    plot.gap_width = 60
    if chart.kind == "bar_stacked":
        plot.overlap = 100
        plot.data_labels.font.color.rgb, plot.data_labels.font.bold = RGBColor(0xFF, 0xFF, 0xFF), True
    top = axis_top(chart)
    for drawn, series in zip(plot.series, chart.series):
        if chart.kind == "bar_stacked":
            _hide_small_labels(drawn, series, chart, box[2] * PLOT_AREA[chart.kind][2] / 12700, top)
        drawn.format.fill.solid()
        drawn.format.fill.fore_color.rgb = RGBColor.from_string(series.colour.lstrip("#"))
        for index, colour in enumerate(series.point_colours):
            point = drawn.points[index].format.fill
            point.solid()
            point.fore_color.rgb = RGBColor.from_string(colour.lstrip("#"))
    value_axis = graph.value_axis
    value_axis.minimum_scale = min(0.0, *(v for s in chart.series for v in s.values if pd.notna(v)))
    if chart.kind == "bar_stacked":
        value_axis.maximum_scale = top  # the axis runs to the data, not to a round number far beyond it
    value_axis.has_title = True
    value_axis.axis_title.text_frame.text = chart.axis_title
    value_axis.tick_labels.number_format, value_axis.tick_labels.number_format_is_linked = LOCALES[lang] + "General", False
    value_axis.has_major_gridlines = True
    value_axis.major_gridlines.format.line.color.rgb = RGBColor.from_string(style.GRID.lstrip("#"))
    return frame


def axis_top(chart: NativeChart) -> float:
    """The end of a stacked chart's value axis: a little past its longest bar."""
    totals = [sum(v for v in values if pd.notna(v)) for values in zip(*(s.values for s in chart.series))]
    return max(totals, default=1.0) * 1.05 or 1.0


def label_fits(value: float, text: str, plot_width_pt: float, top: float) -> bool:
    """Whether ``text`` fits inside a segment of ``value`` on an axis to ``top`` drawn ``plot_width_pt`` wide."""
    return value / top * plot_width_pt >= len(text) * CHAR_EM * FONT_PT + 6


def _hide_small_labels(drawn: object, series: Series, chart: NativeChart, plot_width_pt: float, top: float) -> None:
    """No label on a segment too narrow to hold it: a centred label wider than its segment would lie over
    the axis or the category's name (the figure stays in the chart's data, the notes and the category)."""
    for index, value in enumerate(series.values):
        text = labels.number(value, "vi", 3) if pd.notna(value) else ""
        if pd.isna(value) or not label_fits(value, text, plot_width_pt, top):
            _delete_label(drawn.points[index].data_label)


def _delete_label(label: object) -> None:
    """Remove one point's label (``<c:delete val="1"/>``): an empty text is not enough, LibreOffice
    then writes the value anyway."""
    from pptx.oxml.ns import qn

    dlbl = label._get_or_add_dLbl()
    for child in list(dlbl):
        if child.tag != qn("c:idx"):
            dlbl.remove(child)
    _child(dlbl, "c:delete", "1")


def _child(parent: object, tag: str, value: str | None = None) -> object:
    """Append a new element ``tag`` (``c:delete``) to ``parent``, with its ``val`` attribute."""
    from pptx.oxml.xmlchemy import OxmlElement

    element = OxmlElement(tag)
    if value is not None:
        element.set("val", value)
    parent.append(element)
    return element


def _plot_area(graph: object, area: tuple[float, float, float, float]) -> None:
    """Fix the inner plot area at ``area`` (fractions of the chart frame) in the chart's XML."""
    from pptx.oxml.ns import qn

    plot_area = graph._chartSpace.find(f"{qn('c:chart')}/{qn('c:plotArea')}")
    layout = plot_area.find(qn("c:layout"))
    if layout is None:
        layout = _child(plot_area, "c:layout")
        plot_area.insert(0, layout)  # the schema wants it first
    for child in list(layout):
        layout.remove(child)
    manual = _child(layout, "c:manualLayout")
    for tag, value in (("layoutTarget", "inner"), ("xMode", "edge"), ("yMode", "edge"),
                       *zip(("x", "y", "w", "h"), map(str, area))):
        _child(manual, f"c:{tag}", value)
