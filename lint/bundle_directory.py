"""Reading files of an extracted report bundle (a directory), never outside it.

The same questions as ``bundle_archive.ArchiveTree`` answers for a tarball: the bytes of a file
by its path inside the bundle, and the directories a directory holds. A symbolic link is
followed only when it ends inside the bundle (sos makes ``hostname`` a relative link to
``sos_commands/host/hostname``); one leading out (``etc/corosync/corosync.conf ->
/etc/shadow``) is refused, not read. Files are read with ``inputs.read_regular``: regular
files only (a FIFO or a device is refused without waiting on it), at most ``MAX_INPUT_BYTES``.
"""

from __future__ import annotations

import os
from dataclasses import dataclass

from pcs_lint.bundle_archive import BundleError
from pcs_lint.inputs import InputError, read_regular


@dataclass(frozen=True)
class DirectoryTree:
    """A report bundle unpacked in a directory, read without leaving it."""

    path: str  # the bundle's directory, as given

    def _inside(self, name: str) -> str | None:
        """The real path of ``name`` in the bundle, None when nothing is there; raises when a
        link on the way leads out of the bundle."""
        full = os.path.join(self.path, name)
        if not os.path.lexists(full):
            return None
        root = os.path.realpath(self.path)
        real = os.path.realpath(full)
        if os.path.commonpath((root, real)) != root:
            raise BundleError(f"{full}: a symbolic link leading out of {self.path}; not followed")
        return real

    def read(self, name: str) -> bytes | None:
        real = self._inside(name)
        if real is None or not os.path.exists(real):
            return None
        try:
            return read_regular(real)[0]
        except InputError as error:
            # Named as the user knows it, not by the link's resolved target.
            raise BundleError(f"{os.path.join(self.path, name)}{str(error)[len(real):]}") from None

    def children(self, directory: str) -> tuple[str, ...]:
        real = self._inside(directory) if directory else os.path.realpath(self.path)
        if real is None:
            return ()
        try:
            with os.scandir(real) as entries:
                names = [entry.name for entry in entries if entry.is_dir(follow_symlinks=False)]
        except NotADirectoryError:
            return ()
        except OSError as error:
            raise BundleError(f"{os.path.join(self.path, directory)}: cannot list directory: "
                              f"{error.strerror or error}") from None
        return tuple(sorted(names))

    def is_dir(self, name: str) -> bool:
        real = self._inside(name)
        return real is not None and os.path.isdir(real)

    def has_file(self, name: str) -> bool:
        """Whether something other than a directory is there (what it is, read() checks)."""
        real = self._inside(name)
        return real is not None and os.path.exists(real) and not os.path.isdir(real)
