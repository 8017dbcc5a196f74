"""Which kind of tarball a file is, from its first bytes (not its name).

Kept apart from the readers (lint/bundle_archive.py, lint/report_bundles.py) so that a run can
tell whether any path it was given may be a report bundle without importing them: most runs
name CIB files only, and those modules cost start-up (issue 14).
"""

from __future__ import annotations

import os

from pcs_lint.inputs import InputError, open_regular

_GZIP, _BZIP2, _XZ = b"\x1f\x8b", b"BZh", b"\xfd7zXZ\x00"
_TAR_MAGIC_OFFSET, _TAR_MAGIC = 257, b"ustar"
HEAD_BYTES = 512  # a tar header: enough for every kind


def compression(head: bytes) -> str | None:
    """"gzip", "bzip2", "xz" or "tar" when ``head`` (a file's first 512 bytes) starts a tarball
    of that kind (a compressed one is only known to be a tarball once decompressed), else None."""
    if head.startswith(_GZIP):
        return "gzip"
    if head.startswith(_BZIP2):
        return "bzip2"
    if head.startswith(_XZ):
        return "xz"
    if head[_TAR_MAGIC_OFFSET:_TAR_MAGIC_OFFSET + len(_TAR_MAGIC)] == _TAR_MAGIC:
        return "tar"
    return None


def starts_a_tarball(path: str) -> bool:
    """Whether the regular file at ``path`` starts like a tarball; False when it cannot be read
    (the ordinary reading of the path reports that)."""
    try:
        with open_regular(path) as (stream, _status):
            return compression(stream.read(HEAD_BYTES)) is not None
    except (InputError, OSError):
        return False


def may_be_bundle(path: str) -> bool:
    """Whether a path given on the command line can be a report bundle at all: a directory, or
    a file that starts like a tarball. Only those are looked at by lint/report_bundles.py."""
    return path != "-" and (os.path.isdir(path) or starts_a_tarball(path))
