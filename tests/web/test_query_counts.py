"""Query counts of the main list and detail pages (NetBox style): each page is asserted with 2
rows and with 20 against one ceiling measured with 2, so a page that queries once per row (an
N+1) fails at 20. The ceilings are in ``query_counts.py``; lower them when a page gets cheaper."""

import pytest
from django.urls import reverse

import factories
from query_counts import MAX_QUERIES
from zhuanxing.reporting.models import ImportJob

pytestmark = pytest.mark.django_db
SIZES = [2, 20]


def _firms(n: int) -> list:
    """``n`` firms spread over Tongxiang and Haining, each with 2011-2012 annual reports and
    2011-2012 January-June monthly reports."""
    firms = []
    for i in range(n):
        county = factories.TONGXIANG if i % 2 == 0 else factories.HAINING
        firm = factories.enterprise(town=factories.TOWNS[county])
        factories.annual_reports(firm, (2011, 2012))
        factories.monthly_reports(firm, [(y, m) for y in (2011, 2012) for m in range(1, 7)])
        firms.append(firm)
    return firms


@pytest.fixture
def users(db):
    return factories.role_users(factories.enterprise())


@pytest.fixture
def store(settings, tmp_path):
    """Build the analytics store of what the test wrote, into a fresh file."""
    from zhuanxing.analytics.build import build_store

    settings.ZHUANXING = {**settings.ZHUANXING, "ANALYTICS_PATH": str(tmp_path / "store.duckdb")}
    return build_store


def _get(client, django_assert_max_num_queries, page: str, url: str, params=None):
    with django_assert_max_num_queries(MAX_QUERIES[page]):
        response = client.get(url, params or {})
    assert response.status_code == 200
    return response


@pytest.mark.parametrize("n", SIZES)
def test_enterprise_list(client, users, django_assert_max_num_queries, n):
    _firms(n)
    client.force_login(users["admin"])
    response = _get(client, django_assert_max_num_queries, "enterprise_list",
                    reverse("enterprises:list"))  # fmt: skip
    assert len(response.context["page"]) == n + 1  # and the role users' own firm


@pytest.mark.parametrize("n", SIZES)
def test_enterprise_detail(client, users, django_assert_max_num_queries, n):
    firm = factories.enterprise()
    years = range(max(2003, 2013 - n), 2013)  # no size-class rules before 2003
    factories.annual_reports(firm, years)
    factories.monthly_reports(firm, [(2012 - i // 12, 12 - i % 12) for i in range(n)])
    client.force_login(users["admin"])
    response = _get(client, django_assert_max_num_queries, "enterprise_detail",
                    reverse("enterprises:detail", args=[firm.pk]))  # fmt: skip
    text = response.content.decode()
    assert all(str(year) in text for year in years)


@pytest.mark.parametrize("n", SIZES)
def test_evaluation_results(client, users, policy, django_assert_max_num_queries, n):
    from zhuanxing.evaluation.services import evaluation_run_create

    _firms(n)
    run = evaluation_run_create(year=2012, user=users["admin"], policy=policy)
    client.force_login(users["admin"])
    response = _get(client, django_assert_max_num_queries, "evaluation_results",
                    reverse("evaluation:results", args=[run.pk]))  # fmt: skip
    assert len(response.context["page"]) >= n


@pytest.mark.parametrize("n", SIZES)
def test_review_queue(client, users, django_assert_max_num_queries, n):
    for firm in _firms(n):
        firm.annual_reports.filter(year=2012).update(status="submitted")
        firm.monthly_reports.filter(period="2012-06").update(status="submitted")
    client.force_login(users["admin"])
    response = _get(client, django_assert_max_num_queries, "review_queue",
                    reverse("reporting:review"))  # fmt: skip
    assert len(response.context["annual"]) == len(response.context["monthly"]) == n


@pytest.mark.parametrize("n", SIZES)
def test_import_job_list(client, users, django_assert_max_num_queries, n):
    for i in range(n):
        ImportJob.objects.create(
            created_by=users["tongxiang"], filename=f"年报{i}.xlsx", size=10, sha256="0" * 64,
            content=b"", kind="annual", status="invalid", rows=3, errors=1,
        )  # fmt: skip
    client.force_login(users["tongxiang"])
    response = _get(client, django_assert_max_num_queries, "import_job_list",
                    reverse("reporting:index"))  # fmt: skip
    assert len(response.context["jobs"]) == n


@pytest.mark.parametrize("n", SIZES)
def test_monitoring_page(client, users, store, django_assert_max_num_queries, n):
    _firms(n)
    store()
    client.force_login(users["leader"])
    response = _get(client, django_assert_max_num_queries, "monitoring",
                    reverse("monitoring:index"), {"month": "2012-06"})  # fmt: skip
    assert "2012" in response.content.decode()


@pytest.mark.parametrize("n", SIZES)
def test_cockpit(client, users, store, django_assert_max_num_queries, n):
    _firms(n)
    store()
    client.force_login(users["leader"])
    response = _get(client, django_assert_max_num_queries, "cockpit",
                    reverse("analytics:cockpit"))  # fmt: skip
    assert "2012" in response.content.decode()


@pytest.mark.parametrize("n", SIZES)
@pytest.mark.parametrize(
    ("page", "name", "role"),
    [
        ("clusters_identification", "clusters:identification", "leader"),
        ("clusters_paths", "clusters:paths", "leader"),
        ("clusters_paths_county", "clusters:paths", "tongxiang"),
    ],
)
def test_cluster_pages(client, users, store, django_assert_max_num_queries, n, page, name, role):
    _firms(n)
    store()
    client.force_login(users[role])
    response = _get(client, django_assert_max_num_queries, page, reverse(name))
    assert not response.context["missing"]
