"""A broken policy file fails with one line: file, dotted key path, reason.

Each case edits the real Jiaxing file in one place, so the rest of the file stays valid.
"""

from pathlib import Path

import pytest

from zhuanxing.policy import PolicyError, load_policy

JIAXING = Path(__file__).resolve().parents[2] / "policies" / "jiaxing-2009.toml"
JIAXING_TEXT = JIAXING.read_text(encoding="utf-8")


def edited(old: str, new: str) -> str:
    """The Jiaxing text with ``old`` (which must occur exactly once) replaced by ``new``."""
    assert JIAXING_TEXT.count(old) == 1, old
    return JIAXING_TEXT.replace(old, new)


def load_error(tmp_path: Path, text: str) -> str:
    path = tmp_path / "broken.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(PolicyError, match=r"broken\.toml: ") as caught:
        load_policy(path)
    message = str(caught.value)
    assert "\n" not in message
    assert message.startswith(f"{path}: ")
    return message.removeprefix(f"{path}: ")


RD_NUMERATOR = 'numerator = { source = "enterprise", measures = ["rd_spending"]'
RD_TARGET = 'indicators = ["rd_intensity"]\nrule = { kind = "threshold", op = ">=", value = 1.85 }'

# The whole [projects] table with its [projects.score] sub-table, as the policy file has it.
PROJECTS_TABLE = (
    JIAXING_TEXT[JIAXING_TEXT.index("[projects]\n") : JIAXING_TEXT.index("notable_investor = 20\n")]
    + "notable_investor = 20\n"
)

