"""get_active_policy: which file is active, and the cache."""

import subprocess
import sys
from pathlib import Path

import pytest

from zhuanxing.policy import (
    DEFAULT_POLICY_PATH,
    POLICY_ENV_VAR,
    PolicyError,
    active_policy_path,
    clear_cache,
    get_active_policy,
)

OTHER_CITY = Path(__file__).resolve().parent / "fixtures" / "other-city.toml"


@pytest.fixture(autouse=True)
def fresh_cache(monkeypatch):
    monkeypatch.delenv(POLICY_ENV_VAR, raising=False)
    clear_cache()
    yield
    clear_cache()


def test_default_is_the_bundled_jiaxing_file():
    assert DEFAULT_POLICY_PATH.is_file()
    assert active_policy_path() == DEFAULT_POLICY_PATH
    assert get_active_policy().info.id == "jiaxing-2009"


def test_loaded_once_per_path():
    first = get_active_policy()
    assert get_active_policy() is first
    assert get_active_policy(DEFAULT_POLICY_PATH) is first
    clear_cache()
    assert get_active_policy() is not first


def test_environment_variable_selects_the_file(monkeypatch):
    monkeypatch.setenv(POLICY_ENV_VAR, str(OTHER_CITY))
    assert get_active_policy().info.id == "test-city-2021"


def test_argument_beats_environment(monkeypatch):
    monkeypatch.setenv(POLICY_ENV_VAR, str(OTHER_CITY))
    assert get_active_policy(DEFAULT_POLICY_PATH).info.id == "jiaxing-2009"


def test_bad_active_file_raises(monkeypatch, tmp_path):
    broken = tmp_path / "broken.toml"
    broken.write_text("[policy]\n", encoding="utf-8")
    monkeypatch.setenv(POLICY_ENV_VAR, str(broken))
    with pytest.raises(PolicyError, match=r"policy\.id: missing field"):
        get_active_policy()


def test_loads_without_django():
    code = (
        "import sys; from zhuanxing.policy import get_active_policy; get_active_policy(); "
        "assert not any(m.split('.')[0] == 'django' for m in sys.modules), 'django imported'"
    )
    subprocess.run([sys.executable, "-c", code], check=True, capture_output=True)
