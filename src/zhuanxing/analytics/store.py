"""The analytics store: one DuckDB file, replaced whole on every build (DHIS2's "build into a
new table, then swap").

A build writes a new file next to the live one and moves it into place with ``os.replace``, which
is atomic on one file system: a reader opens either the old file or the new one, never half a
build. A reader that already has the old file open keeps reading it (on POSIX the old inode lives
until it is closed); the next query notices the new file and switches.

Why readers attach the file to an in-memory database instead of ``duckdb.connect(path)``: DuckDB
keeps one database instance per path in a process-wide cache, so a second ``connect(path)`` after
a swap would return the *old* file. A fresh in-memory database that ATTACHes the path reads the
file that is there now.

No Django here: the build (``build.py``) passes the path in.
"""

import os
import shutil
import threading
import uuid
from pathlib import Path

import duckdb
from django.conf import settings

SCHEMA_VERSION = 2  # 2: fact_monthly.prior_* (上年同期)
CATALOG = "store"


class StoreMissing(RuntimeError):
    """There is no analytics store yet: run ``zhuanxing analytics build``."""


def store_path() -> Path:
    """The analytics store's file (setting ``ANALYTICS_PATH``)."""
    return Path(settings.ZHUANXING["ANALYTICS_PATH"])


def temp_path(path: Path) -> Path:
    """A fresh file name beside ``path`` (same file system, so ``os.replace`` is atomic)."""
    return path.with_name(f".{path.name}.{uuid.uuid4().hex[:12]}.building")


def new_file(path: Path, *, copy_current: bool = False) -> Path:
    """A temporary store file to write a build into; a copy of the live store if asked."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = temp_path(path)
    if copy_current:
        shutil.copyfile(path, tmp)
    return tmp


def swap_in(tmp: Path, path: Path) -> None:
    """Atomically make ``tmp`` the live store."""
    os.replace(tmp, path)


def discard(tmp: Path) -> None:
    for candidate in (tmp, tmp.with_name(tmp.name + ".wal")):
        candidate.unlink(missing_ok=True)


class _Reader:
    """A read-only attachment of the live file, reopened when the file is replaced."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._open: dict[str, tuple[tuple[int, int], duckdb.DuckDBPyConnection]] = {}
        self._info: dict[str, tuple[tuple[int, int], dict[str, str]]] = {}

    @staticmethod
    def _version(path: Path) -> tuple[int, int]:
        try:
            stat = os.stat(path)
        except FileNotFoundError as exc:
            raise StoreMissing(str(path)) from exc
        return (stat.st_ino, stat.st_mtime_ns)

    def info(self, path: Path) -> dict[str, str]:
        """The ``build_info`` table of the file at ``path``, read once per file version (every
        request asks for it: the years on offer, the build id of cached results)."""
        key = str(path)
        version = self._version(path)
        current = self._info.get(key)
        if current is not None and current[0] == version:
            return current[1]
        cursor = self.cursor(path)
        info = dict(cursor.execute("SELECT key, value FROM build_info").fetchall())
        if self._version(path) == version:  # not replaced while it was read
            self._info[key] = (version, info)
        return info

    def cursor(self, path: Path) -> duckdb.DuckDBPyConnection:
        key = str(path)
        version = self._version(path)
        with self._lock:
            current = self._open.get(key)
            if current is None or current[0] != version:
                con = duckdb.connect(":memory:")
                con.execute(f"ATTACH '{_quoted(path)}' AS {CATALOG} (READ_ONLY)")
                # Old connections are not closed here: a request in another thread may still be
                # reading them. They close when garbage-collected.
                self._open[key] = (version, con)
                current = self._open[key]
        cursor = current[1].cursor()
        cursor.execute(f"USE {CATALOG}")
        return cursor

    def forget(self) -> None:
        with self._lock:
            self._open.clear()
            self._info.clear()


def _quoted(path: Path) -> str:
    return str(path).replace("'", "''")


_reader = _Reader()


def read_cursor(path: Path) -> duckdb.DuckDBPyConnection:
    """A cursor on the live store at ``path`` (raises StoreMissing when there is none)."""
    return _reader.cursor(Path(path))


def forget_readers() -> None:
    """Drop cached reader connections (tests, after deleting a store)."""
    _reader.forget()


def build_info(path: Path) -> dict[str, str]:
    """The key/value ``build_info`` table of the live store ({} when there is no store)."""
    try:
        return dict(_reader.info(Path(path)))
    except StoreMissing:
        return {}


def build_id(path: Path) -> str | None:
    """What identifies one build of the store (new on every full build and every incremental
    refresh): results computed from the store are cached under it, so a swap makes them
    unreachable. None when there is no store."""
    info = build_info(path)
    if not info:
        return None
    # Stores written before build ids existed: their build time is as unique.
    return info.get("build_id") or f"{info.get('built_at')}/{info.get('watermark')}"
