"""The notebook cache of make report and make notebooks: keyed on everything the outputs depend on, never trusted
over an execution; and the report written again only when an input changed.

One small notebook is executed once for the module (the project's notebooks are nbval's); every other case is
a look-up, so each test says how many kernels it started (``notebook_runs.LAUNCHES``)."""

import copy
import re
import shutil

import nbformat
import pytest

import notebook_runs
from plantargets import execution, report
from plantargets.paths import DATA_DIR, PROJECT_ROOT


def small_notebook(folder, name="01-small.ipynb", code=("x = 6 * 7", "print(x)\nx")):
    notebook = nbformat.v4.new_notebook(cells=[
        nbformat.v4.new_markdown_cell("# A small notebook\n\nFor the cache's tests."),
        *(nbformat.v4.new_code_cell(source) for source in code),
    ])
    notebook.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    for number, cell in enumerate(notebook.cells):
        cell["id"] = f"cell-{number}"
    folder.mkdir(parents=True, exist_ok=True)
    nbformat.write(notebook, folder / name)
    return folder / name


class Said(list):
    def __call__(self, line):
        self.append(line)


@pytest.fixture(scope="module")
def warm(tmp_path_factory):
    """A cache holding one execution of the small notebook: (cache folder, notebook path, the run)."""
    folder = tmp_path_factory.mktemp("cache")
    path = small_notebook(folder / "notebooks")
    before = len(notebook_runs.LAUNCHES)
    run = execution.NotebookCache(folder / "cache", say=Said()).run(path)
    assert run.executed and len(notebook_runs.LAUNCHES) == before + 1
    return folder / "cache", path, run


def kernels_started(function):
    before = len(notebook_runs.LAUNCHES)
    result = function()
    return result, len(notebook_runs.LAUNCHES) - before


def test_an_execution_has_outputs_and_no_timing_or_key(warm):
    _, _, run = warm
    code = [c for c in run.notebook.cells if c.cell_type == "code"]
    assert [c.execution_count for c in code] == [1, 2]
    assert code[1].outputs[0]["text"] == "42\n" and code[1].outputs[1]["data"]["text/plain"] == "42"
    assert execution.INPUTS_KEY not in run.notebook.metadata
    assert all("execution" not in c.metadata for c in code)


def test_the_same_inputs_come_from_the_cache_with_no_kernel(warm):
    folder, path, first = warm
    said = Said()
    run, kernels = kernels_started(lambda: execution.NotebookCache(folder, say=said).run(path))
    assert (run.executed, kernels, said) == (False, 0, [])
    assert run.notebook == first.notebook
    assert run.line().endswith(f"01-small.ipynb: taken from the cache in {run.seconds:.1f} s")


def test_a_markdown_cell_edited_is_still_the_same_execution(warm):
    folder, path, _ = warm
    asked = execution.NotebookCache(folder).keyed(path, execution.inputs_digest())
    asked.cells[0].source += "\n\nOne more sentence."
    merged = execution.NotebookCache(folder).lookup(asked, path)
    assert merged is not None and merged.cells[0].source.endswith("One more sentence.")


@pytest.mark.parametrize("change", ["code", "inputs", "kernelspec"])
def test_a_change_to_code_inputs_or_kernel_is_a_new_key(warm, change):
    folder, path, _ = warm
    cache = execution.NotebookCache(folder)
    asked = cache.keyed(path, execution.inputs_digest())
    if change == "code":
        asked.cells[1].source = "x = 6 * 8"
    elif change == "inputs":
        asked.metadata[execution.INPUTS_KEY] = "0" * 64
    else:
        asked.metadata["kernelspec"] = {**asked.metadata["kernelspec"], "name": "python2"}
    assert cache.lookup(asked, path) is None


def test_the_key_covers_lib_data_and_the_lock_file_and_nothing_else(tmp_path):
    files = execution.input_files()
    shown = {p.relative_to(PROJECT_ROOT).as_posix() for p in files}
    assert {"requirements.lock", "data/targets.csv", "data/datapackage.json", "data/raw/000_7cd9e46865a7d4d1.txt",
            "lib/plantargets/charts.py", "lib/plantargets/plantargets.mplstyle"} <= shown
    assert not any(s.startswith("notebooks/") or "__pycache__" in s for s in shown)
    copy_ = tmp_path / "targets.csv"
    shutil.copy(DATA_DIR / "targets.csv", copy_)
    before = execution.inputs_digest([copy_])
    copy_.write_bytes(copy_.read_bytes().replace(b"7,96", b"7,97", 1))
    assert execution.inputs_digest([copy_]) != before


def _entry_file(folder, path):
    cache = execution.NotebookCache(folder)
    record = cache.cache.match_cache_notebook(cache.keyed(path, execution.inputs_digest()))
    return cache.cache._get_notebook_path_cache(record.hashkey)


