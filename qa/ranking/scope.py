"""The documents a question is about, when it names its meeting: by date, by number
("第21次常务会议") or by the place whose government held it ("盘锦市政府", "the Guilin
city government"). A question about a meeting no document is from cannot be answered
from the others, however close their topic."""
from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from qa.language.extract import chair_names
from qa.language.meeting import (
    asked_chairs,
    asked_ordinals,
    asked_places,
    asked_terms,
    chaired_by,
    meeting_numbers,
    meeting_terms,
)
from qa.lexicon import BODY_LEVEL


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
    (``own_places``). A place asked for keeps the documents whose own place it is and
    those of the level asked that name no place of their own (a page on a county's site
    says only "县政府第四十二次常务会议") chaired by one who chaired such a page; where none
    of them fits the rest of the question, every document whose opening names it and every
    page naming no place of its own; a document naming another place is not it.
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
    # A place asked for: the documents whose own place it is and those naming no place that
    # their chairs chaired, else (where none of them fits the rest of the question) every
    # document naming it and those naming no place of their own.
    places: list[tuple[set[str], set[str]]] = []
    for names, level in asked_places(simplified, lang, is_place, english_place):
        own = bodies() if bodies else {}
        named = {d for d, text in openings.items() if any(name in text for name in names) or _owns(own.get(d), names)}
        # no level said ("the Changchun meeting"): the level of the pages that name the place
        levels = {level} if level else {own[d][0] for d in named if d in own} or {""}
        silent = {d for d in openings if any(_silent(own.get(d), lv) for lv in levels)}
        # the pages whose own government's place it is, and a page naming no place that one of
        # their chairs chaired (an opening may name a place that is not its own: "督察内蒙古自治区")
        owners = {d for d in named if _owns(own.get(d), names)}
        chaired = {n for d in owners for _, n in chair_names(openings[d])}
        places.append((owners | {d for d in silent if any(n in chaired for _, n in chair_names(openings[d]))}, named | silent))
    if not constraints and not places:
        return Scope()
    docs = set.intersection(*constraints, *(first for first, _ in places))
    if not docs and places:
        docs = set.intersection(*constraints, *(either for _, either in places))
    # the body the question names ("区政府第27次常务会议"): of the meetings found, those of its
    # level (a province's 27th meeting is not the district's), where any is
    if lang == "zh" and bodies and (levels := {m.group(1) or m.group(0) for m in BODY_LEVEL.finditer(simplified)}):
        own = bodies()
        of_level = {d for d in docs if own.get(d, ("",))[0] in levels}
        docs = of_level or docs
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
