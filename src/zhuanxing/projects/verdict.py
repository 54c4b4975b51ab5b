"""A screening's verdict as data (the CLI's JSON, the stored record) and its reasons in words."""

from decimal import ROUND_HALF_UP, Decimal

from django.utils.translation import gettext as _

from zhuanxing.core.figures import format_number

from .screening import Figures, Result

PLACES = Decimal("0.000001")


def number(value: Decimal | None) -> float | None:
    """A JSON number: six decimals, rounded half up."""
    return None if value is None else float(value.quantize(PLACES, ROUND_HALF_UP))


def tier_label(tier: str) -> str:
    return {
        "report": _("energy-saving assessment report"),
        "table": _("energy-saving assessment table"),
        "registration": _("energy-saving registration form"),
    }[tier]


def indicator_name(ind, english: bool) -> str:
    return ind.name_en if english else ind.name


def reasons(result: Result, year: int, policy, english: bool = False) -> list[str]:
    """One sentence per check, then the review tier and the key energy-user status."""
    out = []
    for check in result.checks:
        ind = policy.indicators[check.measure]
        places = ind.decimals if ind.decimals is not None else 4
        values = {
            "name": indicator_name(ind, english),
            "mine": format_number(check.project_per_va, places),
            "city": format_number(check.city_average_per_va, places),
            "unit": ind.unit_label,
            "year": year,
        }
        if check.passed is None:
            out.append(
                _("%(name)s: no city average for %(year)s, the project cannot be approved on it.")
                % values
            )  # noqa: E501
        elif check.passed:
            out.append(
                _(
                    "%(name)s %(mine)s %(unit)s does not exceed the city average "
                    "%(city)s %(unit)s (%(year)s)."
                )
                % values
            )  # noqa: E501
        else:
            out.append(
                _(
                    "%(name)s %(mine)s %(unit)s exceeds the city average %(city)s "
                    "%(unit)s (%(year)s): not approved."
                )
                % values
            )  # noqa: E501
    review = policy.screening.energy_review
    out.append(
        _(
            "Comprehensive energy %(tce)s tce/yr (electricity at %(factor)s kgce/kWh), "
            "electricity %(kwh)s kWh: %(tier)s (report from %(rt)s tce or %(rk)s kWh, table "
            "from %(tt)s tce or %(tk)s kWh)."
        )  # noqa: E501
        % {
            "tce": format_number(result.comprehensive_tce, 2),
            "factor": policy.screening.electricity_kgce_per_kwh,
            "kwh": format_number(result.electricity_kwh, 0),
            "tier": tier_label(result.review_tier),
            "rt": format_number(review.report_min_tce, 0),
            "rk": format_number(review.report_min_kwh, 0),
            "tt": format_number(review.table_min_tce, 0),
            "tk": format_number(review.table_min_kwh, 0),
        }
    )
    key = policy.screening.key_energy_user
    if result.key_energy_user:
        out.append(
            _("A key energy-using unit (from %(n)s tce/yr).") % {"n": format_number(key.min_tce, 0)}
        )  # noqa: E501
    elif result.may_be_designated:
        out.append(
            _("May be designated a key energy-using unit (from %(n)s tce/yr).")
            % {"n": format_number(key.designated_min_tce, 0)}
        )  # noqa: E501
    return out


def as_dict(result: Result, figures: Figures, year: int, policy, english=False) -> dict:
    """The verdict in the CLI's shape (``zhuanxing screen --json``), with the year and units."""
    return {
        "approved": result.approved,
        "review_tier": result.review_tier,
        "key_energy_user": result.key_energy_user,
        "may_be_designated": result.may_be_designated,
        "benchmark_year": year,
        "comprehensive_tce": number(result.comprehensive_tce),
        "checks": [
            {
                "measure": c.measure,
                "unit": policy.indicators[c.measure].unit,
                "project_per_va": number(c.project_per_va),
                "city_average_per_va": number(c.city_average_per_va),
                "city_firms": c.firms,
                "passed": c.passed,
            }
            for c in result.checks
        ],
        "reasons": reasons(result, year, policy, english),
        "inputs": {name: number(getattr(figures, name)) for name in figures.__dataclass_fields__},
    }
