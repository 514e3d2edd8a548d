"""communiqué QA — the Gradio page. Run: python app.py  (http://127.0.0.1:7860)

Host and port follow Gradio's settings (GRADIO_SERVER_NAME, GRADIO_SERVER_PORT).
The index folder is QA_INDEX (default index/); it is built from QA_DOCS
(default seeds/) on first start, or rebuilt when it was made with another model
(QA_EMBED_MODEL). A rebuilt index is picked up while running (checked every
QA_RELOAD_SECONDS, 5 s). Feedback goes to QA_FEEDBACK_DB (feedback.sqlite3).
QA_START_TIMEOUT (seconds, default 600) bounds loading the model and index.
With QA_ADMIN_PASSWORD set, a Manage tab lets staff who log in with it upload
documents (kept in QA_UPLOADS, default uploads/) and remove them.
A missing, damaged or mismatched index is rebuilt at start; with QA_REBUILD=0 the
app refuses to start instead and says how to rebuild it.
"""

import json
import os
import sys
import threading
import time
import urllib.parse

from qa.errors import QAError

CSS = """
.qa-sources h3 { margin: 0 0 .5em 0; }
.qa-source { border: 1px solid var(--border-color-primary); border-radius: 8px; padding: .6em .8em; margin-bottom: .7em; }
.qa-source .head { font-weight: 600; margin-bottom: .3em; overflow-wrap: anywhere; }
.qa-source .para { margin: .3em 0; padding-left: .7em; border-left: 3px solid var(--border-color-accent); overflow-wrap: anywhere; }
.qa-source summary { cursor: pointer; color: var(--link-text-color); margin-top: .3em; }
.qa-source .doc-body { max-height: 24em; overflow-y: auto; overflow-x: hidden; overflow-wrap: anywhere; padding-right: .4em; }
.qa-source .doc-body p { margin: .4em 0; }
mark { background: #ffe58f; color: inherit; padding: 0 .1em; }
#doc-viewer { overflow-wrap: anywhere; }
#send { white-space: nowrap; }
#ask-row { flex-wrap: nowrap !important; }
.qa-source .as-written { margin: .3em 0 .3em .7em; color: var(--body-text-color-subdued); font-size: .92em; overflow-wrap: anywhere; }
.qa-source .provenance { margin: .2em 0; font-size: .92em; }
@media (max-width: 640px) {
  .gradio-container { padding: 4px !important; }
  /* four tabs fit on a phone: none hides behind the overflow menu */
  [role="tab"] { padding: 4px 6px !important; font-size: 13px !important; min-width: 0 !important; }
}
"""

# Citation markers in the chat ("[1]", links to #src-TURN-N) and the "查看全文" summaries open
# the whole document in the sources panel and scroll its highlighted quote into view.
JS = """
() => {
  document.addEventListener('click', (event) => {
    const el = event.target.closest('a[href^="#src-"], summary[data-open]');
    if (!el) return;
    event.preventDefault();
    event.stopPropagation();
    const key = el.tagName === 'A' ? el.getAttribute('href').slice(5) : el.dataset.open;
    const details = document.getElementById('doc-' + key);
    if (!details) return;
    details.open = el.tagName === 'A' ? true : !details.open;
    if (details.open) {
      const mark = document.getElementById('mark-' + key);
      setTimeout(() => (mark || details).scrollIntoView({block: 'center', behavior: 'instant'}), 30);
    }
  }, true);
}
"""
# The page's text boxes take up to this many characters; a question is cut to
# qa.answering.question_input.MAX_QUESTION_CHARS when answered (and the answer says so).
MAX_TYPED_CHARS = 2000
MAX_TURNS = 30  # turns of one conversation kept (and sent back) on the server
SESSION_SECONDS = 3600  # a session's state is dropped an hour after its last use
STREAM_PAUSE = 0.04  # seconds between the answer's blocks, so that streaming is seen
QUEUE_SIZE = int(os.environ.get("QA_QUEUE_SIZE", 64))  # requests waiting beyond it are turned away at once
CONCURRENCY = int(os.environ.get("QA_CONCURRENCY", 2))  # answers worked on at once (one per core; 4 held ~90 MB more under load for no lower latency)
SCROLL_TO_ANSWER = """
() => {
  const bots = document.querySelectorAll('#chat .bot, #chat [data-testid="bot"]');
  const last = bots[bots.length - 1];
  if (!last) return;
  // scroll the chat's own scrolling box (not the page) so the answer's first line is on top
  let box = last.parentElement;
  while (box && !(box.scrollHeight > box.clientHeight && /(auto|scroll)/.test(getComputedStyle(box).overflowY))) box = box.parentElement;
  if (box) box.scrollTop += last.getBoundingClientRect().top - box.getBoundingClientRect().top - 8;
}
"""


