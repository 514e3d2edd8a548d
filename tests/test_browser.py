"""The page in a real browser: Debian's chromium driven by Playwright (integration).

Screenshots go to artifacts/screenshots/. Skipped, with the reason, only where
chromium or Playwright cannot be found (.ci/run installs both)."""
import os
import shutil
import sqlite3
import time

import pytest

from tests.conftest import ROOT, start_app

pytestmark = pytest.mark.integration
CHROMIUM = os.environ.get("QA_CHROMIUM", "/usr/bin/chromium")
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"]
SHOTS = ROOT / "artifacts" / "screenshots"


@pytest.fixture(scope="module")
def app_url(tmp_path_factory, seed_index):
    if not os.path.exists(CHROMIUM):
        pytest.skip(f"no chromium at {CHROMIUM} (apt-get install -y chromium chromium-driver)")
    pytest.importorskip("playwright", reason="playwright not installed (pip install -r requirements.txt)")
    folder = tmp_path_factory.mktemp("web")
    index = folder / "index"
    shutil.copytree(seed_index, index)
    proc, url = start_app(folder, index)
    SHOTS.mkdir(parents=True, exist_ok=True)
    yield url, folder / "feedback.sqlite3"
    proc.terminate()
    proc.wait(timeout=30)


@pytest.fixture(scope="module")
def browser(app_url):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        yield b
        b.close()


def open_page(browser, url, width=1280, height=900):
    page = browser.new_page(viewport={"width": width, "height": height})
    page.goto(url)
    page.wait_for_selector("#question textarea", timeout=60_000)
    return page


def ask(page, question: str, turn: int = 0) -> str:
    """Ask and return the last answer once the stream has finished (unchanged for 0.6 s)."""
    page.fill("#question textarea", question)
    page.click("#send")
    page.wait_for_selector(f"#sources [id^='src-{turn}-'], #sources .empty", timeout=60_000)
    bots = page.locator("#chat .bot, #chat [data-testid='bot']")
    page.wait_for_function(f"document.querySelectorAll('#chat .bot, #chat [data-testid=\\'bot\\']').length >= {turn + 1}", timeout=30_000)
    last, stable, deadline = None, 0, time.time() + 30
    while stable < 4 and time.time() < deadline:
        text = bots.last.inner_text()
        stable = stable + 1 if text == last and text.strip() else 0
        last = text
        page.wait_for_timeout(150)
    return last


def test_fiscal_question_shows_both_titles_and_sources(browser, app_url):
    url, _ = app_url
    page = open_page(browser, url)
    page.screenshot(path=str(SHOTS / "first_visit.png"), full_page=True)
    text = ask(page, "哪些财政文件获得通过？")
    assert "财政事权和支出责任划分改革方案" in text and "财政资金管理暂行办法" in text
    panel = page.locator("#sources")
    assert panel.locator(".qa-source").count() >= 1
    assert "财政资金管理暂行办法" in panel.locator(".qa-source mark").first.inner_text()
    page.screenshot(path=str(SHOTS / "fiscal_answer.png"), full_page=True)
    page.close()


def test_citation_opens_the_document_with_the_quote_in_view(browser, app_url):
    url, _ = app_url
    page = open_page(browser, url)
    ask(page, "谁主持了这次常务会议？")
    page.locator("#chat a[href='#src-0-1']").first.click()
    details = page.locator("#doc-0-1")
    page.wait_for_function("document.getElementById('doc-0-1').open === true", timeout=5_000)
    mark = page.locator("#mark-0-1")
    assert "汤方栋" in mark.inner_text()
    page.wait_for_timeout(300)
    assert mark.is_visible() and page.evaluate(
        "(() => { const r = document.getElementById('mark-0-1').getBoundingClientRect(); return r.top >= 0 && r.bottom <= window.innerHeight; })()"
    ), "the highlighted quote is not scrolled into view"
    assert details.locator("p").count() > 5  # the whole document, not only the quote
    page.screenshot(path=str(SHOTS / "citation_opened.png"))
    page.close()


def test_english_and_traditional_questions(browser, app_url):
    url, _ = app_url
    page = open_page(browser, url)
    text = ask(page, "Which fiscal documents were approved?")
    assert "According to" in text and "[1]" in text
    assert page.locator("#sources h3").inner_text() == "Sources"
    text = ask(page, "哪些財政文件獲得通過？", turn=1)
    assert "財政資金管理暫行辦法" in text
    page.screenshot(path=str(SHOTS / "english_traditional.png"), full_page=True)
    page.close()


