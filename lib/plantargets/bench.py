"""Measure what the project promises about speed and scale; write build/bench.json.

    python -m plantargets.bench            # all four (the suite, its floor and the report take about ten minutes)
    python -m plantargets.bench --quick    # only 2 and 3

1. The test suite against its irreducible work, side by side in one run: ``make test``'s command (environment
   ready), against every notebook executed once with the same parallelism plus the tests that are not notebook
   executions. Aim: at most 1.25 times. It also counts the notebook executions of one suite run
   (tests/notebook_runs.py): one per notebook.
2. ``load_targets()`` on the shipped data: the median of many runs, after imports. Aim:
   under 20 ms.
3. Scale: synthetic plans in the schema of ``targets.csv`` (every target of the shipped plan,
   for many provinces and years) loaded, validated and checked at growing sizes: rows per
   second at each size, and how the time grows with the rows (linear is 1.0).
4. ``make report``'s command, on a copy of the notebooks with a cache of its own: cold, warm (nothing changed:
   no kernel, aim under 5 s) and with one notebook's code changed (only that one executed).

The machines are noisy: each figure is measured in one run of this command, and the
ratios matter more than the seconds.
"""

from __future__ import annotations

import argparse
import concurrent.futures
import csv
import json
import math
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import nbformat

from .checks import run_checks
from .load import load_targets
from .paths import BUILD_DIR, DATA_DIR, NOTEBOOKS_DIR, PROJECT_ROOT, shown
from .report import notebook_paths

BENCH_JSON = BUILD_DIR / "bench.json"
SUITE_AIM = 1.25
WARM_REPORT_AIM_S = 5.0
LOAD_AIM_MS = 20.0
LOAD_RUNS = 200
#: (provinces, years): 50 targets per plan, so 50, 17,000 and 170,000 rows.
SIZES = ((1, 1), (34, 10), (340, 10))
PYTEST = [sys.executable, "-m", "pytest", "-n", "auto", "--dist", "loadscope", "--no-loadscope-reorder", "-q", "-p", "no:cacheprovider"]
#: What make test runs, after pytest's options: the browser tests (make e2e) are left out.
SUITE = ["--nbval", "-m", "not e2e", "tests", "notebooks"]
#: The suite less the notebooks' executions.
OTHER_TESTS = ["-m", "not e2e", "tests"]
ENV = {**os.environ, "JUPYTER_PLATFORM_DIRS": "1", "PYDEVD_DISABLE_FILE_VALIDATION": "1"}


def synthetic_plans(folder: Path, provinces: int, years: int) -> Path:
    """plans.csv, targets.csv and groups.csv for ``provinces`` x ``years`` plans, each a copy of the shipped plan;
    return targets.csv."""
    folder.mkdir(parents=True, exist_ok=True)
    for name in ("plans.csv", "targets.csv", "groups.csv"):
        with (DATA_DIR / name).open(encoding="utf-8", newline="") as f:
            reader = csv.DictReader(f)
            fields, rows = reader.fieldnames, list(reader)
        with (folder / name).open("w", encoding="utf-8", newline="") as f:
            writer = csv.DictWriter(f, fieldnames=fields, lineterminator="\n")
            writer.writeheader()
            for province in range(1, provinces + 1):
                for year in range(2021, 2021 + years):
                    plan = f"p{province:03d}-{year}"
                    writer.writerows({**row, "plan_id": plan} for row in rows)
    return folder / "targets.csv"


