"""A page's summary list repeated above the body ("1.会议审议… 2.会议听取…" and then
the same items as the body's paragraphs): kept once, in the body (pure function)."""
from __future__ import annotations

from qa.lexicon import NUMBERED_LINE

HEAD_LINES = 3  # the summary starts within the first lines (after a headline or a date line)
PROBE_CHARS = 12  # an item repeats the body when its first characters start a later line


def drop_repeated_summary(text: str) -> str:
    """``text`` without a run of numbered lines near the top whose items all reappear later
    as the starts of lines; unchanged when there is no such run."""
    lines = text.split("\n")
    heads = [i for i, line in enumerate(lines) if line.strip()][:HEAD_LINES]
    start = next((i for i in heads if NUMBERED_LINE.match(lines[i])), None)
    if start is None:
        return text
    run = start
    while run < len(lines) and (NUMBERED_LINE.match(lines[run]) or not lines[run].strip()):
        run += 1
    items = [NUMBERED_LINE.sub("", line).strip() for line in lines[start:run] if line.strip()]
    # a lone numbered line may be the body's first paragraph, not a summary
    if len(items) < 2 or run >= len(lines):
        return text
    later = [NUMBERED_LINE.sub("", line).strip() for line in lines[run:]]
    if all(any(body.startswith(item[:PROBE_CHARS]) for body in later) for item in items):
        return "\n".join(lines[:start] + lines[run:])
    return text
