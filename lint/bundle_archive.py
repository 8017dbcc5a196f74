"""Reading chosen members of a tarball in place: one sequential pass, nothing written to disk.

A report bundle (sosreport, crm_report) arrives as ``.tar``, ``.tar.gz``, ``.tar.bz2`` or
``.tar.xz``; the compression is recognised by the file's first bytes, not by its name. The
archive may be hostile (CI lints what other people attach), so the pass is bounded:

- the decompressed stream is capped (``MAX_SCANNED_BYTES``) and may not grow beyond
  ``MAX_EXPANSION`` times the compressed bytes read so far (after a first ``EXPANSION_SLACK``):
  a compression bomb is refused after reading little, a real sosreport (text compresses about
  ten times) is not;
- a read larger than what is left of the cap is refused before it is made, so a header that
  claims a 10 GiB pax record or long name allocates nothing;
- at most ``MAX_MEMBERS`` members are looked at; tarfile's own list of members is emptied as
  the pass goes, so memory does not grow with the member count;
- only the members the caller asks for (``wanted``) are kept, each at most ``MAX_INPUT_BYTES``
  and all of them together at most ``MAX_KEPT_BYTES``;
- a wanted name that is absolute or climbs out with ``..`` refuses the archive, as does a wanted
  member that is a device, a FIFO or any kind other than a file, a directory or a link; links
  are kept as links and resolved by ``ArchiveTree`` only to members inside the archive.

Every failure is a ``BundleError``: one line, which the command line prints with exit code 2.
"""

from __future__ import annotations

import functools
import posixpath
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, BinaryIO

from pcs_lint.inputs import MAX_INPUT_BYTES, InputError, open_regular
from pcs_lint.tarball_kinds import compression

# tarfile and the decompressors are imported where an archive is read: every run asks whether a
# path is a bundle (``compression`` sniffs the first bytes), few runs read one, and importing them
# costs about 10 ms of each start-up.
if TYPE_CHECKING:
    import tarfile

MAX_SCANNED_BYTES = 8 * 1024**3
MAX_EXPANSION = 200
EXPANSION_SLACK = 64 * 1024**2
MAX_MEMBERS = 500_000
MAX_KEPT_BYTES = 256 * 1024**2
MAX_LINK_HOPS = 8
MAX_HEADER_BYTES = 1024**2  # a pax record or a GNU long name; real ones are a few hundred bytes
DIRECTORY_DEPTH = 6

# name, first bytes, opener of the decompressed stream


class BundleError(Exception):
    """A bundle that cannot be read safely or at all: one line, exit code 2."""


@dataclass(frozen=True)
class ArchiveMember:
    """A kept member: a file's bytes, or a link's target as the archive stores it."""

    name: str  # normalised: no "./", no trailing "/"
    data: bytes | None = None
    symlink: str | None = None  # target of a symbolic link (relative to the link's directory)
    hardlink: str | None = None  # name of an earlier member


@dataclass(frozen=True)
class ArchiveTree:
    """What one pass kept of a tarball: the wanted members and every directory seen (as a
    member or as the parent of one), for recognising the layout."""

    path: str
    members: Mapping[str, ArchiveMember]
    directories: frozenset[str]

    def read(self, name: str) -> bytes | None:
        """The bytes of the file at ``name``, links followed inside the archive; None when the
        archive has no such file (or the pass did not keep it)."""
        seen = 0
        while True:
            member = self.members.get(name)
            if member is None:
                return None
            if member.data is not None:
                return member.data
            seen += 1
            if seen > MAX_LINK_HOPS:
                raise BundleError(f"{self.path}: {member.name}: more than {MAX_LINK_HOPS} links in a row")
            if member.hardlink is not None:
                name = _inside(self.path, member.hardlink, "hard link target")
            else:
                assert member.symlink is not None
                name = _inside(self.path, posixpath.join(posixpath.dirname(member.name), member.symlink),
                               "symbolic link target", link=member.name)

    def children(self, directory: str) -> tuple[str, ...]:
        """The names of the directories directly inside ``directory`` ("" for the top), sorted."""
        prefix = f"{directory}/" if directory else ""
        return tuple(sorted(d[len(prefix):] for d in self.directories
                            if d.startswith(prefix) and "/" not in d[len(prefix):]))

    def is_dir(self, name: str) -> bool:
        return name in self.directories

    def has_file(self, name: str) -> bool:
        return name in self.members


