"""Where things live, relative to the repository root (overridable by environment)."""

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