CASES = {
    "unknown key": (
        RD_NUMERATOR,
        RD_NUMERATOR.replace("numerator", "numerater"),
        "indicators.rd_intensity.numerater: unknown key (did you mean 'numerator'?)",
    ),
    "unknown top-level table": (
        PROJECTS_TABLE,
        PROJECTS_TABLE.replace("[projects", "[project"),
        "project: unknown key (did you mean 'projects'?)",
    ),
    "bad code": (
        'codes = ["17"] # 纺织业',
        'codes = ["171", "172", "173", "9999"]',
        "categories_1244.textiles.codes[3]: unknown GB/T 4754-2017 code '9999'",
    ),
    "code with section letter": (
        'codes = ["18"] # 纺织服装、服饰业',
        'codes = ["C18"]',
        "categories_1244.garments.codes[0]: write GB/T 4754-2017 codes as '18', not 'C18'",
    ),
    "missing field": (
        'city_code = "330400" # GB/T 2260: 嘉兴市\n',
        "",
        "policy.city_code: missing field",
    ),
    "missing table": (
        PROJECTS_TABLE,
        "",
        "projects: missing field",
    ),
    "plan score points not adding up to 100": (
        "notable_investor = 20\n",
        "notable_investor = 25\n",
        "projects.score.investment: the points must add up to 100, not 105",
    ),
    "screening indicator that is not per unit of value added": (
        'emission_indicators = ["cod_per_va", "so2_per_va"]',
        'emission_indicators = ["cod_per_va", "industrial_so2_emissions"]',
        "screening.emission_indicators[1]: indicator 'industrial_so2_emissions' cannot screen a "
        "project: it must be enterprise cod_t + nh3n_t + nox_t + so2_t over enterprise value_added",
    ),
    "overlap between two categories": (
        'codes = ["17"] # 纺织业',
        'codes = ["17", "2822"]',
        "categories_1244.chemical_fibre.codes[0]: class '2822' (涤纶纤维制造) is also in "
        "categories_1244.textiles (codes[1]); a class belongs to one category at most",
    ),
    "code covered twice in one category": (
        'codes = ["17"] # 纺织业',
        'codes = ["17", "1711"]',
        "categories_1244.textiles.codes[1]: '1711' is already covered by codes[0]",
    ),
    "exclude outside the codes": (
        '  "3587", # 眼镜制造\n]',
        '  "1711",\n]',
        "categories_1244.bio_engineering.exclude[0]: '1711' is not under any of this "
        "category's codes",
    ),
    "services code in an industrial category": (
        '  "3833", # 光缆制造\n]\nexclude = [\n  "3975"',
        '  "3833", # 光缆制造\n  "6520",\n]\nexclude = [\n  "3975"',
        "categories_1244.electronics_information.codes[3]: '6520' contains a services class "
        "'6520'; a pillar category takes industrial codes (sections B-D) only",
    ),
    "unknown group": (
        'group = "emerging"\ncodes = [\n  "2646"',
        'group = "strategic"\ncodes = [\n  "2646"',
        "categories_1244.new_materials.group: must be one of producer_services, pillar, "
        "emerging, traditional",
    ),
    "category key not snake_case": (
        "[categories_1244.garments]",
        "[categories_1244.Garments]",
        "categories_1244.Garments: 'Garments' is not a snake_case key",
    ),
    "target referencing unknown indicator": (
        RD_TARGET,
        RD_TARGET.replace('["rd_intensity"]', '["rd_intensty"]'),
        "targets[2].indicators[0]: unknown indicator 'rd_intensty'",
    ),
    "bad rule kind": (
        RD_TARGET,
        RD_TARGET.replace('"threshold"', '"minimum"'),
        "targets[2].rule.kind: must be one of threshold, relative_to_base, direction, increment",
    ),
    "rule without kind": (
        RD_TARGET,
        RD_TARGET.replace('kind = "threshold", ', ""),
        "targets[2].rule.kind: missing field",
    ),
    "bad operator": (
        RD_TARGET,
        RD_TARGET.replace('op = ">="', 'op = "=>"'),
        "targets[2].rule.op: must be one of >, >=, <, <=",
    ),
    "unknown key inside a rule": (
        RD_TARGET,
        RD_TARGET.replace("value = 1.85", "value = 1.85, unit = '%'"),
        "targets[2].rule.unit: unknown key",
    ),
    "wrong type": (
        "[awards.guarantee_agencies]\ncount = 5",
        '[awards.guarantee_agencies]\ncount = "five"',
        "awards.guarantee_agencies.count: input should be a valid integer, unable to parse "
        "string as an integer, got 'five'",
    ),
    "unknown evaluation class for the bank list": (
        'owner_classes = ["A", "B"]',
        'owner_classes = ["A", "E"]',
        "financing.recommendation.owner_classes[1]: unknown evaluation class 'E'",
    ),
    "unknown key in the bank list's rules": (
        "exclude_backward = true",
        "exclude_backward = true\nmin_owner_score = 80",
        "financing.recommendation.min_owner_score: unknown key",
    ),
    "unknown measure for the source": (
        'numerator = { source = "region", measures = ["energy_tce"] }',
        'numerator = { source = "region", measures = ["coal_tce"] }',
        "indicators.energy_per_gdp.numerator.measures[0]: unknown region measure 'coal_tce' "
        "(known: gdp, industrial_value_added, services_value_added, "
        "producer_services_value_added, energy_tce, industrial_land_mu)",
    ),
    "enterprise measure on a region table": (
        'denominator = { source = "region", measures = ["gdp"] }',
        'denominator = { source = "region", measures = ["value_added"] }',
        "indicators.energy_per_gdp.denominator.measures[0]: unknown region measure "
        "'value_added' (known: gdp, industrial_value_added, services_value_added, "
        "producer_services_value_added, energy_tce, industrial_land_mu)",
    ),
    "unknown filter": (
        'filters = ["industrial", "above_scale", "heavy_industry"] }',
        'filters = ["industrial", "above_scale", "heavy"] }',
        "indicators.heavy_industry_share.numerator.filters[2]: unknown filter 'heavy' "
        "(known: above_scale, below_scale, industrial, manufacturing, heavy_industry, "
        "light_industry, high_tech, category_1244:<key>)",
    ),
    "unknown category in a filter": (
        'filters = ["industrial", "above_scale", "high_tech"] }',
        'filters = ["industrial", "above_scale", "category_1244:robots"] }',
        "indicators.high_tech_va_share.numerator.filters[2]: unknown category_1244 key 'robots'",
    ),
    "filters that exclude each other": (
        'filters = ["industrial", "above_scale", "heavy_industry"] }',
        'filters = ["industrial", "above_scale", "heavy_industry", "light_industry"] }',
        "indicators.heavy_industry_share.numerator.filters[3]: heavy_industry and "
        "light_industry exclude each other",
    ),
    "thresholds out of order": (
        "{ from_year = 2011, main_revenue_min = 2000 }",
        "{ from_year = 2007, main_revenue_min = 2000 }",
        "above_scale.thresholds[1].from_year: must be later than thresholds[0].from_year",
    ),
    "class bands not reaching 100": (
        '{ name = "D", cumulative_pct = 100 }',
        '{ name = "D", cumulative_pct = 99 }',
        "evaluation.class_bands[3].cumulative_pct: the last band must reach 100",
    ),
    "screening indicator missing": (
        'energy_indicator = "energy_per_va"',
        'energy_indicator = "energy_per_output"',
        "screening.energy_indicator: unknown indicator 'energy_per_output'",
    ),
    "target year outside the plan": (
        'year = 2012\nindicators = ["rd_intensity"]',
        'year = 2015\nindicators = ["rd_intensity"]',
        "targets[2].year: must lie in the plan period 2009-2012",
    ),
    "unknown measure in an evaluation indicator": (
        'denominator = ["employees"]\nweight = 10',
        'denominator = ["staff"]\nweight = 10',
        "evaluation.above_scale.indicators[4].denominator[0]: must be one of gross_output, "
        "sales_output, main_revenue, value_added, rd_spending, new_product_output, "
        "export_delivery, profit, tax_paid, employees, total_assets, land_mu, energy_tce, "
        "electricity_kwh, cod_t, nh3n_t, so2_t, nox_t",
    ),
    "class policy for an unknown class": (
        'name = "D"\nelectricity_surcharge_yuan_per_kwh = 0.15',
        'name = "E"\nelectricity_surcharge_yuan_per_kwh = 0.15',
        "evaluation.class_policies[3].name: unknown class 'E'",
    ),
    "assessment of an unknown indicator": (
        '{ indicator = "rd_intensity", weight = 15 }',
        '{ indicator = "rd_ratio", weight = 15 }',
        "assessment.indicators[1].indicator: unknown indicator 'rd_ratio'",
    ),
    "bad city code": (
        'city_code = "330400"',
        'city_code = "3304"',
        "policy.city_code: '3304' is not a 6-digit GB/T 2260 division code",
    ),
    "detail naming an unknown indicator": (
        'detail = "above_scale_value_added"',
        'detail = "above_scale_va"',
        "indicators.industrial_value_added.detail: unknown indicator 'above_scale_va'",
    ),
}


