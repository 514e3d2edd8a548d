"""The documents a question is about, when it names its meeting: by date, by number
("第21次常务会议") or by the place whose government held it ("盘锦市政府", "the Guilin
city government"). A question about a meeting no document is from cannot be answered
from the others, however close their topic."""
from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from qa.language.meeting import asked_ordinals, asked_places, meeting_numbers


@dataclass(frozen=True)
class Scope:
    docs: frozenset[str] | None = None  # the documents of the asked meeting; None: not named
    absent: bool = False  # the question names a meeting no document is from


def scope_of(
    simplified: str,
    lang: str,
    openings: dict[str, str],
    dated: Iterable[str] | None,
    is_place: Callable[[str], bool],
    english_place: Callable[[str], list[str]],
    titled: Iterable[str] = (),
) -> Scope:
    """``openings``: each document's title and opening (simplified), where a communiqué
    names its body, place and meeting number; ``dated``: the documents of the dates the
    question names (None: it names none); ``titled``: the documents quoting a 《title》 the
    question names exactly (none: no constraint, the title may be written differently)."""
    constraints: list[set[str]] = [] if dated is None else [set(dated)] if dated else []
    if titled := set(titled):
        constraints.append(titled)
    for n in asked_ordinals(simplified, lang):
        constraints.append({d for d, text in openings.items() if n in meeting_numbers(text)})
    for names in asked_places(simplified, lang, is_place, english_place):
        constraints.append({d for d, text in openings.items() if any(name in text for name in names)})
    if not constraints:
        return Scope()
    docs = set.intersection(*constraints)
    return Scope(frozenset(docs), absent=not docs)
