"""``zhuanxing reference``: the stable CLI other tools use."""

import json
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command

from reference_tables import (
    division_rows,
    expected_heavy,
    high_tech_rows,
    industrial_classes,
    industry_rows,
)
from zhuanxing.config.cli import main

ZHUANXING = str(Path(sys.executable).with_name("zhuanxing"))
HUAWEI = "914403001922038216"
TENCENT = "91440300708461136T"


def run_here(capsys, *args: str) -> subprocess.CompletedProcess:
    """The console script's ``main`` in this process: the same exit status, standard output and
    standard error as ``zhuanxing …`` in a shell, without a second Django start-up (seconds
    each). tests/config/test_startup.py runs the installed script in its own process."""
    try:
        main(list(args))
        status = 0
    except SystemExit as exc:
        status = exc.code if isinstance(exc.code, int) else 1
    out, err = capsys.readouterr()
    return subprocess.CompletedProcess([ZHUANXING, *args], status, out, err)


def test_uscc_json_all_valid_exits_0(capsys):
    result = run_here(capsys, "reference", "uscc", HUAWEI, TENCENT, "--json")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == [
        {"code": HUAWEI, "valid": True, "reason": None},
        {"code": TENCENT, "valid": True, "reason": None},
    ]


def test_uscc_json_any_invalid_exits_1(capsys):
    altered = TENCENT[:-1] + "U"
    result = run_here(capsys, "reference", "uscc", HUAWEI, altered, "--json")
    assert result.returncode == 1
    payload = json.loads(result.stdout)
    assert payload[0]["valid"] is True
    assert payload[1]["valid"] is False
    assert "check character" in payload[1]["reason"] and "'T'" in payload[1]["reason"]


def test_industry_json_shape(capsys):
    result = run_here(capsys, "reference", "industry", "2822", "--json")
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


def test_unknown_industry_exits_2_with_one_line(capsys):
    result = run_here(capsys, "reference", "industry", "9999", "--json")
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr.strip().count("\n") == 0 and "9999" in result.stderr


MANUFACTURING = sorted({r["division"] for r in industrial_classes() if r["section"] == "C"})


@pytest.mark.parametrize("division", MANUFACTURING)
def test_every_manufacturing_class_matches_the_reference_tables(division, capsys):
    """Each class of the division as the CLI describes it, against the shared GB/T 4754 table
    (name, division and its name), the heavy/light table (the division's row and its exceptions)
    and the NBS high-tech table."""
    classes = [r for r in industrial_classes() if r["division"] == division]
    high_tech = {r["gbt4754_2017_class"]: r["ht_category_name"] for r in high_tech_rows()}
    # The one documented addition to the source list (high_tech.UNVERIFIED_CLASSES): 3964
    # 服务消费机器人制造 joins the rest of group 396 in 电子及通信设备制造业.
    high_tech["3964"] = "电子及通信设备制造业"
    division_name = industry_rows()[division]["name"]
    assert classes and division_rows()[division]["division_name"] == division_name
    for row in classes:
        call_command("reference", "industry", row["code"], "--json")
        info = json.loads(capsys.readouterr().out)
        expected = {
            "code": row["code"],
            "name": row["name"],
            "level": "小类",
            "section": "C",
            "division": division,
            "division_name": division_name,
            "heavy_industry": expected_heavy(row["code"]),
            "heavy_industry_approximate": True,
            "high_tech_category": high_tech.get(row["code"]),
        }
        assert {k: info[k] for k in expected} == expected


def test_the_manufacturing_divisions_are_the_tables():
    assert MANUFACTURING == [str(n) for n in range(13, 44)]
    assert sum(1 for r in industrial_classes() if r["section"] == "C") == 609


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
