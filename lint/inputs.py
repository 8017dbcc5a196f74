"""Reading the run's inputs: CIB files (or stdin), environment files and authkeys.

Discovery, planning and the runner get their bytes from here, so the pipeline in ``engine``
never touches the file system. Config files and baselines are read through the same
``read_regular``: every file pcs-lint reads is a regular file of at most ``MAX_INPUT_BYTES``.
"""

from __future__ import annotations

import os
import stat
import sys
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from typing import TYPE_CHECKING, BinaryIO

from pcs_lint.rule import AuthKey
from pcs_lint.sysconfig import SBD_SCHEMA, EnvFile, parse_env_bytes

if TYPE_CHECKING:  # their readers are imported by the runs given such files (start-up: issue 14)
    from pcs_lint.corosync import CorosyncConf
    from pcs_lint.sbd_dump import SbdDump

MAX_INPUT_BYTES = 64 * 1024 * 1024
"""The most pcs-lint reads from one file or from stdin.

The largest real CIBs (thousands of resources and constraints, a long status section) are a few
MiB; 64 MiB leaves a margin of more than ten while keeping one run well inside CI memory limits.
"""

# Non-blocking, so opening a FIFO never waits for a writer; no controlling terminal from a tty.
_OPEN_FLAGS = os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_CLOEXEC", 0)
_KINDS = (
    (stat.S_ISDIR, "is a directory"),
    (stat.S_ISFIFO, "is a FIFO, not a regular file"),
    (stat.S_ISCHR, "is a character device, not a regular file"),
    (stat.S_ISBLK, "is a block device, not a regular file"),
    (stat.S_ISSOCK, "is a socket, not a regular file"),
)


class InputError(Exception):
    """A file that cannot be read at all: a one-line error and exit code 2, not a finding."""


def special_file_kind(mode: int) -> str | None:
    """Why a file of this mode is not read (None for a regular file)."""
    if stat.S_ISREG(mode):
        return None
    return next((text for test, text in _KINDS if test(mode)), "is not a regular file")


def read_regular(path: str, *, limit: int = MAX_INPUT_BYTES) -> tuple[bytes, os.stat_result]:
    """The bytes of the regular file at ``path`` and the status of the file that was read.

    Only regular files are read (see ``open_regular``), at most ``limit`` bytes of them.
    """
    with open_regular(path) as (stream, status):
        try:
            return _read_capped(stream.fileno(), path, limit), status
        except OSError as error:
            raise InputError(f"{path}: cannot read: {error.strerror or error}") from None


@contextmanager
def open_regular(path: str) -> Iterator[tuple[BinaryIO, os.stat_result]]:
    """The regular file at ``path``, open for reading, and the status of the file opened.

    Only regular files are opened: a FIFO, a device or a socket is refused by the status of the
    descriptor actually opened (not of the name, which could change in between). Where the
    system allows, the name is first opened as a bare path (``O_PATH``), which opens no device,
    so a symlink to ``/dev/watchdog`` or a tape is refused without being opened at all.
    """
    try:
        probe = _probe(path)
        descriptor = os.open(path, _OPEN_FLAGS)
    except FileNotFoundError:
        raise InputError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise InputError(f"{path}: is a directory") from None
    except PermissionError:
        raise InputError(f"{path}: permission denied") from None
    except OSError as error:
        raise InputError(f"{path}: cannot read: {error.strerror or error}") from None
    with os.fdopen(descriptor, "rb", buffering=0) as stream:
        try:
            status = os.fstat(descriptor)
        except OSError as error:
            raise InputError(f"{path}: cannot read: {error.strerror or error}") from None
        _check_regular(path, status)
        if probe is not None and (probe.st_dev, probe.st_ino) != (status.st_dev, status.st_ino):
            raise InputError(f"{path}: changed while it was being opened")
        yield stream, status


def _probe(path: str) -> os.stat_result | None:
    if not hasattr(os, "O_PATH"):
        return None
    descriptor = os.open(path, os.O_PATH | getattr(os, "O_CLOEXEC", 0))
    try:
        status = os.fstat(descriptor)
    finally:
        os.close(descriptor)
    _check_regular(path, status)
    return status


def _check_regular(path: str, status: os.stat_result) -> None:
    kind = special_file_kind(status.st_mode)
    if kind is not None:
        raise InputError(f"{path}: {kind}")


