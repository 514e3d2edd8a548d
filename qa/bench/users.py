"""Simulated users of the load tests: one asks its questions in turn, each call timed.
Shared by the load test (``qa.bench.loadtest``) and the abuse scenario (``qa.bench.abuse``)."""
from __future__ import annotations

import threading
import time


def timed(call, latencies: list[float], errors: list[str], lock: threading.Lock) -> None:
    """Run ``call``; its seconds go to ``latencies``, or its failure to ``errors``."""
    t = time.perf_counter()
    try:
        call()
        with lock:
            latencies.append(time.perf_counter() - t)
    except Exception as err:
        with lock:
            errors.append(f"{type(err).__name__}: {str(err)[:200]}")


def in_turn(u: int, per_user: int, questions: list[str], deadline: float, ask_one, latencies: list[float], errors: list[str], lock: threading.Lock) -> None:
    """User ``u`` asks its ``per_user`` questions one after another (until ``deadline``)."""
    for i in range(per_user):
        if time.monotonic() > deadline:
            with lock:
                errors.append("deadline")
            return
        q = questions[(u * per_user + i) % len(questions)]
        timed(lambda q=q: ask_one(q), latencies, errors, lock)
