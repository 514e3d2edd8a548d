"""Reading-comprehension examples in SQuAD format (CMRC 2018, DRCD, XQuAD)."""
from __future__ import annotations

import gzip
import json
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Example:
    id: str
    question: str
    context: str
    answers: tuple[tuple[str, int], ...]  # (text, character start in context); empty: no answer
    article: str  # the article (title) the paragraph belongs to


def read_examples(path: str | Path) -> list[Example]:
    """Every question of a SQuAD-format file (``.json`` or ``.json.gz``), with its answers."""
    path = Path(path)
    with (gzip.open(path, "rt", encoding="utf-8") if path.suffix == ".gz" else path.open(encoding="utf-8")) as f:
        data = json.load(f)["data"]
    out = []
    for article in data:
        title = str(article.get("title", ""))
        for para in article["paragraphs"]:
            context = para["context"]
            for qa in para["qas"]:
                answers = tuple((a["text"], int(a["answer_start"])) for a in qa.get("answers", []))
                out.append(Example(str(qa["id"]), qa["question"], context, answers, title))
    return out


def repaired(example: Example) -> Example:
    """The same example with each answer's start moved to where its text really occurs
    (a few published offsets are one character off); answers not found are dropped."""
    fixed = []
    for text, start in example.answers:
        if example.context[start : start + len(text)] == text:
            fixed.append((text, start))
            continue
        near = [i for i in (start - 1, start + 1, start - 2, start + 2) if 0 <= i and example.context[i : i + len(text)] == text]
        found = near[0] if near else example.context.find(text)
        if found >= 0 and text:
            fixed.append((text, found))
    return Example(example.id, example.question, example.context, tuple(fixed), example.article)
