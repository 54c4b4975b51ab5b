"""Who is graded in a year, and why the others are not. Pure functions."""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal


@dataclass(frozen=True)
class Candidate:
    enterprise_id: int
    industry_code: str
    founded_on: date | None
    land_granted_on: date | None
    land_mu: Decimal | None
    above_scale: bool


# Stable reason codes (stored with each excluded firm; the pages translate them).
UTILITY = "utility"
REGISTERED_RECENTLY = "registered_recently"
NEW_LAND_GRANT = "new_land_grant"
NO_LAND = "no_land"
SMALL_LAND = "below_scale_small_land"
REPORT_NOT_APPROVED = "report_not_approved"  # the year's annual report is not approved (yet)


def _years_before_end_of(year: int, day: date) -> float:
    return (date(year, 12, 31) - day).days / 365.25


def exclusion_reason(candidate: Candidate, year: int, method) -> str | None:
    """None when the firm is graded in ``year``; else the reason code."""
    code = candidate.industry_code
    if any(code.startswith(prefix) for prefix in method.excluded_codes):
        return UTILITY
    if candidate.founded_on and _years_before_end_of(year, candidate.founded_on) < (
        method.min_years_registered
    ):
        return REGISTERED_RECENTLY
    if candidate.land_granted_on and _years_before_end_of(year, candidate.land_granted_on) < (
        method.min_years_since_land_grant
    ):
        return NEW_LAND_GRANT
    land = candidate.land_mu
    if candidate.above_scale:
        return None if land and land > 0 else NO_LAND
    if land is None or land < method.min_land_mu_below_scale:
        return SMALL_LAND
    return None
