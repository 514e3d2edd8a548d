"""Shared fixtures: tiny inline corpora with a fake embedder for fast tests, and the
real default model for the integration tests (marked ``integration``)."""
from __future__ import annotations

import os
import socket
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("QA_SHARED", ROOT.parent / "shared"))
SEED = ROOT / "seeds" / "000_33d619ed770093c8.txt"

TINY_DOCS = {
    "a.txt": "市长张三主持召开市政府第5次常务会议\n3月2日，市委副书记、市长张三主持召开市政府第5次常务会议，审议通过《某市财政资金管理办法》《某市交通规划（草案）》。\n会议强调，要强化预算约束，按照“先有预算、后有支出”的原则安排资金。\n市领导李四、王五参加会议。\n",
    "b.md": "# 某市防汛工作会议\n6月1日，副市长赵六主持召开防汛工作会议。会议要求，各地要加强巡查，确保安全度汛。\n",
}


def shared(*parts: str) -> Path:
    """A path under ../shared, or skip the test with a clear message when it is absent."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"shared data not found at {path} (set QA_SHARED to the shared/ folder)")
    return path


@pytest.fixture
def tiny_docs(tmp_path: Path) -> Path:
    folder = tmp_path / "docs"
    folder.mkdir()
    for name, text in TINY_DOCS.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


@pytest.fixture
def hash_embedder():
    from tests.fakes import HashEmbedder

    return HashEmbedder(64)


@pytest.fixture
def tiny_index(tiny_docs: Path, tmp_path: Path, hash_embedder):
    from qa.index import store
    from qa.index.build import build_index

    index, _ = build_index([tiny_docs], hash_embedder, progress=False)
    folder = store.save(index, tmp_path / "index")
    return folder


@pytest.fixture(scope="session")
def real_embedder():
    from qa.models.embedding import load_embedder

    return load_embedder()


@pytest.fixture(scope="session")
def seed_index(tmp_path_factory, real_embedder) -> Path:
    """The seed index built with the real default model (once per test session)."""
    from qa.index import store
    from qa.index.build import build_index

    index, _ = build_index([ROOT / "seeds"], real_embedder, progress=False)
    return store.save(index, tmp_path_factory.mktemp("seed") / "index")


@pytest.fixture(scope="session")
def real_reader():
    """The bundled reader (the product's default), loaded once."""
    from qa.reader.read import Reader

    return Reader()


@pytest.fixture(scope="session")
def seed_answerer(seed_index, real_embedder, real_reader):
    """The seed answered as the product answers it: retrieval, the reader and the rules."""
    from qa.answering.answer import Answerer
    from qa.index import store

    return Answerer(store.load(seed_index), real_embedder, real_reader)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_app(folder: Path, index: Path, **env: str):
    """``python app.py`` on a free loopback port over ``index`` (its log and feedback in
    ``folder``; ``env`` adds settings, QA_ADMIN_PASSWORD only when given); returns
    (process, url) once the page answers, or fails the test with the log's tail."""
    import os
    import subprocess
    import sys
    import time
    import urllib.request

    import pytest

    port = free_port()
    settings = dict(os.environ, GRADIO_SERVER_PORT=str(port), GRADIO_SERVER_NAME="127.0.0.1", QA_INDEX=str(index),
                    QA_FEEDBACK_DB=str(folder / "feedback.sqlite3"), PYTHONPATH=str(ROOT), GRADIO_ANALYTICS_ENABLED="False")
    settings.pop("QA_ADMIN_PASSWORD", None)
    # one client (the tests) asking far faster than a person: no per-client limit unless a
    # test sets one (test_hardening's server does; test_app's keeps the default)
    settings["QA_CLIENT_RATE"] = "0"
    settings.update(env)
    log = open(folder / "app.log", "w+")
    proc = subprocess.Popen([sys.executable, "app.py"], cwd=ROOT, env=settings, stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}/"
    deadline = time.time() + 180
    while time.time() < deadline and proc.poll() is None:
        try:
            urllib.request.urlopen(url, timeout=2)
            return proc, url
        except OSError:
            time.sleep(0.5)
    proc.kill()
    log.seek(0)
    pytest.fail("app did not start:\n" + log.read()[-3000:])
