"""``zhuanxing tax estimate FILE.json --json``: the issue's input and output, exit 2 on a year
outside the rules or a bad document."""

import json

import pytest

from zhuanxing.config.cli import main


def run(tmp_path, capsys, doc, *extra):
    path = tmp_path / "in.json"
    path.write_text(doc if isinstance(doc, str) else json.dumps(doc), encoding="utf-8")
    try:
        main(["tax", "estimate", str(path), *extra])
    except SystemExit as exc:
        out = capsys.readouterr()
        return exc.code, out.out, out.err
    out = capsys.readouterr()
    return 0, out.out, out.err


def test_estimate_json(tmp_path, capsys):
    # 2021 manufacturing, high-tech: 1000 − 200 × 100% = 800 (公告2021年第13号); 15% = 120.00.
    code, out, _ = run(
        tmp_path,
        capsys,
        {
            "year": 2021,
            "sector": "industrial",
            "taxable_income": 1000,
            "employees": 500,
            "total_assets": 20000,
            "high_tech": True,
            "rd_expense": 200.00,
        },
        "--json",
    )
    assert code == 0
    got = json.loads(out)
    assert list(got) == ["tax_due", "tax_without_incentives", "saving", "rate", "incentives"]
    assert (got["tax_due"], got["tax_without_incentives"], got["saving"], got["rate"]) == (
        "120.00",
        "250.00",
        "130.00",
        "15",
    )
    names = [(i["name"], i["amount"]) for i in got["incentives"]]
    assert names == [("rd_super_deduction", "50.00"), ("high_tech", "80.00")]
    assert "公告2021年第13号" in got["incentives"][0]["basis"]
    assert all(i["basis"] for i in got["incentives"])


def test_absent_numbers_are_zero(tmp_path, capsys):
    code, out, _ = run(tmp_path, capsys, {"year": 2009}, "--json")
    assert code == 0
    assert json.loads(out)["tax_due"] == "0.00"


def test_text_output(tmp_path, capsys):
    code, out, _ = run(
        tmp_path, capsys, {"year": 2010, "taxable_income": 3, "employees": 10, "total_assets": 50}
    )
    assert code == 0
    assert "0.30" in out and "small_low_profit" in out


@pytest.mark.parametrize("year", [2007, 2025])
def test_a_year_outside_the_rules_exits_2(tmp_path, capsys, year):
    code, out, err = run(tmp_path, capsys, {"year": year, "taxable_income": 10}, "--json")
    assert code == 2
    assert f"year {year}" in err and "2008–2024" in err
    assert out == ""


@pytest.mark.parametrize(
    ("doc", "message"),
    [
        ({"year": 2010, "profit": 3}, "unknown key"),
        ({"year": 2010, "sector": "farming"}, "sector"),
        ({"year": 2010, "taxable_income": "3"}, "taxable_income"),
        ({"year": 2010, "rd_expense": 1.234}, "two decimals"),
        ({"year": 2010, "rd_expense": -1}, "negative"),
        ({"year": 2010, "employees": 1.5}, "employees"),
        ({"year": 2010, "high_tech": 1}, "high_tech"),
        ({"taxable_income": 3}, "year"),
        ([1, 2], "object"),
        ("{not json", "not JSON"),
    ],
)
def test_a_bad_document_exits_2(tmp_path, capsys, doc, message):
    code, _, err = run(tmp_path, capsys, doc, "--json")
    assert code == 2
    assert message in err


def test_a_missing_file_exits_2(tmp_path, capsys):
    with pytest.raises(SystemExit) as exc:
        main(["tax", "estimate", str(tmp_path / "none.json")])
    assert exc.value.code == 2
    assert "cannot read" in capsys.readouterr().err
