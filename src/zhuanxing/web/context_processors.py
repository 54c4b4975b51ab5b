from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from zhuanxing.accounts import access
from zhuanxing.policy.active import policy_in_force

from .navigation import MENU


def navigation(request):
    """The main menu for the user's role, and the policy in force (shown in the footer)."""
    policy = policy_in_force()
    items = []
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        if access.is_enterprise_user(user) and user.enterprise_id:
            # The clerk's own menu: their firm, filing (forms and imports), their results.
            firm = user.enterprise_id
            items += [
                (_("My enterprise"), reverse("enterprises:detail", args=[firm])),
                (_("Data reporting"), reverse("reporting:index")),
                (_("Evaluation results"), reverse("evaluation:enterprise", args=[firm])),
            ]
        items += [(label, reverse(name)) for label, name, who in MENU if who(user)]
    path = request.path
    nav = [
        {"label": label, "url": url, "active": path == url or (url != "/" and path.startswith(url))}
        for label, url in items
    ]
    return {
        "nav_items": nav,
        "active_policy_name": (
            policy.info.name_en if (get_language() or "").startswith("en") else policy.info.name
        ),
        "may": access.template_access(user),
    }
