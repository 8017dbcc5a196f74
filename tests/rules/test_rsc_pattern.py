import ctypes
import ctypes.util
import random
import signal

import pytest

from pcs_lint.rules._posix_regex import BADRPT, EBRACK, ECTYPE, ERANGE, ESUBREG, EreError, compile_ere
from pcs_lint.testing import cib, codes_ids, codes_lines, line_of, lint_text

RESOURCES = """
      <primitive id="web1" class="ocf" provider="heartbeat" type="apache"/>
      <primitive id="web2" class="ocf" provider="heartbeat" type="apache"/>
      <primitive id="dbd" class="ocf" provider="heartbeat" type="pgsql"/>
      <clone id="ping-clone"><primitive id="ping" class="ocf" provider="pacemaker" type="ping"/></clone>"""


def lint(pattern: str, resources: str = RESOURCES):
    xml = cib(resources, f'      <rsc_location id="l1" rsc-pattern="{pattern}" node="node1" score="100"/>')
    return xml, lint_text(xml, select=["PCS205"])


# --- the rule


@pytest.mark.parametrize("pattern", ["^web[[:digit:]]$", "web", "!^web", "", "^(web|db)", "web1)?", "^.*$", "pi{0}"])
def test_valid_patterns_that_match_are_silent(pattern):
    assert lint(pattern)[1] == []


def test_invalid_pattern_is_an_error():
    xml, findings = lint("^web[[:digits:]]")
    assert codes_lines(findings) == [("PCS205", line_of(xml, 'id="l1"'))]
    assert codes_ids(findings) == [("PCS205", "l1")]
    assert findings[0].severity.label == "error"
    assert ECTYPE in findings[0].message and "offset 5" in findings[0].message
    # The constraint's node is known: only the pattern is left to the user.
    assert findings[0].hint.startswith("pcs constraint remove l1, then recreate it with a valid pattern: "
                                       "pcs constraint location 'regexp%<pattern>' prefers ")
    assert findings[0].hint.endswith(" prefers node1")


def test_pcre_groups_are_invalid_in_posix():
    _, findings = lint("(?i)^WEB")
    assert [f.severity.label for f in findings] == ["error"]
    assert BADRPT in findings[0].message and "PCRE group" in findings[0].message


def test_leading_bang_is_not_part_of_the_expression():
    # "!*web" would be fine as a regex starting with "!"; Pacemaker strips the "!" first.
    _, findings = lint("!*web")
    assert [f.severity.label for f in findings] == ["error"]


def test_pcre_escape_warns_and_the_pattern_then_matches_nothing():
    xml, findings = lint("^web\\d$")
    assert codes_lines(findings) == [("PCS205", line_of(xml, 'id="l1"'))] * 2
    assert [f.severity.label for f in findings] == ["warning", "warning"]
    idiom, nothing = sorted(findings, key=lambda f: "matches no" in f.message)
    assert "'\\d', PCRE syntax" in idiom.message and "plain character 'd'" in idiom.message
    assert "matches no top-level resource" in nothing.message


def test_pcre_escape_that_happens_to_match():
    # ^db\d matches "dbd": a warning for the idiom, nothing about matching.
    _, findings = lint("^db\\d")
    assert len(findings) == 1 and "PCRE syntax" in findings[0].message


def test_lazy_and_gnu_idioms_and_backslash_in_brackets():
    _, findings = lint("^w.*?[\\w]?\\s*\\b")
    messages = [f.message for f in findings]
    assert len(messages) == 4
    assert any("no lazy quantifiers" in m for m in messages)
    assert any("backslash is an ordinary character" in m for m in messages)
    assert any("'\\s'" in m and "GNU extension" in m for m in messages)
    assert any("'\\b'" in m and "word boundary" in m for m in messages)


def test_matches_only_a_member_of_a_clone():
    _, findings = lint("^ping$")
    assert len(findings) == 1
    assert "'ping'" in findings[0].message and "top-level resources only" in findings[0].message


def test_inverted_pattern_excluding_everything():
    _, findings = lint("!.")
    assert len(findings) == 1 and "excludes every top-level resource" in findings[0].message


def test_guest_connections_are_top_level_resources_for_patterns():
    resources = """
      <primitive id="vm1" class="ocf" provider="heartbeat" type="VirtualDomain">
        <meta_attributes id="vm1-meta"><nvpair id="vm1-rn" name="remote-node" value="guest1"/></meta_attributes>
      </primitive>"""
    assert lint("^guest", resources)[1] == []
    assert len(lint("^nothing", resources)[1]) == 1