def test_dislike_is_stored_with_a_comment(browser, app_url):
    url, db = app_url
    page = open_page(browser, url)
    ask(page, "会议讨论了房价调控吗？")
    page.locator("#chat button[aria-label='Dislike']").last.click()
    page.wait_for_selector("#comment textarea", timeout=10_000)
    page.fill("#comment textarea", "应该说明公报没有提到")
    page.click("#comment-send")
    page.wait_for_function("document.querySelector('#comment-status').innerText.includes('已记录')", timeout=10_000)
    with sqlite3.connect(db) as con:
        rows = con.execute("SELECT verdict, question, comment FROM feedback").fetchall()
    assert ("down", "会议讨论了房价调控吗？", "应该说明公报没有提到") in rows
    page.close()


def test_phone_width_shows_the_answer_without_horizontal_scrolling(browser, app_url):
    url, _ = app_url
    page = open_page(browser, url, width=390, height=844)
    text = ask(page, "哪些财政文件获得通过？")
    assert "财政资金管理暂行办法" in text
    page.locator("#chat").last.scroll_into_view_if_needed()
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1"), "page scrolls horizontally"
    page.screenshot(path=str(SHOTS / "phone.png"), full_page=True)
    page.close()


def test_injected_html_never_runs(browser, app_url):
    url, _ = app_url
    page = open_page(browser, url)
    attacks = [
        '<img src=x onerror="window.__xss=1">',
        "<script>window.__xss=2</script>财政",
        "![x](javascript:window.__xss=3) [点我](javascript:window.__xss=4)",
    ]
    for turn, attack in enumerate(attacks):
        ask(page, attack, turn)
    for link in page.locator("#chat a").all():
        href = link.get_attribute("href") or ""
        assert not href.lower().startswith("javascript"), href
        link.click(no_wait_after=True, timeout=2_000, force=True) if href.startswith("#") else None
    page.wait_for_timeout(500)
    assert page.evaluate("window.__xss === undefined"), "injected code ran"
    assert page.locator("#chat img[src='x'], #sources img").count() == 0
    assert "<img src=x" in page.locator("#chat").inner_text()  # shown as text
    page.screenshot(path=str(SHOTS / "injection.png"), full_page=True)
    page.close()


def test_documents_tab_filters_and_opens(browser, app_url):
    url, _ = app_url
    page = open_page(browser, url)
    page.get_by_role("tab", name="公报 · Documents").click()
    page.wait_for_selector("#doc-table", timeout=10_000)
    assert "常務會議" in page.locator("#doc-table").inner_text()  # the seed's title, as written
    page.fill("#doc-filter textarea, #doc-filter input", "没有这样的标题")
    page.wait_for_timeout(800)
    assert "常務會議" not in page.locator("#doc-table").inner_text()
    page.fill("#doc-filter textarea, #doc-filter input", "常务会议")  # simplified finds the traditional title
    page.wait_for_timeout(800)
    page.locator("#doc-table").get_by_text("常務會議").filter(visible=True).first.click()
    page.wait_for_function("document.querySelector('#doc-viewer').innerText.includes('湯方棟')", timeout=10_000)
    page.screenshot(path=str(SHOTS / "documents.png"), full_page=True)
    page.close()


def _answer_top_in_chat_view(page) -> bool:
    return page.evaluate("""(() => {
      const bots = document.querySelectorAll('#chat .bot, #chat [data-testid="bot"]');
      const last = bots[bots.length - 1];
      let box = last.parentElement;
      while (box && !(box.scrollHeight > box.clientHeight && /(auto|scroll)/.test(getComputedStyle(box).overflowY))) box = box.parentElement;
      const view = (box || document.documentElement).getBoundingClientRect();
      const top = last.getBoundingClientRect().top;
      return top >= view.top - 1 && top < view.bottom - 40;
    })()""")


