import subprocess
import sys
from importlib import resources


def test_every_shipped_table_is_documented():
    data = resources.files("zhuanxing.reference") / "data"
    provenance = (data / "PROVENANCE.md").read_text(encoding="utf-8")
    tables = [f.name for f in data.iterdir() if f.name.endswith(".csv")]
    assert len(tables) == 6
    for name in tables:
        assert f"`{name}`" in provenance, name


def test_package_import_loads_no_tables():
    script = (
        "import sys, zhuanxing.reference; "
        "print(sorted(m for m in sys.modules if m.startswith('zhuanxing.reference.')))"
    )
    output = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True
    ).stdout
    assert output.strip() == "[]"


def test_sections_and_divisions_have_english_names():
    from zhuanxing.reference import industry
    from zhuanxing.reference.industry_en import NAMES_EN

    levels = {code: industry.get(code).level for code in NAMES_EN}
    assert sorted(levels.values()).count(1) == 20 and sorted(levels.values()).count(2) == 97
    assert industry.english_name("3825") == "Manufacture of electrical machinery and equipment"
    assert industry.english_name("C") == "Manufacturing" and industry.english_name("9999") == ""
