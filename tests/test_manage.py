"""The staff's Manage tab in a real browser and through the server's queue: log in,
upload, ask, see the quote and the link; without the password no tab and no endpoint
that acts (integration)."""
import json
import os
import shutil
import time
import uuid

import pytest

from qa.web.manage import check_uploads, password_ok, report_markdown
from tests import format_fixtures as fx
from tests.conftest import start_app
from tests.test_browser import CHROMIUM, FLAGS, SHOTS, ask

PASSWORD = "staff-only-4711"


def test_password_check():
    assert password_ok(PASSWORD, PASSWORD)
    assert not password_ok("", PASSWORD) and not password_ok("x", PASSWORD) and not password_ok("", "")


def test_upload_limits(tmp_path):
    good = tmp_path / "a.pdf"
    good.write_bytes(b"%PDF")
    odd = tmp_path / "a.exe"
    odd.write_bytes(b"MZ")
    assert check_uploads([str(good)]) == []
    assert "a.exe" in check_uploads([str(odd)])[0]
    assert check_uploads([]) and check_uploads([str(good)] * 100)


def test_report_lists_changes_and_reasons():
    report = {"documents": 2, "passages": 9, "changes": {"added": ["water"], "changed": [], "removed": []},
              "skipped": [{"source": "/x/locked.pdf", "kind": "skipped", "reason": "an encrypted PDF (it needs a password)"}],
              "garbled": [], "notes": [{"source": "/x/a.txt", "kind": "undated", "reason": "no year found"}]}
    text = report_markdown(report)
    assert "`water`" in text and "locked.pdf" in text and "encrypted" in text and "no year found" in text


def _serve(folder, seed_index, password: str | None):
    shutil.copytree(seed_index, folder / "index")
    extra = {"QA_ADMIN_PASSWORD": password} if password else {}
    return start_app(folder, folder / "index", QA_UPLOADS=str(folder / "uploads"), QA_RELOAD_SECONDS="1", **extra)


def _call(url: str, api_name: str, data: list) -> dict:
    """Call a handler through the queue as any visitor could (by its index in /config)."""
    import httpx

    config = httpx.get(url + "config").json()
    ids = [d["id"] for d in config["dependencies"] if d.get("api_name") == api_name]
    if not ids:
        return {"success": False, "absent": True}
    session = uuid.uuid4().hex
    httpx.post(url + "gradio_api/queue/join", json={"data": data, "fn_index": ids[0], "session_hash": session}).raise_for_status()
    with httpx.stream("GET", url + f"gradio_api/queue/data?session_hash={session}", timeout=60) as stream:
        for line in stream.iter_lines():
            if line.startswith("data:"):
                msg = json.loads(line[5:])
                if msg.get("msg") == "process_completed":
                    return msg
    return {}


@pytest.fixture(scope="module")
def staff_app(tmp_path_factory, seed_index):
    proc, url = _serve(tmp_path_factory.mktemp("staff"), seed_index, PASSWORD)
    yield url
    proc.terminate()
    proc.wait(timeout=30)


@pytest.mark.integration
def test_the_upload_endpoint_refuses_a_visitor_who_has_not_logged_in(staff_app, tmp_path):
    pdf = tmp_path / "water.pdf"
    pdf.write_bytes(fx.text_pdf())
    reply = _call(staff_app, "manage_add", [None, True])  # a forged "logged in" is ignored: state lives on the server
    assert reply.get("success") is False and "Log in" in reply["output"]["error"]


@pytest.mark.integration
def test_staff_log_in_upload_a_pdf_and_the_answer_quotes_it_with_a_link(staff_app, tmp_path):
    if not os.path.exists(CHROMIUM):
        pytest.skip(f"no chromium at {CHROMIUM} (apt-get install -y chromium chromium-driver)")
    from playwright.sync_api import sync_playwright

    pdf = tmp_path / "water.pdf"
    pdf.write_bytes(fx.text_pdf())
    locked = tmp_path / "locked.pdf"
    locked.write_bytes(fx.encrypted_pdf())
    SHOTS.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        page.goto(staff_app)
        page.get_by_role("tab", name="管理 · Manage").click()
        page.fill("#manage-password input", "wrong")
        page.click("#manage-login")
        page.wait_for_selector("#manage-status:has-text('Wrong password')", timeout=30_000)
        assert not page.locator("#manage-files").is_visible()
        page.fill("#manage-password input", PASSWORD)
        page.click("#manage-login")
        page.wait_for_selector("#manage-files", state="visible", timeout=30_000)
        page.set_input_files("#manage-files input[type=file]", [str(pdf), str(locked)])
        page.wait_for_timeout(1500)  # the upload itself
        page.click("#manage-add")
        page.wait_for_selector("#manage-report:has-text('water')", timeout=120_000)
        page.screenshot(path=str(SHOTS / "manage_uploaded.png"), full_page=True)
        report = page.inner_text("#manage-report")
        assert "Added 1" in report and "locked.pdf" in report and "encrypted" in report  # a bad file is reported, the rest added
        page.get_by_role("tab", name="问答 · Ask").click()
        deadline = time.time() + 30
        answer = ""
        while time.time() < deadline and "城市供水管理办法" not in answer:  # the running app picks the new index up
            page.reload()
            page.wait_for_selector("#question textarea", timeout=60_000)
            answer = ask(page, "第21次常务会议审议通过了哪个办法？")
        assert "盘锦市城市供水管理办法" in answer
        link = page.locator("#sources a.original").first
        assert link.inner_text() == "原文 · Source"
        href = link.get_attribute("href")
        page.screenshot(path=str(SHOTS / "manage_answer_with_link.png"), full_page=True)
        import httpx

        original = httpx.get(staff_app.rstrip("/") + href)
        assert original.status_code == 200 and original.content.startswith(b"%PDF")
        browser.close()


@pytest.mark.integration
def test_without_the_password_there_is_no_manage_tab_and_no_endpoint(tmp_path_factory, seed_index):
    proc, url = _serve(tmp_path_factory.mktemp("public"), seed_index, None)
    try:
        assert _call(url, "manage_add", [None, True]).get("absent")
        import httpx

        config = httpx.get(url + "config").json()
        labels = [c.get("props", {}).get("label") for c in config["components"]]
        assert "管理 · Manage" not in labels and not any(c.get("props", {}).get("elem_id") == "manage-tab" for c in config["components"])
        # and the upload route takes no document-sized file
        r = httpx.post(url + "gradio_api/upload", files={"files": ("x.pdf", fx.text_pdf(), "application/pdf")})
        assert r.status_code >= 400
    finally:
        proc.terminate()
        proc.wait(timeout=30)
