"""The Gradio app, really served on 127.0.0.1 and asked through gradio_client (integration)."""
import json
import os
import subprocess
import sys
import time

import pytest

from tests.conftest import ROOT, free_port

pytestmark = pytest.mark.integration


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    port = free_port()
    index = tmp_path_factory.mktemp("app") / "index"  # missing: the app builds it at start
    env = dict(os.environ, QA_RELOAD_SECONDS="1", GRADIO_SERVER_PORT=str(port), GRADIO_SERVER_NAME="127.0.0.1", QA_INDEX=str(index), PYTHONPATH=str(ROOT), GRADIO_ANALYTICS_ENABLED="False")
    log = open(tmp_path_factory.mktemp("log") / "app.log", "w+")
    proc = subprocess.Popen([sys.executable, "app.py"], cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}/"
    from gradio_client import Client

    deadline = time.time() + 180
    client = None
    while time.time() < deadline and proc.poll() is None:
        try:
            client = Client(url, verbose=False)
            break
        except Exception:
            time.sleep(1)
    if client is None:
        proc.kill()
        log.seek(0)
        pytest.fail("app did not start:\n" + log.read()[-3000:])
    yield client, index
    proc.terminate()
    proc.wait(timeout=30)


def test_chat_answers_with_quotes(server):
    client, index = server
    reply = client.predict("哪些财政文件获得通过？", api_name="/chat")
    assert "财政资金管理暂行办法" in reply and "> " in reply and "[1]" in reply
    assert (index / "manifest.json").exists()  # built on first start


def test_named_ask_endpoint_returns_the_cli_json(server):
    client, _ = server
    data = json.loads(client.predict("Who chaired the meeting?", api_name="/ask"))
    assert data["abstained"] is False and any("汤方栋" in d for d in data["direct"])
    data = json.loads(client.predict("What is the population of Panjin?", api_name="/ask"))
    assert data["abstained"] is True and data["citations"] == []


def test_named_verify_endpoint(server):
    client, _ = server
    data = json.loads(client.predict("会议由常务副市长主持", api_name="/verify"))
    assert data["verdict"] == "refuted" and "汤方栋" in data["reason"] and data["evidence"]
    # the page's own handlers are not part of the API: ask, verify and chat are
    assert set(client.view_api(return_format="dict")["named_endpoints"]) == {"/ask", "/verify", "/chat"}


def test_serves_during_an_update_and_picks_up_the_new_index(server, tmp_path):
    """``qa add`` rewrites the index while questions keep coming: every answer is
    whole (from the old index or the new), and the new document is found after."""
    client, index = server
    new = tmp_path / "flood.txt"
    new.write_text("7月3日，市政府召开防汛抗旱工作会议，要求各县区加强堤防巡查，落实转移避险预案。\n", encoding="utf-8")
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    proc = subprocess.Popen([sys.executable, "-m", "qa", "add", str(new), "--index", str(index)], cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    during = []
    while proc.poll() is None:
        during.append(json.loads(client.predict("哪些财政文件获得通过？", api_name="/ask")))
    assert proc.returncode == 0, proc.stdout.read()
    assert during and all(not d["abstained"] and d["citations"] for d in during)
    deadline = time.time() + 60
    found = None
    while time.time() < deadline:
        found = json.loads(client.predict("防汛会议要求加强什么巡查？", api_name="/ask"))
        if found["citations"] and found["citations"][0]["doc"] == "flood":
            break
        time.sleep(1)
    assert found["citations"] and found["citations"][0]["doc"] == "flood", found
    assert not json.loads(client.predict("哪些财政文件获得通过？", api_name="/ask"))["abstained"]


def _start(tmp_path, **extra):
    env = dict(os.environ, QA_INDEX=str(tmp_path / "index"), PYTHONPATH=str(ROOT), GRADIO_ANALYTICS_ENABLED="False", GRADIO_SERVER_PORT=str(free_port()), **extra)
    started = time.time()
    proc = subprocess.run([sys.executable, "app.py"], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    return proc, time.time() - started


def test_a_model_that_fails_to_load_is_a_clear_exit(tmp_path):
    not_a_model = tmp_path / "not-a-model"
    not_a_model.mkdir()
    proc, _ = _start(tmp_path, QA_EMBED_MODEL=str(not_a_model))
    assert proc.returncode == 1
    assert "error: cannot load embedding model" in proc.stderr and "Traceback" not in proc.stderr


def test_a_start_that_takes_too_long_is_a_clear_exit(tmp_path):
    proc, seconds = _start(tmp_path, QA_START_TIMEOUT="1")  # the first build alone takes longer
    assert proc.returncode == 1 and "took more than 1 s" in proc.stderr, proc.stderr[-2000:]
    assert seconds < 30


def test_a_damaged_index_is_refused_or_rebuilt(tmp_path, seed_index):
    import shutil

    shutil.copytree(seed_index, tmp_path / "index")
    vectors = tmp_path / "index" / "vectors.faiss"
    vectors.write_bytes(vectors.read_bytes()[:100])  # truncated
    proc, _ = _start(tmp_path, QA_REBUILD="0", QA_START_TIMEOUT="120")
    assert proc.returncode == 1 and "damaged" in proc.stderr and "rebuild" in proc.stderr and "Traceback" not in proc.stderr
    # by default the app rebuilds it from the documents and serves
    env = dict(os.environ, QA_INDEX=str(tmp_path / "index"), PYTHONPATH=str(ROOT), GRADIO_ANALYTICS_ENABLED="False", GRADIO_SERVER_PORT=str(free_port()))
    app = subprocess.Popen([sys.executable, "app.py"], cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        deadline = time.time() + 120
        lines = []
        while time.time() < deadline:
            line = app.stdout.readline()
            lines.append(line)
            if line.startswith("ready in") or app.poll() is not None:
                break
        assert any(line.startswith("ready in") for line in lines), "".join(lines)[-2000:]
        from qa.index import store

        assert store.load(tmp_path / "index").dense.size > 0
    finally:
        app.terminate()
        app.wait(timeout=30)
