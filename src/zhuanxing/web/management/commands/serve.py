"""``zhuanxing serve``: the application server (gunicorn) and the background worker
(``zhuanxing db_worker``) side by side, stopped together.

This is what ``make demo`` runs. Ctrl-C (SIGINT) or SIGTERM stops both; if either process
ends by itself, the other is stopped too and the command exits with its status, so a demo never
runs on without its worker. A deployment runs the two as separate systemd units instead
(docs/deployment.md), with the same command lines.
"""

import signal
import subprocess
import sys
import time

from django.conf import settings
from django.core.management.base import BaseCommand

GRACE_SECONDS = 10


def server_command(bind: str | None = None) -> list[str]:
    command = [sys.executable, "-m", "gunicorn", "-c", "python:zhuanxing.config.gunicorn"]
    if bind:
        command += ["--bind", bind]
    return [*command, "zhuanxing.config.wsgi:application"]


def worker_command() -> list[str]:
    return [sys.executable, "-m", "zhuanxing.config.cli", "db_worker"]


class Command(BaseCommand):
    help = "Serve the application with gunicorn and run the background worker beside it."

    def add_arguments(self, parser):
        parser.add_argument(
            "--bind", default=None, help=f"address:port (default {settings.ZHUANXING['WEB_BIND']})"
        )
        parser.add_argument("--no-worker", action="store_true", help="the server only")
        parser.add_argument(
            "--worker-log", default=None, help="write the worker's output to this file"
        )

    def handle(self, *args, **options):
        children: dict[str, subprocess.Popen] = {}
        stopping = False

        def stop(signum, frame):
            nonlocal stopping
            stopping = True

        previous = {s: signal.signal(s, stop) for s in (signal.SIGINT, signal.SIGTERM)}
        log = None
        try:
            children["server"] = subprocess.Popen(server_command(options["bind"]))
            if not options["no_worker"]:
                if options["worker_log"]:
                    log = open(options["worker_log"], "ab")  # noqa: SIM115 (closed below)
                children["worker"] = subprocess.Popen(
                    worker_command(), stdout=log, stderr=subprocess.STDOUT if log else None
                )
            status = 0
            while not stopping:
                ended = [(n, p.poll()) for n, p in children.items() if p.poll() is not None]
                if ended:
                    name, status = ended[0]
                    self.stderr.write(f"zhuanxing serve: the {name} ended ({status}); stopping")
                    break
                time.sleep(0.2)
            _stop_all(children.values())
            if status:
                sys.exit(status)
        finally:
            _stop_all(children.values())
            for sig, handler in previous.items():
                signal.signal(sig, handler)
            if log:
                log.close()


def _stop_all(processes) -> None:
    """SIGTERM to each running child (gunicorn and the worker finish their current request or
    task), SIGKILL to any still running after the grace period."""
    running = [p for p in processes if p.poll() is None]
    for p in running:
        p.send_signal(signal.SIGTERM)
    deadline = time.monotonic() + GRACE_SECONDS
    for p in running:
        try:
            p.wait(timeout=max(0.1, deadline - time.monotonic()))
        except subprocess.TimeoutExpired:
            p.kill()
            p.wait()
