"""Parse an upload in a child process with a memory limit and a time limit.

The inspection in ``parse`` refuses the files it can see are too big; this is for the rest: a
parser that allocates more than the limit, or loops, dies or is stopped in its own process,
and the caller (the background worker, or ``zhuanxing import``) gets a refusal with the reason
instead of being killed with it. The web process never parses an upload.

The child is this module run by the same interpreter (``python -m``); it speaks pickle on its
standard input and output. Only our own code runs there, so its answer is trusted as much as
the caller's own code would be. Pure Python: no Django here.
"""

import logging
import pickle
import resource
import subprocess
import sys

from .parse import FileProblem, FileRejected, Limits, RawTable, read_table

logger = logging.getLogger(__name__)


def read_table_isolated(
    data: bytes,
    *,
    filename: str,
    kind: str | None,
    limits: Limits,
    memory_bytes: int,
    timeout: float,
    max_bytes: int | None = None,
    grid_header_rows: int | None = None,
) -> RawTable:
    """``parse.read_table`` in a child process limited to ``memory_bytes`` of address space
    and ``timeout`` seconds; FileRejected when it refuses the file, dies or runs out of time."""
    request = pickle.dumps(
        (data, filename, kind, max_bytes, limits, memory_bytes, grid_header_rows)
    )
    try:
        child = subprocess.run(
            [sys.executable, "-m", __name__],
            input=request,
            capture_output=True,
            timeout=timeout,
            check=False,
        )
    except subprocess.TimeoutExpired:
        raise FileRejected([FileProblem("parse_timeout", params={"seconds": timeout})]) from None
    if child.returncode != 0 or not child.stdout:
        # Most often the memory limit (a Rust parser aborts, exit status -6 or 134).
        logger.warning("parser process for %r ended with %s: %s", filename, child.returncode,
                       child.stderr[-500:].decode(errors="replace"))  # fmt: skip
        memory = memory_bytes // (1024 * 1024)
        raise FileRejected([FileProblem("parse_failed", params={"memory": memory})])
    status, result = pickle.loads(child.stdout)  # noqa: S301 (our own child's answer)
    if status == "rejected":
        raise FileRejected(result)
    return result


def _child() -> None:
    data, filename, kind, max_bytes, limits, memory_bytes, grid = pickle.load(sys.stdin.buffer)  # noqa: S301
    resource.setrlimit(resource.RLIMIT_AS, (memory_bytes, memory_bytes))
    try:
        answer = ("ok", read_table(data, filename=filename, kind=kind, max_bytes=max_bytes,
                                   limits=limits, grid_header_rows=grid))  # fmt: skip
    except FileRejected as rejected:
        answer = ("rejected", rejected.problems)
    except MemoryError:
        sys.exit(3)
    sys.stdout.buffer.write(pickle.dumps(answer, protocol=pickle.HIGHEST_PROTOCOL))


if __name__ == "__main__":
    _child()
