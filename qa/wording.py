"""Every word a user reads, in Chinese and English: answers, labels, reasons, the page.

Chinese strings are written in simplified script; they are converted to the
asker's script where they are shown (``qa.text.script.convert``).
"""
from __future__ import annotations

LABELS = {
    "zh": {
        "not_found": "公报中没有找到能回答这个问题的内容。",
        "nearest": "检索到的最接近的文件是：{titles}。",
        "empty": "请输入一个问题，例如：会议审议通过了哪些文件？",
        "truncated": "（问题过长，只使用了前{n}个字。）",
        "direct": "答：{direct}",
        "answer": "答",
        "sources": "出处",
        "paragraph": "第{n}段",
        "page": "第{n}页",
        "open": "查看全文",
        "close": "收起",
        "none": "回答的出处会显示在这里。 · The sources of an answer are shown here.",
        "original_text": "原文",
    },
    "en": {
        "not_found": "The communiqués do not answer this question.",
        "nearest": "The closest documents found: {titles}.",
        "empty": "Please ask a question, e.g. “Which documents did the meeting approve?”",
        "truncated": "(The question was too long; only its first {n} characters were used.)",
        "direct": "{direct}",
        "answer": "Answer",
        "sources": "Sources",
        "paragraph": "paragraph {n}",
        "page": "page {n}",
        "open": "Open the document",
        "close": "Close",
        "none": "回答的出处会显示在这里。 · The sources of an answer are shown here.",
        "original_text": "As written",
    },
}

UNSUPPORTED = "我只能回答中文（简体或繁体）或英文的问题。 I can answer questions in Chinese (simplified or traditional) or English."
NOTHING_TO_ASK = "请输入一个问题，例如：会议审议通过了哪些文件？ Please ask a question, e.g. “Which documents did the meeting approve?”"

# The English sentence before the Chinese quotes, by the kind of answer asked for.
EN_LEADS = {
    "person": "According to the communiqué [1], it was {x}.",
    "date": "According to the communiqué [1], the date was {x}.",
    "documents": "According to the communiqué [1], the documents are {x}.",
    "count": "According to the communiqué [1], the number is {x}.",
    "amount": "According to the communiqué [1], the amount is {x}.",
    "duration": "According to the communiqué [1], the length of time is {x}.",
    "post": "According to the communiqué [1], the post held is {x}.",
}
EN_LEAD_OTHER = "According to the communiqué [1]: {x}."
EN_LEAD_QUOTES = "The communiqué{source} states (quoted in Chinese, simplified script):"

# Why a claim was judged as it was (qa.answering.verification).
REASONS = {
    "zh": {
        "chair": "公报说会议由{found}主持，而不是{claimed}。",
        "post": "公报中{name}的职务是{found}，而不是{claimed}。",
        "date": "公报说的日期是{found}，而不是{claimed}。",
        "ordinal": "公报说的是{found}，而不是{claimed}。",
        "number": "公报说的是{found}，而不是{claimed}。",
        "opposite": "公报说的是“{found}”，而不是“{claimed}”。",
        "supported": "公报原文与此一致。",
        "missing": "公报中没有提到{what}。",
        "no_meeting": "公报中没有{day}的会议。",
        "not_found": "公报中没有找到能证实或否定这一说法的内容。",
        "too_long": "说法太长（超过{n}个字），请只写一个要核实的说法。",
    },
    "en": {
        "chair": "The communiqué says the meeting was chaired by {found}, not {claimed}.",
        "post": "The communiqué gives {name}'s post as {found}, not {claimed}.",
        "date": "The communiqué gives the date as {found}, not {claimed}.",
        "ordinal": "The communiqué says {found}, not {claimed}.",
        "number": "The communiqué says {found}, not {claimed}.",
        "opposite": "The communiqué says “{found}”, not “{claimed}”.",
        "supported": "The communiqué says so.",
        "missing": "The communiqués do not mention {what}.",
        "no_meeting": "The communiqués have no meeting on {day}.",
        "not_found": "Nothing in the communiqués confirms or contradicts this.",
        "too_long": "The claim is too long (over {n} characters); please state one claim to check.",
    },
}

# Marks every font has (an emoji shows as an empty box where no emoji font is installed).
VERDICT_LABELS = {
    "supported": ("✓", "属实 · Supported"),
    "refuted": ("✗", "与公报不符 · Refuted"),
    "not_found": ("?", "公报未提及 · Not found"),
}

