"""Hostile report bundles: a bad archive or bundle directory is one line and exit 2, never a
traceback, a hang, a read outside the bundle, a device opened or a compression bomb inflated.

Every input is generated here from the fixtures (tests/fixtures/bundles) and run through
``run_hostile`` (a child process under a 2 GiB address-space limit and 10 s)."""

from __future__ import annotations

import bz2
import io
import os
import random
import shutil
import tarfile
import zlib
from pathlib import Path

import pytest

from .hostile import run_hostile

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures" / "bundles"
TOP = "sosreport-node1-2026-11-28-hostile"


def sosreport_members() -> list[tuple[tarfile.TarInfo, bytes | None]]:
    """The members of the node1 sosreport fixture, as a tarball lists them."""
    members = []
    base = FIXTURES / "sosreport-node1"
    for path in sorted(base.rglob("*")):
        name = f"{TOP}/{path.relative_to(base).as_posix()}"
        info = tarfile.TarInfo(name)
        if path.is_symlink():
            info.type, info.linkname = tarfile.SYMTYPE, os.readlink(path)
            members.append((info, None))
        elif path.is_dir():
            info.type, info.mode = tarfile.DIRTYPE, 0o755
            members.append((info, None))
        else:
            data = path.read_bytes()
            info.size = len(data)
            members.append((info, data))
    return members


def tar_bytes(members: list[tuple[tarfile.TarInfo, bytes | None]], *, fmt: int = tarfile.GNU_FORMAT) -> bytes:
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w", format=fmt) as tar:
        for info, data in members:
            tar.addfile(info, io.BytesIO(data) if data is not None else None)
    return buffer.getvalue()


def tar_without_end(members: list[tuple[tarfile.TarInfo, bytes | None]]) -> bytes:
    """The members as a tar stream cut before its end-of-archive blocks: more may follow."""
    buffer = io.BytesIO()
    tar = tarfile.open(fileobj=buffer, mode="w", format=tarfile.GNU_FORMAT)
    for info, data in members:
        tar.addfile(info, io.BytesIO(data) if data is not None else None)
    return buffer.getvalue()


def with_member(info: tarfile.TarInfo, data: bytes | None = None, *, replacing: str | None = None) -> bytes:
    members = [(i, d) for i, d in sosreport_members() if i.name != replacing]
    return tar_bytes([*members, (info, data)])


def write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def lint_hostile(tmp_path: Path, *args: str):
    return run_hostile(["--isolated", "--color", "never", *args], cwd=tmp_path, expect=2)


def one_error_line(run, *expected: str) -> None:
    errors = [line for line in run.stderr.splitlines() if line.startswith("pcs-lint: error: ")]
    assert len(errors) == 1, run.stderr
    for text in expected:
        assert text in errors[0], errors[0]


# ------------------------------------------------------------------ compression bombs


def _bomb_stream(size: int) -> bytes:
    """A tar stream whose member holds ``size`` zero bytes, made as a stream (never in memory)."""
    info = tarfile.TarInfo(f"{TOP}/sos_logs/zeros.bin")
    info.size = size
    return info.tobuf(format=tarfile.GNU_FORMAT)


