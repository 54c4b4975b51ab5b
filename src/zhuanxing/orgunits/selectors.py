"""Reads of the region tree, scoped by the user."""

from .models import OrgUnit


def county_units(user) -> list[OrgUnit]:
    """The county-level units (counties, districts, economic zones) the user may see, in code
    order."""
    return list(OrgUnit.objects.restrict(user).county_level())
