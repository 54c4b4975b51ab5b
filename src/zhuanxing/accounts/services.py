from collections.abc import Sequence

from django.db import transaction

from .models import Role, User


@transaction.atomic
def user_create(
    *,
    username: str,
    password: str,
    role: str,
    org_units: Sequence | None = None,  # org units (orgunits sits above accounts)
    enterprise=None,
    first_name: str = "",
    institution: str = "",
) -> User:
    if role == Role.ENTERPRISE and enterprise is None:
        raise ValueError("an enterprise user needs an enterprise")
    if role == Role.COUNTY_OFFICER and not org_units:
        raise ValueError("a county officer needs at least one org unit")
    if role == Role.BANK and not institution.strip():
        raise ValueError("a bank user needs a financial institution")
    user = User.objects.create_user(
        username=username,
        password=password,
        role=role,
        enterprise=enterprise,
        first_name=first_name,
        institution=institution.strip() if role == Role.BANK else "",
        is_staff=role == Role.CITY_ADMIN,
    )
    if org_units:
        user.org_units.set(org_units)
    return user
