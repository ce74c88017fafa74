"""Tidy views of the tables for the notebooks: plain functions from DataFrames to DataFrames.

Every view keeps ``doc_id`` (comma-separated where rows were combined) so each
figure on a chart can name the report it comes from, and ``source_region``, the
place the report states the figure for, next to ``region``, the place the view
is about.
"""

from __future__ import annotations

import re

import pandas as pd

from pipelines.tables.regions import ALL, Region, ancestors, sort_regions
from pipelines.tables.vocabulary import Activity, Measure, Program, Qualifier

# What tells two figures apart: a figure is the same figure only if all of these and its value agree.
KEY = ["source_region", "period_start", "period_end", "program", "activity", "measure", "qualifier",
       "recognition_level"]
BUDGET_MEASURES = (Measure.BUDGET_PLAN, Measure.BUDGET_ALLOCATED, Measure.BUDGET_SPENT)
COUNT_MEASURES = (Measure.PROJECTS_PLANNED, Measure.PROJECTS_IMPLEMENTED, Measure.PROJECTS_COMPLETED,
                  Measure.BENEFICIARIES, Measure.MODELS, Measure.PRODUCTS)
KEY_MEASURES = (Measure.BUDGET_PLAN, Measure.BUDGET_SPENT, Measure.EXECUTION_PCT, Measure.BUDGET_ALLOCATED,
                Measure.ALLOCATED_PCT, Measure.PROJECTS_IMPLEMENTED, Measure.PROJECTS_COMPLETED, Measure.BENEFICIARIES,
                Measure.GROWTH_PCT)
# A target or a per-year average is not an achieved figure: it is left out of totals and trends.
NOT_ACHIEVED = (Qualifier.TARGET, Qualifier.AVERAGE)
STATE_PROGRAMS = (Program.NATIONAL, Program.LOCAL)
# Carried by every view of figures, so a chart can mark what the reports or the checks say about each.
FLAGS = ["recognition_level", "mismatch", "recomputed", "conflict", "review_state", "confidence"]
# below this, a figure nobody confirmed or corrected is marked wherever it is shown (charts, cards, decks, exports)
LOW_CONFIDENCE = 0.5
REVIEWED = ("confirmed", "corrected")


def doubtful(frame: pd.DataFrame) -> pd.Series:
    """Figures nobody confirmed or corrected whose confidence is below LOW_CONFIDENCE."""
    if not {"review_state", "confidence"} <= set(frame.columns):
        return pd.Series(False, index=frame.index)
    return (frame["review_state"] == "unreviewed") & (frame["confidence"] < LOW_CONFIDENCE)


def doubtful_count(frame: pd.DataFrame) -> int:
    """How many figures of ``frame`` are doubtful (a row combining figures counts its ``doubtful``)."""
    if "doubtful" in frame.columns:
        return int(frame["doubtful"].sum())
    return int(doubtful(frame).sum())


