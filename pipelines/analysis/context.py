"""What every chart of a run shares: the region, the language, the reports, and the notes at its foot.

``Context`` names places, builds titles (a country chart of regional figures says
it compares places), source lines (reports, dates, months covered, how many
figures are unreviewed, how many of those are marked "?" for low confidence) and footnotes (mismatches with stated and recomputed
values, estimates, conflicting figures), and saves charts where the registry
(``talk``) puts them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import pandas as pd
from matplotlib.figure import Figure

from pipelines import paths
from pipelines.analysis import labels, style
from pipelines.analysis.views import doubtful_count, review_counts, source_documents
from pipelines.tables.regions import ALL, COUNTRY
from pipelines.tables.schema import MEASURE_UNITS
from pipelines.tables.vocabulary import Qualifier

if TYPE_CHECKING:
    from IPython.display import Image


@dataclass
class Context:
    """What every chart of a notebook run needs besides its data."""

    region: str
    lang: str
    documents: pd.DataFrame
    figures_dir: str | Path = ""
    names: dict[str, str] = field(default_factory=dict)
    # with units 2025: each figure's former provinces and those of its unit it lacks (fact_id,
    # doc_id, parts, missing_parts); empty otherwise
    unit_parts: pd.DataFrame = field(default_factory=pd.DataFrame)

    def name(self, region_id: str) -> str:
        return labels.region(region_id, self.lang, self.names)

    @property
    def region_name(self) -> str:
        return self.name(self.region)

    def title(self, key: str, frame: pd.DataFrame) -> str:
        """A chart title; for the country, one that says so when the figures are of places within it."""
        places = set(frame.get("source_region", pd.Series(dtype=str)))
        if not places and "doc_id" in frame.columns:  # a view of reports (numbers rejected): their places
            docs = {d for ids in frame["doc_id"].dropna() for d in str(ids).split(",")}
            places = set(self.documents.loc[self.documents["doc_id"].isin(docs), "region_id"])
        about = self.region_name
        if self.region in (ALL, COUNTRY) and places - {COUNTRY}:
            about = labels.t("places", self.lang)
        return labels.t(key, self.lang, region=about)

    def sources(self, frame: pd.DataFrame) -> str:
        """The source line: reports and dates, the months covered, and how many figures are unreviewed."""
        text = source_text(source_documents(frame, self.documents), self.lang)
        if text and {"period_start", "period_end"} <= set(frame.columns):
            span = labels.period(frame["period_start"].min(), frame["period_end"].max(), self.lang)
            text += f" · {labels.t('data_period', self.lang, period=span)}"
        unreviewed, total = review_counts(frame)
        if text and total:
            text += " · " + (labels.t("unreviewed", self.lang, n=unreviewed, total=total) if unreviewed
                             else labels.t("all_reviewed", self.lang))
            doubtful = doubtful_count(frame)  # marked "?" on the chart, named beside the review status
            text += f" · {labels.t('doubtful', self.lang, n=doubtful)}" if doubtful else ""
        return text

    def foot(self, frame: pd.DataFrame, notes: list[str] = ()) -> list[str]:
        """Footnotes (mismatches first), then the source line."""
        return [*mismatch_notes(frame, self), *self.partial_units(frame), *notes, self.sources(frame)]

    def partial_units(self, frame: pd.DataFrame) -> list[str]:
        """With units 2025, a note when the figures drawn lack some former provinces of their
        unit ("Số liệu chỉ của Bắc Giang (cũ), thiếu Bắc Ninh (cũ)"): a unit's bar is not the unit's whole."""
        if self.unit_parts.empty or frame.empty:
            return []
        if "fact_id" in frame.columns:
            rows = self.unit_parts[self.unit_parts["fact_id"].isin(frame["fact_id"])]
        elif "doc_id" in frame.columns:
            docs = {d for ids in frame["doc_id"].dropna() for d in str(ids).split(",")}
            rows = self.unit_parts[self.unit_parts["doc_id"].isin(docs)]
        else:
            return []
        partial = rows[rows["missing_parts"].fillna("") != ""]
        if partial.empty:
            return []
        names = lambda ids: ", ".join(self.name(r) for r in sorted({i for v in ids for i in str(v).split(",") if i}))  # noqa: E731
        return [labels.t("parts.only", self.lang, present=names(partial["parts"]), missing=names(partial["missing_parts"]))]

    def save(self, fig: Figure, chart: object) -> tuple[Path, Path]:
        """Write ``fig`` where the registry puts ``chart`` (a ``talk.Chart``): PNG and SVG."""
        png, _ = chart.files(self.figures_dir or paths.figures_dir(self.lang), self.region)
        return style.save(fig, png.parent, png.stem)

    def publish(self, fig: Figure, chart: object) -> Image:
        """Save the chart for the slides and return it for display in the notebook."""
        from IPython.display import Image

        png, _ = self.save(fig, chart)
        title = next((t.get_text() for t in fig.texts if t.get_text().strip()), "")  # new_figure's first text
        return Image(filename=str(png), width=960, alt=title.replace("\n", " "))


def source_text(docs: pd.DataFrame, lang: str, limit: int = 3) -> str:
    """``Nguồn: <title> (<date>); …`` naming at most ``limit`` reports, then how many more."""
    if docs.empty:
        return ""
    items = [f"{style.shorten(row.title, 70)} ({labels.date(row.published, lang)})"
             for row in docs.head(limit).itertuples()]
    if len(docs) > limit:
        items.append(labels.t("more_reports", lang, n=len(docs) - limit))
    return f"{labels.t('source', lang)}: " + "; ".join(items)


def mismatch_notes(frame: pd.DataFrame, ctx: Context) -> list[str]:
    """One footnote per figure a cross-check finds wrong: what it is, stated and recomputed."""
    if "mismatch" not in frame.columns:
        return []
    notes = []
    for row in frame[frame["mismatch"].fillna(False).astype(bool)].itertuples():
        unit = MEASURE_UNITS[row.measure]
        value = row.value if hasattr(row, "value") else row.value_bn * 1e9
        what = f"{labels.measure(row.measure, ctx.lang)}, {ctx.name(row.source_region)}, " \
               f"{labels.figure_period(row.measure, row.period_start, row.period_end, ctx.lang)}"
        if getattr(row, "program", "all") != "all":
            what += f", {labels.program(row.program, ctx.lang)}"
        notes.append(labels.t("mismatch.note", ctx.lang, what=what, stated=labels.value(value, unit, ctx.lang),
                              computed=labels.value(row.recomputed, unit, ctx.lang)))
    return list(dict.fromkeys(notes))


def missing_figure(ctx: Context, title_key: str, what_key: str) -> Figure:
    """A chart that says there is nothing to show, and what is missing."""
    fig, axes = style.new_figure(labels.t(title_key, ctx.lang, region=ctx.region_name), [])
    style.say_missing(axes[0, 0], labels.t("no_figures", ctx.lang, what=labels.t(what_key, ctx.lang),
                                           region=ctx.region_name))
    return fig


def estimate_notes(frame: pd.DataFrame, ctx: Context) -> list[str]:
    notes = [labels.t("estimate.note", ctx.lang)] if (frame["qualifier"] == Qualifier.ESTIMATE).any() else []
    if "conflict" in frame.columns and frame["conflict"].fillna(False).any():
        notes.append(labels.t("conflict.note", ctx.lang))
    return notes
