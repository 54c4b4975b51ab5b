from pathlib import Path

from django.conf import settings


def test_every_named_setting_is_documented():
    doc = (Path(settings.BASE_DIR) / "docs" / "settings.md").read_text(encoding="utf-8")
    missing = [key for key in settings.ZHUANXING if f"`{key}`" not in doc]
    assert missing == []