def _seconds(function, repeat: int = 1) -> float:
    """The median wall time of ``repeat`` calls."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        function()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def bench_load(runs: int | None = None) -> dict:
    runs = runs or LOAD_RUNS
    load_targets()  # imports, the schema, the first read
    median = _seconds(load_targets, runs) * 1000
    return {"median_ms": round(median, 2), "runs": runs, "aim_ms": LOAD_AIM_MS, "met": median < LOAD_AIM_MS}


def bench_scale(sizes=None) -> dict:
    rows_out = []
    sizes = sizes or SIZES
    with tempfile.TemporaryDirectory() as tmp:
        for provinces, years in sizes:
            path = synthetic_plans(Path(tmp) / f"{provinces}x{years}", provinces, years)
            repeat = 5 if provinces * years < 100 else 3  # the median of three, even at the largest size
            load_s = _seconds(lambda: load_targets(path), repeat)
            targets = load_targets(path)
            checks_s = _seconds(lambda: run_checks(targets), repeat)
            rows = len(targets)
            rows_out.append({
                "provinces": provinces, "years": years, "plans": provinces * years, "rows": rows,
                "load_s": round(load_s, 4), "checks_s": round(checks_s, 4),
                "load_rows_per_s": round(rows / load_s), "checks_rows_per_s": round(rows / checks_s),
            })
    # Growth from the middle size to the largest: time ratio over rows ratio (1.0 is linear).
    middle, largest = rows_out[-2], rows_out[-1]
    rows_ratio = largest["rows"] / middle["rows"]
    growth = {
        "load": round(math.log(largest["load_s"] / middle["load_s"]) / math.log(rows_ratio), 2),
        "checks": round(math.log(largest["checks_s"] / middle["checks_s"]) / math.log(rows_ratio), 2),
    }
    return {"sizes": rows_out, "exponent_of_growth": growth, "aim": "linear: exponent near 1.0"}


def _run(command: list[str], **kwargs) -> tuple[float, subprocess.CompletedProcess]:
    start = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True, env=ENV, **kwargs)
    return time.perf_counter() - start, done


def _checked(what: str, done: subprocess.CompletedProcess) -> subprocess.CompletedProcess:
    if done.returncode != 0:
        raise RuntimeError(f"{what} failed:\n{done.stdout[-3000:]}{done.stderr[-3000:]}")
    return done


#: Execute one notebook in a fresh kernel, as the floor's workers do.
EXECUTE_ONE = (
    "import sys, pathlib, nbformat\n"
    "from plantargets.execution import execute\n"
    "path = pathlib.Path(sys.argv[1])\n"
    "execute(nbformat.read(path, as_version=4), path.parent)\n"
)


def notebooks_once(paths: list[Path], workers: int) -> float:
    """Wall time of executing every notebook once, ``workers`` at a time, each in its own process and kernel."""
    def one(path: Path) -> None:
        _checked(f"executing {shown(path)}", _run([sys.executable, "-c", EXECUTE_ONE, str(path)])[1])

    start = time.perf_counter()
    with concurrent.futures.ThreadPoolExecutor(max_workers=workers) as pool:
        list(pool.map(one, paths))
    return time.perf_counter() - start


def bench_suite() -> dict:
    """``make test``'s command, and the irreducible work it does, measured side by side in one run: every
    notebook executed once with the same parallelism, plus the tests that are not notebook executions."""
    workers = os.cpu_count() or 1
    paths = notebook_paths(NOTEBOOKS_DIR)
    with tempfile.TemporaryDirectory() as tmp:
        record = Path(tmp) / "executions.json"
        suite_s, suite = _run([*PYTEST, *SUITE, "--notebook-executions-json", str(record)], cwd=PROJECT_ROOT)
        launches = json.loads(record.read_text(encoding="utf-8"))["launches"] if record.exists() else []
    _checked("make test's command", suite)
    executions = {path.name: sum(1 for launch in launches if launch["notebook"] == f"notebooks/{path.name}")
                  for path in paths}
    if set(executions.values()) != {1}:
        raise RuntimeError(f"each notebook must be executed once in one run of the suite: {executions}")
    notebooks_s = notebooks_once(paths, workers)
    others_s, others = _run([*PYTEST, *OTHER_TESTS], cwd=PROJECT_ROOT)
    _checked("the tests that are not notebook executions", others)
    floor_s = notebooks_s + others_s
    ratio = suite_s / floor_s
    return {
        "suite_s": round(suite_s, 1), "notebooks_once_s": round(notebooks_s, 1), "other_tests_s": round(others_s, 1),
        "floor_s": round(floor_s, 1), "ratio": round(ratio, 2), "aim_ratio": SUITE_AIM, "met": ratio <= SUITE_AIM,
        "notebooks": len(paths), "executions_per_notebook": executions,
        "executions_in_one_run": sum(executions.values()), "suite_passed": suite.returncode == 0,
        "suite_summary": _summary(suite.stdout), "other_tests_summary": _summary(others.stdout), "workers": workers,
    }


def _summary(stdout: str) -> str:
    """pytest's closing line ("405 passed in 79.1s")."""
    lines = [line.strip("= ") for line in stdout.splitlines() if re.search(r"\d+ (passed|failed)", line)]
    return lines[-1] if lines else ""