def build_demo(answerer, feedback_path: str | None = None, manage_index: str | None = None, uploads: str = "uploads"):
    """The page over ``answerer`` (an Answerer or a qa.live.LiveAnswerer). With
    ``manage_index`` (the index folder; a LiveAnswerer) and QA_ADMIN_PASSWORD set, the
    staff's Manage tab adds to and removes from that index."""
    import gradio as gr

    from qa.answering.conversation import chat
    from qa.answering.question_input import normalize_question
    from qa.answering.verification import verify
    from qa.language.question import analyse
    from qa.language.terms import key_terms
    from qa.records import Answer
    from qa.text.script import convert
    from qa.web.chat import (
        current,
        escape_markdown,
        make_respond,
        to_markdown,
        verdict_markdown,
    )
    from qa.web.feedback import FeedbackStore
    from qa.web.sources_panel import (
        document_html,
        documents_table,
        original_url,
        sources_html,
    )
    from qa.wording import EXAMPLES, PAGE

    feedback = FeedbackStore(feedback_path)
    kept = os.path.realpath(uploads) + os.sep

    def original_link(doc) -> str:
        """The original: its web address, else the uploaded file itself (served from the uploads folder)."""
        url = original_url(doc)
        path = os.path.realpath(doc.source)
        if not url and manage_index and path.startswith(kept) and os.path.isfile(path):
            url = "/gradio_api/file=" + urllib.parse.quote(path)
        return url

    def history_of(turns: list) -> list:
        """The chat window, rebuilt from the server-side turns (a client's history is never
        taken: it could be anything, of any size)."""
        out = []
        for t in turns:
            out += [{"role": "user", "content": escape_markdown(t["question"])}, {"role": "assistant", "content": t["markdown"]}]
        return out

    def respond(message: str, turns: list):
        """Streams the answer block by block (the direct answer first); the sources panel
        fills with the first block."""
        message = (message if isinstance(message, str) else str(message or ""))[:MAX_TYPED_CHARS]
        turns = list(turns or [])[-MAX_TURNS:]
        if not message.strip():
            yield history_of(turns), gr.update(), turns, ""
            return
        live = current(answerer)
        # Follow-ups are resolved against the questions as asked (kept in ``turns``); the
        # chat window shows them escaped, so a question never renders as HTML or Markdown.
        asked = [{"role": "user", "content": t["question"]} for t in turns]
        answer = chat(live, message, asked)
        turn = len(turns)
        markdown = to_markdown(answer, turn=turn)
        turns = turns + [{"question": message, "answer": answer.to_json(), "markdown": markdown}]
        sources = sources_html(answer, live.documents, turn, link=original_link)
        blocks = markdown.split("\n\n")
        history = history_of(turns[:-1]) + [{"role": "user", "content": escape_markdown(message)}, {"role": "assistant", "content": ""}]
        for i in range(len(blocks)):
            history[-1] = {"role": "assistant", "content": "\n\n".join(blocks[: i + 1])}
            yield history, sources, turns, ""
            time.sleep(STREAM_PAUSE)

    def on_like(turns: list, data: gr.LikeData):
        """One judgement per answer: a second 👍/👎 on it replaces the first."""
        index = data.index[0] if isinstance(data.index, (list, tuple)) else data.index
        turn = int(index) // 2  # user, assistant, user, assistant, …
        if not (0 <= turn < len(turns)) or data.liked not in (True, False):
            return None, gr.update(), gr.update(), "", turns
        verdict = "up" if data.liked else "down"
        row = turns[turn].get("row")
        if row is None:
            row = feedback.record(verdict, turns[turn]["question"], turns[turn]["answer"])
            turns = turns[:turn] + [dict(turns[turn], row=row)] + turns[turn + 1 :]
        else:
            feedback.rerate(row, verdict)
        return row, gr.update(visible=True, value=""), gr.update(visible=True), PAGE["rated"], turns

    def on_comment(row: int | None, text: str):
        """One comment per rating: the rating's row is let go once commented."""
        text = (text or "")[:MAX_TYPED_CHARS].strip()
        if row is None or not text:
            return gr.update(), gr.update(), PAGE["rate_first"], row
        feedback.comment(row, text)
        return gr.update(value="", visible=False), gr.update(visible=False), PAGE["comment_thanks"], None

    def on_clear():
        """The trash button: the conversation, its sources and any pending comment go."""
        return [], sources_html(None, {}), None, gr.update(value="", visible=False), gr.update(visible=False), ""

    markdown_reply = make_respond(answerer)

    def chat_api(message: str) -> str:
        """Answer one question as the chat does; returns the answer as Markdown."""
        return markdown_reply(message, None)

    def ask(question: str) -> str:
        """Answer one question; returns the CLI's --json object as a string."""
        return json.dumps(current(answerer).answer(question).to_json(), ensure_ascii=False)

    def check(claim: str) -> str:
        """Check one claim; returns the CLI's verify --json object as a string."""
        return json.dumps(verify(current(answerer), claim).to_json(), ensure_ascii=False)

    def check_page(claim: str):
        """The verdict, and its evidence in a panel like the answers' (markers open the documents)."""
        claim = (claim if isinstance(claim, str) else "")[:MAX_TYPED_CHARS]
        live = current(answerer)
        verdict = verify(live, claim)
        q = analyse(normalize_question(claim)) if claim.strip() else None
        lang, script = (q.lang, q.script) if q else ("zh", "zh-Hans")
        terms = list(key_terms(convert(claim, "zh-Hans"))) if claim else []
        shown = [convert(t, s) for t in terms for s in ("zh-Hans", "zh-Hant")]
        evidence = Answer(question=claim, text="", lang=lang, script=script, citations=verdict.evidence)
        return verdict_markdown(verdict, shown, lang, script), sources_html(evidence, live.documents, "v", link=original_link)

    def documents(query: str = ""):
        """The table (title, date, paragraphs), the ids of its rows, and a line when nothing matches."""
        query = (query or "")[:MAX_TYPED_CHARS]
        rows = documents_table(current(answerer).documents, query)
        note = PAGE["documents_none"].format(query=escape_markdown(query.strip())) if query.strip() and not rows else PAGE["documents_hint"]
        return [r[1:] for r in rows], [r[0] for r in rows], note

    def open_document(ids: list, event: gr.SelectData) -> str:
        index = event.index[0] if isinstance(event.index, (list, tuple)) else event.index
        doc = current(answerer).documents.get(str(ids[index])) if isinstance(index, int) and 0 <= index < len(ids or []) else None
        return document_html(doc) if doc else ""

    with gr.Blocks(title=PAGE["title"]) as demo:
        gr.Markdown(PAGE["intro"])
        turns = gr.State([], time_to_live=SESSION_SECONDS)
        feedback_row = gr.State(None, time_to_live=SESSION_SECONDS)
        # on a phone the tabs wrap onto a second line rather than hide behind "⋯"
        with gr.Tabs(overflow_behavior="wrap"):
            with gr.Tab(PAGE["tab_ask"]):
                with gr.Row(equal_height=False):
                    with gr.Column(scale=3, min_width=300):
                        chatbot = gr.Chatbot(
                            height=520, sanitize_html=True, render_markdown=True, label=PAGE["chat"], show_label=False, autoscroll=False,
                            feedback_options=("Like", "Dislike"), elem_id="chat",
                            placeholder=PAGE["chat_placeholder"],
                        )
                        # right under the rated answers, not below the examples
                        comment = gr.Textbox(label=PAGE["comment"], visible=False, elem_id="comment", max_length=MAX_TYPED_CHARS)
                        comment_send = gr.Button(PAGE["comment_send"], size="sm", elem_id="comment-send", visible=False)
                        comment_status = gr.Markdown(elem_id="comment-status")
                        with gr.Row(elem_id="ask-row"):
                            box = gr.Textbox(show_label=False, placeholder=PAGE["question_placeholder"], scale=5, min_width=160, elem_id="question", max_length=MAX_TYPED_CHARS)
                            send = gr.Button(PAGE["send"], variant="primary", scale=1, min_width=90, elem_id="send")
                    with gr.Column(scale=2, min_width=280):
                        sources = gr.HTML(sources_html(None, {}), elem_id="sources", js_on_load=None)
                # below both columns: on a phone the sources panel comes right after the chat
                gr.Examples(EXAMPLES, inputs=box, label=PAGE["examples"])
                outputs = [chatbot, sources, turns, box]
                for event in (box.submit, send.click):
                    # the answer's start (the direct answer) is scrolled into view, not its end
                    event(respond, [box, turns], outputs, api_visibility="private").then(None, None, None, js=SCROLL_TO_ANSWER)
                chatbot.like(on_like, [turns], [feedback_row, comment, comment_send, comment_status, turns], api_visibility="private")
                comment_send.click(on_comment, [feedback_row, comment], [comment, comment_send, comment_status, feedback_row], api_visibility="private")
                chatbot.clear(on_clear, None, [turns, sources, feedback_row, comment, comment_send, comment_status], api_visibility="private")
            with gr.Tab(PAGE["tab_verify"]):
                claim = gr.Textbox(label=PAGE["claim"], placeholder=PAGE["claim_placeholder"], max_length=MAX_TYPED_CHARS)
                button = gr.Button(PAGE["verify"], variant="primary")
                with gr.Row(equal_height=False):
                    with gr.Column(scale=3, min_width=300):
                        result = gr.Markdown(sanitize_html=True, elem_id="verdict")
                        gr.Examples(PAGE["claim_examples"], inputs=claim)
                    with gr.Column(scale=2, min_width=280):
                        evidence = gr.HTML(elem_id="verify-sources")
                button.click(check_page, inputs=claim, outputs=[result, evidence], api_name="verify_page", api_visibility="private")
                claim.submit(check_page, inputs=claim, outputs=[result, evidence], api_visibility="private")
            with gr.Tab(PAGE["tab_documents"]):
                query = gr.Textbox(label=PAGE["filter"], elem_id="doc-filter")
                doc_note = gr.Markdown(PAGE["documents_hint"], elem_id="doc-note")
                table = gr.Dataframe(headers=PAGE["documents_headers"], interactive=False, wrap=True, elem_id="doc-table", column_widths=["70%", "18%", "12%"])
                doc_ids = gr.State([], time_to_live=SESSION_SECONDS)
                viewer = gr.HTML(elem_id="doc-viewer")
                query.change(documents, query, [table, doc_ids, doc_note], api_visibility="private")
                table.select(open_document, doc_ids, viewer, api_visibility="private")
            demo.load(documents, None, [table, doc_ids, doc_note], api_visibility="private")
            from qa.web.manage import admin_password, build_manage_tab

            if manage_index and admin_password():
                build_manage_tab(gr, answerer, manage_index, uploads)
        gr.api(chat_api, api_name="chat")
        gr.api(ask, api_name="ask")
        gr.api(check, api_name="verify")
    return demo


