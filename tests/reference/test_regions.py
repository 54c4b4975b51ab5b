from collections import Counter

from zhuanxing.reference import regions
from zhuanxing.reference.regions import Division


def test_city():
    assert regions.city() == Division("330400", "嘉兴市", "prefecture", "330000", "地级市")


def test_counties():
    assert [(c.code, c.name, c.type) for c in regions.counties()] == [
        ("330402", "南湖区", "市辖区"),
        ("330411", "秀洲区", "市辖区"),
        ("330421", "嘉善县", "县"),
        ("330424", "海盐县", "县"),
        ("330481", "海宁市", "县级市"),
        ("330482", "平湖市", "县级市"),
        ("330483", "桐乡市", "县级市"),
    ]
    assert all(c.parent_code == "330400" and c.level == "county" for c in regions.counties())


def test_townships():
    towns = regions.townships()
    assert len(towns) == 72
    assert Counter(t.type for t in towns) == {"街道": 30, "镇": 42}
    county_codes = {c.code for c in regions.counties()}
    for town in towns:
        assert town.parent_code in county_codes
        assert town.code.startswith(town.parent_code) and len(town.code) == 9
        assert town.statistical_code == town.code + "000"
    assert len({t.code for t in towns}) == 72


def test_townships_of_one_county():
    nanhu = regions.townships("330402")
    assert len(nanhu) == 13
    assert nanhu[0].name == "建设街道"
    assert "乌镇镇" in {t.name for t in regions.townships("330483")}
    assert sum(len(regions.townships(c.code)) for c in regions.counties()) == 72
    assert regions.townships("330400") == []


def test_get_division():
    assert regions.get_division("330400") == regions.city()
    assert regions.get_division("330483").name == "桐乡市"
    wuzhen = regions.get_division("330483100")
    assert (wuzhen.name, wuzhen.type, wuzhen.parent_code) == ("乌镇镇", "镇", "330483")
    assert regions.get_division("330483100000") == wuzhen
    assert regions.get_division(" 330402007 ").name == "建设街道"
    assert regions.get_division("330000") is None
    assert regions.get_division("330499") is None
