"""Issue 11, findings 3 and 6: production settings need a key from the environment and pass
``zhuanxing check --deploy``; the demo's key is random and kept in var/, not a constant."""

import subprocess
import sys
from pathlib import Path

from django.conf import settings

ZHUANXING = str(Path(sys.executable).with_name("zhuanxing"))
KEY = "k" * 20 + "0123456789abcdefghijklmnopqrstuvwxyz-_ABCDEFG"


def run(args, tmp_path, **env):
    base = {"PATH": "/usr/bin:/bin", "ZHUANXING_VAR_DIR": str(tmp_path), **env}
    return subprocess.run([ZHUANXING, *args], capture_output=True, text=True, env=base, timeout=120)


def test_production_refuses_to_start_without_a_secret_key(tmp_path):
    result = run(["check"], tmp_path, DJANGO_SETTINGS_MODULE="zhuanxing.config.production")
    assert result.returncode != 0
    assert "ZHUANXING_SECRET_KEY" in result.stderr
    assert not (tmp_path / "secret_key").exists()


def test_check_deploy_reports_nothing_with_production_settings(tmp_path):
    result = run(
        ["check", "--deploy", "--fail-level", "WARNING"],
        tmp_path,
        DJANGO_SETTINGS_MODULE="zhuanxing.config.production",
        ZHUANXING_SECRET_KEY=KEY,
    )
    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout


def test_the_demo_key_is_random_and_generated_once(tmp_path):
    from zhuanxing.config.settings import _local_secret_key

    first = _local_secret_key(tmp_path / "a" / "secret_key")
    assert first == _local_secret_key(tmp_path / "a" / "secret_key")
    assert first != _local_secret_key(tmp_path / "b" / "secret_key")
    assert len(first) >= 50
    assert (tmp_path / "a" / "secret_key").stat().st_mode & 0o077 == 0


def test_no_secret_key_is_written_in_the_code():
    source = (Path(settings.BASE_DIR) / "src/zhuanxing/config/settings.py").read_text()
    assert "insecure" not in source
    assert not settings.SECRET_KEY.startswith("dev-only")


def test_a_session_lasts_a_working_day_and_ends_with_the_browser():
    assert settings.SESSION_COOKIE_AGE <= 8 * 60 * 60
    assert settings.SESSION_EXPIRE_AT_BROWSER_CLOSE
