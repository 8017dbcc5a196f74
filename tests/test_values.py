import pytest

from pcs_lint.values import SCHEMA_NEXT, SCHEMA_NONE, SCORE_INFINITY, parse_boolean, parse_score, schema_version


@pytest.mark.parametrize("text", ["true", "TRUE", "on", "Yes", "y", "1"])
def test_true_spellings(text):
    assert parse_boolean(text) is True


@pytest.mark.parametrize("text", ["false", "False", "OFF", "no", "N", "0"])
def test_false_spellings(text):
    assert parse_boolean(text) is False


@pytest.mark.parametrize("text", [None, "", " true", "true ", "2", "enabled", "tru"])
def test_anything_else_is_not_a_boolean(text):
    # Pacemaker neither trims nor accepts other numbers: the option falls back to its default.
    assert parse_boolean(text) is None


# ---------------------------------------------------------------- scores


@pytest.mark.parametrize(("text", "score"), [
    (None, 0),
    ("", 0),
    ("0", 0),
    ("100", 100),
    ("+100", 100),
    ("-100", -100),
    # the three infinities, compared exactly
    ("INFINITY", SCORE_INFINITY),
    ("+INFINITY", SCORE_INFINITY),
    ("-INFINITY", -SCORE_INFINITY),
    ("infinity", 0),
    ("-Infinity", 0),
    (" INFINITY", 0),
    ("INFINITY ", 0),
    # strtoll: leading white space and sign, then digits; the rest is ignored
    ("  42", 42),
    ("\t-7", -7),
    ("10abc", 10),
    ("1_000", 1),
    ("1.5", 1),
    ("1e3", 1),
    ("0x10", 0),
    ("abc", 0),
    ("-", 0),
    ("+ 5", 0),
    # clamped to ±INFINITY, however large
    ("1000000", SCORE_INFINITY),
    ("1000001", SCORE_INFINITY),
    ("-2000000", -SCORE_INFINITY),
    ("9223372036854775807", SCORE_INFINITY),
    # ...but pcmk__scan_ll discards a number that overflows a long long: 0
    ("99999999999999999999999", 0),
    ("-9223372036854775809", 0),
    # node-health colours: 0 under the default strategy, in any case
    ("red", 0),
    ("YELLOW", 0),
    ("Green", 0),
    ("redder", 0),
])
def test_scores_read_as_char2score_reads_them(text, score):
    assert parse_score(text) == score


@pytest.mark.parametrize(("text", "score"), [
    ("red", -SCORE_INFINITY),
    ("RED", -SCORE_INFINITY),
    ("yellow", -10),
    ("green", 0),  # a colour the strategy leaves out
    ("INFINITY", SCORE_INFINITY),  # the table changes nothing else
    ("5", 5),
])
def test_health_colours_take_the_strategys_scores(text, score):
    assert parse_score(text, {"red": -SCORE_INFINITY, "yellow": -10}) == score


# ---------------------------------------------------------------- schema names


@pytest.mark.parametrize(("text", "version"), [
    ("pacemaker-3.9", (3, 9)),
    ("pacemaker-3.10", (3, 10)),
    ("pacemaker-1.2", (1, 2)),
    ("pacemaker-0.6", (0, 6)),
    ("pacemaker-255.255", (255, 255)),
    # not a numbered schema
    (None, None),
    ("", None),
    (SCHEMA_NEXT, None),
    (SCHEMA_NONE, None),
    ("pacemaker-256.0", None),
    ("pacemaker-3.1000", None),
    ("pacemaker-3", None),
    ("pacemaker-3.9.1", None),
    ("pacemaker-3.9 ", None),
    (" pacemaker-3.9", None),
    ("Pacemaker-3.9", None),
    ("pacemaker-x.y", None),
    ("transitional-0.6", None),
])
def test_schema_versions(text, version):
    assert schema_version(text) == version


# ---------------------------------------------------------------- the C readers, against C itself
#
# Each reader in pcs_lint.values claims to read like one C function. These tests ask that
# function: glibc's atoi/strtol/sscanf, and Pacemaker 2.1.5's own libcrmcommon (char2score,
# pcmk__scan_ll, pcmk__scan_min_int, crm_get_msec, crm_parse_interval_spec), over generated
# texts: signs, C and Unicode white space and digits, the edges of int and long long, and
# numbers of 5,001 and 100,000 digits (zero-padded or not).

import ctypes  # noqa: E402
import ctypes.util  # noqa: E402
import itertools  # noqa: E402

from pcs_lint.durations import MAX_MS, parse_interval, parse_timeout  # noqa: E402
from pcs_lint.values import (  # noqa: E402
    c_atoi,
    pcmk_scan_ll,
    scan_c_integer,
    scan_c_unsigned,
    scan_min_int,
)

_LIBC = ctypes.CDLL(ctypes.util.find_library("c"), use_errno=True)
_LIBC.atoi.restype, _LIBC.atoi.argtypes = ctypes.c_int, [ctypes.c_char_p]
_LIBC.strtol.restype = ctypes.c_long
_LIBC.strtol.argtypes = [ctypes.c_char_p, ctypes.POINTER(ctypes.c_char_p), ctypes.c_int]


