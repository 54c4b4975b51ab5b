from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.csrf import requires_csrf_token

from zhuanxing.accounts import access
from zhuanxing.analytics.cockpit import cockpit_page
from zhuanxing.analytics.selectors import home_region
from zhuanxing.orgunits.models import OrgUnit, OrgUnitKind
from zhuanxing.policy.active import policy_in_force
from zhuanxing.projects.selectors import plan_progress
from zhuanxing.reporting.selectors import default_year

from .selectors import overview


@login_required
def home(request):
    """Bank users land on the lists published to banks; enterprise users on their enterprise;
    officials on the cockpit of their region (an officer without a region on the registry
    summary, which then says there is nothing)."""
    user = request.user
    if access.is_bank_user(user):
        return redirect("support:recommendations")
    if access.is_enterprise_user(user):
        if user.enterprise_id:
            return redirect("enterprises:detail", pk=user.enterprise_id)
        return render(request, "web/home.html", {"scope_name": _("no enterprise assigned")})
    if home_region(user) is None:
        return registry_overview(request)
    context = cockpit_page(user, request.GET)
    context["plan_progress"] = plan_progress(user, policy_in_force().projects)
    return render(request, "analytics/cockpit.html", context)


@login_required
def registry_overview(request):
    """Enterprise counts and above-scale totals from the registry, by county-level unit."""
    user = request.user
    access.require_official(user)
    policy = policy_in_force()
    year = default_year(user)
    if access.sees_whole_city(user):
        city = OrgUnit.objects.filter(kind=OrgUnitKind.CITY).first()
        scope_name = city.name if city else _("the whole city")
    else:
        scope_name = "、".join(u.name for u in user.org_units.all())
    context = {"scope_name": scope_name, "year": year}
    if year:
        context |= overview(user=user, year=year, policy=policy)
    return render(request, "web/home.html", context)


@requires_csrf_token
def bad_request(request, exception=None):
    """The 400 page, in the site's layout, with the reason when a parameter was refused
    (``BadParameter``); other bad requests get a generic reason, never their internals."""
    reason = getattr(exception, "reason", None) or _("The request could not be understood.")
    return render(request, "400.html", {"reason": reason}, status=400)


def locked_out(request, original_response=None, credentials=None):
    """django-axes' answer to a locked-out sign-in (429), in the site's layout."""
    minutes = settings.ZHUANXING["LOGIN_LOCKOUT_MINUTES"]
    return render(request, "registration/locked_out.html", {"minutes": minutes}, status=429)
