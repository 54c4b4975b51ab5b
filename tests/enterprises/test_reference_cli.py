"""``zhuanxing reference``: the stable CLI other tools use."""

import json
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command

from zhuanxing.reference import industry

ZHUANXING = str(Path(sys.executable).with_name("zhuanxing"))
HUAWEI = "914403001922038216"
TENCENT = "91440300708461136T"


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([ZHUANXING, *args], capture_output=True, text=True, timeout=60)


def test_uscc_json_all_valid_exits_0():
    result = run("reference", "uscc", HUAWEI, TENCENT, "--json")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == [
        {"code": HUAWEI, "valid": True, "reason": None},
        {"code": TENCENT, "valid": True, "reason": None},
    ]


def test_uscc_json_any_invalid_exits_1():
    altered = TENCENT[:-1] + "U"
    result = run("reference", "uscc", HUAWEI, altered, "--json")
    assert result.returncode == 1
    payload = json.loads(result.stdout)
    assert payload[0]["valid"] is True
    assert payload[1]["valid"] is False
    assert "check character" in payload[1]["reason"] and "'T'" in payload[1]["reason"]


def test_industry_json_shape():
    result = run("reference", "industry", "2822", "--json")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == {
        "code": "2822",
        "name": "涤纶纤维制造",
        "level": "小类",
        "section": "C",
        "division": "28",
        "division_name": "化学纤维制造业",
        "category_1244": "chemical_fibre",
        # NBS counts chemical fibre as light industry (以非农产品为原料的轻工业).
        "heavy_industry": False,
        "heavy_industry_approximate": True,
        "high_tech_category": None,
    }


def test_unknown_industry_exits_2_with_one_line():
    result = run("reference", "industry", "9999", "--json")
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr.strip().count("\n") == 0 and "9999" in result.stderr


@pytest.mark.parametrize("code", [c.code for c in industry.all_classes() if c.section == "C"])
def test_every_manufacturing_class_resolves(code, capsys):
    call_command("reference", "industry", code, "--json")
    info = json.loads(capsys.readouterr().out)
    assert info["code"] == code and info["level"] == "小类" and info["section"] == "C"
    assert info["division"] == code[:2] and info["division_name"]
    assert info["heavy_industry"] in (True, False)


def test_high_tech_and_light_examples(capsys):
    call_command("reference", "industry", "2720", "--json")
    pharma = json.loads(capsys.readouterr().out)
    assert pharma["high_tech_category"] == "医药制造业"
    assert pharma["category_1244"] == "bio_engineering"
    call_command("reference", "industry", "1711", "--json")
    cotton = json.loads(capsys.readouterr().out)
    assert (cotton["heavy_industry"], cotton["category_1244"]) == (False, "textiles")
    call_command("reference", "industry", "C", "--json")
    section = json.loads(capsys.readouterr().out)
    assert section["level"] == "门类" and section["heavy_industry"] is None
