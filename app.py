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
@media (max-width: 640px) { .gradio-container { padding: 4px !important; } }
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


def build_demo(answerer, feedback_path: str | None = None, manage_index: str | None = None, uploads: str = "uploads"):
    """The page over ``answerer`` (an Answerer or a qa.live.LiveAnswerer). With
    ``manage_index`` (the index folder; a LiveAnswerer) and QA_ADMIN_PASSWORD set, the
    staff's Manage tab adds to and removes from that index."""
    import gradio as gr

    from qa.answering.conversation import chat
    from qa.answering.verification import verify
    from qa.language.terms import key_terms
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

    def respond(message: str, history: list, turns: list):
        """Streams the answer block by block; the sources panel fills with the first block."""
        message = message if isinstance(message, str) else str(message or "")
        history = list(history or [])
        if not message.strip():
            yield history, gr.update(), turns, ""
            return
        live = current(answerer)
        # Follow-ups are resolved against the questions as asked (kept in ``turns``); the
        # chat window shows them escaped, so a question never renders as HTML or Markdown.
        asked = [{"role": "user", "content": t["question"]} for t in turns]
        answer = chat(live, message, asked)
        turn = len(turns)
        turns = turns + [{"question": message, "answer": answer.to_json()}]
        sources = sources_html(answer, live.documents, turn, link=original_link)
        blocks = to_markdown(answer, turn=turn).split("\n\n")
        history = history + [{"role": "user", "content": escape_markdown(message)}, {"role": "assistant", "content": ""}]
        for i in range(len(blocks)):
            history[-1] = {"role": "assistant", "content": "\n\n".join(blocks[: i + 1])}
            yield history, sources, turns, ""

    def on_like(turns: list, data: gr.LikeData):
        index = data.index[0] if isinstance(data.index, (list, tuple)) else data.index
        turn = int(index) // 2  # user, assistant, user, assistant, …
        if not (0 <= turn < len(turns)) or data.liked not in (True, False):
            return None, gr.update(), gr.update(), ""
        row = feedback.record("up" if data.liked else "down", turns[turn]["question"], turns[turn]["answer"])
        return row, gr.update(visible=True, value=""), gr.update(visible=True), PAGE["rated"]

    def on_comment(row: int | None, text: str):
        if row is None or not text.strip():
            return gr.update(), gr.update(), PAGE["rate_first"]
        feedback.comment(row, text.strip())
        return gr.update(value="", visible=False), gr.update(visible=False), PAGE["comment_thanks"]

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

    def check_page(claim: str) -> str:
        verdict = verify(current(answerer), claim)
        terms = list(key_terms(convert(claim, "zh-Hans"))) if claim else []
        shown = [convert(t, s) for t in terms for s in ("zh-Hans", "zh-Hant")]
        return verdict_markdown(verdict, shown)

    def documents(query: str = ""):
        live = current(answerer)
        return documents_table(live.documents, live.passage_counts(), query or "")

    def open_document(rows, event: gr.SelectData) -> str:
        row = event.row_value if getattr(event, "row_value", None) else None
        doc = current(answerer).documents.get(str(row[0])) if row else None
        return document_html(doc) if doc else ""

    with gr.Blocks(title=PAGE["title"]) as demo:
        gr.Markdown(PAGE["intro"])
        turns = gr.State([])
        feedback_row = gr.State(None)
        with gr.Tab(PAGE["tab_ask"]):
            with gr.Row(equal_height=False):
                with gr.Column(scale=3, min_width=300):
                    chatbot = gr.Chatbot(
                        height=520, sanitize_html=True, render_markdown=True, label=PAGE["chat"],
                        feedback_options=("Like", "Dislike"), elem_id="chat",
                        placeholder=PAGE["chat_placeholder"],
                    )
                    with gr.Row():
                        box = gr.Textbox(show_label=False, placeholder=PAGE["question_placeholder"], scale=5, min_width=200, elem_id="question", max_length=MAX_TYPED_CHARS)
                        send = gr.Button(PAGE["send"], variant="primary", scale=1, min_width=80, elem_id="send")
                    gr.Examples(EXAMPLES, inputs=box, label=PAGE["examples"])
                    comment = gr.Textbox(label=PAGE["comment"], visible=False, elem_id="comment", max_length=MAX_TYPED_CHARS)
                    comment_send = gr.Button(PAGE["comment_send"], size="sm", elem_id="comment-send", visible=False)
                    comment_status = gr.Markdown(elem_id="comment-status")
                with gr.Column(scale=2, min_width=280):
                    sources = gr.HTML(sources_html(None, {}), elem_id="sources", js_on_load=None)
            outputs = [chatbot, sources, turns, box]
            box.submit(respond, [box, chatbot, turns], outputs, api_visibility="private")
            send.click(respond, [box, chatbot, turns], outputs, api_visibility="private")
            chatbot.like(on_like, [turns], [feedback_row, comment, comment_send, comment_status], api_visibility="private")
            comment_send.click(on_comment, [feedback_row, comment], [comment, comment_send, comment_status], api_visibility="private")
        with gr.Tab(PAGE["tab_verify"]):
            claim = gr.Textbox(label=PAGE["claim"], placeholder=PAGE["claim_placeholder"], max_length=MAX_TYPED_CHARS)
            button = gr.Button(PAGE["verify"], variant="primary")
            result = gr.Markdown(sanitize_html=True)
            gr.Examples(PAGE["claim_examples"], inputs=claim)
            button.click(check_page, inputs=claim, outputs=result, api_name="verify_page")
            claim.submit(check_page, inputs=claim, outputs=result, api_visibility="private")
        with gr.Tab(PAGE["tab_documents"]):
            query = gr.Textbox(label=PAGE["filter"], elem_id="doc-filter")
            table = gr.Dataframe(value=documents, headers=PAGE["documents_headers"], interactive=False, wrap=True, elem_id="doc-table")
            viewer = gr.HTML(elem_id="doc-viewer")
            query.change(documents, query, table, api_visibility="private")
            table.select(open_document, table, viewer, api_visibility="private")
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
            answerer.warm_up()
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


