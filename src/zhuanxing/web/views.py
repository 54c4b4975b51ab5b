from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.csrf import requires_csrf_token

from zhuanxing.analytics.selectors import home_region
from zhuanxing.analytics.views import cockpit_response
from zhuanxing.enterprises.selectors import latest_report_year
from zhuanxing.orgunits.models import OrgUnit, OrgUnitKind
from zhuanxing.policy.active import policy_in_force

from .selectors import overview


@login_required
def home(request):
    """Enterprise users land on their enterprise; officials on the cockpit of their region
    (an officer without a region on the registry summary, which then says there is nothing)."""
    user = request.user
    if user.is_enterprise_user:
        if user.enterprise_id:
            return redirect("enterprises:detail", pk=user.enterprise_id)
        return render(request, "web/home.html", {"scope_name": _("no enterprise assigned")})
    if home_region(user) is None:
        return registry_overview(request)
    return cockpit_response(request)


@login_required
def registry_overview(request):
    """Enterprise counts and above-scale totals from the registry, by county-level unit."""
    user = request.user
    if user.is_enterprise_user:
        raise PermissionDenied(_("This page is for officials."))
    policy = policy_in_force()
    year = latest_report_year(user)
    if user.sees_whole_city:
        city = OrgUnit.objects.filter(kind=OrgUnitKind.CITY).first()
        scope_name = city.name if city else _("the whole city")
    else:
        scope_name = "、".join(u.name for u in user.org_units.all())
    context = {"scope_name": scope_name, "year": year}
    if year:
        context |= overview(user=user, year=year, threshold=policy.above_scale_threshold(year))
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
