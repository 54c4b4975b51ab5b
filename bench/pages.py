"""Benchmark: every page of the menu, as each role, p50/p95 server time per page.

    .venv/bin/python bench/pages.py                      # in process, the demo city (city tier)
    .venv/bin/python bench/pages.py --base-url http://127.0.0.1:8000   # a running server
    .venv/bin/python bench/pages.py --runs 7 --roles admin,tongxiang --budget 300
    .venv/bin/python bench/pages.py --scale province --var-dir /tmp/prov --budget 500

Pages: for each role, the main menu's entries (``nav.mainnav``), then one level down from each
of them: the tabs (``nav.tabs``) and the first link of every other page shape in the content
(``/evaluation/runs/<n>/``, ``/enterprises/<n>/``, …). Downloads (exports, templates, reports),
forms that change data, sign-out and the language switch are left out; every page found is
requested ``--runs`` times after one warm-up request.

Default mode: the Django test client in this process, against the city-tier demo city (5,000
规上 + 15,000 规下 firms, 2007–2012) in ``--var-dir`` (default /tmp/zhuanxing-bench-city),
built there on first use (migrate, ``zhuanxing demo``, the analytics store, the county targets:
a few minutes); the time is the server's, without a network. ``--base-url``: a running server
(``zhuanxing runserver`` or gunicorn) over HTTP, signing in with the demo password; the time is
the round trip as seen from this machine. Exit status 1 when a page's p95 exceeds ``--budget``
milliseconds (0: report only). ``--scale province``: the province tier (50,000 规上 + 100,000 规下
firms, 2003–2012) built in ``--var-dir`` on first use (15–30 minutes).
"""

import argparse
import os
import re
import statistics
import sys
import time
from html import unescape
from urllib.parse import urljoin, urlsplit

ROLES = ("admin", "leader", "tongxiang", "haining", "firm")
PASSWORD = "zhuanxing2009"
SKIP = re.compile(
    r"(\.xlsx|\.docx|\.csv|\.json|export=|/logout/|/i18n/|/login/|/admin/.+|/api/|/static/|"
    r"/report\.|/template|/progress/|/commit/|/retry/|/revoke/|/publish/|/delete/|/status/|"
    r"/submit/|/summary/)"
)
HREF = re.compile(r'<a\b[^>]*\bhref="([^"#]+)"')


def _block(html: str, selector: str) -> str:
    """The inner HTML of the first ``<nav class="...">`` (or <main>) block, crudely."""
    start = html.find(selector)
    if start < 0:
        return ""
    end = html.find("</nav>" if selector.startswith("<nav") else "</main>", start)
    return html[start : end if end > 0 else None]


def _shape(path: str) -> str:
    return re.sub(r"\d+", "N", urlsplit(path).path)


def discover(get, home: str = "/", only=None) -> list[str]:
    """Menu pages, then their tabs and the first link of every other shape (see the module)."""
    status, html = get(home)
    menu = [home] + [unescape(h) for h in HREF.findall(_block(html, '<nav class="mainnav"'))]
    pages: list[str] = []
    seen_shapes: set[str] = set()

    def add(path: str) -> bool:
        path = urlsplit(path)._replace(scheme="", netloc="").geturl()
        if not path.startswith("/") or SKIP.search(path) or _shape(path) in seen_shapes:
            return False
        if only is not None and not only.search(path):
            return False
        seen_shapes.add(_shape(path))
        pages.append(path)
        return True

    for path in menu:
        add(path)
    for path in list(pages):
        status, html = get(path)
        if status != 200:
            continue
        links = HREF.findall(_block(html, '<nav class="tabs"'))
        links += HREF.findall(_block(html, "<main"))
        for link in links:
            link = unescape(link)
            if link.startswith("?"):
                continue  # the same page with other parameters (sort, page, drill)
            add(urljoin(path, link))
    return pages


def percentile(values: list[float], pct: float) -> float:
    ordered = sorted(values)
    if len(ordered) == 1:
        return ordered[0]
    k = (len(ordered) - 1) * pct / 100
    low = int(k)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (k - low)


def measure(get, pages: list[str], runs: int) -> list[tuple[str, int, list[float], int]]:
    out = []
    for path in pages:
        status, _html = get(path)  # warm-up
        times, queries = [], 0
        for _ in range(runs):
            t0 = time.perf_counter()
            status, _html = get(path)
            times.append((time.perf_counter() - t0) * 1000)
            queries = getattr(get, "last_queries", 0)
        out.append((path, status, times, queries))
    return out


