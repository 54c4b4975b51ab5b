"""The columnar engine equals the Decimal reference engine to the digit (property tests).

Random populations with ties (firms drawn from a small pool of measures), round numbers that put
scores on half cents, missing emissions, zero and negative measures, caps, both banding rules,
fixed and previous-year benchmarks; and the vectorised eligibility against
``eligibility.exclusion_reason``.
"""

from datetime import date, timedelta
from decimal import Decimal as D

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from zhuanxing.evaluation.columnar import REASONS, FirmTable, exclusion_codes
from zhuanxing.evaluation.eligibility import Candidate, exclusion_reason
from zhuanxing.evaluation.scoring import Firm, evaluate, evaluate_reference
from zhuanxing.policy.evaluation import Evaluation

WEIGHTS = ["60", "40", "0.05", "0.07", "12.5", "33.33", "1"]


def indicator(key, num, den, weight, emissions=False, factor="1", fixed=None):
    out = {
        "key": key, "name": key, "name_en": key, "unit": "u", "numerator": num,
        "denominator": den, "weight": weight, "emissions": emissions, "factor": factor,
    }  # fmt: skip
    if fixed is not None:
        out["fixed_benchmark"] = fixed
    return out


@st.composite
def methods(draw):
    fixed = draw(st.booleans())

    def bench():
        return draw(st.sampled_from(["2", "0.3", "7.77"])) if fixed else None

    w = lambda: draw(st.sampled_from(WEIGHTS))  # noqa: E731
    banding = draw(st.sampled_from(["rank", "score"]))
    return Evaluation.model_validate(
        {
            "enabled": True,
            "min_land_mu_below_scale": draw(st.sampled_from(["0", "3", "2.5"])),
            "excluded_codes": ["44"],
            "benchmark": "fixed" if fixed else "previous_year_average",
            "score_cap": draw(st.sampled_from(["1", "1.5", "2", "1.25"])),
            "missing_emissions": draw(
                st.sampled_from(["capped_average", "population_average_score", "zero"])
            ),
            "missing_emissions_ratio": draw(st.sampled_from(["1", "0.5", "0.8", "0"])),
            "banding": banding,
            "class_bands": [
                {"name": "A", "cumulative_pct": 20},
                {"name": "B", "cumulative_pct": "33.3333"},
                {"name": "C", "cumulative_pct": 95},
                {"name": "D", "cumulative_pct": 100},
            ],
            "score_bands": [
                {"name": "A", "min_score": 90},
                {"name": "B", "min_score": "60.005"},
                {"name": "C", "min_score": 30},
                {"name": "D", "min_score": 0},
            ],
            "above_scale": {
                "indicators": [
                    indicator("tax_per_mu", ["tax_paid"], ["land_mu"], w(), fixed=bench()),
                    indicator("va_per_cod", ["value_added"], ["cod_t"], w(), True, "0.1", bench()),
                    indicator(
                        "rd_tax", ["rd_spending", "tax_paid"], ["land_mu", "employees"], w(),
                        fixed=bench(),
                    ),
                    indicator("va_per_so2", ["value_added"], ["so2_t"], w(), True, fixed=bench()),
                ]
            },
            "below_scale": {
                "indicators": [
                    indicator("tax_per_mu", ["tax_paid"], ["land_mu"], w(), fixed=bench()),
                    indicator("va_per_cod", ["value_added"], ["cod_t"], w(), True, fixed=bench()),
                ]
            },
        }
    )  # fmt: skip


money = st.one_of(
    st.integers(-5, 60).map(D),
    st.decimals("-10", "500", places=2, allow_nan=False, allow_infinity=False),
)
emission = st.one_of(
    st.none(),
    st.just(D(0)),
    st.integers(1, 9).map(D),
    st.decimals("0.001", "20", places=3, allow_nan=False, allow_infinity=False),
)


