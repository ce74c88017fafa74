"""Kernels forked from a warm process: only our own ipykernel, and an off switch."""

from __future__ import annotations

import sys

import pytest

from pipelines.running import kernels


def test_only_the_environment_s_own_ipykernel_is_forked() -> None:
    assert kernels.KernelForge.accepts([sys.executable, "-m", "ipykernel_launcher", "-f", "c.json"])
    assert not kernels.KernelForge.accepts(["/usr/bin/python3.9", "-m", "ipykernel_launcher", "-f", "c.json"])
    assert not kernels.KernelForge.accepts([sys.executable, "-m", "other_kernel", "-f", "c.json"])


def test_forking_can_be_switched_off_by_flag_or_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(kernels.FORK_SWITCH, raising=False)
    assert kernels.forking(True) and not kernels.forking(False)
    monkeypatch.setenv(kernels.FORK_SWITCH, "0")
    assert not kernels.forking(True)
    with kernels.forge(enabled=True):
        assert kernels._FORGE is None


def test_without_fork_the_usual_start_is_used(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(kernels.FORK_SWITCH, raising=False)
    monkeypatch.setattr("multiprocessing.get_all_start_methods", lambda: ["spawn"])
    assert not kernels.forking(True)
