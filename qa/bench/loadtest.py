"""Load and latency through the real web API: ``python -m qa.bench.loadtest``.

Starts ``python app.py`` on a free loopback port (or uses ``--url`` and
``--pid`` of a running one), then runs ``--users`` concurrent gradio_client
users, each asking ``--questions`` questions in turn (the gold questions,
cycled) through the named ``ask`` endpoint. Reports errors (goal 0), latency
p50/p95/p99, time from start to the first answer, and the server's RSS before
and after (goal: no growth beyond noise). Bounded: a deadline (``--timeout``)
stops it. Not part of the CI suite.

    python -m qa.bench.loadtest --users 50 --questions 20          # 1,000 questions
    python -m qa.bench.loadtest --users 1 --questions 30           # latency of each gold question
    python -m qa.bench.loadtest --abuse [--compare]                # flood + 1 MB client + 20 users

``--abuse`` runs the scenario of ``qa.bench.abuse`` (a flood of unread requests, a client
sending 1 MB questions and claims, and ordinary users, each from its own address);
``--compare`` runs it first on an app without the per-client limit (``QA_CLIENT_RATE=0``)
as the baseline, then with the default.
"""
from __future__ import annotations

import argparse
import json
import os
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import numpy as np

from qa.bench import speed as bench_speed
from qa.bench.evaluate import gold_questions
from qa.bench.users import in_turn

ROOT = Path(__file__).resolve().parents[2]
GOLD = (ROOT.parent / "shared" / "eval" / "seed_questions.jsonl", ROOT / "tests" / "seed_extra_questions.jsonl")


def rss_mb(pid: int) -> float | None:
    return bench_speed.rss_mb(pid).get("rss_mb")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_app(index: str | None, **settings: str) -> tuple[subprocess.Popen, str, float]:
    """Start the app on loopback; returns (process, url, seconds until it answered once)."""
    from gradio_client import Client

    port = free_port()
    env = dict(os.environ, GRADIO_SERVER_NAME="127.0.0.1", GRADIO_SERVER_PORT=str(port), GRADIO_ANALYTICS_ENABLED="False")
    if index:
        env["QA_INDEX"] = index
    env.update(settings)
    started = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "app.py"], cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}/"
    while proc.poll() is None and time.perf_counter() - started < 300:
        try:
            Client(url, verbose=False).predict("哪些财政文件获得通过？", api_name="/ask")
            return proc, url, time.perf_counter() - started
        except Exception:
            time.sleep(0.2)
    proc.kill()
    raise RuntimeError("the app did not answer within 300 s")


def _checked(reply: dict) -> dict:
    if "answer" not in reply:
        raise ValueError("no answer in the reply")
    return reply


