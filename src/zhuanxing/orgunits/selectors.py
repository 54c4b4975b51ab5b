"""Reads of the region tree, scoped by the user."""

from .models import OrgUnit


def county_units(user) -> list[OrgUnit]:
    """The county-level units (counties, districts, economic zones) the user may see, in code
    order."""
    return list(OrgUnit.objects.restrict(user).county_level())


def county_level_units() -> list[OrgUnit]:
    """Every county-level unit, in code order (not scoped: for grouping figures the caller has
    already scoped)."""
    return list(OrgUnit.objects.county_level())


def county_containing(path: str, units: list[OrgUnit]) -> OrgUnit | None:
    """The unit of ``units`` (county-level units) whose subtree holds the org-unit ``path``."""
    for unit in units:
        if path.startswith(unit.path):
            return unit
    return None
