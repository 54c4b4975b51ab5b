"""One small city with its analytics store, built once per test module (not per test).

The security tests only read, so each test runs in a savepoint inside the module's transaction,
which is rolled back at the end of the module.
"""

import pytest

# Smaller than tests/conftest.py's city: enough firms in two counties for every page to have data.
TINY_CITY = {"above_scale": 24, "below_scale": 36, "seed": 7}


def build_small_city(policy):
    from zhuanxing.demo.generator import generate_city
    from zhuanxing.demo.users import ensure_demo_users
    from zhuanxing.demo.writer import county_infos, write_city
    from zhuanxing.orgunits.loader import load_jiaxing_org_units

    load_jiaxing_org_units()
    data = generate_city(
        county_infos(),
        city_code=policy.info.city_code,
        scale_line=policy.above_scale,
        **TINY_CITY,
    )
    write_city(data)
    ensure_demo_users()
    return data


@pytest.fixture(scope="module")
def module_city(django_db_setup, django_db_blocker, tmp_path_factory):
    from django.db import transaction
    from django.test import override_settings

    from zhuanxing.analytics.build import build_store
    from zhuanxing.policy import get_active_policy

    with django_db_blocker.unblock():
        from django.conf import settings

        store = tmp_path_factory.mktemp("store") / "store.duckdb"
        override = override_settings(ZHUANXING={**settings.ZHUANXING, "ANALYTICS_PATH": str(store)})
        override.enable()
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            policy = get_active_policy(settings.ZHUANXING["POLICY_PATH"])
            data = build_small_city(policy)
            build_store()
            yield data
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)
            override.disable()


@pytest.fixture
def city_users(module_city, db):
    from zhuanxing.accounts.models import User

    return {u.username: u for u in User.objects.all()}


@pytest.fixture(scope="module")
def shared_objects(module_city, django_db_blocker):
    """One object of each kind the object pages show, owned so that scoping can be tested:
    the enterprise user's firm (Tongxiang), a Haining firm, a draft evaluation, and an import job
    of the Haining officer."""
    from zhuanxing.accounts.models import User
    from zhuanxing.enterprises.models import Enterprise
    from zhuanxing.evaluation.demo_data import seed_environment
    from zhuanxing.evaluation.services import evaluation_run_create
    from zhuanxing.jobs.models import Job
    from zhuanxing.policy.active import policy_in_force
    from zhuanxing.reporting.models import AnnualReport, ImportJob, ImportStatus

    with django_db_blocker.unblock():
        users = {u.username: u for u in User.objects.all()}
        seed_environment(7)
        run = evaluation_run_create(year=2012, user=users["admin"], policy=policy_in_force())
        projects = seed_security_projects(users)
        qualifications = _qualifications(users["firm"].enterprise)
        job = ImportJob.objects.create(
            created_by=users["haining"], kind="annual", filename="haining.xlsx", size=1,
            sha256="0" * 64, content=b"", status=ImportStatus.INVALID,
        )  # fmt: skip
        haining_firm = (
            Enterprise.objects.filter(org_unit__path__contains="/330481/").order_by("pk").first()
        )
        programme, firm_application, haining_application = _fund_objects(
            users["firm"].enterprise, haining_firm
        )
        recommendation, recommendation_draft = _recommendation_lists(users["admin"], projects)
        return {
            "recommendation": recommendation,
            "recommendation_draft": recommendation_draft,
            "firm": users["firm"].enterprise,
            "haining_firm": haining_firm,
            "programme": programme,
            "firm_application": firm_application,
            "haining_application": haining_application,
            "haining_report": AnnualReport.objects.filter(
                enterprise__org_unit__path__contains="/330481/"
            )
            .order_by("pk")
            .first(),
            "run": run,
            "haining_job": job,
            **projects,
            **qualifications,
            "tongxiang_job": ImportJob.objects.create(
                created_by=users["tongxiang"],
                kind="annual",
                filename="tongxiang.xlsx",
                size=1,
                sha256="1" * 64,
                content=b"",
                status=ImportStatus.INVALID,
            ),  # fmt: skip
            "tongxiang_background_job": Job.objects.create(
                created_by=users["tongxiang"],
                kind="evaluation.simulation",
                status="done",
                result_file=b"x",
                result_filename="simulation-2012.xlsx",
            ),  # fmt: skip
        }


