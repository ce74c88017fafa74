"""The batch plan without kernels: selection, parameter checks, output paths and fingerprints."""

from __future__ import annotations

import shutil
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from pipelines import paths
from pipelines.running import plan as planning
from pipelines.running.plan import BatchError

PACKAGE = Path(planning.__file__).parent.parent


def plan(processed: Path, tmp_path: Path, region: str = "all", notebook: str = "all", lang: str = "vi",
         notebooks_dir: Path = paths.NOTEBOOKS_DIR, extra: dict | None = None,
         reference_dir: Path = paths.REFERENCE_DIR) -> list[planning.Run]:
    return planning.plan(region, notebook, lang, processed, tmp_path / "reports", tmp_path / "figures",
                         notebooks_dir, reference_dir, extra)


def with_fact_regions(tables_dir: Path, folder: Path, region_ids: list[str]) -> Path:
    """A copy of the fixture tables whose first facts are stated for ``region_ids``."""
    shutil.copytree(tables_dir, folder)
    facts = pq.read_table(folder / "facts.parquet")
    column = facts.column("region_id").to_pylist()
    column[:len(region_ids)] = region_ids
    pq.write_table(facts.set_column(facts.schema.get_field_index("region_id"), "region_id", [column]),
                   folder / "facts.parquet")
    return folder


def test_parameters_are_read_like_papermill_reads_them() -> None:
    import papermill

    for path in planning.notebook_sources(paths.NOTEBOOKS_DIR).values():
        inspected = {name: eval(p["default"]) for name, p in papermill.inspect_notebook(str(path)).items()}
        assert planning.notebook_parameters(path) == inspected
        assert {"region", "lang"} <= set(inspected)


def test_all_means_every_region_with_figures_times_every_notebook(tables_dir: Path, tmp_path: Path) -> None:
    runs = plan(tables_dir, tmp_path)
    assert sorted({r.region for r in runs}) == sorted(
        ["ca-nuoc", "mien-trung-tay-nguyen", "phia-bac", "phia-nam", "bac-giang", "dak-lak"])
    assert {r.notebook for r in runs} == {"funding_trends", "regional_performance", "data_quality"}
    run = next(r for r in runs if r.region == "dak-lak" and r.notebook == "funding_trends")
    assert run.output == tmp_path / "reports" / "vi" / "dak-lak" / "funding_trends.ipynb"
    assert run.parameters == {"region": "dak-lak", "lang": "vi", "processed_dir": str(tables_dir),
                              "figures_dir": str(tmp_path / "figures" / "vi")}
    assert run.title == "Kinh phí khuyến công theo thời gian – Đắk Lắk"
    assert ("phia-nam", "Khu vực phía Nam") in run.siblings


def test_each_language_has_its_own_folders(tables_dir: Path, tmp_path: Path) -> None:
    vi, en = (plan(tables_dir, tmp_path, region="phia-nam", notebook="funding_trends", lang=lang)[0]
              for lang in ("vi", "en"))
    assert vi.output != en.output and en.output.parent == tmp_path / "reports" / "en" / "phia-nam"
    assert en.parameters["figures_dir"] == str(tmp_path / "figures" / "en")
    assert en.title == "Funding trends – Southern region"


def test_a_report_links_only_to_pages_that_will_exist(tables_dir: Path, tmp_path: Path) -> None:
    alone = plan(tables_dir, tmp_path, region="phia-nam", notebook="funding_trends")[0]
    assert [region for region, _ in alone.siblings] == ["phia-nam"]
    written = tmp_path / "reports" / "vi" / "dak-lak" / "funding_trends.html"
    written.parent.mkdir(parents=True)
    written.write_text("")
    again = plan(tables_dir, tmp_path, region="phia-nam", notebook="funding_trends")[0]
    assert [region for region, _ in again.siblings] == ["phia-nam", "dak-lak"]


@pytest.mark.parametrize(("kwargs", "message"), [
    ({"region": "atlantis"}, "unknown region 'atlantis'; valid: all, ca-nuoc,"),
    ({"notebook": "budget"}, "unknown notebook 'budget'; valid: all, data_quality, funding_trends"),
    ({"lang": "fr"}, "unknown lang 'fr'; valid: vi, en"),
    ({"extra": {"colour": "red"}}, "unknown parameter 'colour' for notebook data_quality; valid: region, lang"),
    ({"region": "ha-noi"}, "region 'ha-noi' has no programme figures"),
])
def test_bad_parameters_fail_before_anything_runs(tables_dir: Path, tmp_path: Path, kwargs: dict,
                                                  message: str) -> None:
    with pytest.raises(BatchError, match=message.replace("(", r"\(")):
        plan(tables_dir, tmp_path, **kwargs)


