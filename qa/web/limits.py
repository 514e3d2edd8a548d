"""A bound on the size of a request's body, in front of the Gradio app (ASGI middleware).

A question or claim is cut to 4,000 characters anyway; a body far larger than that is
refused with 413 before it is read whole, so a client sending megabytes cannot make the
server parse, hold and keep them. File uploads have their own limit (Gradio's
``max_file_size``) and pass through."""
from __future__ import annotations

import os

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
        body = f"request body over {self.limit} bytes".encode()
        await send({"type": "http.response.start", "status": 413,
                    "headers": [(b"content-type", b"text/plain; charset=utf-8"), (b"content-length", str(len(body)).encode())]})
        await send({"type": "http.response.body", "body": body})
