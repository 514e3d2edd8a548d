"""Where derived model files are kept between runs (outside the working tree)."""
from __future__ import annotations

import os
from pathlib import Path


def cache_root() -> Path:
    """``$QA_CACHE``, default ``~/.cache/communique-qa``."""
    return Path(os.environ.get("QA_CACHE") or Path.home() / ".cache" / "communique-qa")
