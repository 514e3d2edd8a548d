"""The abuse scenario of the load test (``python -m qa.bench.loadtest --abuse``).

Against a running app, at the same time:

- a flood: ``flood`` requests to ``/ask`` whose results are never read (Gradio's REST
  route: the POST queues the work, nobody fetches it), from ``flood_addresses`` client
  addresses (one by default: a single visitor flooding);
- a client sending 1 MB questions and claims to ``/ask`` and ``/verify``;
- ``users`` ordinary users, each from their own address, asking ``per_user`` questions in
  turn and reading every answer.

Every client has its own loopback address (127.x.y.z all reach a server on 127.0.0.1),
so the server sees distinct visitors, as on the web. Measured: the users' errors and
latency, what the flood and the large client got back, the server's highest RSS
(sampled every 0.2 s), and the seconds after the flood until a new visitor is answered as
fast as before it (normal: within three times the quiet latency, at least one second).
"""
from __future__ import annotations

import json
import threading
import time
from collections import Counter

import numpy as np

ASK = "gradio_api/call/ask"
VERIFY = "gradio_api/call/verify"


def _client(address: str, timeout: float = 60.0):
    import httpx

    return httpx.Client(timeout=timeout, transport=httpx.HTTPTransport(local_address=address))


def ask(http, url: str, question: str) -> dict:
    """One question through the REST route, its result read; raises on any failure."""
    r = http.post(url + ASK, json={"data": [question]})
    r.raise_for_status()
    event = r.json()["event_id"]
    with http.stream("GET", f"{url}{ASK}/{event}") as stream:
        kind = None
        for line in stream.iter_lines():
            if line.startswith("event:"):
                kind = line.split(":", 1)[1].strip()
            elif line.startswith("data:") and kind in ("complete", "error"):
                data = line.split(":", 1)[1].strip()
                if kind == "error":
                    raise RuntimeError(f"error event: {data[:200]}")
                reply = json.loads(json.loads(data)[0])
                if "answer" not in reply:
                    raise ValueError("no answer in the reply")
                return reply
    raise RuntimeError("the stream ended without a result")


def _address(block: int, i: int) -> str:
    return f"127.{block}.{i // 250}.{i % 250 + 1}"


