"""The security tests' small city, built once per module, shared here."""

import importlib.util
from pathlib import Path

_path = Path(__file__).resolve().parents[1] / "security" / "conftest.py"
_spec = importlib.util.spec_from_file_location("security_fixtures", _path)
_module = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(_module)

module_city = _module.module_city
shared_objects = _module.shared_objects
city_users = _module.city_users
