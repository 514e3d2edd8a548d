"""communiqué QA: answers questions about Chinese government communiqués by quoting them.

    from qa import answer, verify
    answer("哪些财政文件获得通过？")   # uses ./index (built from ./seeds if missing)
    verify("会议由常务副市长主持")       # Verdict: refuted, with the evidence quotes

Heavy libraries (sentence-transformers, FAISS, Gradio) load only when used.
"""
from __future__ import annotations

from qa.records import Answer, Citation, Document, Hit, Passage

__all__ = ["Answer", "Citation", "Document", "Hit", "Passage", "answer", "chat", "get_answerer", "verify"]

_ANSWERER = None


def get_answerer(index_dir: str = "index"):
    """The process-wide Answerer over ``index_dir`` (built from seeds/ if missing)."""
    global _ANSWERER
    if _ANSWERER is None:
        from qa.service import open_answerer

        _ANSWERER = open_answerer(index_dir, rebuild=True)
    return _ANSWERER


def answer(question: str) -> Answer:
    return get_answerer().answer(question)


def verify(claim: str):
    """Check a claim against the communiqués: a Verdict (supported / refuted / not_found)."""
    from qa.answering.verification import verify as check

    return check(get_answerer(), claim)


def chat(message: str, history: list | None = None) -> Answer:
    """Answer ``message`` as a turn of a conversation: follow-ups ("其中哪些与财政有关？")
    are resolved against the previous turns. ``history`` is never modified."""
    from qa.answering.conversation import chat as converse

    return converse(get_answerer(), message, history)