def run(url: str, pid: int | None, questions: list[str], flood: int = 3000, flood_addresses: int = 1, users: int = 20, per_user: int = 5,
        large: int = 20, timeout: float = 600.0) -> dict:
    from qa.bench.speed import rss_mb
    from qa.bench.users import in_turn

    deadline = time.monotonic() + timeout
    peak = {"rss_mb": 0.0}
    stop = threading.Event()

    def sample() -> None:
        while not stop.is_set():
            value = rss_mb(pid).get("rss_mb") if pid else None
            if value:
                peak["rss_mb"] = max(peak["rss_mb"], value)
            time.sleep(0.2)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()

    # quiet latency first, from a visitor of its own, after every question was asked once
    # (the reader and the English dictionary load after start)
    for i, q in enumerate(questions):  # each from its own address: one visitor may not ask 56 at once
        with _client(_address(6, 1 + i)) as http:
            ask(http, url, q)
    with _client(_address(6, 0)) as http:
        quiet = []
        for q in questions[:5]:
            t = time.perf_counter()
            ask(http, url, q)
            quiet.append(time.perf_counter() - t)
    quiet_p50 = float(np.median(quiet))
    rss_before = rss_mb(pid).get("rss_mb") if pid else None

    flood_status: Counter = Counter()
    large_status: Counter = Counter()
    latencies: list[float] = []
    errors: list[str] = []
    lock = threading.Lock()
    sent = iter(range(flood))

    def flooder(address: str) -> None:
        with _client(address, timeout=30) as http:
            while time.monotonic() < deadline:
                with lock:
                    i = next(sent, None)
                if i is None:
                    return
                try:
                    code = http.post(url + ASK, json={"data": [f"{questions[i % len(questions)]}（{i}）"]}).status_code
                except Exception as err:  # a refused connection counts as turned away
                    code = type(err).__name__
                with lock:
                    flood_status[code] += 1

    def large_client() -> None:
        with _client(_address(7, 0), timeout=30) as http:
            for i in range(large):
                route, text = (ASK, "问" * 1_000_000) if i % 2 == 0 else (VERIFY, "会议由某人主持。" * 130_000)
                try:
                    code = http.post(url + route, json={"data": [text]}).status_code
                except Exception as err:
                    code = type(err).__name__
                with lock:
                    large_status[code] += 1

    def user(u: int) -> None:
        with _client(_address(5, u)) as http:
            in_turn(u, per_user, questions, deadline, lambda q: ask(http, url, q), latencies, errors, lock)

    started = time.perf_counter()
    threads_per_address = max(1, 16 // flood_addresses)
    flooders = [threading.Thread(target=flooder, args=(_address(4, a),)) for a in range(flood_addresses) for _ in range(threads_per_address)]
    others = [threading.Thread(target=large_client)] + [threading.Thread(target=user, args=(u,)) for u in range(users)]
    for th in flooders + others:
        th.start()
    for th in flooders:
        th.join()
    flood_seconds = time.perf_counter() - started

    # recovery: a new visitor every half second until one is answered as fast as before
    normal = max(1.0, 3 * quiet_p50)
    recovery, probe = None, 0
    while time.monotonic() < deadline and recovery is None:
        probe += 1
        t = time.perf_counter()
        try:
            with _client(_address(8, probe)) as http:
                ask(http, url, questions[probe % len(questions)])
            if time.perf_counter() - t <= normal:
                recovery = round(time.perf_counter() - started - flood_seconds, 1)
                break
        except Exception:
            pass
        time.sleep(0.5)
    for th in others:
        th.join()
    users_seconds = time.perf_counter() - started
    stop.set()
    sampler.join()
    ms = np.array(latencies) * 1000
    return {
        "flood": {"requests": flood, "addresses": flood_addresses, "seconds": round(flood_seconds, 1), "status": {str(k): v for k, v in flood_status.most_common()}},
        "large_client": {"requests": large, "status": {str(k): v for k, v in large_status.most_common()}},
        "users": {
            "users": users, "questions_each": per_user, "answered": len(latencies), "errors": len(errors), "error_samples": errors[:5],
            "seconds": round(users_seconds, 1),
            "latency_ms": {f"p{q}": round(float(np.percentile(ms, q)), 1) for q in (50, 95, 99)} if len(ms) else {},
        },
        "quiet_latency_ms": round(quiet_p50 * 1000, 1),
        "recovery_s": recovery,
        "server_rss_mb": {"before": rss_before, "peak": round(peak["rss_mb"], 1) if peak["rss_mb"] else None, "after": rss_mb(pid).get("rss_mb") if pid else None},
    }


GOALS = "goals: users 0 errors, p95 ≤ 10 s; normal again ≤ 30 s after the flood; RSS ≤ 1,500 MB throughout"


def summary(label: str, r: dict) -> list[str]:
    u, lat = r["users"], r["users"]["latency_ms"]
    lines = [
        f"{label}: flood of {r['flood']['requests']} unread from {r['flood']['addresses']} address(es) in {r['flood']['seconds']} s → {r['flood']['status']}",
        f"  1 MB client: {r['large_client']['status']}",
        (f"  {u['users']} users × {u['questions_each']}: {u['answered']} answered, {u['errors']} errors; latency p50 {lat.get('p50')} / p95 {lat.get('p95')} / p99 {lat.get('p99')} ms "
         f"(quiet {r['quiet_latency_ms']} ms)"),
        f"  normal again {r['recovery_s']} s after the flood; server RSS {r['server_rss_mb']['before']} → peak {r['server_rss_mb']['peak']} → {r['server_rss_mb']['after']} MB",
    ]
    lines += [f"  error: {e}" for e in u["error_samples"]]
    return lines


def passed(r: dict) -> bool:
    lat = r["users"]["latency_ms"]
    return (r["users"]["errors"] == 0 and lat.get("p95", 1e9) <= 10_000 and r["recovery_s"] is not None and r["recovery_s"] <= 30
            and (r["server_rss_mb"]["peak"] or 0) <= 1500)
