"""``zhuanxing demo``: load the region tree, generate the demo city once, create demo users."""

import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from zhuanxing.enterprises.models import Enterprise
from zhuanxing.orgunits.loader import load_jiaxing_org_units
from zhuanxing.policy.active import policy_in_force

from ... import calibration as cal
from ...generator import generate_city
from ...users import DEMO_PASSWORD, ensure_demo_users
from ...writer import county_infos, write_city


class Command(BaseCommand):
    help = "Set up the demo city (region tree, enterprises, reports, users); reuses existing data."

    def add_arguments(self, parser):
        parser.add_argument("--seed", type=int, default=settings.ZHUANXING["DEMO_SEED"])
        parser.add_argument("--above-scale", type=int, default=None, help="规上 enterprises")
        parser.add_argument("--below-scale", type=int, default=None, help="规下 enterprises")
        parser.add_argument(
            "--scale",
            choices=["city", "province"],
            default="city",
            help="city: 5,000 + 15,000 firms, 2007-2012; province (benchmarks): 50,000 + "
            "100,000 firms, 2003-2012, monthly",
        )
        parser.add_argument("--port", default="8000", help="port shown in the printed URL")
        parser.add_argument(
            "--validate",
            action="store_true",
            help="generate the city, run the policy's validation rules over it and print the "
            "errors and warnings by rule; writes nothing (exit status 1 on any error)",
        )

    def handle(self, *args, **options):
        console = Console(stderr=False)
        policy = policy_in_force()
        console.print(f"Policy in force: [bold]{policy.info.id}[/] ({policy.info.name})")
        created = load_jiaxing_org_units()
        if created:
            console.print(f"Region tree loaded: {created} org units")
        if options["validate"]:
            self._validate(console, policy, options)
            return
        if Enterprise.objects.exists():
            console.print(
                f"Demo data present ({Enterprise.objects.count():,} enterprises): reusing it."
            )
        else:
            self._generate(console, policy, options)
        rows = ensure_demo_users()
        self._evaluation(console, policy, options)
        self._support(console, policy, options)
        self._innovation(console, policy, options)
        console.print(f"\nOpen http://127.0.0.1:{options['port']}/ and log in as:")
        for username, role, scope in rows:
            console.print(f"  {username:<10} / {DEMO_PASSWORD}   {role}: {scope}")

    def _validate(self, console, policy, options):
        """The demo's own validation run: the generated city against the policy's rules."""
        from ...validation import validate_city

        data = generate_city(
            county_infos(),
            city_code=policy.info.city_code,
            seed=options["seed"],
            scale_line=policy.above_scale,
            **tier(options),
        )
        found = validate_city(data, policy.reporting)
        for key, n in sorted(found.by_rule.items()):
            console.print(f"  {found.importance[key]:<8} {key:<40} {n:>7,}")
        console.print(f"Validation: {found.errors:,} errors, {found.warnings:,} warnings")
        if found.errors:
            raise CommandError("the generated city breaks the policy's validation rules")

    def _evaluation(self, console, policy, options):
        """Environmental attributes and the published 亩均 evaluations of the last three years
        (the banks' recommendation lists of 2010–2012 read the owners' classes from them)."""
        from zhuanxing.accounts.models import User
        from zhuanxing.evaluation.demo_data import publish_demo_evaluations, seed_environment
        from zhuanxing.reporting.selectors import report_years

        seed_environment(options["seed"])
        years = report_years()[-3:]
        admin = User.objects.get(username="admin")
        runs = publish_demo_evaluations(policy=policy, admin=admin, years=years)
        if runs:
            console.print(f"Per-mu evaluations published: {', '.join(str(r.year) for r in runs)}")
        self._projects(console, options)

    def _projects(self, console, options):
        """The 2009–2012 major-project plan with progress and problems (clause 十五)."""
        from zhuanxing.projects.demo_data import seed_projects

        created = seed_projects(options["seed"])
        if created:
            console.print(f"Major projects: {created} with plans, progress and problems")

    def _support(self, console, policy, options):
        """Special funds and guarantee agencies, 2009–2012; the banks' project lists, 2010–2012."""
        from zhuanxing.accounts.models import User
        from zhuanxing.support.demo_data import seed_recommendations, seed_support

        admin = User.objects.get(username="admin")
        programmes, agencies = seed_support(seed=options["seed"], policy=policy, admin=admin)
        if programmes:
            console.print(f"Special-fund programmes: {programmes}; guarantee agencies: {agencies}")
        lists = seed_recommendations(policy=policy, admin=admin)
        if lists:
            years = ", ".join(str(r.year) for r in lists)
            console.print(f"Project lists published to banks: {years}")

    def _innovation(self, console, policy, options):
        """Qualifications and the demonstration-enterprise lists, 2009–2012 (clause 九)."""
        from zhuanxing.accounts.models import User
        from zhuanxing.innovation.demo_data import seed_innovation

        admin = User.objects.get(username="admin")
        qualifications, lists = seed_innovation(seed=options["seed"], policy=policy, admin=admin)
        if qualifications:
            console.print(f"Qualifications: {qualifications}; demonstration lists: {lists}")

    def _generate(self, console, policy, options):
        started = time.monotonic()
        columns = (
            TextColumn("{task.description:<24}"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
        )
        with Progress(*columns, console=console) as bar:
            tasks = {}

            def progress(stage: str, done: int, total: int) -> None:
                if stage not in tasks:
                    tasks[stage] = bar.add_task(stage, total=total)
                bar.update(tasks[stage], completed=done)

            data = generate_city(
                county_infos(),
                city_code=policy.info.city_code,
                seed=options["seed"],
                scale_line=policy.above_scale,
                progress=progress,
                **tier(options),
            )
            if not data.enterprises:
                raise CommandError("the generator produced no enterprises")
            write_city(data, progress=progress)
        console.print(
            f"Generated {len(data.enterprises):,} enterprises, {len(data.annual):,} annual and "
            f"{len(data.monthly):,} monthly reports in {time.monotonic() - started:.1f} s; "
            f"规上 by year: {dict(sorted(data.above_scale_count.items()))}"
        )


def tier(options) -> dict:
    """Generator arguments for ``--scale`` (explicit --above-scale/--below-scale win)."""
    if options.get("scale") == "province":
        size = {"above_scale": cal.PROVINCE["above_scale"],
                "below_scale": cal.PROVINCE["below_scale"],
                "years": cal.PROVINCE_YEARS, "size_factor": cal.PROVINCE["scale"]}  # fmt: skip
    else:
        size = {"above_scale": 5000, "below_scale": 15000}
    for key in ("above_scale", "below_scale"):
        if options.get(key) is not None:
            size[key] = options[key]
    return size
