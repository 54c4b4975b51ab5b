"""Load test: the production server (gunicorn) under 50 concurrent readers, closed loop.

    .venv/bin/python bench/load.py                 # the demo database in var/ (make demo first)
    .venv/bin/python bench/load.py --seconds 10 --connections 50 --workers 5

Starts gunicorn twice on a free loopback port with the command line ``zhuanxing serve`` uses,
on the demo database: first with the cache switched off (``ZHUANXING_CACHE_URL=dummy:``, the
baseline), then with the default cache. For each server it signs in as the leader and as a
county officer (the demo users, a real POST to /login/) and drives ``--connections`` concurrent
connections, closed loop (each sends its next request when the last one has been answered), at
each page in turn: the cockpit, the indicators API and the monthly monitoring page. Half the
connections carry the leader's session, half the officer's. It prints, per server and page,
requests, errors (non-200 answers, timeouts, resets), throughput, p50/p95/p99 latency, the
load average of the machine before and after (a run on a shared machine says so), and the
server's CPU time per request (gunicorn's processes, from /proc): 2 cores ÷ that figure is the
throughput the pages could reach on an otherwise idle 2-core machine.

Bounded and loopback only: each page runs at most ``--seconds`` and ``--requests``; every
request has a timeout; the servers are stopped at the end (also on Ctrl-C or an error). The
client is one asyncio process (one connection per request: gunicorn's sync workers close each
connection after its answer), so its own CPU use is printed too: it shares the 2 cores.
"""

import argparse
import asyncio
import http.cookiejar
import os
import re
import resource
import socket
import statistics
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

PAGES = {
    "cockpit": "/analytics/cockpit/",
    "indicators API": "/api/indicators/",
    "monitoring": "/monitoring/",
}
USERS = ("leader", "tongxiang")  # the demo leader and Tongxiang's county officer
PASSWORD = "zhuanxing2009"
REQUEST_TIMEOUT = 30.0


def cpu_seconds(root: int) -> float:
    """User + system CPU time of ``root`` and its children (gunicorn's master and workers),
    from /proc: the server's own cost per request, whatever else loads the machine."""
    tick = os.sysconf("SC_CLK_TCK")
    total = 0.0
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as f:
                fields = f.read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        pid, ppid = int(entry), int(fields[1])
        if pid == root or ppid == root:
            total += (int(fields[11]) + int(fields[12])) / tick
    return total


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    """gunicorn on a free loopback port; ``cache`` False switches Django's cache off."""

    def __init__(
        self, *, cache: bool, workers: int | None, threads: int | None, src: str | None = None
    ) -> None:
        from zhuanxing.web.management.commands.serve import server_command

        self.port = free_port()
        # No worker recycling during the run: a replaced worker's CPU time would be lost.
        env = {
            **os.environ,
            "ZHUANXING_CACHE_URL": "" if cache else "dummy:",
            "ZHUANXING_WEB_MAX_REQUESTS": "0",
        }
        if workers:
            env["ZHUANXING_WEB_WORKERS"] = str(workers)
        if threads:
            env["ZHUANXING_WEB_THREADS"] = str(threads)
        if src:  # another version of the code (the baseline): its package first on the path
            env["PYTHONPATH"] = os.pathsep.join(filter(None, [src, env.get("PYTHONPATH")]))
        self.process = subprocess.Popen(
            server_command(f"127.0.0.1:{self.port}"), env=env, cwd=ROOT, stdout=subprocess.DEVNULL
        )
        self.url = f"http://127.0.0.1:{self.port}"
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise SystemExit("gunicorn ended at start-up (is the demo database there?)")
            try:
                urllib.request.urlopen(f"{self.url}/login/", timeout=5).close()
                return
            except OSError:
                time.sleep(0.3)
        self.stop()
        raise SystemExit("gunicorn did not answer within 120 s")

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


