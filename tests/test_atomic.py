"""A build killed with SIGKILL leaves the previous index intact and loadable (integration)."""
import os
import signal
import subprocess
import sys
import time

import pytest

from tests.conftest import ROOT, shared

pytestmark = pytest.mark.integration


def _kill_mid_embedding(command: list[str]) -> None:
    """Run ``python -m qa COMMAND``, wait until embedding has begun, then SIGKILL it."""
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    proc = subprocess.Popen([sys.executable, "-m", "qa", *command], cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    deadline = time.time() + 120
    seen = ""
    while time.time() < deadline and "embed" not in seen:  # tqdm's bar on stderr: embedding has begun
        seen += proc.stderr.read(64) or ""
        if proc.poll() is not None:
            break
    assert proc.poll() is None, f"the command ended before it could be killed: {seen[-500:]}"
    time.sleep(2)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait(timeout=30)


@pytest.mark.parametrize("command", ["build", "add"])
def test_kill_during_an_update_keeps_the_previous_index(command, seed_index, seed_answerer, tmp_path):
    import shutil

    from qa.answering.answer import Answerer
    from qa.index import store

    index = tmp_path / "index"
    shutil.copytree(seed_index, index)
    before = (index / "manifest.json").read_bytes()
    corpus = str(shared("corpora", "state_council_meetings.jsonl"))  # large enough to be killed mid-embedding
    if command == "build":
        _kill_mid_embedding(["build", "--docs", str(ROOT / "seeds"), corpus, "--index", str(index)])
    else:
        _kill_mid_embedding(["add", corpus, "--index", str(index)])
    assert (index / "manifest.json").read_bytes() == before
    loaded = Answerer(store.load(index), seed_answerer.embedder, seed_answerer.reader)
    for question in ["哪些财政文件获得通过？", "Who chaired the meeting?", "会议讨论了房价调控吗？"]:
        assert loaded.answer(question) == seed_answerer.answer(question)
    with store.writing(index):  # the killed writer's lock died with it
        pass
