"""Conference charts: each figure drawn with its own measure's label, its report, and its flags.

Every chart says where its figures come from and how many of them nobody has
reviewed yet; a figure a cross-check finds wrong is hatched or marked ⚠ with a
footnote giving the stated and the recomputed value; figures that disagree are
all drawn and noted. Multi-year totals get panels of their own, never an axis
shared with annual figures. A chart with nothing to show says what is missing.
"""

from __future__ import annotations

import math
import numpy as np
import pandas as pd
import seaborn as sns
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.patches import FancyBboxPatch, Rectangle
from matplotlib.ticker import MaxNLocator

from pipelines.tables import regions
from pipelines.analysis import labels, style
from pipelines.analysis.context import Context, estimate_notes, missing_figure
from pipelines.analysis.style import ACCENT, BAD, INK, MUTED, SERIES
from pipelines.analysis.views import BUDGET_MEASURES, LOW_CONFIDENCE
from pipelines.tables.schema import ACTIVITIES, MEASURES
from pipelines.tables.vocabulary import Activity, Program, Qualifier

PROGRAM_ORDER = (Program.ALL, Program.NATIONAL, Program.LOCAL, Program.COUNTERPART)
OTHER = "#cbd5e1"  # figures of other places, drawn for comparison


DOUBT_MARK = " ?"  # a low-confidence figure nobody confirmed; the source line counts them in words


def doubtful_row(row: object) -> bool:
    """A drawn figure nobody confirmed whose confidence is low (see views.LOW_CONFIDENCE)."""
    confidence = getattr(row, "confidence", None)
    return getattr(row, "review_state", "") == "unreviewed" and confidence is not None and confidence < LOW_CONFIDENCE


# What a count chart holds and stays readable at 12 pt and more: one row of panels, each with a few
# bars whose two-line labels name what, when and where. More figures than that are left to the
# data-quality notebook and the export (``fit_count_panels``), never drawn smaller.
MAX_PANELS, MAX_BARS = 3, 8
MERGER_MONTH = "2025-07"  # the 34 units exist from 1 July 2025


def multi_year(frame: pd.DataFrame) -> pd.Series:
    """Whether each row's period runs over more than one year (a total never drawn beside annual figures)."""
    return frame["period_start"].str[:4] != frame["period_end"].str[:4]


def grouped_bars(ax: Axes, data: pd.DataFrame, x: str, cats: list[str], palette: dict[str, str],
                 ctx: Context, decimals: int = 1) -> None:
    """Horizontal bars, one per row of ``data`` (columns ``cat``, ``hue``, ``x``, ``mismatch``, ``qualifier``),
    labelled with their values; mismatched figures hatched and marked ⚠, estimates with ~, a low-confidence
    figure nobody confirmed with ?."""
    hues = [h for h in palette if h in set(data["hue"])]
    sns.barplot(data=data, x=x, y="cat", hue="hue", order=cats, hue_order=hues, palette=palette, orient="h",
                errorbar=None, ax=ax, dodge=len(hues) > 1, saturation=1, legend=len(hues) > 1)
    rows = {(r.cat, r.hue): r for r in data.itertuples()}
    for hue, container in zip(hues, [c for c in ax.containers if len(c)]):
        for bar in container:
            row = rows.get((cats[round(bar.get_y() + bar.get_height() / 2)], hue))
            if row is None or not np.isfinite(bar.get_width()):
                continue
            text = "~" if row.qualifier == Qualifier.ESTIMATE else ""
            text += labels.number(getattr(row, x), ctx.lang, decimals)
            text += DOUBT_MARK if doubtful_row(row) else ""
            if row.mismatch:
                bar.set(hatch=style.MISMATCH_HATCH, edgecolor=BAD, linewidth=2)
                text += " ⚠"
            ax.annotate(text, (bar.get_width(), bar.get_y() + bar.get_height() / 2), xytext=(4, 0),
                        textcoords="offset points", va="center", fontsize=13, color=BAD if row.mismatch else INK)
    ax.set(ylabel="", xlabel="")
    ax.grid(axis="y", visible=False)
    ax.margins(x=0.22)
    style.number_axis(ax, ctx.lang)


