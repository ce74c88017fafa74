"""The charts of a talk, in the order they are shown, and the data-quality charts.

This registry is the one list of charts the notebooks, the slides and the
exports share. Its API is small and meant to stay stable:

- ``CHARTS``: every ``Chart`` in order; ``charts_of(kind=None, notebook=None)``
  filters it and ``chart(name)`` finds one by ``name`` or ``slug``.
- ``Chart``: ``order`` (its place in its kind), ``slug`` (stable, file-safe),
  ``kind`` (``"conference"`` or ``"quality"``), ``notebook`` (stem of the
  notebook that shows it), ``data(tables, region, lang) -> DataFrame`` (its
  view), ``draw(data, ctx) -> Figure`` (its figure). ``name`` is the file name
  without suffix, ``"01-key-figures"``; ``files(figures_dir, region)`` gives
  ``<figures_dir>/<region>/<kind>/<name>.png`` and ``.svg``.
- ``Tables`` (``load_tables(processed_dir)``) holds the contract's tables and
  the region reference; ``context(tables, region, lang, figures_dir)`` is the
  ``Context`` every figure needs.
- ``Chart.rest(tables, region, lang)``, where set, gives the figures of the view the chart leaves
  out to stay readable; ``left_out(tables, region, lang)`` gathers them for the data-quality
  notebook. ``own_figures(view)``: whether a view holds figures of its region (a chart that
  compares places may hold only others'; a talk leaves it out).
- ``render(chart, tables, region, lang, figures_dir)`` draws and saves one chart
  and returns its PNG and SVG paths; ``show(name, tables, ctx)`` does the same in
  a notebook and returns the chart's data and the image to display.

The batch runner passes ``figures_dir=figures/<lang>``, so the charts of one
language never overwrite the other's; a notebook run without it writes there too.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
from matplotlib.figure import Figure

from pipelines import paths
from pipelines.analysis import charts, labels, quality, views
from pipelines.analysis.context import Context
from pipelines.analysis.units import apply as apply_units
from pipelines.tables import regions, store
from pipelines.tables.regions import Region

KINDS = ("conference", "quality")


@dataclass(frozen=True)
class Tables:
    """The contract's tables as loaded once per notebook run, with the region reference."""

    documents: pd.DataFrame
    facts: pd.DataFrame
    checks: pd.DataFrame
    mentions: pd.DataFrame
    known: dict[str, Region] = field(default_factory=regions.known_regions)
    # with ``confirmed``: the facts nobody confirmed or corrected, left out of this conference version
    left_out: pd.DataFrame | None = None
    units: str = "2024"

    def scoped(self, region: str) -> pd.DataFrame:
        """The facts that count toward ``region``, each marked when a cross-check finds it wrong."""
        return views.flag_mismatches(views.scope(self.facts, region, self.known), self.checks)


def load_tables(processed_dir: str | Path | None = None, units: str = "2024", lang: str = "vi",
                confirmed: bool = False) -> Tables:
    """The tables and the region reference as ``units`` count places: ``2024`` the provinces
    before 1 July 2025, ``2025`` the 34 units with their former provinces' figures (see ``units``).
    With ``confirmed``, a conference version: only the facts an analyst confirmed or corrected,
    the others kept in ``left_out``."""
    documents, facts, checks, mentions = store.load_set(processed=processed_dir).values()  # one set, never two
    left_out = None
    if confirmed:
        facts, left_out = views.reviewed_only(facts)
    facts, known = apply_units(units, facts, regions.known_regions(), lang)
    return Tables(documents, facts, checks, mentions, known, left_out, units)


def left_out_note(tables: Tables, region: str, lang: str) -> str:
    """What a conference version (``confirmed``) leaves out of ``region``, in words; empty otherwise."""
    if tables.left_out is None:
        return ""
    rows = views.scope(tables.left_out, region, tables.known) if len(tables.left_out) else tables.left_out
    if rows.empty:
        return labels.t("left_out.none", lang)
    return labels.t("left_out", lang, n=len(rows), reports=rows["doc_id"].nunique())


@dataclass(frozen=True)
class Chart:
    order: int
    slug: str
    kind: str
    notebook: str
    data: Callable[[Tables, str, str], pd.DataFrame]
    draw: Callable[[pd.DataFrame, Context], Figure]
    # the figures of the view the chart leaves out to stay readable (``charts.fit_count_panels``)
    rest: Callable[[Tables, str, str], pd.DataFrame] | None = None

    @property
    def name(self) -> str:
        return f"{self.order:02d}-{self.slug}"

    def files(self, figures_dir: str | Path, region: str) -> tuple[Path, Path]:
        folder = Path(figures_dir) / region / self.kind
        return folder / f"{self.name}.png", folder / f"{self.name}.svg"


def context(tables: Tables, region: str, lang: str, figures_dir: str | Path = "") -> Context:
    """What every chart of ``region`` needs; charts go to ``figures_dir``, by default the batch's own
    ``figures/<lang>/`` (``paths.figures_dir``), so a notebook run by hand writes where the batch does."""
    columns = ["fact_id", "doc_id", "parts", "missing_parts"]
    parts = tables.facts[columns] if set(columns) <= set(tables.facts.columns) else pd.DataFrame(columns=columns)
    return Context(region, lang, tables.documents, figures_dir or paths.figures_dir(lang, tables.units),
                   regions.region_names(tables.known), parts)