def reviewed_only(facts: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(facts an analyst confirmed or corrected, the others): a conference version's figures and what it leaves out."""
    kept = facts["review_state"].isin(REVIEWED)
    return facts[kept].reset_index(drop=True), facts[~kept].reset_index(drop=True)


def rollup(facts: pd.DataFrame, known: dict[str, Region]) -> pd.DataFrame:
    """One row per fact and region it counts toward: the place itself, its conference region, the country."""
    chains = {r: ancestors(r, known) for r in facts["region_id"].unique()}
    out = facts.assign(source_region=facts["region_id"], region=facts["region_id"].map(chains))
    return out.explode("region", ignore_index=True)


def scope(facts: pd.DataFrame, region: str, known: dict[str, Region]) -> pd.DataFrame:
    """The facts that count toward ``region``; ``all`` keeps every fact once, under its own place."""
    if region == ALL:
        return facts.assign(source_region=facts["region_id"], region=ALL)
    rolled = rollup(facts, known)
    return rolled[rolled["region"] == region].reset_index(drop=True)


def in_scope(region_ids: pd.Series, region: str, known: dict[str, Region]) -> pd.Series:
    """Whether figures stated for each place count toward ``region``."""
    if region == ALL:
        return pd.Series(True, index=region_ids.index)
    return region_ids.map(lambda r: region in ancestors(r, known)).astype(bool)


def flag_mismatches(facts: pd.DataFrame, checks: pd.DataFrame) -> pd.DataFrame:
    """Mark each figure a cross-check finds wrong: ``mismatch`` and the ``recomputed`` value.

    A check's ``fact_ids`` name the stated figure first, then the figures it is recomputed from.
    """
    bad = checks[checks["status"] == "mismatch"]
    recomputed = {ids.split(",")[0]: computed for ids, computed in zip(bad["fact_ids"].fillna(""), bad["computed"])}
    return facts.assign(mismatch=facts["fact_id"].isin(recomputed),
                        recomputed=facts["fact_id"].map(recomputed).astype(float))


def distinct(frame: pd.DataFrame) -> pd.DataFrame:
    """Every distinct figure once: a figure stated again with the same value is dropped.

    Of repeats, a curated figure wins, then the one stated first in its report (the
    headline). Different values for the same key all stay; ``conflicts`` lists them.
    """
    ranked = frame.assign(_rank=(frame["method"] != "curated").astype(int))
    ranked = ranked.sort_values(["_rank", "doc_id", "char_start", "fact_id"], kind="stable")
    if "mismatch" not in ranked.columns:
        ranked = ranked.assign(mismatch=False, recomputed=float("nan"))
    if "confidence" not in ranked.columns:  # a table from before the optional columns
        ranked = ranked.assign(confidence=float("nan"))
    kept = ranked.drop_duplicates(KEY + ["value"]).drop(columns="_rank").reset_index(drop=True)
    return mark_conflicts(kept)


def conflicts(frame: pd.DataFrame) -> pd.DataFrame:
    """Figures for the same place, period, programme, activity, measure and level that disagree."""
    groups = frame.groupby(KEY, dropna=False)["value"].transform("nunique")
    return frame[groups > 1].sort_values(KEY + ["doc_id"]).reset_index(drop=True)


def mark_conflicts(frame: pd.DataFrame) -> pd.DataFrame:
    """Add ``conflict``: another figure of the frame has the same key and a different value."""
    return frame.assign(conflict=frame.groupby(KEY, dropna=False)["value"].transform("nunique") > 1)


def achieved(frame: pd.DataFrame) -> pd.DataFrame:
    return frame[~frame["qualifier"].isin(NOT_ACHIEVED)]


UNIT_PARTS = ("parts", "missing_parts")


def budgets(scoped: pd.DataFrame) -> pd.DataFrame:
    """Planned, allocated and spent funds over all activities, in billions (tỷ đồng)."""
    rows = achieved(scoped)
    rows = rows[rows["measure"].isin(BUDGET_MEASURES) & (rows["activity"] == "all")]
    rows = distinct(rows).assign(value_bn=lambda f: f["value"] / 1e9)
    columns = ["region", "source_region", "period_start", "period_end", "program", "measure", "value_bn",
               "qualifier", *FLAGS, "doc_id", "fact_id"]
    columns += [c for c in UNIT_PARTS if c in rows.columns]  # with units 2025: which former provinces a row covers
    return rows.sort_values(["period_start", "period_end", "source_region", "program", "measure"])[columns].reset_index(drop=True)


def funding_mix(budget_rows: pd.DataFrame) -> pd.DataFrame:
    """National, local and counterpart funds side by side per place and period, and the leverage.

    ``counterpart_per_state`` is how many đồng of the businesses' own money each
    đồng of state money (national + local) brings. Each group uses one measure,
    the one with most programmes stated (spent before allocated before plan).
    """
    columns = ["source_region", "period_start", "period_end", "measure", "national", "local", "counterpart",
               "counterpart_per_state", "unreviewed", "figures", "doubtful", "doc_id"]
    parts = budget_rows[budget_rows["program"].isin(STATE_PROGRAMS + (Program.COUNTERPART,))]
    records = []
    for (place, start, end), group in parts.groupby(["source_region", "period_start", "period_end"], sort=True):
        # of figures that disagree, the headline one: parts are never added up from both
        by_measure = {m: g.drop_duplicates("program").set_index("program")["value_bn"] for m, g in group.groupby("measure")}
        measure = max(by_measure, key=lambda m: (len(by_measure[m]), -list(reversed(BUDGET_MEASURES)).index(m)))
        values = by_measure[measure]
        if len(values) < 2:
            continue
        state = values.reindex(list(STATE_PROGRAMS)).sum(min_count=1)
        counterpart = values.get("counterpart", float("nan"))
        ratio = counterpart / state if pd.notna(state) and state > 0 else float("nan")
        docs = _join(group.loc[group["measure"] == measure, "doc_id"])
        records.append({
            "source_region": place, "period_start": start, "period_end": end, "measure": measure,
            "national": values.get("national", float("nan")), "local": values.get("local", float("nan")),
            "counterpart": counterpart, "counterpart_per_state": ratio, "doc_id": docs,
            **_review_columns(group[group["measure"] == measure]),
        })
    return pd.DataFrame.from_records(records, columns=columns)


def plan_growth(budget_rows: pd.DataFrame, scoped: pd.DataFrame) -> pd.DataFrame:
    """Year-on-year change of planned funds, computed from the plans of two consecutive years.

    ``stated_pct`` is the change a report gives for the same place, year and programme, if any.
    """
    columns = ["source_region", "program", "year", "previous_bn", "plan_bn", "growth_pct", "stated_pct", "doc_id",
               "unreviewed", "figures", "doubtful"]
    plans = budget_rows[(budget_rows["measure"] == Measure.BUDGET_PLAN)
                        & (budget_rows["period_start"].str[:4] == budget_rows["period_end"].str[:4])]
    plans = plans.assign(year=plans["period_start"].str[:4].astype(int))
    # the longest period of a year is that year's plan
    plans = plans.sort_values("period_end").drop_duplicates(["source_region", "program", "year"], keep="last")
    stated = achieved(scoped)
    stated = stated[(stated["measure"] == Measure.GROWTH_PCT) & (stated["activity"] == "all")
                    & (stated["period_start"].str[:4] == stated["period_end"].str[:4])]
    stated_by = {(r.source_region, r.program, int(r.period_start[:4])): r.value for r in stated.itertuples()}
    records = []
    for (place, program), group in plans.groupby(["source_region", "program"]):
        previous = None
        for row in group.sort_values("year").itertuples():
            if previous is not None and row.year == previous.year + 1 and previous.value_bn > 0:
                records.append({
                    "source_region": place, "program": program, "year": row.year,
                    "previous_bn": previous.value_bn, "plan_bn": row.value_bn,
                    "growth_pct": (row.value_bn / previous.value_bn - 1) * 100,
                    "stated_pct": stated_by.get((place, program, row.year), float("nan")),
                    "doc_id": ",".join(sorted({previous.doc_id, row.doc_id})),
                    "unreviewed": sum(r.review_state == "unreviewed" for r in (previous, row)), "figures": 2,
                    "doubtful": int(doubtful(group[group["fact_id"].isin([previous.fact_id, row.fact_id])]).sum()),
                })
            previous = row
    return pd.DataFrame.from_records(records, columns=columns)


def execution(facts: pd.DataFrame, region: str, known: dict[str, Region]) -> pd.DataFrame:
    """Execution against the annual plan for every place, with the on-track share of the year.

    A period ending in month m of its year is on track at m/12 of the plan.
    ``in_scope`` marks the figures that count toward ``region``; the others are
    there to compare with.
    """
    rows = achieved(facts)
    rows = rows[(rows["measure"] == Measure.EXECUTION_PCT)
                & (rows["period_start"].str[:4] == rows["period_end"].str[:4])]
    rows = distinct(rows.assign(source_region=rows["region_id"]))
    months = rows["period_end"].str[5:7].astype(int)
    out = rows.assign(
        on_track_pct=months / 12 * 100,
        gap_pct=rows["value"] - months / 12 * 100,
        in_scope=in_scope(rows["source_region"], region, known),
    )
    columns = ["source_region", "period_start", "period_end", "program", "measure", "value", "on_track_pct", "gap_pct",
               "in_scope", *FLAGS, "doc_id", "fact_id"]
    return out.sort_values(["period_end", "source_region", "program"])[columns].reset_index(drop=True)


def activity_counts(scoped: pd.DataFrame) -> pd.DataFrame:
    """Projects, businesses supported, models and products by activity, over all programmes.

    Where a report gives no all-programme figure, the national and local ones are added up:
    they count different projects.
    """
    rows = distinct(achieved(scoped)[lambda f: f["measure"].isin(COUNT_MEASURES)])
    group = ["source_region", "period_start", "period_end", "activity", "measure", "recognition_level"]
    whole = rows[rows["program"] == "all"]
    covered = set(whole[group].itertuples(index=False, name=None))
    uncovered = pd.Series([key not in covered for key in rows[group].itertuples(index=False, name=None)],
                          index=rows.index, dtype=bool)
    parts = rows[(rows["program"] != "all") & uncovered & ~rows["conflict"]]  # never add up disagreeing figures
    summed = parts.groupby(group).agg(
        value=("value", "sum"), program=("program", lambda p: "+".join(sorted(set(p)))),
        qualifier=("qualifier", "max"), mismatch=("mismatch", "any"), recomputed=("recomputed", "max"),
        conflict=("conflict", "any"), review_state=("review_state", "max"), confidence=("confidence", "min"),
        doc_id=("doc_id", _join)).reset_index()
    disagreeing = rows[(rows["program"] != "all") & uncovered & rows["conflict"]]
    columns = group + ["program", "value", "qualifier", "mismatch", "recomputed", "conflict", "review_state", "confidence",
                       "doc_id"]
    out = pd.concat([whole[columns], summed[columns], disagreeing[columns]], ignore_index=True)
    return out.sort_values(["measure", "period_start", "activity", "recognition_level"]).reset_index(drop=True)


def typical_products(scoped: pd.DataFrame) -> pd.DataFrame:
    """Typical rural products and businesses, one row per figure: every level and period stated."""
    rows = distinct(achieved(scoped))
    rows = rows[(rows["activity"] == Activity.TYPICAL_PRODUCTS)
                & rows["measure"].isin((Measure.PRODUCTS, Measure.BENEFICIARIES))]
    columns = ["source_region", "period_start", "period_end", "program", "measure", "value", "qualifier", *FLAGS,
               "quote", "doc_id", "fact_id"]
    return rows.sort_values(["measure", "period_start", "recognition_level"])[columns].reset_index(drop=True)


def key_figures(scoped: pd.DataFrame, region: str, known: dict[str, Region], limit: int = 6) -> pd.DataFrame:
    """The headline figures: one per measure, the broadest place's and the most recent first.

    A region's own figure beats its provinces' figures, which only cover part of it.
    """
    rows = distinct(achieved(scoped))
    rows = rows[rows["measure"].isin(KEY_MEASURES)]
    rank = rows.assign(
        _distance=rows["source_region"].map(lambda r: _distance(r, region, known)),
        _broad=(rows["activity"] != "all").astype(int) + (rows["program"] != "all").astype(int),
        _order=rows["measure"].map({m: i for i, m in enumerate(KEY_MEASURES)}),
    )
    rank = rank.sort_values(["_distance", "period_end", "_broad", "period_start"], ascending=[True, False, True, True])
    best = rank.drop_duplicates("measure").sort_values("_order").head(limit)
    best = best.drop(columns=["_distance", "_broad", "_order"]).reset_index(drop=True)
    # what a card must say besides its number: a total holding the businesses' own money says so,
    # and a change names what changed, in the report's words
    return best.assign(with_counterpart=[_with_counterpart(r, scoped) for r in best.itertuples()],
                       said=[_said_before(r) for r in best.itertuples()])


# the businesses' own money named in a total's sentence ("tổng vốn đầu tư … trong đó vốn đối ứng …")
_COUNTERPART_WORDS = re.compile(r"đối ứng|vốn tự có|(?:doanh nghiệp|cơ sở|đơn vị thụ hưởng) (?:đóng góp|tham gia|góp)", re.I)
SAID_MAX_CHARS = 64  # the words before a change that name it, as many as fit a card


def _with_counterpart(row: object, scoped: pd.DataFrame) -> bool:
    """A money figure of all sources whose total or sentence holds the businesses' own money."""
    if row.unit != "VND" or row.program != "all":
        return False
    group = str(getattr(row, "group_id", "") or "")
    parts = scoped[(scoped["doc_id"] == row.doc_id) & (scoped.get("group_id", "") == group)] if group else scoped.head(0)
    return bool((parts["program"] == Program.COUNTERPART).any()) or bool(_COUNTERPART_WORDS.search(str(getattr(row, "sentence", ""))))


def _said_before(row: object) -> str:
    """For a change (growth_pct): the quote's words before its number, the nearest ones that fit."""
    if row.measure != Measure.GROWTH_PCT:
        return ""
    words = str(row.quote)[: max(0, int(getattr(row, "number_start", row.char_start)) - int(row.char_start))].strip(" ,:;")
    if len(words) <= SAID_MAX_CHARS:
        return words
    cut = words[-SAID_MAX_CHARS:]
    return "…" + cut[cut.find(" ") + 1:] if " " in cut else "…" + cut


def _distance(source_region: str, region: str, known: dict[str, Region]) -> int:
    """How many roll-up steps separate a figure's place from the region of the view."""
    chain = ancestors(source_region, known)
    return chain.index(region) if region in chain else len(chain)


def with_documents(frame: pd.DataFrame, documents: pd.DataFrame) -> pd.DataFrame:
    """Add each row's report title and publication date, for tables that show sources."""
    docs = documents[["doc_id", "title", "published"]]
    return frame.merge(docs, on="doc_id", how="left")


def figure_table(scoped: pd.DataFrame, documents: pd.DataFrame) -> pd.DataFrame:
    """Every figure of the view with the report, date and exact quote it comes from."""
    columns = ["source_region", "period_start", "period_end", "program", "activity", "measure", "value", "unit",
               "qualifier", "recognition_level", "review_state", "quote", "char_start", "number_start",
               "number_end", "title", "published", "doc_id", "fact_id"]
    rows = with_documents(scoped if "source_region" in scoped.columns else scoped.assign(source_region=scoped["region_id"]),
                          documents)
    rows = rows.sort_values(["source_region", "period_start", "measure", "program"])
    return rows[[c for c in columns if c in rows.columns]].reset_index(drop=True)


def unreviewed(scoped: pd.DataFrame, documents: pd.DataFrame) -> pd.DataFrame:
    """Figures nobody has confirmed or corrected yet, with their report and quote, for review."""
    rows = distinct(scoped)
    return figure_table(rows[rows["review_state"] == "unreviewed"], documents)


def review_counts(frame: pd.DataFrame) -> tuple[int, int]:
    """How many of the figures in ``frame`` are unreviewed, and how many there are (a row that
    combines figures counts them through its ``unreviewed`` and ``figures`` columns)."""
    if {"unreviewed", "figures"} <= set(frame.columns):
        return int(frame["unreviewed"].sum()), int(frame["figures"].sum())
    states = frame["review_state"] if "review_state" in frame.columns else pd.Series(dtype=str)
    return int((states == "unreviewed").sum()), int(states.notna().sum())


def document_scope(documents: pd.DataFrame, region: str, known: dict[str, Region]) -> pd.Series:
    """The doc_ids of reports about ``region`` or a place within it."""
    return documents.loc[in_scope(documents["region_id"], region, known), "doc_id"]


def checks_for(checks: pd.DataFrame, documents: pd.DataFrame, scoped: pd.DataFrame, region: str,
               known: dict[str, Region], facts: pd.DataFrame | None = None) -> pd.DataFrame:
    """Cross-checks of reports about ``region``, or that use one of its figures, with the stated
    figure's place, period, programme and measure (from ``facts``, else ``scoped``)."""
    docs = set(document_scope(documents, region, known))
    ids = checks["fact_ids"].fillna("").str.split(",")
    uses = ids.map(lambda used: bool(set(scoped["fact_id"]).intersection(used)))
    stated = (scoped if facts is None else facts).drop_duplicates("fact_id").set_index("fact_id")
    about = ["region_id", "period_start", "period_end", "program", "measure"]
    rows = checks.assign(**{c: ids.str[0].map(stated[c]) for c in about})
    rows = rows[rows["doc_id"].isin(docs) | uses].rename(columns={"region_id": "source_region"})
    return with_documents(rows, documents).sort_values(["status", "rel_error"], ascending=[False, False]).reset_index(drop=True)


def coverage(scoped: pd.DataFrame, known: dict[str, Region]) -> pd.DataFrame:
    """How many distinct figures each place has per programme and measure, broadest place first."""
    rows = distinct(scoped)
    order = {r: i for i, r in enumerate(sort_regions(set(rows["source_region"]), known))}
    counts = (rows.groupby(["source_region", "program", "measure"])
              .agg(n=("fact_id", "size"), **_REVIEW_AGG, doc_id=("doc_id", _join)).reset_index())
    counts = counts.assign(_order=counts["source_region"].map(order))
    return counts.sort_values(["_order", "program", "measure"]).drop(columns="_order").reset_index(drop=True)


def periods(scoped: pd.DataFrame) -> pd.DataFrame:
    """Each place's periods with figures, and how many figures each holds."""
    rows = distinct(scoped)
    return (rows.groupby(["source_region", "period_start", "period_end"])
            .agg(n=("fact_id", "size"), **_REVIEW_AGG, doc_id=("doc_id", _join))
            .reset_index().sort_values(["source_region", "period_start"]).reset_index(drop=True))


def mentions_for(mentions: pd.DataFrame, documents: pd.DataFrame, region: str,
                 known: dict[str, Region]) -> pd.DataFrame:
    """Number mentions found in the reports about ``region``."""
    return mentions[mentions["doc_id"].isin(set(document_scope(documents, region, known)))].reset_index(drop=True)


def dropped(mentions: pd.DataFrame, documents: pd.DataFrame) -> pd.DataFrame:
    """Numbers an analyst dropped in review as not figures: the number, its words around it, its report."""
    rows = mentions[mentions["reason"] == "dropped_by_review"][["text", "context", "doc_id", "char_start"]]
    return with_documents(rows, documents).sort_values(["doc_id", "char_start"]).drop(columns="char_start") \
        .reset_index(drop=True)


def rejection_reasons(mentions: pd.DataFrame) -> pd.DataFrame:
    """Rejected mentions counted by reason, most frequent first."""
    rejected = mentions[mentions["status"] == "rejected"]
    counts = rejected.groupby("reason").agg(n=("mention_id", "size"), doc_id=("doc_id", _join))
    return counts.reset_index().sort_values(["n", "reason"], ascending=[False, True]).reset_index(drop=True)


# how many figures a grouped row stands for, and how many of them nobody has reviewed
_REVIEW_AGG = {"unreviewed": ("review_state", lambda s: int((s == "unreviewed").sum())), "figures": ("fact_id", "size")}


def _review_columns(figures: pd.DataFrame) -> dict[str, int]:
    unreviewed, total = review_counts(figures)
    return {"unreviewed": unreviewed, "figures": total, "doubtful": doubtful_count(figures)}


def _join(doc_ids: pd.Series) -> str:
    return ",".join(sorted(set(doc_ids)))


def source_documents(frame: pd.DataFrame, documents: pd.DataFrame) -> pd.DataFrame:
    """The reports a view draws on (from its comma-separated ``doc_id``), oldest first."""
    ids = {doc for cell in frame.get("doc_id", pd.Series(dtype=str)).dropna() for doc in str(cell).split(",") if doc}
    docs = documents[documents["doc_id"].isin(ids)][["doc_id", "title", "published"]]
    return docs.sort_values(["published", "title"]).reset_index(drop=True)
