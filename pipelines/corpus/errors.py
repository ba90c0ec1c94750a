"""The error the corpus raises: its message is fit for the user."""


class CorpusError(RuntimeError):
    """The corpus file cannot be opened or written; the message is fit for the user."""


class CorpusDamaged(CorpusError):
    """SQLite finds the corpus file damaged; the message names the file and SQLite's verdict."""
