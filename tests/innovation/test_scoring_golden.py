"""The demonstration-enterprise score against hand-computed values (docs/innovation.md)."""

from decimal import Decimal as D

import pytest

from zhuanxing.innovation.scoring import Candidate, Figures, Rule, refusals, score

POINTS = {
    "rd_intensity": D(15), "new_product_rate": D(15), "qualifications": D(10),
    "efficiency_class": D(20), "va_per_mu": D(15), "energy_trend": D(13),
    "emission_trend": D(12),
}  # fmt: skip
FACTORS = {"A": D(1), "B": D("0.6"), "C": D("0.2"), "D": D(0)}


def _three():
    first = Candidate(
        1, "甲",
        Figures(main_revenue=D(1000), gross_output=D(1200), value_added=D(300),
                rd_spending=D(40), new_product_output=D(360), land_mu=D(50), energy_tce=D(600),
                pollutants={"cod_t": D(3), "so2_t": D(6)}),
        Figures(value_added=D(250), energy_tce=D(600), pollutants={"cod_t": D(3), "so2_t": D(7)}),
        qualification_points=D(14), efficiency_class="A",
    )  # fmt: skip
    second = Candidate(
        2, "乙",
        Figures(main_revenue=D(500), gross_output=D(500), value_added=D(100), rd_spending=D(10),
                new_product_output=D(50), land_mu=D(10), energy_tce=D(100),
                pollutants={"cod_t": D(1), "so2_t": D(1)}),
        Figures(value_added=D(100), energy_tce=D(120), pollutants={"cod_t": D(1), "so2_t": D(1)}),
        qualification_points=D(7), efficiency_class="B",
    )  # fmt: skip
    third = Candidate(
        3, "丙", Figures(main_revenue=D(200), gross_output=D(200), value_added=D(50),
                         rd_spending=D(8), energy_tce=D(50)),
    )  # fmt: skip
    return [third, second, first]


def test_score_by_hand():
    # Measures (甲 / 乙 / 丙):
    #   R&D intensity     40/1000×100 = 4      10/500×100 = 2     8/200×100 = 4     best 4
    #   new-product rate  360/1200×100 = 30    50/500×100 = 10    none              best 30
    #   qualifications    14                   7                  0                 best 14
    #   VA per mu         300/50 = 6           100/10 = 10        no land           best 10
    #   energy per VA     600/300 = 2 (last year 600/250 = 2.4): fell (2.4−2)/2.4 = 16.67 %
    #                     100/100 = 1 (last year 120/100 = 1.2): fell 16.67 % too; 丙 no last year
    #   emissions per VA  (3+6)/300 = 0.03 (last year 10/250 = 0.04): fell 25 %
    #                     2/100 = 0.02 both years: fell 0 % → no points
    # Points (points × value ÷ best; class: 20 × factor):
    #   甲: 15 + 15 + 10 + 20×1 + 15×6/10 = 9 + 13 + 12                         = 94.00
    #   乙: 15×2/4 = 7.5 + 15×10/30 = 5 + 10×7/14 = 5 + 20×0.6 = 12 + 15 + 13 + 0 = 57.50
    #   丙: 15 (R&D intensity equal to the best) and nothing else                 = 15.00
    ranked = score(_three(), points=POINTS, class_factors=FACTORS, pollutants=["cod_t", "so2_t"])
    assert [(c.name, c.total, c.rank) for c in ranked] == [
        ("甲", D("94.00"), 1), ("乙", D("57.50"), 2), ("丙", D("15.00"), 3)
    ]  # fmt: skip
    second = ranked[1]
    assert second.points == {
        "rd_intensity": D("7.5"), "new_product_rate": D(5), "qualifications": D(5),
        "va_per_mu": D(15), "energy_trend": D(13), "emission_trend": D(0),
        "efficiency_class": D("12.0"),
    }  # fmt: skip
    assert ranked[0].measures["emission_trend"] == D(25)


def test_equal_totals_share_a_rank():
    # Two copies of 乙 (57.50 each) under 甲: competition ranking 1, 2, 2, then 4.
    found = _three()
    twin = Candidate(4, "丁", found[1].year, found[1].previous, D(7), "B")
    ranked = score(
        [*found, twin], points=POINTS, class_factors=FACTORS, pollutants=["cod_t", "so2_t"]
    )
    assert [(c.name, c.rank) for c in ranked] == [("甲", 1), ("丁", 2), ("乙", 2), ("丙", 4)]


def test_total_is_rounded_once():
    # 15 × 1/3 = 4.999… and 15 × 2/3 = 9.999…: the R&D item alone; each total rounds to 2 places.
    a = Candidate(1, "a", Figures(main_revenue=D(300), rd_spending=D(1)))
    b = Candidate(2, "b", Figures(main_revenue=D(300), rd_spending=D(3)))
    c = Candidate(3, "c", Figures(main_revenue=D(300), rd_spending=D(2)))
    ranked = score([a, b, c], points=POINTS, class_factors=FACTORS, pollutants=["cod_t"])
    assert [(x.name, x.total) for x in ranked] == [("b", D("15.00")), ("c", D("10.00")),
                                                    ("a", D("5.00"))]  # fmt: skip


RULE = Rule(above_scale=True, profitable=True, rd_spending=True, excluded_classes=frozenset("D"))


@pytest.mark.parametrize(
    ("figures", "above", "klass", "reasons"),
    [
        (Figures(profit=D(1), rd_spending=D(1)), True, "A", []),
        (Figures(profit=D(1), rd_spending=D(1)), False, "", ["below_scale"]),
        (Figures(profit=D(-1), rd_spending=D(0)), True, "D", ["loss", "no_rd", "excluded_class"]),
        (Figures(profit=None, rd_spending=None), True, "", ["loss", "no_rd"]),
    ],
)
def test_eligibility(figures, above, klass, reasons):
    assert refusals(figures, is_above_scale=above, efficiency_class=klass, rule=RULE) == reasons


def test_model_vocabulary_matches_the_policy():
    from zhuanxing.innovation.models import Kind, Level
    from zhuanxing.policy.innovation import QUALIFICATION_KINDS, QUALIFICATION_LEVELS

    assert tuple(Kind.values) == QUALIFICATION_KINDS
    assert tuple(Level.values) == QUALIFICATION_LEVELS


def test_policy_scheme_is_complete(policy):
    scheme = policy.demonstration
    assert scheme.full_marks == 100
    # 甲 of the worked example holds a national high-tech certificate (10 × 1) and a provincial
    # technology centre (8 × 0.6 = 4.8): 14.8 points.
    weight = policy.innovation.qualification_weight
    assert weight("high_tech_enterprise", "national") + weight("technology_centre", "provincial") \
        == D("14.8")  # fmt: skip


def test_a_scheme_missing_an_item_is_refused(policy):
    from pydantic import ValidationError

    from zhuanxing.policy.innovation import Demonstration

    data = policy.demonstration.model_dump()
    del data["points"]["va_per_mu"]
    with pytest.raises(ValidationError, match="missing va_per_mu"):
        Demonstration.model_validate(data)
