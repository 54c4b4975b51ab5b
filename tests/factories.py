"""Plain builders for the rows a test needs (no factory library: keyword arguments with defaults
are enough here, and they call the same services the application does where one exists)."""

from django.core.management import call_command


def flush_database() -> None:
    """Empty every table (what a transactional test does after itself)."""
    call_command("flush", interactive=False, verbosity=0)