def bench_report() -> dict:
    """``make report``'s command on a copy of the notebooks with a cache of its own: cold (every notebook executed),
    warm (nothing changed: no kernel), and after one code cell of one notebook changed (that notebook executed)."""
    with tempfile.TemporaryDirectory() as tmp:
        notebooks, cache, out = Path(tmp) / "notebooks", Path(tmp) / "cache", Path(tmp) / "report"
        notebooks.mkdir()
        for path in notebook_paths(NOTEBOOKS_DIR):
            shutil.copy(path, notebooks / path.name)
        command = [sys.executable, "-m", "plantargets.report", "--notebooks", str(notebooks), "--cache", str(cache),
                   "--out", str(out)]
        cold_s, cold = _run(command, cwd=PROJECT_ROOT)
        warm_s, warm = _run(command, cwd=PROJECT_ROOT)
        changed = notebook_paths(notebooks)[-1]
        notebook = nbformat.read(changed, as_version=4)
        last = [cell for cell in notebook.cells if cell.cell_type == "code"][-1]
        last.source += "\n# changed by make bench"
        nbformat.write(notebook, changed)
        one_s, one = _run(command, cwd=PROJECT_ROOT)
    for what, done in (("the cold report", cold), ("the warm report", warm), ("the report after one change", one)):
        _checked(what, done)
    return {
        "cold_s": round(cold_s, 1), "warm_s": round(warm_s, 1), "one_changed_s": round(one_s, 1),
        "warm_aim_s": WARM_REPORT_AIM_S, "warm_met": warm_s < WARM_REPORT_AIM_S,
        "executed": {"cold": cold.stdout.count(": executed in"), "warm": warm.stdout.count(": executed in"),
                     "one_changed": one.stdout.count(": executed in")},
        "changed_notebook": changed.name, "warm_output": warm.stdout.strip(),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="skip the test suite, its floor and the report")
    args = parser.parse_args(argv)
    results = {"machine": {"python": platform.python_version(), "cores": os.cpu_count()}}
    results["load_targets"] = load = bench_load()
    print(f"2. load_targets(): median {load['median_ms']} ms over {load['runs']} runs "
          f"(aim: under {LOAD_AIM_MS:g} ms: {'met' if load['met'] else 'NOT met'})", flush=True)
    results["scale"] = scale = bench_scale()
    print("3. scale (synthetic plans of the shipped targets):")
    for row in scale["sizes"]:
        print(f"   {row['rows']:>7,} rows ({row['plans']:>5,} plan{'s' if row['plans'] != 1 else ''}): load {row['load_s']:.3f} s = {row['load_rows_per_s']:>9,} rows/s; "
              f"run_checks {row['checks_s']:.3f} s = {row['checks_rows_per_s']:>9,} rows/s")
    growth = scale["exponent_of_growth"]
    print(f"   time grows as rows^{growth['load']} (load) and rows^{growth['checks']} (run_checks) (aim: linear, 1.0)", flush=True)
    if not args.quick:
        results["suite"] = suite = bench_suite()
        print(f"1. make test: {suite['suite_s']} s against its irreducible work, {suite['floor_s']} s "
              f"({suite['notebooks']} notebooks executed once, {suite['workers']} at a time: {suite['notebooks_once_s']} s; "
              f"the other tests: {suite['other_tests_s']} s): {suite['ratio']} times "
              f"(aim: at most {SUITE_AIM} times: {'met' if suite['met'] else 'NOT met'}); "
              f"{suite['executions_in_one_run']} notebook executions in one run; {suite['suite_summary']}", flush=True)
        results["report"] = rep = bench_report()
        print(f"4. make report: cold {rep['cold_s']} s ({rep['executed']['cold']} executed), warm {rep['warm_s']} s "
              f"({rep['executed']['warm']} executed; aim: under {WARM_REPORT_AIM_S:g} s: {'met' if rep['warm_met'] else 'NOT met'}), "
              f"{rep['changed_notebook']} changed {rep['one_changed_s']} s ({rep['executed']['one_changed']} executed)")
    if args.quick and BENCH_JSON.exists():  # keep the last measurements that --quick skips
        previous = json.loads(BENCH_JSON.read_text(encoding="utf-8"))
        for key in ("suite", "report"):
            if key in previous:
                results[key] = {**previous[key], "from_an_earlier_run": True}
    BENCH_JSON.parent.mkdir(parents=True, exist_ok=True)
    BENCH_JSON.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    print(f"written: {shown(BENCH_JSON)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