@pytest.mark.parametrize("case", CASES)
def test_broken_file_names_the_key(tmp_path, case):
    old, new, expected = CASES[case]
    assert load_error(tmp_path, edited(old, new)) == expected


def test_filters_on_a_region_table(tmp_path):
    text = edited(
        'numerator = { source = "region", measures = ["energy_tce"] }',
        'numerator = { source = "region", measures = ["energy_tce"], filters = ["industrial"] }',
    )
    assert load_error(tmp_path, text) == (
        "indicators.energy_per_gdp.numerator.filters: region statistics take no filters"
    )


def test_toml_syntax_error_gives_line_and_column(tmp_path):
    text = edited('issuer = "嘉兴市人民政府"', 'issuer "嘉兴市人民政府"')
    line = text.splitlines().index('issuer "嘉兴市人民政府"') + 1
    message = load_error(tmp_path, text)
    assert message.startswith(f"line {line}, column ")
    assert "TOML syntax error" in message


def test_all_problems_are_kept(tmp_path):
    text = edited('city_code = "330400" # GB/T 2260: 嘉兴市\n', "")
    text = text.replace(PROJECTS_TABLE, "")
    path = tmp_path / "broken.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(PolicyError, match="policy.city_code: missing field") as caught:
        load_policy(path)
    assert caught.value.path == "policy.city_code"
    assert caught.value.reason == "missing field"
    assert ("projects", "missing field") in caught.value.problems


def test_missing_file(tmp_path):
    path = tmp_path / "nowhere.toml"
    with pytest.raises(PolicyError, match="cannot read the policy file") as caught:
        load_policy(path)
    assert str(caught.value).startswith(f"{path}: cannot read the policy file")
    assert "\n" not in str(caught.value)


def test_relative_path_is_shown_as_given(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    Path("policies").mkdir()
    Path("policies/x.toml").write_text(
        edited('codes = ["17"] # 纺织业', 'codes = ["171", "172", "173", "9999"]'), encoding="utf-8"
    )
    with pytest.raises(PolicyError, match="unknown GB/T 4754-2017 code '9999'") as caught:
        load_policy("policies/x.toml")
    assert str(caught.value) == (
        "policies/x.toml: categories_1244.textiles.codes[3]: unknown GB/T 4754-2017 code '9999'"
    )
