"""Names an indicator formula may use: measures per source, and enterprise filters.

The one list of the report measures: the reporting models, the import templates, the analytics
store and the demo generator all follow it (in this order).

Enterprise measures are fields of the annual enterprise report; region measures are region-level
statistics that do not come from enterprises (see docs/glossary.md for the Chinese terms).
"""

# Clause 八's business modes, from assembling for others to one's own brand, in that order: the
# one list the report model's choices, the import template, the store and the demo follow.
BUSINESS_MODES = ("OEA", "OEM", "ODM", "OBM")

ENTERPRISE_MEASURES = (
    "gross_output",  # 工业总产值, 万元
    "sales_output",  # 工业销售产值, 万元
    "main_revenue",  # 主营业务收入, 万元
    "value_added",  # 工业增加值, 万元
    "rd_spending",  # R&D经费支出, 万元
    "new_product_output",  # 新产品产值, 万元
    "export_delivery",  # 出口交货值, 万元
    "profit",  # 利润总额, 万元
    "tax_paid",  # 实缴税金, 万元
    "employees",  # 从业人员平均人数, persons
    "total_assets",  # 资产总计, 万元
    "land_mu",  # 用地面积, mu
    "energy_tce",  # 综合能源消费量, tce
    "electricity_kwh",  # 用电量, kWh
    "cod_t",  # 化学需氧量, t
    "nh3n_t",  # 氨氮, t
    "so2_t",  # 二氧化硫, t
    "nox_t",  # 氮氧化物, t
)

# Fields of the monthly enterprise report (the month's own figures).
MONTHLY_MEASURES = (
    "gross_output",  # 工业总产值, 万元
    "sales_output",  # 工业销售产值, 万元
    "value_added",  # 工业增加值 (estimate), 万元
    "electricity_kwh",  # 用电量, kWh
    "profit",  # 利润总额, 万元
    "export_delivery",  # 出口交货值, 万元
)

# 上年同期 (the same period last year) of each monthly measure, as the enterprise reports it
# beside this year's figure on the NBS monthly forms: growth is this year over these, firm by
# firm, so a firm new to 规上 compares with its own last year, not with nothing.
MONTHLY_PRIOR = {m: f"prior_{m}" for m in MONTHLY_MEASURES}
MONTHLY_PRIOR_MEASURES = tuple(MONTHLY_PRIOR.values())

REGION_MEASURES = (
    "gdp",  # 地区生产总值, 万元
    "industrial_value_added",  # 全部工业增加值, 万元
    "services_value_added",  # 服务业增加值, 万元
    "producer_services_value_added",  # 生产性服务业增加值, 万元
    "energy_tce",  # 综合能源消费量, tce
    "industrial_land_mu",  # 工业用地, mu
)

# Filters select the enterprises an enterprise table sums over; all must hold.
FILTERS = (
    "above_scale",  # 规上 in the report's year (policy.is_above_scale)
    "below_scale",  # 规下
    "industrial",  # GB/T 4754 sections B-D
    "manufacturing",  # section C
    "heavy_industry",  # 重工业 (approximate: zhuanxing.reference.heavy_light)
    "light_industry",  # 轻工业
    "high_tech",  # policy.high_tech_classes()
)
# "category_1244:<key>": the enterprise's class is in that 1244 category.
CATEGORY_FILTER_PREFIX = "category_1244:"

# Pairs no enterprise satisfies together.
EXCLUSIVE_FILTERS = (("above_scale", "below_scale"), ("heavy_industry", "light_industry"))
