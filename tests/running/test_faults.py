"""Faults in a batch: a failing cell, a kernel that dies, a run over its time limit, a batch that is killed."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import nbformat
import pytest

from pipelines import paths
from pipelines.running.batch import run_batch

pytestmark = pytest.mark.slow


def tiny_notebook(path: Path, body: str) -> None:
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    parameters = nbformat.v4.new_code_cell('region = "all"\nlang = "vi"\nprocessed_dir = ""\nfigures_dir = ""')
    parameters.metadata["tags"] = ["parameters"]
    nb.cells = [parameters, nbformat.v4.new_code_cell("x = 1"), nbformat.v4.new_code_cell(body)]
    nbformat.write(nb, path)


def notebooks(tmp_path: Path, **bodies: str) -> Path:
    folder = tmp_path / "notebooks"
    folder.mkdir(exist_ok=True)
    for name, body in bodies.items():
        tiny_notebook(folder / f"{name}.ipynb", body)
    return folder


def batch(tables_dir: Path, tmp_path: Path, folder: Path, **kwargs: object) -> object:
    return run_batch(region="dak-lak", processed=tables_dir, notebooks_dir=folder, reports_dir=tmp_path / "reports",
                     figures_dir=tmp_path / "figures", progress=False, **kwargs)


def by_name(result: object) -> dict:
    return {o.run.notebook: o for o in result.outcomes}


def test_a_failing_run_is_reported_and_does_not_stop_the_others(tables_dir: Path, tmp_path: Path) -> None:
    folder = notebooks(tmp_path, boom="1 / 0", where="import sys, pathlib\n"
                       "pathlib.Path(figures_dir).mkdir(parents=True)\n"
                       "pathlib.Path(figures_dir, 'python.json').write_text(__import__('json').dumps(sys.executable))")
    outcomes = by_name(batch(tables_dir, tmp_path, folder))
    assert outcomes["boom"].status == "failed" and outcomes["where"].status == "ok"
    assert ("In [4] (cell 4 of the executed notebook): ZeroDivisionError: division by zero"
            in outcomes["boom"].detail) and "boom.ipynb" in outcomes["boom"].detail  # where to look
    # the kernel is the project's own Python
    python = json.loads((tmp_path / "figures" / "vi" / "python.json").read_text())
    assert Path(python).parent == Path(sys.executable).parent
    region = tmp_path / "reports" / "vi" / "dak-lak"
    assert (region / "boom.ipynb").exists() and not (region / "boom.run.json").exists()


@pytest.mark.parametrize("fork", [True, False], ids=["forked", "plain"])
def test_a_kernel_that_dies_fails_its_run_and_the_others_finish(tables_dir: Path, tmp_path: Path,
                                                               fork: bool) -> None:
    folder = notebooks(tmp_path, exits="import os\nos._exit(1)",
                       killed="import os, signal\nos.kill(os.getpid(), signal.SIGKILL)", fine="y = 2")
    result = batch(tables_dir, tmp_path, folder, jobs=2, timeout=120, fork=fork)
    outcomes = by_name(result)
    assert (outcomes["exits"].detail, outcomes["killed"].detail) == ("kernel died", "kernel died")
    assert outcomes["fine"].status == "ok"
    assert 'href="dak-lak/fine.html"' in result.index.read_text()


def test_a_run_over_its_time_limit_fails_and_the_others_finish(tables_dir: Path, tmp_path: Path) -> None:
    folder = notebooks(tmp_path, slow="import time\ntime.sleep(600)", fine="y = 2")
    outcomes = by_name(batch(tables_dir, tmp_path, folder, jobs=2, timeout=5))
    assert outcomes["slow"].detail == "over the time limit of 5 s"
    assert outcomes["fine"].status == "ok"


def descendants(pid: int) -> set[int]:
    found, queue = set(), [pid]
    while queue:
        parent = queue.pop()
        for task in Path(f"/proc/{parent}/task").glob("*"):
            children = (task / "children").read_text().split() if (task / "children").exists() else []
            for child in map(int, children):
                if child not in found:
                    found.add(child)
                    queue.append(child)
    return found


def alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (FileNotFoundError, IndexError):
        return False
    return state not in ("Z", "X")


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc and relies on PR_SET_PDEATHSIG")
@pytest.mark.parametrize(("signum", "fork"), [(signal.SIGKILL, True), (signal.SIGTERM, True),
                                              (signal.SIGKILL, False)], ids=["kill-forked", "term-forked", "kill-plain"])
def test_killing_the_batch_leaves_no_worker_forge_or_kernel(tables_dir: Path, tmp_path: Path, signum: int,
                                                             fork: bool) -> None:
    root = tmp_path / "root"
    shutil.copytree(paths.REFERENCE_DIR, root / "data" / "reference")
    started = root / "started"
    started.mkdir()
    body = "import os, pathlib, time\npathlib.Path(%r, str(os.getpid())).touch()\ntime.sleep(600)" % str(started)
    notebooks(root, one=body, two=body)
    env = {**os.environ, "KHUYENCONG_ROOT": str(root), "KHUYENCONG_FORK_KERNELS": "1" if fork else "0"}
    command = [sys.executable, "-m", "pipelines", "notebooks", "--region", "dak-lak", "--processed", str(tables_dir),
               "--jobs", "2", "--quiet"]
    proc = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 120
        while len(list(started.iterdir())) < 2 and time.monotonic() < deadline and proc.poll() is None:
            time.sleep(0.2)
        kernels = {int(p.name) for p in started.iterdir()}
        children = descendants(proc.pid)
        assert len(kernels) == 2 and kernels <= children, (kernels, children)
        proc.send_signal(signum)
        assert proc.wait(timeout=60) in (-signum, 130)  # the signal landed: the batch is gone
        deadline = time.monotonic() + 30
        while any(map(alive, children)) and time.monotonic() < deadline:
            time.sleep(0.2)
        assert not [pid for pid in children if alive(pid)]
    finally:
        proc.kill()
