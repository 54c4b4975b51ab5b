import datetime

import pytest

import factories


@pytest.fixture
def world(db):
    return factories.world()


@pytest.fixture
def quals(world):
    """One qualification of each firm: a national high-tech certificate expiring in 30 days for
    Tongxiang's firms, a provincial technology centre for the others."""
    from zhuanxing.innovation.models import Qualification

    today = datetime.date.today()
    found = {}
    for county, firms in world.firms.items():
        for firm in firms:
            tongxiang = county == factories.TONGXIANG
            found.setdefault(county, []).append(
                Qualification.objects.create(
                    enterprise=firm,
                    kind="high_tech_enterprise"
                    if county == factories.TONGXIANG
                    else "technology_centre",
                    level="national" if tongxiang else "provincial",
                    title=f"证书 {firm.pk}",
                    issued_on=datetime.date(2010, 1, 1),
                    expires_on=today + datetime.timedelta(days=30) if tongxiang else None,
                )
            )
    return found