def _variant(frame: pd.DataFrame, cat: pd.Series) -> pd.Series:
    """Number figures that would share a bar (different values for the same key) so each is drawn."""
    n = frame.assign(_cat=cat).groupby(["_cat", "hue"]).cumcount()
    return cat + n.map(lambda i: f" ≠{i + 1}" if i else "")


def funding_over_time(budgets: pd.DataFrame, ctx: Context) -> Figure:
    """Planned, allocated and spent funds per period, a panel per programme; multi-year totals in a
    panel of their own, never on an axis with annual figures."""
    if budgets.empty:
        return missing_figure(ctx, "title.funding", "what.funding")
    several_places = budgets["source_region"].nunique() > 1
    data = budgets.assign(multi=multi_year(budgets), hue=budgets["measure"].map(lambda m: labels.measure(m, ctx.lang)))
    place = data["source_region"].map(lambda r: f" · {style.shorten(ctx.name(r), 28)}" if several_places else "")
    place = place + [_parts_note(r, ctx.lang) for r in data.itertuples()]
    # a multi-year bar names its programme and its span ("Khuyến công địa phương · 2012–2022")
    data = data.assign(cat=[labels.figure_period(r.measure, r.period_start, r.period_end, ctx.lang) if not r.multi
                            else f"{labels.program(r.program, ctx.lang)} · {labels.period(r.period_start, r.period_end, ctx.lang)}"
                            for r in data.itertuples()] + place)
    annual = [p for p in PROGRAM_ORDER if ((data["program"] == p) & ~data["multi"]).any()]
    mosaic = [[p] + (["multi"] if data["multi"].any() else []) for p in annual] or [["multi"]]
    sizes = [data[(data["program"] == p) & ~data["multi"]]["cat"].nunique() + 1.5 for p in annual] or [1]
    fig, axes = style.new_figure(ctx.title("title.funding", budgets), ctx.foot(budgets, estimate_notes(budgets, ctx)),
                                 mosaic=mosaic, height_ratios=sizes,
                                 width_ratios=[2.2, 1.2][: len(mosaic[0])] if annual else None)
    palette = {labels.measure(m, ctx.lang): style.MEASURE_COLOURS[m] for m in BUDGET_MEASURES}
    for name, ax in axes.items():
        rows = data[data["multi"]] if name == "multi" else data[(data["program"] == name) & ~data["multi"]]
        rows = rows.assign(cat=_variant(rows, rows["cat"]))
        grouped_bars(ax, rows, "value_bn", list(dict.fromkeys(rows["cat"])), palette, ctx, 3)
        title = labels.t("multi_year", ctx.lang) if name == "multi" else labels.program(name, ctx.lang)
        # beside annual panels the multi-year panel is the last column: its title ends at the edge,
        # however narrow the panel
        ax.set_title(style.wrap(f"{title} ({labels.t('bn_vnd', ctx.lang)})", 18 if name == "multi" else 60), fontsize=16,
                     loc="right" if name == "multi" and annual else "left")
        ax.tick_params(axis="y", labelsize=14 if len(data) < 12 else style.MIN_PT)
    style.legend_from_axes(fig, list(axes.values()), list(palette))
    return fig


def _parts_note(row: object, lang: str) -> str:
    """With units 2025, what a bar of a merged unit covers before the merger: the former provinces
    added into it, or those missing from a part drawn alone."""
    known = regions.known_regions()
    name = lambda ids: " + ".join(known[r].name_vi if r in known else r for r in ids.split(",") if r)  # noqa: E731
    parts, missing = getattr(row, "parts", ""), getattr(row, "missing_parts", "")
    if isinstance(missing, str) and missing:
        return f" · {labels.t('parts.missing', lang, parts=name(missing))}"
    if isinstance(parts, str) and parts.count(",") and row.period_end < MERGER_MONTH:
        return f" {labels.t('parts.sum', lang, parts=name(parts))}"
    return ""


