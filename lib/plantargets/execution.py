"""Execute the notebooks, each at most once for a given state of its inputs.

A notebook's outputs depend on its code cells and kernelspec, on the package (``lib/``), on the data (``data/``)
and on the exact versions of ``requirements.lock``. jupyter-cache keys a notebook on the first two only, so
:class:`InputsCache` adds a digest of the other three to the notebook's metadata before jupyter-cache hashes it:
a change to any of them is a new key, and a markdown cell edited, or a file that is not an input (JupyterLab's
``.ipynb_checkpoints/``), is not.

An entry is used only if it holds what a fresh execution of the same code would: the code cells of the notebook
asked for, execution counts 1, 2, 3..., no error output, and the same digest of the inputs. Anything else (a
corrupt file, a foreign or edited entry, a database that cannot be read) is reported, discarded, and the notebook
executed again: the cache is never trusted over an execution.
"""

from __future__ import annotations

import copy
import shutil
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable

import nbformat
from jupyter_cache.base import CacheBundleIn
from jupyter_cache.cache.main import JupyterCacheBase
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError
from traitlets.config import Config

from .inputs import CACHE_DIR, input_files, inputs_digest, say  # noqa: F401 (input_files: part of this API)
from .paths import shown

KERNEL = "python3"
TIMEOUT_SECONDS = 600
#: The notebook metadata key that carries the digest of the inputs outside the notebook into jupyter-cache's key.
INPUTS_KEY = "plantargets_inputs"


def execute(notebook: nbformat.NotebookNode, folder: Path) -> nbformat.NotebookNode:
    """Run a notebook top to bottom in a fresh kernel whose working folder is ``folder``; no timings recorded.

    The kernel talks to this process over IPC sockets in a private temporary folder, not TCP on a port: nothing
    else on the machine can connect to it, and ipykernel has no reason to warn about an unencrypted port."""
    with tempfile.TemporaryDirectory(prefix="plantargets-kernel-") as sockets:
        config = Config()
        config.KernelManager.transport = "ipc"
        config.KernelManager.ip = str(Path(sockets) / "kernel")
        client = NotebookClient(
            notebook,
            kernel_name=KERNEL,
            timeout=TIMEOUT_SECONDS,
            record_timing=False,
            config=config,
            resources={"metadata": {"path": str(folder)}},
        )
        client.execute()
    return notebook


class InputsCache(JupyterCacheBase):
    """jupyter-cache with the digest of the inputs in the key (metadata ``plantargets_inputs``)."""

    def create_hashed_notebook(self, nb, nb_metadata=("kernelspec", INPUTS_KEY), cell_metadata=None):
        return super().create_hashed_notebook(nb, nb_metadata=nb_metadata, cell_metadata=cell_metadata)


def _code(notebook: nbformat.NotebookNode) -> list[str]:
    return [cell.source for cell in notebook.cells if cell.cell_type == "code"]


def problem_with_entry(cached: nbformat.NotebookNode, asked: nbformat.NotebookNode) -> str | None:
    """Why a cached notebook cannot stand for an execution of ``asked`` (None when it can)."""
    if cached.metadata.get(INPUTS_KEY) != asked.metadata.get(INPUTS_KEY):
        return "it was made from other inputs"
    if cached.metadata.get("kernelspec") != asked.metadata.get("kernelspec"):
        return "it was made with another kernel"
    if _code(cached) != _code(asked):
        return "its code cells are not the notebook's"
    counts = [cell.execution_count for cell in cached.cells if cell.cell_type == "code"]
    if counts != list(range(1, len(counts) + 1)):
        return f"its execution counts are {counts}, not 1 to {len(counts)}"
    if any(o.get("output_type") == "error" for cell in cached.cells if cell.cell_type == "code" for o in cell.outputs):
        return "it holds an error"
    return None


@dataclass
class Run:
    """One notebook as the report uses it: executed now or taken from the cache, and how long that took."""

    path: Path
    notebook: nbformat.NotebookNode
    executed: bool
    seconds: float

    def line(self) -> str:
        how = "executed" if self.executed else "taken from the cache"
        return f"{shown(self.path)}: {how} in {self.seconds:.1f} s"


