"""communiqué QA — the Gradio page. Run: python app.py  (http://127.0.0.1:7860)

Host and port follow Gradio's settings (GRADIO_SERVER_NAME, GRADIO_SERVER_PORT).
The index folder is QA_INDEX (default index/); it is built from QA_DOCS
(default seeds/) on first start, or rebuilt when it was made with another model
(QA_EMBED_MODEL). A rebuilt index is picked up while running (checked every
QA_RELOAD_SECONDS, 5 s). Feedback goes to QA_FEEDBACK_DB (feedback.sqlite3).
QA_START_TIMEOUT (seconds, default 600) bounds loading the model and index.
A missing, damaged or mismatched index is rebuilt at start; with QA_REBUILD=0 the
app refuses to start instead and says how to rebuild it.
"""

import json
import os
import sys
import threading
import time

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

INTRO = (
    "## 公报问答 · communiqué QA\n"
    "只用公报原文作答：每段引文都逐字核对过出处，找不到就直说。点击引文编号 [1] 查看原文。  \n"
    "Answers quote the communiqués verbatim, with a source for every quote; click a marker [1] to open the document."
)


def build_demo(answerer, feedback_path: str | None = None):
    """The page over ``answerer`` (an Answerer or a qa.live.LiveAnswerer)."""
    import gradio as gr

    from qa.chat import EXAMPLES, current, escape_markdown, make_respond, to_markdown, verdict_markdown
    from qa.conversation import chat
    from qa.feedback import FeedbackStore
    from qa.script import convert
    from qa.sources import document_html, documents_table, sources_html
    from qa.terms import key_terms
    from qa.verification import verify

    feedback = FeedbackStore(feedback_path)

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
        sources = sources_html(answer, live.retriever.index.documents, turn)
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
        return row, gr.update(visible=True, value=""), gr.update(visible=True), "谢谢反馈！可以再写几句意见。 · Thanks! Add a comment if you like."

    def on_comment(row: int | None, text: str):
        if row is None or not text.strip():
            return gr.update(), gr.update(), "先点 👍 或 👎，再写意见。 · Rate an answer first, then comment."
        feedback.comment(row, text.strip())
        return gr.update(value="", visible=False), gr.update(visible=False), "谢谢，意见已记录。 · Thank you, noted."

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
        index = current(answerer).retriever.index
        counts = {doc: entry.get("passages", 0) for doc, entry in index.manifest.get("documents", {}).items()}
        return documents_table(index.documents, counts, query or "")

    def open_document(rows, event: gr.SelectData) -> str:
        row = event.row_value if getattr(event, "row_value", None) else None
        doc = current(answerer).retriever.index.documents.get(str(row[0])) if row else None
        return document_html(doc) if doc else ""

    with gr.Blocks(title="communiqué QA · 公报问答") as demo:
        gr.Markdown(INTRO)
        turns = gr.State([])
        feedback_row = gr.State(None)
        with gr.Tab("问答 · Ask"):
            with gr.Row(equal_height=False):
                with gr.Column(scale=3, min_width=300):
                    chatbot = gr.Chatbot(
                        height=520, sanitize_html=True, render_markdown=True, label="对话 · Chat",
                        feedback_options=("Like", "Dislike"), elem_id="chat",
                        placeholder="问一个关于公报的问题，例如：哪些财政文件获得通过？<br>Ask about the communiqués, in Chinese or English.",
                    )
                    with gr.Row():
                        box = gr.Textbox(show_label=False, placeholder="输入问题 · Ask a question", scale=5, min_width=200, elem_id="question", max_length=2000)
                        send = gr.Button("发送 · Send", variant="primary", scale=1, min_width=80, elem_id="send")
                    gr.Examples(EXAMPLES + ["哪些財政文件獲得通過？"], inputs=box, label="示例 · Examples")
                    comment = gr.Textbox(label="意见（可选）· Comment (optional)", visible=False, elem_id="comment", max_length=2000)
                    comment_send = gr.Button("提交意见 · Send comment", size="sm", elem_id="comment-send", visible=False)
                    comment_status = gr.Markdown(elem_id="comment-status")
                with gr.Column(scale=2, min_width=280):
                    sources = gr.HTML(sources_html(None, {}), elem_id="sources", js_on_load=None)
            outputs = [chatbot, sources, turns, box]
            box.submit(respond, [box, chatbot, turns], outputs, api_visibility="private")
            send.click(respond, [box, chatbot, turns], outputs, api_visibility="private")
            chatbot.like(on_like, [turns], [feedback_row, comment, comment_send, comment_status], api_visibility="private")
            comment_send.click(on_comment, [feedback_row, comment], [comment, comment_send, comment_status], api_visibility="private")
        with gr.Tab("核实 · Verify"):
            claim = gr.Textbox(label="说法 · Claim", placeholder="例如：会议由常务副市长主持", max_length=2000)
            button = gr.Button("核实 · Verify", variant="primary")
            result = gr.Markdown(sanitize_html=True)
            gr.Examples(["会议由常务副市长主持", "会议原则通过了《盘锦市市本级财政资金管理暂行办法》", "The meeting approved a plan for public resource trading."], inputs=claim)
            button.click(check_page, inputs=claim, outputs=result, api_name="verify_page")
            claim.submit(check_page, inputs=claim, outputs=result, api_visibility="private")
        with gr.Tab("公报 · Documents"):
            query = gr.Textbox(label="筛选 · Filter (标题、日期 · title, date)", elem_id="doc-filter")
            table = gr.Dataframe(value=documents, headers=["id", "标题 · Title", "日期 · Date", "段落 · Passages"], interactive=False, wrap=True, elem_id="doc-table")
            viewer = gr.HTML(elem_id="doc-viewer")
            query.change(documents, query, table, api_visibility="private")
            table.select(open_document, table, viewer, api_visibility="private")
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
            answerer = open_answerer(index_dir, rebuild=rebuild, docs=[docs], progress=True)
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
    from qa.live import LiveAnswerer

    started = time.perf_counter()
    index_dir = os.environ.get("QA_INDEX", "index")
    try:
        answerer = _load(index_dir, os.environ.get("QA_DOCS", "seeds"), float(os.environ.get("QA_START_TIMEOUT", 600)), os.environ.get("QA_REBUILD", "1") != "0")
    except QAError as err:
        print(f"error: {err}", file=sys.stderr, flush=True)
        return EXIT_START_FAILED
    # A rebuilt index (qa build / add / remove) is picked up without a restart.
    demo = build_demo(LiveAnswerer(answerer, index_dir))
    print(f"ready in {time.perf_counter() - started:.1f}s", flush=True)
    demo.queue(default_concurrency_limit=4).launch(css=CSS, js=JS)
    return 0


if __name__ == "__main__":
    code = main()
    sys.stdout.flush()
    os._exit(code)  # a load thread stuck in native code must not keep the process alive