def funding_mix(mix: pd.DataFrame, ctx: Context) -> Figure:
    """National, local and counterpart funds stacked per place and period, with counterpart per state đồng.

    Each row stacks parts of one place, period and measure; multi-year totals get their own panel."""
    if mix.empty:
        return missing_figure(ctx, "title.mix", "what.mix")
    groups = [m for m in (False, True) if (multi_year(mix) == m).any()]
    fig, axes = style.new_figure(ctx.title("title.mix", mix), ctx.foot(mix), nrows=len(groups),
                                 height_ratios=[int((multi_year(mix) == m).sum()) + 0.8 for m in groups])
    for ax, multi in zip(axes[:, 0], groups):
        _mix_panel(ax, mix[multi_year(mix) == multi].iloc[::-1].reset_index(drop=True), ctx)
        if len(groups) > 1:
            ax.set_title(labels.t("multi_year", ctx.lang) if multi else labels.t("annual", ctx.lang), fontsize=17)
    axes[-1, 0].set_xlabel(labels.t("bn_vnd", ctx.lang))
    style.legend_from_axes(fig, axes)
    return fig


def _mix_panel(ax: Axes, rows: pd.DataFrame, ctx: Context) -> None:
    left = np.zeros(len(rows))
    total = max(rows[["national", "local", "counterpart"]].sum(axis=1).max(), 1e-9)
    for program in ("national", "local", "counterpart"):
        values = rows[program].fillna(0).to_numpy()
        bars = ax.barh(range(len(rows)), values, left=left, color=style.PROGRAM_COLOURS[program], height=0.6,
                       label=labels.program(program, ctx.lang))
        ax.bar_label(bars, [labels.number(v, ctx.lang, 3) if v > 0.08 * total else "" for v in values],
                     label_type="center", color="white", fontsize=14, fontweight="bold")
        left += values
    for y, row in rows.iterrows():
        known = pd.notna(row.counterpart_per_state)
        text = (labels.t("mix.ratio", ctx.lang, x=labels.number(row.counterpart_per_state, ctx.lang, 2)) if known
                else labels.t("mix.no_ratio", ctx.lang))
        parts = [row[p] for p in ("national", "local", "counterpart") if pd.notna(row[p]) and row[p] > 0]
        if any(v <= 0.08 * total for v in parts):  # a part too narrow for its number: every part spelled out
            text = " + ".join(labels.number(v, ctx.lang, 3) for v in parts) + f" {labels.t('bn_vnd', ctx.lang)}\n{text}"
        ax.annotate(text, (left[y], y), xytext=(8, 0), textcoords="offset points", va="center", fontsize=15,
                    color=INK if known else MUTED)
    ax.set_yticks(range(len(rows)), [
        f"{style.shorten(ctx.name(r.source_region), 26)} · {labels.figure_period(r.measure, r.period_start, r.period_end, ctx.lang)}\n"
        f"({labels.measure(r.measure, ctx.lang).lower()})" for r in rows.itertuples()])
    # room on the right for the ratio, but the axis itself (line, ticks, grid) stops just past the data
    ticks = MaxNLocator(nbins=5).tick_values(0, left.max())
    ticks = [t for t in ticks if t >= 0][: next(i for i, t in enumerate(ticks) if t >= left.max() * 0.999) + 1]
    ax.set_xlim(0, left.max() * 1.9)
    ax.set_xticks(ticks)
    ax.spines["bottom"].set_bounds(0, ticks[-1])
    ax.grid(axis="y", visible=False)
    style.number_axis(ax, ctx.lang)


