"""What a visitor or an operator could break, each checked: oversized and malformed input,
lone surrogates, damaged manifests, feedback export on bad paths, repeated ratings, the
calibration cache, a bounded queue, and the endpoints the API shows."""
import json
import os
import subprocess
import sys
import time
import uuid

import pytest
from hypothesis import given
from hypothesis import strategies as st

from qa.answering.answer import Answerer
from qa.answering.question_input import MAX_QUESTION_CHARS, normalize_question
from qa.answering.verification import verify
from qa.errors import IndexMismatch, QAError
from qa.index import store
from tests.conftest import ROOT, free_port, start_app


def test_lone_surrogates_are_dropped_not_fatal(tiny_index, hash_embedder):
    answerer = Answerer(store.load(tiny_index), hash_embedder)
    assert normalize_question("\ud800会议\udfff") == "会议"
    answer = answerer.answer("\ud800会议审议通过了哪些文件？")
    assert answer.text and json.dumps(answer.to_json(), ensure_ascii=False).encode("utf-8")
    verdict = verify(answerer, "会议审议通过了\ud800防汛方案")
    assert json.dumps(verdict.to_json(), ensure_ascii=False).encode("utf-8")


def test_a_huge_question_or_claim_costs_no_more_than_a_long_one(tiny_index, hash_embedder):
    answerer = Answerer(store.load(tiny_index), hash_embedder)
    started = time.perf_counter()
    normalize_question("会" * 1_000_000)
    answer = answerer.answer("会议审议通过了哪些文件？" + "啊" * 1_000_000)
    verdict = verify(answerer, "会议由常务副市长主持" * 100_000)
    assert time.perf_counter() - started < 5
    assert str(MAX_QUESTION_CHARS) in answer.text  # "only the first 500 characters were used"
    assert verdict.verdict == "not_found" and str(MAX_QUESTION_CHARS) in verdict.reason and len(verdict.claim) <= MAX_QUESTION_CHARS


@pytest.mark.parametrize("content", ["[1, 2, 3]", '{"model": null, "schema_version": 1}', '"text"', '{"schema_version": 1, "model": {"id": 5}}'])
def test_a_manifest_of_the_wrong_shape_is_a_clear_error_and_build_replaces_it(tiny_docs, tiny_index, hash_embedder, content):
    from qa.index import update

    (tiny_index / "manifest.json").write_text(content, encoding="utf-8")
    with pytest.raises(IndexMismatch, match="wrong shape"):
        store.load(tiny_index)
    index, _, _ = update.build([tiny_docs], tiny_index, progress=False, embedder=hash_embedder)
    assert store.load(tiny_index).documents.keys() == index.documents.keys()


def test_feedback_export_refuses_what_is_no_database_and_never_writes_its_input(tmp_path):
    from qa.web.feedback import FeedbackStore, export_csv

    empty = tmp_path / "empty.db"
    empty.write_bytes(b"")
    text = tmp_path / "notes.txt"
    text.write_text("hello", encoding="utf-8")
    for bad, why in [(empty, "not a feedback database"), (text, "not a feedback database"), (tmp_path, "folder"), (tmp_path / "none.db", "no feedback database")]:
        with pytest.raises(QAError, match=why):
            export_csv(bad, open(os.devnull, "w"))
    assert empty.read_bytes() == b""  # not turned into a database
    good = tmp_path / "fb.db"
    store_ = FeedbackStore(good)
    row = store_.record("up", "q", {"answer": "a", "citations": []})
    assert store_.rerate(row, "down") and store_.rows()[0][2] == "down" and len(store_.rows()) == 1
    result = subprocess.run([sys.executable, "-m", "qa", "feedback", "export", "--db", str(good), "--out", str(tmp_path / "missing" / "x.csv")],
                            cwd=ROOT, capture_output=True, text=True, env=dict(os.environ, PYTHONPATH=str(ROOT)))
    assert result.returncode == 1 and "cannot write" in result.stderr and "Traceback" not in result.stderr


def test_background_vectors_are_computed_once_per_model(tmp_path, hash_embedder):
    from qa.models.calibration import background_vectors

    calls = []
    original = hash_embedder.encode_document

    def counting(texts):
        calls.append(len(texts))
        return original(texts)

    hash_embedder.encode_document = counting
    first = background_vectors(hash_embedder, cache=tmp_path)
    second = background_vectors(hash_embedder, cache=tmp_path)
    assert len(calls) == 1 and (first == second).all()


