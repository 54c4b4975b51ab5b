"""Demo accounts, one per role, printed by ``zhuanxing demo``."""

from django.db.models import Sum

from zhuanxing.accounts.models import Role, User
from zhuanxing.accounts.services import user_create
from zhuanxing.enterprises.models import Enterprise
from zhuanxing.orgunits.models import OrgUnit

DEMO_PASSWORD = "zhuanxing2009"
TONGXIANG = "330483"
HAINING = "330481"
DEMO_BANK = "嘉兴银行"  # the demo bank user's institution (a name; the list is the same for all)


def demo_enterprise() -> Enterprise:
    """The enterprise the demo enterprise user files for: Tongxiang's largest by 2012 output."""
    return (
        Enterprise.objects.filter(org_unit__path__contains=f"/{TONGXIANG}/")
        .annotate(output=Sum("annual_reports__gross_output"))
        .order_by("-output", "uscc")
        .first()
    )


def ensure_demo_users() -> list[tuple[str, str, str]]:
    """Create the demo users if missing; returns (username, role label, scope) rows."""
    specs = [
        ("admin", Role.CITY_ADMIN, {}),
        ("leader", Role.LEADER, {}),
        ("tongxiang", Role.COUNTY_OFFICER, {"org_units": [OrgUnit.objects.get(code=TONGXIANG)]}),
        ("haining", Role.COUNTY_OFFICER, {"org_units": [OrgUnit.objects.get(code=HAINING)]}),
        ("firm", Role.ENTERPRISE, {"enterprise": demo_enterprise()}),
        ("bank", Role.BANK, {"institution": DEMO_BANK}),
    ]
    rows = []
    for username, role, scope in specs:
        user = User.objects.filter(username=username).first()
        if user is None:
            user = user_create(username=username, password=DEMO_PASSWORD, role=role, **scope)
        # The scope shown is the one the spec gave the user: a firm, some units, or the city.
        if "enterprise" in scope:
            where = user.enterprise.name if user.enterprise else "-"
        elif "institution" in scope:
            where = user.institution
        elif "org_units" in scope:
            where = ", ".join(u.name for u in user.org_units.all())
        else:
            where = "嘉兴市"
        rows.append((username, str(role.label), where))
    return rows