@st.composite
def measure_sets(draw):
    return {
        "tax_paid": draw(money),
        "value_added": draw(money),
        "rd_spending": draw(st.one_of(st.none(), money)),
        "land_mu": draw(st.one_of(st.just(D(0)), st.integers(1, 20).map(D), money)),
        "employees": draw(st.integers(0, 50)),
        "cod_t": draw(emission),
        "so2_t": draw(emission),
    }


@st.composite
def populations(draw, first_id):
    pool = draw(st.lists(measure_sets(), min_size=1, max_size=6))
    picks = draw(st.lists(st.tuples(st.integers(0, len(pool) - 1), st.booleans()), max_size=25))
    return [
        Firm(first_id + i, "above_scale" if above else "below_scale", pool[k])
        for i, (k, above) in enumerate(picks)
    ]


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(methods(), populations(1), populations(1000))
def test_columnar_engine_equals_the_reference(method, current, previous):
    got = evaluate(method, current, previous)
    want = evaluate_reference(method, current, previous)
    for g, w in zip(got, want, strict=True):
        assert g.population == w.population
        assert g.benchmarks == w.benchmarks
        assert g.results == w.results  # ids, scores, values, totals, uncapped, ranks, classes
        # same digits, not just equal values: the stored strings do not change
        assert [str(r.total) for r in g.results] == [str(r.total) for r in w.results]
        assert [str(r.rank_pct) for r in g.results] == [str(r.rank_pct) for r in w.results]


def test_half_cents_and_ties_are_decided_by_the_reference():
    """Weight 0.05 × ratio 0.5 = 0.025: a half cent, rounded to even (0.02) by the reference
    (float64 makes it 2.5000000000000004 cents, which would round to 0.03); firms 1 and 2 tie
    exactly; firm 3 has the same total by another route."""
    method = Evaluation.model_validate(
        {
            "enabled": True, "min_land_mu_below_scale": 0, "score_cap": "1.5",
            "class_bands": [
                {"name": "A", "cumulative_pct": 50}, {"name": "B", "cumulative_pct": 100},
            ],
            "above_scale": {"indicators": [indicator("t", ["tax_paid"], ["land_mu"], "0.05")]},
            "below_scale": {"indicators": [indicator("t", ["tax_paid"], ["land_mu"], "1")]},
        }
    )  # fmt: skip
    m = lambda tax, land: {"tax_paid": D(tax), "land_mu": D(land)}  # noqa: E731
    previous = [Firm(9, "above_scale", m(1, 1))]  # benchmark 1
    current = [
        Firm(1, "above_scale", m(1, 2)),  # ratio 0.5: 0.025 → 0.02
        Firm(2, "above_scale", m("0.5", 1)),
        Firm(3, "above_scale", m("0.49", 1)),  # 0.0245 → 0.02, uncapped lower: ranks last
    ]
    got = evaluate(method, current, previous)[0].results
    assert got == evaluate_reference(method, current, previous)[0].results
    assert [(r.enterprise_id, str(r.total), r.rank) for r in got] == [
        (1, "0.02", 1), (2, "0.02", 1), (3, "0.02", 3),
    ]  # fmt: skip


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.sampled_from(["4411", "2822", "44", "1711"]),
            st.one_of(st.none(), st.integers(0, 4000)),
            st.one_of(st.none(), st.integers(0, 4000)),
            st.one_of(st.none(), st.decimals("0", "10", places=2, allow_nan=False)),
            st.booleans(),
        ),
        max_size=30,
    ),
    st.sampled_from(["0", "3", "2.5"]),
)
def test_vectorised_eligibility_equals_the_reference(rows, min_land):
    method = Evaluation.model_validate(
        {
            "enabled": True, "min_land_mu_below_scale": min_land, "excluded_codes": ["44"],
            "class_bands": [{"name": "A", "cumulative_pct": 100}],
            "above_scale": {"indicators": [indicator("t", ["tax_paid"], ["land_mu"], "1")]},
            "below_scale": {"indicators": [indicator("t", ["tax_paid"], ["land_mu"], "1")]},
        }
    )  # fmt: skip
    day = lambda n: None if n is None else date(2012, 12, 31) - timedelta(days=n)  # noqa: E731
    candidates = [
        Candidate(i, code, day(f), day(g), land, above)
        for i, (code, f, g, land, above) in enumerate(rows)
    ]
    firms = [
        Firm(c.enterprise_id, "above_scale" if c.above_scale else "below_scale",
             {"land_mu": c.land_mu})
        for c in candidates
    ]  # fmt: skip
    table = FirmTable.from_firms(firms, {"land_mu": 2})
    table.industry_codes = [c.industry_code for c in candidates]
    as_dates = lambda ds: np.array(ds, dtype="datetime64[D]")  # noqa: E731
    table.founded_on = as_dates([c.founded_on for c in candidates])
    table.land_granted_on = as_dates([c.land_granted_on for c in candidates])
    got = [REASONS[k] for k in exclusion_codes(table, 2012, method).tolist()]
    assert got == [exclusion_reason(c, 2012, method) for c in candidates]


