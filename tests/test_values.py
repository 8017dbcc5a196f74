import pytest

from pcs_lint.values import parse_boolean


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
