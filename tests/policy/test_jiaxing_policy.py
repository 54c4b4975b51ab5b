"""The Jiaxing 2009 policy file loads and says what the policy text says."""

from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from shared_files import shared_file
from zhuanxing.policy import DEFAULT_POLICY_PATH, Policy, load_policy
from zhuanxing.reference import high_tech, industry

JIAXING = Path(__file__).resolve().parents[2] / "policies" / "jiaxing-2009.toml"

ELEVEN = {
    "producer_services": "producer_services",
    "electronics_information": "pillar",
    "equipment_manufacturing": "pillar",
    "new_materials": "emerging",
    "new_energy": "emerging",
    "energy_saving_environmental": "emerging",
    "bio_engineering": "emerging",
    "textiles": "traditional",
    "garments": "traditional",
    "leather": "traditional",
    "chemical_fibre": "traditional",
}


@pytest.fixture(scope="module")
def policy() -> Policy:
    return load_policy(JIAXING)


def test_default_path_is_the_jiaxing_file():
    assert DEFAULT_POLICY_PATH == JIAXING


def test_identity_and_years(policy):
    info = policy.info
    assert info.id == "jiaxing-2009"
    assert info.name == "嘉兴市人民政府关于推进工业转型升级的实施意见"
    assert info.issuer == "嘉兴市人民政府"
    assert info.issued.isoformat() == "2009-08-20"
    assert info.city_code == "330400"
    assert (info.base_year, info.target_year) == (2008, 2012)
    assert (info.plan_from_year, info.plan_to_year) == (2009, 2012)


@pytest.mark.parametrize(
    ("year", "line"), [(2007, 500), (2009, 500), (2010, 500), (2011, 2000), (2024, 2000)]
)
def test_above_scale_threshold_by_year(policy, year, line):
    assert policy.above_scale_threshold(year) == Decimal(line)


@pytest.mark.parametrize("year", [1998, 2003, 2006])
def test_before_the_first_line_the_earliest_applies(policy, year):
    # The province tier has 2003 reports; the enterprise page and the evaluation used to fail
    # on them while the analytics store classed them by the 2007 line.
    assert policy.above_scale_threshold(year) == Decimal(500)
    assert policy.is_above_scale(year, 500)
    assert not policy.is_above_scale(year, Decimal("499.99"))


def test_filter_and_sql_apply_the_same_line(policy):
    assert policy.above_scale_filter(2011) == {"main_revenue__gte": Decimal(2000)}
    assert policy.above_scale_filter(2003, "r") == {"r__gte": Decimal(500)}
    import duckdb

    sql = policy.above_scale.sql("y", "r")
    con = duckdb.connect()
    for year, revenue in [(2003, 500), (2006, 499.99), (2010, 500), (2011, 1999), (2011, 2000)]:
        got = con.execute(f"SELECT {sql} FROM (SELECT ? AS y, ? AS r)", [year, revenue]).fetchone()
        assert got[0] == policy.is_above_scale(year, Decimal(str(revenue))), (year, revenue)


def test_above_scale_is_at_or_above_the_line(policy):
    assert policy.is_above_scale(2010, 500)
    assert not policy.is_above_scale(2010, Decimal("499.99"))
    assert not policy.is_above_scale(2011, 1999)
    assert policy.is_above_scale(2011, 2000.0)


@given(
    year=st.integers(min_value=2007, max_value=2030),
    revenue=st.decimals(min_value=0, max_value=10**6, places=2),
)
def test_above_scale_matches_the_line(policy, year, revenue):
    line = 500 if year <= 2010 else 2000
    assert policy.is_above_scale(year, revenue) == (revenue >= line)


def test_exactly_the_eleven_categories(policy):
    assert {key: c.group for key, c in policy.categories_1244.items()} == ELEVEN


