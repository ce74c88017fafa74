"""Helpers for exploring the tables in JupyterLab (``notebooks/explore.ipynb``).

Three calls cover most questions::

    from pipelines.publishing import explore
    spent = explore.figures(province="Đắk Lắk", measure="budget_spent")
    explore.chart(spent, x="period", y="value", hue="program", title="Kinh phí đã thực hiện – Đắk Lắk")

``table(name)`` loads any table of the contract as it is stored (ids, đồng).
"""

from __future__ import annotations

import html
import unicodedata
from pathlib import Path

import pandas as pd
from matplotlib.figure import Figure

from pipelines.analysis import labels, style, views
from pipelines.analysis.context import source_text
from pipelines.publishing import readable
from pipelines.tables import regions, store
from pipelines.tables.regions import ancestors
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
    everything = table("facts", processed)
    known = regions.known_regions()
    place = _place_id(province, known) if province is not None else None
    wanted = {"program": _code(program, PROGRAMS, labels.program) if program is not None else None,
              "measure": _code(measure, MEASURES, labels.measure) if measure is not None else None}
    facts = _select(everything, known, place, year, **wanted)
    rows = views.distinct(facts.assign(source_region=facts["region_id"]))
    rows = rows.sort_values(["region_id", "period_start", "period_end", "measure", "program"], kind="stable")
    found = Selection(readable.figures(rows, table("documents", processed), regions.region_names(known), lang))
    if found.empty and len(everything):
        found.nearby = nearby(everything, known, place, year, lang, **wanted)
    return found


class Selection(pd.DataFrame):
    """What ``figures`` returns: a table of figures that, when empty, says what there is nearby."""

    _metadata = ["nearby"]
    nearby: str = ""

    @property
    def _constructor(self) -> type:
        return Selection

    def __repr__(self) -> str:
        return f"{self.nearby}\n{super().__repr__()}" if self.empty and self.nearby else super().__repr__()

    def _repr_html_(self) -> str | None:
        body = super()._repr_html_()
        if self.empty and self.nearby:
            return "<p>" + html.escape(self.nearby).replace("\n", "<br>") + "</p>" + (body or "")
        return body


def _select(facts: pd.DataFrame, known: dict[str, regions.Region], place: str | None, year: int | None,
            program: str | None = None, measure: str | None = None) -> pd.DataFrame:
    if place is not None:
        facts = views.scope(facts, place, known)
    if year is not None:
        starts, ends = facts["period_start"].str[:4].astype(int), facts["period_end"].str[:4].astype(int)
        facts = facts[(starts <= year) & (year <= ends)]
    if program is not None:
        facts = facts[facts["program"] == program]
    if measure is not None:
        facts = facts[facts["measure"] == measure]
    return facts


NEARBY = {
    "none": ("Không có số liệu nào khớp mọi điều kiện đã chọn. Gần nhất:",
             "No figure matches every filter given. Nearby:"),
    "periods": ("cùng nơi và chỉ tiêu, kỳ khác: {items}", "same place and measure, other periods: {items}"),
    "measures": ("cùng nơi và năm, chỉ tiêu khác: {items}", "same place and year, other measures: {items}"),
    "parent": ("{place} (nơi {child} thuộc về): {items}", "{place} (which {child} is part of): {items}"),
    "nothing": ("không có số liệu nào của nơi này hay nơi nó thuộc về", "no figure for this place or those it is part of"),
}


def nearby(facts: pd.DataFrame, known: dict[str, regions.Region], place: str | None, year: int | None,
           lang: str = "vi", program: str | None = None, measure: str | None = None) -> str:
    """What there is near an empty selection: other periods of the same place and measure, other
    measures of the same place and year, and the same question asked of the place's parent regions."""
    say = lambda key, **f: NEARBY[key][labels.LANGS.index(labels.check_lang(lang))].format(**f)  # noqa: E731
    lines = []
    periods = _select(facts, known, place, None, program, measure)
    if year is not None and len(periods):
        lines.append(say("periods", items=_listed(periods, lang, periods=True)))
    measures = _select(facts, known, place, year, program, None)
    if measure is not None and len(measures):
        lines.append(say("measures", items=_listed(measures, lang, periods=False)))
    for parent in (ancestors(place, known)[1:] if place is not None else ()):
        above = _select(facts, known, parent, year, program, measure)
        above = above[above["region_id"] == parent]  # the parent's own figures, not its other provinces'
        if len(above):
            lines.append(say("parent", place=labels.region(parent, lang, regions.region_names(known)),
                             child=labels.region(place, lang, regions.region_names(known)),
                             items=_listed(above, lang, periods=True)))
            break
    return "\n".join([say("none")] + [f"- {line}" for line in lines or [say("nothing")]])


def _listed(rows: pd.DataFrame, lang: str, periods: bool, most: int = 6) -> str:
    """Distinct periods (with their measures) or measures of ``rows``, at most ``most``, in words."""
    if periods:
        items = [f"{labels.figure_period(m, s, e, lang)} ({labels.measure(m, lang).lower()})"
                 for m, s, e in rows[["measure", "period_start", "period_end"]].drop_duplicates().itertuples(index=False)]
    else:
        items = [labels.measure(m, lang) for m in rows["measure"].drop_duplicates()]
    items = list(dict.fromkeys(items))
    return "; ".join(items[:most]) + (" …" if len(items) > most else "")


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