@pytest.mark.parametrize("damage, why", [
    ("garbage", "NotJSONError"),
    ("other code", "its code cells are not the notebook's"),
    ("counts", "its execution counts are [1, 5], not 1 to 2"),
    ("error", "it holds an error"),
    ("inputs", "it was made from other inputs"),
])
def test_a_corrupt_or_foreign_entry_is_not_trusted(tmp_path, warm, damage, why):
    """Each kind of bad entry is refused, said, and removed, so that the next run executes the notebook."""
    folder = tmp_path / "cache"
    shutil.copytree(warm[0], folder)
    path = warm[1]
    entry = _entry_file(folder, path)
    cached = nbformat.read(entry, as_version=4)
    code = [c for c in cached.cells if c.cell_type == "code"]
    if damage == "garbage":
        entry.write_text("{not a notebook", encoding="utf-8")
    else:
        if damage == "other code":
            code[1].source = "print('something else')"
        elif damage == "counts":
            code[1].execution_count = 5
        elif damage == "error":
            code[1].outputs = [nbformat.v4.new_output("error", ename="ValueError", evalue="x", traceback=[])]
        else:
            cached.metadata[execution.INPUTS_KEY] = "f" * 64
        nbformat.write(cached, entry)
    said = Said()
    cache = execution.NotebookCache(folder, say=said)
    assert cache.lookup(cache.keyed(path, execution.inputs_digest()), path) is None
    assert len(said) == 1 and "the cached entry is not used" in said[0] and why in said[0], said
    with pytest.raises(KeyError):  # removed: the next look-up finds nothing, and the notebook is executed
        cache.cache.match_cache_notebook(cache.keyed(path, execution.inputs_digest()))


def test_a_database_that_is_not_one_is_cleared(tmp_path, warm):
    folder = tmp_path / "cache"
    shutil.copytree(warm[0], folder)
    (folder / "global.db").write_bytes(b"this is not a database" * 100)
    said = Said()
    cache = execution.NotebookCache(folder, say=said)
    assert cache.lookup(cache.keyed(warm[1], execution.inputs_digest()), warm[1]) is None
    assert len(said) == 1 and "cannot be read" in said[0] and "cleared and rebuilt" in said[0]
    assert not (folder / "executed").exists()


# ------------------------------------------------------------------ the report: written again only when an input changed


def test_the_report_is_written_once_then_left_alone(tmp_path, warm, monkeypatch):
    """First run: the notebook is executed (a kernel) and the report written. Second run, after JupyterLab made a
    checkpoint: up to date, nothing executed or written. A markdown edit: written again, the outputs from the
    cache (no kernel). The figures and pages (report.render) are tested in test_report.py: here they are counted."""
    rendered = []

    def fake_render(executed, out, say, cache):
        rendered.append([path.name for path, _ in executed])
        out.mkdir(parents=True, exist_ok=True)
        (out / "index.html").write_text("index", encoding="utf-8")
        return out / "index.html"

    monkeypatch.setattr(report, "render", fake_render)
    notebooks = tmp_path / "notebooks"
    shutil.copytree(warm[1].parent, notebooks)
    cache, out = tmp_path / "cache", tmp_path / "report"
    said = Said()
    _, kernels = kernels_started(lambda: report.write_report(out, notebooks, cache, say=said))
    assert (kernels, rendered) == (1, [["01-small.ipynb"]])
    # the digest is kept beside the report, not in it: the report holds only what it publishes
    assert [p.name for p in out.iterdir()] == ["index.html"] and (tmp_path / "report.inputs").is_file()
    assert re.fullmatch(rf"{re.escape(str(notebooks))}/01-small.ipynb: executed in \d+\.\d s", said[0]), said

    (notebooks / ".ipynb_checkpoints").mkdir()
    shutil.copy(notebooks / "01-small.ipynb", notebooks / ".ipynb_checkpoints" / "01-small-checkpoint.ipynb")
    said.clear()
    _, kernels = kernels_started(lambda: report.write_report(out, notebooks, cache, say=said))
    assert (kernels, len(rendered)) == (0, 1) and len(said) == 1 and "is up to date" in said[0]

    notebook = nbformat.read(notebooks / "01-small.ipynb", as_version=4)
    notebook.cells[0].source += "\n\nEdited."
    nbformat.write(notebook, notebooks / "01-small.ipynb")
    said.clear()
    _, kernels = kernels_started(lambda: report.write_report(out, notebooks, cache, say=said))
    assert (kernels, len(rendered)) == (0, 2) and "taken from the cache" in said[0]

    (notebooks / "01-small.ipynb").rename(notebooks / "02-small.ipynb")  # a notebook renamed: written again
    _, kernels = kernels_started(lambda: report.write_report(out, notebooks, cache, say=said))
    assert (kernels, rendered[-1]) == (0, ["02-small.ipynb"])


