"""make bench: the synthetic plans it measures are plans of the same schema that load and check like the shipped one."""

import json
import shlex

import pytest

import plantargets
from plantargets import bench


def test_synthetic_plans_are_copies_of_the_shipped_plan(tmp_path, targets):
    path = bench.synthetic_plans(tmp_path, provinces=3, years=2)
    many = plantargets.load_targets(path)
    assert len(many) == 6 * len(targets) and many["plan_id"].nunique() == 6
    one = many[many["plan_id"] == "p002-2022"].drop(columns="plan_id").reset_index(drop=True)
    assert one.equals(targets.drop(columns="plan_id"))
    checks = plantargets.run_checks(many)
    per_plan = checks.pivot(index="plan_id", columns=["check", "subject"], values="status")
    assert len(per_plan) == 6 and (per_plan.nunique() == 1).all()  # every plan gets the same verdicts


def test_the_quick_bench_writes_its_figures(tmp_path, monkeypatch):
    monkeypatch.setattr(bench, "BENCH_JSON", tmp_path / "bench.json")
    monkeypatch.setattr(bench, "SIZES", ((1, 1), (2, 1), (4, 1)))
    monkeypatch.setattr(bench, "LOAD_RUNS", 20)
    assert bench.main(["--quick"]) == 0
    results = json.loads((tmp_path / "bench.json").read_text())
    assert results["load_targets"]["runs"] == 20 and results["load_targets"]["median_ms"] > 0
    assert [size["rows"] for size in results["scale"]["sizes"]] == [50, 100, 200]
    assert set(results["scale"]["exponent_of_growth"]) == {"load", "checks"}
    assert "suite" not in results


@pytest.mark.parametrize("bad", [0, -1])
def test_synthetic_plans_need_a_province_and_a_year(tmp_path, bad):
    path = bench.synthetic_plans(tmp_path, provinces=bad, years=1)
    with pytest.raises(plantargets.DataError, match="the file has a header but no rows"):
        plantargets.load_targets(path)


def test_the_bench_times_what_make_test_runs():
    makefile = (plantargets.paths.PROJECT_ROOT / "Makefile").read_text(encoding="utf-8")
    recipe = next(line for line in makefile.splitlines() if line.startswith("\t$(BIN)/python -m pytest -n auto"))
    assert shlex.split(recipe)[1:] == ["-m", "pytest", "-n", "auto", "--dist", "loadscope", "--no-loadscope-reorder", *bench.SUITE]
