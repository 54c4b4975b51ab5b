import pytest
from django.core.exceptions import ValidationError

from zhuanxing.enterprises.models import Enterprise
from zhuanxing.orgunits.loader import load_jiaxing_org_units
from zhuanxing.orgunits.models import OrgUnit

pytestmark = pytest.mark.django_db


@pytest.fixture
def town():
    load_jiaxing_org_units()
    return OrgUnit.objects.get(code="330483101")


def make(town, **kw):
    fields = {
        "uscc": "914403001922038216",
        "name": "测试企业",
        "org_unit": town,
        "industry_code": "2822",
    }
    return Enterprise(**{**fields, **kw})


def test_a_valid_enterprise_passes(town):
    make(town).full_clean()


def test_bad_credit_code_names_the_reason(town):
    with pytest.raises(ValidationError, match="check character") as exc:
        make(town, uscc="914403001922038217").full_clean()
    message = str(exc.value.message_dict["uscc"])
    assert "914403001922038217" in message and "'6'" in message


def test_industry_code_must_be_a_class(town):
    for bad in ("28", "282", "9999"):
        with pytest.raises(ValidationError, match="GB/T 4754-2017") as exc:
            make(town, industry_code=bad).full_clean()
        assert "industry_code" in exc.value.message_dict


def test_changes_are_kept_with_date_and_author(town):
    from zhuanxing.accounts.models import Role, User

    clerk = User.objects.create_user("clerk", role=Role.CITY_ADMIN)
    firm = make(town)
    firm.save()
    firm.land_mu = 12.5
    firm._history_user = clerk
    firm.save()
    records = list(firm.history.order_by("history_date"))
    assert [r.history_type for r in records] == ["+", "~"]
    assert records[0].land_mu is None and float(records[1].land_mu) == 12.5
    assert records[1].history_user == clerk
    delta = records[1].diff_against(records[0])
    assert [c.field for c in delta.changes] == ["land_mu"]
