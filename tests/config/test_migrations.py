"""Every app's models have their migrations (issue 16's app once had none: the tests' database,
which creates tables of apps without migrations directly, passed while ``make demo`` failed
with "no such table")."""

import pytest
from django.apps import apps
from django.core.management import call_command


def _our_apps_with_models() -> list[str]:
    return [
        config.label
        for config in apps.get_app_configs()
        if config.name.startswith("zhuanxing.") and list(config.get_models())
    ]


def test_every_app_with_models_has_a_migrations_package():
    import importlib.util

    missing = [
        label
        for label in _our_apps_with_models()
        if importlib.util.find_spec(f"{apps.get_app_config(label).name}.migrations") is None
    ]
    assert not missing, f"apps without migrations: {missing}"


@pytest.mark.django_db
def test_no_model_change_lacks_a_migration():
    # Naming the apps makes makemigrations look at apps that have no migrations yet, too.
    call_command("makemigrations", *_our_apps_with_models(), "--check", "--dry-run", verbosity=0)