@pytest.mark.parametrize(
    ("class_code", "key"),
    [
        ("1711", "textiles"),  # 棉纺纱加工
        ("1762", "textiles"),
        ("1811", "garments"),  # 运动机织服装制造
        ("1830", "garments"),
        ("1910", "leather"),  # 皮革鞣制加工
        ("1952", "leather"),  # 皮鞋制造
        ("2822", "chemical_fibre"),  # 涤纶纤维制造
        ("2826", "chemical_fibre"),  # 氨纶: a commodity fibre
        ("2829", "new_materials"),  # 高性能特种纤维
        ("3061", "new_materials"),  # 玻璃纤维
        ("3825", "new_energy"),  # 光伏 over electronics or equipment
        ("3218", "new_energy"),  # 硅材料
        ("3841", "new_energy"),  # 中高端电池
        ("4414", "new_energy"),  # 核力发电
        ("3975", "energy_saving_environmental"),  # 半导体照明
        ("3591", "energy_saving_environmental"),
        ("2710", "bio_engineering"),
        ("3581", "bio_engineering"),  # 医疗仪器
        ("3973", "electronics_information"),  # 集成电路
        ("3832", "electronics_information"),  # 光纤: 通信网络
        ("3411", "equipment_manufacturing"),
        ("3670", "equipment_manufacturing"),
        ("3872", "equipment_manufacturing"),  # lamps: LED needs a product tag
        ("6511", "producer_services"),  # software is a producer service
        ("6520", "producer_services"),  # IC design is a service class
        ("5920", "producer_services"),
        ("1311", None),  # 稻谷加工
        ("3843", None),  # 铅蓄电池: not 中高端
        ("3587", None),  # 眼镜制造
        ("2653", None),  # PTA: a chemical, not 化纤制造
        ("6621", None),  # banking: not named in clause 五
        ("9999", None),  # not a code at all
        ("17", None),  # a division, not a class
    ],
)
def test_category_of_class(policy, class_code, key):
    assert policy.category_1244(class_code) == key


def test_category_lookup_agrees_with_category_classes(policy):
    for found in industry.all_classes():
        holders = [k for k in policy.categories_1244 if found.code in policy.category_classes(k)]
        assert len(holders) <= 1
        assert policy.category_1244(found.code) == (holders[0] if holders else None)


def test_categories_hold_real_classes_on_the_right_side(policy):
    for key, category in policy.categories_1244.items():
        assert category.classes, key
        for class_code in category.classes:
            assert industry.is_class(class_code)
            assert industry.is_industrial(class_code) == (key != "producer_services")


def test_whole_divisions(policy):
    assert policy.category_classes("textiles") == {c.code for c in industry.classes_under("17")}
    assert policy.category_classes("garments") == {c.code for c in industry.classes_under("18")}
    assert policy.category_classes("leather") == {c.code for c in industry.classes_under("19")}


def test_unknown_category_key(policy):
    with pytest.raises(KeyError, match="tourism"):
        policy.category_classes("tourism")


def test_high_tech_is_the_national_list(policy):
    assert policy.high_tech.scope == "nbs_2017_manufacturing"
    assert policy.high_tech.extra_classes == []
    assert policy.high_tech_classes() == high_tech.high_tech_classes()
    assert policy.is_high_tech("3973")
    assert not policy.is_high_tech("1711")


EXPECTED_TARGETS = [
    (
        "heavy_industry_share",
        ["heavy_industry_share"],
        {"kind": "threshold", "op": ">", "value": 55},
    ),
    (
        "industrial_value_added",
        ["industrial_value_added"],
        {"kind": "threshold", "op": ">=", "value": 1500},
    ),
    ("rd_intensity", ["rd_intensity"], {"kind": "threshold", "op": ">=", "value": Decimal("1.85")}),
    ("high_tech_va_share", ["high_tech_va_share"], {"kind": "threshold", "op": ">=", "value": 25}),
    ("new_product_rate", ["new_product_rate"], {"kind": "threshold", "op": ">=", "value": 25}),
    (
        "va_per_mu",
        ["va_per_mu"],
        {"kind": "relative_to_base", "base_year": 2008, "change_pct": 20, "op": ">="},
    ),
    (
        "energy_per_gdp",
        ["energy_per_gdp"],
        {"kind": "direction", "direction": "decrease", "every_year": True, "from_year": 2009},
    ),
    (
        "industrial_emissions",
        ["industrial_cod_emissions", "industrial_so2_emissions"],
        {"kind": "direction", "direction": "decrease", "every_year": True, "from_year": 2009},
    ),
    (
        "producer_services_share",
        ["producer_services_share"],
        {"kind": "increment", "per_year": 1, "op": ">="},
    ),
]


def test_the_nine_targets_of_clause_four(policy):
    got = [(t.key, t.indicators, t.rule.model_dump()) for t in policy.targets]
    assert got == EXPECTED_TARGETS
    for target in policy.targets:
        assert (target.clause, target.year) == ("四", 2012)
        assert target.text


def test_target_texts_quote_the_policy(policy):
    seed = shared_file("seed", "jiaxing-2009-industrial-upgrading-opinions.txt")
    text = seed.read_text(encoding="utf-8")
    for target in policy.targets:
        for fragment in target.text.split("……"):
            assert fragment in text, (target.key, fragment)


