"""The contract's labels as names: what a figure measures, for which programme and
activity, how it is qualified, at which level it was recognised, and its frame.

Each is a ``StrEnum``, so a label is its own string in the tables ("budget_plan")
and a name in the code (``Measure.BUDGET_PLAN``); ``schema`` builds its vocabularies
from these, and a test checks the answers of the rule tables against them.
"""

from __future__ import annotations

from enum import StrEnum


class Program(StrEnum):
    NATIONAL = "national"
    LOCAL = "local"
    COUNTERPART = "counterpart"  # the businesses' own money
    ALL = "all"


class Activity(StrEnum):
    ALL = "all"
    TRAINING = "training"
    TECHNOLOGY = "technology"
    CLEANER_PRODUCTION = "cleaner_production"
    TYPICAL_PRODUCTS = "typical_products"
    TRADE_PROMOTION = "trade_promotion"
    CONSULTING = "consulting"
    INFORMATION = "information"
    CAPACITY = "capacity"
    INFRASTRUCTURE = "infrastructure"


class Measure(StrEnum):
    BUDGET_PLAN = "budget_plan"
    BUDGET_ALLOCATED = "budget_allocated"
    BUDGET_SPENT = "budget_spent"
    EXECUTION_PCT = "execution_pct"
    ALLOCATED_PCT = "allocated_pct"
    GROWTH_PCT = "growth_pct"
    SHARE_PCT = "share_pct"
    PROJECTS_PLANNED = "projects_planned"
    PROJECTS_IMPLEMENTED = "projects_implemented"
    PROJECTS_COMPLETED = "projects_completed"
    BENEFICIARIES = "beneficiaries"
    MODELS = "models"
    PRODUCTS = "products"
    IIP_GROWTH_PCT = "iip_growth_pct"


class Unit(StrEnum):
    VND = "VND"
    PERCENT = "percent"
    COUNT = "count"


class Qualifier(StrEnum):
    NONE = ""
    TARGET = "target"
    ESTIMATE = "estimate"
    AVERAGE = "average"
    AT_LEAST = "at_least"


class RecognitionLevel(StrEnum):
    NONE = ""
    PROVINCIAL = "provincial"
    REGIONAL = "regional"
    NATIONAL = "national"


class Frame(StrEnum):
    """Whether a figure is announced as planned or reported as done (not a column of
    the facts: it decides the measure and the qualifier)."""

    NONE = ""
    PLAN = "plan"
    RESULT = "result"


# measure -> the unit it must carry
MEASURE_UNITS: dict[Measure, Unit] = {
    Measure.BUDGET_PLAN: Unit.VND, Measure.BUDGET_ALLOCATED: Unit.VND, Measure.BUDGET_SPENT: Unit.VND,
    Measure.EXECUTION_PCT: Unit.PERCENT, Measure.ALLOCATED_PCT: Unit.PERCENT, Measure.GROWTH_PCT: Unit.PERCENT,
    Measure.SHARE_PCT: Unit.PERCENT,
    Measure.PROJECTS_PLANNED: Unit.COUNT, Measure.PROJECTS_IMPLEMENTED: Unit.COUNT,
    Measure.PROJECTS_COMPLETED: Unit.COUNT, Measure.BENEFICIARIES: Unit.COUNT, Measure.MODELS: Unit.COUNT,
    Measure.PRODUCTS: Unit.COUNT, Measure.IIP_GROWTH_PCT: Unit.PERCENT,
}
