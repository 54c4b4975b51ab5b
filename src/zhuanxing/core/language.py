"""The active language, for data that carries its own English beside the Chinese (the policy
file's names, units and texts; reference tables): one language on a page at a time.

Django is imported when asked, not at import: the policy loads without Django (the CLI's
checks, tests/policy), and is Chinese there."""


def english() -> bool:
    """True when the page (or the job) is in English."""
    from django.conf import settings

    if not settings.configured:
        return False
    from django.utils.translation import get_language

    return (get_language() or "").startswith("en")


def pick(chinese: str, english_text: str) -> str:
    """``english_text`` in English mode when there is one, else ``chinese``."""
    return english_text if english_text and english() else chinese