def test_target_lookup(policy):
    assert policy.target("va_per_mu").rule.base_year == policy.info.base_year
    with pytest.raises(KeyError, match="gdp_growth"):
        policy.target("gdp_growth")


def test_indicator_formulas(policy):
    value_added = policy.indicators["industrial_value_added"]
    assert (value_added.unit, value_added.factor) == ("亿元", Decimal("0.0001"))
    assert value_added.numerator.source == "region"
    assert value_added.numerator.measures == ["industrial_value_added"]
    assert value_added.denominator is None

    rd = policy.indicators["rd_intensity"]
    assert rd.numerator.measures == ["rd_spending"]
    assert rd.denominator.measures == ["main_revenue"]
    assert "above_scale" in rd.numerator.filters and "above_scale" in rd.denominator.filters

    heavy = policy.indicators["heavy_industry_share"]
    assert "heavy_industry" in heavy.numerator.filters
    assert "heavy_industry" not in heavy.denominator.filters

    energy = policy.indicators["energy_per_gdp"]
    assert (energy.numerator.measures, energy.denominator.measures) == (["energy_tce"], ["gdp"])
    assert energy.unit == "吨标准煤/万元"

    share = policy.indicators["producer_services_share"]
    assert share.numerator.measures == ["producer_services_value_added"]
    assert share.denominator.measures == ["services_value_added"]

    for key in ("industrial_cod_emissions", "industrial_so2_emissions"):
        assert policy.indicators[key].unit == "吨"
        assert policy.indicators[key].denominator is None


def test_settings_for_later_features(policy):
    evaluation = policy.evaluation
    assert evaluation.enabled is True
    assert evaluation.min_land_mu_below_scale == 3
    assert [(i.key, i.weight) for i in evaluation.above_scale.indicators] == [
        ("tax_per_mu", 30),
        ("va_per_mu", 20),
        ("va_per_energy", 20),
        ("va_per_emission", 10),
        ("labour_productivity", 10),
        ("rd_ratio", 10),
    ]
    assert [(i.key, i.weight) for i in evaluation.below_scale.indicators] == [
        ("tax_per_mu", 50),
        ("tax_per_electricity", 50),
    ]
    assert evaluation.class_policy("D").electricity_surcharge_yuan_per_kwh == Decimal("0.15")
    assert [(b.name, b.cumulative_pct) for b in evaluation.class_bands] == [
        ("A", 20),
        ("B", 60),
        ("C", 95),
        ("D", 100),
    ]
    assert [
        evaluation.band_for(Decimal(p)) for p in ("0.1", "20", "20.1", "95", "95.5", "100")
    ] == [
        "A",
        "A",
        "B",
        "C",
        "D",
        "D",
    ]

    screening = policy.screening
    assert screening.energy_indicator == "energy_per_va"
    assert screening.emission_indicators == ["cod_per_va", "so2_per_va"]
    assert screening.electricity_kgce_per_kwh == Decimal("0.1229")
    assert screening.electricity_factor_assumed is True
    assert (screening.energy_review.report_min_tce, screening.energy_review.table_min_tce) == (
        3000,
        1000,
    )
    assert screening.key_energy_user.min_tce == 10000

    assert policy.projects.priority_investment_min == 10000
    assert policy.projects.behind_schedule_margin_pct == 10
    score = policy.projects.score
    assert (score.investment, score.no_new_land, score.notable_investor) == (50, 30, 20)
    assert (policy.awards.guarantee_agencies.count, policy.awards.guarantee_agencies.amount) == (
        5,
        2,
    )


def test_tax_rules_by_year(policy):
    rules = policy.tax_rule_set(2009)
    assert rules.from_year == 2008
    assert (
        rules.standard_rate,
        rules.high_tech_rate,
        rules.small_low_profit_rate,
        rules.rd_super_deduction_pct.industrial,
    ) == (25, 15, 20, 50)
    assert rules.small_low_profit_industrial.employees_max == 100
    assert rules.small_low_profit_relief is None
    assert policy.tax_rule_set(2010).small_low_profit_relief.bands[0].up_to == 3
    assert policy.tax_rule_set(2018).rd_super_deduction_pct.other == 75
    later = policy.tax_rule_set(2021).rd_super_deduction_pct
    assert (later.industrial, later.other) == (100, 75)
    assert policy.tax_rule_set(2024).from_year == 2023
    with pytest.raises(ValueError, match="before 2008"):
        policy.tax_rule_set(2007)
    with pytest.raises(ValueError, match="for 2025"):
        policy.tax_rule_set(2025)


def test_policy_is_immutable(policy):
    with pytest.raises(Exception, match="frozen"):
        policy.info.city_code = "330100"
