"""Playwright drives Debian's Chromium (/usr/bin/chromium): Playwright cannot download its own
browser on these machines. Screenshots go to test-artifacts/ for people to look at.

Every browser test talks to the production server: ``live_server`` here replaces pytest-django's
in-process development server with gunicorn, started once per session with the command line
``zhuanxing serve`` uses, its settings (``server_settings.py``) pointing at the session's test
database (a file, see ``django_db_modify_db_settings`` in tests/conftest.py) and at the
session's analytics store. Imports run in the request (the immediate task backend) instead of a
worker process, so a test sees its import's result at once."""

import json
import os
import shutil
import socket
import subprocess
import time
import urllib.request
from pathlib import Path

import pytest
from playwright.sync_api import expect

CHROMIUM = os.environ.get("ZHUANXING_CHROMIUM", "/usr/bin/chromium")
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
SERVER_WORKERS = 2  # processes; each costs memory
SERVER_THREADS = 4  # per worker: a page, its static files and its htmx fragments at once
SERVER_START_SECONDS = 120  # on a loaded 2-core machine gunicorn with the app takes 5-20 s
# Assertions wait up to this long (Playwright's default is 5 s): on a shared 2-core machine a
# page's htmx fragment, computed once per store build, can take longer the first time.
expect.set_options(timeout=15_000)


class _Unchanged:
    """pytest-django enables and disables this around each live-server test."""

    def enable(self) -> None: ...

    def disable(self) -> None: ...


class ProductionServer:
    """gunicorn serving the test database on a free loopback port."""

    def __init__(self, database: dict, store: Path, log: Path) -> None:
        from zhuanxing.web.management.commands.serve import server_command, worker_command

        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            port = s.getsockname()[1]
        self.url = f"http://127.0.0.1:{port}"
        self._live_server_modified_settings = _Unchanged()
        here = str(Path(__file__).resolve().parent)
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "server_settings",
            "PYTHONPATH": os.pathsep.join(filter(None, [here, os.environ.get("PYTHONPATH")])),
            "ZHUANXING_TEST_DATABASE": json.dumps(database, default=str),
            "ZHUANXING_ANALYTICS_PATH": str(store),
            # The database queue and a worker beside the server, as `zhuanxing serve` runs them:
            # the pages' background jobs (imports, evaluations, the what-if, the Word report)
            # run in the worker while their pages poll.
            "ZHUANXING_TASKS_BACKEND": "django_tasks_db.DatabaseBackend",
            "ZHUANXING_WEB_WORKERS": str(SERVER_WORKERS),
            "ZHUANXING_WEB_THREADS": str(SERVER_THREADS),
        }
        self.log = log
        with open(log, "wb") as out:
            self.process = subprocess.Popen(
                server_command(f"127.0.0.1:{port}"), env=env, stdout=out, stderr=out
            )
        with open(log.with_name("worker.log"), "wb") as out:
            self.worker = subprocess.Popen(worker_command(), env=env, stdout=out, stderr=out)
        self._wait()

    def _wait(self) -> None:
        deadline = time.monotonic() + SERVER_START_SECONDS
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                pytest.fail(f"gunicorn ended at start-up:\n{self.log.read_text()[-3000:]}")
            try:
                urllib.request.urlopen(f"{self.url}/login/", timeout=5).close()
                return
            except OSError:
                time.sleep(0.3)
        self.stop()
        pytest.fail(f"gunicorn did not answer in {SERVER_START_SECONDS} s")

    def stop(self) -> None:
        for process in (self.process, self.worker):
            if process.poll() is None:
                process.terminate()
                try:
                    process.wait(timeout=15)
                except subprocess.TimeoutExpired:
                    process.kill()
                    process.wait()


@pytest.fixture(scope="session")
def live_server(django_db_setup, _live_store_path, tmp_path_factory):
    """The production server (gunicorn) for the whole session, on the test database."""
    from django.db import connections

    database = dict(connections["default"].settings_dict)
    if database["ENGINE"] == "django.db.backends.sqlite3" and "memory" in str(database["NAME"]):
        pytest.fail("the test database is in memory: run the browser tests through pytest")
    log = tmp_path_factory.mktemp("server") / "gunicorn.log"
    server = ProductionServer(database, _live_store_path, log)
    yield server
    server.stop()


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    if not shutil.which(CHROMIUM):
        pytest.fail(f"{CHROMIUM} is missing: run `make test` as root (it installs chromium)")
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
        ],
    }


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    return {**browser_context_args, "locale": "zh-CN", "viewport": {"width": 1366, "height": 900}}


@pytest.fixture
def screenshot(page):
    ARTIFACTS.mkdir(exist_ok=True)

    def take(name: str) -> Path:
        path = ARTIFACTS / f"{name}.png"
        page.screenshot(path=str(path), full_page=True)
        return path

    return take


@pytest.fixture
def login(page, live_server):
    def do(username: str, password: str = "zhuanxing2009") -> None:
        page.goto(f"{live_server.url}/login/")
        page.fill("input[name=username]", username)
        page.fill("input[name=password]", password)
        page.click("button[type=submit]")

    return do


@pytest.fixture(scope="session")
def _live_store_path(tmp_path_factory):
    return tmp_path_factory.mktemp("live-store") / "store.duckdb"


@pytest.fixture
def live_store(live_city, settings, _live_store_path):
    """The live city with its analytics store: built by the first test that asks, then shared
    (``live_city`` writes the same rows with the same ids for every test; the pages only read
    the store)."""
    from zhuanxing.analytics.build import build_store

    settings.ZHUANXING = {**settings.ZHUANXING, "ANALYTICS_PATH": str(_live_store_path)}
    if not _live_store_path.exists():
        build_store()
    return live_city
