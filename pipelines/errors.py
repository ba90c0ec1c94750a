"""The error the corpus raises: its message is fit for the user."""


class CorpusError(RuntimeError):
    """The corpus file cannot be opened or written; the message is fit for the user."""
