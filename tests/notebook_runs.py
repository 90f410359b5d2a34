"""A pytest plugin for this project's runs (loaded with ``-p notebook_runs``, see pyproject.toml).

1. **nbval checks everything a notebook outputs.** Besides text, HTML and streams, which nbval compares, each cell's
   images (PNG, JPEG: nbval leaves them out unless ``--nbdime`` is given) must equal the stored ones, and its
   stored execution count (and that of its result) must be the one a run from the top gives: 1, 2, 3... The report is rendered from the stored notebooks, so what it shows is what was verified.
2. **Each notebook of notebooks/ is executed once per run**, counted, not assumed: every kernel started in the run's
   own processes is recorded (``jupyter_client``'s launch, whoever asks for it) with the notebook it was started for
   (nbval's notebook, or the notebook an ``nbclient`` client executes, matched on its code cells). A notebook of
   notebooks/ started twice, or collected by nbval and never started, or a kernel started for no notebook, fails the
   run. Not seen: a kernel started by another process (a subprocess of a test), and a notebook run without a kernel
   (``exec`` on its cells); the suite does neither, and a test of its own would have to count those. Under pytest-xdist each worker
   sends its record to the controller, which counts. ``--notebook-executions-json PATH`` writes the record.
3. **The longest modules first** (marker ``heavy``), so that under pytest-xdist no worker is left with one of them
   at the end while the others wait.
4. **Progress a reader can follow**: one line per test file or notebook when its last test is done, with what
   passed and failed and the seconds its tests took.
"""

from __future__ import annotations

import hashlib
import json
import time
from collections import Counter, defaultdict
from pathlib import Path

import pytest

#: The kernel launches of this process: [{"notebook": name or None, "by": "nbval" | "nbclient" | None}].
LAUNCHES: list[dict] = []
#: What the next kernel launch is for, set while nbval or nbclient starts one.
_starting: list[dict] = []
PROJECT = "notebooks/"
OUTSIDE = "outside notebooks/"


def code_digest(notebook) -> str:
    return hashlib.sha256(json.dumps([c.source for c in notebook.cells if c.cell_type == "code"]).encode()).hexdigest()


#: The folder of the notebooks that must run once (``--notebook-runs-folder``; notebooks/ by default).
FOLDER: list[Path] = []


def project_notebooks() -> dict[str, str]:
    """The code digest of each notebook of the folder (read from the files): {digest: name}."""
    import nbformat

    from plantargets.paths import NOTEBOOKS_DIR  # not plantargets.report: this runs in every worker, kept light

    folder = FOLDER[0] if FOLDER else NOTEBOOKS_DIR
    paths = sorted([*folder.glob("[0-9][0-9]-*.ipynb"), *folder.glob("*/[0-9][0-9]-*.ipynb")])
    return {code_digest(nbformat.read(p, as_version=4)): p.relative_to(folder).as_posix() for p in paths}


def _name(notebook, path: Path | None) -> str:
    known = project_notebooks()
    digest = code_digest(notebook)
    if digest in known:
        return PROJECT + known[digest]
    return f"{OUTSIDE} {path.name if path else 'a notebook'} ({digest[:8]})"


def fresh_count(notebook, cell) -> int | None:
    """The execution count a cell gets when the notebook is run top to bottom in a fresh kernel, as nbclient and
    JupyterLab's Run All do: 1, 2, 3... over the code cells that are not empty (nbval itself runs each cell with
    store_history off, so its kernel's count cannot be compared)."""
    count = 0
    for other in notebook.cells:
        if other.cell_type == "code" and other.source.strip():
            count += 1
        if other is cell:
            return count if cell.source.strip() else None
    raise ValueError("the cell is not in the notebook")