def test_the_direct_answer_stays_in_view_when_a_long_answer_arrives(browser, app_url):
    url, _ = app_url
    page = open_page(browser, url)
    ask(page, "谁主持了这次常务会议？")
    text = ask(page, "哪些财政文件获得通过？", turn=1)
    page.wait_for_timeout(400)
    assert text.lstrip().startswith("答")
    assert _answer_top_in_chat_view(page), "the answer's first line (答：…) is scrolled out of view"
    page.screenshot(path=str(SHOTS / "answer_start_in_view.png"))
    page.close()


def test_clear_forgets_the_conversation_its_sources_and_comment(browser, app_url):
    url, _ = app_url
    page = open_page(browser, url)
    ask(page, "会议审议通过了哪些文件？")
    page.locator("#chat button[aria-label='Like']").last.click()
    page.wait_for_selector("#comment textarea", timeout=10_000)
    page.locator("#chat button[aria-label='Clear'], #chat button[title='Clear'], #chat button[aria-label*='lear']").first.click()
    page.wait_for_function("!document.querySelector('#sources .qa-source')", timeout=10_000)
    assert not page.locator("#comment textarea").is_visible()
    assert page.locator("#sources .empty").count() == 1
    text = ask(page, "其中哪些与财政有关？", turn=0)  # no previous list: not a follow-up any more
    assert "财政事权和支出责任划分改革方案" not in text or "公共资源交易" in text
    page.close()


def test_on_a_phone_every_tab_is_on_screen_and_send_stays_on_one_line(browser, app_url):
    url, _ = app_url
    page = open_page(browser, url, width=390, height=844)
    for name in ("问答 · Ask", "核实 · Verify", "公报 · Documents"):
        assert page.get_by_role("tab", name=name).is_visible(), name
    send = page.locator("#send").bounding_box()
    assert send["height"] < 60, "the Send button wraps onto two lines"
    ask(page, "哪些财政文件获得通过？")
    sources, examples = page.locator("#sources").bounding_box(), page.get_by_text("示例 · Examples").bounding_box()
    assert sources["y"] < examples["y"], "the sources panel is below the example buttons"
    page.screenshot(path=str(SHOTS / "phone_tabs.png"), full_page=True)
    page.close()


def test_a_converted_quote_shows_the_source_wording_and_labels_follow_the_script(browser, app_url):
    url, _ = app_url
    page = open_page(browser, url)
    ask(page, "会议审议通过了哪些文件？")  # simplified question, traditional source
    written = page.locator("#sources .as-written").first.inner_text()
    assert "審議" in written  # the source's own characters beside the converted quote
    ask(page, "會議審議通過了哪些文件？", turn=1)
    assert page.locator("#sources h3").inner_text() == "出處"
    assert "出處" in page.locator("#chat .bot, #chat [data-testid='bot']").last.inner_text()
    page.close()


def test_the_verify_tab_links_its_evidence_to_the_documents(browser, app_url):
    url, _ = app_url
    page = open_page(browser, url)
    page.get_by_role("tab", name="核实 · Verify").click()
    page.get_by_label("说法 · Claim").fill("会议由常务副市长主持")
    page.get_by_role("button", name="核实 · Verify").click()
    page.wait_for_selector("#verify-sources .qa-source", timeout=30_000)
    verdict = page.locator("#verdict").inner_text()
    assert "Refuted" in verdict and "第1段" in verdict and "¶" not in verdict and "❌" not in verdict
    page.locator("#verdict a[href='#src-v-1']").first.click()
    page.wait_for_function("document.getElementById('doc-v-1').open === true", timeout=5_000)
    page.screenshot(path=str(SHOTS / "verify_panel.png"))
    page.close()


def test_documents_tab_says_when_nothing_matches_and_counts_paragraphs(browser, app_url):
    url, _ = app_url
    page = open_page(browser, url)
    page.get_by_role("tab", name="公报 · Documents").click()
    page.wait_for_selector("#doc-table", timeout=10_000)
    assert "000_33d619ed770093c8" not in page.locator("#doc-table").inner_text()  # no hash id column
    assert "点击一行" in page.locator("#doc-note").inner_text()
    page.fill("#doc-filter textarea, #doc-filter input", "盘锦市融媒体")  # words of the text, not the title
    page.wait_for_timeout(800)
    assert "常務會議" in page.locator("#doc-table").inner_text()
    page.fill("#doc-filter textarea, #doc-filter input", "没有这样的词语")
    page.wait_for_function("document.querySelector('#doc-note').innerText.includes('No document matches')", timeout=10_000)
    page.close()
