"""Named exceptions raised at the edges of the pipeline; the CLI turns them into messages."""


class DigestError(Exception):
    """Base class: a problem with one input, reported with its file name."""

    def __init__(self, path: str, problem: str):
        super().__init__(f"{path}: {problem}")
        self.path = path
        self.problem = problem


class UnreadableInput(DigestError):
    """The bytes cannot be decoded as text (binary file, unknown encoding)."""


class EmptyReport(DigestError):
    """After cleaning, nothing of a report is left."""


class InputTooLarge(DigestError):
    """The file is larger than any meeting report could be."""


class BadCorrections(DigestError):
    """A <stem>.meta.toml file cannot be parsed or sets an unknown field."""