# The web page.
EXAMPLES = [
    "哪些财政文件获得通过？",
    "谁主持了这次常务会议？",
    "會議是哪天召開的？",
    "市政府秘書長是誰？",
    "Which fiscal documents were approved?",
    "Who chaired the meeting?",
    "哪些財政文件獲得通過？",
]
PAGE = {
    "intro": (
        "## 公报问答 · communiqué QA\n"
        "只用公报原文作答：每段引文都逐字核对过出处，找不到就直说。点击引文编号 [1] 查看原文。  \n"
        "Answers quote the communiqués verbatim, with a source for every quote; click a marker [1] to open the document."
    ),
    "title": "公报问答 · communiqué QA",
    "tab_ask": "问答 · Ask",
    "tab_verify": "核实 · Verify",
    "tab_documents": "公报 · Documents",
    "chat": "对话 · Chat",
    "question_placeholder": "输入问题 · Ask a question",
    "send": "发送 · Send",
    "examples": "示例 · Examples",
    "comment": "意见（可选）· Comment (optional)",
    "comment_send": "提交意见 · Send comment",
    "rated": "谢谢反馈！可以再写几句意见。 · Thanks! Add a comment if you like.",
    "rate_first": "先点 👍 或 👎，再写意见。 · Rate an answer first, then comment.",
    "comment_thanks": "谢谢，意见已记录。 · Thank you, noted.",
    "chat_placeholder": "问一个关于公报的问题，例如：哪些财政文件获得通过？<br>Ask about the communiqués, in Chinese or English.",
    "claim_examples": ["会议由常务副市长主持", "会议原则通过了《盘锦市市本级财政资金管理暂行办法》", "The meeting approved a plan for public resource trading."],
    "claim": "说法 · Claim",
    "claim_placeholder": "例如：会议由常务副市长主持",
    "verify": "核实 · Verify",
    "filter": "筛选 · Filter (标题、日期、正文 · title, date, text)",
    "documents_headers": ["标题 · Title", "日期 · Date", "段数 · Paragraphs"],
    "documents_hint": "点击一行查看全文。 · Click a row to open the document.",
    "documents_none": "没有符合“{query}”的公报。 · No document matches “{query}”.",
    "original": "原文 · Source",
    "publisher": "发布 · Publisher",
    "tab_manage": "管理 · Manage",
    "manage_password": "管理密码 · Admin password",
    "manage_login": "登录 · Log in",
    "manage_wrong_password": "密码不对。 · Wrong password.",
    "manage_refused": "请先登录管理页。 · Log in on the Manage tab first.",
    "manage_limits": (
        "上传公报（一次最多 {files} 个文件，每个不超过 {mb} MB；格式：{formats}）。同名文件替换原文档。  \n"
        "Upload communiqués (at most {files} files at once, {mb} MB each; formats: {formats}). A file of the same name replaces its document."
    ),
    "manage_files": "文件 · Files",
    "manage_add": "加入索引 · Add to the index",
    "manage_reading": "读取、嵌入中 · Reading and embedding",
    "manage_document": "文档 · Document",
    "manage_remove": "删除该文档 · Remove this document",
    "manage_pick": "先选一个文档。 · Pick a document first.",
    "manage_no_files": "没有文件。 · No files.",
    "manage_too_many": "一次 {n} 个文件，超过上限 {limit}。 · {n} files, more than {limit} at once.",
    "manage_bad_format": "{name}：不支持的格式（可用：{formats}） · unsupported format",
    "manage_too_large": "{name}：超过 {limit} MB · larger than {limit} MB",
    "manage_report": (
        "**新增 {added} · 更新 {changed} · 删除 {removed}**，索引共 {documents} 篇、{passages} 段。  \n"
        "**Added {added} · changed {changed} · removed {removed}**; the index holds {documents} documents, {passages} passages."
    ),
    "manage_added": "新增 · Added",
    "manage_changed": "更新 · Changed",
    "manage_removed": "删除 · Removed",
    "manage_skipped": "跳过 · Skipped",
    "manage_note": "注意 · Note",
    "busy_client": "请求太频繁，请 {seconds} 秒后再试。 · Too many requests from you; try again in {seconds} s.",
    "too_large": "请求太大（超过 {limit} 字节）。 · The request is too large (over {limit} bytes).",
}
