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
    ("99999999999999999999999", SCORE_INFINITY),
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