def _qualifications(firm) -> dict:
    """A qualification of the firm (Tongxiang) with an evidence file, and one of a Haining firm."""
    from datetime import date

    from zhuanxing.enterprises.models import Enterprise
    from zhuanxing.innovation.models import Qualification

    haining = Enterprise.objects.filter(org_unit__path__contains="/330481/").order_by("pk").first()
    made = {}
    for key, owner in (("qualification", firm), ("haining_qualification", haining)):
        made[key] = Qualification.objects.create(
            enterprise=owner, kind="high_tech_enterprise", level="national", title="高新技术企业",
            issued_on=date(2010, 1, 1), evidence_name="cert.pdf",
            evidence_type="application/pdf", evidence_content=b"%PDF-1.4",
        )  # fmt: skip
    return made


def _recommendation_lists(admin, projects):
    """A published 2012 list of projects recommended to banks, and a draft next version."""
    from zhuanxing.policy.active import policy_in_force
    from zhuanxing.support.services import (
        recommendation_build,
        recommendation_item_set,
        recommendation_publish,
    )

    policy = policy_in_force()
    built = recommendation_build(user=admin, year=2012, policy=policy)
    for item in built.items.filter(included=False):
        recommendation_item_set(user=admin, item=item, included=True, note="安全测试")
    published = recommendation_publish(user=admin, recommendation=built)
    return published, recommendation_build(user=admin, year=2012, policy=policy)


def _fund_objects(firm, haining_firm):
    """A special-fund programme with one application of the firm and one of a Haining firm."""
    from decimal import Decimal

    from zhuanxing.support.models import FundApplication, FundProgramme

    programme = FundProgramme.objects.create(
        year=2012, category="renovation", name="技改专项", budget=Decimal("100.00")
    )
    return (
        programme,
        *(
            FundApplication.objects.create(
                programme=programme, enterprise=e, project="技改项目", amount_requested=Decimal(10)
            )
            for e in (firm, haining_firm)
        ),
    )


def seed_security_projects(users) -> dict:
    """A project of the enterprise user's firm (Tongxiang) with a problem and a screening, and a
    Haining project with a problem: the project pages' objects."""
    from datetime import date
    from decimal import Decimal

    from zhuanxing.orgunits.models import OrgUnit
    from zhuanxing.projects.models import PlanEntry, Problem, Project, Screening

    firm = users["firm"].enterprise
    haining_town = OrgUnit.objects.filter(path__contains="/330481/", depth=2).order_by("pk").first()
    common = {"kind": "stock", "total_investment": Decimal(12000), "start_date": date(2011, 1, 1),
              "finish_date": date(2012, 12, 31)}  # fmt: skip
    own = Project.objects.create(
        name="安全测试自有项目", owner=firm, org_unit=firm.org_unit, **common
    )
    haining = Project.objects.create(
        name="安全测试海宁项目", investor_name="某投资方", org_unit=haining_town, **common
    )
    for project in (own, haining):
        PlanEntry.objects.create(project=project, year=2012, planned_investment=Decimal(100))
        Problem.objects.create(project=project, description="问题", department="发改委",
                               raised_on=date(2012, 1, 1), deadline=date(2012, 2, 1))  # fmt: skip
    screening = Screening.objects.create(
        project=own, name=own.name, org_unit=firm.org_unit.county_level, inputs={},
        result={"approved": True, "review_tier": "registration", "key_energy_user": False,
                "may_be_designated": False, "benchmark_year": 2011, "comprehensive_tce": 1.0,
                "checks": [], "reasons": [], "inputs": {}},
        approved=True, review_tier="registration", created_by=users["tongxiang"],
    )  # fmt: skip
    return {"project": own, "haining_project": haining, "screening": screening,
            "problem": own.problems.get(), "haining_problem": haining.problems.get()}  # fmt: skip
