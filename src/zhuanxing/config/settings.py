"""Django settings for Zhuanxing.

Everything that differs between a laptop demo and a deployment comes from the environment:
``DATABASE_URL`` (SQLite under ``var/`` by default), ``ZHUANXING_SECRET_KEY``, ``ZHUANXING_DEBUG``,
``ZHUANXING_ALLOWED_HOSTS`` and ``ZHUANXING_POLICY`` (the policy file in force).
"""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

PACKAGE_DIR = Path(__file__).resolve().parent.parent
BASE_DIR = PACKAGE_DIR.parent.parent  # the repository root (src/zhuanxing/config → ../../..)
VAR_DIR = Path(os.environ.get("ZHUANXING_VAR_DIR", BASE_DIR / "var"))


def _local_secret_key(path: Path) -> str:
    """The demo's key: random, generated once into ``var/`` (readable by its owner only), so no
    two installations share a key and no key is written in the code. Production settings
    (``zhuanxing.config.production``) take the key from the environment instead."""
    try:
        return path.read_text(encoding="ascii").strip()
    except FileNotFoundError:
        pass
    import secrets

    path.parent.mkdir(parents=True, exist_ok=True)
    key = secrets.token_urlsafe(64)
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:  # another process wrote it first: use theirs
        return path.read_text(encoding="ascii").strip()
    with os.fdopen(fd, "w", encoding="ascii") as f:
        f.write(key)
    return key


SECRET_KEY = os.environ.get("ZHUANXING_SECRET_KEY") or _local_secret_key(VAR_DIR / "secret_key")
DEBUG = os.environ.get("ZHUANXING_DEBUG", "0") == "1"
ALLOWED_HOSTS = os.environ.get("ZHUANXING_ALLOWED_HOSTS", "127.0.0.1,localhost,testserver").split(
    ","
)

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "simple_history",
    "axes",
    "ninja",  # its Swagger UI templates and static files: /api/docs needs no CDN
    "django_tasks",
    "django_tasks_db",
    "zhuanxing.policy.apps.PolicyConfig",
    "zhuanxing.accounts",
    "zhuanxing.audit",
    "zhuanxing.jobs",
    "zhuanxing.orgunits",
    "zhuanxing.enterprises",
    "zhuanxing.reporting",
    "zhuanxing.analytics",
    "zhuanxing.evaluation",
    "zhuanxing.assessment",
    "zhuanxing.monitoring",
    "zhuanxing.support",
    "zhuanxing.projects",
    "zhuanxing.innovation",
    "zhuanxing.clusters",
    "zhuanxing.web",
    "zhuanxing.api",
    "zhuanxing.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "zhuanxing.web.middleware.SecurityHeadersMiddleware",
    "zhuanxing.web.middleware.BankUserMiddleware",
    "zhuanxing.audit.middleware.ExportAuditMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "zhuanxing.web.middleware.UserErrorMiddleware",
    # Last, as django-axes requires: turns a locked-out sign-in into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "zhuanxing.config.urls"
WSGI_APPLICATION = "zhuanxing.config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "zhuanxing.web.context_processors.navigation",
            ],
        },
    },
]

if "DATABASE_URL" not in os.environ:
    VAR_DIR.mkdir(parents=True, exist_ok=True)  # the default SQLite file lives here
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{VAR_DIR / 'zhuanxing.sqlite3'}"),
        conn_max_age=60,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets the web server read while the generator or an import writes.
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }
    # Kept open between requests like PostgreSQL's: opening a SQLite file and running the
    # pragmas above cost more than the query a cached page makes (bench/RESULTS.md, issue 14).

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

# django-axes first: it refuses a sign-in for a locked-out account or address before the
# password is even hashed (each hash costs real CPU time).
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
# Argon2 for new and changed passwords (memory-hard); older PBKDF2 hashes still verify and are
# upgraded at the next sign-in.
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]

LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", _("Simplified Chinese")), ("en", _("English"))]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
FORMAT_MODULE_PATH = ["zhuanxing.config.formats"]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = VAR_DIR / "static"
# Front-end libraries come from npm at set-up (package.json) and are served locally: government
# intranets are offline, so no CDN.
NODE_MODULES = BASE_DIR / "node_modules"
STATICFILES_DIRS = [
    ("vendor/echarts", NODE_MODULES / "echarts" / "dist"),
    ("vendor/htmx", NODE_MODULES / "htmx.org" / "dist"),
]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}
# Tests and the demo server find static files in the apps without collectstatic.
WHITENOISE_USE_FINDERS = True

SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
# A session lasts a working day at most and ends when the browser closes.
SESSION_COOKIE_AGE = 8 * 60 * 60
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_SAMESITE = "Lax"
# Only the site's own files: ECharts and htmx are local static files, and the templates carry no
# inline script, event handler or style attribute (zhuanxing.web.middleware sets the header).
CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
)

