"""Issue 13 §9: the enterprise clerk's menu (本企业, 数据报送 with the forms and the import,
评价结果) and a favicon on every page."""

import pytest
from django.urls import reverse

import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(db):
    return factories.world(per_county=1, months=range(1, 2))


def test_the_clerks_menu(client, world):
    firm = world.users["firm"].enterprise
    client.force_login(world.users["firm"])
    page = client.get(reverse("enterprises:detail", args=[firm.pk])).content.decode()
    nav = page.split('<nav class="mainnav">')[1].split("</nav>")[0]
    for label, url in [
        ("本企业", reverse("enterprises:detail", args=[firm.pk])),
        ("数据报送", reverse("reporting:index")),
        ("评价结果", reverse("evaluation:enterprise", args=[firm.pk])),
    ]:
        assert f'href="{url}"' in nav and label in nav, label
    filing = client.get(reverse("reporting:index")).content.decode()
    assert 'id="own-filing"' in filing
    assert reverse("reporting:entry", args=[firm.pk, "2012"]) in filing  # 年报
    assert reverse("reporting:entry", args=[firm.pk, "2012-01"]) in filing  # 月报
    assert 'id="upload-form"' in filing  # 导入


def test_a_favicon(client, world):
    client.force_login(world.users["admin"])
    page = client.get(reverse("enterprises:list")).content.decode()
    assert 'rel="icon"' in page and "favicon.svg" in page
