"""communiqué QA — the Gradio chat. Run: python app.py  (http://127.0.0.1:7860)

Host and port follow Gradio's settings (GRADIO_SERVER_NAME, GRADIO_SERVER_PORT).
The index folder is QA_INDEX (default index/); it is built from seeds/ on first
start, or rebuilt when it was made with another model (QA_EMBED_MODEL). A
rebuilt index is picked up while running (checked every QA_RELOAD_SECONDS, 5 s).
"""
from __future__ import annotations

import json
import os
import sys
import time

from qa.errors import QAError


def build_demo(answerer):
    import gradio as gr

    from qa.chat import EXAMPLES, current, make_respond, verdict_markdown
    from qa.script import convert
    from qa.terms import key_terms
    from qa.verification import verify

    respond = make_respond(answerer)

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

    with gr.Blocks(title="communiqué QA · 公报问答") as demo:
        gr.Markdown("## 公报问答 · communiqué QA\n只用公报原文作答：每段引文都逐字核对过出处。 Answers quote the communiqués verbatim, with a source for every quote.")
        with gr.Tab("问答 · Ask"):
            gr.ChatInterface(
                fn=respond,
                chatbot=gr.Chatbot(height=520, sanitize_html=True, render_markdown=True, label="对话 · Chat"),
                examples=EXAMPLES,
                cache_examples=False,
                api_name="chat",
            )
        with gr.Tab("核实 · Verify"):
            claim = gr.Textbox(label="说法 · Claim", placeholder="例如：会议由常务副市长主持")
            button = gr.Button("核实 · Verify", variant="primary")
            result = gr.Markdown(sanitize_html=True)
            gr.Examples(["会议由常务副市长主持", "会议原则通过了《盘锦市市本级财政资金管理暂行办法》", "The meeting approved a plan for public resource trading."], inputs=claim)
            button.click(check_page, inputs=claim, outputs=result, api_name="verify_page")
            claim.submit(check_page, inputs=claim, outputs=result, api_visibility="private")
        gr.api(ask, api_name="ask")
        gr.api(check, api_name="verify")
    return demo


def main() -> int:
    from qa.live import LiveAnswerer
    from qa.service import open_answerer

    started = time.perf_counter()
    index_dir = os.environ.get("QA_INDEX", "index")
    try:
        answerer = open_answerer(index_dir, rebuild=True, docs=[os.environ.get("QA_DOCS", "seeds")], progress=True)
        answerer.warm_up()
    except QAError as err:
        print(f"error: {err}", file=sys.stderr)
        return 1
    # A rebuilt index (qa build / add / remove) is picked up without a restart.
    demo = build_demo(LiveAnswerer(answerer, index_dir))
    print(f"ready in {time.perf_counter() - started:.1f}s", flush=True)
    demo.queue(default_concurrency_limit=4).launch()
    return 0


if __name__ == "__main__":
    sys.exit(main())
