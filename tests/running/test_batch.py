"""The batch runner without kernels: parameter checks, fingerprints, skipping, summary and index."""

from __future__ import annotations

import json
import shutil
import time
from pathlib import Path

import pytest

from pipelines.running import batch, kernels
from pipelines import paths


def plan(processed: Path, tmp_path: Path, region: str = "all", notebook: str = "all", lang: str = "vi",
         notebooks_dir: Path = paths.NOTEBOOKS_DIR, extra: dict | None = None) -> list[batch.Run]:
    return batch.plan(region, notebook, lang, processed, tmp_path / "reports", tmp_path / "figures", notebooks_dir,
                      paths.REFERENCE_DIR, extra)


def test_parameters_are_read_like_papermill_reads_them() -> None:
    import papermill

    for path in batch.notebook_sources(paths.NOTEBOOKS_DIR).values():
        inspected = {name: eval(p["default"]) for name, p in papermill.inspect_notebook(str(path)).items()}
        assert batch.notebook_parameters(path) == inspected
        assert {"region", "lang"} <= set(inspected)


def test_all_means_every_region_with_figures_times_every_notebook(tables_dir: Path, tmp_path: Path) -> None:
    runs = plan(tables_dir, tmp_path)
    assert sorted({r.region for r in runs}) == sorted(
        ["ca-nuoc", "mien-trung-tay-nguyen", "phia-bac", "phia-nam", "bac-giang", "dak-lak"])
    assert {r.notebook for r in runs} == {"funding_trends", "regional_performance", "data_quality"}
    run = next(r for r in runs if r.region == "dak-lak" and r.notebook == "funding_trends")
    assert run.output == tmp_path / "reports" / "dak-lak" / "funding_trends.ipynb"
    assert run.parameters == {"region": "dak-lak", "lang": "vi", "processed_dir": str(tables_dir),
                              "figures_dir": str(tmp_path / "figures")}


@pytest.mark.parametrize(("kwargs", "message"), [
    ({"region": "atlantis"}, "unknown region 'atlantis'; valid: all, ca-nuoc,"),
    ({"notebook": "budget"}, "unknown notebook 'budget'; valid: all, data_quality, funding_trends"),
    ({"lang": "fr"}, "unknown lang 'fr'; valid: vi, en"),
    ({"extra": {"colour": "red"}}, "unknown parameter 'colour' for notebook data_quality; valid: region, lang"),
])
def test_bad_parameters_fail_before_anything_runs(tables_dir: Path, tmp_path: Path, kwargs: dict,
                                                  message: str) -> None:
    with pytest.raises(batch.BatchError, match=message.replace("(", r"\(")):
        plan(tables_dir, tmp_path, **kwargs)


def test_unknown_region_on_the_command_fails_at_once_with_the_list(tables_dir: Path, tmp_path: Path,
                                                                   capsys: pytest.CaptureFixture) -> None:
    started = time.perf_counter()
    code = batch.run_batch(region="atlantis", processed=tables_dir, reports_dir=tmp_path / "r", progress=False)
    assert code == 2 and time.perf_counter() - started < 1.0
    error = capsys.readouterr().err
    assert "atlantis" in error and "dak-lak" in error and "phia-nam" in error
    assert not (tmp_path / "r").exists()


def test_missing_tables_say_to_ingest(tmp_path: Path) -> None:
    with pytest.raises(batch.BatchError, match="khuyencong ingest"):
        plan(tmp_path, tmp_path)


def test_a_province_without_figures_is_a_valid_region(tables_dir: Path, tmp_path: Path) -> None:
    assert {r.region for r in plan(tables_dir, tmp_path, region="ha-noi")} == {"ha-noi"}


def test_fingerprint_follows_notebook_parameters_and_tables(tables_dir: Path, tmp_path: Path) -> None:
    processed = tmp_path / "processed"
    shutil.copytree(tables_dir, processed)
    first = {r.output: r.fingerprint for r in plan(processed, tmp_path, region="phia-nam")}
    assert first == {r.output: r.fingerprint for r in plan(processed, tmp_path, region="phia-nam")}
    assert set(first.values()) != {r.fingerprint for r in plan(processed, tmp_path, region="phia-nam", lang="en")}
    (processed / "checks.parquet").write_bytes((processed / "checks.parquet").read_bytes() + b"\0")
    assert not set(first.values()) & {r.fingerprint for r in plan(processed, tmp_path, region="phia-nam")}


def test_a_run_is_up_to_date_only_after_success_with_its_outputs(tables_dir: Path, tmp_path: Path) -> None:
    run = plan(tables_dir, tmp_path, region="dak-lak", notebook="funding_trends")[0]
    assert not batch.up_to_date(run)
    run.output.parent.mkdir(parents=True)
    run.output.write_text("{}")
    run.html.write_text("<html></html>")
    batch.record(batch.Outcome(run, "ok", 1.5))
    assert batch.up_to_date(run)
    assert json.loads(run.sidecar.read_text())["fingerprint"] == run.fingerprint
    batch.record(batch.Outcome(run, "failed", 1.0, "cell 3"))
    assert not batch.up_to_date(run) and not run.html.exists()


def test_summary_lists_status_time_and_the_failing_cell(tables_dir: Path, tmp_path: Path) -> None:
    ok, bad = plan(tables_dir, tmp_path, region="dak-lak")[:2]
    text = batch.summary([batch.Outcome(ok, "ok", 2.25),
                          batch.Outcome(bad, "failed", 1.0, "In [3] (cell 4 of the executed notebook): ZeroDivisionError")])
    assert "dak-lak" in text and "2.2s" in text
    assert "failed" in text and "In [3] (cell 4 of the executed notebook): ZeroDivisionError" in text
    assert text.splitlines()[-1] == "1 ran, 0 up to date, 1 failed"


def test_index_links_every_region_report(tmp_path: Path) -> None:
    reports = tmp_path / "reports"
    for region in ("phia-nam", "dak-lak"):
        (reports / region).mkdir(parents=True)
        (reports / region / "funding_trends.ipynb").write_text("{}")
        (reports / region / "funding_trends.html").write_text("")
        (reports / region / "funding_trends.run.json").write_text(json.dumps({"finished": "2025-01-01T00:00:00",
                                                                                "seconds": 1.0}))
    (reports / "dak-lak" / "data_quality.ipynb").write_text("{}")
    from pipelines.tables.regions import known_regions as regions

    page = batch.write_index(reports, regions()).read_text()
    assert 'href="phia-nam/funding_trends.html"' in page and 'href="dak-lak/funding_trends.html"' in page
    assert 'href="dak-lak/data_quality.ipynb"' in page and "Đắk Lắk" in page
    assert page.index("Khu vực phía Nam") < page.index("Đắk Lắk")  # regions before provinces


def test_only_the_environment_s_own_ipykernel_is_forked() -> None:
    import sys

    assert kernels.KernelForge.accepts([sys.executable, "-m", "ipykernel_launcher", "-f", "c.json"])
    assert not kernels.KernelForge.accepts(["/usr/bin/python3.9", "-m", "ipykernel_launcher", "-f", "c.json"])
    assert not kernels.KernelForge.accepts([sys.executable, "-m", "other_kernel", "-f", "c.json"])