def _load(index_dir: str, docs: str, timeout: float, rebuild: bool = True):
    """Open (or build) the index and model, bounded by ``timeout`` seconds; a hang or a
    failure is one clear line and exit status 1, never a page that never answers."""
    from qa.service import open_answerer

    result: dict = {}

    def run():
        try:
            answerer = open_answerer(index_dir, rebuild=rebuild, docs=[docs], progress=True, with_reader=False)
            answerer.warm_up(english=False)  # the English dictionary loads after start, with the reader
            result["answerer"] = answerer
        except QAError as err:
            result["error"] = str(err)
        except Exception as err:  # an unexpected failure at start is still one line
            result["error"] = f"{type(err).__name__}: {err}"

    thread = threading.Thread(target=run, name="load", daemon=True)
    thread.start()
    thread.join(timeout)
    if thread.is_alive():
        raise QAError(f"loading the model and index took more than {timeout:.0f} s (QA_START_TIMEOUT); check the model setting (QA_EMBED_MODEL) and the index at {index_dir}")
    if "error" in result:
        raise QAError(result["error"])
    return result["answerer"]


EXIT_START_FAILED = 1


def _tune_malloc() -> None:
    """glibc gives each thread that allocates its own arena (up to 8 per core) and keeps
    freed memory there, and after a large block is freed it raises the size above which
    blocks are mapped apart: answers worked on at once then leave their tensors' memory
    behind. Two arenas and a fixed 1 MB mapping threshold (large blocks go back to the
    system when freed) keep the RSS under load near its idle size: four threads answering
    the seed gold questions grew it 1,332 → 1,409 MB with glibc's defaults, 1,317 → 1,335
    MB with these. QA_MALLOC_ARENAS=0 keeps glibc's defaults."""
    arenas = int(os.environ.get("QA_MALLOC_ARENAS", 2))
    if arenas <= 0 or not sys.platform.startswith("linux"):
        return
    import ctypes

    try:
        libc = ctypes.CDLL("libc.so.6")
        libc.mallopt(-8, arenas)  # M_ARENA_MAX
        libc.mallopt(-3, 1 << 20)  # M_MMAP_THRESHOLD
    except (OSError, AttributeError):
        pass  # not glibc