@pytest.mark.parametrize(("extra", "message"), [
    ({"lang": ("__import__('os').system('touch pwned')",)}, "'lang' must be a plain str"),
    ({"region": ["phia-nam"]}, "'region' must be a plain str"),
    ({"lang": "fr"}, "unknown lang 'fr'"),
    ({"region": "../../../x"}, "unknown region '../../../x'"),
    ({"region": 3}, "'region' must be a plain str"),
    ({"processed_dir": "/etc"}, "'processed_dir' is set by the batch"),
    ({"figures_dir": "/tmp"}, "'figures_dir' is set by the batch"),
])
def test_parameters_given_to_the_api_are_checked_as_the_command_checks_them(
        tables_dir: Path, tmp_path: Path, extra: dict, message: str) -> None:
    with pytest.raises(BatchError, match=message.replace("(", r"\(")):
        plan(tables_dir, tmp_path, extra=extra)


def test_region_and_lang_given_as_parameters_take_effect(tables_dir: Path, tmp_path: Path) -> None:
    runs = plan(tables_dir, tmp_path, extra={"region": "dak-lak", "lang": "en"})
    assert {(r.region, r.lang, r.parameters["lang"]) for r in runs} == {("dak-lak", "en", "en")}


def test_missing_tables_say_to_ingest(tmp_path: Path) -> None:
    with pytest.raises(BatchError, match="khuyencong ingest"):
        plan(tmp_path, tmp_path)


def test_region_ids_from_the_tables_never_become_paths_unless_known(tables_dir: Path, tmp_path: Path) -> None:
    hostile = ["../../../escape", "<img src=x onerror=alert(1)>", "/etc"]
    processed = with_fact_regions(tables_dir, tmp_path / "processed", hostile)
    runs = plan(processed, tmp_path)
    assert not {r.region for r in runs} & set(hostile)
    for run in runs:
        assert run.output.resolve().is_relative_to((tmp_path / "reports" / "vi").resolve())


def test_region_ids_from_the_reference_must_be_plain_slugs(tables_dir: Path, tmp_path: Path) -> None:
    reference = tmp_path / "reference"
    shutil.copytree(paths.REFERENCE_DIR, reference)
    with open(reference / "regions.csv", "a", encoding="utf-8") as handle:
        handle.write("../../outside,Ngoài,macro_region,\n")
    processed = with_fact_regions(tables_dir, tmp_path / "processed", ["../../outside"])
    runs = plan(processed, tmp_path, reference_dir=reference)
    assert "../../outside" not in {r.region for r in runs}


def test_an_output_outside_its_folder_is_refused(tmp_path: Path) -> None:
    assert planning.inside(tmp_path / "a" / "b.ipynb", tmp_path) == tmp_path / "a" / "b.ipynb"
    with pytest.raises(BatchError, match="outside"):
        planning.inside(tmp_path / "a" / ".." / ".." / "b.ipynb", tmp_path)
    (tmp_path / "link").symlink_to("/")
    with pytest.raises(BatchError, match="outside"):
        planning.inside(tmp_path / "link" / "etc" / "x.ipynb", tmp_path)


def test_jobs_are_capped_by_runs_and_cores() -> None:
    assert planning.worker_count(100000, 21) == min(21, planning.cores())
    assert planning.worker_count(100000, 1) == 1
    assert planning.worker_count(0, 50) == planning.cores()


def test_fingerprint_follows_notebook_parameters_and_tables(tables_dir: Path, tmp_path: Path) -> None:
    processed = tmp_path / "processed"
    shutil.copytree(tables_dir, processed)
    first = {r.output: r.fingerprint for r in plan(processed, tmp_path, region="phia-nam")}
    assert first == {r.output: r.fingerprint for r in plan(processed, tmp_path, region="phia-nam")}
    (processed / "checks.parquet").write_bytes((processed / "checks.parquet").read_bytes() + b"\0")
    assert not set(first.values()) & {r.fingerprint for r in plan(processed, tmp_path, region="phia-nam")}


def copy_of_package(tmp_path: Path) -> Path:
    package = tmp_path / "pipelines"
    shutil.copytree(PACKAGE, package, ignore=shutil.ignore_patterns("__pycache__"))
    return package


@pytest.mark.parametrize(("edited", "reruns"), [
    ("extraction/extract.py", False),
    ("text/numbers.py", False),
    ("running/batch.py", False),
    ("analysis/charts.py", True),
    ("analysis/views.py", True),
    ("tables/store.py", True),
    ("paths.py", True),
])
def test_only_code_a_notebook_run_executes_is_in_the_fingerprint(tables_dir: Path, tmp_path: Path, edited: str,
                                                                  reruns: bool) -> None:
    package = copy_of_package(tmp_path)
    before = planning.input_digests(tables_dir, paths.REFERENCE_DIR, package)
    with open(package / edited, "a", encoding="utf-8") as handle:
        handle.write("\n# an edit\n")
    after = planning.input_digests(tables_dir, paths.REFERENCE_DIR, package)
    assert (before != after) is reruns
