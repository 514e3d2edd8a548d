"""Serving an index that may be rebuilt underneath: a running app picks up a new
index without a restart and never serves a half-written one.

``LiveAnswerer.current()`` is called once per request. At most every
``interval`` seconds it looks at the manifest's inode and mtime (one stat); a
rebuilt index (swapped in atomically by ``qa.store``) has a new manifest. The
new index is then loaded in a background thread while the old one keeps
answering, and swapped in once it has loaded and passed the checks of
``store.load``. An index that fails to load is logged and the old one kept.
"""
from __future__ import annotations

import logging
import os
import threading
import time
from pathlib import Path

from qa.answering.answer import Answerer
from qa.errors import QAError
from qa.index import store
from qa.models.embedding import load_embedder, model_family

log = logging.getLogger(__name__)
DEFAULT_INTERVAL = 5.0


def _signature(folder: Path) -> tuple[int, int] | None:
    try:
        st = os.stat(folder / store.MANIFEST)
    except OSError:
        return None
    return st.st_ino, st.st_mtime_ns


class LiveAnswerer:
    def __init__(self, answerer: Answerer, index_dir: str | Path, interval: float | None = None):
        self.index_dir = Path(index_dir)
        self.interval = float(os.environ.get("QA_RELOAD_SECONDS", DEFAULT_INTERVAL)) if interval is None else interval
        self._answerer = answerer
        self._seen = _signature(self.index_dir)
        self._checked = time.monotonic()
        self._lock = threading.Lock()
        self._loading: threading.Thread | None = None
        self.reloads = 0
        self.reader = answerer.reader  # kept for the indexes reloaded later

    def set_reader(self, reader) -> None:
        """Attach a reader (loaded after start) to the answerer in use and to later ones."""
        self.reader = reader
        self._answerer.reader = reader

    def current(self) -> Answerer:
        """The Answerer to use for one request (starts a reload when the index changed)."""
        if self.interval >= 0 and time.monotonic() - self._checked >= self.interval:
            self.check()
        return self._answerer

    def check(self, wait: bool = False) -> None:
        """Look at the manifest now; with ``wait``, return only after a reload it starts."""
        with self._lock:
            self._checked = time.monotonic()
            signature = _signature(self.index_dir)
            if signature is None or signature == self._seen or self._loading is not None:
                thread = self._loading
            else:
                thread = self._loading = threading.Thread(target=self._reload, args=(signature,), name="index-reload", daemon=True)
                thread.start()
        if wait and thread is not None:
            thread.join()

    def _reload(self, signature) -> None:
        try:
            index = store.load(self.index_dir)
            if _signature(self.index_dir) != signature:
                return  # swapped again while loading: the next check loads the newest
            old = self._answerer
            if index.model_family == model_family(old.embedder.model_id):
                embedder = old.embedder
            else:

                embedder = load_embedder(index.model_id, serving=True)
            fresh = Answerer(index, embedder, self.reader)
            fresh.warm_up()
            self._answerer = fresh
            self.reloads += 1
            log.warning("loaded the rebuilt index at %s (%d documents, %d passages)", self.index_dir, len(index.documents), len(index.passages))
        except QAError as err:
            log.warning("the index at %s changed but cannot be loaded (%s); still serving the previous one", self.index_dir, err)
        finally:
            with self._lock:
                self._seen = signature
                self._loading = None
