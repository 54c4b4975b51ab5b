import pytest

from zhuanxing.reference import high_tech, industry
from zhuanxing.reference.high_tech import HighTechCategory, high_tech_category


def test_six_categories():
    assert high_tech.CATEGORIES == (
        HighTechCategory(1, "医药制造业"),
        HighTechCategory(2, "航空、航天器及设备制造业"),
        HighTechCategory(3, "电子及通信设备制造业"),
        HighTechCategory(4, "计算机及办公设备制造业"),
        HighTechCategory(5, "医疗仪器设备及仪器仪表制造业"),
        HighTechCategory(6, "信息化学品制造业"),
    )


def test_every_class_exists_in_gbt4754_and_is_manufacturing():
    for code in high_tech.high_tech_classes():
        assert industry.is_class(code), code
        assert industry.is_manufacturing(code), code


def test_source_rows_match_gbt4754_names():
    from zhuanxing.reference._data import read_rows

    rows = read_rows(high_tech.SOURCE_FILE)
    assert len(rows) == 85
    for row in rows:
        assert industry.lookup(row["gbt4754_2017_class"]).name == row["class_name"]
        assert industry.lookup(row["gbt4754_2017_group"]).name == row["group_name"]


def test_class_count_includes_the_unverified_addition():
    assert high_tech.UNVERIFIED_CLASSES == frozenset({"3964"})
    assert len(high_tech.high_tech_classes()) == 86


@pytest.mark.parametrize(
    ("code", "number"),
    [
        ("2710", 1),
        ("2762", 1),  # 基因工程药物和疫苗
        ("3741", 2),
        ("4343", 2),  # 航空航天器修理
        ("3841", 3),  # 锂离子电池
        ("3962", 3),  # 智能车载设备
        ("3963", 3),  # 智能无人飞行器
        ("3964", 3),  # 服务消费机器人: added here, unverified
        ("3973", 3),  # 集成电路
        ("3911", 4),
        ("3474", 4),
        ("3581", 5),
        ("4040", 5),
        ("2664", 6),
    ],
)
def test_category_of_class(code, number):
    assert high_tech_category(code).number == number


@pytest.mark.parametrize("code", ["1711", "2822", "3825", "3842", "3491", "6572"])
def test_not_high_tech(code):
    assert high_tech_category(code) is None


def test_whole_group_396_is_high_tech():
    assert {c.code for c in industry.classes_under("396")} <= high_tech.high_tech_classes()


def test_non_class_codes_are_rejected():
    with pytest.raises(ValueError, match="not a class"):
        high_tech_category("396")
    with pytest.raises(
        industry.UnknownIndustryCode, match="'3998' is not a GB/T 4754-2017 industry code"
    ):
        high_tech_category("3998")