@pytest.fixture(scope="module")
def small_queue_app(tmp_path_factory, seed_index):
    import shutil

    folder = tmp_path_factory.mktemp("queue")
    shutil.copytree(seed_index, folder / "index")
    proc, url = start_app(folder, folder / "index", QA_QUEUE_SIZE="8", QA_CLIENT_RATE="5,1")
    yield url
    proc.terminate()
    proc.wait(timeout=30)


@pytest.mark.integration
def test_the_api_shows_the_three_named_endpoints_and_the_chat_takes_no_client_history(small_queue_app):
    import httpx
    from gradio_client import Client

    client = Client(small_queue_app, verbose=False)
    assert set(client.view_api(return_format="dict")["named_endpoints"]) == {"/chat", "/ask", "/verify"}
    config = httpx.get(small_queue_app + "config").json()
    types = {c["id"]: c["type"] for c in config["components"]}
    chat_events = [d for d in config["dependencies"] if any(types.get(o) == "chatbot" for o in d["outputs"]) and types.get(d["inputs"][0]) == "textbox"]
    assert chat_events and all("chatbot" not in [types[i] for i in d["inputs"]] for d in chat_events)


@pytest.mark.integration
def _from(address: str):
    """An HTTP client whose requests come from ``address`` (any 127.x.y.z reaches the
    loopback server): distinct visitors, as the server sees them."""
    import httpx

    return httpx.Client(timeout=10, transport=httpx.HTTPTransport(local_address=address))


def _join(http, url: str, fn_index: int, question: str) -> int:
    return http.post(url + "gradio_api/queue/join", json={"data": [question], "fn_index": fn_index, "session_hash": uuid.uuid4().hex}).status_code


def test_a_flood_of_requests_is_turned_away_and_the_service_keeps_answering(small_queue_app):
    import httpx
    from gradio_client import Client

    config = httpx.get(small_queue_app + "config").json()
    ask = next(d["id"] for d in config["dependencies"] if d.get("api_name") == "ask")
    statuses = []
    for i in range(100):  # a hundred visitors, each joining once and never reading the result
        with _from(f"127.0.1.{i + 1}") as http:
            statuses.append(_join(http, small_queue_app, ask, f"第{i}个问题：哪些财政文件获得通过？"))
    # the queue is bounded (8 waiting, 4 running): however many finish meanwhile, most of a
    # burst is turned away at once; without max_size every request would be taken
    refused = [s for s in statuses if s != 200]
    assert len(refused) >= 30, statuses
    deadline = time.time() + 120
    reply = None
    while time.time() < deadline and reply is None:
        try:
            reply = json.loads(Client(small_queue_app, verbose=False).predict("哪些财政文件获得通过？", api_name="/ask"))
        except Exception:
            time.sleep(2)
    assert reply is not None and not reply["abstained"]


@pytest.mark.integration
def test_one_client_flooding_is_held_back_while_another_is_answered(small_queue_app):
    import httpx

    config = httpx.get(small_queue_app + "config").json()
    ask = next(d["id"] for d in config["dependencies"] if d.get("api_name") == "ask")
    time.sleep(3)  # the queue of the test before drains
    with _from("127.0.2.1") as flooder:
        statuses = [_join(flooder, small_queue_app, ask, f"问题{i}") for i in range(40)]
        limited = flooder.post(small_queue_app + "gradio_api/queue/join", json={"data": ["x"], "fn_index": ask, "session_hash": "s"})
    assert statuses.count(429) >= 30 and statuses.count(200) <= 10, statuses  # 5 at once, one a second
    assert limited.status_code == 429 and int(limited.headers["retry-after"]) >= 1 and "try again" in limited.text
    with _from("127.0.2.2") as visitor:  # someone else is not held back by it
        assert _join(visitor, small_queue_app, ask, "哪些财政文件获得通过？") == 200


