"""Writes to the region tree. Paths are computed here, once, never in ``save()``."""

from django.db import transaction

from .models import OrgUnit


@transaction.atomic
def org_unit_create(
    *,
    code: str,
    name: str,
    kind: str,
    parent: OrgUnit | None = None,
    name_en: str = "",
    official_code: bool = True,
) -> OrgUnit:
    path = f"{parent.path if parent else '/'}{code}/"
    return OrgUnit.objects.create(
        code=code,
        name=name,
        name_en=name_en,
        kind=kind,
        parent=parent,
        path=path,
        depth=path.count("/") - 2,  # the city is 0
        official_code=official_code,
    )
