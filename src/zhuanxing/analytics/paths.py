"""Where the analytics store lives (a setting). Its own module so that reading the store does not
import the build (pyarrow, the report models): a web worker or a command that only reads starts
faster."""

from pathlib import Path

from django.conf import settings


def store_path() -> Path:
    return Path(settings.ZHUANXING["ANALYTICS_PATH"])
