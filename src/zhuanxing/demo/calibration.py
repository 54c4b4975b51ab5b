"""Published Jiaxing totals the synthetic city is calibrated to, and the rest made consistent.

Figures in 亿元 at current prices. ``published`` marks figures from the issue / public statistical
bulletins; the others are plausible values chosen to be consistent with them.
"""

YEARS = tuple(range(2007, 2013))

# GDP (地区生产总值). 2011 and 2012 as given in the issue; earlier years approximate
# bulletin values.
CITY_GDP_YI = {2007: 1586.0, 2008: 1816.0, 2009: 1918.0, 2010: 2300.0, 2011: 2668.0, 2012: 2885.0}
GDP_PUBLISHED = {2011, 2012}

# 规上 gross output in 2009 ≈ 3876亿元 (published); the generator hits it exactly.
ABOVE_SCALE_GROSS_OUTPUT_YI = {2009: 3876.0}
CALIBRATION_YEAR = 2009

# City-wide nominal growth of enterprise output, relative to 2009 (the 2008–09 crisis dip, the
# 2010 rebound). Individual firms scatter around it.
OUTPUT_INDEX = {2007: 0.86, 2008: 0.97, 2009: 1.00, 2010: 1.24, 2011: 1.42, 2012: 1.49}

# Services share of GDP and producer services' share of services.
SERVICES_SHARE = {2007: 0.335, 2008: 0.340, 2009: 0.355, 2010: 0.360, 2011: 0.365, 2012: 0.380}
PRODUCER_SERVICES_SHARE = {
    2007: 0.400,
    2008: 0.409,
    2009: 0.417,
    2010: 0.428,
    2011: 0.436,
    2012: 0.445,
}

# Enterprises in the registry cover this share of all industrial value added, energy and land.
REGISTRY_VA_COVERAGE = 0.97

# Energy per unit GDP, tce per 万元 (approximate: Zhejiang's cities reported 0.7–0.8 around 2008
# and cut it ~3–4% a year). The city's total follows it; counties share it by their firms' energy.
ENERGY_PER_GDP = {2007: 0.80, 2008: 0.77, 2009: 0.745, 2010: 0.72, 2011: 0.70, 2012: 0.68}
REGISTRY_LAND_COVERAGE = 0.88