@pytest.mark.django_db
def test_evaluate_command_reads_columns_and_equals_the_reference(city, policy):
    """``zhuanxing evaluate`` (columns read raw from the database) prints what the Decimal
    reference engine gives on the rows the ORM reads, firm by firm."""
    import json
    from io import StringIO

    from django.core.management import call_command

    from zhuanxing.evaluation.data import candidate, firm, read_year
    from zhuanxing.evaluation.demo_data import seed_environment

    seed_environment(7)
    out = StringIO()
    call_command("evaluate", year=2012, json=True, stdout=out)
    doc = json.loads(out.getvalue())
    method = policy.evaluation

    def graded(rows, year):
        return [firm(r) for r in rows if exclusion_reason(candidate(r), year, method) is None]

    current = graded(read_year(2012, policy), 2012)
    previous = graded(read_year(2011, policy, scale_year=2012), 2011)
    want = [
        (r.enterprise_id, r.population, str(r.total), r.rank, r.klass,
         {i.key: (str(i.score), i.imputed) for i in r.indicators})
        for p in evaluate_reference(method, current, previous)
        for r in p.results
    ]  # fmt: skip
    got = [
        (e["enterprise_id"], e["population"], e["total"], e["rank"], e["class"],
         {k: (v["score"], v["imputed"]) for k, v in e["indicators"].items()})
        for e in doc["evaluated"]
    ]  # fmt: skip
    assert got == want and len(got) > 10
    text = StringIO()
    call_command("evaluate", year=2012, stdout=text)
    assert (
        text.getvalue().rstrip().endswith(f"{len(got)} evaluated, {len(doc['excluded'])} excluded")
    )


def test_measures_beyond_the_integer_columns_fall_back_to_the_reference():
    """A measure with 30 decimals does not fit int64 columns: ``evaluate`` and
    ``evaluate_year`` give the reference engine's results instead of failing."""
    from zhuanxing.evaluation.data import Row
    from zhuanxing.evaluation.engine import evaluate_year

    method = Evaluation.model_validate(
        {
            "enabled": True, "min_land_mu_below_scale": 0,
            "class_bands": [{"name": "A", "cumulative_pct": 100}],
            "above_scale": {"indicators": [indicator("t", ["tax_paid"], ["land_mu"], "10")]},
            "below_scale": {"indicators": [indicator("t", ["tax_paid"], ["land_mu"], "10")]},
        }
    )  # fmt: skip

    def row(eid, tax):
        measures = {"tax_paid": D(tax), "land_mu": D(2)}
        return Row(eid, "2822", "/330400/", None, None, D(2), False, True, measures)

    rows = [row(1, "1." + "3" * 30), row(2, "2")]
    firms = [Firm(r.enterprise_id, "above_scale", r.measures) for r in rows]
    want = evaluate_reference(method, firms, firms)
    assert evaluate(method, firms, firms) == want
    assert evaluate_year(method, 2012, rows, rows).results == want[0].results