def render(chart: Chart, tables: Tables, region: str, lang: str, figures_dir: str | Path) -> tuple[Path, Path]:
    ctx = context(tables, region, lang, figures_dir)
    return ctx.save(chart.draw(chart.data(tables, region, lang), ctx), chart)


def show(name: str, tables: Tables, ctx: Context) -> tuple[pd.DataFrame, object]:
    """Draw and save chart ``name`` for ``ctx``; its data (for a table) and the image (for the notebook)."""
    item = chart(name)
    data = item.data(tables, ctx.region, ctx.lang)
    return data, ctx.publish(item.draw(data, ctx), item)


def _key_figures(t: Tables, region: str, lang: str) -> pd.DataFrame:
    return views.key_figures(t.scoped(region), region, t.known)


def _budgets(t: Tables, region: str, lang: str) -> pd.DataFrame:
    return views.budgets(t.scoped(region))


def _funding_mix(t: Tables, region: str, lang: str) -> pd.DataFrame:
    return views.funding_mix(_budgets(t, region, lang))


def _plan_growth(t: Tables, region: str, lang: str) -> pd.DataFrame:
    scoped = t.scoped(region)
    return views.plan_growth(views.budgets(scoped), scoped)


def _execution(t: Tables, region: str, lang: str) -> pd.DataFrame:
    return views.execution(views.flag_mismatches(t.facts, t.checks), region, t.known)


def _activity(t: Tables, region: str, lang: str) -> pd.DataFrame:
    return charts.fit_count_panels(views.activity_counts(t.scoped(region)))[0]


def _activity_rest(t: Tables, region: str, lang: str) -> pd.DataFrame:
    return charts.fit_count_panels(views.activity_counts(t.scoped(region)))[1]


def _typical(t: Tables, region: str, lang: str) -> pd.DataFrame:
    return charts.fit_count_panels(views.typical_products(t.scoped(region)))[0]


def _typical_rest(t: Tables, region: str, lang: str) -> pd.DataFrame:
    return charts.fit_count_panels(views.typical_products(t.scoped(region)))[1]


def _coverage(t: Tables, region: str, lang: str) -> pd.DataFrame:
    return views.coverage(t.scoped(region), t.known)


def _periods(t: Tables, region: str, lang: str) -> pd.DataFrame:
    return views.periods(t.scoped(region))


def _checks(t: Tables, region: str, lang: str) -> pd.DataFrame:
    return views.checks_for(t.checks, t.documents, t.scoped(region), region, t.known, t.facts)


def _rejected(t: Tables, region: str, lang: str) -> pd.DataFrame:
    return views.rejection_reasons(views.mentions_for(t.mentions, t.documents, region, t.known))


CHARTS: tuple[Chart, ...] = (
    Chart(1, "key-figures", "conference", "regional_performance", _key_figures, charts.key_figures),
    Chart(2, "funding-over-time", "conference", "funding_trends", _budgets, charts.funding_over_time),
    Chart(3, "funding-mix", "conference", "funding_trends", _funding_mix, charts.funding_mix),
    Chart(4, "plan-growth", "conference", "funding_trends", _plan_growth, charts.plan_growth),
    Chart(5, "execution-vs-plan", "conference", "regional_performance", _execution, charts.execution),
    Chart(6, "projects-by-activity", "conference", "regional_performance", _activity, charts.activity_counts,
          _activity_rest),
    Chart(7, "typical-products", "conference", "regional_performance", _typical, charts.typical_products, _typical_rest),
    Chart(1, "coverage", "quality", "data_quality", _coverage, quality.coverage),
    Chart(2, "periods", "quality", "data_quality", _periods, quality.periods),
    Chart(3, "cross-checks", "quality", "data_quality", _checks, quality.check_errors),
    Chart(4, "rejected-mentions", "quality", "data_quality", _rejected, quality.rejected),
)


def left_out(tables: Tables, region: str, lang: str) -> pd.DataFrame:
    """The figures the conference charts leave out to stay readable, with their reports, for the
    data-quality notebook (the export holds every figure)."""
    parts = [item.rest(tables, region, lang) for item in CHARTS if item.rest is not None]
    rows = pd.concat([p for p in parts if len(p)], ignore_index=True) if any(len(p) for p in parts) else pd.DataFrame()
    return views.with_documents(rows, tables.documents) if len(rows) else rows


def own_figures(view: pd.DataFrame) -> bool:
    """Whether a chart's view holds figures of its region: a chart that compares places may draw only
    other places' (``in_scope`` false everywhere), and a talk leaves such a chart out."""
    return not view.empty and ("in_scope" not in view.columns or bool(view["in_scope"].any()))


def charts_of(kind: str | None = None, notebook: str | None = None) -> list[Chart]:
    """The registered charts in talk order, optionally of one kind or one notebook."""
    return [c for c in CHARTS if (kind is None or c.kind == kind) and (notebook is None or c.notebook == notebook)]


def chart(name: str) -> Chart:
    """A chart by ``name`` (``01-key-figures``) or ``slug`` (``key-figures``)."""
    for item in CHARTS:
        if name in (item.name, item.slug):
            return item
    raise KeyError(f"unknown chart {name!r}; valid: {', '.join(c.slug for c in CHARTS)}")
