"""The dense side in Milvus, behind the same small interface as ``qa.dense.DenseIndex``
(build, search, vectors, scores_for, size, dim, save, load).

Selected at build time with ``--store``:

- ``milvus-lite:PATH``  — Milvus Lite, an embedded single-file Milvus (PyPI
  ``milvus-lite``); one process at a time may open a file;
- ``milvus://HOST:PORT`` — a Milvus standalone or cluster server.

Everything else (documents, passages, BM25, manifest) stays in the index
folder, where ``vectors.milvus.json`` names the collection. Each build writes
a new collection (``qa_<index>_<time>``) and the folder is swapped atomically
as usual, so a reader never sees a half-filled collection; the collection of
the previous build is kept (a running app may still be reading it until it
reloads) and older ones of the same index are dropped.
"""
from __future__ import annotations

import json
import secrets
import time
from pathlib import Path

import numpy as np

from qa.errors import IndexMismatch, QAError

POINTER = "vectors.milvus.json"
INSERT_BATCH = 2000
GET_BATCH = 1000


class StoreError(QAError):
    pass


def parse(spec: str) -> str:
    """The pymilvus URI of a ``--store`` value."""
    if spec.startswith("milvus-lite:"):
        path = Path(spec[len("milvus-lite:") :]).expanduser()
        if not path.name.endswith(".db"):
            raise StoreError(f"a Milvus Lite file must end in .db, not {path.name!r}")
        return str(path.resolve())
    if spec.startswith("milvus://"):
        return "http://" + spec[len("milvus://") :]
    raise StoreError(f"unknown vector store {spec!r}: use faiss, milvus-lite:PATH.db or milvus://HOST:PORT")


def _first_line(err: Exception) -> str:
    text = str(err).strip()
    return (text.splitlines()[0] if text else type(err).__name__)[:200]


_CLIENTS: dict[str, object] = {}


def client(uri: str):
    """One client per URI and process (Milvus Lite allows one opener of a file)."""
    if uri not in _CLIENTS:
        try:
            from pymilvus import MilvusClient

            _CLIENTS[uri] = MilvusClient(uri)
        except ImportError as err:
            raise StoreError("the Milvus store needs pymilvus and milvus-lite: pip install -r requirements.txt") from err
        except Exception as err:  # connection refused, locked file, …
            raise StoreError(f"cannot open Milvus at {uri}: {_first_line(err)}") from err
    return _CLIENTS[uri]


def new_family() -> str:
    """The name prefix shared by the collections of one index, over its rebuilds."""
    return "qa_" + secrets.token_hex(5) + "_"


class MilvusVectors:
    kind = "milvus"

    def __init__(self, spec: str, collection: str, size: int, dim: int):
        self.spec, self.uri, self.collection = spec, parse(spec), collection
        self._size, self._dim = size, dim
        self.client = client(self.uri)

    @classmethod
    def build(cls, vectors: np.ndarray, spec: str, family: str | None = None) -> "MilvusVectors":
        """A new collection for ``vectors``; ``family``: the prefix of the index it replaces."""
        vectors = np.ascontiguousarray(vectors, dtype=np.float32)
        uri = parse(spec)
        c = client(uri)
        name = (family or new_family()) + str(time.time_ns())
        c.create_collection(name, dimension=int(vectors.shape[1]), metric_type="IP", auto_id=False, id_type="int", consistency_level="Strong")
        for start in range(0, len(vectors), INSERT_BATCH):
            rows = vectors[start : start + INSERT_BATCH]
            c.insert(name, [{"id": start + i, "vector": v.tolist()} for i, v in enumerate(rows)])
        c.flush(name)
        c.load_collection(name)
        return cls(spec, name, len(vectors), int(vectors.shape[1]))

    @property
    def size(self) -> int:
        return self._size

    @property
    def dim(self) -> int:
        return self._dim

    def search(self, query: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
        k = min(k, self.size)
        if k <= 0:
            return np.zeros(0, np.int64), np.zeros(0, np.float32)
        try:
            found = self.client.search(self.collection, data=[np.asarray(query, np.float32).tolist()], limit=k, output_fields=[], search_params={"metric_type": "IP"})[0]
        except Exception as err:
            raise StoreError(f"Milvus search failed ({_first_line(err)})") from err
        return np.array([h["id"] for h in found], dtype=np.int64), np.array([h["distance"] for h in found], dtype=np.float32)

    def vectors(self, ids: np.ndarray) -> np.ndarray:
        ids = [int(i) for i in ids]
        out = np.zeros((len(ids), self.dim), np.float32)
        where = {pid: row for row, pid in enumerate(ids)}
        try:
            for start in range(0, len(ids), GET_BATCH):
                for rec in self.client.get(self.collection, ids=ids[start : start + GET_BATCH], output_fields=["vector"]):
                    out[where[int(rec["id"])]] = rec["vector"]
        except Exception as err:
            raise StoreError(f"Milvus get failed ({_first_line(err)})") from err
        return out

    def scores_for(self, query: np.ndarray, ids: np.ndarray) -> np.ndarray:
        return self.vectors(ids) @ query.astype(np.float32)

    def save(self, folder: Path) -> None:
        (folder / POINTER).write_text(json.dumps({"store": self.spec, "collection": self.collection, "size": self.size, "dim": self.dim}), encoding="utf-8")

    @classmethod
    def load(cls, folder: Path) -> "MilvusVectors":
        info = json.loads((folder / POINTER).read_text(encoding="utf-8"))
        vectors = cls(info["store"], info["collection"], int(info["size"]), int(info["dim"]))
        c = vectors.client
        try:
            if not c.has_collection(vectors.collection):
                raise IndexMismatch(f"the Milvus collection {vectors.collection} of the index at {folder} is gone; rebuild the index")
            c.load_collection(vectors.collection)
            rows = int(c.get_collection_stats(vectors.collection).get("row_count", -1))
        except QAError:
            raise
        except Exception as err:
            raise StoreError(f"cannot open the Milvus collection {vectors.collection} ({_first_line(err)})") from err
        if rows != vectors.size:
            raise IndexMismatch(f"the Milvus collection {vectors.collection} holds {rows} vectors, the index expects {vectors.size}; rebuild it")
        return vectors

    @property
    def family(self) -> str:
        return self.collection.rsplit("_", 1)[0] + "_"

    def drop_older(self, keep: set[str]) -> None:
        """Drop this index's collections other than ``keep`` (and this one)."""
        for name in self.client.list_collections():
            if name.startswith(self.family) and name != self.collection and name not in keep:
                self.client.drop_collection(name)
