"""Bounded memory for a request under test: a request that tries to allocate gigabytes fails
with MemoryError (a 500 in the test client) instead of taking the machine down."""

import resource
from contextlib import contextmanager

HEADROOM = 1536 * 1024 * 1024  # bytes of address space a single request may add


def _address_space() -> int:
    with open("/proc/self/statm") as f:
        return int(f.read().split()[0]) * resource.getpagesize()


@contextmanager
def bounded_memory(headroom: int = HEADROOM):
    soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    limit = _address_space() + headroom
    if hard != resource.RLIM_INFINITY:
        limit = min(limit, hard)
    resource.setrlimit(resource.RLIMIT_AS, (limit, hard))
    try:
        yield
    finally:
        resource.setrlimit(resource.RLIMIT_AS, (soft, hard))
