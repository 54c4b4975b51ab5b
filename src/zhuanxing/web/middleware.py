"""Every view handles a refused request alike: a ``UserError`` that no view caught becomes a
400 page in the site's layout, with the reason (never a 500)."""

from django.shortcuts import render

from zhuanxing.core.errors import UserError


class UserErrorMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, UserError):
            return render(
                request, "web/error.html", {"reason": str(exception)}, status=exception.status
            )
        return None