def main() -> int:
    from qa.web.live import LiveAnswerer

    _tune_malloc()
    started = time.perf_counter()
    index_dir = os.environ.get("QA_INDEX", "index")
    # Gradio's import (~3 s) overlaps loading the model and index, which wait mostly in
    # native code; the page is built once both are done.
    page_import = threading.Thread(target=lambda: __import__("gradio"), name="import-gradio", daemon=True)
    page_import.start()
    try:
        answerer = _load(index_dir, os.environ.get("QA_DOCS", "seeds"), float(os.environ.get("QA_START_TIMEOUT", 600)), os.environ.get("QA_REBUILD", "1") != "0")
    except QAError as err:
        print(f"error: {err}", file=sys.stderr, flush=True)
        return EXIT_START_FAILED
    # A rebuilt index (qa build / add / remove) is picked up without a restart.
    live = LiveAnswerer(answerer, index_dir)
    demo = build_demo(live, manage_index=index_dir, uploads=os.environ.get("QA_UPLOADS", "uploads"))
    print(f"ready in {time.perf_counter() - started:.1f}s", flush=True)
    # The reader (~2 s) and the English dictionary load after start, so that loading does
    # not share the cores with it; until then answers come from retrieval and the rules
    # (an English question asked in those first seconds waits for the dictionary).
    from qa.service import attach_reader_in_background

    attach_reader_in_background(live)
    from qa.web.manage import MAX_UPLOAD_MB, admin_password

    # Files are uploaded only on the Manage tab: without it the upload route takes nothing.
    max_file_size = f"{MAX_UPLOAD_MB}mb" if admin_password() else "1kb"
    uploads = os.environ.get("QA_UPLOADS", "uploads")
    # uploaded originals are served for the sources panel's "原文 · Source" link
    allowed = [uploads] if admin_password() else []
    from starlette.middleware import Middleware

    from qa.web.limits import BodyLimit, ClientRateLimit

    demo.queue(default_concurrency_limit=CONCURRENCY, max_size=QUEUE_SIZE).launch(
        css=CSS, js=JS, max_file_size=max_file_size, allowed_paths=allowed, app_kwargs={"middleware": [Middleware(ClientRateLimit), Middleware(BodyLimit)]}
    )
    return 0


if __name__ == "__main__":
    code = main()
    sys.stdout.flush()
    os._exit(code)  # a load thread stuck in native code must not keep the process alive
