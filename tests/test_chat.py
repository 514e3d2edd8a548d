import copy

from qa.answering.answer import Answerer
from qa.index import store
from qa.web.chat import escape_markdown, make_respond


def test_handler_never_mutates_history(tiny_index, hash_embedder):
    respond = make_respond(Answerer(store.load(tiny_index), hash_embedder))
    history = [{"role": "user", "content": "谁主持了会议？"}, {"role": "assistant", "content": "张三"}]
    before = copy.deepcopy(history)
    reply = respond("会议审议通过了哪些文件？", history)
    assert history == before
    assert "> " in reply and "[1]" in reply


def test_markdown_and_html_are_escaped():
    dangerous = '<img src=x onerror="alert(1)"> ![x](http://e/x.png) [link](http://e)'
    escaped = escape_markdown(dangerous)
    assert "<img" not in escaped and "](" not in escaped and "![" not in escaped
