"""The plugin that holds make test to one execution per notebook, checked in full (tests/notebook_runs.py).

A run of pytest in a subprocess, on a small notebook of its own folder, made to fail every way the plugin checks: a byte changed in a stored image, a stored execution count changed, the
notebook executed a second time, and a kernel started for no notebook. The run uses two xdist workers, so the
count is the controller's, across processes. The clean case is make test itself: it passes only if each notebook
of notebooks/ is executed once, and its summary says how often each was."""

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

import notebook_runs
from plantargets import execution

pytestmark = pytest.mark.heavy

TESTS = Path(__file__).parent

CELLS = [
    "import matplotlib\nmatplotlib.use('module://matplotlib_inline.backend_inline')\nimport matplotlib.pyplot as plt",
    "fig, ax = plt.subplots(figsize=(2, 1), dpi=50)\nax.plot([0, 1], [1, 0])\nplt.show()",
    "print('one line')",
    "2 + 2",
]

AGAIN = '''
import nbformat
from pathlib import Path
from plantargets import execution

def test_the_notebook_once_more():
    path = Path(__file__).with_name("notebooks") / "01-small.ipynb"
    execution.execute(nbformat.read(path, as_version=4), path.parent)

def test_a_kernel_for_no_notebook():
    from jupyter_client.manager import start_new_kernel
    km, kc = start_new_kernel(kernel_name="python3")
    kc.stop_channels()
    km.shutdown_kernel(now=True)
'''


@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    """A folder with notebooks/01-small.ipynb executed and stored."""
    root = tmp_path_factory.mktemp("runs")
    notebook = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(c) for c in CELLS])
    notebook.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    for number, cell in enumerate(notebook.cells):
        cell["id"] = f"cell-{number}"
    (root / "notebooks").mkdir()
    path = root / "notebooks" / "01-small.ipynb"
    nbformat.write(execution.execute(notebook, path.parent), path)
    return root


def pytest_run(root: Path, *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(TESTS)}
    command = [sys.executable, "-m", "pytest", "-p", "notebook_runs", "-p", "no:cacheprovider", "--rootdir", str(root),
               "-c", os.devnull, "--notebook-runs-folder", str(root / "notebooks"), *args]
    return subprocess.run(command, cwd=root, env=env, capture_output=True, text=True, timeout=300)


def test_every_way_of_failing_is_caught(folder, tmp_path):
    root = tmp_path / "broken"
    (root / "notebooks").mkdir(parents=True)
    notebook = nbformat.read(folder / "notebooks" / "01-small.ipynb", as_version=4)
    image = notebook.cells[1].outputs[0]["data"]
    image["image/png"] = image["image/png"][:40] + ("A" if image["image/png"][40] != "A" else "B") + image["image/png"][41:]
    notebook.cells[2].execution_count = 7
    notebook.cells[3].outputs[0]["execution_count"] = 9  # the result's own count, the cell's left as it was
    nbformat.write(notebook, root / "notebooks" / "01-small.ipynb")
    (root / "test_again.py").write_text(AGAIN, encoding="utf-8")
    result = pytest_run(root, "--nbval", "-n", "2", "--dist", "loadscope", "notebooks", "test_again.py",
                        "--notebook-executions-json", "runs.json")
    out = result.stdout
    assert result.returncode == 1, out + result.stderr
    record = json.loads((root / "runs.json").read_text())
    assert sorted(record["launches"], key=str) == sorted([{"notebook": "notebooks/01-small.ipynb", "by": "nbval"},
                                                         {"notebook": "notebooks/01-small.ipynb", "by": "nbclient"},
                                                         {"notebook": None, "by": None}], key=str)
    assert re.search(r"^\[ ?\d/2 files, +\d+ s\] notebooks/01-small.ipynb: 3 failed, 1 passed \(\d+\.\d s\)$", out, flags=re.M), out
    failed = sorted(re.findall(r"^FAILED (\S+::Cell \d+)", out, flags=re.M))
    assert failed == ["notebooks/01-small.ipynb::Cell 1", "notebooks/01-small.ipynb::Cell 2",
                      "notebooks/01-small.ipynb::Cell 3"], out
    assert "mismatch 'image/png'" in out
    assert "Cell execution count differs" in out and "stored: 7; an execution top to bottom gives 3" in out
    assert "stored: 4 (its result: 9); an execution top to bottom gives 4" in out
    assert "notebooks/01-small.ipynb was executed 2 times in this run (nbval, nbclient)" in out
    assert "1 kernel(s) started for no notebook" in out
    assert "3 failed, 3 passed" in out


def test_a_second_execution_alone_fails_the_run(folder, tmp_path):
    """Every test passes, and the run fails all the same: the notebook was executed by nbval and once more."""
    root = tmp_path / "twice"
    shutil.copytree(folder / "notebooks", root / "notebooks")
    (root / "test_again.py").write_text(AGAIN.split("def test_a_kernel_for_no_notebook")[0], encoding="utf-8")
    result = pytest_run(root, "--nbval", "-p", "no:xdist", "notebooks", "test_again.py")
    assert result.returncode == 1, result.stdout + result.stderr
    assert "5 passed" in result.stdout and "failed" not in result.stdout.split("notebook executions")[0]
    assert "FAILED: notebooks/01-small.ipynb was executed 2 times in this run (nbval, nbclient)" in result.stdout


def test_the_verdict_counts_only_the_notebooks_of_the_folder():
    launches = [{"notebook": "notebooks/01-a.ipynb", "by": "nbval"},
                {"notebook": "outside notebooks/ small.ipynb (abc)", "by": "nbclient"},
                {"notebook": "outside notebooks/ small.ipynb (abc)", "by": "nbclient"}]
    assert notebook_runs.verdict(launches) == (
        [], ["1 notebook(s) of notebooks/ executed: 01-a.ipynb x1", "2 kernel(s) for test notebooks outside notebooks/"])
    problems, _ = notebook_runs.verdict([*launches, launches[0], {"notebook": None, "by": None}])
    assert problems == ["notebooks/01-a.ipynb was executed 2 times in this run (nbval, nbval); once is enough",
                        "1 kernel(s) started for no notebook that nbval or nbclient executes"]
    problems, _ = notebook_runs.verdict(launches, collected=["01-a.ipynb", "02-b.ipynb"])
    assert problems == ["notebooks/02-b.ipynb was collected by nbval but never executed"]
    assert notebook_runs.verdict([], []) == ([], [])  # no notebook in the run: nothing to say
