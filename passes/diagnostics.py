"""MLIR-style diagnostics: ``FILE:LINE:COL: error: message``."""

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


PIPELINE_FILE = "<Pass-Pipeline>"


def pipeline_error(message: str, col: int) -> Diagnostic:
    """An error in the --pass-pipeline string, located like mlir-opt does."""
    return Diagnostic(message, PIPELINE_FILE, 1, col)
