"""Settings of the production server the browser tests drive (tests/browser/conftest.py): the
application's own settings with the session's test database and the tests' fast password hash
(the demo users are written by the test process with it)."""

import json
import os

from zhuanxing.config.settings import *  # noqa: F403

DATABASES = {"default": json.loads(os.environ["ZHUANXING_TEST_DATABASE"])}
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
