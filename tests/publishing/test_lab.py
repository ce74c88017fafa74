"""`make lab`: installs once, then only starts JupyterLab at the project root on the port asked for."""

from __future__ import annotations

import shutil
import subprocess

import pytest

from pipelines import paths


def dry_run(*args: str) -> str:
    return subprocess.run(["make", "-n", *args], cwd=paths.REPO_ROOT, capture_output=True, text=True,
                          check=True).stdout


def test_lab_installs_only_when_its_stamp_is_missing_and_takes_a_port() -> None:
    if not shutil.which("make"):
        pytest.skip("make is not installed")
    checksum = subprocess.run("cksum < pyproject.toml", shell=True, cwd=paths.REPO_ROOT, capture_output=True,
                              text=True, check=True).stdout.split()[0]
    stamps = [f".venv/.installed-{checksum}", f".venv/.lab-{checksum}"]
    installed = dry_run("lab", "PORT=8123", *(f"--old-file={s}" for s in stamps))  # as if both stamps were there
    assert "pip install" not in installed
    assert "jupyter lab --port=8123 --ServerApp.root_dir=." in installed
    fresh = dry_run("lab", f"--old-file={stamps[0]}", "--always-make")
    assert "'.[test,lab]'" in fresh and "ipykernel install" in fresh and "--port=8888" in fresh
