"""Published Jiaxing totals the synthetic city is calibrated to, and the rest made consistent.

Figures in 亿元 at current prices. ``published`` marks figures from the issue / public statistical
bulletins; the others are plausible values chosen to be consistent with them.
"""

YEARS = tuple(range(2007, 2013))
# The province tier (benchmarks) runs ten years of monthly data; 2003-2006 extend the series
# below with approximate values in the same spirit (Jiaxing's GDP roughly doubled 2003-2008).
PROVINCE_YEARS = tuple(range(2003, 2013))

# GDP (地区生产总值). 2011 and 2012 as given in the issue; earlier years approximate
# bulletin values.
CITY_GDP_YI = {
    2003: 802.0,
    2004: 974.0,
    2005: 1158.0,
    2006: 1345.0,
    2007: 1586.0,
    2008: 1816.0,
    2009: 1918.0,
    2010: 2300.0,
    2011: 2668.0,
    2012: 2885.0,
}
GDP_PUBLISHED = {2011, 2012}

# 规上 gross output in 2009 ≈ 3876亿元 (published); the generator hits it exactly.
ABOVE_SCALE_GROSS_OUTPUT_YI = {2009: 3876.0}
CALIBRATION_YEAR = 2009

# City-wide nominal growth of enterprise output, relative to 2009 (the 2008–09 crisis dip, the
# 2010 rebound). Individual firms scatter around it.
OUTPUT_INDEX = {
    2003: 0.42,
    2004: 0.53,
    2005: 0.62,
    2006: 0.73,
    2007: 0.86,
    2008: 0.97,
    2009: 1.00,
    2010: 1.24,
    2011: 1.42,
    2012: 1.49,
}

# Services share of GDP and producer services' share of services.
SERVICES_SHARE = {
    2003: 0.320,
    2004: 0.322,
    2005: 0.326,
    2006: 0.330,
    2007: 0.335,
    2008: 0.340,
    2009: 0.355,
    2010: 0.360,
    2011: 0.365,
    2012: 0.380,
}
PRODUCER_SERVICES_SHARE = {
    2003: 0.370,
    2004: 0.377,
    2005: 0.384,
    2006: 0.392,
    2007: 0.400,
    2008: 0.409,
    2009: 0.417,
    2010: 0.428,
    2011: 0.436,
    2012: 0.445,
}

# Services take at most this share of a unit's non-industrial GDP: the rest is agriculture and
# construction, so industry + services stay within GDP in every unit.
SERVICES_MAX_OF_NON_INDUSTRY = 0.9

# Enterprises in the registry cover this share of all industrial value added, energy and land.
REGISTRY_VA_COVERAGE = 0.97

# Energy per unit GDP, tce per 万元 (approximate: Zhejiang's cities reported 0.7–0.8 around 2008
# and cut it ~3–4% a year). The city's total follows it; counties share it by their firms' energy.
ENERGY_PER_GDP = {
    2003: 0.90,
    2004: 0.88,
    2005: 0.86,
    2006: 0.83,
    2007: 0.80,
    2008: 0.77,
    2009: 0.745,
    2010: 0.72,
    2011: 0.70,
    2012: 0.68,
}
REGISTRY_LAND_COVERAGE = 0.88

# Province tier: 50,000 规上 + 100,000 规下 keep the city's firm-size distribution, so their 2009
# 规上 output is ten times the city's (38,760亿元, near Zhejiang's published ≈41,000亿元), and the
# region statistics are scaled by the same factor.
PROVINCE = {"above_scale": 50_000, "below_scale": 100_000, "scale": 10.0}
