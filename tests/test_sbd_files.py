"""The SBD file reader (lint/sbd.py on lint/sysconfig.py) and the sbd dump reader
(lint/sbd_dump.py). The dumps under tests/sbd_dumps are real sbd 1.5.2 output (see its README);
the readings of SBD_* values were measured with the real sbd where noted in lint/sbd.py."""

from __future__ import annotations

from pathlib import Path

import pytest

from pcs_lint.rules._option_schemas import validate
from pcs_lint.sbd import sbd_settings, watchdog_seconds
from pcs_lint.sbd_dump import DumpError, parse_dump_bytes, parse_dump_text
from pcs_lint.sysconfig import SBD_SCHEMA, VALUE_NOT_SHOWN, parse_env_text

DUMPS = Path(__file__).parent / "sbd_dumps"


def settings(text: str):
    return sbd_settings(parse_env_text(text, node="node1", path="node1.sbd", schema=SBD_SCHEMA))


def timeouts(dump) -> dict[str, int]:
    return {name: value.seconds for name, value in dump.header().timeouts.items()}


def test_default_dump_has_sbd_defaults():
    dump = parse_dump_text((DUMPS / "default-5-10.txt").read_text(), device="/dev/loop0", path="d.txt")
    assert timeouts(dump) == {"watchdog": 5, "allocate": 2, "loop": 1, "msgwait": 10}
    header = dump.header()
    assert header.fields == {"version": "2.1", "uuid": "c70b8d12-cd74-4b91-bb40-e3dea97f7f95",
                             "slots": "255", "sector_size": "512"}
    assert (header.line, header.timeout("msgwait").line) == (1, 9)


def test_two_disks_each_device_finds_its_own_header():
    text = (DUMPS / "two-disks.txt").read_text()
    assert timeouts(parse_dump_text(text, device="/dev/loop1", path="d")) == {
        "watchdog": 30, "allocate": 2, "loop": 1, "msgwait": 60}
    assert timeouts(parse_dump_text(text, device="/dev/loop0", path="d"))["msgwait"] == 10
    # Neither disk named: two readable headers, so which one is meant cannot be told.
    assert parse_dump_text(text, device="/dev/sdz", path="d").header() is None


def test_unreadable_disk_is_skipped_and_the_readable_one_used():
    dump = parse_dump_text((DUMPS / "one-unreadable.txt").read_text(), device="/dev/sdz", path="d")
    assert timeouts(dump)["msgwait"] == 10


@pytest.mark.parametrize("data", [b"", b"hello\n", b"Timeout (msgwait) : 10\n", b"\x00" * 10,
                                  b"==Dumping header on disk /dev/x\nTimeout (msgwait) : 99999999999\n"])
def test_text_that_is_no_dump_is_refused(data):
    with pytest.raises(DumpError):
        parse_dump_bytes(data, device="/dev/x", path="d")


@pytest.mark.parametrize(("text", "seconds"), [
    # Measured with sbd 1.5.2: SBD_WATCHDOG_TIMEOUT=<text> sbd -d /dev/loop1 create, then dump.
    ("10", 10), ("10s", 10), ("1min", 60), ("15000ms", 15), ("2.9", 2), ("500ms", 0), ("5x", 0), ("abc", 0),
])
def test_watchdog_timeout_read_as_sbd_reads_it(text, seconds):
    assert watchdog_seconds(text) == seconds


def test_empty_watchdog_timeout_is_the_default():
    assert settings('SBD_WATCHDOG_TIMEOUT=""\n').watchdog_timeout.value == 5  # measured


def test_device_list_as_sbd_splits_it():
    # Measured: " a ; b ", "a;;b" and "a;b;a;b" all give two devices.
    read = settings('SBD_DEVICE=" /dev/a ;; /dev/b;/dev/a"\n')
    assert read.devices == ("/dev/a", "/dev/b")
    assert read.device_entries == ("/dev/a", "", "/dev/b", "/dev/a")
    assert settings("SBD_DEVICE=/dev/a,/dev/b\n").devices == ("/dev/a,/dev/b",)  # a comma does not separate


def test_booleans_delay_and_start_mode():
    read = settings("SBD_PACEMAKER=bogus\nSBD_DELAY_START=1\nSBD_STARTMODE=Clean\n")
    assert (read.pacemaker, read.delay_start, read.start_mode) == (False, True, "always")
    read = settings("SBD_DELAY_START=30\nSBD_STARTMODE=clean\n")
    assert (read.pacemaker, read.delay_start, read.start_mode) == (True, 30, "clean")


def test_unknown_sbd_name_gets_a_suggestion_and_other_names_are_not_judged():
    issues = validate(SBD_SCHEMA, {"SBD_WATCHDOG_TIMOUT": ("5", None), "LANG": ("C", None)})
    assert [(i.name, i.kind, i.suggestion) for i in issues] == [("SBD_WATCHDOG_TIMOUT", "unknown-name", "SBD_WATCHDOG_TIMEOUT")]


@pytest.mark.parametrize(("name", "value", "valid"), [
    ("SBD_TIMEOUT_ACTION", "flush,reboot", True), ("SBD_TIMEOUT_ACTION", "off", True),
    ("SBD_TIMEOUT_ACTION", "Reboot", False), ("SBD_TIMEOUT_ACTION", "flush,reboot,off", False),
    ("SBD_STARTMODE", "clean", True), ("SBD_STARTMODE", "Clean", False),
    ("SBD_WATCHDOG_TIMEOUT", "10s", True), ("SBD_WATCHDOG_TIMEOUT", "500ms", False),
    ("SBD_DEVICE", "/dev/disk/by-id/a;/dev/b", True), ("SBD_DEVICE", "disk.img", False),
])
def test_value_types(name, value, valid):
    assert (validate(SBD_SCHEMA, {name: (value, None)}) == ()) is valid


def test_device_paths_are_shown_and_other_values_are_not():
    env = parse_env_text('SBD_DEVICE="/dev/disk/by-id/wwn-0x5000"\nSBD_OPTS="-x hunter2"\n'
                         'SBD_WATCHDOG_TIMEOUT="5 hunter2"\n', node="n", path="n", schema=SBD_SCHEMA)
    assert env.shown_line(1) == 'SBD_DEVICE=/dev/disk/by-id/wwn-0x5000'
    assert env.shown_line(2) == "SBD_OPTS=" + VALUE_NOT_SHOWN
    assert env.shown_line(3) == "SBD_WATCHDOG_TIMEOUT=" + VALUE_NOT_SHOWN
