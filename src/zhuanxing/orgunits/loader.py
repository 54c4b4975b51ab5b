"""Builds the Jiaxing region tree from the reference standards plus the local units file.

GB/T 2260 gives the city and its 7 county-level units, the NBS 2023 statistical codes give the 72
townships; ``data/jiaxing_local_units.csv`` adds what has no official code: the two economic zones
(which administer some subdistricts, moved under them here as the city manages them) and the
industrial parks. Loading is idempotent: units that exist are left alone.
"""

import csv
from pathlib import Path

from django.db import transaction

from zhuanxing.reference import regions

from .models import OrgUnit, OrgUnitKind
from .services import org_unit_create

LOCAL_UNITS = Path(__file__).with_name("data") / "jiaxing_local_units.csv"


def _local_units() -> list[dict[str, str]]:
    with LOCAL_UNITS.open(encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


@transaction.atomic
def load_jiaxing_org_units() -> int:
    """Create the tree if missing; returns the number of units created."""
    if OrgUnit.objects.exists():
        return 0
    city_div = regions.city()
    city = org_unit_create(
        code=city_div.code, name=city_div.name, kind=OrgUnitKind.CITY, name_en="Jiaxing"
    )
    units = {city.code: city}
    for county in regions.counties():
        units[county.code] = org_unit_create(
            code=county.code, name=county.name, kind=OrgUnitKind.COUNTY, parent=city
        )
    local = _local_units()
    administered = {}
    for row in local:
        if row["kind"] == "zone":
            units[row["code"]] = org_unit_create(
                code=row["code"],
                name=row["name"],
                name_en=row["name_en"],
                kind=OrgUnitKind.ZONE,
                parent=units[row["parent_code"]],
                official_code=False,
            )
            for code in filter(None, row["administers"].split(";")):
                administered[code] = row["code"]
    for town in regions.townships():
        parent = units[administered.get(town.code, town.parent_code)]
        units[town.code] = org_unit_create(
            code=town.code, name=town.name, kind=OrgUnitKind.TOWN, parent=parent
        )
    for row in local:
        if row["kind"] == "park":
            units[row["code"]] = org_unit_create(
                code=row["code"],
                name=row["name"],
                name_en=row["name_en"],
                kind=OrgUnitKind.PARK,
                parent=units[row["parent_code"]],
                official_code=False,
            )
    return len(units)