def _read_capped(descriptor: int, path: str, limit: int) -> bytes:
    chunks: list[bytes] = []
    size = 0
    while size <= limit:
        chunk = os.read(descriptor, min(1024 * 1024, limit + 1 - size))
        if not chunk:
            break
        chunks.append(chunk)
        size += len(chunk)
    if size > limit:
        raise InputError(f"{path}: larger than {_mib(limit)}, the most pcs-lint reads from one input")
    return b"".join(chunks)


def _mib(size: int) -> str:
    return f"{size // (1024 * 1024)} MiB" if size % (1024 * 1024) == 0 else f"{size} bytes"


def read_stdin(*, limit: int = MAX_INPUT_BYTES) -> bytes:
    """Standard input, whatever it is (a pipe, a terminal, a device), up to the same limit."""
    try:
        data = sys.stdin.buffer.read(limit + 1)
    except OSError as error:
        raise InputError(f"-: cannot read stdin: {error.strerror or error}") from None
    if len(data) > limit:
        raise InputError(f"-: stdin is larger than {_mib(limit)}, the most pcs-lint reads from one input")
    return data


def read_input(path: str) -> bytes:
    """A CIB to lint: the file at ``path``, or stdin for ``-``."""
    return read_stdin() if path == "-" else read_regular(path)[0]


def display_path(path: str) -> str:
    """Paths under the current directory are shown relative to it, as users typed them."""
    relative = os.path.relpath(path) if os.path.isabs(path) else path
    return path if relative.startswith("..") else relative


def load_env_files(mapping: Mapping[str, str]) -> dict[str, EnvFile]:
    return {
        node: parse_env_bytes(read_regular(path)[0], node=node, path=display_path(path))
        for node, path in mapping.items()
    }


def load_corosync(mapping: Mapping[str, str]) -> tuple[CorosyncConf, ...]:
    """corosync.conf copies by node ("" for every node's copy), read with the same reader."""
    if not mapping:
        return ()
    from pcs_lint.corosync import parse_corosync_bytes

    return tuple(
        parse_corosync_bytes(read_regular(path)[0], path=display_path(path), node=node or None)
        for node, path in mapping.items()
    )


def load_sbd_files(mapping: Mapping[str, str]) -> dict[str, EnvFile]:
    """Each node's SBD file: the environment-file syntax, judged against SBD's variables."""
    return {
        node: parse_env_bytes(read_regular(path)[0], node=node, path=display_path(path), schema=SBD_SCHEMA)
        for node, path in mapping.items()
    }


def load_sbd_dumps(mapping: Mapping[str, str]) -> dict[str, SbdDump]:
    """Each device's ``sbd dump`` text; a file that is not one is unreadable input (exit 2)."""
    if not mapping:
        return {}
    from pcs_lint.sbd_dump import DumpError, parse_dump_bytes

    dumps = {}
    for device, path in mapping.items():
        try:
            dumps[device] = parse_dump_bytes(read_regular(path)[0], device=device, path=display_path(path))
        except DumpError as error:
            raise InputError(str(error)) from None
    return dumps


def load_authkeys(mapping: Mapping[str, str]) -> dict[str, AuthKey]:
    keys = {}
    for node, path in mapping.items():
        data, status = read_regular(path)
        mode = stat.S_IMODE(status.st_mode)  # of the file that was read, not of the name now
        keys[node] = AuthKey(node=node, path=display_path(path), digest=_sha256(data), mode=mode)
    return keys


def _sha256(data: bytes) -> str:
    import hashlib  # here: importing it is ~3 ms of start-up, for the runs given an authkey

    return hashlib.sha256(data).hexdigest()


def input_at(output: str | os.PathLike[str], inputs: Iterable[str | os.PathLike[str]]) -> str | None:
    """The input that writing ``output`` would overwrite, or None.

    Compared by device and inode, so a symlink or a hard link to an input, or another spelling
    of its path, is caught as well as the same name.
    """
    try:
        target = os.stat(output)
    except OSError:
        return None  # nothing there yet (or unreachable): no input can be at it
    for path in inputs:
        if path == "-":
            continue
        try:
            status = os.stat(path)
        except OSError:
            continue
        if (status.st_dev, status.st_ino) == (target.st_dev, target.st_ino):
            return os.fspath(path)
    return None
