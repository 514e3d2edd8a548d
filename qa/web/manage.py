"""The staff's Manage tab: upload communiqués (web pages, PDF, Word, text, JSONL), see
the build report, remove a document. Off unless QA_ADMIN_PASSWORD is set; every
handler refuses a session that has not logged in (the login is kept in the
server-side session state, which a client cannot set). Uploads go through the
same ``add`` path as the command line: one writer, an atomic swap, and the
running app picks the new index up."""
from __future__ import annotations

import hmac
import os
import shutil
import time
from pathlib import Path

from qa.errors import QAError
from qa.formats import FORMATS

UPLOAD_SUFFIXES = (".txt", ".md", ".jsonl", *FORMATS)
MAX_UPLOAD_FILES = int(os.environ.get("QA_UPLOAD_MAX_FILES", 20))
MAX_UPLOAD_MB = int(os.environ.get("QA_UPLOAD_MAX_MB", 20))
WRONG_PASSWORD_DELAY = 1.0  # seconds: guessing the password stays slow


def admin_password() -> str:
    return os.environ.get("QA_ADMIN_PASSWORD", "")


def password_ok(given: str, expected: str) -> bool:
    return bool(expected) and hmac.compare_digest((given or "").encode(), expected.encode())


def check_uploads(paths: list[str]) -> list[str]:
    """Why these uploads cannot be taken (empty: they can): count, size, format."""
    from qa.wording import PAGE

    if not paths:
        return [PAGE["manage_no_files"]]
    if len(paths) > MAX_UPLOAD_FILES:
        return [PAGE["manage_too_many"].format(n=len(paths), limit=MAX_UPLOAD_FILES)]
    errors = []
    for path in paths:
        name = Path(path).name
        if not name.lower().endswith(UPLOAD_SUFFIXES):
            errors.append(PAGE["manage_bad_format"].format(name=name, formats=" ".join(UPLOAD_SUFFIXES)))
        elif Path(path).stat().st_size > MAX_UPLOAD_MB << 20:
            errors.append(PAGE["manage_too_large"].format(name=name, limit=MAX_UPLOAD_MB))
    return errors


def keep_uploads(paths: list[str], folder: Path) -> list[str]:
    """Copy the uploaded files (Gradio's temporary copies) to ``folder``, where the
    documents' sources point; same names replace the earlier upload."""
    folder.mkdir(parents=True, exist_ok=True)
    kept = []
    for path in paths:
        target = folder / Path(path).name
        shutil.copyfile(path, target)
        kept.append(str(target))
    return kept


def forget_upload(source: str, folder: Path) -> None:
    """Delete a removed document's uploaded original (only ever inside ``folder``)."""
    path = Path(source).resolve()
    if folder.resolve() in path.parents and path.is_file():
        path.unlink()


def report_markdown(report: dict) -> str:
    """The build report for staff: added, changed, removed; skipped with the reason; notes."""
    from qa.wording import PAGE

    changes = report.get("changes", {})
    lines = [PAGE["manage_report"].format(
        added=len(changes.get("added", [])), changed=len(changes.get("changed", [])), removed=len(changes.get("removed", [])),
        documents=report.get("documents", 0), passages=report.get("passages", 0),
    )]
    for label, key in (("manage_added", "added"), ("manage_changed", "changed"), ("manage_removed", "removed")):
        if changes.get(key):
            lines.append(f"- {PAGE[label]}: " + ", ".join(f"`{d}`" for d in changes[key]))
    for p in report.get("skipped", []):
        lines.append(f"- {PAGE['manage_skipped']}: `{Path(p['source']).name}` — {p['reason']}")
    for p in report.get("garbled", []) + report.get("notes", []):
        lines.append(f"- {PAGE['manage_note']}: `{Path(p['source']).name}` — {p['reason']}" + (f" ({p['span']})" if p.get("span") else ""))
    return "\n".join(lines)


def build_manage_tab(gr, live, index_dir: str, uploads_dir: str) -> None:
    """The Manage tab's components and handlers, inside the page's Blocks."""
    from qa.index import update
    from qa.wording import PAGE

    def refuse(authed: bool) -> None:
        if not authed:
            raise gr.Error(PAGE["manage_refused"])

    def choices() -> list[tuple[str, str]]:
        docs = live.current().documents
        return [(f"{d.title or d.id} ({d.id})", d.id) for d in sorted(docs.values(), key=lambda d: d.id)]

    def login(password: str):
        if not password_ok(password, admin_password()):
            time.sleep(WRONG_PASSWORD_DELAY)
            return False, gr.update(visible=True), gr.update(visible=False), PAGE["manage_wrong_password"], gr.update()
        return True, gr.update(visible=False), gr.update(visible=True), "", gr.update(choices=choices(), value=None)

    def upload(files, authed: bool, progress=gr.Progress(track_tqdm=True)):
        refuse(authed)
        paths = [f if isinstance(f, str) else getattr(f, "name", str(f)) for f in files or []]
        if errors := check_uploads(paths):
            return "\n".join(f"- {e}" for e in errors), gr.update()
        progress(0, desc=PAGE["manage_reading"])
        kept = keep_uploads(paths, Path(uploads_dir))
        try:
            _, report = update.add(kept, index_dir, progress=True, embedder=live.current().embedder)
        except QAError as err:
            return f"- {err}", gr.update()
        live.check(wait=True)
        return report_markdown(report), gr.update(choices=choices(), value=None)

    def remove(doc_id: str | None, authed: bool):
        refuse(authed)
        if not doc_id:
            return PAGE["manage_pick"], gr.update()
        doc = live.current().documents.get(doc_id)
        try:
            _, report = update.remove([doc_id], index_dir)
        except QAError as err:
            return f"- {err}", gr.update()
        live.check(wait=True)
        forget_upload(doc.source if doc else "", Path(uploads_dir))
        return report_markdown(report), gr.update(choices=choices(), value=None)

    authed = gr.State(False)
    with gr.Tab(PAGE["tab_manage"], elem_id="manage-tab"):
        with gr.Column(visible=True) as login_box:
            password = gr.Textbox(label=PAGE["manage_password"], type="password", elem_id="manage-password", max_length=200)
            login_button = gr.Button(PAGE["manage_login"], elem_id="manage-login")
        status = gr.Markdown(elem_id="manage-status")
        with gr.Column(visible=False) as panel:
            gr.Markdown(PAGE["manage_limits"].format(files=MAX_UPLOAD_FILES, mb=MAX_UPLOAD_MB, formats=" ".join(UPLOAD_SUFFIXES)))
            files = gr.File(file_count="multiple", file_types=list(UPLOAD_SUFFIXES), label=PAGE["manage_files"], elem_id="manage-files")
            add_button = gr.Button(PAGE["manage_add"], variant="primary", elem_id="manage-add")
            report = gr.Markdown(elem_id="manage-report")
            doc = gr.Dropdown(label=PAGE["manage_document"], choices=[], elem_id="manage-doc")
            remove_button = gr.Button(PAGE["manage_remove"], variant="stop", elem_id="manage-remove")
    login_button.click(login, password, [authed, login_box, panel, status, doc], api_visibility="private")
    password.submit(login, password, [authed, login_box, panel, status, doc], api_visibility="private")
    add_button.click(upload, [files, authed], [report, doc], api_name="manage_add", api_visibility="private")
    remove_button.click(remove, [doc, authed], [report, doc], api_name="manage_remove", api_visibility="private")
