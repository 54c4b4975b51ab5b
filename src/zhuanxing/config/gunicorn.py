"""gunicorn's configuration: ``gunicorn -c python:zhuanxing.config.gunicorn zhuanxing.config.wsgi``.

The numbers come from the named settings (``ZHUANXING["WEB_*"]``, docs/settings.md), so the
environment variables that tune Django tune the server too. ``zhuanxing serve`` starts gunicorn
with this file and the background worker beside it; a systemd deployment runs the same command
line (docs/deployment.md).
"""

import os

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "zhuanxing.config.settings")

from django.conf import settings  # noqa: E402  (reads the settings module, no app loading)


def cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        return os.cpu_count() or 1


def default_workers() -> int:
    """One process per core: a page that computes (an uncached cockpit) holds its process's
    interpreter lock, so more processes than cores add memory, not throughput."""
    return cores()


_web = settings.ZHUANXING
bind = _web["WEB_BIND"]
workers = _web["WEB_WORKERS"] or default_workers()
# Threads answer the requests of one process concurrently and keep connections alive between
# requests (gthread): a cached page costs less than opening and closing a connection, so on
# 2 cores 2 × 32 threads served a cached cockpit to 50 readers ≈ 4× faster than 5 single-threaded
# sync workers (bench/RESULTS.md, issue 14). One thread per open connection the server
# expects at once; a thread costs little memory.
threads = max(1, _web["WEB_THREADS"])
worker_class = "gthread" if threads > 1 else "sync"
timeout = _web["WEB_TIMEOUT"]
graceful_timeout = 10
# A worker is replaced after this many requests (with jitter, so not all at once): memory that
# a long-lived process fragments is given back.
max_requests = _web["WEB_MAX_REQUESTS"]
max_requests_jitter = max(1, max_requests // 10) if max_requests else 0
# Loading the app before forking shares its memory between workers and fails start-up at once on
# a broken configuration (a bad policy file) rather than in each worker.
preload_app = True
accesslog = None  # a proxy in front logs requests; `--access-logfile -` to see them here
errorlog = "-"
loglevel = "warning"
proc_name = "zhuanxing"
