"""``zhuanxing serve`` (what ``make demo`` runs): gunicorn and the background worker start side by
side and Ctrl-C stops them together, leaving no process behind."""

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

ZX = Path(sys.executable).with_name("zhuanxing")


def _children(pid: int) -> set[int]:
    found = set()
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                stat = Path(f"/proc/{entry}/stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(stat[1]) == pid:
                found.add(int(entry))
    return found


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
@pytest.mark.parametrize("stop", ["ctrl-c", "sigterm"])
def test_stopping_serve_stops_the_server_and_the_worker_together(tmp_path, stop):
    """Ctrl-C in the terminal (SIGINT to the whole process group), or SIGTERM to ``serve`` alone
    (``kill``, a supervisor): it stops gunicorn and the worker itself."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "zhuanxing.config.settings",
        "ZHUANXING_VAR_DIR": str(tmp_path),
        "DATABASE_URL": f"sqlite:///{tmp_path / 'serve.sqlite3'}",
        "ZHUANXING_WEB_WORKERS": "1",
    }
    subprocess.run([ZX, "migrate", "--noinput"], env=env, check=True, capture_output=True)
    serve = subprocess.Popen(
        [ZX, "serve", "--bind", f"127.0.0.1:{port}", "--worker-log", str(tmp_path / "w.log")],
        env=env, start_new_session=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    try:
        deadline = time.monotonic() + 120
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/login/", timeout=30) as r:
                    assert r.status == 200
                break
            except OSError:  # not listening yet, or a first answer slower than 30 s
                assert serve.poll() is None, "zhuanxing serve ended at start-up"
                assert time.monotonic() < deadline, "the server did not answer"
                time.sleep(0.5)
        children = _children(serve.pid)
        commands = {Path(f"/proc/{p}/cmdline").read_text().replace("\0", " ") for p in children}
        assert any("gunicorn" in c for c in commands) and any("db_worker" in c for c in commands)
        grandchildren = set().union(*(_children(p) for p in children))  # gunicorn's workers

        if stop == "ctrl-c":
            os.killpg(serve.pid, signal.SIGINT)  # what Ctrl-C in the terminal sends
        else:
            serve.send_signal(signal.SIGTERM)
        assert serve.wait(timeout=60) == 0
        deadline = time.monotonic() + 30
        while any(_alive(p) for p in children | grandchildren) and time.monotonic() < deadline:
            time.sleep(0.2)
        assert not [p for p in children | grandchildren if _alive(p)]
    finally:
        if serve.poll() is None:
            os.killpg(serve.pid, signal.SIGKILL)
            serve.wait()
