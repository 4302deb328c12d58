"""Where an export goes: stdout, one file written atomically, or a folder.

`-o FILE` is written to a temporary file in the same folder, flushed and
fsynced, then moved onto FILE with `os.replace`; if anything fails (the
exporter refuses, the disk is full, Ctrl-C), FILE is left as it was and the
temporary file is removed. So a failed export never leaves a half-written
calendar where the last good one was. The new file gets the old file's
permissions, or the usual ones (0666 less the umask) when it is new; a
symbolic link is written through, not replaced.

`-o DIR/` (a path ending in a slash, or an existing folder) writes one file
per document, `<document id><extension>`, each atomically; formats that hold
one document (TimeML) need it when there are several.
"""

from __future__ import annotations

import contextlib
import os
import re
import secrets
import stat
import sys
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any, TextIO

from timeline.errors import ExportError, UsageError
from timeline.exporters import (
    Exporter,
    Note,
    format_for_path,
    ignore_note,
    missing_text,
    per_document,
)

Render = Callable[[TextIO], None]

_UNSAFE = re.compile(r"[^\w.\-]+")


def is_folder(target: str) -> bool:
    """True when `-o target` names a folder: it ends in a slash or is one."""
    return target.endswith(("/", os.sep)) or Path(target).is_dir()


def resolve_format(fmt: str | None, target: str | None, *, terminal: bool) -> str:
    """The format to write: `--format` if given, else the file's extension, else
    a table on a terminal and JSON in a pipe."""
    if fmt:
        return fmt
    if target and target != "-":
        if is_folder(target):
            raise UsageError(f"{target} is a folder: say which format with --format", "-o")
        found = format_for_path(target)
        if found is None:
            raise UsageError(f"cannot tell the format from the name {target}: use --format", "-o")
        return found
    return "table" if terminal else "json"


def write_atomic(path: str | os.PathLike[str], render: Render) -> Path:
    """Write a text file through `render(stream)`, all or nothing. Returns the path written."""
    shown = os.fspath(path)
    target = Path(os.path.realpath(path))
    folder = target.parent
    if not folder.is_dir():
        raise ExportError(f"cannot write: no folder {folder}", source=shown)
    if target.is_dir():
        raise ExportError(
            "cannot write: it is a folder (end it with / for one file a document)", shown
        )
    temporary = folder / f".{target.name}.{secrets.token_hex(4)}.tmp"
    try:
        # 0o666 less the umask, as open() would give a new file.
        fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
    except OSError as error:
        raise ExportError(f"cannot write: {error.strerror}", source=shown) from error
    try:
        with open(fd, "w", encoding="utf-8", newline="") as stream:
            render(stream)
            stream.flush()
            os.fsync(stream.fileno())
        with contextlib.suppress(FileNotFoundError):
            os.chmod(temporary, stat.S_IMODE(os.stat(target).st_mode))
        os.replace(temporary, target)
    except BaseException as error:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        if isinstance(error, OSError):
            raise ExportError(f"cannot write: {error.strerror or error}", source=shown) from error
        if isinstance(error, UnicodeError):
            raise ExportError(f"cannot write: {error}", source=shown) from error
        raise
    _sync_folder(folder)
    return target


def _sync_folder(folder: Path) -> None:
    """Make the rename durable (POSIX); where folders cannot be opened, skip."""
    if sys.platform == "win32":
        return
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def file_name(document_id: str, extension: str, taken: set[str]) -> str:
    """A safe, unused file name for a document: `<id><extension>`.

    Characters other than letters, digits, `.`, `-`, `_` become `_`, leading
    dots are dropped; names that collide (also by case, for case-insensitive
    file systems) get `-2`, `-3`, ...
    """
    stem = _UNSAFE.sub("_", document_id).lstrip(".")[:200] or "document"
    name, number = f"{stem}{extension}", 1
    while name.casefold() in taken:
        number += 1
        name = f"{stem}-{number}{extension}"
    taken.add(name.casefold())
    return name


def write_export(
    data: Mapping[str, Any],
    exporter: Exporter,
    target: str | None,
    *,
    texts: Mapping[str, str] | None = None,
    note: Note = ignore_note,
    stdout: TextIO | None = None,
) -> list[Path]:
    """Write `data` with `exporter` to stdout (target None or `-`), a file, or a folder.

    Returns the files written (none for stdout).
    """

    def render(part: Mapping[str, Any]) -> Render:
        return lambda stream: exporter.write(part, stream, texts=texts, note=note)

    if exporter.needs_text:
        missing = [doc["id"] for doc in data["documents"] if not texts or doc["id"] not in texts]
        if missing:
            raise missing_text(exporter.name)
    if target is None or target == "-":
        render(data)(stdout if stdout is not None else sys.stdout)
        return []
    if not is_folder(target):
        return [write_atomic(target, render(data))]
    folder = Path(target)
    if folder.exists() and not folder.is_dir():
        raise ExportError("cannot write: not a folder", source=target)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise ExportError(f"cannot create the folder: {error.strerror}", source=target) from error
    extension = exporter.extensions[0] if exporter.extensions else ".txt"
    taken: set[str] = set()
    written = []
    for document_id, part in per_document(data):
        name = file_name(document_id, extension, taken)
        written.append(write_atomic(folder / name, render(part)))
    if not written:
        note(f"no documents: nothing written to {target}")
    return written