def test_the_client_limit_is_a_token_bucket_per_address():
    import asyncio

    from qa.web.limits import ClientRateLimit

    now = [0.0]

    async def app(scope, receive, send):
        await send({"type": "http.response.start", "status": 200, "headers": []})
        await send({"type": "http.response.body", "body": b"ok"})

    limit = ClientRateLimit(app, rate=(3, 0.5), clock=lambda: now[0], max_clients=2)

    def call(client, method="POST", path="/gradio_api/queue/join"):
        sent = []

        async def send(message):
            sent.append(message)

        scope = {"type": "http", "method": method, "path": path, "client": (client, 5000), "headers": []}
        asyncio.run(limit(scope, None, send))
        return sent[0]["status"]

    assert [call("a") for _ in range(5)] == [200, 200, 200, 429, 429]
    assert call("b") == 200 and call("a", method="GET") == 200 and call("a", path="/gradio_api/upload") == 200
    now[0] = 2.0  # one token back after two seconds at 0.5 a second
    assert [call("a"), call("a")] == [200, 429]
    call("c")  # a third client: the least recently seen ("b") is forgotten, memory stays bounded
    assert len(limit.buckets) == 2 and "b" not in limit.buckets


@given(st.lists(st.floats(min_value=0, max_value=5), min_size=1, max_size=60), st.integers(1, 10), st.floats(min_value=0.1, max_value=5))
def test_a_token_bucket_never_lets_more_through_than_its_burst_and_rate(gaps, burst, rate):
    from qa.web.limits import take

    tokens, last, now, passed = float(burst), 0.0, 0.0, 0
    for gap in gaps:
        now += gap
        ok, tokens = take(tokens, last, now, burst, rate)
        last = now
        passed += ok
        assert passed <= burst + now * rate + 1e-9
        assert 0.0 <= tokens <= burst


@pytest.mark.integration
def test_the_app_waits_for_a_build_of_its_index_instead_of_exiting(tmp_path):
    import urllib.request

    from qa.index import update

    index = tmp_path / "index"
    port = free_port()
    env = dict(os.environ, QA_INDEX=str(index), GRADIO_SERVER_PORT=str(port), GRADIO_SERVER_NAME="127.0.0.1", QA_START_TIMEOUT="300",
               QA_FEEDBACK_DB=str(tmp_path / "fb.sqlite3"), PYTHONPATH=str(ROOT), GRADIO_ANALYTICS_ENABLED="False")
    with store.writing(index):  # another build holds the index
        proc = subprocess.Popen([sys.executable, "app.py"], cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        time.sleep(10)
        assert proc.poll() is None, proc.communicate()[0][-2000:]
    try:
        update.build([ROOT / "seeds"], index, progress=False)  # the other build, writing
        deadline = time.time() + 180
        while time.time() < deadline:
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=2)
                break
            except OSError:
                assert proc.poll() is None, proc.communicate()[0][-2000:]
                time.sleep(1)
        else:
            pytest.fail("the app did not come up after the build")
    finally:
        proc.terminate()
        out = proc.communicate(timeout=30)[0]
    assert "waiting for it to finish" in out


def test_a_request_body_over_the_limit_is_refused_before_it_is_read_whole():
    import asyncio

    from qa.web.limits import BodyLimit

    seen = []

    async def app(scope, receive, send):  # reads the whole body, as a JSON route would
        while True:
            message = await receive()
            seen.append(len(message.get("body", b"")))
            if not message.get("more_body"):
                break
        await send({"type": "http.response.start", "status": 200, "headers": []})
        await send({"type": "http.response.body", "body": b"ok"})

    def call(chunks, headers=()):
        sent, queue = [], list(chunks)

        async def receive():
            body = queue.pop(0)
            return {"type": "http.request", "body": body, "more_body": bool(queue)}

        async def send(message):
            sent.append(message)

        scope = {"type": "http", "path": "/gradio_api/queue/join", "headers": list(headers)}
        asyncio.run(BodyLimit(app, limit=1000)(scope, receive, send))
        return sent[0]["status"]

    assert call([b"x" * 500]) == 200
    assert call([b"x" * 600] * 10) == 413 and sum(seen[-2:]) <= 1200  # stopped after the limit, not after 6,000 bytes
    assert call([b"x" * 10], headers=[(b"content-length", b"5000000")]) == 413  # refused from its declared length


@pytest.mark.integration
def test_the_server_refuses_a_megabyte_question_at_the_door(small_queue_app):
    import httpx

    config = httpx.get(small_queue_app + "config").json()
    ask = next(d["id"] for d in config["dependencies"] if d.get("api_name") == "ask")
    r = httpx.post(small_queue_app + "gradio_api/queue/join", json={"data": ["啊" * 1_000_000], "fn_index": ask, "session_hash": uuid.uuid4().hex})
    assert r.status_code == 413
