"""Helpers for exploring the tables in JupyterLab (``notebooks/explore.ipynb``).

Three calls cover most questions::

    from pipelines.publishing import explore
    spent = explore.figures(province="Đắk Lắk", measure="budget_spent")
    explore.chart(spent, x="period", y="value", hue="program", title="Kinh phí đã thực hiện – Đắk Lắk")

``table(name)`` loads any table of the contract as it is stored (ids, đồng).
"""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pandas as pd
from matplotlib.figure import Figure

from pipelines.analysis import labels, style, views
from pipelines.analysis.context import source_text
from pipelines.publishing import readable
from pipelines.tables import regions, store
from pipelines.tables.schema import MEASURES, PROGRAMS, TABLES


def table(name: str, processed: str | Path | None = None) -> pd.DataFrame:
    """A table of the contract by name (``documents``, ``facts``, ``checks``, ``mentions``), as stored."""
    if name not in TABLES:
        raise ValueError(f"unknown table {name!r}; valid: {', '.join(TABLES)}")
    return store.load(name, processed, missing_ok=name == "mentions")


def figures(province: str | None = None, year: int | None = None, program: str | None = None,
            measure: str | None = None, lang: str = "vi", processed: str | Path | None = None) -> pd.DataFrame:
    """The figures that match every filter given, readable: place names, words, amounts in tỷ đồng.

    - ``province``: a place's id or name (``"dak-lak"``, ``"Đắk Lắk"``, ``"phia-nam"``, ``"Cả nước"``);
      a region or the country includes the figures of the provinces within it.
    - ``year``: figures whose period includes that year (a 2012–2022 total counts for 2015).
    - ``program`` and ``measure``: a code (``"local"``, ``"budget_spent"``) or its words in
      either language (``"Khuyến công địa phương"``, ``"Spent"``).

    Each figure appears once, as on the charts, with its report, date and exact quote.
    Columns: ``readable.FIGURE_COLUMNS`` (``value`` is in tỷ đồng for money, else as stated).
    """
    facts = table("facts", processed)
    known = regions.known_regions()
    if province is not None:
        facts = views.scope(facts, _place_id(province, known), known)
    if year is not None:
        starts, ends = facts["period_start"].str[:4].astype(int), facts["period_end"].str[:4].astype(int)
        facts = facts[(starts <= year) & (year <= ends)]
    if program is not None:
        facts = facts[facts["program"] == _code(program, PROGRAMS, labels.program)]
    if measure is not None:
        facts = facts[facts["measure"] == _code(measure, MEASURES, labels.measure)]
    rows = views.distinct(facts.assign(source_region=facts["region_id"]))
    rows = rows.sort_values(["region_id", "period_start", "period_end", "measure", "program"], kind="stable")
    return readable.figures(rows, table("documents", processed), regions.region_names(known), lang)


def chart(frame: pd.DataFrame, x: str, y: str = "value", hue: str | None = None, title: str = "",
          lang: str = "vi") -> Figure:
    """A bar chart of ``frame`` in the house style (slide size, fonts, colours, source line), ``hue`` side by side.

    ``frame`` is what ``figures`` returns (its ``report`` and ``published`` make the source line);
    save it with ``fig.savefig("my-chart.png")``.
    """
    groups = list(dict.fromkeys(frame[hue])) if hue else [None]
    docs = frame[["report", "published"]].drop_duplicates().rename(columns={"report": "title"}).fillna("")
    fig, axes = style.new_figure(title, [source_text(docs, lang)])
    ax = axes[0, 0]
    categories = list(dict.fromkeys(frame[x]))
    width = 0.8 / len(groups)
    for i, group in enumerate(groups):
        part = frame if group is None else frame[frame[hue] == group]
        values = part.groupby(x, sort=False)[y].sum(min_count=1).reindex(categories)
        positions = [c + (i - (len(groups) - 1) / 2) * width for c in range(len(categories))]
        bars = ax.bar(positions, values.fillna(0), width, label=group, color=style.SERIES[i % len(style.SERIES)])
        ax.bar_label(bars, [labels.number(v, lang, 3) if pd.notna(v) else "" for v in values], fontsize=14, padding=3)
    ax.set_xticks(range(len(categories)), [str(c) for c in categories])
    if "unit" in frame and frame["unit"].nunique() == 1:
        ax.set_ylabel(frame["unit"].iloc[0])
    style.number_axis(ax, lang, "y")
    ax.margins(y=0.15)
    ax.grid(axis="x", visible=False)
    if hue:
        style.legend_from_axes(fig, axes)
    return fig


def _fold(text: str) -> str:
    """Lower case without diacritics, so "dak lak" finds "Đắk Lắk"."""
    text = unicodedata.normalize("NFD", text.replace("Đ", "D").replace("đ", "d"))
    return "".join(c for c in text if not unicodedata.combining(c)).lower().strip()


def _place_id(place: str, known: dict[str, regions.Region]) -> str:
    if place in known:
        return place
    wanted = _fold(place)
    for region_id, region in known.items():
        names = (region.name_vi, *region.aliases, labels.region(region_id, "vi"), labels.region(region_id, "en"))
        if wanted in {_fold(n) for n in names}:
            return region_id
    raise ValueError(f"unknown place {place!r}; use a region id or name, e.g. {', '.join(list(known)[:5])}")


def _code(text: str, codes: tuple[str, ...], words: object) -> str:
    """A code from itself or from its words in Vietnamese or English."""
    if text in codes:
        return text
    for code in codes:
        if _fold(text) in {_fold(words(code, lang)) for lang in labels.LANGS}:
            return code
    raise ValueError(f"unknown value {text!r}; valid: {', '.join(codes)} (or their words)")
