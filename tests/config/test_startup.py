"""A broken policy file stops start-up with one line naming the file and the key."""

import subprocess
import sys
from pathlib import Path

from django.conf import settings

ZHUANXING = str(Path(sys.executable).with_name("zhuanxing"))
POLICY = Path(settings.BASE_DIR) / "policies" / "jiaxing-2009.toml"


def start_with(policy_text: str, tmp_path: Path) -> subprocess.CompletedProcess:
    broken = tmp_path / "broken.toml"
    broken.write_text(policy_text, encoding="utf-8")
    env = {"ZHUANXING_POLICY": str(broken), "PATH": "/usr/bin:/bin"}
    return subprocess.run([ZHUANXING, "check"], capture_output=True, text=True, env=env, timeout=60)


def test_unknown_key_stops_start_up(tmp_path):
    text = POLICY.read_text(encoding="utf-8").replace("[above_scale]", "[above_scale]\nfoo = 1", 1)
    result = start_with(text, tmp_path)
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert "broken.toml" in lines[0] and "above_scale.foo" in lines[0] and "unknown key" in lines[0]


def test_bad_industry_code_stops_start_up(tmp_path):
    text = POLICY.read_text(encoding="utf-8")
    start = text.index("[categories_1244.textiles]")
    codes = text.index("codes", start)
    text = text[:codes] + text[codes:].replace('"17"', '"1799"', 1)
    result = start_with(text, tmp_path)
    assert result.returncode == 2
    assert "categories_1244.textiles.codes[0]" in result.stderr and "1799" in result.stderr


def test_good_policy_starts(tmp_path):
    result = start_with(POLICY.read_text(encoding="utf-8"), tmp_path)
    assert result.returncode == 0, result.stderr