class NotebookCache:
    """The executed notebooks under ``folder`` (``build/cache/`` by default), as a jupyter-cache database."""

    def __init__(self, folder: Path = CACHE_DIR, say: Callable[[str], None] = say):
        self.folder = Path(folder)
        self.say = say
        self._open()

    def _open(self) -> None:
        self.cache = InputsCache(str(self.folder))

    def _reset(self, why: str) -> None:
        why = why.splitlines()[0][:200]  # a database error carries its SQL on the lines after the first
        self.say(f"the cache in {shown(self.folder)} cannot be read ({why}): it is cleared and rebuilt")
        shutil.rmtree(self.folder, ignore_errors=True)
        self._open()

    def keyed(self, path: Path, digest: str) -> nbformat.NotebookNode:
        """The notebook at ``path`` with the digest of the inputs in its metadata: what the cache is asked for."""
        notebook = nbformat.read(path, as_version=4)
        notebook.metadata[INPUTS_KEY] = digest
        return notebook

    def lookup(self, asked: nbformat.NotebookNode, path: Path) -> nbformat.NotebookNode | None:
        """The cached execution of ``asked`` merged into it (its markdown as it is now), or None."""
        try:
            record = self.cache.match_cache_notebook(asked)
        except KeyError:
            return None
        except Exception as error:  # a database that is not one, or not jupyter-cache's
            self._reset(f"{type(error).__name__}: {error}")
            return None
        try:
            cached = self.cache.get_cache_bundle(record.pk).nb
            why = problem_with_entry(cached, asked)
        except Exception as error:  # a missing or unreadable notebook file
            why = f"{type(error).__name__}: {error}"
        if why is None:
            _, merged = self.cache.merge_match_into_notebook(asked)
            merged.metadata.pop(INPUTS_KEY, None)
            return merged
        self.say(f"{shown(path)}: the cached entry is not used ({why.splitlines()[0][:200]}); executing it again")
        try:
            self.cache.remove_cache(record.pk)
        except Exception:  # its files are already gone: the new execution replaces the record (store, overwrite)
            pass
        return None

    def store(self, executed: nbformat.NotebookNode, path: Path) -> None:
        """Keep an execution; the earlier executions of the same notebook (other code, other inputs) are removed."""
        try:
            kept = self.cache.cache_notebook_bundle(CacheBundleIn(executed, str(path)), overwrite=True)
        except Exception as error:
            self._reset(f"{type(error).__name__}: {error}")
            kept = self.cache.cache_notebook_bundle(CacheBundleIn(executed, str(path)), overwrite=True)
        for record in self.cache.list_cache_records():
            if record.uri == str(path) and record.pk != kept.pk:
                try:
                    self.cache.remove_cache(record.pk)
                except Exception:
                    pass

    def run(self, path: Path, digest: str | None = None) -> Run:
        """The notebook at ``path`` executed, from the cache when its inputs are those of a cached execution."""
        start = time.perf_counter()
        asked = self.keyed(path, digest or inputs_digest())
        merged = self.lookup(asked, path)
        if merged is not None:
            return Run(path, merged, False, time.perf_counter() - start)
        try:
            executed = execute(copy.deepcopy(asked), path.parent)
        except CellExecutionError as error:  # say which notebook, in one line, before the traceback
            self.say(f"{shown(path)}: a cell raised {error.ename}: {error.evalue}; nothing of it is cached")
            raise
        self.store(executed, path)
        executed.metadata.pop(INPUTS_KEY, None)
        return Run(path, executed, True, time.perf_counter() - start)

    def run_all(self, paths: Iterable[Path]) -> list[Run]:
        """Each notebook in turn, one line each as it is done."""
        digest = inputs_digest()
        runs = []
        for path in paths:
            runs.append(self.run(path, digest))
            self.say(runs[-1].line())
        return runs
