"""The chat handler: a plain function of (message, history), no Gradio import.

It never mutates the history it is given. Answers are Markdown: the direct
answer, each quote as a block quote with its citation number, and a sources
list. Text from questions and documents is escaped so it cannot render as
links, images or HTML.
"""
from __future__ import annotations

import re
from collections.abc import Callable

from qa.answering.answer import english_date
from qa.records import Answer
from qa.wording import LABELS, VERDICT_LABELS

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+!|~])")


def escape_markdown(text: str) -> str:
    """Show text literally: HTML brackets become entities, Markdown syntax is backslash-escaped."""
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return _MD_SPECIAL.sub(r"\\\1", text)


def marker(n: int, turn: int | None = None) -> str:
    """A citation marker: bold "[n]", or with ``turn`` a link the page opens in its sources panel."""
    if turn is None:
        return f"**[{n}]**"
    return f"[**\\[{n}\\]**](#src-{turn}-{n})"


def to_markdown(answer: Answer, turn: int | None = None) -> str:
    """Render an Answer for the chat window (``turn``: link the markers to the sources panel)."""
    if answer.abstained or not answer.citations:
        return escape_markdown(answer.text).replace("\n", "  \n")
    labels = labels_for(answer.lang, answer.script)
    lines = []
    if answer.direct and answer.lang == "zh":
        lines.append(f"**{labels['answer']}：** " + escape_markdown("、".join(answer.direct)))
        lines.append("")
    if answer.lead:
        lines.append(escape_markdown(answer.lead))
        lines.append("")
    for c in answer.citations:
        lines.append(f"> {escape_markdown(c.quote)} {marker(c.n, turn)}")
        lines.append("")
    lines.append(f"**{labels['sources']}**")
    lines.append("")
    for c in answer.citations:
        where = labels["paragraph"].format(n=c.paragraph)
        shown = english_date(c.date) if answer.lang == "en" else c.date
        date = f" · {escape_markdown(shown)}" if c.date else ""
        lines.append(f"{c.n}\\. 《{escape_markdown(c.title)}》{date} · {where}")
        lines.append("")
    return "\n".join(lines).rstrip()


def current(answerer):
    """The Answerer for this request: ``answerer`` itself, or a LiveAnswerer's current one."""
    get = getattr(answerer, "current", None)
    return get() if get is not None else answerer


def make_respond(answerer) -> Callable[[str, list], str]:
    """A chat handler over ``answerer`` (an Answerer or a qa.live.LiveAnswerer); follow-ups
    are resolved against the history, which is read, never changed."""
    from qa.answering.conversation import chat

    def respond(message: str, history: list | None = None) -> str:
        return to_markdown(chat(current(answerer), message if isinstance(message, str) else str(message or ""), history))

    return respond


def highlight(text: str, terms: list[str]) -> str:
    """Escape ``text`` for Markdown and make each occurrence of ``terms`` bold."""
    terms = sorted({t for t in terms if t and t in text}, key=len, reverse=True)
    if not terms:
        return escape_markdown(text)
    pattern = re.compile("|".join(re.escape(t) for t in terms))
    out, pos = [], 0
    for m in pattern.finditer(text):
        out.append(escape_markdown(text[pos : m.start()]))
        out.append(f"**{escape_markdown(m.group(0))}**")
        pos = m.end()
    out.append(escape_markdown(text[pos:]))
    return "".join(out)


def labels_for(lang: str, script: str) -> dict[str, str]:
    """Interface words in the answer's language, and for Chinese in its script (出處)."""
    from qa.text.script import convert

    if lang == "en":
        return LABELS["en"]
    return {k: convert(v, script) for k, v in LABELS["zh"].items()}


def verdict_markdown(verdict, terms: list[str] = (), lang: str = "zh", script: str = "zh-Hans", turn: str | None = "v") -> str:
    """A Verdict for the page: the verdict, the reason, and the evidence with the claim's
    terms in bold; markers link to the evidence's documents (``turn``: the panel's key)."""
    icon, label = VERDICT_LABELS.get(verdict.verdict, ("", verdict.verdict))
    labels = labels_for(lang, script)
    lines = [f"### {icon} {label}", "", escape_markdown(verdict.reason), ""]
    for c in verdict.evidence:
        lines.append(f"> {highlight(c.quote, list(terms))} {marker(c.n, turn)}")
        lines.append("")
        date = f" · {escape_markdown(c.date)}" if c.date else ""
        lines.append(f"{c.n}\\. 《{escape_markdown(c.title)}》{date} · {labels['paragraph'].format(n=c.paragraph)}")
        lines.append("")
    return "\n".join(lines).rstrip()
