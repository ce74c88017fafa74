"""Everything a deck or an export of one region reads, loaded once."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

import pandas as pd

from pipelines.analysis import labels, talk, views
from pipelines.tables import regions


@dataclass
class RegionData:
    region: str
    lang: str
    tables: talk.Tables

    @cached_property
    def scoped(self) -> pd.DataFrame:
        """The facts that count toward the region, each marked when a cross-check finds it wrong."""
        return self.tables.scoped(self.region)

    @cached_property
    def all_facts(self) -> pd.DataFrame:
        """Every fact, marked like ``scoped``: charts that compare places draw figures of other regions."""
        return views.flag_mismatches(self.tables.facts, self.tables.checks)

    @property
    def documents(self) -> pd.DataFrame:
        return self.tables.documents

    @property
    def names(self) -> dict[str, str]:
        return regions.region_names(self.tables.known)

    @property
    def name(self) -> str:
        return labels.region(self.region, self.lang, self.names)

    @cached_property
    def figures(self) -> pd.DataFrame:
        """The region's distinct figures, as the charts count them, by place, period and measure."""
        rows = views.distinct(self.scoped)
        return rows.sort_values(["source_region", "period_start", "period_end", "measure", "program", "activity"],
                                kind="stable").reset_index(drop=True)

    @cached_property
    def checks(self) -> pd.DataFrame:
        """The cross-checks of the region's reports or figures, mismatches first."""
        return views.checks_for(self.tables.checks, self.documents, self.scoped, self.region, self.tables.known)

    @property
    def mismatches(self) -> pd.DataFrame:
        return self.checks[self.checks["status"] == "mismatch"].reset_index(drop=True)

    def context(self) -> object:
        return talk.context(self.tables, self.region, self.lang)


def load_region(region: str, lang: str, processed: Path | str | None = None,
                tables: talk.Tables | None = None) -> RegionData:
    """The tables seen from ``region`` (a region id, or ``all``); ``tables`` reuses tables already loaded."""
    tables = tables or talk.load_tables(processed)
    regions.check_region(region, tables.known)
    labels.check_lang(lang)
    return RegionData(region, lang, tables)