def normalised(name: str) -> str | None:
    """A member name as a relative path without "." parts or trailing "/"; None when it is
    absolute or climbs out with ".." (such a name is never matched, only refused)."""
    if name.startswith("/"):
        return None
    parts = [part for part in name.split("/") if part not in ("", ".")]
    if ".." in parts:
        return None
    return "/".join(parts)


def _inside(path: str, name: str, what: str, *, link: str | None = None) -> str:
    """``name`` with its ".." resolved, when that stays inside the archive."""
    clean = normalised(posixpath.normpath(name))
    if clean is None:
        where = f"{link}: " if link else ""
        raise BundleError(f"{path}: {where}a {what} leading out of the archive; not followed")
    return clean


def read_tarball(path: str, wanted: Callable[[str], bool], *, scanned_cap: int = MAX_SCANNED_BYTES,
                 member_cap: int = MAX_MEMBERS, kept_cap: int = MAX_KEPT_BYTES) -> ArchiveTree:
    """One pass over the tarball at ``path`` keeping the members whose normalised name
    ``wanted`` accepts (their directories are recorded whatever it says)."""
    import lzma
    import tarfile
    import zlib

    try:
        with open_regular(path) as (raw, _status):
            head = raw.read(512)
            kind = compression(head)
            if kind is None:
                raise BundleError(f"{path}: not a tar archive (nor gzip, bzip2 or xz compressed)")
            raw.seek(0)
            return _scan(path, raw, kind, wanted, _Caps(scanned_cap, member_cap, kept_cap))
    except InputError as error:
        raise BundleError(str(error)) from None
    except _HeaderRefused as error:
        raise BundleError(f"{path}: {error}") from None
    except (tarfile.TarError, OSError, EOFError, lzma.LZMAError, zlib.error, ValueError) as error:
        # A corrupt or truncated stream: the libraries' own words after the file name.
        detail = str(error).splitlines()[0] if str(error) else type(error).__name__
        raise BundleError(f"{path}: unreadable archive: {detail}") from None


@dataclass(frozen=True)
class _Caps:
    """The bytes and members of a tarball read so far, against the limits."""

    scanned: int
    members: int
    kept: int


def _scan(path: str, raw: BinaryIO, kind: str, wanted: Callable[[str], bool], caps: _Caps) -> ArchiveTree:
    import bz2
    import gzip
    import lzma
    import tarfile

    compressed = _CountingReader(raw)
    stream: BinaryIO
    if kind == "gzip":
        stream = gzip.GzipFile(fileobj=compressed, mode="rb")  # type: ignore[assignment]
    elif kind == "bzip2":
        stream = bz2.BZ2File(compressed)  # type: ignore[assignment]
    elif kind == "xz":
        stream = lzma.LZMAFile(compressed)  # type: ignore[assignment]
    else:
        stream = compressed  # type: ignore[assignment]
    bounded = _BoundedReader(path, stream, compressed, caps.scanned, expansion=kind != "tar")
    members: dict[str, ArchiveMember] = {}
    directories: set[str] = set()
    kept = 0
    with tarfile.open(fileobj=bounded, mode="r|", tarinfo=_bounded_tar_info()) as tar:  # type: ignore[call-overload]
        for count in range(caps.members + 1):
            info = tar.next()
            tar.members.clear()  # stream mode needs only the current member
            if info is None:
                break
            if count == caps.members:
                raise BundleError(f"{path}: more than {caps.members} members; not read further")
            name = normalised(info.name)
            if name is None:
                if _escapes(info.name, wanted):
                    raise BundleError(f"{path}: member {info.name!r} has an absolute name or climbs out "
                                      "with '..'; refused")
                continue
            _record_directories(name if info.isdir() else posixpath.dirname(name), directories)
            if info.isdir() or not wanted(name):
                continue
            if info.issym():
                members[name] = ArchiveMember(name, symlink=info.linkname)
            elif info.islnk():
                members[name] = ArchiveMember(name, hardlink=info.linkname)
            elif info.isfile():
                if info.size > MAX_INPUT_BYTES:
                    raise BundleError(f"{path}: {name}: {info.size} bytes, more than the "
                                      f"{MAX_INPUT_BYTES // 1024**2} MiB pcs-lint reads from one input")
                kept += info.size
                if kept > caps.kept:
                    raise BundleError(f"{path}: the files pcs-lint reads add up to more than "
                                      f"{_size(caps.kept)}; not read further")
                member = tar.extractfile(info)
                assert member is not None  # a regular file always has a reader
                data = member.read(info.size)
                if len(data) != info.size:
                    raise BundleError(f"{path}: {name}: the archive ends in the middle of it (truncated)")
                members[name] = ArchiveMember(name, data=data)
            else:
                raise BundleError(f"{path}: {name}: {_kind(info)}, not a regular file; refused")
    return ArchiveTree(path, members, frozenset(directories))


