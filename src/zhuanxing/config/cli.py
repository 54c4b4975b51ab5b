"""The ``zhuanxing`` console script: Django's management commands with the settings preset.

``zhuanxing migrate``, ``zhuanxing demo``, ``zhuanxing reference uscc CODE``… A broken policy
file is reported on one line (file, key, reason) instead of a traceback.
"""

import os
import sys


def main(argv: list[str] | None = None) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "zhuanxing.config.settings")
    from django.core.management import execute_from_command_line

    from zhuanxing.policy import PolicyError

    try:
        execute_from_command_line(["zhuanxing", *(sys.argv[1:] if argv is None else argv)])
    except PolicyError as exc:
        print(f"zhuanxing: policy error: {exc}", file=sys.stderr)
        sys.exit(2)


if __name__ == "__main__":
    main()
