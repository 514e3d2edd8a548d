"""Multi-turn flows: follow-ups resolved against the previous turn, history untouched."""
import copy

import pytest

from qa.answering.conversation import is_follow_up, previous_questions


def test_history_formats_and_follow_up_detection():
    messages = [{"role": "user", "content": "问一"}, {"role": "assistant", "content": "答"}, {"role": "user", "content": [{"type": "text", "text": "问二"}]}]
    assert previous_questions(messages) == ["问一", "问二"]
    assert previous_questions([["问一", "答"], ["问二", None]]) == ["问一", "问二"]
    assert is_follow_up("其中哪些与财政有关？") and is_follow_up("它们是什么时候通过的？") and is_follow_up("Which of them concern X?")
    assert not is_follow_up("会议审议通过了哪些文件？")


def _talk(answerer, messages):
    from qa.answering.conversation import chat

    history, answers = [], []
    for message in messages:
        before = copy.deepcopy(history)
        answer = chat(answerer, message, history)
        assert history == before  # never mutated
        answers.append(answer)
        history = history + [{"role": "user", "content": message}, {"role": "assistant", "content": answer.text}]
    return answers


@pytest.mark.integration
def test_follow_ups_about_the_same_meeting(seed_answerer):
    listed, fiscal, when, who = _talk(seed_answerer, ["会议审议通过了哪些文件？", "其中哪些与财政有关？", "它们是什么时候通过的？", "谁参加了这次会议？"])
    assert len(listed.direct) == 3
    assert len(fiscal.direct) == 2 and all("财政" in d for d in fiscal.direct)
    assert when.direct == ["4月16日"]
    assert "王庆良" in who.direct and any("崔发林" in d for d in who.direct)


@pytest.mark.integration
def test_english_follow_up_picks_from_the_previous_list(seed_answerer):
    _, subset, when = _talk(seed_answerer, ["Which documents were approved?", "Which of them concern public resources?", "When were they approved?"])
    assert len(subset.direct) == 1 and "公共资源交易" in subset.direct[0]
    assert when.direct == ["16 April (4月16日)"]  # the meeting's day in English, the source's wording beside it


@pytest.mark.integration
def test_a_new_question_is_not_a_follow_up(seed_answerer):
    first, second = _talk(seed_answerer, ["会议审议通过了哪些文件？", "会议讨论了房价调控吗？"])
    assert not first.abstained and second.abstained
