import pytest

from zhuanxing.reference import industry
from zhuanxing.reference.industry import UnknownIndustryCode


def test_level_counts():
    # GB/T 4754-2017 states 20 门类, 97 大类, 473 中类; public pages give 1380-1382 小类
    # depending on the edition and on the 2019 amendment (第1号修改单). The shipped table has
    # 1381, which is what some pages quote for the standard; section C alone has 609.
    assert len(industry.sections()) == 20
    assert len(industry.divisions()) == 97
    assert sum(1 for d in industry.divisions() for _ in industry.children(d.code)) == 473
    assert len(industry.all_classes()) == 1381


def test_manufacturing_counts():
    manufacturing = industry.lookup("C")
    assert [d.code for d in industry.children("C")] == [str(n) for n in range(13, 44)]
    assert sum(len(industry.children(d.code)) for d in industry.children("C")) == 179
    assert len(industry.classes_under(manufacturing.code)) == 609


@pytest.mark.parametrize(
    ("code", "name", "division", "division_name"),
    [
        ("1711", "棉纺纱加工", "17", "纺织业"),
        ("2822", "涤纶纤维制造", "28", "化学纤维制造业"),
        ("2614", "有机化学原料制造", "26", "化学原料和化学制品制造业"),
        ("3825", "光伏设备及元器件制造", "38", "电气机械和器材制造业"),
        ("3962", "智能车载设备制造", "39", "计算机、通信和其他电子设备制造业"),
        ("3963", "智能无人飞行器制造", "39", "计算机、通信和其他电子设备制造业"),
        ("3874", "智能照明器具制造", "38", "电气机械和器材制造业"),
        ("6572", "动漫、游戏数字内容服务", "65", "软件和信息技术服务业"),
    ],
)
def test_spot_checked_classes(code, name, division, division_name):
    found = industry.lookup(code)
    assert (found.name, found.level, found.level_name) == (name, 4, "小类")
    assert found.division == division
    assert industry.lookup(division).name == division_name


def test_class_record_fields():
    assert industry.lookup("1711") == industry.Industry(
        code="1711",
        name="棉纺纱加工",
        level=4,
        level_name="小类",
        section="C",
        division="17",
        group="171",
        parent_code="171",
    )
    assert industry.lookup("1711").label == "1711 棉纺纱加工"


def test_section_and_division_records():
    section = industry.lookup("C")
    assert (section.name, section.level_name, section.division, section.parent_code) == (
        "制造业",
        "门类",
        None,
        None,
    )
    division = industry.lookup("17")
    assert (division.section, division.parent_code, division.group) == ("C", "C", None)


def test_ancestors_parent_children():
    assert [i.code for i in industry.ancestors("1711")] == ["C", "17", "171"]
    assert industry.ancestors("C") == []
    assert industry.parent("1711").code == "171"
    assert industry.parent("17").code == "C"
    assert industry.parent("C") is None
    assert industry.children("1711") == []
    assert [i.code for i in industry.children("171")] == ["1711", "1712", "1713"]


def test_single_class_group_resolves_both_levels():
    group, only_class = industry.lookup("271"), industry.lookup("2710")
    assert (group.level, only_class.level) == (3, 4)
    assert group.name == only_class.name == "化学药品原料药制造"
    assert industry.children("271") == [only_class]
    assert industry.classes_under("271") == [only_class]
    assert industry.parent("2710") == group
    assert not industry.is_class("271")
    assert industry.is_class("2710")


def test_classes_under():
    assert industry.classes_under("2822") == [industry.lookup("2822")]
    textile = industry.classes_under("17")
    assert textile and all(c.code.startswith("17") and c.level == 4 for c in textile)
    assert len({c.code for c in industry.classes_under("B")}) == 39


def test_every_code_sits_under_its_parent():
    for section in industry.sections():
        for division in industry.children(section.code):
            assert (division.level, division.section) == (2, section.code)
            for group in industry.children(division.code):
                assert group.level == 3 and group.code.startswith(division.code)
                for cls in industry.children(group.code):
                    assert cls.level == 4 and cls.code.startswith(group.code)
                    assert (cls.division, cls.group, cls.section) == (
                        division.code,
                        group.code,
                        section.code,
                    )


def test_every_manufacturing_class_resolves_with_division_name():
    manufacturing = [c for c in industry.all_classes() if industry.is_manufacturing(c.code)]
    assert len(manufacturing) == 609
    for cls in manufacturing:
        section, division, group = industry.ancestors(cls.code)
        assert section.code == "C"
        assert division.code == cls.division and division.name
        assert group.code == cls.group and group.name


def test_input_forms():
    assert industry.get(" 1711 ") == industry.lookup("1711")
    assert industry.get("C3825") == industry.lookup("3825")
    assert industry.get("c") == industry.lookup("C")
    assert industry.get("A3825") is None  # wrong section letter
    assert industry.get("9999") is None
    assert industry.get("") is None


def test_unknown_code_raises_clear_error():
    with pytest.raises(
        UnknownIndustryCode, match="'1799' is not a GB/T 4754-2017 industry code"
    ) as caught:
        industry.lookup("1799")
    assert isinstance(caught.value, KeyError)
    assert caught.value.code == "1799"
    assert "'1799' is not a GB/T 4754-2017 industry code" in str(caught.value)
    with pytest.raises(UnknownIndustryCode, match="'ZZ' is not a GB/T 4754-2017 industry code"):
        industry.children("ZZ")
    with pytest.raises(UnknownIndustryCode, match="'1799' is not a GB/T 4754-2017 industry code"):
        industry.is_manufacturing("1799")


@pytest.mark.parametrize(
    ("code", "manufacturing", "industrial"),
    [
        ("1711", True, True),
        ("C", True, True),
        ("0610", False, True),  # 烟煤和无烟煤开采洗选
        ("4411", False, True),  # 火力发电
        ("46", False, True),
        ("4343", True, True),  # 航空航天器修理 is in section C
        ("6572", False, False),
        ("0111", False, False),
        ("E", False, False),
    ],
)
def test_manufacturing_and_industrial(code, manufacturing, industrial):
    assert industry.is_manufacturing(code) is manufacturing
    assert industry.is_industrial(code) is industrial


def test_industrial_sections():
    assert [s.code for s in industry.sections() if industry.is_industrial(s.code)] == [
        "B",
        "C",
        "D",
    ]
    industrial_divisions = [d.code for d in industry.divisions() if industry.is_industrial(d.code)]
    assert industrial_divisions == [f"{n:02d}" for n in range(6, 47)]
