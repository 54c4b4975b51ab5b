"""Issue 11, item 9: every URL × role → the expected status (NetBox style), and another's
objects answer 404 to a county officer and an enterprise user.

A new URL that is not in ``EXPECTED`` fails ``test_every_url_is_in_the_table``: decide who may
see it and add a row. Statuses are for GET; 405 marks the POST-only views.
"""

import pytest
from django.urls import reverse
from url_walk import all_url_names

ROLES = ("anonymous", "admin", "leader", "tongxiang", "firm", "bank")

# Status per role, in the order of ROLES. A bank user reaches the lists published to banks and
# nothing else: 403 everywhere but there, the home page (a redirect there) and signing in/out.
OFFICIALS = (302, 200, 200, 200, 403, 403)  # city, county and leader pages
EVERYONE = (302, 200, 200, 200, 200, 403)  # every signed-in user (scoped inside)
POST_ONLY = (302, 405, 405, 405, 405, 403)
OWN_JOBS = (302, 200, 404, 200, 404, 403)  # the Tongxiang officer's import job (and the admin)
STARTER_ONLY = (302, 404, 404, 200, 404, 403)  # the Tongxiang officer's background job only
API_EVERYONE = (401, 200, 200, 200, 200, 403)
API_OFFICIALS = (401, 200, 200, 200, 403, 403)
CHANGERS = (302, 200, 403, 200, 403, 403)  # officials who may change data (not leaders)


def own_firm(o):
    return {"pk": o["firm"].pk}


def own_report(o):
    return {"pk": o["firm"].annual_reports.order_by("pk").first().pk}


def own_monthly(o):
    return {"pk": o["firm"].monthly_reports.order_by("pk").first().pk}


def run(o):
    return {"pk": o["run"].pk}


def tongxiang_job(o):
    return {"pk": o["tongxiang_job"].pk}


def background_job(o):
    return {"pk": o["tongxiang_background_job"].pk}


def own_project(o):
    return {"pk": o["project"].pk}


def published_list(o):
    return {"pk": o["recommendation"].pk}


def none(o):
    return {}