class _HeaderRefused(Exception):
    """Raised inside tarfile's header parsing, which does not know the archive's path."""


@functools.cache
def _bounded_tar_info() -> type[tarfile.TarInfo]:
    """tarfile's TarInfo, bounded: made on first use, so that tarfile is imported only then."""
    import tarfile

    header_types = (tarfile.GNUTYPE_LONGNAME, tarfile.GNUTYPE_LONGLINK, tarfile.XHDTYPE, tarfile.XGLTYPE,
                    tarfile.SOLARIS_XHDTYPE)

    class BoundedTarInfo(tarfile.TarInfo):
        """tarfile reads a pax record or a GNU long name whole, of the size its header claims,
        and a GNU sparse map block by block without end: both are refused past what real
        archives hold. A header cut short is a truncated archive, not its end."""

        @classmethod
        def frombuf(cls, buf: bytes, encoding: str, errors: str) -> tarfile.TarInfo:
            # tarfile takes a header cut short for the end of the archive and stops quietly: the
            # members after the cut would go unread without a word.
            if len(buf) != tarfile.BLOCKSIZE:
                raise _HeaderRefused("the archive ends in the middle of a header (truncated)")
            return super().frombuf(buf, encoding, errors)

        def _proc_member(self, tarfile_: tarfile.TarFile) -> tarfile.TarInfo:  # type: ignore[override]
            if self.type == tarfile.GNUTYPE_SPARSE:
                raise _HeaderRefused(f"{self.name}: a GNU sparse member; refused")
            if self.type in header_types and self.size > MAX_HEADER_BYTES:
                raise _HeaderRefused(f"a {self.size}-byte extended header; refused")
            return super()._proc_member(tarfile_)  # type: ignore[misc]

    return BoundedTarInfo


def _escapes(name: str, wanted: Callable[[str], bool]) -> bool:
    """A name that is absolute or climbs with "..", yet would be wanted once cleaned up:
    an archive built to write outside its directory on extraction, refused rather than read."""
    if normalised(name) is not None:
        return False
    cleaned = "/".join(part for part in name.split("/") if part not in ("", ".", ".."))
    return wanted(cleaned)


def _record_directories(directory: str, directories: set[str]) -> None:
    # Layouts are recognised from the first few levels: deeper ones are not kept, so the set
    # grows at most DIRECTORY_DEPTH entries per member however deep a hostile archive nests.
    directory = "/".join(directory.split("/", DIRECTORY_DEPTH)[:DIRECTORY_DEPTH])
    while directory and directory not in directories:
        directories.add(directory)
        directory = posixpath.dirname(directory)


def _kind(info: tarfile.TarInfo) -> str:
    if info.ischr():
        return "a character device"
    if info.isblk():
        return "a block device"
    if info.isfifo():
        return "a FIFO"
    return "a special member"


class _CountingReader:
    """The compressed file, counting the bytes read from it (for the expansion bound)."""

    def __init__(self, raw: BinaryIO) -> None:
        self._raw = raw
        self.count = 0

    def read(self, size: int = -1) -> bytes:
        data = self._raw.read(size)
        self.count += len(data)
        return data

    def readable(self) -> bool:
        return True

    def seekable(self) -> bool:
        return False

    def close(self) -> None:
        pass  # the file is closed by whoever opened it


class _BoundedReader:
    """The decompressed stream, refusing reads past the cap or beyond the allowed expansion."""

    def __init__(self, path: str, stream: BinaryIO, compressed: _CountingReader, cap: int, *,
                 expansion: bool) -> None:
        self._path, self._stream, self._compressed, self._cap = path, stream, compressed, cap
        self._expansion = expansion
        self.count = 0

    def read(self, size: int = -1) -> bytes:
        if size < 0 or size > self._cap - self.count:
            raise BundleError(f"{self._path}: more than {_size(self._cap)} once decompressed; not read further")
        data = self._stream.read(size)
        self.count += len(data)
        if self._expansion and self.count > EXPANSION_SLACK + MAX_EXPANSION * self._compressed.count:
            raise BundleError(f"{self._path}: decompresses to more than {MAX_EXPANSION} times its size "
                              "(a compression bomb?); not read further")
        return data

    def close(self) -> None:
        pass


def _size(count: int) -> str:
    for unit, scale in (("GiB", 1024**3), ("MiB", 1024**2)):
        if count % scale == 0:
            return f"{count // scale} {unit}"
    return f"{count} bytes"