def sign_in(url: str, username: str) -> str:
    """A session cookie for ``username``: the login form, its CSRF token, a POST."""
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    form = opener.open(f"{url}/login/", timeout=REQUEST_TIMEOUT).read().decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form).group(1)
    body = urllib.parse.urlencode(
        {"username": username, "password": PASSWORD, "csrfmiddlewaretoken": token}
    ).encode()
    request = urllib.request.Request(f"{url}/login/", data=body, headers={"Referer": url})
    opener.open(request, timeout=REQUEST_TIMEOUT).read()
    cookies = {c.name: c.value for c in jar}
    if "sessionid" not in cookies:
        raise SystemExit(f"could not sign in as {username} (run make demo first)")
    # The CSRF cookie too, as a browser sends it back (without it every page makes a new one).
    return "; ".join(
        f"{name}={cookies[name]}" for name in ("sessionid", "csrftoken") if name in cookies
    )


class Connection:
    """One client connection, kept alive between requests when the server allows it (gthread
    workers do; sync workers answer ``Connection: close`` and it is opened anew each time)."""

    def __init__(self, port: int, keep_alive: bool) -> None:
        self.port = port
        self.keep_alive = keep_alive
        self.reader: asyncio.StreamReader | None = None
        self.writer: asyncio.StreamWriter | None = None

    def close(self) -> None:
        if self.writer is not None:
            self.writer.close()
        self.reader = self.writer = None

    async def get(self, path: str, cookie: str) -> int:
        """The status of one GET; a kept-alive connection the server has closed meanwhile is
        reopened once (its failure is not the request's)."""
        reused = self.writer is not None
        try:
            return await self._get(path, cookie)
        except (asyncio.IncompleteReadError, ConnectionError):
            self.close()
            if not reused:
                raise
            return await self._get(path, cookie)

    async def _get(self, path: str, cookie: str) -> int:
        if self.writer is None:
            self.reader, self.writer = await asyncio.open_connection("127.0.0.1", self.port)
        mode = "keep-alive" if self.keep_alive else "close"
        self.writer.write(
            f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1:{self.port}\r\nCookie: {cookie}\r\n"
            f"Accept-Language: zh-CN\r\nConnection: {mode}\r\n\r\n".encode()
        )
        await self.writer.drain()
        head = await self.reader.readuntil(b"\r\n\r\n")
        status = int(head[9:12]) if head.startswith(b"HTTP/1.") else 0
        headers = head.lower()
        match = re.search(rb"\r\ncontent-length: *(\d+)", headers)
        if match:
            await self.reader.readexactly(int(match.group(1)))
        else:  # no length: the body runs to the end of the connection
            await self.reader.read()
            self.close()
            return status
        if not self.keep_alive or b"\r\nconnection: close" in headers:
            self.close()
        return status


async def closed_loop(port, path, cookies, connections, seconds, max_requests, keep_alive):
    latencies: list[float] = []
    errors: dict[str, int] = {}
    sent = 0
    deadline = time.perf_counter() + seconds

    async def user(index: int) -> None:
        nonlocal sent
        cookie = cookies[index % len(cookies)]
        connection = Connection(port, keep_alive)
        while sent < max_requests and time.perf_counter() < deadline:
            sent += 1
            t0 = time.perf_counter()
            try:
                status = await asyncio.wait_for(connection.get(path, cookie), REQUEST_TIMEOUT)
                kind = None if status == 200 else f"HTTP {status}"
            except (TimeoutError, OSError, asyncio.IncompleteReadError) as exc:
                connection.close()
                kind = type(exc).__name__
            latencies.append(time.perf_counter() - t0)
            if kind:
                errors[kind] = errors.get(kind, 0) + 1
        connection.close()

    started = time.perf_counter()
    await asyncio.gather(*(user(i) for i in range(connections)))
    return latencies, errors, time.perf_counter() - started


def percentiles(latencies: list[float]) -> tuple[float, float, float]:
    if len(latencies) < 2:
        value = latencies[0] if latencies else float("nan")
        return value, value, value
    cuts = statistics.quantiles(latencies, n=100, method="inclusive")
    return cuts[49], cuts[94], cuts[98]


