"""The layer contract (pyproject.toml, run by `make test` as `lint-imports`) holds, and it is a
real check: the same contract with two layers swapped is broken by the code as it is."""

import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
LINT = Path(sys.executable).with_name("lint-imports")


def _lint(config: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(LINT), "--config", str(config), "--no-cache"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_the_contracts_are_kept():
    result = _lint(ROOT / "pyproject.toml")
    assert result.returncode == 0, result.stdout[-3000:]
    assert "3 kept, 0 broken" in result.stdout


def test_swapping_two_layers_breaks_the_contract(tmp_path):
    text = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    swapped = re.sub(
        r'    "zhuanxing.reporting",\n    "zhuanxing.enterprises",\n',
        '    "zhuanxing.enterprises",\n    "zhuanxing.reporting",\n',
        text,
    )
    assert swapped != text
    config = tmp_path / "pyproject.toml"
    config.write_text(swapped, encoding="utf-8")
    result = _lint(config)
    assert result.returncode == 1
    assert "zhuanxing.reporting is not allowed to import zhuanxing.enterprises" in result.stdout
