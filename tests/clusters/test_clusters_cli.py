"""``zhuanxing clusters relatedness``: on a CSV table (bounded, strict) and on the store."""

import json
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

# The four units of test_clusters_measures.py (hand computation there).
TABLE = """region,industry,value
u1,P,10
u1,Q,10
u2,P,10
u2,R,10
u3,Q,10
u3,R,10
u4,P,2
u4,S,20
"""


def run(*args) -> str:
    out = StringIO()
    call_command("clusters", "relatedness", *args, stdout=out)
    return out.getvalue()


def write(tmp_path, text: str, name="table.csv"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


def test_json_one_object_per_region_and_industry(tmp_path):
    rows = json.loads(run("--input", write(tmp_path, TABLE), "--json"))
    assert len(rows) == 16  # 4 regions × 4 industries, absent pairs as 0
    by_key = {(r["region"], r["industry"]): r for r in rows}
    assert set(rows[0]) == {"region", "industry", "value", "rca", "present", "density"}
    assert by_key[("u1", "R")] == {
        "region": "u1", "industry": "R", "value": 0.0, "rca": 0.0, "present": False,
        "density": pytest.approx(0.5),
    }  # fmt: skip
    assert by_key[("u4", "P")]["rca"] == pytest.approx(164 / 484)
    assert by_key[("u4", "P")]["present"] is False
    assert by_key[("u4", "S")]["density"] == 1


def test_text_output(tmp_path):
    text = run("--input", write(tmp_path, TABLE))
    assert text.splitlines()[0] == "region\tindustry\tvalue\trca\tpresent\tdensity"
    assert "u1\tR\t0\t0.0000\t0\t0.5000" in text


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", r"line 1: empty file"),
        ("region,industry\nu1,P\n", r"line 1: the header must be exactly region,industry,value"),
        ("region,industry,value\nu1,P,1\nu2,Q\n", r"line 3: 2 fields, expected 3"),
        ("region,industry,value\nu1,P,ten\n", r"line 2: value 'ten' is not a number"),
        ("region,industry,value\nu1,P,-1\n", r"line 2: value must be a finite number ≥ 0"),
        ("region,industry,value\nu1,P,nan\n", r"line 2: value must be a finite number ≥ 0"),
        ("region,industry,value\n,P,1\n", r"line 2: region and industry must not be empty"),
        ("region,industry,value\nu1,P,1\n\nu1,P,2\n", r"line 4: u1,P again \(first on line 2\)"),
    ],
)
def test_malformed_file_exits_2_naming_the_line(tmp_path, text, message):
    with pytest.raises(CommandError, match=message) as caught:
        run("--input", write(tmp_path, text))
    assert caught.value.returncode == 2


def test_bounded(tmp_path, settings):
    settings.ZHUANXING = {**settings.ZHUANXING, "CLUSTERS_INPUT_MAX_ROWS": 3}
    with pytest.raises(CommandError, match=r"line 5: more than 3 rows") as caught:
        run("--input", write(tmp_path, TABLE))
    assert caught.value.returncode == 2
    settings.ZHUANXING = {**settings.ZHUANXING, "CLUSTERS_INPUT_MAX_BYTES": 50}
    with pytest.raises(CommandError, match=r"larger than 50 bytes"):
        run("--input", write(tmp_path, TABLE))
    settings.ZHUANXING = {
        **settings.ZHUANXING, "CLUSTERS_INPUT_MAX_BYTES": 10_000, "CLUSTERS_INPUT_MAX_ROWS": 100,
        "CLUSTERS_MAX_CELLS": 15,
    }  # fmt: skip
    with pytest.raises(CommandError, match=r"4 regions × 4 industries is more than 15 cells"):
        run("--input", write(tmp_path, TABLE))


def test_not_utf8_and_missing_file(tmp_path):
    path = tmp_path / "gbk.csv"
    path.write_bytes("region,industry,value\n桐乡,P,1\n".encode("gbk"))
    with pytest.raises(CommandError, match=r"line 2: not UTF-8"):
        run("--input", str(path))
    with pytest.raises(CommandError, match=r"cannot read"):
        run("--input", str(tmp_path / "none.csv"))


def test_on_the_store(city_with_store):
    """Towns × GB/T 4754 classes, value added of the latest year."""
    from zhuanxing.analytics.selectors import cursor, years_available

    year = years_available()[1]
    rows = json.loads(run("--json"))
    towns = {r["region"] for r in rows}
    classes = {r["industry"] for r in rows}
    assert len(rows) == len(towns) * len(classes)
    expected = (
        cursor()
        .execute(
            "SELECT count(DISTINCT town_code), count(DISTINCT industry_class) FROM fact_annual "
            "WHERE industrial AND year = ? AND town_code IS NOT NULL "
            "AND industry_class IS NOT NULL",
            [year],
        )
        .fetchone()
    )
    assert (len(towns), len(classes)) == expected
    assert all(len(c) == 4 for c in classes)
    present = [r for r in rows if r["present"]]
    assert present and all(r["rca"] >= 1 for r in present)
    assert all(r["density"] is None or 0 <= r["density"] <= 1 for r in rows)
