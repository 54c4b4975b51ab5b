from zhuanxing.reference import emerging
from zhuanxing.reference.emerging import EmergingArea


def test_nine_verified_areas():
    assert [a.name for a in emerging.AREAS] == [
        "新一代信息技术产业",
        "高端装备制造产业",
        "新材料产业",
        "生物产业",
        "新能源汽车产业",
        "新能源产业",
        "节能环保产业",
        "数字创意产业",
        "相关服务业",
    ]
    assert [a.code for a in emerging.AREAS] == [str(n) for n in range(1, 10)]
    assert all(a.verified for a in emerging.AREAS)


def test_subareas_are_flagged_unverified():
    assert emerging.SUBAREAS
    assert not any(a.verified for a in emerging.SUBAREAS)
    assert EmergingArea("6.3", "太阳能产业", False) in emerging.SUBAREAS
    top_codes = {a.code for a in emerging.AREAS}
    assert all(a.code.split(".")[0] in top_codes for a in emerging.SUBAREAS)