# name → (kwargs from the shared objects, statuses in the order of ROLES)
EXPECTED = {
    "login": (none, (200, 200, 200, 200, 200, 200)),
    "logout": (none, (405, 405, 405, 405, 405, 405)),
    "set_language": (none, (302, 302, 302, 302, 302, 302)),
    "home": (none, (302, 200, 200, 200, 302, 302)),  # the enterprise user lands on their firm
    "registry": (none, OFFICIALS),
    "policy": (none, OFFICIALS),
    "enterprises:list": (none, EVERYONE),
    "enterprises:detail": (own_firm, EVERYONE),
    "reporting:index": (none, EVERYONE),
    "reporting:template": (lambda o: {"kind": "annual", "fmt": "xlsx"}, EVERYONE),
    "reporting:upload": (none, POST_ONLY),
    "reporting:job": (tongxiang_job, OWN_JOBS),
    "reporting:job_progress": (tongxiang_job, OWN_JOBS),
    "reporting:job_commit": (tongxiang_job, POST_ONLY),
    "reporting:job_retry": (tongxiang_job, POST_ONLY),
    "reporting:job_report": (tongxiang_job, OWN_JOBS),
    "jobs:job": (background_job, STARTER_ONLY),
    "jobs:progress": (background_job, STARTER_ONLY),
    "jobs:download": (background_job, STARTER_ONLY),
    "reporting:entry": (lambda o: {"enterprise": o["firm"].pk, "period": "2012"}, EVERYONE),
    "reporting:entry_check": (
        lambda o: {"enterprise": o["firm"].pk, "period": "2012"},
        POST_ONLY,
    ),
    "reporting:review": (none, EVERYONE),  # an enterprise user's queue is empty
    "reporting:review_action": (lambda o: {"kind": "annual", "pk": 1}, POST_ONLY),
    "reporting:review_selected": (lambda o: {"kind": "annual"}, POST_ONLY),
    "reporting:submit": (lambda o: {"kind": "annual", "pk": 1}, POST_ONLY),
    "reporting:locks": (none, EVERYONE),
    "analytics:cockpit": (none, OFFICIALS),
    "analytics:explorer": (none, OFFICIALS),
    "analytics:export": (none, OFFICIALS),
    "analytics:indicators": (none, OFFICIALS),
    "evaluation:runs": (none, OFFICIALS),
    "evaluation:run": (run, OFFICIALS),
    "evaluation:publish": (run, POST_ONLY),
    "evaluation:delete": (run, POST_ONLY),
    "evaluation:results": (run, OFFICIALS),
    "evaluation:enterprise": (own_firm, EVERYONE),
    "evaluation:backward": (none, OFFICIALS),
    "evaluation:backward_status": (lambda o: {"pk": 1}, POST_ONLY),
    "evaluation:clean_production": (none, OFFICIALS),
    "evaluation:simulate": (none, OFFICIALS),
    "assessment:index": (none, OFFICIALS),
    "assessment:targets": (none, OFFICIALS),
    "assessment:template": (none, OFFICIALS),
    "monitoring:index": (none, OFFICIALS),
    "monitoring:warnings": (none, OFFICIALS),
    "monitoring:report": (lambda o: {"kind": "xlsx"}, OFFICIALS),
    "monitoring:summary": (none, OFFICIALS),
    "support:tax": (none, OFFICIALS),
    # The firm's own page; 404 to officials.
    "support:my_tax": (none, (302, 404, 404, 404, 302, 403)),
    "support:enterprise_tax": (own_firm, EVERYONE),
    "support:funds": (none, EVERYONE),
    "support:financing": (none, OFFICIALS),
    "support:recommendations": (none, (302, 200, 200, 200, 403, 200)),
    "support:recommendation": (published_list, (302, 200, 200, 200, 403, 200)),
    "support:programme": (lambda o: {"pk": o["programme"].pk}, EVERYONE),
    "support:application": (lambda o: {"pk": o["firm_application"].pk}, EVERYONE),
    "projects:list": (none, EVERYONE),
    "projects:create": (none, CHANGERS),
    "projects:import": (none, POST_ONLY),
    "projects:detail": (own_project, EVERYONE),
    "projects:edit": (own_project, (302, 200, 404, 200, 403, 403)),
    "projects:plan_entry": (own_project, POST_ONLY),
    "projects:progress": (own_project, POST_ONLY),
    "projects:problem_add": (own_project, POST_ONLY),
    "projects:problem_resolve": (lambda o: {"pk": o["problem"].pk}, POST_ONLY),
    "projects:plan": (none, OFFICIALS),
    "projects:plan_build": (none, POST_ONLY),
    "projects:progress_template": (none, OFFICIALS),
    "projects:progress_import": (none, POST_ONLY),
    "projects:problems": (none, OFFICIALS),
    "projects:attraction": (none, OFFICIALS),
    "projects:screen": (none, CHANGERS),
    "projects:screening": (lambda o: {"pk": o["screening"].pk}, EVERYONE),
    "projects:screening_docx": (lambda o: {"pk": o["screening"].pk}, EVERYONE),
    "innovation:qualifications": (none, EVERYONE),
    "innovation:qualification_create": (none, CHANGERS),
    "innovation:counts": (none, OFFICIALS),
    "innovation:qualification": (lambda o: {"pk": o["qualification"].pk}, EVERYONE),
    # officials who change, in scope: the leader finds nothing to change (404), the firm its own
    # record but may not change it (403)
    "innovation:qualification_edit": (
        lambda o: {"pk": o["qualification"].pk},
        (302, 200, 404, 200, 403, 403),
    ),
    "innovation:qualification_evidence": (lambda o: {"pk": o["qualification"].pk}, EVERYONE),
    "innovation:demonstration": (none, EVERYONE),
    "innovation:demonstration_select": (none, POST_ONLY),
    "innovation:demonstration_publish": (none, POST_ONLY),
    # Region analytics: officials (scoped inside); the enterprise clerk gets none.
    "clusters:identification": (none, OFFICIALS),
    "clusters:paths": (none, OFFICIALS),
    "clusters:export": (none, OFFICIALS),
    # The JSON API: 401 without a token or session; the schema and its docs are public.
    "api:api-root": (none, (404, 404, 404, 404, 404, 403)),
    "api:openapi-json": (none, (200, 200, 200, 200, 200, 403)),
    "api:openapi-view": (none, (200, 200, 200, 200, 200, 403)),
    "api:enterprise_list": (none, API_EVERYONE),
    "api:enterprise_detail": (own_firm, API_EVERYONE),
    "api:annual_report_list": (none, API_EVERYONE),
    "api:annual_report_submit": (none, API_EVERYONE),  # GET on its URL is the list
    "api:annual_report_detail": (own_report, API_EVERYONE),
    "api:monthly_report_list": (none, API_EVERYONE),
    "api:monthly_report_submit": (none, API_EVERYONE),  # GET on its URL is the list
    "api:monthly_report_detail": (own_monthly, API_EVERYONE),
    "api:indicator_list": (none, API_OFFICIALS),
    "api:evaluation_list": (none, API_EVERYONE),
    "api:evaluation_results": (run, (401, 200, 200, 200, 404, 403)),  # a draft: not the firm's
    "api:warning_list": (none, API_OFFICIALS),
    "api_tokens": (none, EVERYONE),
    "audit:log": (none, (302, 200, 403, 403, 403, 403)),  # the city administrator only
    "api_token_revoke": (lambda o: {"pk": 1}, POST_ONLY),
}


def test_every_url_is_in_the_table():
    names = set(all_url_names())
    assert sorted(names - set(EXPECTED)) == [], "new URLs: add them to EXPECTED"
    assert sorted(set(EXPECTED) - names) == [], "URLs gone: remove them from EXPECTED"


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_url_answers_each_role_as_expected(client, city_users, shared_objects, name):
    kwargs, statuses = EXPECTED[name]
    url = reverse(name, kwargs=kwargs(shared_objects))
    got = {}
    for role in ROLES:
        client.logout()
        if role != "anonymous":
            client.force_login(city_users[role])
        got[role] = client.get(url).status_code
    assert got == dict(zip(ROLES, statuses, strict=True))


