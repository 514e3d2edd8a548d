"""Follow-up questions in a chat: resolved against the previous turn, history untouched.

The history (Gradio's list of {"role", "content"} messages, or [user, bot] pairs)
is only read. The previous question is answered again (answers are
deterministic and take milliseconds), which gives the documents and the items
in focus without keeping any hidden state:

- "其中哪些与财政有关？" after a list → the items of that list about 财政;
- "它们是什么时候通过的？", "谁参加了这次会议？" → answered from the document(s)
  the previous answer quoted.
"""
from __future__ import annotations

import re

from qa.answering.answer import Answerer, normalize_question
from qa.language.terms import key_terms
from qa.records import Answer
from qa.text.script import language_of, to_simplified

FOLLOW_UP = re.compile(
    r"其中|它们|它的|它|这些|那些|上述|以上|这次|此次|该次|本次|这个会|那次|该会议|他们|他|她"
    r"|\b(?:they|them|those|these|it|its|that meeting|this meeting|the same meeting|of them|which of)\b",
    re.I,
)
SUBSET = re.compile(r"其中|哪些|哪个|哪份|哪几|\bwhich\b", re.I)
MAX_DEPTH = 4


def previous_questions(history: list | None) -> list[str]:
    """User messages in the history, oldest first (messages or [user, bot] pairs)."""
    out: list[str] = []
    for turn in history or []:
        if isinstance(turn, dict):
            if turn.get("role") == "user" and (text := _text(turn.get("content"))):
                out.append(text)
        elif isinstance(turn, (list, tuple)) and turn and isinstance(turn[0], str):
            out.append(turn[0])
    return out


def _text(content) -> str:
    """Message content as text: a string, or Gradio's list of {"type": "text", "text"} parts."""
    if isinstance(content, str):
        return content
    if isinstance(content, list):
        return " ".join(p.get("text", "") for p in content if isinstance(p, dict) and p.get("type") == "text").strip()
    return ""


def is_follow_up(message: str) -> bool:
    return bool(FOLLOW_UP.search(normalize_question(message)))


def topic_groups(message: str) -> list[tuple[str, ...]]:
    """The follow-up's topic words, each with its alternatives (CC-CEDICT translations for English)."""
    text = normalize_question(message)
    if language_of(text) == "en":
        from qa.language.english import expand

        return [candidates for _, candidates, _ in expand(text)]
    return [(t,) for t in key_terms(to_simplified(text))]


def best_matching(items: list[str], groups: list[tuple[str, ...]]) -> list[str]:
    """The items that mention the most topic groups (none when no item mentions any)."""
    if not groups:
        return []
    counts = [sum(any(a in to_simplified(item) for a in alts) for alts in groups) for item in items]
    best = max(counts)
    return [item for item, n in zip(items, counts) if n == best] if best else []


def chat(answerer: Answerer, message: str, history: list | None = None, _depth: int = 0) -> Answer:
    """Answer ``message`` in the context of ``history`` (never modified)."""
    earlier = previous_questions(history)
    if not earlier or not is_follow_up(message) or _depth >= MAX_DEPTH:
        return answerer.answer(message)
    previous = chat(answerer, earlier[-1], [{"role": "user", "content": q} for q in earlier[:-1]], _depth + 1)
    if previous.abstained or not previous.citations:
        return answerer.answer(message)
    if len(previous.direct) > 1 and SUBSET.search(message):
        chosen = best_matching(previous.direct, topic_groups(message))
        if chosen and len(chosen) < len(previous.direct):
            return answerer.narrow(previous, message, chosen)
    focus = {c.doc for c in previous.citations[:1]}
    return answerer.answer(message, docs=focus)