def test_templates_are_not_matched_and_plain_rsc_is_not_judged():
    resources = '      <template id="tmpl" class="ocf" provider="heartbeat" type="Dummy"/>'
    assert len(lint("^tmpl", resources)[1]) == 1
    xml = cib(RESOURCES, '      <rsc_location id="l1" rsc="web1" node="node1" score="100"/>')
    assert lint_text(xml, select=["PCS205"]) == []


# --- the ERE reader: glibc's reading, not Python's


@pytest.mark.parametrize("pattern, text, matches", [
    ("a)", "a)", True),             # unmatched ")" is an ordinary character in glibc's ERE
    ("a{,2}b", "b", True),          # {,n} is {0,n}
    ("a**", "aaa", True),           # repeated quantifiers are allowed
    ("[\\d]", "\\", True),           # backslash is literal inside brackets
    ("[\\d]", "1", False),
    ("\\d", "d", True),             # \d is a plain "d"
    ("\\d", "5", False),
    ("[]a]", "]", True),            # "]" first in brackets is literal
    ("[^]a]", "b", True),
    ("[a-]", "-", True),
    ("[[:digit:]]+$", "web12", True),
    ("[[.-.]]", "-", True),
    ("[[=a=]]", "a", True),
    ("(a)\\1", "aa", True),
    ("x$", "x\n", False),           # "$" is the end of the text, not before a newline
    ("a.b", "a\nb", True),          # "." matches a newline without REG_NEWLINE
    ("^(web|db)[0-9]{2}$", "db12", True),
    ("\\<web", "my web", True),
    ("a{1}{2}", "aa", True),
    ("a{0}", "", True),
    ("a{1\\,2}b", "aab", True),     # glibc reads an escaped "," inside braces as ","
])
def test_glibc_semantics(pattern, text, matches):
    assert compile_ere(pattern).search(text) is matches


@pytest.mark.parametrize("pattern, reason", [
    ("(?=a)", BADRPT), ("*a", BADRPT), ("^*", BADRPT), ("a|+", BADRPT), ("{1}", BADRPT),
    ("[a", EBRACK), ("[]", EBRACK), ("[[:alpha:]", EBRACK), ("[[:foo:]]", ECTYPE),
    ("[z-a]", ERANGE), ("[[:alpha:]-z]", ERANGE), ("[a-c-e]", ERANGE), ("\\1", ESUBREG), ("(a)|\\1", ESUBREG),
    ("(a\\1)", ESUBREG),
])
def test_glibc_refusals(pattern, reason):
    with pytest.raises(EreError) as error:
        compile_ere(pattern)
    assert error.value.reason == reason


@pytest.mark.parametrize("pattern", ["a{", "a{1", "a{x}", "a{3,1}", "a{1,32768}", "\\", "(", "[[.ab.]]", "x{1,2,3}"])
def test_more_refusals(pattern):
    with pytest.raises(EreError):
        compile_ere(pattern)


def _glibc():
    name = ctypes.util.find_library("c")
    if name is None or "libc.so.6" not in name:
        pytest.skip("glibc is not available to compare with")
    return ctypes.CDLL(name)


def test_agrees_with_glibc_regcomp_and_regexec():
    """Random patterns over the ERE's tricky characters: same verdict and same matches as glibc."""
    libc = _glibc()
    compiled = ctypes.create_string_buffer(1024)  # larger than any regex_t
    pieces = list("ab()|*+?{}[]^$.\\-:,019=!") + [
        "[:alpha:]", "[:digit:]", "{1,2}", "{2}", "{,3}", "\\1", "\\w", "\\d", "[.a.]", "[=b=]", "(?", "a-b"]
    texts = ["", "a", "b", "ab", "ba", "aab", "a1", "-", "abab", "x", "a]", "\\", "(", ")", "{", "1",
             "a{1}", "b-a", ":", "a.b", "aa", "bb", "abba", "d", "9"]
    generator = random.Random(205)
    disagreements = []
    for _ in range(3000):
        pattern = "".join(generator.choice(pieces) for _ in range(generator.randint(0, 8)))
        refused = libc.regcomp(compiled, pattern.encode(), 1) != 0  # REG_EXTENDED
        expected = None
        if not refused:
            expected = [libc.regexec(compiled, t.encode(), 0, None, 0) == 0 for t in texts]
            libc.regfree(compiled)
        try:
            ere = compile_ere(pattern)
        except EreError:
            if not refused:
                disagreements.append((pattern, "refused by pcs-lint only"))
            continue
        if refused:
            disagreements.append((pattern, "refused by glibc only"))
        elif [ere.search(t) for t in texts] != expected:
            disagreements.append((pattern, "matches differ"))
    assert disagreements == []


