"""👍/👎 feedback on answers, kept in SQLite (path: $QA_FEEDBACK_DB, default
feedback.sqlite3), exported as CSV with ``python -m qa feedback export``."""
from __future__ import annotations

import csv
import json
import os
import sqlite3
import threading
import time
from pathlib import Path
from typing import TextIO

DEFAULT_PATH = "feedback.sqlite3"
COLUMNS = ("id", "time", "verdict", "question", "answer", "citations", "comment")
_SCHEMA = """
CREATE TABLE IF NOT EXISTS feedback (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    time TEXT NOT NULL,
    verdict TEXT NOT NULL CHECK (verdict IN ('up', 'down')),
    question TEXT NOT NULL,
    answer TEXT NOT NULL,
    citations TEXT NOT NULL,
    comment TEXT NOT NULL DEFAULT ''
)
"""
MAX_COMMENT = 2000


def configured_path(path: str | Path | None = None) -> Path:
    return Path(path or os.environ.get("QA_FEEDBACK_DB") or DEFAULT_PATH)


class FeedbackStore:
    """One connection a call (SQLite handles concurrent writers with its own locking)."""

    def __init__(self, path: str | Path | None = None):
        self.path = configured_path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._lock = threading.Lock()
        with self._connect() as db:
            db.execute(_SCHEMA)

    def _connect(self) -> sqlite3.Connection:
        return sqlite3.connect(self.path, timeout=10)

    def record(self, verdict: str, question: str, answer: dict, comment: str = "") -> int:
        """Store one judgement of an answer (its CLI JSON); returns the row id."""
        if verdict not in ("up", "down"):
            raise ValueError(f"verdict must be 'up' or 'down', not {verdict!r}")
        row = (
            time.strftime("%Y-%m-%dT%H:%M:%S%z"),
            verdict,
            question,
            answer.get("answer", ""),
            json.dumps(answer.get("citations", []), ensure_ascii=False),
            comment[:MAX_COMMENT],
        )
        with self._lock, self._connect() as db:
            return int(db.execute("INSERT INTO feedback (time, verdict, question, answer, citations, comment) VALUES (?, ?, ?, ?, ?, ?)", row).lastrowid)

    def rerate(self, row_id: int, verdict: str) -> bool:
        """Change a stored judgement (a second 👍/👎 on the same answer replaces the first)."""
        if verdict not in ("up", "down"):
            raise ValueError(f"verdict must be 'up' or 'down', not {verdict!r}")
        with self._lock, self._connect() as db:
            return db.execute("UPDATE feedback SET verdict = ? WHERE id = ?", (verdict, int(row_id))).rowcount == 1

    def comment(self, row_id: int, text: str) -> bool:
        with self._lock, self._connect() as db:
            return db.execute("UPDATE feedback SET comment = ? WHERE id = ?", (text[:MAX_COMMENT], int(row_id))).rowcount == 1

    def rows(self) -> list[tuple]:
        with self._connect() as db:
            return db.execute(f"SELECT {', '.join(COLUMNS)} FROM feedback ORDER BY id").fetchall()


def export_csv(path: str | Path | None, out: TextIO) -> int:
    """Write every row as CSV (header first); returns the number of rows."""
    from qa.errors import QAError

    source = configured_path(path)
    if not source.is_file():
        raise QAError(f"no feedback database at {source}" + (" (it is a folder)" if source.is_dir() else ""))
    try:  # read-only: exporting never writes to (or creates a database in) its input
        with sqlite3.connect(f"file:{source.resolve().as_posix()}?mode=ro", uri=True) as db:
            rows = db.execute(f"SELECT {', '.join(COLUMNS)} FROM feedback ORDER BY id").fetchall()
    except sqlite3.DatabaseError as err:
        raise QAError(f"{source} is not a feedback database ({err})") from None
    writer = csv.writer(out)
    writer.writerow(COLUMNS)
    writer.writerows(rows)
    return len(rows)
