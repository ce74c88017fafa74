"""Everything a deck or an export of one region reads, loaded once."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from pipelines.analysis import views
from pipelines.tables import regions, store


@dataclass(frozen=True)
class RegionData:
    region: str
    lang: str
    processed: Path | str
    facts: pd.DataFrame  # every fact, for views that compare places
    documents: pd.DataFrame
    checks: pd.DataFrame  # the cross-checks that concern the region
    scoped: pd.DataFrame  # the facts that count toward the region
    known: dict[str, regions.Region]

    @property
    def names(self) -> dict[str, str]:
        return regions.region_names(self.known)

    @property
    def name(self) -> str:
        from pipelines.analysis import labels

        return labels.region(self.region, self.lang, self.names)

    @property
    def figures(self) -> pd.DataFrame:
        """The region's distinct figures, as the charts count them, by place, period and measure."""
        rows = views.distinct(self.scoped)
        return rows.sort_values(["source_region", "period_start", "period_end", "measure", "program", "activity"],
                                kind="stable").reset_index(drop=True)

    @property
    def mismatches(self) -> pd.DataFrame:
        return self.checks[self.checks["status"] == "mismatch"].reset_index(drop=True)


def load_region(region: str, lang: str, processed: Path | str | None = None) -> RegionData:
    """The tables seen from ``region`` (a region id, or ``all``)."""
    known = regions.known_regions()
    regions.check_region(region, known)
    facts = store.load("facts", processed)
    documents = store.load("documents", processed)
    scoped = views.scope(facts, region, known)
    checks = views.checks_for(store.load("checks", processed), documents, scoped, region, known)
    return RegionData(region, lang, processed or "", facts, documents, checks, scoped, known)
