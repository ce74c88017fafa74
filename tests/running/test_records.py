"""Run records: a run is skipped only while its fingerprint and its outputs are exactly as it left them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from pipelines.running import records
from pipelines.running.plan import Run


@pytest.fixture
def run(tmp_path: Path) -> Run:
    output = tmp_path / "vi" / "dak-lak" / "funding_trends.ipynb"
    output.parent.mkdir(parents=True)
    output.write_text(json.dumps({"metadata": {"papermill": {
        "start_time": "2026-11-30T05:07:01.5", "end_time": "2026-11-30T05:07:03.0", "duration": 1.5}}}))
    output.with_suffix(".html").write_text("<html></html>")
    return Run("funding_trends", "dak-lak", "vi", tmp_path / "funding_trends.ipynb", {}, output, "f1")


def test_a_recorded_run_is_up_to_date_and_its_record_holds_only_fingerprint_and_hashes(run: Run) -> None:
    assert not records.up_to_date(run)
    records.write_record(run)
    assert records.up_to_date(run)
    record = json.loads(run.sidecar.read_text())
    assert set(record) == {"fingerprint", "outputs", "charts"}
    assert record["outputs"]["funding_trends.html"] == records.digest(run.html)


@pytest.mark.parametrize("damage", ["delete_html", "truncate_notebook", "edit_html", "no_record"])
def test_outputs_deleted_truncated_or_changed_make_the_run_rerun(run: Run, damage: str) -> None:
    records.write_record(run)
    if damage == "delete_html":
        run.html.unlink()
    elif damage == "truncate_notebook":
        run.output.write_bytes(run.output.read_bytes()[:10])
    elif damage == "edit_html":
        run.html.write_text("<html>changed</html>")
    else:
        run.sidecar.unlink()
    assert not records.up_to_date(run)


def test_a_new_fingerprint_reruns(run: Run) -> None:
    records.write_record(run)
    assert not records.up_to_date(Run(**{**run.__dict__, "fingerprint": "f2"}))


def test_a_failed_run_forgets_its_record_and_page_but_keeps_the_notebook(run: Run) -> None:
    records.write_record(run)
    records.forget(run)
    assert not run.sidecar.exists() and not run.html.exists() and run.output.exists()


def test_times_come_from_papermill_s_own_metadata(run: Run, tmp_path: Path) -> None:
    assert records.run_times(run.output) == {"start_time": "2026-11-30T05:07:01.5",
                                             "end_time": "2026-11-30T05:07:03.0", "duration": 1.5}
    assert records.run_times(tmp_path / "missing.ipynb") == {}


def test_atomic_writes_leave_no_temporary_file(tmp_path: Path) -> None:
    target = tmp_path / "page.html"
    records.write_atomic(target, b"one")
    records.write_atomic(target, b"two")
    assert target.read_bytes() == b"two" and [p.name for p in tmp_path.iterdir()] == ["page.html"]


@pytest.fixture
def drawing(run: Run, tmp_path: Path) -> Run:
    """A run whose notebook drew two charts into figures/vi/dak-lak/."""
    folder = tmp_path / "figures" / "vi" / "dak-lak" / "conference"
    folder.mkdir(parents=True)
    for name in ("02-funding-over-time.png", "02-funding-over-time.svg"):
        (folder / name).write_bytes(b"chart " + name.encode())
    return Run(**{**run.__dict__, "parameters": {"figures_dir": str(tmp_path / "figures" / "vi")}})


@pytest.mark.parametrize("damage", ["delete", "truncate", "delete_folder"])
def test_a_chart_deleted_or_truncated_makes_the_run_rerun(drawing: Run, tmp_path: Path, damage: str) -> None:
    records.write_record(drawing, seconds=5.0)
    assert set(json.loads(drawing.sidecar.read_text())["charts"]) == {
        "conference/02-funding-over-time.png", "conference/02-funding-over-time.svg"}
    assert records.up_to_date(drawing)
    chart = tmp_path / "figures" / "vi" / "dak-lak" / "conference" / "02-funding-over-time.png"
    if damage == "delete":
        chart.unlink()
    elif damage == "truncate":
        chart.write_bytes(chart.read_bytes()[:3])
    else:
        import shutil
        shutil.rmtree(tmp_path / "figures" / "vi" / "dak-lak")
    assert not records.up_to_date(drawing)


def test_charts_drawn_before_the_run_are_not_its_own(drawing: Run, tmp_path: Path) -> None:
    import os
    old = tmp_path / "figures" / "vi" / "dak-lak" / "conference" / "02-funding-over-time.svg"
    os.utime(old, (1_000_000, 1_000_000))
    records.write_record(drawing, seconds=5.0)
    assert set(json.loads(drawing.sidecar.read_text())["charts"]) == {"conference/02-funding-over-time.png"}


def test_charts_another_notebook_draws_beside_the_run_are_not_its_own(drawing: Run, tmp_path: Path) -> None:
    """Runs of one region share its chart folder: a chart the registry gives to another notebook, written
    while this run ran (perhaps half written when it ends), must not be in this run's record."""
    folder = tmp_path / "figures" / "vi" / "dak-lak"
    (folder / "conference" / "01-key-figures.png").write_bytes(b"half a chart")  # regional_performance's
    (folder / "quality").mkdir()
    (folder / "quality" / "01-coverage.svg").write_bytes(b"data_quality's")
    (folder / "conference" / "custom.png").write_bytes(b"a chart no registry knows")
    records.write_record(drawing, seconds=5.0)
    assert set(json.loads(drawing.sidecar.read_text())["charts"]) == {
        "conference/02-funding-over-time.png", "conference/02-funding-over-time.svg", "conference/custom.png"}
    (folder / "conference" / "01-key-figures.png").write_bytes(b"the whole chart, written after the record")
    assert records.up_to_date(drawing)
