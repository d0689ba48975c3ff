"""MLIR-style diagnostics: ``FILE:LINE:COL: error: message``.

Shared by the IR bridges (syntax errors) and the passes and driver."""

from __future__ import annotations

import os
import stat
import tempfile


class Diagnostic(Exception):
    """A located user-facing error; the driver prints it and exits with 1."""

    def __init__(
        self, message: str, filename: str = "<stdin>", line: int | None = None, col: int | None = None
    ):
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


class OutputFiles:
    """Files a run writes, committed together once every pass has succeeded.

    :meth:`stage` writes the data at once to a temporary file in the target's
    folder (so a full disk or a bad path fails early, before anything is
    replaced); :meth:`commit` renames every staged file over its target
    (``os.replace``, atomic per file); :meth:`discard` removes the temporary
    files.  A target is never left truncated: it holds either its old or its
    complete new contents."""

    def __init__(self):
        self._staged: dict[str, tuple[str, str]] = {}  # target -> (tmp, shown name)
        self._special: dict[str, tuple[bytes, str]] = {}  # device/FIFO -> (data, name)

    def __bool__(self) -> bool:
        return bool(self._staged or self._special)

    def stage(self, path: str, data: str | bytes) -> None:
        payload = data.encode("utf-8") if isinstance(data, str) else data
        if _special(path):  # /dev/null, /dev/stdout, a FIFO: written as is at commit
            self._drop(path)
            self._special[path] = (payload, path)
            return
        target = os.path.realpath(path)
        if os.path.isdir(target):
            raise Diagnostic(f"cannot open output file '{path}': Is a directory", path)
        folder = os.path.dirname(target)
        try:
            fd, tmp = tempfile.mkstemp(prefix="." + os.path.basename(target) + ".", suffix=".tmp", dir=folder)
        except OSError as e:
            raise Diagnostic(f"cannot open output file '{path}': {e.strerror}", path) from None
        try:
            with os.fdopen(fd, "wb") as f:
                f.write(payload)
                f.flush()
            os.chmod(tmp, _mode_for(target))
        except BaseException as e:
            _unlink(tmp)
            if isinstance(e, OSError):
                raise Diagnostic(f"cannot write output file '{path}': {e.strerror or e}", path) from None
            raise
        self._drop(target)
        self._staged[target] = (tmp, path)

    def _drop(self, target: str) -> None:
        old = self._staged.pop(target, None)
        if old is not None:
            _unlink(old[0])
        self._special.pop(target, None)

    def commit(self) -> None:
        try:
            while self._staged:
                target, (tmp, shown) = next(iter(self._staged.items()))
                try:
                    os.replace(tmp, target)
                except OSError as e:
                    raise Diagnostic(
                        f"cannot write output file '{shown}': {e.strerror or e}", shown
                    ) from None
                del self._staged[target]
            for target, (payload, shown) in list(self._special.items()):
                try:
                    with open(target, "wb") as f:
                        f.write(payload)
                except OSError as e:
                    raise Diagnostic(
                        f"cannot write output file '{shown}': {e.strerror or e}", shown
                    ) from None
                del self._special[target]
        finally:
            self.discard()

    def discard(self) -> None:
        for tmp, _ in self._staged.values():
            _unlink(tmp)
        self._staged.clear()
        self._special.clear()


def _special(path: str) -> bool:
    """An existing path that is neither a regular file nor a folder: a device,
    FIFO or socket (never replaced by a rename)."""
    try:
        mode = os.stat(path).st_mode
    except OSError:
        return False
    return not (stat.S_ISREG(mode) or stat.S_ISDIR(mode))


def _unlink(path: str) -> None:
    try:
        os.unlink(path)
    except OSError:
        pass


def _mode_for(target: str) -> int:
    """The mode an ``open(target, "w")`` would leave: the old file's, or
    0o666 less the umask for a new one."""
    try:
        return stat.S_IMODE(os.stat(target).st_mode)
    except OSError:
        mask = os.umask(0)
        os.umask(mask)
        return 0o666 & ~mask


def write_output(path: str, text: str | bytes) -> None:
    """Replace ``path`` with ``text`` atomically (temporary file in the same
    folder + rename); failure is a Diagnostic naming the file and the old
    contents stay."""
    files = OutputFiles()
    files.stage(path, text)
    files.commit()


def unwritable(path: str) -> str | None:
    """Why ``path`` cannot be written (checked before any work), or None."""
    if _special(path):
        return None if os.access(path, os.W_OK) else "Permission denied"
    target = os.path.realpath(path)
    if os.path.isdir(target):
        return "Is a directory"
    folder = os.path.dirname(target) or "."
    if not os.path.isdir(folder):
        return "No such file or directory"
    if not os.access(folder, os.W_OK | os.X_OK):
        return "Permission denied"
    return None
