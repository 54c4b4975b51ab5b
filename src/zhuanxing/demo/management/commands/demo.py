"""``zhuanxing demo``: load the region tree, generate the demo city once, create demo users."""

import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from zhuanxing.enterprises.models import Enterprise
from zhuanxing.orgunits.loader import load_jiaxing_org_units
from zhuanxing.policy import get_active_policy

from ...generator import generate_city
from ...users import DEMO_PASSWORD, ensure_demo_users
from ...writer import county_infos, write_city


class Command(BaseCommand):
    help = "Set up the demo city (region tree, enterprises, reports, users); reuses existing data."

    def add_arguments(self, parser):
        parser.add_argument("--seed", type=int, default=settings.ZHUANXING["DEMO_SEED"])
        parser.add_argument("--above-scale", type=int, default=5000, help="规上 enterprises")
        parser.add_argument("--below-scale", type=int, default=15000, help="规下 enterprises")
        parser.add_argument("--port", default="8000", help="port shown in the printed URL")

    def handle(self, *args, **options):
        console = Console(stderr=False)
        policy = get_active_policy(settings.ZHUANXING["POLICY_PATH"])
        console.print(f"Policy in force: [bold]{policy.info.id}[/] ({policy.info.name})")
        created = load_jiaxing_org_units()
        if created:
            console.print(f"Region tree loaded: {created} org units")
        if Enterprise.objects.exists():
            console.print(
                f"Demo data present ({Enterprise.objects.count():,} enterprises): reusing it."
            )
        else:
            self._generate(console, policy, options)
        rows = ensure_demo_users()
        console.print(f"\nOpen http://127.0.0.1:{options['port']}/ and log in as:")
        for username, role, scope in rows:
            console.print(f"  {username:<10} / {DEMO_PASSWORD}   {role}: {scope}")

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
                above_scale=options["above_scale"],
                below_scale=options["below_scale"],
                threshold=lambda year: float(policy.above_scale_threshold(year)),
                progress=progress,
            )
            if not data.enterprises:
                raise CommandError("the generator produced no enterprises")
            write_city(data, progress=progress)
        console.print(
            f"Generated {len(data.enterprises):,} enterprises, {len(data.annual):,} annual and "
            f"{len(data.monthly):,} monthly reports in {time.monotonic() - started:.1f} s; "
            f"规上 by year: {dict(sorted(data.above_scale_count.items()))}"
        )
