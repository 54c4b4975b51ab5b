"""What every response shares.

``SecurityHeadersMiddleware`` — headers every page, export and JSON answer carries:

* ``Content-Security-Policy`` from ``settings.CONTENT_SECURITY_POLICY``: only the site's own
  scripts, styles and images (ECharts and htmx are served from our static files; templates have
  no inline script, event handler or style attribute).
* ``Cache-Control: no-store`` (with ``private``): the pages hold confidential enterprise figures,
  which must not stay in a shared proxy or the browser's disk cache. Static files are answered by
  WhiteNoise before this middleware and keep their long cache lifetimes.

``UserErrorMiddleware`` — every view handles a refused request alike: a ``UserError`` (a refused
parameter, ``core.params.BadParameter``, is one) that no view caught becomes the 400 page in the
site's layout, with the reason; never a 500.
"""

from django.conf import settings
from django.shortcuts import render
from django.utils.cache import add_never_cache_headers

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
