"""The harness of the browser tests: make check-browser says what is missing, and JupyterLab stops with every
process it started, also when a step fails and when the test process itself is killed."""

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from jupyter_client import BlockingKernelClient

from labserver import alive, children, command_line, kill_left, running_lab
from plantargets.paths import PROJECT_ROOT


def _check_browser(*variables: str, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [shutil.which("make"), "--no-print-directory", "-C", str(PROJECT_ROOT), "check-browser", *variables],
        capture_output=True, text=True, env=env,
    )


def _install_command() -> str:
    packages = re.search(r"^BROWSER_PACKAGES := (.+)$", (PROJECT_ROOT / "Makefile").read_text(), re.M)[1]
    return f"Install it with: apt-get install -y {packages}"


def test_make_e2e_without_chromium_fails_with_the_install_command():
    """make e2e checks for Chromium before anything else, and says how to install it: never a silent skip."""
    made = _check_browser("CHROMIUM=/nonexistent/chromium")
    assert made.returncode != 0
    message = made.stderr.splitlines()[0]
    assert message.startswith("/nonexistent/chromium not found") and message.endswith(_install_command())
    assert re.search(r"^e2e: check-browser ", (PROJECT_ROOT / "Makefile").read_text(), re.M), "make e2e checks first"


def test_make_e2e_without_a_vietnamese_font_fails_with_the_install_command(tmp_path):
    """Without a font that has every Vietnamese letter, the pages would show boxes: make e2e stops and says so."""
    (tmp_path / "fonts").mkdir()
    (tmp_path / "fonts.conf").write_text(
        f'<?xml version="1.0"?><fontconfig><dir>{tmp_path / "fonts"}</dir><cachedir>{tmp_path}</cachedir></fontconfig>'
    )
    env = {"PATH": "/usr/bin:/bin", "FONTCONFIG_FILE": str(tmp_path / "fonts.conf")}
    made = _check_browser("CHROMIUM=/bin/sh", env=env)  # an executable stands in for Chromium
    assert made.returncode != 0
    message = made.stderr.splitlines()[0]
    assert message.startswith("no font with every Vietnamese letter") and message.endswith(_install_command())
    assert _check_browser("CHROMIUM=/bin/sh", env={"PATH": "/nonexistent"}).returncode != 0, "no fc-list: no font found"


def test_make_e2e_without_npm_fails_with_the_install_command(tmp_path):
    """axe-core is installed with npm: without it, make e2e stops and says how to install it."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    for tool in ("sh", "fc-list", "id"):  # what the Makefile and check-browser need besides npm
        (bin_dir / tool).symlink_to(shutil.which(tool))
    made = _check_browser("CHROMIUM=/bin/sh", env={"PATH": str(bin_dir)})
    assert made.returncode != 0
    assert made.stderr.splitlines()[0] == "npm not found: make e2e installs axe-core with it. Install it with: apt-get install -y npm"


def test_ci_installs_what_make_e2e_needs():
    ci = (PROJECT_ROOT / ".ci" / "run").read_text(encoding="utf-8")
    packages = _install_command().split("apt-get install -y ", 1)[1]
    listed = ci.index(f'packages="{packages}"')
    npm = ci.index('command -v npm >/dev/null || packages="$packages npm"')
    install = ci.index("apt-get install -y -qq $packages")
    assert ci.index("if ! make --no-print-directory check-browser") < listed < npm < install < ci.index("\nmake e2e\n")


def _kernel(lab, scratch: Path) -> BlockingKernelClient:
    """A kernel started through the server's API, and a client connected to it."""
    kernel = lab.api("/api/kernels", method="POST", body={"name": "python3"})
    client = BlockingKernelClient(connection_file=str(scratch / "runtime" / f"kernel-{kernel['id']}.json"))
    client.load_connection_file()
    client.start_channels()
    client.wait_for_ready(timeout=60)
    return client


@pytest.mark.e2e
def test_make_lab_serves_the_folder_and_stops_with_its_kernel_when_a_step_fails(tmp_path):
    (tmp_path / "notebooks").mkdir()
    with pytest.raises(RuntimeError, match="a step failed"):
        with running_lab(tmp_path / "notebooks", tmp_path) as lab:
            log = lab.log.read_text()
            assert f"Serving notebooks from local directory: {tmp_path / 'notebooks'}" in log
            assert f"http://127.0.0.1:{lab.url.rsplit(':', 1)[1]}/lab?token=" in log, "make lab prints its address"
            _kernel(lab, tmp_path).stop_channels()
            tree = children(lab.process.pid)
            assert any("ipykernel" in command_line(pid) for pid in tree)
            raise RuntimeError("a step failed")
    assert lab.process.returncode is not None
    assert [pid for pid in tree if alive(pid)] == []


def _start_a_sleeper(lab, scratch: Path) -> int:
    """A process started by a kernel in a session of its own, as a daemon would: stopping the kernel leaves it."""
    client = _kernel(lab, scratch)
    client.execute_interactive(
        "import subprocess; sleeper = subprocess.Popen(['sleep', '600'], start_new_session=True)", timeout=30
    )
    client.stop_channels()
    return next(pid for pid in children(lab.process.pid) if command_line(pid) == "sleep 600")


@pytest.mark.e2e
@pytest.mark.parametrize("step_fails", [False, True], ids=["after-the-steps", "after-a-failed-step"])
def test_a_process_that_outlives_jupyterlab_is_reported_and_killed(tmp_path, step_fails):
    """Named in an error of its own after the steps, or in a note on the failure of a step; killed either way."""
    (tmp_path / "notebooks").mkdir()
    error, message = (RuntimeError, "a step failed") if step_fails else (AssertionError, "processes left after")
    with pytest.raises(error, match=message) as raised:
        with running_lab(tmp_path / "notebooks", tmp_path, stop_seconds=1) as lab:
            sleeper = _start_a_sleeper(lab, tmp_path)
            if step_fails:
                raise RuntimeError("a step failed")
    report = "\n".join(raised.value.__notes__) if step_fails else str(raised.value)
    assert f"processes left after JupyterLab stopped (now killed):\n{sleeper}: sleep 600" in report
    assert not alive(sleeper)


CHILD = """
import sys, time
from pathlib import Path
sys.path.insert(0, {here!r})
from labserver import children, running_lab
scratch = Path({scratch!r})
with running_lab(scratch / "notebooks", scratch) as lab:
    lab.api("/api/kernels", method="POST", body={{"name": "python3"}})
    while not any("ipykernel" in open(f"/proc/{{p}}/cmdline").read() for p in children(lab.process.pid)):
        time.sleep(0.2)
    print(*[lab.process.pid, *children(lab.process.pid)], flush=True)
    time.sleep(600)
"""


@pytest.mark.e2e
def test_jupyterlab_and_its_kernel_end_when_the_test_process_is_killed(tmp_path):
    """A test run killed outright (a CI timeout, kill -9) runs no clean-up: JupyterLab must still end, with its kernel."""
    (tmp_path / "notebooks").mkdir()
    code = CHILD.format(here=str(Path(__file__).parent), scratch=str(tmp_path))
    with subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, text=True) as tester:
        try:
            pids = [int(p) for p in tester.stdout.readline().split()]
            assert len(pids) >= 3  # make, JupyterLab, the kernel
        finally:
            tester.kill()
    assert kill_left(pids, wait=30) == [], "left running after the test process was killed (now killed)"