def _install_patches() -> None:
    from jupyter_client.manager import KernelManager
    from nbclient import NotebookClient
    from nbval.plugin import IPyNbCell, IPyNbFile

    if getattr(KernelManager, "_notebook_runs_patched", False):
        return
    KernelManager._notebook_runs_patched = True

    launch = KernelManager._async_launch_kernel

    async def counted_launch(self, kernel_cmd, **kw):
        LAUNCHES.append(dict(_starting[-1]) if _starting else {"notebook": None, "by": None})
        return await launch(self, kernel_cmd, **kw)

    KernelManager._async_launch_kernel = counted_launch

    nbval_setup = IPyNbFile.setup

    def setup(self):
        _starting.append({"notebook": _name(self.nb, Path(self.path)), "by": "nbval"})
        try:
            nbval_setup(self)
        finally:
            _starting.pop()

    IPyNbFile.setup = setup

    start_new_kernel = NotebookClient.async_start_new_kernel

    async def async_start_new_kernel(self, **kwargs):
        _starting.append({"notebook": _name(self.nb, None), "by": "nbclient"})
        try:
            return await start_new_kernel(self, **kwargs)
        finally:
            _starting.pop()

    NotebookClient.async_start_new_kernel = async_start_new_kernel

    file_init = IPyNbFile.__init__

    def init(self, *args, **kwargs):
        file_init(self, *args, **kwargs)
        self.skip_compare = tuple(k for k in self.skip_compare if k not in ("image/png", "image/jpeg"))

    IPyNbFile.__init__ = init

    runtest = IPyNbCell.runtest

    def runtest_with_count(self):
        runtest(self)
        stored, fresh = self.cell.execution_count, fresh_count(self.parent.nb, self.cell)
        results = [o.get("execution_count") for o in self.cell.outputs if o.get("output_type") == "execute_result"]
        if self.options["check"] and stored is not None and (stored != fresh or any(r != fresh for r in results)):
            self.raise_cell_error(
                "Cell execution count differs",
                f"stored: {stored}{f' (its result: {results[0]})' if results else ''}; an execution top to bottom "
                f"gives {fresh}: the stored outputs are not those of one run of the notebook from the first cell",
            )

    IPyNbCell.runtest = runtest_with_count


def pytest_addoption(parser):
    parser.addoption("--notebook-executions-json", metavar="PATH",
                     help="write the kernels started in this run, by notebook, to PATH (JSON)")
    parser.addoption("--notebook-runs-folder", metavar="DIR",
                     help="the notebooks that must be executed at most once (default: the project's notebooks/)")


def pytest_configure(config):
    _install_patches()
    if config.getoption("notebook_runs_folder"):
        FOLDER[:] = [Path(config.getoption("notebook_runs_folder")).resolve()]
    config._notebook_launches = LAUNCHES if not hasattr(config, "workerinput") else None
    config._file_progress = FileProgress(config)
    config.pluginmanager.register(config._file_progress, "notebook_runs_progress")


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(session, config, items):
    heavy = {item.nodeid.split("::")[0] for item in items if item.get_closest_marker("heavy")}
    items.sort(key=lambda item: item.nodeid.split("::")[0] not in heavy)  # stable: the order within stays


@pytest.hookimpl(optionalhook=True)
def pytest_testnodedown(node, error):
    """On the controller: a worker's kernel launches."""
    node.config._notebook_launches.extend(getattr(node, "workeroutput", {}).get("notebook_launches", []))


def verdict(launches: list[dict], collected: list[str] = ()) -> tuple[list[str], list[str]]:
    """(problems, lines): a notebook of notebooks/ started more than once, one that nbval collected and never started,
    and a kernel started for no notebook are problems; the lines say how many kernels each notebook had.

    ``collected``: the notebooks of notebooks/ whose cells nbval collected in this run (their file names)."""
    counts = Counter(launch["notebook"] for launch in launches)
    by = defaultdict(list)
    for launch in launches:
        by[launch["notebook"]].append(launch["by"])
    problems = [f"{name} was executed {n} times in this run ({', '.join(by[name])}); once is enough"
                for name, n in sorted(counts.items(), key=lambda kv: str(kv[0]))
                if name and name.startswith(PROJECT) and n > 1]
    problems += [f"{PROJECT}{name} was collected by nbval but never executed" for name in sorted(collected)
                 if counts[PROJECT + name] == 0]
    if counts[None]:
        problems.append(f"{counts[None]} kernel(s) started for no notebook that nbval or nbclient executes")
    if not launches and not collected:
        return problems, []  # nothing to say: no notebook in this run (the browser tests run theirs in JupyterLab)
    project = sorted(name for name in counts if name and name.startswith(PROJECT))
    outside = sum(n for name, n in counts.items() if name and name.startswith(OUTSIDE))
    lines = [f"{len(project)} notebook(s) of notebooks/ executed: "
             + (", ".join(f"{name[len(PROJECT):]} x{counts[name]}" for name in project) or "none"),
             f"{outside} kernel(s) for test notebooks outside notebooks/"]
    return problems, lines


