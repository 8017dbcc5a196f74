"""Which files to lint: paths as given, directories searched for CIB XML, exclusions applied.

Directories are searched recursively for ``*.xml``, skipping hidden directories (``.git``) and
anything matching an ``--exclude`` glob. A search reads only what the searched tree holds: a FIFO,
device or socket named ``*.xml`` and a symlink leading out of the tree are skipped and said so
(a hostile checkout could otherwise hang the run or make it read ``/proc/self/environ``); a
directory that cannot be listed is an error, since its CIBs would go unchecked. Files named
explicitly are always linted unless ``--force-exclude`` is given: pre-commit passes every changed
file by name, and the project's exclusions should still apply to them.
"""

from __future__ import annotations

import fnmatch
import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any

from pcs_lint.inputs import display_path, special_file_kind

CIB_SUFFIXES = (".xml",)


def is_excluded(path: str, patterns: Sequence[str]) -> bool:
    """A glob matches the whole relative path, its file name, or any directory on the way."""
    if not patterns or path == "-":
        return False
    relative = os.path.relpath(path) if os.path.isabs(path) else os.path.normpath(path)
    posix = PurePosixPath(*Path(relative).parts) if relative not in (".", "") else PurePosixPath(".")
    text = str(posix)
    parts = posix.parts
    for pattern in patterns:
        pattern = pattern.rstrip("/")
        if fnmatch.fnmatch(text, pattern) or posix.match(pattern):
            return True
        if any(fnmatch.fnmatch(part, pattern) for part in parts):
            return True
    return False


@dataclass(frozen=True)
class Discovery:
    """The files to lint, in order, and what a directory search skipped or could not list."""

    files: tuple[str, ...]
    skipped: tuple[str, ...] = ()  # "PATH: why", files a directory search did not read
    errors: tuple[str, ...] = ()  # "PATH: why", directories a search could not list


def discover_files(paths: Iterable[str], exclude: Sequence[str] = (), *, force_exclude: bool = False) -> Discovery:
    files: list[str] = []
    skipped: list[str] = []
    errors: list[str] = []
    for path in paths:
        if path == "-":
            files.append(path)
        elif os.path.isdir(path):
            before = (len(files), len(errors))
            _search(path, exclude, files, skipped, errors)
            if (len(files), len(errors)) == before:
                # Named on purpose and holding nothing to lint: a CI job pointed at the wrong
                # directory must not pass as clean.
                errors.append(f"{path}: no *.xml file to lint in this directory"
                              f"{' (some were skipped or excluded)' if _has_xml(path) else ''}")
        elif not (force_exclude and is_excluded(path, exclude)):
            files.append(path)  # a missing file is reported when it is read
    return Discovery(_once_each(files), tuple(skipped), tuple(errors))


def _once_each(files: list[str]) -> tuple[str, ...]:
    """Each file once, under the first name it was given by (``. cluster/cib.xml`` names
    ./cluster/cib.xml twice; so does a symlink beside its target): linting it twice doubles
    its findings."""
    seen: set[str] = set()
    kept = []
    for path in files:
        key = path if path == "-" else os.path.realpath(path)
        if key not in seen:
            seen.add(key)
            kept.append(path)
    return tuple(kept)


def _has_xml(directory: str) -> bool:
    return any(name.lower().endswith(CIB_SUFFIXES) for _, _, names in os.walk(directory) for name in names)


def _search(directory: str, exclude: Sequence[str], files: list[str], skipped: list[str], errors: list[str]) -> None:
    tree = os.path.realpath(directory)

    def unlistable(error: OSError) -> None:
        errors.append(f"{error.filename or directory}: cannot list directory: {error.strerror or error}")

    for current, dirnames, filenames in os.walk(directory, onerror=unlistable):
        dirnames[:] = sorted(
            d for d in dirnames if not d.startswith(".") and not is_excluded(os.path.join(current, d), exclude)
        )
        for name in sorted(filenames):
            full = os.path.join(current, name)
            if name.lower().endswith(CIB_SUFFIXES) and not is_excluded(full, exclude):
                why = _not_to_read(full, tree, directory)
                if why is None:
                    files.append(full)
                else:
                    skipped.append(f"{full}: {why}")


def _not_to_read(path: str, tree: str, directory: str) -> str | None:
    """Why a file a search found is not to be read, or None.

    This only chooses what to offer; the reader checks the descriptor it opens again, so a file
    swapped for a FIFO in between is still refused rather than waited on.
    """
    if os.path.islink(path):
        target = os.path.realpath(path)
        if os.path.commonpath((tree, target)) != tree:
            return f"a symlink leading out of {directory}"
    try:
        status = os.stat(path)
    except OSError:
        return None  # dangling or unreadable: the reader reports it as an error
    return special_file_kind(status.st_mode)


def cib_targets(paths: Sequence[str], config: Any) -> list[str]:
    """The CIBs to lint, given the command line's paths and the config file.

    A path that is one of the configured environment or key files is not a CIB: pre-commit
    passes it when a node's file changed, and what must be re-checked then is the configured
    CIBs (``files`` in the config), whose cross-file checks read that file. With no CIB left on
    the command line, the configured ``files`` are linted.
    """
    node_files = {os.path.realpath(p) for p in (*config.sysconfig.values(), *config.authkey.values(),
                                                  *config.corosync.values())}
    cibs = [p for p in paths if p == "-" or os.path.realpath(p) not in node_files]
    if cibs:
        return cibs
    return [display_path(f) for f in config.files]
