"""Where things live, relative to the repository root (overridable by environment), and
how a number a user may set in the environment is read."""

from __future__ import annotations

import os
from pathlib import Path

REPO_ROOT = Path(os.environ.get("KHUYENCONG_ROOT", Path(__file__).parent.parent)).resolve()
RAW_DIR = REPO_ROOT / "data" / "raw"
PROCESSED_DIR = Path(os.environ.get("KHUYENCONG_PROCESSED", REPO_ROOT / "data" / "processed")).resolve()
REFERENCE_DIR = REPO_ROOT / "data" / "reference"
FIGURES_DIR = REPO_ROOT / "figures"
NOTEBOOKS_DIR = REPO_ROOT / "notebooks"
REPORTS_DIR = REPO_ROOT / "reports"
SLIDES_DIR = REPO_ROOT / "slides"  # decks, slides/<lang>/<region>.pptx
EXPORTS_DIR = REPO_ROOT / "exports"  # spreadsheets, exports/<lang>/<region>.xlsx


def figures_dir(lang: str, units: str = "2024") -> Path:
    """Where a notebook run's charts go, however it is started (the batch or plain Papermill):
    ``figures/<lang>/``, or ``figures/units-<units>/<lang>/`` for the units of 2025."""
    return FIGURES_DIR / ("" if units == "2024" else f"units-{units}") / lang


MANIFEST = RAW_DIR / "manifest.csv"
OVERRIDES = REFERENCE_DIR / "overrides.csv"  # reviewed corrections, method = curated


def env_number(name: str, default: float, zero_ok: bool = False) -> float:
    """The number the environment variable ``name`` sets (``default`` when unset or blank): a
    positive number, or with ``zero_ok`` one >= 0; anything else is an error naming the variable."""
    value = os.environ.get(name, "").strip()
    if not value:
        return default
    try:
        number = float(value)
    except ValueError:
        number = -1.0
    if not (number >= 0 if zero_ok else number > 0):
        raise ValueError(f"{name} must be a {'number of seconds >= 0' if zero_ok else 'positive number'}, got {value!r}")
    return number