def run_server(label: str, args, rows: list) -> None:
    server = Server(
        cache=label != "uncached",
        workers=args.workers,
        threads=args.threads,
        src=args.before_src if label == "before" else None,
    )
    keep_alive = not args.no_keep_alive
    try:
        cookies = [sign_in(server.url, name) for name in USERS]
        for page, path in PAGES.items():
            if page not in args.pages.split(","):
                continue
            # Warm-up: each worker's first request pays its start-up.
            asyncio.run(
                closed_loop(server.port, path, cookies, 10, 60, args.warmup * 10, keep_alive)
            )
            load_before = os.getloadavg()[0]
            client_before = resource.getrusage(resource.RUSAGE_SELF)
            server_before = cpu_seconds(server.process.pid)
            latencies, errors, elapsed = asyncio.run(
                closed_loop(
                    server.port,
                    path,
                    cookies,
                    args.connections,
                    args.seconds,
                    args.requests,
                    keep_alive,
                )
            )
            server_cpu = cpu_seconds(server.process.pid) - server_before
            client_after = resource.getrusage(resource.RUSAGE_SELF)
            client_cpu = (client_after.ru_utime - client_before.ru_utime) + (
                client_after.ru_stime - client_before.ru_stime
            )
            p50, p95, p99 = percentiles(latencies)
            row = {
                "server": label,
                "page": page,
                "requests": len(latencies),
                "errors": sum(errors.values()),
                "error_kinds": errors,
                "rps": len(latencies) / elapsed,
                "p50": p50 * 1000,
                "p95": p95 * 1000,
                "p99": p99 * 1000,
                "load": (load_before, os.getloadavg()[0]),
                "client_cpu": client_cpu / elapsed * 100,
                "server_ms": server_cpu / max(1, len(latencies)) * 1000,
            }
            rows.append(row)
            print_row(row)
    finally:
        server.stop()


HEADER = (
    "| server | page | requests | errors | req/s | p50 ms | p95 ms | p99 ms "
    "| load avg before → after | client CPU | server CPU ms/request |\n"
    "|---|---|---|---|---|---|---|---|---|---|---|"
)


def print_row(row) -> None:
    kinds = ", ".join(f"{k} ×{n}" for k, n in row["error_kinds"].items())
    print(
        f"| {row['server']} | {row['page']} | {row['requests']:,} | {row['errors']}"
        f"{f' ({kinds})' if kinds else ''} | {row['rps']:.1f} | {row['p50']:.0f} | "
        f"{row['p95']:.0f} | {row['p99']:.0f} | {row['load'][0]:.1f} → {row['load'][1]:.1f} | "
        f"{row['client_cpu']:.0f} % | {row['server_ms']:.1f} |",
        flush=True,
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--connections", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=15.0, help="per page and server")
    parser.add_argument("--requests", type=int, default=6000, help="per page and server, at most")
    parser.add_argument("--workers", type=int, default=None, help="gunicorn workers")
    parser.add_argument("--threads", type=int, default=None, help="gunicorn threads a worker")
    parser.add_argument("--warmup", type=int, default=5, help="warm-up requests ×10 per page")
    parser.add_argument(
        "--servers",
        default="uncached,cached",
        help="comma-separated, in this order: before (the code at --before-src, its own "
        "cache settings), uncached (this code, Django's dummy cache), cached (this code)",
    )
    parser.add_argument("--before-src", default=None, help="src/ of the baseline's code")
    parser.add_argument(
        "--no-keep-alive", action="store_true", help="a new connection for every request"
    )
    parser.add_argument(
        "--pages", default=",".join(PAGES), help=f"comma-separated, of: {', '.join(PAGES)}"
    )
    args = parser.parse_args()
    if not (1 <= args.connections <= 500 and 0 < args.seconds <= 300 and args.requests <= 100_000):
        raise SystemExit("bounds: 1-500 connections, at most 300 s and 100,000 requests a page")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "zhuanxing.config.settings")
    print(
        f"{os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f}; "
        f"{args.connections} connections, closed loop, ≤ {args.seconds:g} s and "
        f"≤ {args.requests:,} requests per page; users {', '.join(USERS)}\n"
    )
    print(HEADER, flush=True)
    rows: list = []
    for label in args.servers.split(","):
        if label == "before" and not args.before_src:
            raise SystemExit("--servers before needs --before-src")
        run_server(label, args, rows)


if __name__ == "__main__":
    main()
