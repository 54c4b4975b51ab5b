"""Playwright drives Debian's Chromium (/usr/bin/chromium): Playwright cannot download its own
browser on these machines. Screenshots go to test-artifacts/ for people to look at."""

import os
import shutil
from pathlib import Path

import pytest

CHROMIUM = os.environ.get("ZHUANXING_CHROMIUM", "/usr/bin/chromium")
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"


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
