import pytest

from zhuanxing.orgunits.loader import load_jiaxing_org_units
from zhuanxing.orgunits.models import OrgUnit, OrgUnitKind

pytestmark = pytest.mark.django_db


@pytest.fixture
def tree():
    load_jiaxing_org_units()
    return {u.code: u for u in OrgUnit.objects.all()}


def test_the_jiaxing_tree(tree):
    kinds = [u.kind for u in tree.values()]
    assert kinds.count(OrgUnitKind.CITY) == 1
    assert kinds.count(OrgUnitKind.COUNTY) == 7
    assert kinds.count(OrgUnitKind.ZONE) == 2
    assert kinds.count(OrgUnitKind.TOWN) == 72
    assert kinds.count(OrgUnitKind.PARK) == 9
    assert tree["330400"].name == "嘉兴市" and tree["330483"].name == "桐乡市"


def test_paths_make_subtrees_one_prefix_filter(tree):
    puyuan = tree["330483101"]  # 濮院镇
    assert puyuan.path == "/330400/330483/330483101/"
    assert puyuan.depth == 2
    assert puyuan.county_level.code == "330483"
    tongxiang = OrgUnit.objects.subtree(tree["330483"])
    assert tongxiang.count() == 1 + 11 + 1  # itself, 11 towns, one park


def test_zones_administer_their_towns(tree):
    assert tree["330482101"].parent.code == "330400902"  # 乍浦镇 under 嘉兴港区
    assert tree["330402012"].parent.code == "330400901"  # 城南街道 under 经开区
    assert not tree["330400901"].official_code
    assert tree["330400902P01"].parent.code == "330400902"


def test_loading_twice_changes_nothing(tree):
    assert load_jiaxing_org_units() == 0
    assert OrgUnit.objects.count() == len(tree)


def test_restrict_by_role(tree):
    from zhuanxing.accounts.models import Role, User

    officer = User.objects.create_user("o", role=Role.COUNTY_OFFICER)
    officer.org_units.set([tree["330481"]])
    assert set(OrgUnit.objects.restrict(officer).values_list("code", flat=True)) == {
        u.code for u in tree.values() if u.path.startswith("/330400/330481/")
    }
    leader = User.objects.create_user("l", role=Role.LEADER)
    assert OrgUnit.objects.restrict(leader).count() == len(tree)


def test_the_factories_copy_of_the_tree_is_the_loaders():
    """tests/factories.py loads the tree once per session and copies its rows for each test:
    the copy must be the loader's tree, field for field."""
    import factories

    fields = ("code", "name", "name_en", "kind", "parent__code", "path", "depth", "official_code")
    assert not OrgUnit.objects.exists()
    factories.org_units()
    copied = list(OrgUnit.objects.order_by("path").values_list(*fields))
    for depth in (3, 2, 1, 0):
        OrgUnit.objects.filter(depth=depth).delete()
    assert load_jiaxing_org_units() == len(copied) == 91
    assert list(OrgUnit.objects.order_by("path").values_list(*fields)) == copied


def test_the_county_level_unit_containing_a_path(tree):
    from zhuanxing.orgunits.selectors import county_containing, county_level_units

    units = county_level_units()
    assert len(units) == 9  # 7 counties and districts, 2 zones
    assert county_containing("/330400/330483/330483101/", units).code == "330483"  # 濮院镇
    assert county_containing(tree["330482101"].path, units).code == "330400902"  # 乍浦镇: 港区
    assert county_containing("/330400/", units) is None  # the city itself