def run(url: str, pid: int | None, users: int, per_user: int, timeout: float) -> dict:
    from gradio_client import Client

    questions = gold_questions(GOLD) or ["哪些财政文件获得通过？", "Who chaired the meeting?"]
    before = rss_mb(pid) if pid else None
    latencies: list[float] = []
    errors: list[str] = []
    lock = threading.Lock()
    deadline = time.monotonic() + timeout
    barrier = threading.Barrier(users)

    def user(u: int) -> None:
        try:
            client = Client(url, verbose=False)
        except Exception as err:
            with lock:
                errors.append(f"connect: {err}")
            return
        barrier.wait()
        in_turn(u, per_user, questions, deadline, lambda q: _checked(json.loads(client.predict(q, api_name="/ask"))), latencies, errors, lock)

    t0 = time.perf_counter()
    threads = [threading.Thread(target=user, args=(u,)) for u in range(users)]
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    wall = time.perf_counter() - t0
    ms = np.array(latencies) * 1000
    return {
        "users": users,
        "questions_per_user": per_user,
        "answered": len(latencies),
        "errors": len(errors),
        "error_samples": errors[:5],
        "wall_s": round(wall, 1),
        "throughput_qps": round(len(latencies) / wall, 1) if wall else None,
        "latency_ms": {f"p{q}": round(float(np.percentile(ms, q)), 1) for q in (50, 95, 99)} if len(ms) else {},
        "server_rss_mb": {"before": before, "after": rss_mb(pid) if pid else None},
    }


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m qa.bench.loadtest", description=__doc__.split("\n\n")[0])
    p.add_argument("--url", help="a running app (default: start python app.py on a free loopback port)")
    p.add_argument("--pid", type=int, help="the running app's process id, for its RSS")
    p.add_argument("--index", help="QA_INDEX for the app started here")
    p.add_argument("--users", type=int, default=50)
    p.add_argument("--questions", type=int, default=20, help="questions per user")
    p.add_argument("--rounds", type=int, default=1, help="repeat the load this many times (RSS after each)")
    p.add_argument("--timeout", type=float, default=900, help="stop after this many seconds")
    p.add_argument("--abuse", action="store_true", help="the abuse scenario: flood + 1 MB client + --users users asking --questions each")
    p.add_argument("--flood", type=int, default=3000, help="--abuse: unread requests in the flood")
    p.add_argument("--flood-addresses", type=int, default=1, help="--abuse: client addresses the flood comes from")
    p.add_argument("--compare", action="store_true", help="--abuse: first without the per-client limit (the baseline)")
    p.add_argument("--json", action="store_true")
    args = p.parse_args(argv)
    if args.abuse:
        return _abuse(args)
    proc = None
    result: dict = {}
    try:
        if args.url:
            url, pid = args.url, args.pid
        else:
            proc, url, first = start_app(args.index)
            pid = proc.pid
            result["start_to_first_answer_s"] = round(first, 2)
        result["rounds"] = [run(url, pid, args.users, args.questions, args.timeout) for _ in range(args.rounds)]
    finally:
        if proc is not None:
            proc.terminate()
            proc.wait(timeout=30)
    if args.json:
        print(json.dumps(result, ensure_ascii=False, indent=1))
    else:
        if "start_to_first_answer_s" in result:
            print(f"start → first answer: {result['start_to_first_answer_s']} s")
        for i, r in enumerate(result["rounds"], 1):
            lat = r["latency_ms"]
            print(
                f"round {i}: {r['users']} users × {r['questions_per_user']} = {r['answered']} answered, {r['errors']} errors, "
                f"{r['wall_s']} s ({r['throughput_qps']} q/s); latency p50 {lat.get('p50')} / p95 {lat.get('p95')} / p99 {lat.get('p99')} ms; "
                f"server RSS {r['server_rss_mb']['before']} → {r['server_rss_mb']['after']} MB"
            )
            for e in r["error_samples"]:
                print(f"  error: {e}")
    return 0 if all(r["errors"] == 0 for r in result["rounds"]) else 1


def _abuse(args) -> int:
    from qa.bench import abuse

    questions = gold_questions(GOLD) or ["哪些财政文件获得通过？", "Who chaired the meeting?"]
    users = args.users if args.users != 50 else 20
    per_user = args.questions if args.questions != 20 else 5
    runs = [("without the per-client limit (baseline)", {"QA_CLIENT_RATE": "0"})] if args.compare else []
    runs.append(("with the per-client limit (default)", {}))
    results, lines = {}, [abuse.GOALS]
    for label, settings in runs:
        if args.url:
            url, pid, proc = args.url, args.pid, None
        else:
            proc, url, _ = start_app(args.index, **settings)
            pid = proc.pid
        try:
            results[label] = abuse.run(url, pid, questions, args.flood, args.flood_addresses, users, per_user, timeout=args.timeout)
        finally:
            if proc is not None:
                proc.terminate()
                proc.wait(timeout=30)
        lines += abuse.summary(label, results[label])
        if args.url:
            break
    print(json.dumps(results, ensure_ascii=False, indent=1) if args.json else "\n".join(lines))
    return 0 if abuse.passed(results[runs[-1][0]]) else 1


if __name__ == "__main__":
    sys.exit(main())
