"""Domain errors. The CLI and the app turn these into one friendly line."""


class QAError(Exception):
    """Base class for errors a user can act on."""


class IndexMissing(QAError):
    pass


class IndexMismatch(QAError):
    """The index was built with another model or schema, or is damaged."""


class ModelLoadError(QAError):
    pass


class NoDocuments(QAError):
    pass


class IndexWriteError(QAError):
    """The index folder cannot be written (read-only, disk full, …)."""


class IndexBusy(QAError):
    """Another build, add or remove is writing the same index."""


class UnknownDocument(QAError):
    pass