# Background jobs (long imports, analytics builds): a database-backed queue, run by
# `zhuanxing db_worker`. Tests and one-off CLI runs can use the immediate backend.
TASKS = {
    "default": {
        "BACKEND": os.environ.get("ZHUANXING_TASKS_BACKEND", "django_tasks_db.DatabaseBackend"),
        "QUEUES": ["default"],
    }
}

# Named limits (Datasette style): each is documented in docs/settings.md, and a test checks that.
ZHUANXING = {
    "PAGE_SIZE": int(os.environ.get("ZHUANXING_PAGE_SIZE", "50")),
    "POLICY_PATH": os.environ.get(
        "ZHUANXING_POLICY", str(BASE_DIR / "policies" / "jiaxing-2009.toml")
    ),
    "DEMO_SEED": int(os.environ.get("ZHUANXING_DEMO_SEED", "20090820")),
    "IMPORT_MAX_BYTES": int(os.environ.get("ZHUANXING_IMPORT_MAX_BYTES", str(20 * 1024 * 1024))),
    "IMPORT_MAX_PROBLEMS": int(os.environ.get("ZHUANXING_IMPORT_MAX_PROBLEMS", "10000")),
    "IMPORT_MAX_ROWS": int(os.environ.get("ZHUANXING_IMPORT_MAX_ROWS", "100000")),
    "IMPORT_MAX_COLUMNS": int(os.environ.get("ZHUANXING_IMPORT_MAX_COLUMNS", "64")),
    "IMPORT_MAX_CELL_CHARS": int(os.environ.get("ZHUANXING_IMPORT_MAX_CELL_CHARS", "32767")),
    "IMPORT_MAX_EXPANDED_BYTES": int(
        os.environ.get("ZHUANXING_IMPORT_MAX_EXPANDED_BYTES", str(128 * 1024 * 1024))
    ),
    "IMPORT_MAX_ZIP_RATIO": int(os.environ.get("ZHUANXING_IMPORT_MAX_ZIP_RATIO", "100")),
    "IMPORT_PARSE_MEMORY_BYTES": int(
        os.environ.get("ZHUANXING_IMPORT_PARSE_MEMORY_BYTES", str(1024 * 1024 * 1024))
    ),
    "IMPORT_PARSE_TIMEOUT": int(os.environ.get("ZHUANXING_IMPORT_PARSE_TIMEOUT", "120")),
    "IMPORT_JOB_LEASE_SECONDS": int(os.environ.get("ZHUANXING_IMPORT_JOB_LEASE_SECONDS", "300")),
    "ANALYTICS_PATH": os.environ.get(
        "ZHUANXING_ANALYTICS_PATH", str(VAR_DIR / "analytics" / "store.duckdb")
    ),
    "ANALYTICS_STATUSES": os.environ.get("ZHUANXING_ANALYTICS_STATUSES", "approved,locked"),
    "ANALYTICS_REFRESH_MAX_ENTERPRISES": int(
        os.environ.get("ZHUANXING_ANALYTICS_REFRESH_MAX_ENTERPRISES", "5000")
    ),
    "EXPORT_ROW_CAP": int(os.environ.get("ZHUANXING_EXPORT_ROW_CAP", "20000")),
    # `zhuanxing clusters relatedness --input FILE.csv`: the file's size and data rows, and
    # regions × industries of the table computed (docs/clusters.md).
    "CLUSTERS_INPUT_MAX_BYTES": int(
        os.environ.get("ZHUANXING_CLUSTERS_INPUT_MAX_BYTES", str(20 * 1024 * 1024))
    ),
    "CLUSTERS_INPUT_MAX_ROWS": int(os.environ.get("ZHUANXING_CLUSTERS_INPUT_MAX_ROWS", "200000")),
    "CLUSTERS_MAX_CELLS": int(os.environ.get("ZHUANXING_CLUSTERS_MAX_CELLS", "1000000")),
    "STORE_CACHE_SECONDS": int(os.environ.get("ZHUANXING_STORE_CACHE_SECONDS", "86400")),
    "REVIEW_QUEUE_CAP": int(os.environ.get("ZHUANXING_REVIEW_QUEUE_CAP", "200")),
    "RECENT_LIST_CAP": int(os.environ.get("ZHUANXING_RECENT_LIST_CAP", "20")),
    "HISTORY_LIST_CAP": int(os.environ.get("ZHUANXING_HISTORY_LIST_CAP", "50")),
    "TREND_MONTHS": int(os.environ.get("ZHUANXING_TREND_MONTHS", "24")),
    "ANALYSIS_TOP_FIRMS": int(os.environ.get("ZHUANXING_ANALYSIS_TOP_FIRMS", "10")),
    "MAX_PERIODS": int(os.environ.get("ZHUANXING_MAX_PERIODS", "120")),
    "QUERY_ROW_CAP": int(os.environ.get("ZHUANXING_QUERY_ROW_CAP", "50000")),
    "API_MAX_PAGE_SIZE": int(os.environ.get("ZHUANXING_API_MAX_PAGE_SIZE", "200")),
    "API_TOKEN_MAX_DAYS": int(os.environ.get("ZHUANXING_API_TOKEN_MAX_DAYS", "365")),
    "LOGIN_FAILURE_LIMIT": int(os.environ.get("ZHUANXING_LOGIN_FAILURE_LIMIT", "5")),
    "LOGIN_LOCKOUT_MINUTES": int(os.environ.get("ZHUANXING_LOGIN_LOCKOUT_MINUTES", "30")),
    "TAX_TOP_FIRMS": int(os.environ.get("ZHUANXING_TAX_TOP_FIRMS", "20")),
    "EVIDENCE_MAX_BYTES": int(os.environ.get("ZHUANXING_EVIDENCE_MAX_BYTES", str(5 * 1024 * 1024))),
    "CHART_TOP": int(os.environ.get("ZHUANXING_CHART_TOP", "20")),
    "CANDIDATES_SHOWN": int(os.environ.get("ZHUANXING_CANDIDATES_SHOWN", "200")),
    # The application server (gunicorn, `zhuanxing serve` and config/gunicorn.py).
    "WEB_BIND": os.environ.get("ZHUANXING_WEB_BIND", "127.0.0.1:8000"),
    "WEB_WORKERS": int(os.environ.get("ZHUANXING_WEB_WORKERS", "0")),  # 0: one per core
    "WEB_THREADS": int(os.environ.get("ZHUANXING_WEB_THREADS", "32")),
    "WEB_TIMEOUT": int(os.environ.get("ZHUANXING_WEB_TIMEOUT", "60")),
    "WEB_MAX_REQUESTS": int(os.environ.get("ZHUANXING_WEB_MAX_REQUESTS", "5000")),
    # Cached analytics results (cockpit, indicator records), keyed by the store's build id.
    "ANALYTICS_CACHE_SECONDS": int(os.environ.get("ZHUANXING_ANALYTICS_CACHE_SECONDS", "86400")),
}

