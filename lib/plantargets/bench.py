"""Measure what the project promises about speed and scale; write build/bench.json.

    python -m plantargets.bench            # all three (the test suite takes about two minutes)
    python -m plantargets.bench --quick    # skip the test suite

1. The test suite against its floor: the suite's time (environment ready) against the time
   of as many notebooks that only start a kernel and run one empty cell under nbval, run
   the same way, with pytest's own start-up. Aim: at most 1.3 times the floor.
2. ``load_targets()`` on the shipped data: the median of many runs, after imports. Aim:
   under 20 ms.
3. Scale: synthetic plans in the schema of ``targets.csv`` (every target of the shipped plan,
   for many provinces and years) loaded, validated and checked at growing sizes: rows per
   second at each size, and how the time grows with the rows (linear is 1.0).

The machines are noisy: each figure is measured in one run of this command, and the
ratios matter more than the seconds.
"""

from __future__ import annotations

import argparse
import csv
import json
import math
import os
import platform
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
SUITE_AIM = 1.3
LOAD_AIM_MS = 20.0
LOAD_RUNS = 200
#: (provinces, years): 50 targets per plan, so 50, 17,000 and 170,000 rows.
SIZES = ((1, 1), (34, 10), (340, 10))
PYTEST = [sys.executable, "-m", "pytest", "-n", "auto", "--dist", "loadscope", "-q", "-p", "no:cacheprovider"]
#: What make test runs, after pytest's options: the browser tests (make e2e) are left out.
SUITE = ["--nbval", "-m", "not e2e", "tests", "notebooks"]


def synthetic_plans(folder: Path, provinces: int, years: int) -> Path:
    """targets.csv and groups.csv for ``provinces`` x ``years`` plans, each a copy of the shipped plan; return targets.csv."""
    folder.mkdir(parents=True, exist_ok=True)
    for name in ("targets.csv", "groups.csv"):
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


def _empty_notebooks(folder: Path, count: int) -> None:
    for number in range(count):
        notebook = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("")])
        notebook.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
        notebook.cells[0]["id"] = "empty"
        nbformat.write(notebook, folder / f"{number:02d}-empty.ipynb")


def bench_suite() -> dict:
    """``make test``'s command against its floor, both with the same pytest options."""
    env = {**os.environ, "JUPYTER_PLATFORM_DIRS": "1", "PYDEVD_DISABLE_FILE_VALIDATION": "1"}
    count = len(notebook_paths(NOTEBOOKS_DIR))
    with tempfile.TemporaryDirectory() as tmp:
        _empty_notebooks(Path(tmp), count)
        start = time.perf_counter()
        floor = subprocess.run([*PYTEST, "--nbval", "-c", os.devnull, "--rootdir", tmp, tmp], env=env, capture_output=True, text=True)
        floor_s = time.perf_counter() - start
    if floor.returncode != 0:
        raise RuntimeError(f"the floor run failed:\n{floor.stdout[-2000:]}{floor.stderr[-2000:]}")
    start = time.perf_counter()
    suite = subprocess.run([*PYTEST, *SUITE], cwd=PROJECT_ROOT, env=env, capture_output=True, text=True)
    suite_s = time.perf_counter() - start
    ratio = suite_s / floor_s
    return {
        "suite_s": round(suite_s, 1), "floor_s": round(floor_s, 1), "notebooks": count, "ratio": round(ratio, 1),
        "aim_ratio": SUITE_AIM, "met": ratio <= SUITE_AIM, "suite_passed": suite.returncode == 0,
        "suite_summary": suite.stdout.strip().splitlines()[-1] if suite.stdout.strip() else "",
        "workers": os.cpu_count(),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="skip the test suite against its floor")
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
        print(f"1. make test: {suite['suite_s']} s against a floor of {suite['floor_s']} s ({suite['notebooks']} empty notebooks "
              f"and pytest's start-up, on {suite['workers']} cores): {suite['ratio']} times "
              f"(aim: at most {SUITE_AIM} times: {'met' if suite['met'] else 'NOT met'}); {suite['suite_summary']}")
    if args.quick and BENCH_JSON.exists():  # keep the last measurement of the suite, which --quick skips
        previous = json.loads(BENCH_JSON.read_text(encoding="utf-8"))
        if "suite" in previous:
            results["suite"] = {**previous["suite"], "from_an_earlier_run": True}
    BENCH_JSON.parent.mkdir(parents=True, exist_ok=True)
    BENCH_JSON.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    print(f"written: {shown(BENCH_JSON)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