@pytest.mark.parametrize("kind", ["gzip", "bzip2"])
def test_a_compression_bomb_is_refused_after_reading_little(kind, tmp_path):
    size = 128 * 1024**2  # ~130 KB as gzip, ~100 bytes as bzip2: refused long before its end
    head = tar_without_end(sosreport_members())  # a real sosreport first
    if kind == "gzip":
        compressor = zlib.compressobj(6, zlib.DEFLATED, 31)  # 31: a gzip header
    else:
        compressor = bz2.BZ2Compressor(9)
    chunks = [compressor.compress(head), compressor.compress(_bomb_stream(size))]
    zeros = bytes(1024**2)
    chunks += [compressor.compress(zeros) for _ in range(size // len(zeros))]
    chunks.append(compressor.flush())
    archive = write(tmp_path, f"bomb.tar.{'gz' if kind == 'gzip' else 'bz2'}", b"".join(chunks))
    assert archive.stat().st_size < 200 * 1024
    run = lint_hostile(tmp_path, archive.name)
    one_error_line(run, archive.name, "decompresses to more than 200 times its size")


# ------------------------------------------------------------------ names and links leading out


@pytest.mark.parametrize("name", ["/etc/corosync/corosync.conf", f"{TOP}/../../etc/corosync/corosync.conf",
                                  f"../{TOP}/etc/sysconfig/sbd"])
def test_a_wanted_member_named_outside_the_archive_refuses_it(name, tmp_path):
    info = tarfile.TarInfo(name)
    data = b"totem {\n}\n"
    info.size = len(data)
    archive = write(tmp_path, "sos.tar", with_member(info, data))
    run = lint_hostile(tmp_path, archive.name)
    one_error_line(run, "sos.tar: member", "absolute name or climbs out with '..'; refused")


@pytest.mark.parametrize("target", ["/etc/hostname", "../../../../etc/hostname", "sos_commands/../../../x/hostname"])
def test_a_symlink_leading_out_of_the_archive_is_not_followed(target, tmp_path):
    info = tarfile.TarInfo(f"{TOP}/hostname")
    info.type, info.linkname = tarfile.SYMTYPE, target
    archive = write(tmp_path, "sos.tar.gz", _gzip(with_member(info, replacing=f"{TOP}/hostname")))
    run = lint_hostile(tmp_path, archive.name)
    one_error_line(run, "sos.tar.gz", "leading out of the archive", "not followed")


def test_a_link_loop_inside_the_archive_ends(tmp_path):
    loop = tarfile.TarInfo(f"{TOP}/etc/corosync/corosync.conf")
    loop.type, loop.linkname = tarfile.SYMTYPE, "corosync.conf"
    archive = write(tmp_path, "sos.tar", with_member(loop, replacing=loop.name))
    run = lint_hostile(tmp_path, archive.name)
    one_error_line(run, "more than 8 links in a row")


@pytest.mark.parametrize("kind", [tarfile.CHRTYPE, tarfile.BLKTYPE, tarfile.FIFOTYPE])
def test_a_device_or_fifo_member_is_refused(kind, tmp_path):
    info = tarfile.TarInfo(f"{TOP}/etc/sysconfig/sbd")
    info.type, info.devmajor, info.devminor = kind, 1, 5  # /dev/zero's numbers
    archive = write(tmp_path, "sos.tar", with_member(info))
    run = lint_hostile(tmp_path, archive.name)
    one_error_line(run, f"{TOP}/etc/sysconfig/sbd:", "not a regular file; refused")


def test_a_directory_bundle_never_reads_outside_itself(tmp_path):
    report = tmp_path / "sosreport-node1"
    shutil.copytree(FIXTURES / "sosreport-node1", report, symlinks=True)
    secret = tmp_path / "secret"
    secret.write_text("totem {\n    cluster_name: TOP-SECRET-VALUE\n}\n")
    conf = report / "etc" / "corosync" / "corosync.conf"
    conf.unlink()
    conf.symlink_to(secret)
    run = lint_hostile(tmp_path, "sosreport-node1")
    one_error_line(run, "sosreport-node1/etc/corosync/corosync.conf: a symbolic link leading out of sosreport-node1")
    assert "TOP-SECRET" not in run.stdout + run.stderr


@pytest.mark.parametrize("kind", ["fifo", "device"])
def test_a_fifo_or_device_in_a_directory_bundle_is_refused_without_waiting(kind, tmp_path):
    report = tmp_path / "sosreport-node1"
    shutil.copytree(FIXTURES / "sosreport-node1", report, symlinks=True)
    sbd = report / "etc" / "default" / "sbd"
    if kind == "fifo":
        os.mkfifo(sbd)  # nobody ever writes: opening it for reading would wait forever
        expected = "is a FIFO"
    else:
        sbd.symlink_to("/dev/zero")  # endless: reading it would never end
        expected = "a symbolic link leading out of sosreport-node1"
    run = lint_hostile(tmp_path, "sosreport-node1")
    one_error_line(run, "sosreport-node1/etc/default/sbd", expected)


# ------------------------------------------------------------------ headers and sizes


def test_a_huge_extended_header_is_refused_before_it_is_read(tmp_path):
    pax = tarfile.TarInfo("././@PaxHeader")
    pax.type, pax.size = tarfile.XHDTYPE, 1500 * 1024**2  # would be read whole into memory
    head = tar_without_end(sosreport_members())
    archive = write(tmp_path, "sos.tar.xz", _xz(head + pax.tobuf(format=tarfile.GNU_FORMAT) + bytes(4096)))
    run = lint_hostile(tmp_path, archive.name)
    one_error_line(run, "sos.tar.xz", "extended header; refused")


def test_a_wanted_member_larger_than_the_input_cap_is_refused_unread(tmp_path):
    info = tarfile.TarInfo(f"{TOP}/etc/default/sbd")
    info.size = 65 * 1024**2  # the header claims it; the data is not even there
    archive = write(tmp_path, "sos.tar.gz", _gzip(_truncated_with(info)))
    run = lint_hostile(tmp_path, archive.name)
    one_error_line(run, f"{TOP}/etc/default/sbd: {65 * 1024**2} bytes, more than the 64 MiB")


def _truncated_with(info: tarfile.TarInfo) -> bytes:
    return tar_without_end(sosreport_members()) + info.tobuf(format=tarfile.GNU_FORMAT) + bytes(512)


def test_a_hostile_hostname_is_refused_and_never_shown(tmp_path):
    info = tarfile.TarInfo(f"{TOP}/sos_commands/host/hostname")
    data = b"\x1b]0;owned\x07node1\n" + b"A" * 5000
    info.size = len(data)
    archive = write(tmp_path, "sos.tar", with_member(info, data, replacing=info.name))
    run = lint_hostile(tmp_path, archive.name)
    one_error_line(run, "hostname: not a host name; the node cannot be named")
    assert "\x1b" not in run.stdout + run.stderr and "owned" not in run.stdout + run.stderr


# ------------------------------------------------------------------ corrupt and truncated archives


@pytest.mark.parametrize("suffix", ["tar", "tar.gz", "tar.bz2", "tar.xz"])
def test_truncated_and_corrupted_archives_are_one_line_each(suffix, tmp_path):
    plain = tar_bytes(sosreport_members())
    whole = {"tar": plain, "tar.gz": _gzip(plain), "tar.bz2": bz2.compress(plain), "tar.xz": _xz(plain)}[suffix]
    rng = random.Random(f"bundles-{suffix}")
    # cut within the members (a plain tarball ends in zero padding: a cut there loses nothing)
    content = len(tar_without_end(sosreport_members())) if suffix == "tar" else len(whole)
    variants = [whole[: content * cut // 5] for cut in (1, 2, 3, 4)]
    for _ in range(3):
        flipped = bytearray(whole)
        for _ in range(8):
            flipped[rng.randrange(600 if suffix == "tar" else 16, len(flipped))] ^= 1 << rng.randrange(8)
        variants.append(bytes(flipped))
    truncated_errors = 0
    for number, data in enumerate(variants):
        archive = write(tmp_path, f"v{number}.{suffix}", data)
        run = run_hostile(["--isolated", archive.name], cwd=tmp_path)
        if number < 4:  # truncated: the archive ends early, which is always an error
            assert run.returncode == 2, (number, run.stderr)
            truncated_errors += 1
        assert len([line for line in run.stderr.splitlines() if "error" in line]) <= 1, run.stderr
    assert truncated_errors == 4


def _gzip(data: bytes) -> bytes:
    compressor = zlib.compressobj(6, zlib.DEFLATED, 31)
    return compressor.compress(data) + compressor.flush()


def _xz(data: bytes) -> bytes:
    import lzma

    return lzma.compress(data)
