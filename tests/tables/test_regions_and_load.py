"""The catalog: tables by name, the region reference and the regions that have figures."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipelines.tables import regions, store
from pipelines.tables.schema import TABLES


def test_load_gives_every_contract_column(tables_dir: Path) -> None:
    for name in ("documents", "facts", "checks", "mentions"):
        frame = store.load(name, tables_dir)
        assert set(TABLES[name].names) <= set(frame.columns)
        assert len(frame) > 0


def test_unknown_table_lists_the_valid_ones() -> None:
    with pytest.raises(ValueError, match="documents, facts, checks, mentions"):
        store.load("budgets")


def test_missing_table_says_to_ingest(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError, match="khuyencong ingest"):
        store.load("facts", tmp_path)
    empty = store.load("mentions", tmp_path, missing_ok=True)
    assert empty.empty and list(empty.columns) == TABLES["mentions"].names


def test_reference_knows_the_country_three_regions_and_63_provinces() -> None:
    known = regions.known_regions()
    levels = [region.level for region in known.values()]
    assert levels.count("province") == 63 and levels.count("macro_region") == 3 and levels.count("country") == 1
    assert regions.ancestors("bac-giang", known) == ("bac-giang", "phia-bac", "ca-nuoc")


def test_unknown_region_fails_listing_the_valid_ones() -> None:
    with pytest.raises(ValueError) as error:
        regions.check_region("atlantis", regions.known_regions())
    assert "all, ca-nuoc, mien-trung-tay-nguyen" in str(error.value) and "dak-lak" in str(error.value)
    assert regions.check_region("all", regions.known_regions()) == "all"


def test_regions_with_facts_roll_provinces_up(tables_dir: Path) -> None:
    from pipelines.running.batch import regions_with_facts
    assert regions_with_facts(tables_dir, regions.known_regions()) == [
        "ca-nuoc", "mien-trung-tay-nguyen", "phia-bac", "phia-nam", "bac-giang", "dak-lak"]