@pytest.hookimpl(trylast=True)
def pytest_sessionfinish(session, exitstatus):
    config = session.config
    if hasattr(config, "workerinput"):  # a pytest-xdist worker: the controller counts
        config.workeroutput["notebook_launches"] = list(LAUNCHES)
        return
    launches = config._notebook_launches
    known = set(project_notebooks().values())
    collected = sorted({nodeid.split("::")[0].split(PROJECT, 1)[-1] for nodeid in config._file_progress.total
                        if nodeid.split("::")[0].endswith(".ipynb")} & known)
    problems, lines = verdict(launches, collected)
    config._notebook_verdict = (problems, lines)
    path = config.getoption("notebook_executions_json")
    if path:
        Path(path).write_text(json.dumps({"launches": launches, "problems": problems, "summary": lines}, indent=2) + "\n",
                              encoding="utf-8")
    if problems and session.exitstatus == pytest.ExitCode.OK:
        session.exitstatus = pytest.ExitCode.TESTS_FAILED


def pytest_terminal_summary(terminalreporter, exitstatus, config):
    problems, lines = getattr(config, "_notebook_verdict", ([], []))
    if not lines:
        return
    terminalreporter.section("notebook executions")
    for line in lines:
        terminalreporter.write_line(line)
    for problem in problems:
        terminalreporter.write_line(f"FAILED: {problem}", red=True, bold=True)


class FileProgress:
    """One line per test file or notebook once all its tests are done (on the controller only)."""

    def __init__(self, config):
        self.config = config
        self.total: Counter = Counter()
        self.done: Counter = Counter()
        self.outcomes: dict[str, Counter] = defaultdict(Counter)
        self.seconds: Counter = Counter()
        self.finished = 0
        self.start = time.perf_counter()

    def _expect(self, nodeids) -> None:
        if not self.total:
            self.total.update(nodeid.split("::")[0] for nodeid in nodeids)

    def pytest_collection_modifyitems(self, session, config, items):
        if not hasattr(config, "workerinput"):
            self._expect(item.nodeid for item in items)

    @pytest.hookimpl(optionalhook=True)
    def pytest_xdist_node_collection_finished(self, node, ids):
        self._expect(ids)

    def pytest_runtest_logreport(self, report):
        if hasattr(self.config, "workerinput"):
            return
        name = report.nodeid.split("::")[0]
        self.seconds[name] += report.duration
        if report.when == "call" or (report.when == "setup" and not report.passed):
            self.outcomes[name][report.outcome] += 1
        elif report.when == "teardown" and report.failed:
            self.outcomes[name]["error"] += 1
        if report.when != "teardown":
            return
        self.done[name] += 1
        if self.done[name] == self.total.get(name):
            self.finished += 1
            what = ", ".join(f"{n} {outcome}" for outcome, n in sorted(self.outcomes[name].items()))
            reporter = self.config.pluginmanager.get_plugin("terminalreporter")
            if reporter is not None and self.config.get_verbosity() <= 0:
                if getattr(reporter._tw, "width_of_current_line", 0):
                    reporter._tw.line()  # after the dots of progress, on a line of its own
                reporter.write_line(
                    f"[{self.finished:>2}/{len(self.total)} files, {time.perf_counter() - self.start:5.0f} s] "
                    f"{name}: {what} ({self.seconds[name]:.1f} s)")
