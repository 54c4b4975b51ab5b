"""The policy file in force, read only, with the result of validating it again now."""

import hashlib
from pathlib import Path

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.utils.translation import get_language

from zhuanxing.accounts import access
from zhuanxing.policy import PolicyError, active_policy_path, load_policy
from zhuanxing.policy.active import policy_in_force
from zhuanxing.reporting.wording import rule_name


@login_required
def policy_view(request):
    """What the system runs on (loaded at start-up) and whether the file on disk still
    validates: a file edited since start-up is checked here before anyone restarts on it."""
    access.require_official(request.user)
    policy = policy_in_force()
    path = active_policy_path(settings.ZHUANXING["POLICY_PATH"])
    english = (get_language() or "").startswith("en")
    try:
        text = Path(path).read_text(encoding="utf-8")
    except OSError:
        text = ""
    problems = []
    try:
        load_policy(path)
    except PolicyError as error:
        problems = error.problems
    rules = [
        {
            "message": rule.message_en if english else rule.message,
            "importance": rule.importance,
            "expression": (
                rule_name(rule.key, rule.applies_to[0], policy, english)
                if rule.check is None
                else ""
            ),
            "kinds": rule.applies_to,
        }
        for rule in policy.reporting.validation_rules
    ]
    context = {
        "policy": policy,
        "policy_name": policy.info.name_en if english else policy.info.name,
        "file_name": Path(path).name,
        "sha256": hashlib.sha256(text.encode("utf-8")).hexdigest(),
        "lines": text.count("\n"),
        "text": text,
        "problems": problems,
        "rules": rules,
    }
    return render(request, "web/policy.html", context)
