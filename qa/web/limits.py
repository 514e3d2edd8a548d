"""Bounds in front of the Gradio app (ASGI middleware).

``BodyLimit``: a question or claim is cut to 4,000 characters anyway; a body far larger
than that is refused with 413 before it is read whole, so a client sending megabytes cannot
make the server parse, hold and keep them. File uploads have their own limit (Gradio's
``max_file_size``) and pass through.

``ClientRateLimit``: every POST asks the server for work (joining the queue, an API call);
each client address gets a token bucket (``burst`` requests at once, refilled at
``per_second``), and a POST beyond it is refused with 429 and ``Retry-After`` before it
reaches the queue. One client flooding the server then fills neither the queue nor the
cores, and the others keep being answered; the queue's ``max_size`` stays the bound for
many clients together. The address is the connection's (uvicorn replaces it by
X-Forwarded-For only from a trusted proxy, 127.0.0.1 by default)."""
from __future__ import annotations

import json
import math
import os
import time
from collections import OrderedDict

from qa.wording import PAGE

MAX_BODY_BYTES = int(os.environ.get("QA_MAX_BODY_BYTES", 64 << 10))  # 64 KB: a long question is ~12 KB of JSON
EXEMPT_SUFFIXES = ("/upload",)


class _TooLarge(Exception):
    pass


class BodyLimit:
    def __init__(self, app, limit: int = MAX_BODY_BYTES, exempt: tuple[str, ...] = EXEMPT_SUFFIXES):
        self.app, self.limit, self.exempt = app, limit, exempt

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http" or scope.get("path", "").rstrip("/").endswith(self.exempt):
            return await self.app(scope, receive, send)
        declared = dict(scope.get("headers") or []).get(b"content-length")
        if declared is not None and declared.isdigit() and int(declared) > self.limit:
            return await self._refuse(send)
        received = 0

        async def limited():
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.limit:
                    raise _TooLarge
            return message

        try:
            await self.app(scope, limited, send)
        except _TooLarge:
            await self._refuse(send)

    async def _refuse(self, send) -> None:
        await _respond(send, 413, PAGE["too_large"].format(limit=self.limit))


async def _respond(send, status: int, text: str, headers: tuple = ()) -> None:
    """JSON with the reason in ``detail``: the page's client shows ``detail`` of a refused
    request as its error message."""
    body = json.dumps({"detail": text}, ensure_ascii=False).encode()
    await send({"type": "http.response.start", "status": status,
                "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode()), *headers]})
    await send({"type": "http.response.body", "body": body})


def _rate_setting(text: str) -> tuple[float, float]:
    """``"burst,per_second"`` (``"0"`` = no limit)."""
    parts = [float(p) for p in text.replace(" ", "").split(",") if p]
    if not parts or parts[0] <= 0:
        return 0.0, 0.0
    return parts[0], parts[1] if len(parts) > 1 else 1.0


CLIENT_RATE = _rate_setting(os.environ.get("QA_CLIENT_RATE", "30,1"))  # 30 at once, then one a second
MAX_CLIENTS = 10_000  # buckets kept (least recently seen dropped): memory stays bounded


def take(tokens: float, last: float, now: float, burst: float, per_second: float) -> tuple[bool, float]:
    """A token bucket: whether a request at ``now`` may pass, and the tokens left after it
    (``tokens`` were left at ``last``)."""
    tokens = min(burst, tokens + max(0.0, now - last) * per_second)
    if tokens >= 1.0:
        return True, tokens - 1.0
    return False, tokens


class ClientRateLimit:
    def __init__(self, app, rate: tuple[float, float] = CLIENT_RATE, clock=time.monotonic, max_clients: int = MAX_CLIENTS):
        self.app, (self.burst, self.per_second), self.clock, self.max_clients = app, rate, clock, max_clients
        self.buckets: OrderedDict[str, tuple[float, float]] = OrderedDict()

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http" or scope.get("method") != "POST" or self.burst <= 0 or scope.get("path", "").rstrip("/").endswith(EXEMPT_SUFFIXES):
            return await self.app(scope, receive, send)
        client = (scope.get("client") or ("unknown",))[0]
        now = self.clock()
        tokens, last = self.buckets.pop(client, (self.burst, now))
        allowed, tokens = take(tokens, last, now, self.burst, self.per_second)
        self.buckets[client] = (tokens, now)
        if len(self.buckets) > self.max_clients:
            self.buckets.popitem(last=False)
        if allowed:
            return await self.app(scope, receive, send)
        wait = max(1, math.ceil((1.0 - tokens) / self.per_second))
        await _respond(send, 429, PAGE["busy_client"].format(seconds=wait), ((b"retry-after", str(wait).encode()),))
