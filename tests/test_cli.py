"""The command line as other tools use it: real processes, real default model (integration)."""
import json
import os
import subprocess
import sys

import pytest

from tests.conftest import ROOT

pytestmark = pytest.mark.integration


def run(*args, stdin=None, cwd=ROOT):
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    return subprocess.run([sys.executable, "-m", "qa", *args], input=stdin, capture_output=True, text=True, cwd=cwd, env=env, timeout=300)


def test_ask_json_contract(seed_index):
    result = run("ask", "哪些财政文件获得通过？", "--index", str(seed_index), "--json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert {"question", "answer", "direct", "abstained", "script", "citations"} <= set(data)
    assert data["citations"] and {"doc", "title", "date", "start", "end", "quote", "score"} <= set(data["citations"][0])


def test_ask_batch_from_stdin(seed_index):
    result = run("ask", "-", "--index", str(seed_index), stdin="谁主持了这次常务会议？\n\nWhat is the population of Panjin?\n")
    assert result.returncode == 0, result.stderr
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["abstained"] for r in rows] == [False, True]


def test_build_prints_report_and_writes_index(tmp_path):
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "ok.txt").write_text("标题\n4月1日，会议审议通过了《某办法》。", encoding="utf-8")
    (docs / "bad.txt").write_bytes(b"\x00\x01\x02binary")
    result = run("build", "--docs", str(docs), "--index", str(tmp_path / "idx"))
    assert result.returncode == 3, result.stderr  # built, but a file was skipped
    assert "skipped" in result.stdout and "bad.txt" in result.stdout
    assert (tmp_path / "idx" / "manifest.json").exists()


def test_add_and_remove_report_what_they_did(tmp_path):
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "ok.txt").write_text("标题\n4月1日，会议审议通过了《某办法》。", encoding="utf-8")
    index = str(tmp_path / "idx")
    assert run("build", "--docs", str(docs), "--index", index).returncode == 0
    (tmp_path / "new.txt").write_text("5月6日，会议研究了防汛工作，要求加强巡查。", encoding="utf-8")
    result = run("add", str(tmp_path / "new.txt"), "--index", index, "--json")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["changes"] == {"added": ["new"], "changed": [], "removed": [], "unchanged": 1}
    result = run("remove", "ok", "--index", index)
    assert result.returncode == 0 and "0 added, 0 changed, 1 removed, 1 unchanged" in result.stdout
    result = run("remove", "nope", "--index", index)
    assert result.returncode == 1 and "no document 'nope'" in result.stderr and "Traceback" not in result.stderr
    answer = json.loads(run("ask", "什么时候研究防汛工作？", "--index", index, "--json").stdout)
    assert answer["citations"] and answer["citations"][0]["doc"] == "new"


def test_user_errors_are_one_line_without_traceback(tmp_path):
    result = run("ask", "问题", "--index", str(tmp_path / "none"))
    assert result.returncode == 1
    assert result.stderr.strip().startswith("error: no index") and "Traceback" not in result.stderr
    result = run("build", "--docs", str(tmp_path / "none"), "--index", str(tmp_path / "idx"))
    assert result.returncode == 1 and "Traceback" not in result.stderr and "no readable documents" in result.stderr


def test_eval_prints_the_table(seed_index):
    gold = ROOT.parent / "shared" / "eval" / "seed_questions.jsonl"
    if not gold.exists():
        pytest.skip(f"shared gold not found at {gold}")
    result = run("eval", str(gold), "--index", str(seed_index), "--json")
    assert result.returncode == 0, result.stderr
    summary = json.loads(result.stdout)
    assert summary["overall"]["questions"] == 30 and "latency_ms" in summary


def test_verify_json_contract(seed_index):
    result = run("verify", "会议由常务副市长主持", "--index", str(seed_index), "--json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert set(data) == {"claim", "verdict", "reason", "evidence"} and data["verdict"] == "refuted"
    assert {"doc", "title", "date", "start", "end", "quote", "score"} <= set(data["evidence"][0])
    result = run("verify", "-", "--index", str(seed_index), stdin="会议于4月16日召开\n会议通过了《某某方案》\n")
    assert [json.loads(line)["verdict"] for line in result.stdout.splitlines()] == ["supported", "not_found"]
