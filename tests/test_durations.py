"""Pacemaker's reading of intervals and timeouts (pcs_lint.durations).

Every expected value below was measured with Pacemaker 2.1.5's own parser
(crm_parse_interval_spec / crm_get_msec from libcrmcommon.so.34), not derived from the helper.
"""

import pytest

from pcs_lint.durations import MAX_MS, format_ms, parse_interval, parse_timeout

SECOND, MINUTE, HOUR, DAY = 1000, 60_000, 3_600_000, 86_400_000

# text -> milliseconds Pacemaker uses; None when it rejects the text (an interval becomes 0).
PLAIN = [
    ("10", 10 * SECOND),  # a bare number is seconds
    (" 100 ", 100 * SECOND),
    ("\t100\n", 100 * SECOND),
    ("\f10", 10 * SECOND),  # form feed is white space too
    ("0", 0),
    ("0s", 0),
    ("100ms", 100),
    ("100 MSEC", 100),  # units are case-insensitive
    ("1000US", 1),
    ("7000usec", 7),
    ("12s", 12 * SECOND),
    ("12 sec", 12 * SECOND),
    ("1m", MINUTE),
    ("13 min", 13 * MINUTE),
    ("5 minutes", 5 * MINUTE),
    ("2\th", 2 * HOUR),
    ("1 hr", HOUR),
    ("5 HOURS", 5 * HOUR),
    ("1.5m", MINUTE),  # the fraction is truncated
    ("1.2.3s", SECOND),
    ("1 micro", MINUTE),  # unit matched by prefix: "m" is minutes, "micro" is not "ms"/"us"
    ("10sfoo", 10 * SECOND),
    ("10 s x", 10 * SECOND),
    ("4294967s", 4_294_967_000),
    ("4294968s", MAX_MS),  # capped at about 49.7 days
    ("-5s", None),  # negative
    ("-100ms", None),
    ("5d", None),  # no day unit
    ("5 d", None),
    ("1e3", None),
    (".5s", None),
    ("abcxyz", None),
    ("100xs", None),
    ("s", None),
    ("", None),
    ("   ", None),
]

ISO = [
    ("PT5M", 5 * MINUTE),
    ("PT30S", 30 * SECOND),
    ("PT24H", DAY),
    ("PT25H", 25 * HOUR),  # hours are not folded into days
    ("PT5M1H", HOUR + 5 * MINUTE),  # any order
    ("PT5M5M", 10 * MINUTE),  # repeated amounts add up
    ("PT05M", 5 * MINUTE),
    ("PT+5M", 5 * MINUTE),
    ("P1H", HOUR),  # H and S need no T
    ("P1S", SECOND),
    ("PTT5M", 5 * MINUTE),
    ("PT5M junk", 5 * MINUTE),  # white space ends the duration
    ("PT1H/PT2H", HOUR),  # so does a slash
    ("P1M", 30 * DAY),  # months before T: 30 days each
    ("P2M", MAX_MS),
    ("P5M", MAX_MS),
    ("P1D", 0),  # Pacemaker 2.1 counts days one short
    ("P2D", DAY),
    ("P3D", 2 * DAY),
    ("P1W", 6 * DAY),
    ("P2W", 13 * DAY),
    ("P1W1D", 7 * DAY),
    ("P1DT1H", HOUR),
    ("P1DT24H", DAY),
    ("P5DT", 4 * DAY),
    ("P1D2D", 2 * DAY),
    ("P49D", 48 * DAY),
    ("P1M1D", 30 * DAY),
    ("P1Y", 0),  # years count the days of the years before year Y
    ("P1Y1Y", 0),  # Y replaces, it does not add
    ("P1Y2D", DAY),
    ("P2Y", MAX_MS),
    ("P1Y1M", 30 * DAY),
    ("P0D", 0),
    ("PT0S", 0),
    ("PT", 0),
    ("P-1D", 0),
    ("P2DT-1H", 23 * HOUR),
    ("PT2147483647S", MAX_MS),
    ("P100000D", MAX_MS),
    ("P", None),
    ("P ", None),
    ("PT 5M", 0),  # the duration ends at the space: "PT" alone
    ("PT1.5M", None),  # integers only
    ("P1.5D", None),
    ("PT5m", None),  # ISO units are upper case
    ("Pt5m", None),
    ("PT5MX", None),
    ("PT5", None),
    ("PT-5M", None),  # adds up to less than 0
    ("P1DT-1H", None),
    ("PT2147483648S", None),  # an amount must fit a C int
]

LOWER_CASE_ISO = [("pt5m", None), (" PT5M", None), ("p1d", None)]  # ISO only with a leading upper-case P


@pytest.mark.parametrize(("text", "ms"), PLAIN + ISO + LOWER_CASE_ISO)
def test_interval_as_pacemaker_reads_it(text, ms):
    duration = parse_interval(text)
    assert duration.ms == ms
    assert duration.valid is (ms is not None)
    if ms is None:
        assert duration.form == "invalid" and duration.problem
    else:
        assert duration.form == ("iso" if text.startswith("P") else "plain")


@pytest.mark.parametrize(("text", "ms"), PLAIN)
def test_timeouts_take_the_plain_form(text, ms):
    assert parse_timeout(text).ms == ms


@pytest.mark.parametrize("text", ["PT30S", "PT5M", "P1D", "pt5m"])
def test_timeouts_refuse_iso(text):
    duration = parse_timeout(text)
    assert duration.ms is None and not duration.valid
    assert "ISO 8601" in duration.problem


def test_missing_interval_is_zero_and_missing_timeout_is_no_value():
    assert parse_interval(None).ms == 0
    assert parse_timeout(None).ms is None


@pytest.mark.parametrize(
    ("text", "surprise"),
    [
        ("1.5m", "fraction"),
        ("1 micro", "minutes"),
        ("10sfoo", "seconds"),
        ("10 s x", "seconds"),
        ("4294968s", "capped"),
        ("P5M", "months"),
        ("P1D", "one day short"),
        ("P1W", "one day short"),
        ("P1Y", "year"),
        ("PT", "no amount"),
        ("P2DT-1H", "negative"),
    ],
)
def test_lossy_readings_are_explained(text, surprise):
    assert any(surprise in s for s in parse_interval(text).surprises)


@pytest.mark.parametrize("text", ["10", "10s", "10 sec", "5 minutes", "100ms", "2 hrs", "PT5M", "P1H", "PT24H", "0"])
def test_honest_values_have_no_surprises(text):
    assert parse_interval(text).surprises == ()


@pytest.mark.parametrize(
    ("text", "problem"),
    [("pt5m", "upper-case P"), ("5d", "unit"), ("-5s", "number"), (".5s", "whole number"), ("PT1.5M", "ISO 8601")],
)
def test_invalid_values_say_why(text, problem):
    assert problem in parse_interval(text).problem


@pytest.mark.parametrize(("ms", "text"), [(90_000, "90s"), (3_600_000, "1h"), (120_000, "2min"), (1500, "1500ms"), (0, "0ms")])
def test_format_ms(ms, text):
    assert format_ms(ms) == text