# Sign-in throttling (django-axes): after LOGIN_FAILURE_LIMIT failures an account, and separately
# an address, is locked for LOGIN_LOCKOUT_MINUTES; the city administrator unlocks earlier in
# the admin (Axes › access attempts) or with `zhuanxing axes_reset_username NAME`.
AXES_FAILURE_LIMIT = ZHUANXING["LOGIN_FAILURE_LIMIT"]
AXES_COOLOFF_TIME = timedelta(minutes=ZHUANXING["LOGIN_LOCKOUT_MINUTES"])
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "zhuanxing.web.views.locked_out"
AXES_VERBOSE = False

# Computed analytics results are cached per scope and parameters and keyed by the store's build
# id (zhuanxing.analytics.cache), so a rebuild makes every old entry unreachable. The default is
# each process's own memory; the processes of one server can share a file cache
# (ZHUANXING_CACHE_URL="file:///var/cache/zhuanxing"); see docs/deployment.md for several servers.
_CACHE_URL = os.environ.get("ZHUANXING_CACHE_URL", "")
if _CACHE_URL == "dummy:":  # no caching at all (bench/load.py's uncached baseline)
    _CACHE = {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}
elif _CACHE_URL.startswith("file://"):
    _CACHE = {
        "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
        "LOCATION": _CACHE_URL.removeprefix("file://"),
    }
else:
    _CACHE = {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "zhuanxing",
        "OPTIONS": {"MAX_ENTRIES": 2000},
    }
# Sessions are read from a cache shared by every worker of the server (written through to the
# database, Django's cached_db engine): no query per request, and a sign-out or an expired
# session is gone for all workers at once. Never a per-process memory cache: another worker
# would still accept a session signed out elsewhere. A file cache under VAR_DIR by default
# (the directory of ZHUANXING_CACHE_URL=file://… when set); several servers: a shared cache
# (docs/deployment.md). With the dummy cache (bench/load.py's baseline) every request reads
# the session from the database, as the db engine does.
if _CACHE_URL == "dummy:":
    _SESSIONS = {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}
else:
    _SESSIONS = {
        "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
        "LOCATION": str(
            Path(_CACHE_URL.removeprefix("file://")) / "sessions"
            if _CACHE_URL.startswith("file://")
            else VAR_DIR / "cache" / "sessions"
        ),
        "OPTIONS": {"MAX_ENTRIES": 20000},
    }
CACHES = {
    "default": {**_CACHE, "TIMEOUT": ZHUANXING["ANALYTICS_CACHE_SECONDS"]},
    "sessions": _SESSIONS,
}
SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
SESSION_CACHE_ALIAS = "sessions"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
}
