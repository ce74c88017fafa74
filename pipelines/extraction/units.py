"""Date each figure's place by its period (docs/SCHEMA.md, "Units after 1 July 2025").

The extractor files a figure under the place the text names. The name of a
province that a unit of 1 July 2025 kept means the former province for a period
before July 2025 and the unit (``<unit>-2025``) from then on. This pass re-dates
every figure of a report, and the report itself, by that rule, unless the text
marks the name as the former province ("tỉnh … cũ") or already as the new unit.
A province whose name no unit kept stays itself: after the merger its name names
a part of a unit, not the unit.
"""

from __future__ import annotations

from pipelines.tables.regions import MERGER_MONTH, Region
from pipelines.text.gazetteer import OLD, Gazetteer, Place


def date_units(facts: list[dict], text: str, report_region: str, published: str, gazetteer: Gazetteer) -> str:
    """Re-date each fact's ``region_id`` in place; returns the report's region as of its date."""
    places = gazetteer.find(text)
    for fact in facts:
        dated = _dated(fact, places, published, gazetteer.regions)
        if dated != fact["region_id"]:
            said = (f"region: {fact['region_id']} as named, {dated} for the period "
                    f"{fact['period_start']}..{fact['period_end']} (units since {MERGER_MONTH})")
            fact["evidence"] = "; ".join(filter(None, (fact.get("evidence", ""), said)))
            fact["region_id"] = dated
    return report_region_as_of(report_region, published, facts, gazetteer.regions)


def _dated(fact: dict, places: list[Place], published: str, regions: dict[str, Region]) -> str:
    """The unit for a figure of a merged province from July 2025 on, or for one whose period
    runs past the merger in a report written after it; else the former province."""
    region_id = fact["region_id"]
    unit = unit_by_name(region_id, regions)
    if not unit or _marked_old(fact, places):
        return region_id
    if fact["period_start"] >= MERGER_MONTH:
        return unit
    return unit if fact["period_end"] >= MERGER_MONTH and after_merger(published) else region_id


def _marked_old(fact: dict, places: list[Place]) -> bool:
    """Whether the name the figure is filed under is marked as the former province in its
    sentence: the last such name before the figure, else the first after it."""
    start = fact.get("sentence_start", fact["char_start"])
    end = start + len(fact.get("sentence", "")) if fact.get("sentence") else fact["char_end"]
    named = [p for p in places if start <= p.start < end and p.region_id == fact["region_id"]]
    before = [p for p in named if p.start < fact.get("number_start", fact["char_start"])]
    chosen = before[-1:] or named[:1]
    return bool(chosen) and chosen[0].era == OLD


def unit_by_name(region_id: str, regions: dict[str, Region]) -> str:
    """The unit formed on 1 July 2025 that kept this province's name, if another id than its own."""
    region = regions.get(region_id)
    unit = regions.get(region.unit_2025) if region else None
    return unit.region_id if unit and unit.region_id != region_id and unit.name_vi == region.name_vi else ""


def after_merger(published: str) -> bool:
    return bool(published) and published >= MERGER_MONTH


def report_region_as_of(region_id: str, published: str, facts: list[dict], regions: dict[str, Region]) -> str:
    """A report about a merged province is about its unit when written after the merger; an
    undated one is when every figure it states for that place is the unit's."""
    unit = unit_by_name(region_id, regions)
    if not unit:
        return region_id
    if published:
        return unit if after_merger(published) else region_id
    own = [fact["region_id"] for fact in facts if fact["region_id"] in (region_id, unit)]
    return unit if own and all(r == unit for r in own) else region_id
