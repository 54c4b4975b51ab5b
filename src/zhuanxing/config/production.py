"""Production settings: ``DJANGO_SETTINGS_MODULE=zhuanxing.config.production``.

Everything of ``settings`` plus HTTPS only (redirect, HSTS, Secure cookies) and no debug. Start-up
is refused without ``ZHUANXING_SECRET_KEY`` in the environment: a key generated on one machine or
written in the code would let anyone who has seen it forge sessions and signed cookies.
``zhuanxing check --deploy`` reports nothing with these settings (tests/config/test_production.py).
"""

import os

from django.core.exceptions import ImproperlyConfigured

# Checked before the base settings load, so they never fall back to generating a local key.
if len(os.environ.get("ZHUANXING_SECRET_KEY", "")) < 50:
    raise ImproperlyConfigured(
        "Set ZHUANXING_SECRET_KEY to a random string of 50 characters or more, e.g. the output of "
        "python3 -c 'import secrets; print(secrets.token_urlsafe(64))'"
    )

from .settings import *  # noqa: E402, F403

DEBUG = False
SECURE_SSL_REDIRECT = True
SECURE_HSTS_SECONDS = 365 * 24 * 60 * 60
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
LANGUAGE_COOKIE_SECURE = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
# Behind a TLS-terminating proxy, set ZHUANXING_BEHIND_PROXY=1 so the proxy's
# X-Forwarded-Proto header tells Django the request was HTTPS (only if the proxy sets it).
if os.environ.get("ZHUANXING_BEHIND_PROXY") == "1":
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