def plan_growth(growth: pd.DataFrame, ctx: Context) -> Figure:
    """Change of planned funds on the year before, computed, with the report's own figure beside it."""
    if growth.empty:
        return missing_figure(ctx, "title.growth", "what.growth")
    fig, axes = style.new_figure(ctx.title("title.growth", growth), ctx.foot(growth))
    ax = axes[0, 0]
    x = np.arange(len(growth))
    colours = [style.OK if v >= 0 else BAD for v in growth["growth_pct"]]
    bars = ax.bar(x, growth["growth_pct"], 0.55, color=colours, label=labels.t("growth.computed", ctx.lang))
    ax.bar_label(bars, [f"{labels.number(v, ctx.lang)}%" for v in growth["growth_pct"]], label_type="center",
                 color="white", fontsize=16, fontweight="bold")
    stated = growth["stated_pct"].notna()
    if stated.any():
        ax.scatter(x[stated], growth.loc[stated, "stated_pct"], marker="D", s=160, color=INK, zorder=3,
                   label=labels.t("growth.stated", ctx.lang))
        for i in np.flatnonzero(stated):
            ax.annotate(f"{labels.number(growth['stated_pct'].iloc[i], ctx.lang, 2)}%", (x[i], growth["stated_pct"].iloc[i]),
                        xytext=(14, 0), textcoords="offset points", va="center", fontsize=16)
    ax.set_xlim(-0.8, len(growth) - 0.2)
    ax.axhline(0, color=MUTED, linewidth=1.5)
    ax.set_xticks(x, [
        f"{style.shorten(ctx.name(r.source_region), 28)}\n{labels.program(r.program, ctx.lang)}\n"
        f"{r.year - 1} → {r.year}: {labels.number(r.previous_bn, ctx.lang, 3)} → {labels.number(r.plan_bn, ctx.lang, 3)} "
        f"{labels.t('bn_vnd', ctx.lang)}" for r in growth.itertuples()], fontsize=14)
    style.number_axis(ax, ctx.lang, "y", "%")
    ax.margins(y=0.2)
    style.legend_from_axes(fig, axes)
    return fig


def key_figures(figures: pd.DataFrame, ctx: Context) -> Figure:
    """Headline figures as cards: value, its measure's own label, the period and place, and the report."""
    if figures.empty:
        return missing_figure(ctx, "title.key", "what.key")
    ncols = min(3, len(figures))
    nrows = math.ceil(len(figures) / ncols)
    fig, axes = style.new_figure(ctx.title("title.key", figures), ctx.foot(figures), nrows=nrows, ncols=ncols)
    for ax in axes.flat:
        ax.set_axis_off()
    for ax, row in zip(axes.flat, figures.itertuples()):
        _card(ax, row, ctx, big=34 if nrows == 1 else 30)
    return fig


