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
    env = dict(os.environ, GRADIO_SERVER_PORT=str(port), GRADIO_SERVER_NAME="127.0.0.1", QA_INDEX=str(index), PYTHONPATH=str(ROOT), GRADIO_ANALYTICS_ENABLED="False")
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
    page = client.predict("会议由常务副市长主持", api_name="/verify_page")
    assert "Refuted" in page and "**" in page
