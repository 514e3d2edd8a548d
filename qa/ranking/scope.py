"""The documents a question is about, when it names its meeting: by date, by number
("第21次常务会议") or by the place whose government held it ("盘锦市政府", "the Guilin
city government"). A question about a meeting no document is from cannot be answered
from the others, however close their topic."""
from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from qa.language.meeting import asked_chairs, asked_ordinals, asked_places, asked_terms, chaired_by, meeting_numbers, meeting_terms


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
    bodies: Callable[[], dict[str, tuple[str, frozenset[str]]]] | None = None,
    chairs: Iterable[str] = (),
) -> Scope:
    """``openings``: each document's title and opening (simplified), where a communiqué
    names its body, place and meeting number; ``dated``: the documents of the dates the
    question names (None: it names none); ``titled``: the documents quoting a 《title》 the
    question names exactly (none: no constraint, the title may be written differently);
    ``bodies()``: each document's level of government and the places it names as its own
    (``own_places``). A place asked for keeps the documents whose opening names it and
    those of the level asked that name no place of their own (a page on a county's site
    says only "县政府第四十二次常务会议"); a document naming another place is not it.
    ``chairs``: who chaired the meeting asked about, as found by the caller (an English
    question's pinyin names), beside the "X主持的" of a Chinese one."""
    constraints: list[set[str]] = [] if dated is None else [set(dated)] if dated else []
    if titled := set(titled):
        constraints.append(titled)
    for n in asked_ordinals(simplified, lang):
        constraints.append({d for d, text in openings.items() if n in meeting_numbers(text)})
    for n in asked_terms(simplified, lang):  # "六届二次": the sixth government's, not another term's
        constraints.append({d for d, text in openings.items() if n in meeting_terms(text)})
    for name in asked_chairs(simplified) if lang == "zh" else ():
        constraints.append({d for d, text in openings.items() if chaired_by(text, name)})
    if chairs := list(chairs):  # any of the people named (a pinyin spelling may fit several)
        constraints.append({d for d, text in openings.items() if any(chaired_by(text, name) for name in chairs)})
    for names, level in asked_places(simplified, lang, is_place, english_place):
        own = bodies() if bodies else {}
        named = {d for d, text in openings.items() if any(name in text for name in names) or _owns(own.get(d), names)}
        # no level said ("the Changchun meeting"): the level of the pages that name the place
        levels = {level} if level else {own[d][0] for d in named if d in own} or {""}
        constraints.append(named | {d for d in openings if any(_silent(own.get(d), lv) for lv in levels)})
    if not constraints:
        return Scope()
    docs = set.intersection(*constraints)
    return Scope(frozenset(docs), absent=not docs)


def _owns(body: tuple[str, frozenset[str]] | None, names: tuple[str, ...]) -> bool:
    """Whether the asked place is one a document names as its own where its opening does
    not ("长春" from its 《長春市…》 titles, the opening saying only "市政府第9次常务会议")."""
    return bool(body) and any(name in body[1] for name in names)


def _silent(body: tuple[str, frozenset[str]] | None, level: str) -> bool:
    """Whether a document that names no place of its own may be the asked place's: of the
    level asked, or, where the question gives none ("the Inner Mongolia government"), of
    any local level."""
    if not body or body[1]:
        return False
    return body[0] == level if level else body[0] not in ("", "国务院")
