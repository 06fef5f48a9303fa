"""The two kinds of failure the pipeline distinguishes.

A :class:`PermanentError` means the input itself is unusable: retrying cannot help, so the file
is quarantined with the reason. A :class:`TransientError` means the environment failed (database
or broker away); the work is retried with backoff.
"""

from __future__ import annotations


class PipelineError(Exception):
    """Base of every error the pipeline raises on purpose."""


class PermanentError(PipelineError):
    """Bad input. ``kind`` is a stable machine-readable code, ``file`` names the input."""

    def __init__(self, kind: str, message: str, file: str | None = None) -> None:
        self.kind = kind
        self.message = message
        self.file = file
        super().__init__(self.describe())

    def describe(self) -> str:
        where = f"{self.file}: " if self.file else ""
        return f"{where}{self.message} [{self.kind}]"

    def for_file(self, file: str) -> PermanentError:
        """The same error, naming ``file`` (parsers often do not know the file name)."""
        if self.file:
            return self
        # Not copy.copy: it would call __init__ with the formatted message as the only argument.
        named = type(self).__new__(type(self))
        named.__dict__.update(self.__dict__)
        named.file = file
        named.args = (named.describe(),)
        return named


class UnknownFormatError(PermanentError):
    def __init__(self, message: str = "not a recognised wire format", file: str | None = None):
        super().__init__("unknown_format", message, file)


class MalformedInputError(PermanentError):
    """Syntax errors: broken XML or JSON, truncated files."""

    def __init__(self, message: str, file: str | None = None, kind: str = "malformed") -> None:
        super().__init__(kind, message, file)


class NotNewsItemError(PermanentError):
    """Well-formed input that carries no text story (concept, planning, picture-only items)."""

    def __init__(self, message: str, file: str | None = None) -> None:
        super().__init__("not_news_item", message, file)


class InvalidItemError(PermanentError):
    """Well-formed input lacking what its format requires to use it (e.g. the item id)."""

    def __init__(self, message: str, file: str | None = None) -> None:
        super().__init__("invalid_item", message, file)


class UnsafeInputError(PermanentError):
    """Input that tries entity expansion, external loading, or exceeds size or depth limits."""

    def __init__(self, message: str, file: str | None = None) -> None:
        super().__init__("unsafe_input", message, file)


class EmptyItemError(PermanentError):
    """An item without headline or body text."""

    def __init__(self, message: str = "item has no body text", file: str | None = None):
        super().__init__("no_body", message, file)


class TransientError(PipelineError):
    """The environment failed; the same work may succeed later."""
