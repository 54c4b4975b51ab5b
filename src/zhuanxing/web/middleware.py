"""What every response shares.

``SecurityHeadersMiddleware`` — headers every page, export and JSON answer carries:

* ``Content-Security-Policy`` from ``settings.CONTENT_SECURITY_POLICY``: only the site's own
  scripts, styles and images (ECharts and htmx are served from our static files; templates have
  no inline script, event handler or style attribute).
* ``Cache-Control: no-store`` (with ``private``): the pages hold confidential enterprise figures,
  which must not stay in a shared proxy or the browser's disk cache. Static files are answered by
  WhiteNoise before this middleware and keep their long cache lifetimes.

``BankUserMiddleware`` — a bank user reaches the lists published to banks and nothing else:
every other page, export, API call and the administration site answers 403 before its view
runs (the views refuse them too; this is the second lock). ``BANK_PAGES`` names what is open.

``UserErrorMiddleware`` — every view handles a refused request alike: a ``UserError`` (a refused
parameter, ``core.params.BadParameter``, is one) that no view caught becomes the 400 page in the
site's layout, with the reason; never a 500.
"""

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.shortcuts import render
from django.utils.cache import add_never_cache_headers

from zhuanxing.accounts import access
from zhuanxing.core.errors import UserError


class SecurityHeadersMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        policy = settings.CONTENT_SECURITY_POLICY
        if policy and "Content-Security-Policy" not in response:
            response["Content-Security-Policy"] = policy
        add_never_cache_headers(response)
        return response


class UserErrorMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, UserError):
            return render(
                request, "400.html", {"reason": exception.reason}, status=exception.status
            )
        return None


# The URL names a bank user may open: the published lists (and their export), the home page
# (which sends them there), signing out, the language switch and the sign-in page.
BANK_PAGES = frozenset(
    {
        "support:recommendations",
        "support:recommendation",
        "home",
        "login",
        "logout",
        "set_language",
    }
)


class BankUserMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if not access.is_bank_user(getattr(request, "user", None)):
            return None
        match = request.resolver_match
        if match is None or match.view_name not in BANK_PAGES:
            raise PermissionDenied
        return None
