"""JupyterLab and Chromium for the browser tests: started here, and stopped with every process they made.

``running_lab(folder)`` starts JupyterLab with ``make lab``, on a free loopback port with a fresh token and its
own settings, runtime and workspace folders; on leaving the block, normally or through an exception, it asks the server to
shut down (which stops its kernels), then terminates and kills whatever of its process tree is still there.
"""

from __future__ import annotations

import ctypes
import json
import os
import secrets
import shlex
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.request
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from plantargets.paths import PROJECT_ROOT

#: make e2e passes its CHROMIUM on; make check-browser checks that it is there, and a Vietnamese font.
CHROMIUM = os.environ.get("PLANTARGETS_CHROMIUM", "/usr/bin/chromium")
#: As root Chromium needs --no-sandbox; the rest keep it from calling Google's hosts on a closed network.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-breakpad",  # no crash reports written under ~/.config
]

#: JupyterLab's user settings for the test (plugin id -> settings).
#: windowingMode "none": every cell is in the page, not only those in view (JupyterLab 4 attaches only those).
#: autosave off: running the notebooks in the browser never writes them back.
#: (No news and no update check: make lab has that from lib/jupyterlab-overrides.json, as users get it.)
LAB_SETTINGS = {
    "@jupyterlab/notebook-extension:tracker": {"windowingMode": "none"},
    "@jupyterlab/docmanager-extension:plugin": {"autosave": False},
}
START_SECONDS = 90
PR_SET_PDEATHSIG = 1  # from <sys/prctl.h>
STOP_SECONDS = 10


def browser_missing() -> str | None:
    """What make check-browser says is missing (Chromium, or a Vietnamese font) with the command that installs it."""
    check = subprocess.run(
        ["make", "--no-print-directory", "-C", str(PROJECT_ROOT), "check-browser", f"CHROMIUM={CHROMIUM}"],
        capture_output=True, text=True,
    )
    if check.returncode == 0:
        return None
    return check.stderr.strip() or f"make check-browser exited with {check.returncode}"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def children(pid: int) -> dict[int, int]:
    """{pid: parent pid} of every process whose parent is in the tree of ``pid`` (not ``pid`` itself)."""
    parents = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:  # the process ended while we looked
                continue
            # the command name, in parentheses, may hold spaces: the fields after its closing one are fixed
            parents[int(entry.name)] = int(stat[stat.rindex(")") + 2 :].split()[1])
    tree, frontier = {}, {pid}
    while frontier:
        frontier = {child for child, parent in parents.items() if parent in frontier and child not in tree}
        tree.update({child: parents[child] for child in frontier})
    return tree


def alive(pid: int) -> bool:
    """Whether ``pid`` runs (a zombie, ended but not yet reaped, does not count)."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return state[state.rindex(")") + 2] != "Z"


def command_line(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace").strip()
    except OSError:
        return "?"


@dataclass
class Lab:
    url: str
    token: str
    folder: Path
    process: subprocess.Popen
    log: Path

    def api(self, path: str, method: str = "GET", body: dict | None = None):
        """Call the server's REST API with the token; the decoded JSON answer ({} when empty)."""
        request = urllib.request.Request(
            f"{self.url}{path}",
            method=method,
            data=None if body is None else json.dumps(body).encode(),
            headers={"Authorization": f"token {self.token}", "Content-Type": "application/json"},
        )
        with urllib.request.urlopen(request, timeout=10) as response:
            body = response.read()
        return json.loads(body) if body else {}

    def shutdown_kernels(self) -> None:
        for session in self.api("/api/sessions"):
            self.api(f"/api/sessions/{session['id']}", method="DELETE")

    def log_tail(self, lines: int = 40) -> str:
        return "\n".join(self.log.read_text(errors="replace").splitlines()[-lines:])


def write_settings(folder: Path, settings: dict = LAB_SETTINGS) -> Path:
    """JupyterLab's user-settings folder: <folder>/<package>/<plugin>.jupyterlab-settings."""
    for plugin_id, values in settings.items():
        package, plugin = plugin_id.split(":")
        path = folder / package / f"{plugin}.jupyterlab-settings"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(values), encoding="utf-8")
    return folder