# Object pages naming another county's firm or another officer's import job.
FOREIGN_GETS = {
    "innovation:qualification": lambda o: {"pk": o["haining_qualification"].pk},
    "innovation:qualification_edit": lambda o: {"pk": o["haining_qualification"].pk},
    "innovation:qualification_evidence": lambda o: {"pk": o["haining_qualification"].pk},
    "enterprises:detail": lambda o: {"pk": o["haining_firm"].pk},
    "evaluation:enterprise": lambda o: {"pk": o["haining_firm"].pk},
    "support:enterprise_tax": lambda o: {"pk": o["haining_firm"].pk},
    "support:application": lambda o: {"pk": o["haining_application"].pk},
    "reporting:entry": lambda o: {"enterprise": o["haining_firm"].pk, "period": "2012"},
    "reporting:job": lambda o: {"pk": o["haining_job"].pk},
    "reporting:job_progress": lambda o: {"pk": o["haining_job"].pk},
    "reporting:job_report": lambda o: {"pk": o["haining_job"].pk},
    "api:enterprise_detail": lambda o: {"pk": o["haining_firm"].pk},
    "projects:detail": lambda o: {"pk": o["haining_project"].pk},
    "api:annual_report_detail": lambda o: {"pk": o["haining_report"].pk},
    "api:monthly_report_detail": lambda o: {
        "pk": o["haining_report"].enterprise.monthly_reports.order_by("pk").first().pk
    },
}
FOREIGN_POSTS = {
    "innovation:qualification_edit": lambda o: {"pk": o["haining_qualification"].pk},
    "reporting:entry": lambda o: {"enterprise": o["haining_firm"].pk, "period": "2012"},
    "reporting:entry_check": lambda o: {"enterprise": o["haining_firm"].pk, "period": "2012"},
    "reporting:job_commit": lambda o: {"pk": o["haining_job"].pk},
    "reporting:job_retry": lambda o: {"pk": o["haining_job"].pk},
    "reporting:review_action": lambda o: {"kind": "annual", "pk": o["haining_report"].pk},
    "reporting:submit": lambda o: {"kind": "annual", "pk": o["haining_report"].pk},
    "support:application": lambda o: {"pk": o["haining_application"].pk},
    "projects:progress": lambda o: {"pk": o["haining_project"].pk},
    "projects:plan_entry": lambda o: {"pk": o["haining_project"].pk},
    "projects:problem_add": lambda o: {"pk": o["haining_project"].pk},
    "projects:problem_resolve": lambda o: {"pk": o["haining_problem"].pk},
    "projects:edit": lambda o: {"pk": o["haining_project"].pk},
}


@pytest.mark.parametrize("role", ["tongxiang", "firm"])
@pytest.mark.parametrize("name", sorted(FOREIGN_GETS))
def test_another_scopes_object_is_not_found(client, city_users, shared_objects, role, name):
    client.force_login(city_users[role])
    url = reverse(name, kwargs=FOREIGN_GETS[name](shared_objects))
    assert client.get(url).status_code == 404


@pytest.mark.parametrize("role", ["tongxiang", "firm"])
@pytest.mark.parametrize("name", sorted(FOREIGN_POSTS))
def test_another_scopes_object_cannot_be_changed(client, city_users, shared_objects, role, name):
    from zhuanxing.reporting.models import AnnualReport

    before = AnnualReport.objects.get(pk=shared_objects["haining_report"].pk).status
    client.force_login(city_users[role])
    url = reverse(name, kwargs=FOREIGN_POSTS[name](shared_objects))
    assert client.post(url, {"action": "approve", "reason": "x"}).status_code == 404
    assert AnnualReport.objects.get(pk=shared_objects["haining_report"].pk).status == before


# What a bank user may open; every other URL, GET or POST, is refused before its view runs.
BANK_OPEN = {"login", "logout", "set_language", "home", "support:recommendations",
             "support:recommendation"}  # fmt: skip


@pytest.mark.parametrize("name", sorted(set(EXPECTED) - BANK_OPEN))
def test_bank_user_cannot_post_anywhere_else(client, city_users, shared_objects, name):
    kwargs, _ = EXPECTED[name]
    client.force_login(city_users["bank"])
    url = reverse(name, kwargs=kwargs(shared_objects))
    assert client.post(url, {"action": "approve", "year": "2012"}).status_code == 403


def test_bank_user_gets_404_for_a_draft_list(client, city_users, shared_objects):
    from zhuanxing.support.models import ListStatus

    client.force_login(city_users["bank"])
    draft = shared_objects["recommendation_draft"]
    url = reverse("support:recommendation", kwargs={"pk": draft.pk})
    assert client.get(url).status_code == 404
    assert client.post(url, {"action": "publish", "confirm": "on"}).status_code == 404
    draft.refresh_from_db()
    assert draft.status == ListStatus.DRAFT