def test_make_notebooks_saves_the_cached_outputs_unchanged(tmp_path, warm):
    notebooks = tmp_path / "notebooks"
    shutil.copytree(warm[1].parent, notebooks)
    cache = tmp_path / "cache"
    shutil.copytree(warm[0], cache)
    before = copy.deepcopy(warm[2].notebook)
    _, kernels = kernels_started(lambda: report.execute_in_place(notebooks, cache, say=Said()))
    saved = nbformat.read(notebooks / "01-small.ipynb", as_version=4)
    assert kernels == 0 and saved == before
    first = (notebooks / "01-small.ipynb").read_bytes()
    report.execute_in_place(notebooks, cache, say=Said())
    assert (notebooks / "01-small.ipynb").read_bytes() == first


def test_the_figures_are_drawn_once_for_the_same_lib_and_data(tmp_path, monkeypatch):
    """write_figures with a cache: drawn the first time, copied the second, drawn again when the inputs changed or
    the cache lost a file. (Tiny figures stand in for the charts: test_report.py draws the real ones.)"""
    from matplotlib.figure import Figure

    from plantargets import charts, inputs

    drawn = []

    def tiny(targets, context, lang):
        drawn.append(lang)
        fig = Figure(figsize=(1, 1))
        fig.suptitle(f"title {lang}")
        return {"00-tiny": fig}

    monkeypatch.setattr(charts, "figures", tiny)
    cache, said = tmp_path / "cache", Said()
    first = report.write_figures(tmp_path / "one", cache, say=said)
    assert drawn == list(charts.LANGS) and said[-1].startswith("writing the figures")
    second = report.write_figures(tmp_path / "two", cache, say=said)
    assert drawn == list(charts.LANGS) and "taken from the cache (4 files" in said[-1]
    assert [(s, {k: [p.name for p in v] for k, v in b.items()}, t) for s, b, t in first] == \
           [(s, {k: [p.name for p in v] for k, v in b.items()}, t) for s, b, t in second]
    for path in (tmp_path / "one").iterdir():
        assert (tmp_path / "two" / path.name).read_bytes() == path.read_bytes()
    next(p for p in (cache / "figures").rglob("*.png")).unlink()  # a file lost: drawn again
    report.write_figures(tmp_path / "three", cache, say=said)
    assert len(drawn) == 2 * len(charts.LANGS)
    monkeypatch.setattr(inputs, "inputs_digest", lambda files=None: "another")  # other inputs: drawn again
    report.write_figures(tmp_path / "four", cache, say=said)
    assert len(drawn) == 3 * len(charts.LANGS) and [p.name for p in (cache / "figures").iterdir()] == ["another"]


def test_a_failing_cell_names_its_notebook_and_nothing_is_cached(tmp_path):
    from nbclient.exceptions import CellExecutionError

    path = small_notebook(tmp_path / "notebooks", code=("x = 1", "raise ValueError('broken on purpose')"))
    said = Said()
    cache = execution.NotebookCache(tmp_path / "cache", say=said)
    with pytest.raises(CellExecutionError):
        cache.run_all([path])
    assert said == [f"{path}: a cell raised ValueError: broken on purpose; nothing of it is cached"]
    assert cache.cache.list_cache_records() == []


def test_an_older_execution_of_the_same_notebook_is_removed(tmp_path, warm):
    """A notebook's code changed and executed again: its earlier entry is of no more use and goes."""
    folder = tmp_path / "cache"
    shutil.copytree(warm[0], folder)
    path = tmp_path / "01-small.ipynb"
    shutil.copy(warm[1], path)
    cache = execution.NotebookCache(folder, say=Said())
    notebook = nbformat.read(path, as_version=4)
    notebook.cells[1].source = "x = 6 * 8"
    nbformat.write(notebook, path)
    first = cache.run(path)
    assert first.executed and [r.uri for r in cache.cache.list_cache_records()].count(str(path)) == 1
    notebook.cells[1].source = "x = 6 * 9"
    nbformat.write(notebook, path)
    assert cache.run(path).executed
    records = cache.cache.list_cache_records()
    assert [r.uri for r in records].count(str(path)) == 1 and len(records) == 2  # this one, and the fixture's


def test_an_entry_whose_files_are_gone_is_replaced_without_clearing_the_rest(tmp_path, warm):
    folder = tmp_path / "cache"
    shutil.copytree(warm[0], folder)
    record = execution.NotebookCache(folder).cache.list_cache_records()[0]
    shutil.rmtree(folder / "executed" / record.hashkey)
    said = Said()
    cache = execution.NotebookCache(folder, say=said)
    assert cache.lookup(cache.keyed(warm[1], execution.inputs_digest()), warm[1]) is None
    assert len(said) == 1 and "the cached entry is not used" in said[0] and "cannot be read" not in said[0]
    assert (folder / "global.db").is_file()  # the database was kept, not cleared