def _end_with_parent() -> None:
    """In the child, before make starts: SIGTERM when the test process dies, however it dies (Linux's
    PR_SET_PDEATHSIG). make passes it on to JupyterLab, which then shuts its kernels down."""
    libc = ctypes.CDLL(None, use_errno=True)
    if libc.prctl(PR_SET_PDEATHSIG, signal.SIGTERM) != 0:
        raise OSError(ctypes.get_errno(), "prctl(PR_SET_PDEATHSIG)")


@contextmanager
def running_lab(folder: Path, scratch: Path, stop_seconds: float = STOP_SECONDS):
    """JupyterLab serving ``folder``; its settings, runtime files and log under ``scratch``.

    ``stop_seconds``: how long its processes have to end after it was asked to stop, before they are killed."""
    token, port = secrets.token_hex(24), free_port()
    env = dict(
        os.environ,
        JUPYTERLAB_SETTINGS_DIR=str(write_settings(scratch / "settings")),
        JUPYTERLAB_WORKSPACES_DIR=str(scratch / "workspaces"),
        JUPYTER_RUNTIME_DIR=str(scratch / "runtime"),
        JUPYTER_DATA_DIR=str(scratch / "data"),  # notebook signatures and secrets: not in the user's folder
        JUPYTER_PLATFORM_DIRS="1",
        PYDEVD_DISABLE_FILE_VALIDATION="1",
        IPYTHONDIR=str(scratch / "ipython"),
    )
    # make lab, as a user starts it, with a free port, a fresh token and the folder to serve.
    options = [f"--port={port}", "--port-retries=0", f"--IdentityProvider.token={token}"]
    command = ["make", "--no-print-directory", "-C", str(PROJECT_ROOT), "lab", f"LAB_DIR={folder}", f"LAB_ARGS={shlex.join(options)}"]
    log = scratch / "jupyterlab.log"
    with log.open("wb") as out:
        process = subprocess.Popen(
            command, env=env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True, preexec_fn=_end_with_parent
        )
    lab = Lab(f"http://127.0.0.1:{port}", token, folder, process, log)
    seen: dict[int, int] = {}
    try:
        _wait_until_up(lab)
        yield lab
    except BaseException as error:
        seen.update(children(process.pid))
        left = stop(lab, seen, stop_seconds)
        if left:
            error.add_note("processes left after JupyterLab stopped (now killed):\n" + "\n".join(left))
        raise
    seen.update(children(process.pid))
    left = stop(lab, seen, stop_seconds)
    if left:
        raise AssertionError("processes left after JupyterLab stopped (now killed):\n" + "\n".join(left))


def _wait_until_up(lab: Lab) -> None:
    deadline = time.monotonic() + START_SECONDS
    while time.monotonic() < deadline:
        if lab.process.poll() is not None:
            raise RuntimeError(f"JupyterLab exited with {lab.process.returncode}:\n{lab.log_tail()}")
        try:
            lab.api("/api/status")
            return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            time.sleep(0.25)
    raise RuntimeError(f"JupyterLab did not answer on {lab.url} within {START_SECONDS} s:\n{lab.log_tail()}")


def stop(lab: Lab, seen: dict[int, int], wait: float = STOP_SECONDS) -> list[str]:
    """Shut the server down and make sure every process it started has ended.

    Returns the processes that were still running after the server's own shutdown and had to be killed."""
    try:
        lab.api("/api/shutdown", method="POST")
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        pass  # already gone, or not answering: terminated below
    for sig in (signal.SIGTERM, signal.SIGKILL):
        try:
            lab.process.wait(wait)
            break
        except subprocess.TimeoutExpired:
            seen.update(children(lab.process.pid))
            try:
                os.killpg(lab.process.pid, sig)
            except ProcessLookupError:  # ended in the meantime
                pass
    lab.process.wait()
    # Kernels run in sessions of their own: they do not end with the server's process group.
    return kill_left(seen, wait)


def kill_left(pids, wait: float = STOP_SECONDS) -> list[str]:
    """Give ``pids`` ``wait`` seconds to end; kill those still running and return them as 'pid: command line'."""
    deadline = time.monotonic() + wait
    while any(alive(pid) for pid in pids) and time.monotonic() < deadline:
        time.sleep(0.05)
    left = []
    for pid in pids:
        if alive(pid):
            left.append(f"{pid}: {command_line(pid)}")
            try:
                os.kill(pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
    deadline = time.monotonic() + wait
    while any(alive(pid) for pid in pids) and time.monotonic() < deadline:
        time.sleep(0.05)
    return left
