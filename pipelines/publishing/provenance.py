"""Which facts a chart draws, and how to say so in a slide's speaker notes.

A view names its facts in ``fact_id`` (comma-separated where rows were combined);
views that compute from facts without naming them (funding mix, plan growth,
counts added over programmes) are matched back to the facts through the columns
they share with the facts table and the reports they cite.
"""

from __future__ import annotations

import pandas as pd

from pipelines.analysis import labels, views
from pipelines.publishing import readable
from pipelines.tables.vocabulary import Measure, Program

MATCHED = ("source_region", "period_start", "period_end", "program", "activity", "measure")
# views that put programmes side by side as columns
WIDE_PROGRAMS = (Program.NATIONAL, Program.LOCAL, Program.COUNTERPART)


def _ids(cells: pd.Series) -> set[str]:
    return {part for cell in cells.dropna() for part in str(cell).split(",") if part}


def drawn_facts(view: pd.DataFrame, facts: pd.DataFrame) -> pd.DataFrame:
    """The rows of ``facts`` that ``view`` draws, ordered by place, period and measure."""
    if view.empty:
        return facts.iloc[0:0]
    for column in ("fact_id", "fact_ids"):
        if column in view.columns:
            ids = _ids(view[column])
            return _ordered(facts[facts["fact_id"].isin(ids)].drop_duplicates("fact_id"))
    candidates = views.achieved(facts).assign(source_region=lambda f: f["region_id"])
    keep = pd.Series(False, index=candidates.index)
    for row in view.to_dict("records"):
        keep |= _matches(candidates, row)
    return _ordered(candidates[keep].drop_duplicates("fact_id"))


def _matches(candidates: pd.DataFrame, row: dict[str, object]) -> pd.Series:
    """Facts of the row's reports that agree with it on every column they share."""
    hit = candidates["doc_id"].isin(_ids(pd.Series([row.get("doc_id")])))
    for column in MATCHED:
        if column not in row:
            continue
        wanted = set(str(row[column]).split("+")) if column == "program" else {row[column]}
        hit &= candidates[column].isin(wanted)
    if "activity" not in row:  # a view without activities draws the figures over all activities
        hit &= candidates["activity"] == "all"
    if "value" in row and "+" not in str(row.get("program", "")):  # a row that is one figure, not a sum of several
        hit &= candidates["value"] == row["value"]
    if "program" not in row and any(p in row for p in WIDE_PROGRAMS):
        hit &= candidates["program"].isin([p for p in WIDE_PROGRAMS if pd.notna(row.get(p))])
    if "year" in row:  # a change between two years draws on both years' figures
        years = {str(row["year"]), str(int(row["year"]) - 1)}
        hit &= (candidates["period_end"].str[:4].isin(years)
                & candidates["measure"].isin((Measure.BUDGET_PLAN, Measure.GROWTH_PCT)))
    return hit


def _ordered(facts: pd.DataFrame) -> pd.DataFrame:
    return facts.sort_values(["region_id", "period_start", "period_end", "measure", "program", "activity"],
                             kind="stable").reset_index(drop=True)


def notes(facts: pd.DataFrame, documents: pd.DataFrame, names: dict[str, str], lang: str) -> str:
    """Speaker notes: every figure drawn with its report, date and full quote, and how many are unreviewed."""
    heading = ("Số liệu trên biểu đồ" if lang == "vi" else "Figures on this chart") + f" ({len(facts)})"
    lines = [f"{heading} · {readable.unreviewed_note(facts, lang)}"]
    doubtful = views.doubtful_count(facts)
    lines[0] += f" · {labels.t('doubtful', lang, n=doubtful)}" if doubtful else ""
    table = readable.figures(facts, documents, names, lang)
    for fact, row in zip(facts.itertuples(), table.itertuples()):
        qualifier = f"{row.qualifier} " if row.qualifier else ""
        what = " · ".join(p for p in (row.place, row.period, row.program, row.activity) if p)
        flag = ""
        if bool(getattr(fact, "mismatch", False)):
            flag = " " + readable.word("deck.flag", lang, computed=labels.value(fact.recomputed, fact.unit, lang))
        doubt = f" · {row.attention}" if row.attention else ""  # low confidence, nobody confirmed
        lines += [f"• {row.measure}: {qualifier}{labels.value(fact.value, fact.unit, lang)}{flag} — {what}"
                  f" [{row.review_state}{doubt}]",
                  f"  {row.report} ({labels.date(row.published or '', lang)})",
                  f"  “{row.quote}”"]
    return "\n".join(lines)
