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
MANIFEST = RAW_DIR / "manifest.csv"
OVERRIDES = REFERENCE_DIR / "overrides.csv"  # reviewed corrections, method = curated