def main() -> int:
    from qa.web.live import LiveAnswerer

    started = time.perf_counter()
    index_dir = os.environ.get("QA_INDEX", "index")
    try:
        answerer = _load(index_dir, os.environ.get("QA_DOCS", "seeds"), float(os.environ.get("QA_START_TIMEOUT", 600)), os.environ.get("QA_REBUILD", "1") != "0")
    except QAError as err:
        print(f"error: {err}", file=sys.stderr, flush=True)
        return EXIT_START_FAILED
    # A rebuilt index (qa build / add / remove) is picked up without a restart.
    live = LiveAnswerer(answerer, index_dir)
    demo = build_demo(live, manage_index=index_dir, uploads=os.environ.get("QA_UPLOADS", "uploads"))
    print(f"ready in {time.perf_counter() - started:.1f}s", flush=True)
    # The reader loads after start (~2 s), so that loading does not share the cores with
    # it; until then answers come from retrieval and the rules.
    from qa.service import attach_reader_in_background

    attach_reader_in_background(live)
    from qa.web.manage import MAX_UPLOAD_MB, admin_password

    # Files are uploaded only on the Manage tab: without it the upload route takes nothing.
    max_file_size = f"{MAX_UPLOAD_MB}mb" if admin_password() else "1kb"
    uploads = os.environ.get("QA_UPLOADS", "uploads")
    # uploaded originals are served for the sources panel's "原文 · Source" link
    allowed = [uploads] if admin_password() else []
    demo.queue(default_concurrency_limit=4).launch(css=CSS, js=JS, max_file_size=max_file_size, allowed_paths=allowed)
    return 0


if __name__ == "__main__":
    code = main()
    sys.stdout.flush()
    os._exit(code)  # a load thread stuck in native code must not keep the process alive