def _card(ax: Axes, row: object, ctx: Context, big: int) -> None:
    docs = ctx.documents.set_index("doc_id")
    bad = bool(getattr(row, "mismatch", False))
    qualifier = labels.t(f"qualifier.{row.qualifier}", ctx.lang) + " " if row.qualifier else ""
    detail = f"{labels.figure_period(row.measure, row.period_start, row.period_end, ctx.lang)} · {ctx.name(row.source_region)}"
    for code, name in ((row.program, labels.program), (row.activity, labels.activity)):
        detail += f" · {name(code, ctx.lang)}" if code != "all" else ""
    if getattr(row, "recognition_level", ""):
        detail += f" · {labels.level(row.recognition_level, ctx.lang)}"
    if getattr(row, "with_counterpart", False):  # a total holding the businesses' own money says so
        detail += f" · {labels.t('card.with_counterpart', ctx.lang)}"

    source = ""
    if row.doc_id in docs.index:
        doc = docs.loc[row.doc_id]
        source = f"{doc.title} ({labels.date(doc.published, ctx.lang)})"
    ax.add_patch(FancyBboxPatch((0.02, 0.04), 0.96, 0.92, boxstyle="round,pad=0,rounding_size=0.04",
                                transform=ax.transAxes, facecolor="#fef2f2" if bad else "#f1f5f9",
                                edgecolor=BAD if bad else "none", linewidth=3, hatch="" if not bad else "..."))
    doubt = doubtful_row(row)
    value = qualifier + labels.value(row.value, row.unit, ctx.lang) + (" ⚠" if bad else "") + (DOUBT_MARK if doubt else "")
    texts = [
        ax.text(0.07, 0.80, value, fontsize=min(big, big * 15 // len(value)), fontweight="bold",
                color=BAD if bad else ACCENT),  # a long value gets smaller, never wider than its card
        ax.text(0.07, 0.64, style.wrap(labels.measure(row.measure, ctx.lang), 30), fontsize=18),
        ax.text(0.07, 0.44, style.wrap(detail, 42), fontsize=14, color=MUTED),
        ax.text(0.07, 0.27, style.wrap(source, 50), fontsize=style.MIN_PT, color=MUTED, style="italic"),
    ]
    if getattr(row, "said", ""):  # a change names what changed, in the report's words
        texts.append(ax.text(0.07, 0.555, style.wrap(f"«{row.said}»", 42), fontsize=14, color=INK))
    for text in texts:
        text.set(transform=ax.transAxes, va="center" if text is texts[0] else "top", in_layout=False)
    if bad or doubt:
        ax.text(0.07, 0.07, labels.t("mismatch.mark" if bad else "doubtful.mark", ctx.lang), fontsize=13,
                color=BAD if bad else MUTED, va="bottom", transform=ax.transAxes, in_layout=False)


def execution(rows: pd.DataFrame, ctx: Context) -> Figure:
    """Spending against the annual plan beside the on-track share of the year, for every place."""
    if rows.empty:
        return missing_figure(ctx, "title.execution", "what.execution")
    fig, axes = style.new_figure(ctx.title("title.execution", rows), ctx.foot(rows))
    ax = axes[0, 0]
    data = rows.iloc[::-1].reset_index(drop=True)
    y = np.arange(len(data))
    bars = ax.barh(y, data["value"], 0.6, color=[ACCENT if s else OTHER for s in data["in_scope"]])
    for bar, bad in zip(bars, data["mismatch"]):
        if bad:
            bar.set(hatch=style.MISMATCH_HATCH, edgecolor=BAD, linewidth=2)
    ax.scatter(data["on_track_pct"], y, marker="|", s=1400, linewidths=4, color=INK, zorder=3,
               label=labels.t("execution.on_track", ctx.lang))
    if not data["in_scope"].all():  # say what the two bar colours mean
        for colour, name in ((ACCENT, ctx.region_name), (OTHER, labels.t("execution.others", ctx.lang))):
            ax.add_patch(Rectangle((0, 0), 0, 0, color=colour, label=name))
    for i, row in data.iterrows():
        ax.text(max(row.value, row.on_track_pct) + 2, i,
                f"{labels.number(row.value, ctx.lang, 2)}%{DOUBT_MARK if doubtful_row(row) else ''}"
                f" / {labels.number(row.on_track_pct, ctx.lang)}%" + (" ⚠" if row.mismatch else ""), va="center", fontsize=15,
                color=BAD if row.mismatch else INK, fontweight="bold" if row.in_scope else "normal")
    ax.set_yticks(y, [
        f"{style.shorten(ctx.name(r.source_region), 30)} · {labels.period(r.period_start, r.period_end, ctx.lang)}"
        + (f" · {labels.program(r.program, ctx.lang)}" if r.program != "all" else "") for r in data.itertuples()])
    ax.set_xlim(0, max(125, data["value"].max() + 30))
    style.number_axis(ax, ctx.lang, suffix="%")
    ax.grid(axis="y", visible=False)
    if not data["in_scope"].any():
        ax.set_title(style.wrap(labels.t("execution.none_here", ctx.lang, region=ctx.region_name), 90),
                     fontsize=16, fontweight="normal", color=MUTED)
    style.legend_from_axes(fig, axes)
    return fig


def activity_counts(counts: pd.DataFrame, ctx: Context) -> Figure:
    """Projects and businesses supported by activity: a panel per measure (multi-year totals apart),
    one colour per period."""
    if counts.empty:
        return missing_figure(ctx, "title.activity", "what.activity")
    return _count_panels(counts, ctx, "title.activity", lambda r: labels.activity(r.activity, ctx.lang))


def typical_products(rows: pd.DataFrame, ctx: Context) -> Figure:
    """Typical rural products and businesses recognised, one bar per level and period stated."""
    if rows.empty:
        return missing_figure(ctx, "title.typical", "what.typical")
    return _count_panels(rows.assign(activity=Activity.TYPICAL_PRODUCTS.value), ctx, "title.typical",
                         lambda r: labels.level(r.recognition_level, ctx.lang))


def _panel_keys(counts: pd.DataFrame) -> pd.Series:
    """Each row's panel: its measure and whether it is a multi-year total."""
    return counts["measure"] + multi_year(counts).map({True: "·multi", False: ""})


def fit_count_panels(counts: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The figures a count chart draws, and those it leaves to the data-quality notebook and the export.

    A ranked view: the ``MAX_PANELS`` panels with the most figures (ties in the order of the measures),
    in each the ``MAX_BARS`` largest figures. The drawn rows keep their order; ``attrs["left_out"]``
    says how many were left out."""
    if counts.empty:
        return counts, counts.iloc[:0]
    keys = _panel_keys(counts)
    order = {m: i for i, m in enumerate(MEASURES)}
    sizes = keys.value_counts()
    ranked = sorted(sizes.index, key=lambda k: (-sizes[k], order.get(k.split("·")[0], len(order)), k))
    kept = pd.Series(False, index=counts.index)
    for key in ranked[:MAX_PANELS]:
        panel = counts[keys == key]
        kept[panel["value"].sort_values(ascending=False, kind="stable").index[:MAX_BARS]] = True
    shown, rest = counts[kept], counts[~kept]
    shown.attrs["left_out"] = len(rest)
    return shown, rest.reset_index(drop=True)


def _count_panels(counts: pd.DataFrame, ctx: Context, title_key: str, category: object) -> Figure:
    """One panel per measure (multi-year totals apart), one bar per figure, labelled with what, when, where.

    One colour: periods and places are too many to tell apart by colour, so the label names them."""
    several_places = counts["source_region"].nunique() > 1
    order = {a: i for i, a in enumerate(ACTIVITIES)}
    data = counts.sort_values(["activity", "period_start", "period_end", "source_region"], kind="stable",
                              key=lambda s: s.map(order) if s.name == "activity" else s)
    data = data.assign(multi=multi_year(data), hue="", cat=[
        style.wrap(category(r), 30, 1) + f"\n{labels.figure_period(r.measure, r.period_start, r.period_end, ctx.lang)}"
        + (f" · {style.shorten(ctx.name(r.source_region), 28)}" if several_places else "")
        for r in data.itertuples()])
    if title_key == "title.activity":
        data["cat"] = data["cat"] + data["recognition_level"].map(lambda v: f" · {labels.level(v, ctx.lang)}" if v else "")
    panels = [(m, multi) for m in MEASURES for multi in (False, True)
              if ((data["measure"] == m) & (data["multi"] == multi)).any()]
    ncols = min(3, len(panels))
    nrows = math.ceil(len(panels) / ncols)
    notes = estimate_notes(counts, ctx)
    if counts.attrs.get("left_out"):
        notes.append(labels.t("fit.rest", ctx.lang, shown=len(counts), total=len(counts) + counts.attrs["left_out"]))
    fig, axes = style.new_figure(ctx.title(title_key, counts), ctx.foot(counts, notes), nrows=nrows, ncols=ncols)
    for ax in axes.flat[len(panels):]:
        ax.set_axis_off()
    for index, (ax, (measure, multi)) in enumerate(zip(axes.flat, panels)):
        rows = data[(data["measure"] == measure) & (data["multi"] == multi)]
        rows = rows.assign(cat=_variant(rows, rows["cat"]))
        cats = list(dict.fromkeys(rows["cat"]))
        grouped_bars(ax, rows, "value", cats, {"": SERIES[0]}, ctx, 0)
        ax.tick_params(axis="y", labelsize=14 if ncols < 3 else 13)
        ax.set_title(style.wrap(labels.measure(measure, ctx.lang)
                                + (f" · {labels.t('multi_year', ctx.lang).lower()}" if multi else ""), 54 // ncols, 3),
                     fontsize=15, loc="right" if index % ncols == ncols - 1 else "left")  # the last column ends at the edge
    return fig
