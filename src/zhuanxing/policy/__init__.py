"""The policy file: a city programme's numbers as checked configuration.

``load_policy(path)`` reads and validates one file; ``get_active_policy()`` returns the policy
the system runs on, loaded once per path. Which file is active:

1. the ``path`` argument, if given;
2. else the environment variable ``ZHUANXING_POLICY``;
3. else ``DEFAULT_POLICY_PATH``: ``policies/jiaxing-2009.toml`` at the repository root, found
   from this package's location (src/zhuanxing/policy/ → three levels up). That holds for a
   source checkout and an editable install; an installed wheel has no ``policies/`` folder, so a
   deployment sets ``ZHUANXING_POLICY``.

Pure Python: no Django here, so the CLI, benchmarks and tests use it as is.
"""

import os
from functools import cache
from pathlib import Path

from .loader import PolicyError, load_policy
from .schema import Policy

POLICY_ENV_VAR = "ZHUANXING_POLICY"
DEFAULT_POLICY_PATH = Path(__file__).resolve().parents[3] / "policies" / "jiaxing-2009.toml"

__all__ = [
    "DEFAULT_POLICY_PATH",
    "POLICY_ENV_VAR",
    "Policy",
    "PolicyError",
    "active_policy_path",
    "clear_cache",
    "get_active_policy",
    "load_policy",
]


def active_policy_path(path: str | os.PathLike[str] | None = None) -> Path:
    """The policy file ``get_active_policy(path)`` would load."""
    if path is None:
        path = os.environ.get(POLICY_ENV_VAR) or DEFAULT_POLICY_PATH
    return Path(path)


def get_active_policy(path: str | os.PathLike[str] | None = None) -> Policy:
    """The active policy, loaded and validated once per file path; raises PolicyError."""
    return _load_cached(active_policy_path(path).resolve())


@cache  # functools.cache is lru_cache(maxsize=None)
def _load_cached(path: Path) -> Policy:
    return load_policy(path)


def clear_cache() -> None:
    """Forget loaded policies (after editing a file, or between tests)."""
    _load_cached.cache_clear()