# --- patterns a backtracking matcher could hang on: reported as not tested, never run


LONG_ID = "a" * 40 + "-x"  # "aaa...a-x": (a+)+$ backtracks 2**40 times from each start


def lint_within(seconds: int, pattern: str, resources: str = RESOURCES):
    """Lint, interrupted by SIGALRM if it takes more than ``seconds`` (Python's re checks for
    signals while it backtracks): without the guard this would hang, not just run slowly."""
    def interrupt(_signum, _frame):
        raise TimeoutError(f"PCS205 took over {seconds} s on {pattern!r}")

    previous = signal.signal(signal.SIGALRM, interrupt)
    signal.alarm(seconds)
    try:
        return lint(pattern, resources)
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


@pytest.mark.skipif(not hasattr(signal, "SIGALRM"), reason="needs SIGALRM")
@pytest.mark.parametrize("pattern", ["(a+)+$", "(a|a)*b", "a**!", "(a|aa){1,40}$", "!(a*)*$"])
def test_nested_repeats_are_not_tested_and_do_not_hang(pattern):
    resources = RESOURCES + f'\n      <primitive id="{LONG_ID}" class="ocf" provider="heartbeat" type="Dummy"/>'
    xml, findings = lint_within(10, pattern, resources)
    assert codes_lines(findings) == [("PCS205", line_of(xml, 'id="l1"'))]
    assert codes_ids(findings) == [("PCS205", "l1")]
    assert findings[0].severity.label == "info"
    assert f"rsc-pattern '{pattern}' of location constraint 'l1' was not tested" in findings[0].message
    assert "(a+)+ or (a|b)*" in findings[0].message and "cannot tell whether it matches" in findings[0].message
    assert "pcs constraint remove l1" in findings[0].hint and findings[0].hint.endswith("prefers node1")


def test_too_many_repeats_for_a_long_id_are_not_tested():
    # (n+1)**4 paths for an id of n characters: tested for the short ids, not beside a long one.
    assert "matches no top-level resource" in lint(".*.*.*z")[1][0].message
    resources = RESOURCES + f'\n      <primitive id="{LONG_ID}" class="ocf" provider="heartbeat" type="Dummy"/>'
    _, findings = lint_within(10, ".*.*.*z", resources)
    assert [f.severity.label for f in findings] == ["info"]
    assert f"testing an id of 42 characters ('{LONG_ID}') could take over 1,000,000 steps" in findings[0].message


@pytest.mark.parametrize("pattern", ["(ab)*", "^(web|db)[0-9]+$", "a{2}{3}|web", "(a|w)?eb", "(w*)?eb", "(we)+b[12]"])
def test_repeats_without_nesting_are_tested_as_usual(pattern):
    resources = RESOURCES + f'\n      <primitive id="{LONG_ID}" class="ocf" provider="heartbeat" type="Dummy"/>'
    assert lint(pattern, resources)[1] == []


def test_a_nested_repeat_with_no_resource_to_test_matches_nothing():
    xml = cib("", '      <rsc_location id="l1" rsc-pattern="(a+)+$" node="node1" score="100"/>', fencing=False)
    findings = lint_text(xml, select=["PCS205"])
    assert [f.severity.label for f in findings] == ["warning"]
    assert "matches no top-level resource" in findings[0].message


@pytest.mark.parametrize("pattern, nested, choices", [
    ("(a+)+$", True, (None, None)),
    ("(a|a)*b", True, (2, None)),
    ("a**", True, (None, None)),
    ("(a|b){1,2}", True, (2, 2)),      # a bounded repeat of alternatives nests too
    ("(a|b)?", False, (2, 2)),         # at most once: no repetition
    ("(a*)?", False, (None, 2)),
    ("a{2}{3}", False, ()),            # fixed counts offer no choice
    ("x{3,5}y{2,}", False, (3, None)),
    ("^(web|db)-[0-9]+$", False, (2, None)),
    ("(ab)*", False, (None,)),
])
def test_reader_records_what_a_backtracking_search_may_try(pattern, nested, choices):
    ere = compile_ere(pattern)
    assert (ere.nested_repeat, ere.choices) == (nested, choices)


def test_search_cost_bounds_the_paths_and_stops_at_the_cap():
    assert compile_ere("^(web|db)-[0-9]+$").search_cost(20, 10**6) == 21 * 2 * 21
    assert compile_ere("web").search_cost(3, 10**6) == 4
    assert compile_ere(".*.*.*z").search_cost(40, 10**6) == 10**6
    assert compile_ere("(a+)+").search_cost(1, 10**6) == 10**6
