"""``make run`` reaches the notebooks, decks and exports when ingest fails, and still ends non-zero."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from pipelines import paths

FAKE = """#!/bin/sh
echo "$@" >> "{log}"
[ "$1" = ingest ] && exit {ingest}
exit 0
"""


def fake_venv(tmp_path: Path, ingest_code: int) -> Path:
    """A .venv whose ``khuyencong`` only logs its arguments, marked as installed."""
    venv, log = tmp_path / "venv", tmp_path / "calls.log"
    (venv / "bin").mkdir(parents=True)
    script = venv / "bin" / "khuyencong"
    script.write_text(FAKE.format(log=log, ingest=ingest_code))
    script.chmod(0o755)
    stamp = subprocess.run("cat pyproject.toml | cksum | cut -d' ' -f1", shell=True, cwd=paths.REPO_ROOT,
                           capture_output=True, text=True, check=True).stdout.strip()
    (venv / f".installed-{stamp}").touch()
    return venv


@pytest.mark.skipif(shutil.which("make") is None, reason="no make on this machine")
@pytest.mark.parametrize("ingest_code", [0, 1])
def test_make_run_goes_on_to_the_notebooks_and_reports_the_failure(tmp_path: Path, ingest_code: int) -> None:
    venv = fake_venv(tmp_path, ingest_code)
    proc = subprocess.run(["make", "--no-print-directory", "run", f"VENV={venv}"], cwd=paths.REPO_ROOT,
                          capture_output=True, text=True, timeout=60)
    calls = (tmp_path / "calls.log").read_text().splitlines()
    assert calls == ["ingest", "notebooks --region all --lang vi", "notebooks --region all --lang en",
                     "slides --region all --lang vi", "slides --region all --lang en",
                     "export --region all --lang vi", "export --region all --lang en"]
    assert (proc.returncode != 0) == bool(ingest_code), proc.stderr