# --- in process --------------------------------------------------------------------------------


def in_process_clients(var_dir: str, roles, scale: str = "city"):
    os.environ["ZHUANXING_VAR_DIR"] = var_dir
    os.environ.pop("DATABASE_URL", None)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "zhuanxing.config.settings")
    os.makedirs(var_dir, exist_ok=True)
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
    call_command("migrate", verbosity=0)
    from zhuanxing.enterprises.models import Enterprise

    if not Enterprise.objects.exists():
        print(f"Building the {scale}-tier demo city in {var_dir} …", flush=True)
        call_command("demo", scale=scale)
        call_command("analytics", "build")
        call_command("assessment_demo_targets")
    from zhuanxing.accounts.models import User

    for role in roles:
        client = Client()
        client.force_login(User.objects.get(username=role))

        def get(path, client=client):
            with CaptureQueriesContext(connection) as captured:
                response = client.get(path, follow=True)
            get.last_queries = len(captured)
            ok = response.status_code == 200
            return response.status_code, response.content.decode("utf-8", "replace") if ok else ""

        get.last_queries = 0
        yield role, get


# --- over HTTP ---------------------------------------------------------------------------------


def http_clients(base_url: str, roles):
    """One cookie-keeping opener per role, signed in through the login form (standard library
    only: the benchmark adds no dependency)."""
    from http.cookiejar import CookieJar
    from urllib.error import HTTPError
    from urllib.parse import urlencode
    from urllib.request import HTTPCookieProcessor, Request, build_opener

    for role in roles:
        opener = build_opener(HTTPCookieProcessor(CookieJar()))
        login_url = urljoin(base_url, "/login/")
        page = opener.open(login_url).read().decode("utf-8", "replace")
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)
        form = urlencode({"username": role, "password": PASSWORD,
                          "csrfmiddlewaretoken": token.group(1) if token else ""})  # fmt: skip
        opener.open(Request(login_url, data=form.encode(), headers={"Referer": login_url}))

        def get(path, opener=opener):
            try:
                with opener.open(urljoin(base_url, path)) as response:
                    return response.status, response.read().decode("utf-8", "replace")
            except HTTPError as exc:
                return exc.code, ""

        yield role, get


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--base-url", help="a running server; default: in process")
    parser.add_argument("--var-dir", default="/tmp/zhuanxing-bench-city")
    parser.add_argument("--scale", choices=["city", "province"], default="city")
    parser.add_argument("--roles", default=",".join(ROLES))
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument(
        "--only", default="", help="measure only the pages whose path matches this regex"
    )
    parser.add_argument("--budget", type=float, default=300, help="p95 budget, ms (0: none)")
    args = parser.parse_args()
    roles = [r for r in args.roles.split(",") if r]
    clients = (
        http_clients(args.base_url, roles)
        if args.base_url
        else in_process_clients(args.var_dir, roles, args.scale)
    )
    where = args.base_url or f"in process, {args.var_dir}"
    print(f"Pages by role — {where}; {args.runs} runs per page after a warm-up; ms")
    print(f"{'role':<10} {'page':<58} {'status':>6} {'p50':>8} {'p95':>8} {'queries':>8}")
    over = []
    all_p95 = []
    for role, get in clients:
        pages = discover(get, only=re.compile(args.only) if args.only else None)
        for path, status, times, queries in measure(get, pages, args.runs):
            p50, p95 = statistics.median(times), percentile(times, 95)
            all_p95.append(p95)
            flag = " *" if args.budget and p95 > args.budget else ""
            print(f"{role:<10} {path[:58]:<58} {status:>6} {p50:>8.0f} {p95:>8.0f} "
                  f"{queries or '':>8}{flag}", flush=True)  # fmt: skip
            if flag or status >= 400:
                over.append((role, path, status, p95))
    if all_p95:
        print(f"\n{len(all_p95)} pages; slowest p95 {max(all_p95):.0f} ms; median of p95s "
              f"{statistics.median(all_p95):.0f} ms")  # fmt: skip
    for role, path, status, p95 in over:
        print(f"OVER: {role} {path} status {status} p95 {p95:.0f} ms")
    return 1 if over else 0


if __name__ == "__main__":
    sys.exit(main())
