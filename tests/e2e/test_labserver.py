"""The harness of the browser tests: JupyterLab stops with every process it started, also when a step fails."""

import re
import subprocess
from pathlib import Path

import pytest
from jupyter_client import BlockingKernelClient

from labserver import INSTALL_CHROMIUM, ChromiumMissing, alive, children, chromium, command_line, running_lab


def test_a_missing_chromium_names_the_command_that_installs_it(tmp_path):
    with pytest.raises(ChromiumMissing) as missing:
        chromium(tmp_path / "chromium")
    assert str(missing.value).endswith(f"Install it with: {INSTALL_CHROMIUM}")
    (tmp_path / "chromium").write_text("#!/bin/sh\n")  # there, but not executable: still refused
    with pytest.raises(ChromiumMissing):
        chromium(tmp_path / "chromium")


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


@pytest.mark.e2e
def test_a_process_that_outlives_jupyterlab_is_reported_and_killed(tmp_path):
    (tmp_path / "notebooks").mkdir()
    with pytest.raises(AssertionError, match="processes left after JupyterLab stopped") as left:
        with running_lab(tmp_path / "notebooks", tmp_path) as lab:
            client = _kernel(lab, tmp_path)
            # a session of its own, as a daemon would: the kernel's shutdown does not end it
            client.execute_interactive(
                "import subprocess; sleeper = subprocess.Popen(['sleep', '600'], start_new_session=True)", timeout=30
            )
            client.stop_channels()
            sleeper = next(pid for pid in children(lab.process.pid) if command_line(pid) == "sleep 600")
    assert f"{sleeper}: sleep 600" in str(left.value)
    assert not alive(sleeper)


def test_make_e2e_without_chromium_fails_with_the_install_command():
    """make e2e checks for Chromium before anything else, and says how to install it: never a silent skip."""
    root = Path(__file__).resolve().parents[2]
    made = subprocess.run(
        ["make", "--no-print-directory", "check-chromium", "CHROMIUM=/nonexistent/chromium"],
        cwd=root, capture_output=True, text=True,
    )
    assert made.returncode != 0
    assert made.stderr.startswith("/nonexistent/chromium not found")
    assert f"Install it with: {INSTALL_CHROMIUM}\n" in made.stderr
    assert re.search(r"^e2e: check-chromium ", (root / "Makefile").read_text(), re.M), "make e2e checks first"