def _crmcommon():
    try:
        lib = ctypes.CDLL("libcrmcommon.so.34")
    except OSError:
        return None
    lib.char2score.restype, lib.char2score.argtypes = ctypes.c_int, [ctypes.c_char_p]
    lib.pcmk__scan_ll.argtypes = [ctypes.c_char_p, ctypes.POINTER(ctypes.c_longlong), ctypes.c_longlong]
    lib.pcmk__scan_min_int.argtypes = [ctypes.c_char_p, ctypes.POINTER(ctypes.c_int), ctypes.c_int]
    lib.crm_get_msec.restype, lib.crm_get_msec.argtypes = ctypes.c_longlong, [ctypes.c_char_p]
    lib.crm_parse_interval_spec.restype = ctypes.c_uint
    lib.crm_parse_interval_spec.argtypes = [ctypes.c_char_p]
    return lib


_CRM = _crmcommon()
needs_crmcommon = pytest.mark.skipif(_CRM is None, reason="Pacemaker's libcrmcommon.so.34 is not installed")


def _texts() -> list[str]:
    numbers = ["0", "7", "3121", "65535", "65536", "2147483647", "2147483648", "4294967295", "4294970417",
               "9223372036854775807", "9223372036854775808", "18446744073709551615", "18446744073709551616",
               "99999999999999999999", "9" * 5_001, "0" * 5_000 + "42", "0" * 100_000 + "3122", "9" * 100_000]
    prefixes = ["", "-", "+", " ", "\t\v\f\r\n-", "\u00a0", "+-", "0x"]
    suffixes = ["", "abc", ".5", " 7", "٣"]
    texts = [p + n + s for p, n, s in itertools.product(prefixes, numbers, suffixes)]
    return texts + ["", "abc", "-", "+", " ", "٣", "٣2", "²", "1_000", "\u20073"]


TEXTS = _texts()


def _ids(text: str) -> str:
    return repr(text[:16] + (f"…{len(text)}" if len(text) > 16 else ""))


@pytest.mark.parametrize("text", TEXTS, ids=_ids)
def test_c_atoi_is_glibc_atoi(text):
    assert c_atoi(text) == _LIBC.atoi(text.encode())


@pytest.mark.parametrize("text", TEXTS, ids=_ids)
def test_scan_c_integer_is_strtol_with_its_end_and_errno(text):
    end = ctypes.c_char_p()
    data = text.encode()
    buffer = ctypes.create_string_buffer(data)
    ctypes.set_errno(0)
    value = _LIBC.strtol(buffer, ctypes.byref(end), 10)
    overflow = ctypes.get_errno() == 34  # ERANGE
    consumed = ctypes.cast(end, ctypes.c_void_p).value - ctypes.addressof(buffer)
    read = scan_c_integer(text)
    if read is None:
        assert (value, consumed) == (0, 0)
    else:
        assert (read.value, len(text[:read.end].encode()), read.clipped) == (value, consumed, overflow)


@pytest.mark.parametrize("text", TEXTS, ids=_ids)
def test_scan_c_unsigned_is_sscanf_percent_u(text):
    value = ctypes.c_uint()
    filled = _LIBC.sscanf(text.encode(), b"%u", ctypes.byref(value))
    read = scan_c_unsigned(text)
    assert (read.value if read else None) == (value.value if filled == 1 else None)


@needs_crmcommon
@pytest.mark.parametrize("text", TEXTS, ids=_ids)
def test_readers_agree_with_pacemakers_libcrmcommon(text):
    data = text.encode()
    assert parse_score(text) == _CRM.char2score(data)
    scanned = ctypes.c_longlong()
    _CRM.pcmk__scan_ll(data, ctypes.byref(scanned), 7)
    assert pcmk_scan_ll(text, 7) == scanned.value
    for minimum in (0, 1):
        result = ctypes.c_int()
        _CRM.pcmk__scan_min_int(data, ctypes.byref(result), minimum)
        assert scan_min_int(text, minimum) == result.value


@needs_crmcommon
@pytest.mark.parametrize("unit", ["", "s", "ms", "us", "min", "h", "x"])
@pytest.mark.parametrize("text", [t for t in TEXTS if not t.startswith(("-", "\t", "\u00a0", "+"))], ids=_ids)
def test_durations_agree_with_pacemakers_libcrmcommon(text, unit):
    value = text + unit
    msec = _CRM.crm_get_msec(value.encode())
    timeout = parse_timeout(value)
    assert (timeout.ms if timeout.valid else -1) == (min(msec, MAX_MS) if msec >= 0 else -1)
    interval = parse_interval(value)
    assert (interval.ms if interval.valid else 0) == _CRM.crm_parse_interval_spec(value.encode())


@needs_crmcommon
@pytest.mark.parametrize("amount", ["1", "2147483647", "2147483648", "9999999999", "4294967295", "-4294967295",
                                    ":5", "0000000001", "00000000001", "9" * 5_001, "0" * 5_000 + "5", "٣"])
# (Years are left out: for millions of years Pacemaker 2.1.5 overflows its day count, which
# durations.py does not model.)
@pytest.mark.parametrize("unit", ["S", "TM", "H", "D", "W", "M"])
def test_iso_durations_with_huge_amounts_agree_with_libcrmcommon(amount, unit):
    value = f"P{unit[:-1]}{amount}{unit[-1]}"
    interval = parse_interval(value)
    assert (interval.ms if interval.valid else 0) == _CRM.crm_parse_interval_spec(value.encode())
