"""MLIR-style diagnostics: ``FILE:LINE:COL: error: message``.

Shared by the IR bridges (syntax errors) and the passes and driver."""

from __future__ import annotations


class Diagnostic(Exception):
    """A located user-facing error; the driver prints it and exits with 1."""

    def __init__(self, message: str, filename: str = "<stdin>", line: int | None = None,
                 col: int | None = None):
        super().__init__(message)
        self.message = message
        self.filename = filename
        self.line = line
        self.col = col

    def __str__(self) -> str:
        where = self.filename
        if self.line is not None:
            where += f":{self.line}:{self.col or 1}"
        return f"{where}: error: {self.message}"


def write_output(path: str, text: str) -> None:
    """Write ``text`` to ``path``; failure is a Diagnostic naming the file."""
    try:
        with open(path, "w", encoding="utf-8") as f:
            f.write(text)
    except OSError as e:
        raise Diagnostic(f"cannot open output file '{path}': {e.strerror}", path) from None
